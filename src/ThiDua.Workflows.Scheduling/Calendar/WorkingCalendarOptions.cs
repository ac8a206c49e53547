namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>
/// Settings of the Vietnamese working-day calendar (configuration section <c>Workflows:Calendar</c>).
/// </summary>
/// <remarks>
/// Plain settable properties so the configuration binder can fill them, e.g.
/// <c>"Years": { "2026": { "ExtraDaysOff": [ "2026-01-02" ], "MakeUpWorkingDays": [ "2026-01-10" ] } }</c>.
/// </remarks>
public sealed class WorkingCalendarOptions
{
    public const string SectionName = "Workflows:Calendar";

    /// <summary>When the office day starts, local time (reminders are sent then).</summary>
    public TimeOnly OfficeDayStart { get; set; } = new(8, 0);

    /// <summary>When the office day ends, local time (a deadline "on day D" means this moment of D).</summary>
    public TimeOnly OfficeDayEnd { get; set; } = new(17, 0);

    /// <summary>Time zone of the office day; a fixed UTC+07:00 stands in when the system does not know it.</summary>
    public string TimeZoneId { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>
    /// What the government decided for a given year on top of the statutory rules (day swaps, extra days off).
    /// Dates apply on the day they name, whichever year key holds them, so a swap straddling New Year fits one entry.
    /// </summary>
    public Dictionary<int, YearAdjustments> Years { get; set; } = [];
}
