using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Scheduling.Timers;

/// <summary>
/// Recurring recovery: continues instances left Running (a start accepted but not run because the process failed in
/// between), without waiting for the next restart. The runtime's revision check makes a race with a burst still
/// under way harmless: one of the two commits, the other reloads and finds nothing to do.
/// </summary>
public sealed partial class RecoveryJob(IWorkflowRuntime runtime, IWorkflowStore store, ILogger<RecoveryJob> logger)
{
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 120)]
    public Task<int> RecoverAsync(CancellationToken cancellationToken) =>
        runtime.RecoverInterruptedAsync(store, (id, ex) => Failed(logger, ex, id), cancellationToken);

    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "Workflow instance {WorkflowInstanceId} could not be continued; it stays Running")]
    private static partial void Failed(ILogger logger, Exception exception, string workflowInstanceId);
}
