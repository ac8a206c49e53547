namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// How an activity with several inbound connections in a flowchart merges them (<c>customProperties.mergeMode</c>,
/// Elsa 3.6). Every branch delivers a token to the target: active when its outcome was taken, dead when the branch was
/// not taken (a decision went the other way), so "wait" below never waits for a branch that can no longer come.
/// </summary>
public enum MergeMode
{
    /// <summary>Not set: as <see cref="Stream"/> (a FlowJoin follows its own <c>mode</c>).</summary>
    None,

    /// <summary>Runs once every inbound branch has arrived, if at least one arrived active; dead branches are ignored (WaitAllActive).</summary>
    Stream,

    /// <summary>Runs once every forward inbound branch has arrived, only if all arrived active; one dead branch makes the target dead.</summary>
    Merge,

    /// <summary>As <see cref="Merge"/> over every inbound connection, loops included: a connection back from a loop must arrive too.</summary>
    Converge,

    /// <summary>Runs once for each active arrival, at once, without waiting for the others.</summary>
    Cascade,

    /// <summary>Runs on the first active arrival; the other inbound branches are cancelled (bookmarks included) and their late tokens absorbed.</summary>
    Race,
}
