using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Expressions;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Engine.Validation;

/// <summary>
/// Checks a definition before it runs. Every problem names a JSON path in the file as it was read
/// (activities and connections keep their file order, so the paths match).
/// </summary>
public static class WorkflowValidator
{
    /// <summary>Reads and fully validates definition JSON.</summary>
    public static IReadOnlyList<DefinitionProblem> Validate(string json, ActivityRegistry registry, bool checkActivityTypes = true)
    {
        var read = ElsaJsonReader.Read(json);
        var problems = read.Problems.ToList();
        if (read.Definition is not null) problems.AddRange(Validate(read.Definition, registry, checkActivityTypes));
        return problems;
    }

    /// <summary>
    /// Structural problems plus expression syntax and, unless <paramref name="checkActivityTypes"/> is false,
    /// activity types this runtime does not know (a run reports those only if it reaches them).
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Validate(WorkflowDefinition definition, ActivityRegistry registry, bool checkActivityTypes = true)
    {
        var problems = FindStructuralProblems(definition).ToList();
        Walk(definition.Root, "$.root", (node, path) =>
        {
            if (checkActivityTypes && node.Type.Length > 0 && !registry.IsKnown(node))
                problems.Add(new DefinitionProblem(path + ".type", $"activity type '{node.Type}' (activity '{node.Id}') is not supported by this runtime"));
            foreach (var (key, value) in node.Properties)
                foreach (var (expressionPath, expression) in FindExpressions(value, $"{path}.{key}"))
                    if (ExpressionEvaluator.CheckSyntax(expression) is { } message)
                        problems.Add(new DefinitionProblem(
                            expressionPath + (Expression.SupportedTypes.Contains(expression.Type) ? ".value" : ".type"), message));
        });
        return problems;
    }

    /// <summary>Problems that make a definition impossible to run at all: duplicate ids, dangling connections.</summary>
    public static IReadOnlyList<DefinitionProblem> FindStructuralProblems(WorkflowDefinition definition)
    {
        var problems = new List<DefinitionProblem>();
        if (string.IsNullOrWhiteSpace(definition.Root.Type))
            problems.Add(new DefinitionProblem("$.root.type", "the root activity has no type"));

        Walk(definition.Root, "$.root", (node, path) =>
        {
            if (!node.HasActivities && node.Connections.Count == 0) return;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < node.Activities.Count; i++)
                if (node.Activities[i].Id.Length > 0 && !ids.Add(node.Activities[i].Id))
                    problems.Add(new DefinitionProblem($"{path}.activities[{i}].id", $"activity id '{node.Activities[i].Id}' is used twice in this flowchart"));

            for (var i = 0; i < node.Connections.Count; i++)
            {
                var connection = node.Connections[i];
                if (!ids.Contains(connection.Source.ActivityId))
                    problems.Add(new DefinitionProblem($"{path}.connections[{i}].source", $"the connection starts at activity '{connection.Source.ActivityId}', which does not exist in this flowchart"));
                if (!ids.Contains(connection.Target.ActivityId))
                    problems.Add(new DefinitionProblem($"{path}.connections[{i}].target", $"the connection leads to activity '{connection.Target.ActivityId}', which does not exist in this flowchart"));
            }

            if (node.StartActivityId is { } start && !ids.Contains(start))
                problems.Add(new DefinitionProblem($"{path}.start", $"the start activity '{start}' does not exist in this flowchart"));
        });
        return problems;
    }

    private static void Walk(ActivityNode node, string path, Action<ActivityNode, string> visit)
    {
        var stack = new Stack<(ActivityNode Node, string Path)>([(node, path)]);
        while (stack.Count > 0)
        {
            var (current, currentPath) = stack.Pop();
            visit(current, currentPath);
            for (var i = current.Activities.Count - 1; i >= 0; i--)
                stack.Push((current.Activities[i], $"{currentPath}.activities[{i}]"));
            foreach (var (key, port) in current.Ports)
                stack.Push((port, $"{currentPath}.{key}"));
        }
    }

    // Inputs carry {expression:{type,value}}; FlowSwitch cases carry condition:{type,value}.
    private static IEnumerable<(string Path, Expression Expression)> FindExpressions(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o when o["expression"] is JsonObject e:
                yield return (path + ".expression", ToExpression(e));
                break;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "condition" && value is JsonObject c && c["type"] is JsonValue && !c.ContainsKey("expression"))
                        yield return ($"{path}.{key}", ToExpression(c));
                    else
                        foreach (var found in FindExpressions(value, $"{path}.{key}"))
                            yield return found;
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    foreach (var found in FindExpressions(a[i], $"{path}[{i}]"))
                        yield return found;
                break;
        }
    }

    private static Expression ToExpression(JsonObject e) =>
        new(e["type"] is JsonValue t && t.TryGetValue(out string? type) ? type : Expression.LiteralType, e["value"]);
}
