using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.SetVariable: evaluates <c>value</c> and stores it in the variable named by <c>variable</c> (an object with id and name, or a name).</summary>
[Activity(TypeName, Category = "Primitives", Description = "Sets a workflow variable.")]
public sealed class SetVariable : IActivity
{
    public const string TypeName = "Elsa.SetVariable";

    public static readonly Input<JsonNode> Value = new("value", null, "The value to store.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var name = context.Node.Properties["variable"] switch
        {
            JsonObject v => (v["name"] ?? v["id"])?.GetValue<string>(),
            JsonValue v when v.TryGetValue(out string? s) => s,
            _ => null,
        } ?? throw new InvalidOperationException($"SetVariable '{context.Node.Id}' names no variable.");
        context.SetVariable(name, context.Get(Value));
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
