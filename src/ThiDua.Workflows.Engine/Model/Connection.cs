using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Model;

/// <summary>One end of a connection: an activity id and a port (an outcome name at the source, "In" at the target).</summary>
public sealed record Endpoint(string ActivityId, string? Port);

/// <summary>
/// A flowchart connection. Both Elsa formats are read (<c>{source:{activity,port},target:{...}}</c> and the
/// legacy <c>{source,target,sourcePort,targetPort}</c>); the current one is written.
/// </summary>
public sealed class Connection
{
    public required Endpoint Source { get; init; }

    public required Endpoint Target { get; init; }

    /// <summary>Other keys (designer bend points <c>vertices</c>, ...), verbatim.</summary>
    public JsonObject Extra { get; init; } = [];

    /// <summary>The source port, defaulting to <c>Done</c> as Elsa does.</summary>
    public string SourcePort => string.IsNullOrEmpty(Source.Port) ? "Done" : Source.Port;
}
