using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Presentation;

/// <summary>How people read the codes the workflow and the domain keep in English (one place for every label).</summary>
public static class Labels
{
    public static string Action(string? action) => action switch
    {
        "Approve" => "Đồng ý",
        "Reject" => "Không đồng ý",
        "Return" => "Trả lại để bổ sung",
        "Submitted" => "Đã nộp",
        "Done" => "Hoàn thành",
        "Complete" => "Hồ sơ đầy đủ, tiếp nhận",
        "Supplement" => "Yêu cầu bổ sung (một lần)",
        "Resubmitted" => "Đã bổ sung hồ sơ",
        "Eligible" => "Đủ điều kiện",
        "Ineligible" => "Không đủ điều kiện",
        "Hold" => "Tạm dừng xét",
        "Continue" => "Tiếp tục xét",
        "Stop" => "Dừng xét",
        "Sign" => "Ký tờ trình",
        "Resubmit" => "Hoàn thiện, trình lại",
        "Close" => "Đóng hồ sơ",
        "Forwarded" => "Đã chuyển quyết định đến đơn vị",
        "Accept" => "Chấp nhận",
        null => "",
        _ => action,
    };

    /// <summary>Actions that end or refuse something: the page asks for confirmation before they are sent.</summary>
    public static bool IsIrreversible(string action) => action is "Reject" or "Ineligible" or "Stop" or "Close";

    public static string TaskEvent(string code) => code switch
    {
        "Created" => "Giao việc",
        "Reminded" => "Nhắc việc",
        "Escalated" => "Báo quá hạn",
        "Reassigned" => "Giao lại",
        "Cancelled" => "Hủy",
        "Claimed" => "Nhận việc",
        _ when code.StartsWith("Decided: ", StringComparison.Ordinal) => "Quyết định: " + Action(code["Decided: ".Length..]),
        _ => code,
    };

    public static string NominationEvent(string code) => code switch
    {
        "Created" => "Lập hồ sơ",
        "Submitted" => "Đơn vị nộp hồ sơ",
        "AttachmentAdded" => "Thêm tài liệu",
        "StatusChanged" => "Chuyển bước",
        "DossierComplete" => "Tiếp nhận hồ sơ đầy đủ",
        "SupplementRequested" => "Yêu cầu bổ sung",
        "PutOnHold" => "Tạm dừng xét",
        "HoldReleased" => "Tiếp tục xét",
        "ObjectionReceived" => "Nhận ý kiến của Nhân dân",
        "CouncilVoted" => "Hội đồng bỏ phiếu",
        "Decided" => "Chủ tịch UBND xã quyết định",
        "SubmittedToProvince" => "Trình cấp trên",
        "ProvinceDecided" => "Cấp trên khen thưởng",
        "ProvinceReturned" => "Cấp trên trả lại",
        "ProvinceReminder" => "Nhắc theo dõi kết quả cấp trên",
        "UnitNotified" => "Thông báo đơn vị",
        _ => "Cập nhật hồ sơ",
    };

    public static string CommendationType(string code) => code switch
    {
        "Merit" => "Công trạng",
        "Sudden" => "Đột xuất",
        "Thematic" => "Phong trào thi đua, chuyên đề",
        "LongService" => "Quá trình cống hiến",
        "Foreign" => "Đối ngoại",
        _ => code,
    };

    public static readonly IReadOnlyList<(string Value, string Label)> CommendationTypes =
        [("Merit", "Công trạng"), ("Sudden", "Đột xuất"), ("Thematic", "Phong trào thi đua, chuyên đề"), ("LongService", "Quá trình cống hiến"), ("Foreign", "Đối ngoại")];

    public static readonly IReadOnlyList<(string Value, string Label)> NomineeKinds =
        [("Individual", "Cá nhân"), ("Collective", "Tập thể (đơn vị đề nghị)"), ("Household", "Hộ gia đình")];

    public static readonly IReadOnlyList<(string Value, string Label)> PerformanceRatings =
        [("Excellent", "Hoàn thành xuất sắc nhiệm vụ"), ("Good", "Hoàn thành tốt nhiệm vụ"), ("Completed", "Hoàn thành nhiệm vụ"), ("NotCompleted", "Không hoàn thành nhiệm vụ")];

    public static string Role(string role) => role switch
    {
        Roles.Administrator => "Quản trị hệ thống",
        Roles.Office => "Phòng Văn hóa - Xã hội",
        Roles.OfficeHead => "Trưởng phòng Văn hóa - Xã hội",
        Roles.UnitSubmitter => "Đơn vị đề nghị",
        Roles.CouncilMember => "Thành viên Hội đồng TĐKT",
        Roles.CouncilSecretary => "Thư ký Hội đồng TĐKT",
        Roles.Chair => "Chủ tịch UBND xã",
        Roles.Clerk => "Văn thư",
        _ => role,
    };

    public static string Attendance(string code) => code switch
    {
        "Present" => "Có mặt",
        "Absent" => "Vắng (gửi phiếu bằng văn bản)",
        _ => "Chưa điểm danh",
    };

    public static string SessionStatus(string code) => CouncilSessionStateMachine.Parse(code) switch
    {
        CouncilSessionStatus.Open => "Đang bỏ phiếu",
        CouncilSessionStatus.Counting => "Đang kiểm phiếu",
        _ => "Đã kiểm phiếu",
    };

