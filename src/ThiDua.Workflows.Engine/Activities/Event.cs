using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.Event: waits until the named event is published. The bookmark is not tied to the activity instance, so
/// <c>Stimulus.Event(name)</c> finds it without knowing the instance. The event's input goes to the <c>result</c> output.
/// </summary>
[Activity(TypeName, Category = "Primitives", Description = "Waits for a named event.")]
public sealed class Event : IActivity
{
    public const string TypeName = "Elsa.Event";
    public const string StimulusName = "Elsa.Event";

    public static readonly Input<string> EventName = new("eventName", null, "The name of the event to wait for.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var name = context.Get(EventName);
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidOperationException($"Event '{context.Node.Id}' has no event name.");
        context.CreateBookmark(StimulusName, new JsonObject { ["EventName"] = name }, scopedToActivity: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        context.SetOutput("result", context.ResumeInput?.DeepClone());
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
