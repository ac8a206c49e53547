namespace ThiDua.Workflows.Web.Presentation;

/// <summary>Workflow instance statuses and journal events in Vietnamese, for the instance viewer.</summary>
public static class InstanceLabels
{
    public static string Status(string status) => status switch
    {
        "Running" => "Đang chạy",
        "Suspended" => "Đang chờ",
        "Finished" => "Đã xong",
        "Faulted" => "Gặp sự cố",
        "Cancelled" => "Đã hủy",
        _ => status,
    };

    public static string Event(string name) => name switch
    {
        "WorkflowStarted" => "Bắt đầu quy trình",
        "WorkflowFinished" => "Kết thúc quy trình",
        "WorkflowSuspended" => "Quy trình chờ",
        "WorkflowFaulted" => "Quy trình gặp sự cố",
        "WorkflowCancelled" => "Hủy quy trình",
        "Started" => "Bắt đầu bước",
        "Resumed" => "Tiếp tục bước",
        "Bookmarked" => "Chờ tại bước",
        "Completed" => "Xong bước",
        "Cancelled" => "Hủy bước",
        "Faulted" => "Bước gặp sự cố",
        _ => name,
    };
}
