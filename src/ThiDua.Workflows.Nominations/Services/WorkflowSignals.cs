using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Activities;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// The domain's outbox towards the workflows (<see cref="LeasedOutbox{TContext,TRow}"/> over <c>WorkflowSignals</c>):
/// <see cref="Add"/> writes a signal with the change that causes it, leased to the writing process;
/// <see cref="DeliverAsync"/> resumes the nomination's waiting workflow after the commit. Delivery is at least once;
/// a signal whose bookmark is gone (already delivered, or the workflow moved on) resumes nothing.
/// </summary>
public sealed partial class WorkflowSignals(
    LeasedOutbox<NominationsDbContext, WorkflowSignal> outbox, IWorkflowRuntime runtime, StoreOptions store, TimeProvider clock, ILogger<WorkflowSignals> logger)
{
    public static OutboxTable<NominationsDbContext, WorkflowSignal> Table { get; } =
        new("signal", db => db.WorkflowSignals, s => (s.Stimulus, s.NominationId));

    public WorkflowSignal Add(NominationsDbContext db, string nominationId, string stimulus, JsonObject? input = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        var signal = new WorkflowSignal
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            NominationId = nominationId,
            Stimulus = stimulus,
            Input = input?.ToJsonString(),
            CreatedAt = now,
            // The committing process delivers it right after the commit; others take it only if that process dies.
            NextAttemptAt = now + store.OutboxLease,
        };
        db.WorkflowSignals.Add(signal);
        return signal;
    }

    /// <summary>Delivers the given signals (just committed) in order.</summary>
    public async Task DeliverAsync(IEnumerable<WorkflowSignal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        foreach (var signal in signals) await DeliverOneAsync(signal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers what a crash or a failure left (start-up and a recurring job).</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        foreach (var signal in await outbox.DueAsync(500, cancellationToken).ConfigureAwait(false))
        {
            if (!await outbox.ClaimAsync(signal, cancellationToken).ConfigureAwait(false)) continue;
            if (await DeliverOneAsync(signal, cancellationToken).ConfigureAwait(false)) delivered++;
        }

        return delivered;
    }

    private async Task<bool> DeliverOneAsync(WorkflowSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            var input = signal.Input is null ? null : JsonNode.Parse(signal.Input) as JsonObject;
            await runtime.TriggerAsync(new Stimulus(signal.Stimulus, NominationStimuli.Payload(signal.NominationId)),
                new TriggerOptions(input, CorrelationId: signal.NominationId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DeliveryFailed(logger, ex, signal.Stimulus, signal.NominationId);
            await outbox.FailedAsync(signal.Id, signal.Attempts, $"{ex.GetType().Name}: {ex.Message}", cancellationToken).ConfigureAwait(false);
            return false;
        }

        await outbox.DeliveredAsync(signal.Id, signal.Attempts, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Error, Message = "Signal {Stimulus} for nomination {NominationId} was not delivered; it is retried with backoff")]
    private static partial void DeliveryFailed(ILogger logger, Exception exception, string stimulus, string nominationId);
}
