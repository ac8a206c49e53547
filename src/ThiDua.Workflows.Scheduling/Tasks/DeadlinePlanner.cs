using System.Globalization;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Scheduling.Tasks;

/// <summary>When a task is due, when to remind, when to escalate — in Vietnamese working days.</summary>
public sealed record DeadlinePlan(
    DateOnly DueDate,
    DateTimeOffset DueAt,
    IReadOnlyList<(int WorkingDaysBefore, DateTimeOffset At)> Reminders,
    DateTimeOffset EscalateAt);

/// <summary>
/// Turns a task's deadline settings into moments: due at the end of the office day (17:00 Asia/Ho_Chi_Minh by
/// default) N working days after the start, or on a given date; reminders at the start of the office day N working
/// days before; escalation at the due moment or N working days after it.
/// </summary>
public sealed class DeadlinePlanner(WorkingCalendar calendar)
{
    public DeadlinePlan Plan(DateTimeOffset start, int? dueInWorkingDays, string? dueAt, IReadOnlyList<int> reminderDays, int escalateAfterWorkingDays)
    {
        var (dueDate, dueMoment) = Due(start, dueInWorkingDays, dueAt);
        var reminders = reminderDays
            .Where(d => d > 0)
            .Distinct()
            .OrderByDescending(d => d)
            .Select(d => (d, calendar.StartOfWorkingDay(calendar.AddWorkingDays(dueDate, -d))))
            .ToList();
        var escalateAt = escalateAfterWorkingDays > 0
            ? calendar.EndOfWorkingDay(calendar.AddWorkingDays(dueDate, escalateAfterWorkingDays))
            : dueMoment;
        return new DeadlinePlan(dueDate, dueMoment, reminders, escalateAt);
    }

    private (DateOnly Date, DateTimeOffset Moment) Due(DateTimeOffset start, int? dueInWorkingDays, string? dueAt)
    {
        if (!string.IsNullOrWhiteSpace(dueAt))
        {
            var text = dueAt.Trim();
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return (date, calendar.EndOfWorkingDay(date));
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            {
                // A moment without an offset is office (Vietnam) time, not UTC.
                if (!HasOffset(text))
                    moment = new DateTimeOffset(moment.DateTime, calendar.TimeZone.GetUtcOffset(moment.DateTime));
                return (calendar.LocalDate(moment), moment);
            }
            throw new FormatException($"dueAt '{dueAt}' is neither a date (yyyy-MM-dd or dd/MM/yyyy) nor an ISO 8601 moment.");
        }

        var days = dueInWorkingDays ?? throw new InvalidOperationException("A task needs dueInWorkingDays or dueAt for a deadline.");
        var due = calendar.AddWorkingDays(calendar.LocalDate(start), days);
        return (due, calendar.EndOfWorkingDay(due));
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
