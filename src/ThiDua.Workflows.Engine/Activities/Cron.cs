using System.Text.Json.Nodes;
using Cronos;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.Cron: waits until the next occurrence of <c>cronExpression</c> (five fields, or six with seconds) on a timer
/// bookmark, then completes. As a workflow's trigger (<c>canStartWorkflow</c>) the host starts the workflow on every
/// occurrence instead (a Hangfire recurring job); reached inside a running workflow it is one wait.
/// </summary>
[Activity(TypeName, Category = "Scheduling", Description = "Waits for the next time a cron expression matches.")]
public sealed class Cron : IActivity
{
    public const string TypeName = "Elsa.Cron";

    public static readonly Input<string> CronExpression = new("cronExpression", null, "When to run, e.g. '0 8 * * 1-5' (08:00 on weekdays, UTC).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.ConsumeTrigger())
        {
            context.Complete(); // this occurrence started the workflow
            return ValueTask.CompletedTask;
        }

        var text = context.Get(CronExpression);
        var next = NextOccurrence(text, context.Now)
            ?? throw new InvalidOperationException($"Cron '{context.Node.Id}': '{text}' has no next occurrence.");
        context.CreateBookmark(TypeName, new JsonObject { ["executeAt"] = next, ["cronExpression"] = text }, next);
        return ValueTask.CompletedTask;
    }

    /// <summary>The Cron activities of a definition that start it (<c>canStartWorkflow</c>), with their literal expressions.</summary>
    public static IEnumerable<(string ActivityId, string Expression)> Triggers(Model.WorkflowDefinition definition)
    {
        foreach (var node in definition.Root.Descendants())
            if (node.Type == TypeName && node.CanStartWorkflow
                && InputValue.Read(node.Properties[CronExpression.Name]) is { Type: Expressions.Expression.LiteralType } literal
                && literal.Text is { Length: > 0 } expression)
                yield return (node.Id, expression);
    }

    /// <summary>The next occurrence after <paramref name="after"/> (UTC); throws a clear message for a malformed expression.</summary>
    public static DateTimeOffset? NextOccurrence(string? expression, DateTimeOffset after)
    {
        if (string.IsNullOrWhiteSpace(expression))
            throw new InvalidOperationException("The cron expression is empty.");
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var parsed = Cronos.CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return parsed.GetNextOccurrence(after, TimeZoneInfo.Utc);
        }
        catch (CronFormatException ex)
        {
            throw new InvalidOperationException($"'{expression}' is not a cron expression: {ex.Message}", ex);
        }
    }
}
