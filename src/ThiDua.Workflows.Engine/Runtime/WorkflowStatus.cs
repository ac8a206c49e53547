namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>The status of a workflow instance.</summary>
public enum WorkflowStatus
{
    /// <summary>A burst is under way (or was interrupted by a crash before it committed).</summary>
    Running,

    /// <summary>Waiting on at least one bookmark.</summary>
    Suspended,

    Finished,

    Faulted,

    Cancelled,
}

public static class WorkflowStatusExtensions
{
    /// <summary>True for statuses an instance never leaves.</summary>
    public static bool IsTerminal(this WorkflowStatus status) =>
        status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled;
}
