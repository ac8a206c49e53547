using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>Where one unit stands on one deadline of a year.</summary>
public enum CalendarTaskState
{
    /// <summary>The year's tasks have not opened yet (or the deadline had passed when the calendar first ran).</summary>
    NotOpen,
    Open,
    Overdue,
    Done,
}

public sealed record CalendarUnitState(string UnitId, string UnitName, CalendarTaskState State, string? InstanceId, string? Note = null);

public sealed record CalendarDeadlineView(CalendarDeadline Deadline, int Year, DateOnly DueDate, DateOnly OpensOn, IReadOnlyList<CalendarUnitState> Units);

/// <summary>The office's change to a deadline; the date is dd/MM. Tasks already open keep the date they opened with.</summary>
public sealed record CalendarDeadlineRequest(string? Title, string? Description, string? DueDate, int? OpensDaysBefore, string? Reminders, int? EscalateAfterWorkingDays, bool? Active);

/// <summary>
/// The commune's year as data (<see cref="CalendarDeadline"/>): each day it opens the tasks of the deadlines whose
/// window has come (one workflow instance per deadline, year and unit, so opening twice changes nothing), leaves out
/// the units that have already done what the deadline asks, and closes a task as soon as its unit does it — a unit
/// that reported gets no more reminders. Reminders and escalation are the tasks' own timers.
/// </summary>
public sealed partial class AnnualCalendar(
    NominationsContexts contexts, IWorkflowRuntime runtime, IWorkflowStore store, IDefinitionStore definitions, WorkingCalendar days, TimeProvider clock, ILogger<AnnualCalendar> logger)
{
    public const string Workflow = "annual-calendar-deadline";
    public const string TaskId = "meetDeadline";
    public const string JobId = "calendar:sync";

    /// <summary>The owner of deadlines the office itself must meet.</summary>
    public const string OfficeOwner = "office";

    public static string InstanceId(string deadlineId, int year, string ownerId) => $"calendar-{deadlineId}-{year}-{ownerId}";

    /// <summary>Opens what is due to open and closes what its unit has done; the hourly job and start-up call it.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken = default)
    {
        var today = days.LocalDate(clock.GetUtcNow());
        // Tasks open on a working day (a window starting on a Sunday or in Tết opens on the next one); closing any day.
        var opening = days.IsWorkingDay(today);
        await using var db = contexts.Create();
        var deadlines = await db.CalendarDeadlines.AsNoTracking().Where(d => d.Active).OrderBy(d => d.Order).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (deadlines.Count == 0) return 0;
        var definition = await definitions.FindPublishedAsync(Workflow, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The workflow '{Workflow}' is not published (is workflows/ loaded?).");
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var opened = 0;
        foreach (var deadline in deadlines)
        {
            // A window may start in the previous year (a deadline early in January).
            foreach (var year in new[] { today.Year, today.Year + 1 })
            {
                var due = deadline.DueDate(year);
                if (today < due.AddDays(-deadline.OpensDaysBefore) || today > due) continue;
                foreach (var (ownerId, ownerName) in Owners(deadline, units))
                {
                    var id = InstanceId(deadline.Id, year, ownerId);
                    var instance = await store.FindInstanceAsync(id, cancellationToken).ConfigureAwait(false);
                    var done = await FulfilledAsync(db, deadline, ownerId, year, cancellationToken).ConfigureAwait(false);
                    if (instance is null && !done && opening)
                    {
                        await runtime.StartAsync(definition, new StartOptions(Input(deadline, year, due, ownerId, ownerName), InstanceId: id), cancellationToken).ConfigureAwait(false);
                        opened++;
                    }
                    else if (instance is { Status: WorkflowStatus.Suspended } && done)
                    {
                        await CloseAsync(id, null, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        if (opened > 0) Opened(logger, opened, today);
        return opened;
    }

    /// <summary>Closes the open tasks of a unit's year that its act (a report, a proposal) has just met.</summary>
    public async Task CloseFulfilledAsync(string unitId, int year, string by, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var deadlines = await db.CalendarDeadlines.AsNoTracking().Where(d => d.Fulfilment != CalendarFulfilment.Task).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var deadline in deadlines)
        {
            var id = InstanceId(deadline.Id, year, unitId);
            if (await store.FindInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not { Status: WorkflowStatus.Suspended }) continue;
            if (await FulfilledAsync(db, deadline, unitId, year, cancellationToken).ConfigureAwait(false))
                await CloseAsync(id, by, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Each deadline of a year with every unit that owes it and where it stands.</summary>
    public async Task<IReadOnlyList<CalendarDeadlineView>> YearAsync(int year, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts.Create();
        var deadlines = await db.CalendarDeadlines.AsNoTracking().OrderBy(d => d.Order).ThenBy(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<CalendarDeadlineView>();
        foreach (var deadline in deadlines)
        {
            var due = deadline.DueDate(year);
            var states = new List<CalendarUnitState>();
            foreach (var (ownerId, ownerName) in Owners(deadline, units))
            {
                var id = InstanceId(deadline.Id, year, ownerId);
                var instance = await store.FindInstanceAsync(id, cancellationToken).ConfigureAwait(false);
                var state = instance?.Status switch
                {
                    // Done before its task opened (a list sent early): nothing was opened, and nothing is owed.
                    null when await FulfilledAsync(db, deadline, ownerId, year, cancellationToken).ConfigureAwait(false) => CalendarTaskState.Done,
                    null => CalendarTaskState.NotOpen,
                    WorkflowStatus.Finished => CalendarTaskState.Done,
                    _ when now > days.EndOfWorkingDay(due) => CalendarTaskState.Overdue,
                    _ => CalendarTaskState.Open,
                };
                // What the person wrote when marking it done (the inspection's findings).
                var note = instance?.Variables["DeadlineResult"]?["comment"] is JsonValue c && c.TryGetValue(out string? text) ? text : null;
                states.Add(new CalendarUnitState(ownerId, ownerName, state, instance?.Id, note));
            }

            views.Add(new CalendarDeadlineView(deadline, year, due, due.AddDays(-deadline.OpensDaysBefore), states));
        }

        return views;
    }

    /// <summary>The office changes a deadline (its date for a province, its reminders); bad input changes nothing.</summary>
    public async Task<DomainResult<CalendarDeadline>> UpdateAsync(string id, CalendarDeadlineRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<CalendarDeadline>.Forbidden("Chỉ Phòng Văn hóa - Xã hội sửa lịch công tác thi đua, khen thưởng.");
        await using var db = contexts.Create();
        var deadline = await db.CalendarDeadlines.FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        if (deadline is null) return DomainResult<CalendarDeadline>.NotFound("Không có mốc này trong lịch.");
        var errors = new Dictionary<string, string[]>();
        if (request.Title is not null && (request.Title.Trim().Length is 0 or > 300)) errors["title"] = ["Tên mốc cần có, tối đa 300 ký tự."];
        (int Month, int Day)? date = null;
        if (request.DueDate is not null)
        {
            // 29/02 is accepted (it falls on 28/02 in other years); the year does not matter.
            if (DateOnly.TryParseExact(request.DueDate.Trim() + "/2028", ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                date = (parsed.Month, parsed.Day);
            else
                errors["dueDate"] = ["Hạn ghi theo dạng ngày/tháng, ví dụ 25/11."];
        }

        if (request.OpensDaysBefore is < 1 or > 180) errors["opensDaysBefore"] = ["Số ngày mở trước hạn phải từ 1 đến 180."];
        if (request.EscalateAfterWorkingDays is < 0 or > 30) errors["escalateAfterWorkingDays"] = ["Số ngày làm việc báo lãnh đạo sau hạn phải từ 0 đến 30."];
        string? reminders = null;
        if (request.Reminders is not null)
        {
            var parts = request.Reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var days = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1).ToList();
            if (days.Any(d => d is < 1 or > 60)) errors["reminders"] = ["Ngày nhắc là các số ngày làm việc trước hạn (1–60), cách nhau bằng dấu phẩy, ví dụ 5, 1."];
            else reminders = string.Join(',', days.Distinct().OrderDescending());
        }

        if (errors.Count > 0) return DomainResult<CalendarDeadline>.Invalid(errors);
        if (request.Title is not null) deadline.Title = request.Title.Trim();
        if (request.Description is not null) deadline.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (date is { } d) (deadline.DueMonth, deadline.DueDay) = d;
        if (request.OpensDaysBefore is { } opens) deadline.OpensDaysBefore = opens;
        if (reminders is not null) deadline.Reminders = reminders;
        if (request.EscalateAfterWorkingDays is { } escalate) deadline.EscalateAfterWorkingDays = escalate;
        if (request.Active is { } active) deadline.Active = active;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<CalendarDeadline>.Success(deadline);
    }

    private static IEnumerable<(string Id, string Name)> Owners(CalendarDeadline deadline, IEnumerable<Unit> units) => deadline.Audience switch
    {
        CalendarAudience.Office => [(OfficeOwner, "Phòng Văn hóa - Xã hội")],
        CalendarAudience.Villages => units.Where(u => MovementService.TakesPart(u) && u.Kind == UnitKind.Village).Select(u => (u.Id, u.Name)),
        _ => units.Where(MovementService.TakesPart).Select(u => (u.Id, u.Name)),
    };

    private static async Task<bool> FulfilledAsync(NominationsDbContext db, CalendarDeadline deadline, string unitId, int year, CancellationToken cancellationToken) =>
        deadline.Fulfilment switch
        {
            CalendarFulfilment.UnitReport => await db.UnitReports.AnyAsync(r => r.UnitId == unitId && r.Year == year, cancellationToken).ConfigureAwait(false),
            CalendarFulfilment.Proposal => await db.Proposals.AnyAsync(p => p.UnitId == unitId && p.Year == year && p.Status != nameof(ProposalStatus.Draft)
                && (deadline.AwardCode == null || db.Nominations.Any(n => n.ProposalId == p.Id && n.AwardCode == deadline.AwardCode)), cancellationToken).ConfigureAwait(false),
            _ => false,
        };

    private static JsonObject Input(CalendarDeadline deadline, int year, DateOnly due, string ownerId, string ownerName) => new()
    {
        ["deadlineId"] = deadline.Id,
        ["title"] = deadline.Title,
        ["description"] = deadline.Description ?? "",
        ["year"] = year,
        ["dueDate"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["dueDateText"] = due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        ["unitId"] = ownerId,
        ["unitName"] = ownerName,
        // The office's own deadlines go to its role; a unit's to the people who submit for it.
        ["unitScope"] = deadline.Audience == CalendarAudience.Office ? null : ownerId,
        ["role"] = deadline.Audience == CalendarAudience.Office ? Roles.Office : Roles.UnitSubmitter,
        ["reminders"] = new JsonArray(deadline.ReminderDays.Select(d => (JsonNode)d).ToArray()),
        ["escalateAfterWorkingDays"] = deadline.EscalateAfterWorkingDays,
        ["commentRequiredFor"] = deadline.NoteRequired ? new JsonArray("Submitted") : new JsonArray(),
    };

    private async Task CloseAsync(string instanceId, string? by, CancellationToken cancellationToken) =>
        await runtime.TriggerAsync(
            new Stimulus(UserTask.TypeName, UserTask.CompletionPayload(TaskId)),
            new TriggerOptions(new JsonObject { ["action"] = "Submitted", ["by"] = by, ["comment"] = "Đơn vị đã thực hiện trên hệ thống" }, WorkflowInstanceId: instanceId),
            cancellationToken).ConfigureAwait(false);

    [LoggerMessage(EventId = 760, Level = LogLevel.Information, Message = "Annual calendar opened {Count} tasks on {Today}")]
    private static partial void Opened(ILogger logger, int count, DateOnly today);
}
