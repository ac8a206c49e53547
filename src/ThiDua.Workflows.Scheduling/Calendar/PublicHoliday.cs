namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>A day off other than an ordinary weekend day, with its Vietnamese name.</summary>
public sealed record PublicHoliday(DateOnly Date, string Name, HolidayKind Kind);
