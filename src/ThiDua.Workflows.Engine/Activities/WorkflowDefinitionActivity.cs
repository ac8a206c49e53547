using System.Text;
using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// A published workflow used as an activity inside another (Elsa's WorkflowDefinitionActivity). The node's type is
/// the workflow's name in PascalCase ("Subworkflow test" → <c>SubworkflowTest</c>) and it carries
/// <c>workflowDefinitionId</c> and <c>workflowDefinitionVersionId</c>. Its other inputs become the child's input; the
/// child runs as its own instance on the version the node names (the published one when that version is gone); the
/// child's outputs (Elsa.SetOutput) become this activity's outputs and its Elsa.Complete outcomes its ports.
/// </summary>
[Activity(TypeName, Category = "Composition", DisplayName = "Workflow", Description = "Runs a published workflow as one step.")]
public sealed class WorkflowDefinitionActivity : IActivity
{
    /// <summary>The registry key of this activity; files name the workflow instead (see <see cref="RefersToDefinition"/>).</summary>
    public const string TypeName = "ThiDua.WorkflowDefinitionActivity";
    public const string DefinitionIdKey = "workflowDefinitionId";
    public const string VersionIdKey = "workflowDefinitionVersionId";

    private static readonly HashSet<string> NotInputs =
        [DefinitionIdKey, VersionIdKey, "latestAvailablePublishedVersion", "latestAvailablePublishedVersionId"];

    /// <summary>True when a node runs a workflow definition (Elsa writes its definition id on the node).</summary>
    public static bool RefersToDefinition(Model.ActivityNode node) =>
        node.Properties[DefinitionIdKey] is JsonValue v && v.TryGetValue(out string? id) && id.Length > 0;

    /// <summary>The activity type name Elsa gives a workflow: its name in PascalCase, letters and digits only.</summary>
    public static string ActivityTypeName(string workflowName)
    {
        var result = new StringBuilder();
        foreach (var word in workflowName.Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (letters.Length > 0) result.Append(char.ToUpperInvariant(letters[0])).Append(letters.AsSpan(1));
        }

        return result.ToString();
    }

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var node = context.Node;
        var definitionId = node.Properties[DefinitionIdKey]!.GetValue<string>();
        var versionId = node.Properties[VersionIdKey] is JsonValue v && v.TryGetValue(out string? id) ? id : null;
        var input = new JsonObject();
        foreach (var (key, value) in node.Properties)
        {
            // Inputs carry an expression; outputs carry only a memory reference and are written back on completion.
            if (NotInputs.Contains(key) || value is not JsonObject bound || bound["expression"] is not JsonObject) continue;
            input[key] = context.Evaluate(key);
        }

        ChildWorkflow.Start(context, definitionId, versionId, node.Version, ChildVersionRule.SpecificOrPublished, input, null, wait: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        var (output, outcomes, _) = ChildWorkflow.Ended(context);
        foreach (var (name, value) in output ?? [])
            context.SetOutput(name, value?.DeepClone());
        context.Complete([.. outcomes]);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnCancelledAsync(ActivityContext context)
    {
        ChildWorkflow.CancelChild(context);
        return ValueTask.CompletedTask;
    }
}
