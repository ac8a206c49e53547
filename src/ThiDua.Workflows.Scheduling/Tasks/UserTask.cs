using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Scheduling.Tasks;

/// <summary>
/// ThiDua.UserTask: a task for a person or role, in Elsa's user-task vocabulary. The workflow waits on it; its
/// outcome is the chosen action. A deadline (working days or a date), reminders before it and an escalation after it
/// are timer bookmarks, so they fire through the scheduler and vanish with the task when it completes.
/// Completion: the stimulus <c>ThiDua.UserTask</c> with payload <c>{task: activity id}</c> (filter by correlation
/// or instance), input <c>{action, comment, by}</c>.
/// </summary>
[Activity(TypeName, Category = "Tasks", DisplayName = "User task", Description = "Waits for a person to act, with a deadline, reminders and escalation.", Outcomes = [ActivityOutcomes.Done])]
public sealed class UserTask(DeadlinePlanner planner) : IActivity
{
    public const string TypeName = UserTaskStimulus.Name;
    public const string ReminderBookmark = "ThiDua.UserTask.Reminder";
    public const string EscalationBookmark = "ThiDua.UserTask.Escalation";

    public static readonly Input<string> Title = new("title", "", "What to do (Liquid allowed).");
    public static readonly Input<string> Summary = new("summary", null, "Details (Liquid allowed).");
    public static readonly Input<string> Assignee = new("assignee", null, "The user the task is for.");
    public static readonly Input<string> Role = new("role", null, "Or the role whose members may act (e.g. Office, OfficeHead, Chair).");
    public static readonly Input<string> Unit = new("unit", null, "Or the unit (đơn vị) that must act.");
    public static readonly Input<string[]> Actions = new("actions", [ActivityOutcomes.Done], "The actions; each is an outcome port.");
    public static readonly Input<int?> DueInWorkingDays = new("dueInWorkingDays", null, "Due N working days after the task starts.");
    public static readonly Input<string> DueAt = new("dueAt", null, "Or due on a date (yyyy-MM-dd, end of office day) or at an ISO moment.");
    public static readonly Input<int[]> Reminders = new("reminders", [], "Remind N working days before the due date, e.g. [5, 2, 1].");
    public static readonly Input<string[]> CommentRequiredFor = new("commentRequiredFor", [], "Actions that need a comment (e.g. Return, Reject).");
    public static readonly Input<string> Verification = new("verification", "none", "What a decision by mail link needs besides the link: none, signIn, or code (a one-time code sent by mail).");
    public static readonly Input<string> EscalateTo = new("escalateTo", null, "The role told when the task is overdue.");
    public static readonly Input<int> EscalateAfterWorkingDays = new("escalateAfterWorkingDays", 0, "Escalate N working days after the due date (0: at the due moment).");

    public static JsonObject CompletionPayload(string taskActivityId) => UserTaskStimulus.Payload(taskActivityId);

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var actions = context.Get(Actions) is { Length: > 0 } a ? a : [ActivityOutcomes.Done];
        var state = context.State;
        state["title"] = context.Get(Title);
        state["summary"] = context.Get(Summary);
        state["assignee"] = context.Get(Assignee);
        state["role"] = context.Get(Role);
        state["unit"] = context.Get(Unit);
        state["actions"] = new JsonArray(actions.Select(x => (JsonNode)x).ToArray());
        state["escalateTo"] = context.Get(EscalateTo);
        state["verification"] = context.Get(Verification) ?? "none";
        state["commentRequiredFor"] = new JsonArray((context.Get(CommentRequiredFor) ?? []).Select(x => (JsonNode)x).ToArray());

        var dueIn = context.Get(DueInWorkingDays);
        var dueAt = context.Get(DueAt);
        if (dueIn is not null || !string.IsNullOrWhiteSpace(dueAt))
        {
            var plan = planner.Plan(context.Now, dueIn, dueAt, context.Get(Reminders) ?? [], context.Get(EscalateAfterWorkingDays));
            state["dueAt"] = plan.DueAt;
            foreach (var (daysBefore, at) in plan.Reminders.Where(r => r.At > context.Now))
                context.CreateBookmark(ReminderBookmark, new JsonObject { ["task"] = context.Node.Id, ["daysBefore"] = daysBefore }, at);
            if (!string.IsNullOrWhiteSpace(state["escalateTo"]?.GetValue<string>()))
                context.CreateBookmark(EscalationBookmark, new JsonObject { ["task"] = context.Node.Id }, plan.EscalateAt);
        }

        context.CreateBookmark(TypeName, CompletionPayload(context.Node.Id), scopedToActivity: false);
        context.Emit(TaskMessages.Created, Describe(context));
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        switch (bookmark.Name)
        {
            case ReminderBookmark:
                var reminder = Describe(context);
                reminder["daysBefore"] = bookmark.Payload["daysBefore"]?.DeepClone();
                context.Emit(TaskMessages.Reminder, reminder);
                return ValueTask.CompletedTask;
            case EscalationBookmark:
                context.Emit(TaskMessages.Escalation, Describe(context));
                return ValueTask.CompletedTask;
        }

        var actions = context.State["actions"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        var given = context.ResumeInput?["action"];
        var action = given is null ? actions[0] : given is JsonValue v && v.TryGetValue(out string? text) ? text : null;
        if (action is null || !actions.Contains(action, StringComparer.Ordinal))
        {
            // A wrong action changes nothing: the task keeps waiting (callers validate before they send).
            context.CreateBookmark(TypeName, CompletionPayload(context.Node.Id), scopedToActivity: false);
            return ValueTask.CompletedTask;
        }

        var result = new JsonObject
        {
            ["action"] = action,
            ["comment"] = context.ResumeInput?["comment"]?.DeepClone(),
            ["by"] = context.ResumeInput?["by"]?.DeepClone(),
            ["channel"] = context.ResumeInput?["channel"]?.DeepClone(),
            ["address"] = context.ResumeInput?["address"]?.DeepClone(),
            ["at"] = context.Now,
        };
        context.SetOutput("result", result);
        var completed = Describe(context);
        completed["result"] = result.DeepClone();
        context.Emit(TaskMessages.Completed, completed);
        context.Complete(action);
        return ValueTask.CompletedTask;
    }

    /// <summary>A task cancelled with its workflow (or by a join won elsewhere) closes, and its links stop working.</summary>
    public ValueTask OnCancelledAsync(ActivityContext context)
    {
        context.Emit(TaskMessages.Cancelled, Describe(context));
        return ValueTask.CompletedTask;
    }

    private static JsonObject Describe(ActivityContext context)
    {
        var message = new JsonObject
        {
            ["workflowInstanceId"] = context.WorkflowInstanceId,
            ["correlationId"] = context.CorrelationId,
            ["task"] = context.Node.Id,
            ["activityInstanceId"] = context.ActivityInstanceId,
        };
        foreach (var key in new[] { "title", "summary", "assignee", "role", "unit", "dueAt", "escalateTo", "actions", "commentRequiredFor", "verification" })
            message[key] = context.State[key]?.DeepClone();
        return message;
    }
}
