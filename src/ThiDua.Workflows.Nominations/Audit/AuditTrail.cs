using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ThiDua.Workflows.Nominations.Audit;

/// <summary>
/// The append-only, hash-chained audit trail. <see cref="Add"/> writes an entry in the caller's unit of work, so it
/// commits (or not) with the change it records; <see cref="SealAsync"/> then chains unsealed entries in order, moving
/// the chain's head with a conditional update so two sealers never fork it. <see cref="VerifyAsync"/> walks the chain
/// and names the first entry whose hash does not match.
/// </summary>
public sealed partial class AuditTrail(NominationsContexts contexts, TimeProvider clock, ILogger<AuditTrail> logger)
{
    private const int SealBatch = 500;
    private static readonly JsonSerializerOptions DetailJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds an entry to <paramref name="db"/>'s pending changes; it is saved with them.</summary>
    public AuditRecord Add(NominationsDbContext db, string actor, string action, string subject, object? detail = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        var record = new AuditRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            At = now,
            Actor = actor,
            Action = action,
            Subject = subject,
            Detail = detail is null ? null : JsonSerializer.Serialize(detail, DetailJson),
        };
        db.AuditTrail.Add(record);
        return record;
    }

    /// <summary>An entry of its own (a sign-in), saved and sealed now.</summary>
    public async Task AppendAsync(string actor, string action, string subject, object? detail = null, CancellationToken cancellationToken = default)
    {
        await using (var db = contexts.Create())
        {
            Add(db, actor, action, subject, detail);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Seals after a change committed: a failure here (the database busy) must not turn a committed change into an
    /// error for the person; the recurring job seals what is left.
    /// </summary>
    public async Task SealQuietlyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await SealAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
        {
            SealPostponed(logger, ex);
        }
    }

    /// <summary>Chains the unsealed entries in the order they were written; returns how many were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken = default)
    {
        var sealedCount = 0;
        while (true)
        {
            var batch = await SealBatchAsync(cancellationToken).ConfigureAwait(false);
            if (batch <= 0) return sealedCount;
            sealedCount += batch;
        }
    }

    // One batch in one transaction; 0 when nothing is left, -1 when another sealer moved the head first.
    private async Task<int> SealBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingleId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            head = new AuditChainHead();
            db.AuditChainHeads.Add(head);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }

        var pending = await db.AuditTrail.AsNoTracking().Where(r => r.Seq == null).OrderBy(r => r.Id).Take(SealBatch)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0) return 0;

        var (seq, hash) = (head.LastSeq, head.LastHash);
        foreach (var record in pending)
        {
            seq++;
            hash = AuditChain.Hash(hash, seq, record);
            var (s, h) = (seq, hash);
            if (await db.AuditTrail.Where(r => r.Id == record.Id && r.Seq == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Seq, s).SetProperty(r => r.Hash, h), cancellationToken).ConfigureAwait(false) == 0)
                return -1; // sealed by another sealer meanwhile; the transaction is rolled back
        }

        var (lastSeq, lastHash) = (seq, hash);
        var moved = await db.AuditChainHeads.Where(x => x.Id == AuditChainHead.SingleId && x.LastSeq == head.LastSeq)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeq, lastSeq).SetProperty(x => x.LastHash, lastHash), cancellationToken).ConfigureAwait(false);
        if (moved == 0) return -1;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pending.Count;
    }

    /// <summary>Walks the sealed chain from the first entry; the first entry whose hash or position does not match breaks it.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var (expectedSeq, hash) = (0L, AuditChain.Genesis);
        while (true)
        {
            var from = expectedSeq;
            var page = await db.AuditTrail.AsNoTracking().Where(r => r.Seq != null && r.Seq > from).OrderBy(r => r.Seq).Take(1000)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                expectedSeq++;
                if (record.Seq != expectedSeq)
                    return Broken(expectedSeq, record, $"entry {expectedSeq} is missing (the next one found is {record.Seq})");
                var expected = AuditChain.Hash(hash, expectedSeq, record);
                if (!string.Equals(expected, record.Hash, StringComparison.Ordinal))
                    return Broken(expectedSeq, record, "its content does not match its hash (edited after it was sealed)");
                hash = expected;
            }

            if (page.Count < 1000) break;
        }

        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (head is not null && (head.LastSeq != expectedSeq || !string.Equals(head.LastHash, hash, StringComparison.Ordinal)))
            return Broken(expectedSeq + 1, null, $"the chain ends at entry {expectedSeq} but its head says {head.LastSeq} (entries removed from the end)");
        var unsealed = await db.AuditTrail.CountAsync(r => r.Seq == null, cancellationToken).ConfigureAwait(false);
        return new AuditVerification(true, expectedSeq, unsealed, null, null, null);
    }

    private AuditVerification Broken(long seq, AuditRecord? record, string reason)
    {
        ChainBroken(logger, seq, record?.Id ?? "-", reason);
        return new AuditVerification(false, seq - 1, 0, seq, record?.Id, reason);
    }

    [LoggerMessage(EventId = 731, Level = LogLevel.Warning, Message = "Audit entries not sealed now; the recurring job seals them")]
    private static partial void SealPostponed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 730, Level = LogLevel.Critical, Message = "Audit chain broken at entry {Seq} ({Id}): {Reason}")]
    private static partial void ChainBroken(ILogger logger, long seq, string id, string reason);
}

/// <summary>The result of walking the chain: intact with how many entries, or the first broken entry and why.</summary>
public sealed record AuditVerification(bool Intact, long Verified, int Unsealed, long? BrokenAt, string? BrokenId, string? Reason);
