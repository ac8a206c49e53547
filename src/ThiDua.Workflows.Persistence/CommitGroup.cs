using System.Collections.Concurrent;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// Group commit: bursts committed by concurrent callers share one transaction (one WAL sync) instead of one each.
/// Each burst still runs its own revision check and bookmark claim inside a savepoint, so a conflict or a failing
/// statement undoes only that burst; every caller learns its own outcome only after the shared commit, so nothing is
/// acknowledged that a crash could lose. A caller alone commits on its own, without savepoints, as before.
/// </summary>
/// <remarks>
/// Leader/follower, no background thread: a caller enqueues its burst and takes the leader's turn; the leader commits
/// everything queued (up to <see cref="MaxBatch"/>). Callers that arrive while a group commits queue for the next one.
/// </remarks>
public sealed class CommitGroup(SqlConnections sql) : IDisposable
{
    /// <summary>The most bursts one transaction carries.</summary>
    public const int MaxBatch = 64;

    /// <summary>Groups committing at once on PostgreSQL (each on its own pooled connection); SQLite has one writer.</summary>
    public const int PostgresLeaders = 8;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private long _groups;
    private long _bursts;

    /// <summary>Transactions committed so far (a figure for benchmarks and tests).</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>Bursts written in them; Bursts ÷ Groups is the average group size.</summary>
    public long Bursts => Interlocked.Read(ref _bursts);
    private readonly SemaphoreSlim _leader = sql.IsSqlite ? new(1, 1) : new(PostgresLeaders, PostgresLeaders);

    /// <summary>
    /// Commits one burst of <paramref name="instanceId"/>, possibly together with others; <paramref name="apply"/> writes it
    /// and answers Conflict to undo it.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(string instanceId, Func<SqlExecutor, Task<CommitOutcome>> apply)
    {
        var pending = new Pending(instanceId, apply);
        _queue.Enqueue(pending);
        // Not cancellable once queued: a leader may already be writing this burst, and its outcome must reach the caller.
        while (!pending.Outcome.Task.IsCompleted)
        {
            await _leader.WaitAsync().ConfigureAwait(false);
            bool committed;
            try
            {
                committed = await CommitQueuedAsync().ConfigureAwait(false);
            }
            finally
            {
                _leader.Release();
            }

            // Nothing left to take: this burst is in a group another leader is committing.
            if (!committed) break;
        }

        return await pending.Outcome.Task.ConfigureAwait(false);
    }

    // Commits what is queued as one group; false when the queue was empty.
    private async Task<bool> CommitQueuedAsync()
    {
        var batch = new List<Pending>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next)) batch.Add(next);
        if (batch.Count == 0) return false;
        // Groups committing at once (PostgreSQL) take their row locks in one order, so they cannot deadlock each other.
        // Bursts of one instance keep their order (a stable sort): the later one then meets the earlier one's revision.
        batch = [.. batch.OrderBy(p => p.InstanceId, StringComparer.Ordinal)];

        var outcomes = new CommitOutcome[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            await sql.RunAsync(transaction: true, db =>
            {
                // A retried group starts clean: nothing of a failed attempt was stored.
                Array.Clear(failures);
                return WriteAsync(db, batch, outcomes, failures);
            }).ConfigureAwait(false);
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _bursts, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (failures[i] is { } failure) batch[i].Outcome.TrySetException(failure);
                else batch[i].Outcome.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception ex)
        {
            // The shared transaction failed (or was never committed): none of the group is stored, and every caller
            // hears why. Rethrown for nobody: each caller rethrows its own copy.
            foreach (var pending in batch) pending.Outcome.TrySetException(ex);
        }

        return true;
    }

    private static async Task<int> WriteAsync(SqlExecutor db, List<Pending> batch, CommitOutcome[] outcomes, Exception?[] failures)
    {
        if (batch.Count == 1)
        {
            outcomes[0] = await batch[0].Apply(db).ConfigureAwait(false);
            if (outcomes[0] == CommitOutcome.Committed) await db.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            else await db.RollbackAsync().ConfigureAwait(false);
            return 1;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            await db.ExecuteAsync("SAVEPOINT burst", CancellationToken.None).ConfigureAwait(false);
            try
            {
                outcomes[i] = await batch[i].Apply(db).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && !TransientFaults.IsTransient(ex))
            {
                // Whatever went wrong with this burst stays with it: the savepoint undoes it, the others go on. A
                // transient failure is the connection's, not the burst's: it ends the group, which is tried again.
                failures[i] = ex;
            }

            if (failures[i] is not null || outcomes[i] != CommitOutcome.Committed)
                await db.ExecuteAsync("ROLLBACK TO SAVEPOINT burst", CancellationToken.None).ConfigureAwait(false);
            await db.ExecuteAsync("RELEASE SAVEPOINT burst", CancellationToken.None).ConfigureAwait(false);
        }

        await db.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return batch.Count;
    }

    public void Dispose() => _leader.Dispose();

    private sealed class Pending(string instanceId, Func<SqlExecutor, Task<CommitOutcome>> apply)
    {
        public string InstanceId { get; } = instanceId;

        public Func<SqlExecutor, Task<CommitOutcome>> Apply { get; } = apply;

        public TaskCompletionSource<CommitOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
