using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// An activity type. One class per type, stateless (the runtime keeps one instance per type): what a node
/// does is read from its <see cref="ActivityContext"/>, and services come through the constructor.
/// Write <see cref="ExecuteAsync"/>; override the others only when the activity waits or contains children.
/// </summary>
public interface IActivity
{
    /// <summary>Runs the activity: complete it, create a bookmark to wait, or schedule children.</summary>
    ValueTask ExecuteAsync(ActivityContext context);

    /// <summary>Called when one of this activity's bookmarks is resumed. By default the activity completes with <c>Done</c>.</summary>
    ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called on a container when a child it scheduled completes. By default the container completes.</summary>
    ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called when the activity is cancelled while active (a join won elsewhere, the workflow was cancelled).</summary>
    ValueTask OnCancelledAsync(ActivityContext context) => ValueTask.CompletedTask;
}

/// <summary>What a container learns when a child completes.</summary>
public sealed record ChildCompletion(ActivityNode Node, string ActivityInstanceId, IReadOnlyList<string> Outcomes);
