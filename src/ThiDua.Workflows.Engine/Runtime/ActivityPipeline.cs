using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>One step of a burst: a work item taken from the queue, with the activity that carries it out.</summary>
internal sealed class ActivityStep(ExecutionSession session, WorkItem item, ActivityInstance activityInstance, ActivityNode node)
{
    public ExecutionSession Session { get; } = session;

    public WorkItem Item { get; } = item;

    public ActivityInstance ActivityInstance { get; } = activityInstance;

    public ActivityNode Node { get; } = node;
}

internal delegate ValueTask ActivityStepHandler(ActivityStep step);

/// <summary>Work around every activity step (journal, faults, limits, logging): one job each, composed in order.</summary>
internal interface IActivityMiddleware
{
    ValueTask InvokeAsync(ActivityStep step, ActivityStepHandler next);
}

/// <summary>
/// The ordered pipeline every step goes through, declared here and nowhere else. Outermost first: the step limit
/// stops a loop that never waits, the log scope names the instance, a fault becomes an incident, the journal records
/// the start or resume, then the activity runs.
/// </summary>
internal static class ActivityPipeline
{
    public static ActivityStepHandler Build(ILogger logger, int maxSteps) => Compose(
        [new StepLimit(maxSteps), new InstanceLogScope(logger), new FaultToIncident(), new JournalStep()],
        InvokeActivityAsync);

    private static ActivityStepHandler Compose(IReadOnlyList<IActivityMiddleware> middleware, ActivityStepHandler terminal)
    {
        var next = terminal;
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            var current = middleware[i];
            var inner = next;
            next = step => current.InvokeAsync(step, inner);
        }

        return next;
    }

    private static ValueTask InvokeActivityAsync(ActivityStep step)
    {
        var session = step.Session;
        var activity = session.ResolveActivity(step.Node);
        var item = step.Item;
        return item.Kind switch
        {
            WorkItemKind.Execute => activity.ExecuteAsync(new ActivityContext(session, step.ActivityInstance, step.Node)),
            WorkItemKind.Resume => activity.ResumeAsync(
                new ActivityContext(session, step.ActivityInstance, step.Node, item.Input), session.TakeResumingBookmark(item.BookmarkId!)),
            _ => activity.OnChildCompletedAsync(
                new ActivityContext(session, step.ActivityInstance, step.Node),
                new ChildCompletion(session.Workflow.Node(item.ChildNodePath!), item.ChildInstanceId!, item.Outcomes ?? [])),
        };
    }

    /// <summary>A burst that takes more steps than allowed faults the workflow: it loops without waiting.</summary>
    private sealed class StepLimit(int maxSteps) : IActivityMiddleware
    {
        public ValueTask InvokeAsync(ActivityStep step, ActivityStepHandler next)
        {
            if (++step.Session.Steps <= maxSteps) return next(step);
            step.Session.Fail(null, null, $"The burst exceeded {maxSteps} steps; the workflow may loop without waiting.", null);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Every log line written while an activity runs carries the instance and activity ids.</summary>
    private sealed class InstanceLogScope(ILogger logger) : IActivityMiddleware
    {
        public async ValueTask InvokeAsync(ActivityStep step, ActivityStepHandler next)
        {
            // A logger that writes nothing needs no scope (and the step allocates none).
            if (!logger.IsEnabled(LogLevel.Critical))
            {
                await next(step).ConfigureAwait(false);
                return;
            }

            using var scope = logger.BeginScope(new Dictionary<string, object?>
            {
                ["WorkflowInstanceId"] = step.Session.Instance.Id,
                ["ActivityId"] = step.Node.Id,
            });
            await next(step).ConfigureAwait(false);
        }
    }

    /// <summary>An exception from an activity faults the workflow with an incident naming the activity.</summary>
    private sealed class FaultToIncident : IActivityMiddleware
    {
        public async ValueTask InvokeAsync(ActivityStep step, ActivityStepHandler next)
        {
            try
            {
                await next(step).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                step.Session.Fail(step.ActivityInstance, step.Node, ex.Message, ex);
            }
        }
    }

    /// <summary>Records that an activity started or resumed (completion is journalled where it happens).</summary>
    private sealed class JournalStep : IActivityMiddleware
    {
        public ValueTask InvokeAsync(ActivityStep step, ActivityStepHandler next)
        {
            step.Session.ResolveActivity(step.Node); // an unknown type faults before anything is journalled as started
            if (step.Item.Kind == WorkItemKind.Execute)
                step.Session.Journal(JournalEvents.Started, step.ActivityInstance, step.Node);
            else if (step.Item.Kind == WorkItemKind.Resume)
                step.Session.Journal(JournalEvents.Resumed, step.ActivityInstance, step.Node);
            return next(step);
        }
    }
}
