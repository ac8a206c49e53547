namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>The Vietnamese names shown for days off.</summary>
public static class HolidayNames
{
    public const string NewYear = "Tết Dương lịch";
    public const string LunarNewYear = "Tết Nguyên đán";
    public const string HungKings = "Giỗ Tổ Hùng Vương";
    public const string Victory = "Ngày Chiến thắng";
    public const string Labour = "Quốc tế Lao động";
    public const string NationalDay = "Quốc khánh";
    public const string Compensation = "Nghỉ bù";
    public const string Additional = "Nghỉ bổ sung";
}
