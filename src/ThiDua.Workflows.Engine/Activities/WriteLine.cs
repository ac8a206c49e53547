using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.WriteLine: writes a line of text. The line leaves through the outbox (kind <see cref="OutboxKind"/>) so it
/// is written once, after the burst commits; the CLI prints it to standard output.
/// </summary>
[Activity(TypeName, Category = "Primitives", Description = "Writes a line of text.")]
public sealed class WriteLine : IActivity
{
    public const string TypeName = "Elsa.WriteLine";
    public const string OutboxKind = "console.line";

    public static readonly Input<string> Text = new("text", "", "The text to write.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        context.Emit(OutboxKind, new JsonObject { ["text"] = context.Get(Text) ?? "" });
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
