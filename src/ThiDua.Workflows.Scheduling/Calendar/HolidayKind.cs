namespace ThiDua.Workflows.Scheduling.Calendar;

/// <summary>Why a day is off.</summary>
public enum HolidayKind
{
    /// <summary>A holiday of Labor Code 2019 Art. 112(1).</summary>
    Statutory,

    /// <summary>Nghỉ bù: a holiday fell on a weekend day (Art. 111(3)).</summary>
    Compensation,

    /// <summary>Configured in <see cref="YearAdjustments.ExtraDaysOff"/>.</summary>
    Additional,
}
