using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Scheduling.Timers;

/// <summary>Recurring retry of outbox rows a crash or a failing handler left undelivered.</summary>
public sealed class OutboxDrainJob(EfOutboxDispatcher outbox)
{
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 120)]
    public Task<int> DrainAsync(CancellationToken cancellationToken) => outbox.DeliverPendingAsync(cancellationToken: cancellationToken);
}
