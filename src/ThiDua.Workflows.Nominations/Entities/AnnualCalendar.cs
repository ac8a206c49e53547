namespace ThiDua.Workflows.Nominations.Entities;

/// <summary>Who owes a deadline of the commune's year.</summary>
public enum CalendarAudience
{
    /// <summary>Every unit that takes part in the movement (thôn, schools, enterprises, đoàn thể…).</summary>
    Units,

    /// <summary>The thôn and tổ dân phố only (Gia đình văn hóa bình xét).</summary>
    Villages,

    /// <summary>Phòng Văn hóa - Xã hội itself (reports and dossiers to the province).</summary>
    Office,
}

/// <summary>What meets a deadline: the unit's own act in the product, or the task marked done in the inbox.</summary>
public enum CalendarFulfilment
{
    /// <summary>The unit marks its task done (with a note) in the inbox or from the mail.</summary>
    Task,

    /// <summary>The unit's report on the movement's contents for the year is sent.</summary>
    UnitReport,

    /// <summary>The unit sends a văn bản đề nghị for the year (of <see cref="CalendarDeadline.AwardCode"/> when set).</summary>
    Proposal,
}

/// <summary>
/// One recurring deadline of the commune's year (domain-rules §5.7): each year, <see cref="OpensDaysBefore"/> days
/// before its date, every unit that owes it gets a task with reminders before the date and an escalation after it.
/// The office keeps these rows; the seed gives the defaults of the rules, a province's dates replace them.
/// </summary>
public sealed class CalendarDeadline
{
    /// <summary>A short code (e.g. <c>binh-xet-gdvh</c>), part of each year's instance ids.</summary>
    public required string Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public int Order { get; set; }

    public int DueMonth { get; set; }

    public int DueDay { get; set; }

    public CalendarAudience Audience { get; set; }

    public CalendarFulfilment Fulfilment { get; set; }

    /// <summary>For <see cref="CalendarFulfilment.Proposal"/>: the award the proposal must be for (GĐVH), or any.</summary>
    public string? AwardCode { get; set; }

    /// <summary>Calendar days before the date on which the year's tasks open.</summary>
    public int OpensDaysBefore { get; set; } = 30;

    /// <summary>Working days before the date on which the units that have not acted are reminded, comma separated.</summary>
    public string Reminders { get; set; } = "5,1";

    /// <summary>Working days after the date on which the office head is told of the units that have not acted (0: at the date).</summary>
    public int EscalateAfterWorkingDays { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Marking the task done needs a note: what was found (the yearly inspection's findings).</summary>
    public bool NoteRequired { get; set; }

    public IReadOnlyList<int> ReminderDays =>
        Reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0).Where(d => d > 0).Distinct().OrderDescending().ToList();

    /// <summary>The date in a year; 29/02 falls on 28/02 in other years.</summary>
    public DateOnly DueDate(int year) => new(year, DueMonth, Math.Min(DueDay, DateTime.DaysInMonth(year, DueMonth)));
}
