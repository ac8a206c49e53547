using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Expressions;

/// <summary>What an expression can see and change of the running workflow.</summary>
internal interface IExpressionScope
{
    IReadOnlyCollection<string> VariableNames { get; }

    JsonNode? GetVariable(string name);

    void SetVariable(string name, JsonNode? value);

    JsonObject Input { get; }

    string InstanceId { get; }

    string DefinitionId { get; }

    string DefinitionVersionId { get; }

    int DefinitionVersion { get; }

    string? CorrelationId { get; set; }

    string? InstanceName { get; set; }
}
