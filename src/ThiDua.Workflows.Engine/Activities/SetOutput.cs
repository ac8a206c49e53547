using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.SetOutput: sets one of the workflow's outputs (what a parent receives when this workflow runs as its child).</summary>
[Activity(TypeName, Category = "Primitives", Description = "Sets an output of the workflow.")]
public sealed class SetOutput : IActivity
{
    public const string TypeName = "Elsa.SetOutput";

    public static readonly Input<string> OutputName = new("outputName", null, "The name of the workflow output.");
    public static readonly Input<JsonNode> OutputValue = new("outputValue", null, "The value to set.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var name = context.Get(OutputName);
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidOperationException($"SetOutput '{context.Node.Id}' names no output.");
        context.SetWorkflowOutput(name, context.Get(OutputValue));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
