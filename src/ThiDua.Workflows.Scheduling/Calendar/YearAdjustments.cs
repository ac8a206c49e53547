namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>One year's deviations from the statutory holiday rules, as announced by the government.</summary>
/// <remarks>
/// Precedence, strongest first: <see cref="MakeUpWorkingDays"/>, <see cref="ExtraDaysOff"/>, <see cref="NotDaysOff"/>,
/// then the computed holidays and compensation days.
/// </remarks>
public sealed class YearAdjustments
{
    /// <summary>Additional days off, e.g. a bridge day between a holiday and the weekend.</summary>
    public List<DateOnly> ExtraDaysOff { get; set; } = [];

    /// <summary>Days worked although they would be off, usually a Saturday that pays back a bridge day.</summary>
    public List<DateOnly> MakeUpWorkingDays { get; set; } = [];

    /// <summary>Computed holidays or compensation days that do not apply this year (they become ordinary days).</summary>
    public List<DateOnly> NotDaysOff { get; set; } = [];

    /// <summary>Which day goes with Quốc khánh (2/9) this year; <c>null</c> keeps the default rule.</summary>
    public NationalDayAdjacent? NationalDayAdjacent { get; set; }
}
