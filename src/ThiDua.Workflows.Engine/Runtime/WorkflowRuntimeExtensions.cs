using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Conveniences over <see cref="IWorkflowRuntime"/>.</summary>
public static class WorkflowRuntimeExtensions
{
    /// <summary>Publishes a named event to the instances waiting for it (Elsa.Event).</summary>
    public static Task<IReadOnlyList<ResumeResult>> PublishEventAsync(
        this IWorkflowRuntime runtime, string eventName, JsonObject? input = null, string? workflowInstanceId = null, CancellationToken cancellationToken = default) =>
        runtime.TriggerAsync(Stimulus.Event(eventName), new TriggerOptions(input, workflowInstanceId), cancellationToken);

    /// <summary>Continues every instance left Running by a crash (their last commit has work queued); returns how many.</summary>
    public static async Task<int> RecoverInterruptedAsync(
        this IWorkflowRuntime runtime, IWorkflowStore store, Action<string, Exception>? onError = null, CancellationToken cancellationToken = default)
    {
        var recovered = 0;
        foreach (var id in await store.FindInstanceIdsAsync(WorkflowStatus.Running, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (await runtime.ContinueAsync(id, cancellationToken).ConfigureAwait(false) is not null)
                    recovered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One instance that cannot continue (its definition version is gone, say) must not stop the others
                // or the host; it stays Running and is tried again at the next recovery.
                onError?.Invoke(id, ex);
            }
        }

        return recovered;
    }

    /// <summary>Resumes every timer bookmark (Delay, StartAt, Timer, ...) due by <paramref name="now"/>; returns how many ran.</summary>
    public static async Task<int> ResumeDueTimersAsync(
        this IWorkflowRuntime runtime, IWorkflowStore store, DateTimeOffset now, string? workflowInstanceId = null, CancellationToken cancellationToken = default)
    {
        var due = await store.FindBookmarksAsync(new BookmarkQuery(WorkflowInstanceId: workflowInstanceId, DueBy: now, Limit: int.MaxValue), cancellationToken).ConfigureAwait(false);
        var resumed = 0;
        foreach (var bookmark in due)
            if ((await runtime.ResumeAsync(bookmark.Id, null, cancellationToken).ConfigureAwait(false)).Outcome == ResumeOutcome.Resumed)
                resumed++;
        return resumed;
    }
}
