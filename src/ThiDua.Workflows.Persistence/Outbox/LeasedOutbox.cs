using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ThiDua.Workflows.Persistence.Outbox;

/// <summary>
/// The one outbox mechanism behind workflow messages, mail and domain signals. A row is claimed by a conditional
/// update of its lease (two workers never both deliver it), retried with backoff after a failure, and dead after
/// <see cref="OutboxPolicy.MaxAttempts"/> failures, with its last error, until the administrator retries or
/// discards it. A postponement (the mail server is down, no handler in this process) is not a failure of the row.
/// Every state change is a conditional update on the state it starts from, so concurrent changes take effect once.
/// </summary>
public sealed class LeasedOutbox<TContext, TRow>(
    OutboxTable<TContext, TRow> table, Func<TContext> contexts, OutboxPolicy policy, TimeProvider clock, ILogger logger) : IDeadLetterBox
    where TContext : DbContext
    where TRow : class, ILeasedRow
{
    private const int ErrorLength = 500;

    public string Name => table.Name;

    public OutboxPolicy Policy => policy;

    /// <summary>Rows whose lease or backoff has passed, oldest first.</summary>
    public async Task<List<TRow>> DueAsync(int limit, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts();
        return await Pending(table.Rows(db).AsNoTracking())
            .Where(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.NextAttemptAt)) == null || EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.NextAttemptAt)) <= now)
            .OrderBy(r => EF.Property<DateTimeOffset>(r, nameof(ILeasedRow.CreatedAt))).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the lease of a row read by <see cref="DueAsync"/>; false when another worker took it first.</summary>
    public async Task<bool> ClaimAsync(TRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var lease = clock.GetUtcNow() + policy.Lease;
        var seen = row.NextAttemptAt;
        await using var db = contexts();
        return await Pending(One(db, row.Id))
            .Where(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.NextAttemptAt)) == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.NextAttemptAt)), lease), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    /// <summary>Pending → delivered.</summary>
    public async Task DeliveredAsync(string id, int attempts, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts();
        await Pending(One(db, id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => EF.Property<DateTimeOffset?>(r, table.DeliveredColumn), now)
                .SetProperty(r => EF.Property<int>(r, nameof(ILeasedRow.Attempts)), attempts + 1), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A failed attempt: pending again after the backoff, or dead when it was the last one allowed.</summary>
    public async Task<OutboxState> FailedAsync(string id, int attempts, string error, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var failures = attempts + 1;
        var text = Shorten(error);
        var dies = failures >= policy.MaxAttempts;
        DateTimeOffset? deadAt = dies ? now : null;
        DateTimeOffset? next = dies ? null : now + policy.BackoffAfter(failures);
        await using var db = contexts();
        var changed = await Pending(One(db, id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => EF.Property<int>(r, nameof(ILeasedRow.Attempts)), failures)
                .SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.NextAttemptAt)), next)
                .SetProperty(r => EF.Property<string?>(r, nameof(ILeasedRow.LastError)), text)
                .SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.DeadAt)), deadAt), cancellationToken)
            .ConfigureAwait(false);
        if (changed == 0 || !dies) return OutboxState.Pending;
        OutboxMetrics.Dead(table.Name);
        OutboxLog.Dead(logger, table.Name, id, failures, text);
        return OutboxState.Dead;
    }

    /// <summary>Not tried now, for a reason outside the row (server down, no handler here): the attempt is not counted.</summary>
    public async Task PostponeAsync(string id, TimeSpan delay, string reason, CancellationToken cancellationToken = default)
    {
        var next = clock.GetUtcNow() + delay;
        var text = Shorten(reason);
        await using var db = contexts();
        await Pending(One(db, id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.NextAttemptAt)), next)
                .SetProperty(r => EF.Property<string?>(r, nameof(ILeasedRow.LastError)), text), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<OutboxCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        var pending = await Pending(table.Rows(db)).CountAsync(cancellationToken).ConfigureAwait(false);
        var dead = await Dead(table.Rows(db)).CountAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxCounts(pending, dead);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        var rows = await Dead(table.Rows(db).AsNoTracking())
            .OrderByDescending(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.DeadAt))).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r =>
        {
            var (subject, target) = table.Describe(r);
            return new DeadLetter(table.Name, r.Id, subject, target, r.Attempts, r.CreatedAt, r.DeadAt!.Value, r.LastError);
        }).ToList();
    }

    public Task<bool> RetryAsync(string id, CancellationToken cancellationToken = default) =>
        MoveDeadAsync(id, OutboxState.Pending, cancellationToken);

    public Task<bool> DiscardAsync(string id, CancellationToken cancellationToken = default) =>
        MoveDeadAsync(id, OutboxState.Discarded, cancellationToken);

    private async Task<bool> MoveDeadAsync(string id, OutboxState to, CancellationToken cancellationToken)
    {
        if (!OutboxStates.CanMove(OutboxState.Dead, to)) throw new InvalidOperationException($"A dead row cannot become {to}.");
        var now = clock.GetUtcNow();
        await using var db = contexts();
        var dead = Dead(One(db, id));
        var changed = to == OutboxState.Pending
            ? await dead.ExecuteUpdateAsync(s => s
                .SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.DeadAt)), (DateTimeOffset?)null)
                .SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.NextAttemptAt)), (DateTimeOffset?)null)
                .SetProperty(r => EF.Property<int>(r, nameof(ILeasedRow.Attempts)), 0), cancellationToken).ConfigureAwait(false)
            : await dead.ExecuteUpdateAsync(s => s
                .SetProperty(r => EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.DiscardedAt)), now), cancellationToken).ConfigureAwait(false);
        if (changed == 1) OutboxLog.Moved(logger, table.Name, id, to);
        return changed == 1;
    }

    private IQueryable<TRow> One(TContext db, string id) => table.Rows(db).Where(r => EF.Property<string>(r, nameof(ILeasedRow.Id)) == id);

    private IQueryable<TRow> Pending(IQueryable<TRow> rows) => rows.Where(r =>
        EF.Property<DateTimeOffset?>(r, table.DeliveredColumn) == null && EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.DeadAt)) == null);

    private static IQueryable<TRow> Dead(IQueryable<TRow> rows) => rows.Where(r =>
        EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.DeadAt)) != null && EF.Property<DateTimeOffset?>(r, nameof(ILeasedRow.DiscardedAt)) == null);

    private static string Shorten(string text) => text.Length > ErrorLength ? text[..ErrorLength] : text;
}

