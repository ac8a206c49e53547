using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>
/// The persisted state of one run of a workflow. Kept small on purpose: only the activities still active,
/// the variables, the bookmarks and the work queue; the journal lives apart.
/// </summary>
public sealed class WorkflowInstance
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    public string? CorrelationId { get; set; }

    public string? Name { get; set; }

    public JsonObject Variables { get; set; } = [];

    public JsonObject Input { get; set; } = [];

    /// <summary>Activity instances that are scheduled, running, or waiting.</summary>
    public List<ActivityInstance> Activities { get; set; } = [];

    /// <summary>Work not yet done; empty after every committed burst unless a burst was cut short.</summary>
    public List<WorkItem> Queue { get; set; } = [];

    public List<Bookmark> Bookmarks { get; set; } = [];

    public List<Incident> Incidents { get; set; } = [];

    public string? FaultMessage { get; set; }

    /// <summary>The workflow's outputs (Elsa.SetOutput); null until one is set.</summary>
    public JsonObject? Output { get; set; }

    /// <summary>The outcomes the workflow completed with (Elsa.Complete); null when it simply ran to its end.</summary>
    public List<string>? Outcomes { get; set; }

    /// <summary>The last value of each activity's outputs, by activity id, for <c>getOutputFrom</c> in expressions.</summary>
    public JsonObject? ActivityOutputs { get; set; }

    /// <summary>The trigger activity that started this instance (a Cron schedule); it completes at once the first time it runs.</summary>
    public string? TriggerActivityId { get; set; }

    /// <summary>What the trigger received (an HTTP request), for the trigger activity; cleared when it is used.</summary>
    public JsonObject? TriggerInput { get; set; }

    /// <summary>The instance that started this one as a child and waits for it (null for a top-level instance).</summary>
    public ParentLink? Parent { get; set; }

    /// <summary>Source of activity instance ids and journal sequence numbers, so both are deterministic.</summary>
    public long Sequence { get; set; }

    /// <summary>Optimistic concurrency: the store accepts a commit only on the revision it handed out.</summary>
    public long Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>One active activity: which node of the definition, under which parent, with its own small state.</summary>
public sealed class ActivityInstance
{
    public required string Id { get; set; }

    /// <summary>Path of the node in the definition (ids joined by ':'), stable for a definition version.</summary>
    public required string NodePath { get; set; }

    public string? ParentId { get; set; }

    /// <summary>State the activity keeps between steps (a flowchart's tokens, ...). Null when none.</summary>
    public JsonObject? State { get; set; }

    /// <summary>
    /// Variables seen only by this activity and those under it (a ParallelForEach branch's current item); a name found
    /// here hides the workflow variable of the same name. Null when none.
    /// </summary>
    public JsonObject? Locals { get; set; }
}

/// <summary>Which waiting activity of which instance a child instance reports back to when it ends.</summary>
public sealed record ParentLink(string InstanceId, string BookmarkId, string ActivityId);

public enum WorkItemKind
{
    Execute,
    Resume,
    ChildCompleted,
}

/// <summary>A unit of scheduled work for the interpreter.</summary>
public sealed class WorkItem
{
    public WorkItemKind Kind { get; set; }

    /// <summary>The activity instance that does the work (for ChildCompleted, the parent).</summary>
    public required string ActivityInstanceId { get; set; }

    public string? ChildNodePath { get; set; }

    public string? ChildInstanceId { get; set; }

    public List<string>? Outcomes { get; set; }

    public string? BookmarkId { get; set; }

    public JsonObject? Input { get; set; }
}

/// <summary>An activity that faulted: what, where, when.</summary>
public sealed record Incident(
    string ActivityId,
    string ActivityNodePath,
    string ActivityType,
    string Message,
    string? ExceptionType,
    DateTimeOffset Timestamp);
