using Hangfire;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Scheduling.Timers;

/// <summary>
/// The Hangfire job of one timer bookmark. It re-checks the store every time: a bookmark already resumed,
/// completed or cancelled makes it a no-op, and the runtime's claim makes a duplicate run harmless.
/// </summary>
public sealed partial class TimerJobs(IWorkflowStore store, IWorkflowRuntime runtime, IBackgroundJobClient jobs, TimeProvider clock, ILogger<TimerJobs> logger)
{
    /// <summary>Tolerance for a job that runs a little before its bookmark's time (clock skew between hosts).</summary>
    public static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(2);

    [AutomaticRetry(Attempts = 5)]
    public async Task FireAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        var bookmark = await store.FindBookmarkAsync(bookmarkId, cancellationToken).ConfigureAwait(false);
        if (bookmark?.ResumeAt is not { } resumeAt)
        {
            Gone(logger, bookmarkId);
            return;
        }

        var early = resumeAt - clock.GetUtcNow();
        if (early > EarlyTolerance)
        {
            jobs.Schedule<TimerJobs>(j => j.FireAsync(bookmarkId, CancellationToken.None), early);
            return;
        }

        var result = await runtime.ResumeAsync(bookmarkId, cancellationToken: cancellationToken).ConfigureAwait(false);
        Fired(logger, bookmarkId, bookmark.WorkflowInstanceId, result.Outcome);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Timer {BookmarkId} is no longer waiting; nothing to do")]
    private static partial void Gone(ILogger logger, string bookmarkId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Timer {BookmarkId} of workflow instance {WorkflowInstanceId} fired: {Outcome}")]
    private static partial void Fired(ILogger logger, string bookmarkId, string workflowInstanceId, ResumeOutcome outcome);
}
