using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Persistence;

/// <summary>
/// The durable <see cref="IWorkflowStore"/>. Each burst commits in one transaction: a conditional update of the
/// instance on its revision, the claim of the resumed bookmark (a conditional delete), bookmark changes, one journal
/// row for the whole burst, incidents and outbox rows. A lost race changes nothing and answers
/// <see cref="CommitOutcome.Conflict"/>. The hot path (load, claim, commit) is plain SQL on EF's connection: EF owns the
/// schema and migrations, and the change tracker would cost more than the database here. Identifiers are quoted, so
/// the same statements run on SQLite and PostgreSQL.
/// </summary>
public sealed class EfWorkflowStore(IWorkflowDbContextFactory contexts, SqlConnections sql, CommitGroup commits, StoreOptions options) : IWorkflowStore
{
    private static readonly JsonSerializerOptions JournalJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public Task<WorkflowInstance?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        sql.ReadAsync(db => db.ReadFirstAsync(
            """SELECT "State", "Revision" FROM "WorkflowInstances" WHERE "Id" = @id""",
            reader =>
            {
                var instance = JsonSerializer.Deserialize<WorkflowInstance>(reader.GetString(0), EngineJson.Options)!;
                instance.Revision = reader.GetInt64(1);
                return instance;
            },
            cancellationToken, ("@id", instanceId)), cancellationToken);

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        sql.ReadAsync(db => db.ReadFirstAsync(
            """
            SELECT "Id", "WorkflowInstanceId", "Name", "Hash", "ActivityInstanceId", "ActivityNodePath", "ActivityId",
                   "CorrelationId", "Payload", "ResumeAt", "CreatedAt"
            FROM "Bookmarks" WHERE "Id" = @id
            """,
            reader => new Bookmark
            {
                Id = reader.GetString(0),
                WorkflowInstanceId = reader.GetString(1),
                Name = reader.GetString(2),
                Hash = reader.GetString(3),
                ActivityInstanceId = reader.GetString(4),
                ActivityNodePath = reader.GetString(5),
                ActivityId = reader.GetString(6),
                CorrelationId = reader.IsDBNull(7) ? null : reader.GetString(7),
                Payload = JsonNode.Parse(reader.GetString(8))!.AsObject(),
                ResumeAt = reader.IsDBNull(9) ? null : FromTicks(reader.GetInt64(9)),
                CreatedAt = FromTicks(reader.GetInt64(10)),
            },
            cancellationToken, ("@id", bookmarkId)), cancellationToken);

