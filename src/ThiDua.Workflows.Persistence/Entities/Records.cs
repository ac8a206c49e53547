namespace ThiDua.Workflows.Persistence.Entities;

/// <summary>One version of a workflow definition; its Elsa JSON is kept whole.</summary>
public sealed class DefinitionRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public string? Name { get; set; }

    public bool IsPublished { get; set; }

    public bool IsLatest { get; set; }

    public required string ContentHash { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who saved the version (a user name), or null for a file of workflows/ imported at start.</summary>
    public string? CreatedBy { get; set; }
}

/// <summary>The designer's unpublished draft of a definition: one per definition, replaced by each save.</summary>
public sealed class DefinitionDraftRecord
{
    public required string DefinitionId { get; set; }

    public required string Json { get; set; }

    /// <summary>The version the draft was started from (0 for a new definition).</summary>
    public int BaseVersion { get; set; }

    /// <summary>Counts saves; a save naming an older revision is refused, so two editors cannot overwrite each other unseen.</summary>
    public long Revision { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A workflow instance: the columns used to find and guard it, plus its trimmed state as JSON (only what is still
/// active; the journal lives in its own table and is never rewritten).
/// </summary>
public sealed class InstanceRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int DefinitionVersion { get; set; }

    public required string Status { get; set; }

    public string? CorrelationId { get; set; }

    public string? Name { get; set; }

    /// <summary>Optimistic concurrency: a burst commits only on the revision it loaded.</summary>
    public long Revision { get; set; }

    public int IncidentCount { get; set; }

    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A waiting point, indexed by stimulus hash and, for timers, by due time.</summary>
public sealed class BookmarkRecord
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string Name { get; set; }

    public required string Hash { get; set; }

    public required string ActivityInstanceId { get; set; }

    public required string ActivityNodePath { get; set; }

    public required string ActivityId { get; set; }

    public string? CorrelationId { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset? ResumeAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The journal of one burst: its records as one JSON array, appended once and never rewritten. One row per burst
/// instead of one per activity keeps the commit to a single insert however many activities ran.
/// </summary>
public sealed class JournalRecord
{
    public long Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public long FirstSequence { get; set; }

    public long LastSequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string Entries { get; set; }
}

/// <summary>A faulted activity.</summary>
public sealed class IncidentRecord
{
    public long Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityNodePath { get; set; }

    public required string ActivityType { get; set; }

    public required string Message { get; set; }

    public string? ExceptionType { get; set; }

    public DateTimeOffset Timestamp { get; set; }
}

/// <summary>A side effect written with its burst and carried out after commit.</summary>
public sealed class OutboxRecord : Outbox.ILeasedRow
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string Kind { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a worker carried it out; null while pending.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Earliest moment of the next attempt (backoff after a failure).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeadAt { get; set; }

    public DateTimeOffset? DiscardedAt { get; set; }
}
