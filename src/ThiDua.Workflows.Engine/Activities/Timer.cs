using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.Timer used inline: waits one <c>interval</c>, then continues.</summary>
[Activity(TypeName, Category = "Scheduling", Description = "Waits one interval.")]
public sealed class Timer : IActivity
{
    public const string TypeName = "Elsa.Timer";

    public static readonly Input<TimeSpan> Interval = new("interval", TimeSpan.FromMinutes(1), "The interval (hh:mm:ss).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var interval = context.Get(Interval);
        var resumeAt = context.Now + (interval > TimeSpan.Zero ? interval : TimeSpan.Zero);
        context.CreateBookmark(TypeName, new JsonObject { ["resumeAt"] = resumeAt, ["interval"] = interval.ToString("c") }, resumeAt);
        return ValueTask.CompletedTask;
    }
}
