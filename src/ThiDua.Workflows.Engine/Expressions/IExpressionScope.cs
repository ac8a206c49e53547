using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Expressions;

/// <summary>What an expression can see and change of the running workflow.</summary>
internal interface IExpressionScope
{
    IReadOnlyCollection<string> VariableNames { get; }

    JsonNode? GetVariable(string name);

    void SetVariable(string name, JsonNode? value);

    JsonObject Input { get; }

    /// <summary>The inputs the workflow declares (each gets a <c>get&lt;Name&gt;()</c> accessor, null when not given).</summary>
    IReadOnlyList<string> InputNames { get; }

    string InstanceId { get; }

    string DefinitionId { get; }

    string DefinitionVersionId { get; }

    int DefinitionVersion { get; }

    string? CorrelationId { get; set; }

    string? InstanceName { get; set; }

    /// <summary>The last value of an activity's output (by activity id or name), or null.</summary>
    JsonNode? GetActivityOutput(string activityIdOrName, string outputName);

    /// <summary>The last <c>result</c> output set in this burst (Elsa's <c>getLastResult</c>).</summary>
    JsonNode? LastResult { get; }

    /// <summary>The activity outputs recorded so far, by activity id.</summary>
    JsonObject? ActivityOutputs { get; }

    /// <summary>Display names of activities by id, for generated <c>get…From…</c> accessors.</summary>
    IReadOnlyDictionary<string, string> ActivityIdByName { get; }

    /// <summary>Where <c>setOutcome</c> writes while a script activity runs; null when outcomes cannot be set.</summary>
    List<string>? ScriptOutcomes { get; }
}
