using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Nominations.Activities;

/// <summary>
/// Outbox kinds the nomination activities write. The domain applies them after the burst commits (see
/// <c>NominationMessageHandler</c>), so a workflow step and its effect on the nomination never disagree for long
/// and a crash loses neither.
/// </summary>
public static class NominationMessages
{
    public const string Status = "nomination.status";
    public const string Received = "nomination.received";
    public const string Supplement = "nomination.supplement";
    public const string Hold = "nomination.hold";
    public const string Decide = "nomination.decide";
    public const string ProvinceSubmit = "nomination.province-submit";
    public const string ProvinceReminder = "nomination.province-reminder";
    public const string Notify = "nomination.notify";

    public static readonly IReadOnlyList<string> All = [Status, Received, Supplement, Hold, Decide, ProvinceSubmit, ProvinceReminder, Notify];
}

/// <summary>Stimuli the domain sends to a waiting nomination workflow (payload <c>{nomination: id}</c>).</summary>
public static class NominationStimuli
{
    public const string HoldReleased = "ThiDua.Nominations.HoldReleased";
    public const string Objection = "ThiDua.Nominations.Objection";
    public const string PostingEnds = "ThiDua.Nominations.PostingEnds";
    public const string CouncilResult = "ThiDua.Nominations.CouncilResult";
    public const string ProvinceOutcome = "ThiDua.Nominations.ProvinceOutcome";
    public const string ProvinceReminder = "ThiDua.Nominations.ProvinceReminder";

    public static JsonObject Payload(string nominationId) => new() { ["nomination"] = nominationId };
}

/// <summary>Shared input and helpers: every activity acts on the nomination the workflow is correlated with.</summary>
internal static class NominationActivity
{
    public static readonly Input<string> Nomination = new("nomination", null, "The nomination id (default: the workflow's correlation id).");

    public static string Id(ActivityContext context) =>
        context.Get(Nomination) is { Length: > 0 } id ? id
        : context.CorrelationId ?? throw new InvalidOperationException("The workflow has no correlation id: set the 'nomination' input.");

