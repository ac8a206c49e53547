namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Raised by Elsa.Fault: the workflow faults with this message.</summary>
public sealed class WorkflowFaultException(string message, string? code) : Exception(message)
{
    public string? Code { get; } = code;
}

/// <summary>Elsa.Fault: faults the workflow with a message (and an optional code).</summary>
[Activity(TypeName, Category = "Primitives", Description = "Faults the workflow.", Outcomes = [])]
public sealed class Fault : IActivity
{
    public const string TypeName = "Elsa.Fault";

    public static readonly Input<string> Message = new("message", "The workflow faulted.", "What went wrong.");
    public static readonly Input<string> Code = new("code", null, "A code for the fault.");

    public ValueTask ExecuteAsync(ActivityContext context) =>
        throw new WorkflowFaultException(context.Get(Message) ?? "The workflow faulted.", context.Get(Code));
}