/// <summary>The outbox meter: dead rows counted by box, for whatever collects metrics.</summary>
public static class OutboxMetrics
{
    public const string MeterName = "ThiDua.Workflows.Outbox";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> DeadRows = Meter.CreateCounter<long>("thidua.outbox.dead", description: "Outbox rows that failed their last allowed attempt");

    public static void Dead(string box) => DeadRows.Add(1, new KeyValuePair<string, object?>("box", box));
}

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Outbox {Box}: row {Id} is dead after {Attempts} failed attempts; last error: {Error}")]
    public static partial void Dead(ILogger logger, string box, string id, int attempts, string error);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Outbox {Box}: dead row {Id} moved to {State}")]
    public static partial void Moved(ILogger logger, string box, string id, OutboxState state);
}

/// <summary>Builds a module's outbox from the container: the store's policy, the clock, the outbox log category.</summary>
public static class LeasedOutboxes
{
    public static LeasedOutbox<TContext, TRow> Create<TContext, TRow>(IServiceProvider services, OutboxTable<TContext, TRow> table, Func<TContext> contexts, TimeSpan lease)
        where TContext : DbContext
        where TRow : class, ILeasedRow
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = (StoreOptions)services.GetService(typeof(StoreOptions))!;
        var clock = (TimeProvider?)services.GetService(typeof(TimeProvider)) ?? TimeProvider.System;
        var logger = ((ILoggerFactory?)services.GetService(typeof(ILoggerFactory)))?.CreateLogger("ThiDua.Workflows.Outbox")
            ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        return new LeasedOutbox<TContext, TRow>(table, contexts, store.OutboxPolicy(lease), clock, logger);
    }
}
