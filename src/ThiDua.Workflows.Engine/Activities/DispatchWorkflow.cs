using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.DispatchWorkflow: starts the published version of <c>workflowDefinitionId</c> as a new instance once this
/// burst has committed. By default it does not wait and sets no output (as in Elsa); with <c>waitForCompletion</c> it
/// waits like ExecuteWorkflow and its <c>result</c> is the child's output.
/// </summary>
[Activity(TypeName, Category = "Composition", DisplayName = "Dispatch Workflow", Description = "Starts another workflow.")]
public sealed class DispatchWorkflow : IActivity
{
    public const string TypeName = "Elsa.DispatchWorkflow";

    public static readonly Input<string> WorkflowDefinitionId = new("workflowDefinitionId", null, "The definition to start.");
    public static readonly Input<string> CorrelationId = new("correlationId", null, "The new instance's correlation id.");
    public static readonly Input<JsonNode> ChildInput = new("input", null, "The new instance's input (an object).");
    public static readonly Input<bool> WaitForCompletion = new("waitForCompletion", false, "Wait until the new instance ends.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var definitionId = context.Get(WorkflowDefinitionId);
        if (string.IsNullOrWhiteSpace(definitionId))
            throw new InvalidOperationException($"{context.Node.Type} '{context.Node.Id}' names no workflow definition.");
        var wait = context.Get(WaitForCompletion);
        ChildWorkflow.Start(context, definitionId, null, null, ChildVersionRule.Published,
            ChildWorkflow.InputObject(context.Get(ChildInput)), context.Get(CorrelationId), wait);
        if (!wait)
        {
            context.Complete();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        var (output, _, _) = ChildWorkflow.Ended(context);
        context.SetOutput("result", output?.DeepClone());
        context.Complete();
        return ValueTask.CompletedTask;
    }

    public ValueTask OnCancelledAsync(ActivityContext context)
    {
        ChildWorkflow.CancelChild(context);
        return ValueTask.CompletedTask;
    }
}
