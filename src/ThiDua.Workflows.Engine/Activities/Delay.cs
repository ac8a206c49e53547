using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.Delay: waits for <c>timeSpan</c> (e.g. <c>"00:00:05"</c>) on a timer bookmark.</summary>
[Activity(TypeName, Category = "Scheduling", Description = "Waits for a span of time.")]
public sealed class Delay : IActivity
{
    public const string TypeName = "Elsa.Delay";

    public static readonly Input<TimeSpan> TimeSpan = new("timeSpan", System.TimeSpan.FromMinutes(1), "How long to wait (hh:mm:ss).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var span = context.Get(TimeSpan);
        if (span <= System.TimeSpan.Zero)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }

        var resumeAt = context.Now + span;
        context.CreateBookmark(TypeName, new JsonObject { ["resumeAt"] = resumeAt }, resumeAt);
        return ValueTask.CompletedTask;
    }
}