    /// <summary>The outboxes, as the administrator reads them.</summary>
    public static string OutboxBox(string box) => box switch
    {
        "workflow" => "Việc sau mỗi bước quy trình",
        "mail" => "Thư điện tử",
        "signal" => "Tín hiệu từ hồ sơ tới quy trình",
        _ => box,
    };

    /// <summary>What an outbox row was to do: a message kind of a workflow, or a signal to a nomination's workflow.</summary>
    public static string OutboxSubject(string box, string subject) => box switch
    {
        "mail" => subject,
        _ => subject switch
        {
            "task.created" => "Giao việc và gửi thư mời",
            "task.reminder" => "Nhắc việc",
            "task.escalation" => "Báo việc quá hạn",
            "task.completed" => "Ghi nhận việc đã xử lý",
            "task.cancelled" => "Hủy việc",
            "timer.schedule" => "Đặt hẹn giờ",
            "workflow.start-child" => "Chạy quy trình con",
            "workflow.child-completed" => "Báo quy trình con đã xong",
            "workflow.cancel-child" => "Hủy quy trình con",
            "nomination.status" => "Cập nhật bước của hồ sơ",
            "nomination.received" => "Tiếp nhận hồ sơ",
            "nomination.supplement" => "Yêu cầu bổ sung hồ sơ",
            "nomination.hold" => "Tạm dừng xét hồ sơ",
            "nomination.decide" => "Ghi nhận quyết định",
            "nomination.province-submit" => "Trình cấp trên",
            "nomination.province-reminder" => "Nhắc theo dõi kết quả cấp trên",
            "nomination.notify" => "Thông báo đơn vị",
            "ThiDua.Nominations.HoldReleased" => "Tiếp tục xét sau tạm dừng",
            "ThiDua.Nominations.Objection" => "Ý kiến của Nhân dân",
            "ThiDua.Nominations.PostingEnds" => "Hết thời gian công khai",
            "ThiDua.Nominations.CouncilResult" => "Kết quả bỏ phiếu của Hội đồng",
            "ThiDua.Nominations.ProvinceOutcome" => "Kết quả của cấp trên",
            "ThiDua.Nominations.ProvinceReminder" => "Nhắc theo dõi kết quả cấp trên",
            _ => "Thao tác " + subject,
        },
    };

    public static readonly IReadOnlyList<(string Code, string Label)> AuditActions =
    [
        ("document.issued", "Cấp số văn bản"),
        ("council.votes-counted", "Kiểm phiếu Hội đồng"),
        ("account.signed-in", "Đăng nhập"),
        ("account.sign-in-failed", "Đăng nhập sai"),
        ("settings.user-created", "Tạo người dùng"),
        ("settings.user-enabled", "Mở khóa người dùng"),
        ("settings.user-disabled", "Khóa người dùng"),
        ("settings.password-reset", "Đặt lại mật khẩu"),
        ("settings.award-changed", "Sửa danh mục khen thưởng"),
        ("settings.person-added", "Thêm cá nhân"),
        ("settings.council-seats", "Sửa thành phần Hội đồng"),
        ("settings.template-uploaded", "Thay mẫu văn bản"),
        ("settings.template-restored", "Khôi phục mẫu văn bản gốc"),
        ("register.series-set", "Đặt số tiếp theo của sổ văn bản"),
        ("register.renumbered", "Ghi số văn bản theo sổ của xã"),
        ("settings.discipline-recorded", "Ghi nhận kỷ luật"),
    ];

    public static string AuditAction(string code) => AuditActions.FirstOrDefault(a => a.Code == code).Label ?? code;

    public static string AuditActor(string actor, IReadOnlyDictionary<string, string> names) => actor switch
    {
        "system" => "Hệ thống",
        "workflow" => "Quy trình",
        "anonymous" => "Người chưa đăng nhập",
        _ => names.GetValueOrDefault(actor, actor),
    };

    private static readonly Dictionary<string, string> AuditKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["address"] = "Địa chỉ", ["kind"] = "Loại", ["title"] = "Trích yếu", ["year"] = "Năm", ["subject"] = "Hồ sơ",
        ["minutes"] = "Biên bản", ["members"] = "Thành viên", ["present"] = "Có mặt", ["items"] = "Kết quả", ["roles"] = "Vai trò",
        ["unit"] = "Đơn vị", ["before"] = "Trước", ["after"] = "Sau", ["fullName"] = "Họ tên",
    };

    /// <summary>An audit entry's facts as "Label: value; …" (nested values stay compact JSON).</summary>
    public static string AuditDetail(string? detail)
    {
        if (string.IsNullOrEmpty(detail)) return "";
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(detail) is not System.Text.Json.Nodes.JsonObject facts) return detail;
            return string.Join("; ", facts.Select(f => $"{AuditKeys.GetValueOrDefault(f.Key, f.Key)}: {(f.Value is System.Text.Json.Nodes.JsonValue v ? v.ToString() : f.Value?.ToJsonString() ?? "—")}"));
        }
        catch (System.Text.Json.JsonException)
        {
            return detail;
        }
    }
}
