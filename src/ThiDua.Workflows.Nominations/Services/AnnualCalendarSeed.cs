using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// The commune's year as the rules give it (domain-rules §5.7, Bắc Ninh's calendar where Hà Tĩnh's is not known):
/// the office changes the dates to its province's in the calendar page.
/// </summary>
public static class AnnualCalendarSeed
{
    public static IReadOnlyList<CalendarDeadline> All() =>
    [
        new()
        {
            Id = "dang-ky-thi-dua", Order = 1, Title = "Đăng ký thi đua đầu năm", DueMonth = 3, DueDay = 31,
            Description = "Đơn vị đăng ký danh hiệu thi đua của tập thể và cá nhân, gửi bản đăng ký về Phòng Văn hóa - Xã hội.",
            Audience = CalendarAudience.Units, Fulfilment = CalendarFulfilment.Task, OpensDaysBefore = 45, Reminders = "5,1",
        },
        new()
        {
            Id = "so-ket-6-thang", Order = 2, Title = "Báo cáo sơ kết 6 tháng", DueMonth = 6, DueDay = 15,
            Description = "Đơn vị báo cáo kết quả thi đua 6 tháng đầu năm để xã sơ kết.",
            Audience = CalendarAudience.Units, Fulfilment = CalendarFulfilment.Task, OpensDaysBefore = 20, Reminders = "3,1",
        },
        new()
        {
            Id = "kiem-tra-phong-trao", Order = 7, Title = "Kiểm tra việc thực hiện phong trào tại các đơn vị", DueMonth = 10, DueDay = 29,
            Description = "Phòng Văn hóa - Xã hội kiểm tra việc thực hiện phong trào tại các đơn vị, thôn; khi hoàn thành ghi kết quả kiểm tra (đơn vị đã kiểm tra, ưu điểm, tồn tại, kiến nghị).",
            Audience = CalendarAudience.Office, Fulfilment = CalendarFulfilment.Task, OpensDaysBefore = 30, Reminders = "5,1", NoteRequired = true,
        },
        new()
        {
            Id = "binh-xet-gdvh", Order = 3, Title = "Bình xét Gia đình văn hóa", DueMonth = 11, DueDay = 25,
            Description = "Thôn họp bình xét, niêm yết danh sách 10 ngày và gửi văn bản đề nghị công nhận Gia đình văn hóa (NĐ 86/2023).",
            Audience = CalendarAudience.Villages, Fulfilment = CalendarFulfilment.Proposal, AwardCode = "GDVH", OpensDaysBefore = 30, Reminders = "5,2",
        },
        new()
        {
            Id = "bao-cao-phong-trao-nam", Order = 4, Title = "Báo cáo kết quả thực hiện phong trào trong năm", DueMonth = 11, DueDay = 30,
            Description = "Đơn vị báo cáo kết quả thực hiện các nội dung của phong trào thi đua trong năm.",
            Audience = CalendarAudience.Units, Fulfilment = CalendarFulfilment.UnitReport, OpensDaysBefore = 30, Reminders = "5,1",
        },
        new()
        {
            Id = "ho-so-khen-tinh", Order = 5, Title = "Gửi hồ sơ đề nghị khen thưởng cấp tỉnh hằng năm", DueMonth = 12, DueDay = 10,
            Description = "Tờ trình và hồ sơ đề nghị khen thưởng cấp tỉnh gửi Sở Nội vụ trước ngày 10/12.",
            Audience = CalendarAudience.Office, Fulfilment = CalendarFulfilment.Task, OpensDaysBefore = 20, Reminders = "5,2",
        },
        new()
        {
            Id = "bao-cao-thong-ke", Order = 6, Title = "Báo cáo thống kê thi đua, khen thưởng (biểu 0602.N/BNV-TĐKT)", DueMonth = 12, DueDay = 15,
            Description = "Báo cáo thống kê thi đua, khen thưởng năm theo Thông tư 02/2023/TT-BNV.",
            Audience = CalendarAudience.Office, Fulfilment = CalendarFulfilment.Task, OpensDaysBefore = 15, Reminders = "3,1",
        },
    ];
}
