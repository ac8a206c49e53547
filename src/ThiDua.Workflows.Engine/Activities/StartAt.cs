using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Elsa.StartAt: waits until <c>dateTime</c>; completes at once when that moment has passed.</summary>
[Activity(TypeName, Category = "Scheduling", Description = "Waits until a moment in time.")]
public sealed class StartAt : IActivity
{
    public const string TypeName = "Elsa.StartAt";

    public static readonly Input<DateTimeOffset> DateTime = new("dateTime", default, "When to continue (ISO 8601).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var at = context.Get(DateTime);
        if (at <= context.Now)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }

        context.CreateBookmark(TypeName, new JsonObject { ["executeAt"] = at }, at);
        return ValueTask.CompletedTask;
    }
}
