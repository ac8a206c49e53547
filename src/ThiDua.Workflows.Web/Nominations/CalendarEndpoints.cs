using System.Security.Claims;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Nominations;

/// <summary>The commune's annual calendar: its deadlines with each unit's state for a year, and the office's edits (REST, JSON).</summary>
public static class CalendarEndpoints
{
    public static void MapAnnualCalendar(this WebApplication app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization(Roles.Office);

        group.MapGet("/", async (int? year, AnnualCalendar calendar, WorkingCalendar days, TimeProvider clock, CancellationToken ct) =>
        {
            var views = await calendar.YearAsync(year ?? days.LocalDate(clock.GetUtcNow()).Year, ct).ConfigureAwait(false);
            return views.Select(v => new
            {
                v.Deadline.Id,
                v.Deadline.Title,
                v.Deadline.Description,
                v.Year,
                DueDate = v.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                OpensOn = v.OpensOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Audience = v.Deadline.Audience.ToString(),
                Fulfilment = v.Deadline.Fulfilment.ToString(),
                v.Deadline.AwardCode,
                Reminders = v.Deadline.ReminderDays,
                v.Deadline.EscalateAfterWorkingDays,
                v.Deadline.Active,
                Units = v.Units.Select(u => new { u.UnitId, u.UnitName, State = u.State.ToString(), u.InstanceId }),
            });
        }).WithSummary("The deadlines of a year (default: this one) with each unit that owes them: NotOpen, Open, Overdue or Done.");

        group.MapPut("/{id}", async (string id, CalendarDeadlineRequest request, ClaimsPrincipal user, AnnualCalendar calendar, CancellationToken ct) =>
            (await calendar.UpdateAsync(id, request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(d => Results.Ok(new { d.Id, d.Title, DueDate = $"{d.DueDay:00}/{d.DueMonth:00}", d.OpensDaysBefore, Reminders = d.ReminderDays, d.EscalateAfterWorkingDays, d.Active })))
            .WithSummary("The office changes a deadline: dueDate (dd/MM), opensDaysBefore, reminders (working days before, e.g. \"5,1\"), escalateAfterWorkingDays, active; tasks already open keep theirs.");
    }
}
