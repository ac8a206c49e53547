using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Activities;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// The domain's outbox towards the workflows: <see cref="Add"/> writes a signal with the change that causes it;
/// <see cref="DeliverAsync"/> resumes the nomination's waiting workflow after the commit. Delivery is at least once;
/// a signal whose bookmark is gone (already delivered, or the workflow moved on) resumes nothing.
/// </summary>
public sealed partial class WorkflowSignals(NominationsContexts contexts, IWorkflowRuntime runtime, TimeProvider clock, ILogger<WorkflowSignals> logger)
{
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
        List<WorkflowSignal> pending;
        await using (var db = contexts.Create())
            pending = await db.WorkflowSignals.AsNoTracking().Where(s => s.DeliveredAt == null).OrderBy(s => s.Id).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var signal in pending) await DeliverOneAsync(signal, cancellationToken).ConfigureAwait(false);
        return pending.Count;
    }

    private async Task DeliverOneAsync(WorkflowSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            var input = signal.Input is null ? null : JsonNode.Parse(signal.Input) as JsonObject;
            await runtime.TriggerAsync(new Stimulus(signal.Stimulus, NominationStimuli.Payload(signal.NominationId)),
                new TriggerOptions(input, CorrelationId: signal.NominationId), cancellationToken).ConfigureAwait(false);
            await using var db = contexts.Create();
            await db.WorkflowSignals.Where(s => s.Id == signal.Id && s.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeliveredAt, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DeliveryFailed(logger, ex, signal.Stimulus, signal.NominationId);
            await using var db = contexts.Create();
            await db.WorkflowSignals.Where(s => s.Id == signal.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Error, Message = "Signal {Stimulus} for nomination {NominationId} was not delivered; it is retried every minute")]
    private static partial void DeliveryFailed(ILogger logger, Exception exception, string stimulus, string nominationId);
}
