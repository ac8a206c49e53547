using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.ExecuteWorkflow: runs the published version of <c>workflowDefinitionId</c> as a child instance with
/// <c>input</c>. With <c>waitForCompletion</c> (the default) it waits, and its <c>result</c> is the child's output (as
/// Elsa sets it after a wait); a child that faults faults this activity. Without, it continues at once and its
/// <c>result</c> is <c>{workflowInstanceId, status}</c>.
/// </summary>
[Activity(TypeName, Category = "Composition", DisplayName = "Execute Workflow", Description = "Runs another workflow as a child.")]
public sealed class ExecuteWorkflow : IActivity
{
    public const string TypeName = "Elsa.ExecuteWorkflow";

    public static readonly Input<string> WorkflowDefinitionId = new("workflowDefinitionId", null, "The definition to run.");
    public static readonly Input<string> CorrelationId = new("correlationId", null, "The child's correlation id (this instance's when empty).");
    public static readonly Input<JsonNode> ChildInput = new("input", null, "The child's input (an object).");
    public static readonly Input<bool> WaitForCompletion = new("waitForCompletion", true, "Wait until the child ends.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var definitionId = context.Get(WorkflowDefinitionId);
        if (string.IsNullOrWhiteSpace(definitionId))
            throw new InvalidOperationException($"{context.Node.Type} '{context.Node.Id}' names no workflow definition.");
        var wait = context.Get(WaitForCompletion);
        var childId = ChildWorkflow.Start(context, definitionId, null, null, ChildVersionRule.Published,
            ChildWorkflow.InputObject(context.Get(ChildInput)), context.Get(CorrelationId), wait);
        if (!wait)
        {
            context.SetOutput("result", new JsonObject { ["workflowInstanceId"] = childId, ["status"] = nameof(WorkflowStatus.Running) });
            context.Complete();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        var (output, _, _) = ChildWorkflow.Ended(context);
        context.SetOutput("result", output?.DeepClone() ?? new JsonObject());
        context.Complete();
        return ValueTask.CompletedTask;
    }

    public ValueTask OnCancelledAsync(ActivityContext context)
    {
        ChildWorkflow.CancelChild(context);
        return ValueTask.CompletedTask;
    }
}