    public Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken = default) =>
        TransientFaults.RetryAsync(() => FindBookmarksOnceAsync(query, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<Bookmark>> FindBookmarksOnceAsync(BookmarkQuery query, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var rows = db.Bookmarks.AsNoTracking();
        if (query.Hash is not null) rows = rows.Where(b => b.Hash == query.Hash);
        if (query.WorkflowInstanceId is not null) rows = rows.Where(b => b.WorkflowInstanceId == query.WorkflowInstanceId);
        if (query.CorrelationId is not null) rows = rows.Where(b => b.CorrelationId == query.CorrelationId);
        if (query.Name is not null) rows = rows.Where(b => b.Name == query.Name);
        rows = query.DueBy is { } dueBy
            ? rows.Where(b => b.ResumeAt != null && b.ResumeAt <= dueBy).OrderBy(b => b.ResumeAt)
            : rows.OrderBy(b => b.CreatedAt);
        var found = await rows.Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Select(r => new Bookmark
        {
            Id = r.Id,
            WorkflowInstanceId = r.WorkflowInstanceId,
            Name = r.Name,
            Hash = r.Hash,
            ActivityInstanceId = r.ActivityInstanceId,
            ActivityNodePath = r.ActivityNodePath,
            ActivityId = r.ActivityId,
            CorrelationId = r.CorrelationId,
            Payload = JsonNode.Parse(r.Payload)!.AsObject(),
            ResumeAt = r.ResumeAt,
            CreatedAt = r.CreatedAt,
        }).ToList();
    }

    public async Task<CommitOutcome> CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        var instance = commit.Instance;
        var previousRevision = instance.Revision;
        var revision = (commit.ExpectedRevision ?? 0) + 1;
        instance.Revision = revision;
        var state = JsonSerializer.Serialize(instance, EngineJson.Options);

        // Concurrent callers' bursts share a transaction (see CommitGroup); each is checked and undone on its own. Once
        // queued, a burst is not cancelled by its caller: the transaction it shares is other callers' too.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var outcome = await commits.CommitAsync(instance.Id, db => ApplyAsync(db, commit, state, revision, options.OutboxLease, CancellationToken.None)).ConfigureAwait(false);
            if (outcome == CommitOutcome.Conflict) instance.Revision = previousRevision;
            return outcome;
        }
        catch
        {
            instance.Revision = previousRevision; // nothing was stored
            throw;
        }
    }

    // Writes one burst in the current transaction; Conflict means the caller must undo it (a lost revision race, a
    // bookmark already claimed, an instance id already taken).
    private static async Task<CommitOutcome> ApplyAsync(SqlExecutor db, WorkflowCommit commit, string state, long revision, TimeSpan outboxLease, CancellationToken cancellationToken)
    {
        var instance = commit.Instance;
        try
        {
            if (commit.ExpectedRevision is not { } expected)
            {
                await db.ExecuteAsync("""
                    INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "DefinitionVersionId", "DefinitionVersion", "Status",
                        "CorrelationId", "Name", "Revision", "IncidentCount", "State", "CreatedAt", "UpdatedAt", "FinishedAt")
                    VALUES (@id, @definitionId, @versionId, @version, @status, @correlationId, @name, @revision, @incidents,
                        @state, @createdAt, @updatedAt, @finishedAt)
                    """, cancellationToken,
                    ("@id", instance.Id), ("@definitionId", instance.DefinitionId), ("@versionId", instance.DefinitionVersionId),
                    ("@version", instance.DefinitionVersion), ("@status", instance.Status.ToString()), ("@correlationId", instance.CorrelationId),
                    ("@name", instance.Name), ("@revision", revision), ("@incidents", instance.Incidents.Count), ("@state", state),
                    ("@createdAt", instance.CreatedAt.UtcTicks), ("@updatedAt", instance.UpdatedAt.UtcTicks), ("@finishedAt", instance.FinishedAt?.UtcTicks)).ConfigureAwait(false);
            }
            else
            {
                var updated = await db.ExecuteAsync("""
                    UPDATE "WorkflowInstances" SET "Revision" = @revision, "Status" = @status, "CorrelationId" = @correlationId,
                        "Name" = @name, "IncidentCount" = @incidents, "State" = @state, "UpdatedAt" = @updatedAt, "FinishedAt" = @finishedAt
                    WHERE "Id" = @id AND "Revision" = @expected
                    """, cancellationToken,
                    ("@id", instance.Id), ("@expected", expected), ("@revision", revision), ("@status", instance.Status.ToString()),
                    ("@correlationId", instance.CorrelationId), ("@name", instance.Name), ("@incidents", instance.Incidents.Count),
                    ("@state", state), ("@updatedAt", instance.UpdatedAt.UtcTicks), ("@finishedAt", instance.FinishedAt?.UtcTicks)).ConfigureAwait(false);
                if (updated == 0) return CommitOutcome.Conflict;
            }

            if (commit.ClaimedBookmarkId is { } claimed
                && await db.ExecuteAsync("""DELETE FROM "Bookmarks" WHERE "Id" = @id""", cancellationToken, ("@id", claimed)).ConfigureAwait(false) == 0)
                return CommitOutcome.Conflict;

            foreach (var removed in commit.RemovedBookmarkIds)
                await db.ExecuteAsync("""DELETE FROM "Bookmarks" WHERE "Id" = @id""", cancellationToken, ("@id", removed)).ConfigureAwait(false);

            foreach (var b in commit.AddedBookmarks)
                await db.ExecuteAsync("""
                    INSERT INTO "Bookmarks" ("Id", "WorkflowInstanceId", "Name", "Hash", "ActivityInstanceId", "ActivityNodePath",
                        "ActivityId", "CorrelationId", "Payload", "ResumeAt", "CreatedAt")
                    VALUES (@id, @instanceId, @name, @hash, @activityInstanceId, @path, @activityId, @correlationId, @payload, @resumeAt, @createdAt)
                    """, cancellationToken,
                    ("@id", b.Id), ("@instanceId", b.WorkflowInstanceId), ("@name", b.Name), ("@hash", b.Hash),
                    ("@activityInstanceId", b.ActivityInstanceId), ("@path", b.ActivityNodePath), ("@activityId", b.ActivityId),
                    ("@correlationId", b.CorrelationId), ("@payload", b.Payload.ToJsonString()), ("@resumeAt", b.ResumeAt?.UtcTicks),
                    ("@createdAt", b.CreatedAt.UtcTicks)).ConfigureAwait(false);

            if (commit.CorrelationChanged)
                await db.ExecuteAsync("""UPDATE "Bookmarks" SET "CorrelationId" = @correlationId WHERE "WorkflowInstanceId" = @instanceId""", cancellationToken,
                    ("@correlationId", instance.CorrelationId), ("@instanceId", instance.Id)).ConfigureAwait(false);

            if (commit.Journal.Count > 0)
                await db.ExecuteAsync("""
                    INSERT INTO "Journal" ("WorkflowInstanceId", "FirstSequence", "LastSequence", "Timestamp", "Entries")
                    VALUES (@instanceId, @first, @last, @timestamp, @entries)
                    """, cancellationToken,
                    ("@instanceId", instance.Id), ("@first", commit.Journal[0].Sequence), ("@last", commit.Journal[^1].Sequence),
                    ("@timestamp", commit.Journal[0].Timestamp.UtcTicks), ("@entries", SerializeJournal(commit.Journal))).ConfigureAwait(false);

            foreach (var i in commit.Incidents)
                await db.ExecuteAsync("""
                    INSERT INTO "Incidents" ("WorkflowInstanceId", "ActivityId", "ActivityNodePath", "ActivityType", "Message", "ExceptionType", "Timestamp")
                    VALUES (@instanceId, @activityId, @path, @type, @message, @exceptionType, @timestamp)
                    """, cancellationToken,
                    ("@instanceId", instance.Id), ("@activityId", i.ActivityId), ("@path", i.ActivityNodePath), ("@type", i.ActivityType),
                    ("@message", i.Message), ("@exceptionType", i.ExceptionType), ("@timestamp", i.Timestamp.UtcTicks)).ConfigureAwait(false);

            foreach (var m in commit.Outbox)
                await db.ExecuteAsync("""
                    INSERT INTO "Outbox" ("Id", "WorkflowInstanceId", "Kind", "Payload", "CreatedAt", "Attempts", "NextAttemptAt")
                    VALUES (@id, @instanceId, @kind, @payload, @createdAt, 0, @nextAttemptAt)
                    """, cancellationToken,
                    ("@id", m.Id), ("@instanceId", m.WorkflowInstanceId), ("@kind", m.Kind), ("@payload", m.Payload.ToJsonString()),
                    ("@createdAt", m.CreatedAt.UtcTicks),
                    ("@nextAttemptAt", (m.CreatedAt + outboxLease).UtcTicks)).ConfigureAwait(false); // the committing process delivers it first

            return CommitOutcome.Committed;
        }
        catch (DbException ex) when (commit.ExpectedRevision is null && IsUniqueViolation(ex))
        {
            // The instance id exists already: another start won. Any other database error is a real failure.
            return CommitOutcome.Conflict;
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.LockNotAvailable)
        {
            // Two groups locked rows in opposite orders: this burst is undone and the runtime reloads and tries again.
            return CommitOutcome.Conflict;
        }
    }

    public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string instanceId, CancellationToken cancellationToken = default) =>
        TransientFaults.RetryAsync(() => ReadJournalOnceAsync(instanceId, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<JournalEntry>> ReadJournalOnceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var bursts = await db.Journal.AsNoTracking()
            .Where(j => j.WorkflowInstanceId == instanceId)
            .OrderBy(j => j.FirstSequence)
            .Select(j => new { j.Entries, Timestamp = j.Timestamp.UtcTicks })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return bursts
            .SelectMany(burst => JsonSerializer.Deserialize<List<JournalLine>>(burst.Entries, JournalJson)!
                .Select(l => new JournalEntry(instanceId, l.S, FromTicks(burst.Timestamp + l.T), l.E,
                    l.P is null ? null : l.P[(l.P.LastIndexOf(':') + 1)..], l.Ty, l.P, l.Ai, l.M, l.O)))
            .ToList();
    }

    public Task<IReadOnlyList<string>> FindInstanceIdsAsync(WorkflowStatus status, int limit = 1000, CancellationToken cancellationToken = default) =>
        TransientFaults.RetryAsync(() => FindInstanceIdsOnceAsync(status, limit, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<string>> FindInstanceIdsOnceAsync(WorkflowStatus status, int limit, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var name = status.ToString();
        return await db.Instances.AsNoTracking().Where(i => i.Status == name).OrderBy(i => i.CreatedAt)
            .Take(limit).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    // Times are stored as ticks after the burst's first record, and the activity id is the last segment of its path.
    private static string SerializeJournal(IReadOnlyList<JournalEntry> journal)
    {
        var start = journal[0].Timestamp.UtcTicks;
        return JsonSerializer.Serialize(
            journal.Select(j => new JournalLine(j.Sequence, j.Timestamp.UtcTicks - start, j.EventName, j.ActivityType, j.ActivityNodePath, j.ActivityInstanceId, j.Message, j.Outcomes)),
            JournalJson);
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private static bool IsUniqueViolation(DbException ex) => ex switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>A journal record as stored inside its burst's row (short names: the journal is the bulk of the data).</summary>
    private sealed record JournalLine(
        long S,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long T,
        string E,
        string? Ty,
        string? P,
        string? Ai,
        string? M,
        IReadOnlyList<string>? O);
}
