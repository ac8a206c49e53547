namespace ThiDua.Workflows.Engine.Activities;

/// <summary>How a FlowJoin merges its inbound branches.</summary>
public enum FlowJoinMode
{
    /// <summary>Every inbound branch that can still arrive must arrive.</summary>
    WaitAll,

    /// <summary>The same as WaitAll here: branches that can no longer arrive (dead paths) are never waited for.</summary>
    WaitAllActive,

    /// <summary>The first arrival wins; the other inbound branches are cancelled with their bookmarks.</summary>
    WaitAny,
}

/// <summary>Elsa.FlowJoin: merges branches. The merging itself is done by the flowchart, which reads <see cref="Mode"/>.</summary>
[Activity(TypeName, Category = "Flow", DisplayName = "Join", Description = "Merges parallel branches.")]
public sealed class FlowJoin : IActivity
{
    public const string TypeName = "Elsa.FlowJoin";

    public static readonly Input<FlowJoinMode> Mode = new("mode", FlowJoinMode.WaitAny, "WaitAll, WaitAllActive or WaitAny.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
