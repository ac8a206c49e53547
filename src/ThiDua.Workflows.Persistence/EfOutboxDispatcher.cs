using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// Delivers outbox rows and records it. The committing process delivers its own rows right after commit; rows are
/// written with a short lease (<see cref="StoreOptions.OutboxLease"/>) so a drainer elsewhere leaves them alone meanwhile. Rows left
/// behind (a crash after commit, a failing handler) are claimed and retried by <see cref="DeliverPendingAsync"/>
/// with backoff. Delivery is at least once: handlers make a repeat harmless (e.g. a stable Message-ID per row).
/// </summary>
public sealed class EfOutboxDispatcher(IWorkflowDbContextFactory contexts, InlineOutboxDispatcher inline, StoreOptions options, TimeProvider clock) : IOutboxDispatcher
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)];

    /// <summary>How long a message of a kind no handler here carries out waits before it is looked at again.</summary>
    public static readonly TimeSpan UnhandledRetry = TimeSpan.FromMinutes(30);

    public async Task DispatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
            await DeliverAsync(message, attempts: 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims and delivers rows whose lease or backoff has passed; returns how many were delivered.</summary>
    public async Task<int> DeliverPendingAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<Entities.OutboxRecord> due;
        // Rows of a kind this process cannot carry out stay for a process that can (e.g. timers for the web host).
        await using (var db = contexts.Create())
        {
            due = await db.Outbox.AsNoTracking()
                .Where(o => o.DeliveredAt == null && (o.NextAttemptAt == null || o.NextAttemptAt <= now))
                .OrderBy(o => o.CreatedAt).Take(limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var delivered = 0;
        foreach (var row in due)
        {
            // Claim: only one process moves the lease forward from the value it read.
            await using var db = contexts.Create();
            var lease = clock.GetUtcNow() + options.OutboxLease;
            var claimed = await db.Outbox
                .Where(o => o.Id == row.Id && o.DeliveredAt == null && o.NextAttemptAt == row.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, lease), cancellationToken).ConfigureAwait(false);
            if (claimed == 0) continue;
            var message = new OutboxMessage(row.Id, row.WorkflowInstanceId, row.Kind, JsonNode.Parse(row.Payload)!.AsObject(), row.CreatedAt);
            if (await DeliverAsync(message, row.Attempts, cancellationToken).ConfigureAwait(false)) delivered++;
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(OutboxMessage message, int attempts, CancellationToken cancellationToken)
    {
        if (!inline.Handles(message.Kind))
        {
            var later = clock.GetUtcNow() + UnhandledRetry;
            await using var pending = contexts.Create();
            await pending.Outbox.Where(o => o.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, later).SetProperty(o => o.LastError, "no handler for this kind in this process"), cancellationToken)
                .ConfigureAwait(false);
            return false;
        }

        var ok = await inline.DispatchOneAsync(message, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        await using var db = contexts.Create();
        if (ok)
        {
            await db.Outbox.Where(o => o.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.DeliveredAt, now).SetProperty(o => o.Attempts, attempts + 1), cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            var next = now + Backoff[Math.Min(attempts, Backoff.Length - 1)];
            await db.Outbox.Where(o => o.Id == message.Id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Attempts, attempts + 1)
                    .SetProperty(o => o.NextAttemptAt, next)
                    .SetProperty(o => o.LastError, "a handler failed; see the log"), cancellationToken)
                .ConfigureAwait(false);
        }

        return ok;
    }
}
