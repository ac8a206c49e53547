using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Persistence.Entities;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// Delivers the workflow outbox (<see cref="LeasedOutbox{TContext,TRow}"/> over the <c>Outbox</c> table). The committing
/// process delivers its own rows right after commit; rows are written with a short lease
/// (<see cref="StoreOptions.OutboxLease"/>) so a drainer elsewhere leaves them alone meanwhile. Rows left behind (a
/// crash after commit, a failing handler) are claimed and retried by <see cref="DeliverPendingAsync"/> with backoff
/// until they are dead. Delivery is at least once: handlers make a repeat harmless (e.g. a stable Message-ID per row).
/// </summary>
public sealed class EfOutboxDispatcher(LeasedOutbox<WorkflowDbContext, OutboxRecord> outbox, InlineOutboxDispatcher inline) : IOutboxDispatcher
{
    /// <summary>How long a message of a kind no handler here carries out waits before it is looked at again.</summary>
    public static readonly TimeSpan UnhandledRetry = TimeSpan.FromMinutes(30);

    public static OutboxTable<WorkflowDbContext, OutboxRecord> Table { get; } =
        new("workflow", db => db.Outbox, r => (r.Kind, r.WorkflowInstanceId));

    public async Task DispatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
            await DeliverAsync(message, attempts: 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims and delivers rows whose lease or backoff has passed; returns how many were delivered.</summary>
    public async Task<int> DeliverPendingAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        foreach (var row in await outbox.DueAsync(limit, cancellationToken).ConfigureAwait(false))
        {
            if (!await outbox.ClaimAsync(row, cancellationToken).ConfigureAwait(false)) continue;
            var message = new OutboxMessage(row.Id, row.WorkflowInstanceId, row.Kind, JsonNode.Parse(row.Payload)!.AsObject(), row.CreatedAt);
            if (await DeliverAsync(message, row.Attempts, cancellationToken).ConfigureAwait(false)) delivered++;
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(OutboxMessage message, int attempts, CancellationToken cancellationToken)
    {
        // Rows of a kind this process cannot carry out stay for a process that can (e.g. timers for the web host).
        if (!inline.Handles(message.Kind))
        {
            await outbox.PostponeAsync(message.Id, UnhandledRetry, "no handler for this kind in this process", cancellationToken).ConfigureAwait(false);
            return false;
        }

        var error = await inline.DispatchOneAsync(message, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            await outbox.DeliveredAsync(message.Id, attempts, cancellationToken).ConfigureAwait(false);
            return true;
        }

        await outbox.FailedAsync(message.Id, attempts, error, cancellationToken).ConfigureAwait(false);
        return false;
    }
}