    public static JsonObject Message(ActivityContext context, params (string Key, JsonNode? Value)[] fields)
    {
        var message = new JsonObject { ["nominationId"] = Id(context), ["workflowInstanceId"] = context.WorkflowInstanceId, ["activity"] = context.Node.Id };
        foreach (var (key, value) in fields) message[key] = value;
        return message;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Set nomination status", Description = "Sets the nomination's status (domain-rules.md §4.3) and records it in its history.")]
public sealed class SetNominationStatus : IActivity
{
    public const string TypeName = "ThiDua.Nominations.SetStatus";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<string> Status = new("status", null, "Draft, Submitted, Received, Eligible, Ineligible, AwaitingDecision, Rejected, Closed...");
    public static readonly Input<string> Note = new("note", null, "A note for the history (Liquid allowed).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var status = context.Get(Status);
        if (string.IsNullOrWhiteSpace(status) || !Entities.NominationStatuses.IsKnown(status))
            throw new InvalidOperationException($"'{status}' is not a nomination status.");
        context.Emit(NominationMessages.Status, NominationActivity.Message(context, ("status", status), ("note", context.Get(Note))));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Accept complete dossier", Description = "The dossier is complete: the legal clock starts and the due date is set in working days.")]
public sealed class AcceptDossier(DeadlinePlanner planner) : IActivity
{
    public const string TypeName = "ThiDua.Nominations.AcceptDossier";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<int> TimeLimitWorkingDays = new("timeLimitWorkingDays", 20, "Working days from the complete dossier to the decision (or the letter to the province).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var days = context.Get(TimeLimitWorkingDays);
        var plan = planner.Plan(context.Now, days, null, [], 0);
        var dueAt = plan.DueAt.ToString("O");
        context.SetOutput("dueAt", dueAt);
        context.Emit(NominationMessages.Received, NominationActivity.Message(context, ("completeAt", context.Now), ("dueAt", dueAt), ("workingDays", days)));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Request supplement (once)", Description = "Returns the dossier for supplement. The law allows one request: a second one takes the AlreadyRequested port.", Outcomes = ["Requested", "AlreadyRequested"])]
public sealed class RequestSupplement : IActivity
{
    public const string TypeName = "ThiDua.Nominations.RequestSupplement";
    public const string CountVariable = "SupplementRequests";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<string> Note = new("note", null, "What is missing (Liquid allowed).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var count = context.GetVariable(CountVariable) is JsonValue v && v.TryGetValue(out int n) ? n : 0;
        if (count >= 1)
        {
            context.Complete("AlreadyRequested");
            return ValueTask.CompletedTask;
        }

        context.SetVariable(CountVariable, count + 1);
        context.Emit(NominationMessages.Supplement, NominationActivity.Message(context, ("note", context.Get(Note))));
        context.Complete("Requested");
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Eligibility hold", Description = "Puts the nomination on hold (pending discipline, inspection, complaint) and waits until the office releases it.")]
public sealed class HoldForEligibility : IActivity
{
    public const string TypeName = "ThiDua.Nominations.EligibilityHold";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<string> Reason = new("reason", "Chờ xác minh", "Why (Liquid allowed): discipline, inspection, complaint...");
    public static readonly Input<string> PlacedBy = new("placedBy", null, "Who put it on hold (user name).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(NominationMessages.Hold, NominationActivity.Message(context, ("reason", context.Get(Reason)), ("by", context.Get(PlacedBy))));
        context.CreateBookmark(NominationStimuli.HoldReleased, NominationStimuli.Payload(NominationActivity.Id(context)), scopedToActivity: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        context.Emit(NominationMessages.Status, NominationActivity.Message(context, ("status", Entities.NominationStatuses.Received),
            ("note", context.ResumeInput?["note"]?.DeepClone() ?? "Hết tạm dừng xét")));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Public posting", Description = "Posts the list publicly for N days and collects objections.", Outcomes = ["NoObjections", "Objections"])]
public sealed class PublicPosting(WorkingCalendar calendar) : IActivity
{
    public const string TypeName = "ThiDua.Nominations.PublicPosting";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<int> Days = new("days", 0, "How long the list is posted; 0 skips posting.");
    public static readonly Input<bool> WorkingDays = new("workingDays", false, "Count working days instead of calendar days.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var days = context.Get(Days);
        if (days <= 0)
        {
            context.Complete("NoObjections");
            return ValueTask.CompletedTask;
        }

        var today = calendar.LocalDate(context.Now);
        var last = context.Get(WorkingDays) ? calendar.AddWorkingDays(today, days) : today.AddDays(days);
        var endsAt = calendar.EndOfWorkingDay(last);
        context.State["objections"] = 0;
        context.Emit(NominationMessages.Status, NominationActivity.Message(context, ("status", Entities.NominationStatuses.PublicPosting),
            ("note", $"Công khai đến {last:dd/MM/yyyy}")));
        context.CreateBookmark(NominationStimuli.PostingEnds, new JsonObject { ["endsAt"] = endsAt }, endsAt);
        context.CreateBookmark(NominationStimuli.Objection, NominationStimuli.Payload(NominationActivity.Id(context)), scopedToActivity: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        if (bookmark.Name == NominationStimuli.Objection)
        {
            // Objections are counted by id: a signal delivered twice counts once.
            var seen = context.State["seen"] as JsonArray ?? [];
            var id = context.ResumeInput?["objection"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
            if (!seen.Any(x => x?.GetValue<string>() == id)) seen.Add(id);
            context.State["seen"] = seen;
            context.State["objections"] = seen.Count;
            context.CreateBookmark(NominationStimuli.Objection, NominationStimuli.Payload(NominationActivity.Id(context)), scopedToActivity: false);
            return ValueTask.CompletedTask;
        }

        var count = context.State["objections"]?.GetValue<int>() ?? 0;

        context.SetOutput("objections", count);
        context.Complete(count > 0 ? "Objections" : "NoObjections");
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Council vote", Description = "Waits for the council session that votes on the nomination; Passed or Failed by the award's rule on all members.", Outcomes = ["Passed", "Failed"])]
public sealed class CouncilVote : IActivity
{
    public const string TypeName = "ThiDua.Nominations.CouncilVote";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(NominationMessages.Status, NominationActivity.Message(context, ("status", Entities.NominationStatuses.AwaitingCouncil)));
        context.CreateBookmark(NominationStimuli.CouncilResult, NominationStimuli.Payload(NominationActivity.Id(context)), scopedToActivity: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        var result = context.ResumeInput?.DeepClone() as JsonObject ?? [];
        context.SetOutput("result", result);
        var passed = result["result"] is JsonValue r && r.TryGetValue(out string? text) && text == "Passed";
        context.Complete(passed ? "Passed" : "Failed");
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Issue decision", Description = "The chair's award decision: a number in the yearly series (e.g. 125/QĐ-UBND), the awards register, the prize money.")]
public sealed class IssueDecision : IActivity
{
    public const string TypeName = "ThiDua.Nominations.IssueDecision";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<string> SignedBy = new("signedBy", null, "Who signed (user name).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(NominationMessages.Decide, NominationActivity.Message(context, ("signedBy", context.Get(SignedBy))));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Submit to province", Description = "The chair's numbered letter (tờ trình) goes to the province; waits for its decision, reminding the office when it is late.", Outcomes = ["Decided", "Returned"])]
public sealed class SubmitToProvince(DeadlinePlanner planner) : IActivity
{
    public const string TypeName = "ThiDua.Nominations.SubmitToProvince";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<string> SignedBy = new("signedBy", null, "Who signed the letter (user name).");
    public static readonly Input<int> ReminderWorkingDays = new("reminderWorkingDays", 30, "Remind the office when the province has not decided after N working days.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var plan = planner.Plan(context.Now, context.Get(ReminderWorkingDays), null, [], 0);
        context.Emit(NominationMessages.ProvinceSubmit, NominationActivity.Message(context, ("signedBy", context.Get(SignedBy)), ("expectedBy", plan.DueAt)));
        context.CreateBookmark(NominationStimuli.ProvinceOutcome, NominationStimuli.Payload(NominationActivity.Id(context)), scopedToActivity: false);
        context.CreateBookmark(NominationStimuli.ProvinceReminder, new JsonObject { ["at"] = plan.DueAt }, plan.DueAt);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        if (bookmark.Name == NominationStimuli.ProvinceReminder)
        {
            context.Emit(NominationMessages.ProvinceReminder, NominationActivity.Message(context));
            return ValueTask.CompletedTask;
        }

        var result = context.ResumeInput?.DeepClone() as JsonObject ?? [];
        context.SetOutput("result", result);
        var returned = result["outcome"] is JsonValue o && o.TryGetValue(out string? text) && text == "Returned";
        context.Complete(returned ? "Returned" : "Decided");
        return ValueTask.CompletedTask;
    }
}

[Activity(TypeName, Category = "Nominations", DisplayName = "Notify unit", Description = "Mails the proposing unit where its nomination stands (status, decision number, note).")]
public sealed class NotifyUnit : IActivity
{
    public const string TypeName = "ThiDua.Nominations.NotifyUnit";

    public static readonly Input<string> Nomination = NominationActivity.Nomination;
    public static readonly Input<string> Note = new("note", null, "A line for the unit (Liquid allowed).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(NominationMessages.Notify, NominationActivity.Message(context, ("note", context.Get(Note))));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
