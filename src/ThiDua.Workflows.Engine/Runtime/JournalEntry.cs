using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Journal event names.</summary>
public static class JournalEvents
{
    public const string WorkflowStarted = "WorkflowStarted";
    public const string WorkflowFinished = "WorkflowFinished";
    public const string WorkflowSuspended = "WorkflowSuspended";
    public const string WorkflowFaulted = "WorkflowFaulted";
    public const string WorkflowCancelled = "WorkflowCancelled";
    public const string Started = "Started";
    public const string Resumed = "Resumed";
    public const string Bookmarked = "Bookmarked";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";
    public const string Faulted = "Faulted";
}

/// <summary>One record of what an instance did, in order (<see cref="Sequence"/>).</summary>
public sealed record JournalEntry(
    string WorkflowInstanceId,
    long Sequence,
    DateTimeOffset Timestamp,
    string EventName,
    string? ActivityId = null,
    string? ActivityType = null,
    string? ActivityNodePath = null,
    string? ActivityInstanceId = null,
    string? Message = null,
    IReadOnlyList<string>? Outcomes = null);

/// <summary>
/// A side effect to carry out after the burst commits (a line of output, an email, a timer to schedule).
/// Written in the same transaction as the instance, so nothing is sent for a burst that did not commit.
/// </summary>
public sealed record OutboxMessage(string Id, string WorkflowInstanceId, string Kind, JsonObject Payload, DateTimeOffset CreatedAt);
