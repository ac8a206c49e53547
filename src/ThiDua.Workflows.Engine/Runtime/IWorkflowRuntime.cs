using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Starts, resumes and cancels workflow instances. Each call runs one burst and commits it once.</summary>
public interface IWorkflowRuntime
{
    Task<WorkflowRunResult> StartAsync(WorkflowDefinition definition, StartOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes one bookmark. Of concurrent resumes of the same bookmark exactly one runs; the others get <see cref="ResumeOutcome.AlreadyResumed"/>.</summary>
    Task<ResumeResult> ResumeAsync(string bookmarkId, JsonObject? input = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes every bookmark waiting for this stimulus (optionally only in one instance or correlation).</summary>
    Task<IReadOnlyList<ResumeResult>> TriggerAsync(Stimulus stimulus, TriggerOptions? options = null, CancellationToken cancellationToken = default);

    Task<WorkflowRunResult?> CancelAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a faulted instance again from the activity that faulted (once its cause is fixed: a mail server back,
    /// a corrected setting). Answers the instance as it is when it was not faulted; null when there is none.
    /// </summary>
    Task<WorkflowRunResult?> RetryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Runs the work an instance still has queued (a start or burst interrupted by a crash); a no-op otherwise.</summary>
    Task<WorkflowRunResult?> ContinueAsync(string instanceId, CancellationToken cancellationToken = default);
}

/// <param name="Input">The workflow's input.</param>
/// <param name="CorrelationId">Ties the instance to a business key (a dossier number).</param>
/// <param name="InstanceId">A chosen id (a child's id picked by its parent); a new one when null.</param>
/// <param name="Parent">The waiting activity of a parent instance, for a child.</param>
/// <param name="TriggerActivityId">The trigger activity that starts it (it does not wait for itself).</param>
/// <param name="TriggerInput">What the trigger received (an HTTP request), handed to the trigger activity.</param>
public sealed record StartOptions(
    JsonObject? Input = null, string? CorrelationId = null, string? InstanceId = null, ParentLink? Parent = null, string? TriggerActivityId = null,
    JsonObject? TriggerInput = null);

public sealed record TriggerOptions(JsonObject? Input = null, string? WorkflowInstanceId = null, string? CorrelationId = null);

/// <summary>Where an instance stands after a burst.</summary>
public sealed record WorkflowRunResult(WorkflowInstance Instance)
{
    public string InstanceId => Instance.Id;

    public WorkflowStatus Status => Instance.Status;

    public string? FaultMessage => Instance.FaultMessage;

    public IReadOnlyList<Bookmark> Bookmarks => Instance.Bookmarks;

    /// <summary>Responses the burst wrote for the request that caused it (Elsa.WriteHttpResponse); not persisted.</summary>
    public IReadOnlyList<System.Text.Json.Nodes.JsonObject> Responses { get; init; } = [];
}

public enum ResumeOutcome
{
    Resumed,

    /// <summary>The bookmark is not (or no longer) waiting: another resume took it, or it never existed. Nothing happened.</summary>
    AlreadyResumed,
}

public sealed record ResumeResult(ResumeOutcome Outcome, WorkflowRunResult? Run = null);
