using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Web.Designer.Trial;

/// <summary>What a trial run asks: sample workflow input and, per step, the outcome to take.</summary>
public sealed record TrialRequest(JsonObject? Definition, JsonObject? Input, Dictionary<string, string>? Outcomes);

/// <summary>One line of the trial's journal, for the list beside the canvas.</summary>
public sealed record TrialStep(long Sequence, string ActivityId, string Event, IReadOnlyList<string> Outcomes);

/// <summary>The path a trial took: steps in order, connections taken, steps left waiting, lines written.</summary>
public sealed record TrialResult(
    string Status, string? Fault, IReadOnlyList<TrialStep> Steps, IReadOnlyList<string> Visited, IReadOnlyList<string> Taken,
    IReadOnlyList<string> Waiting, IReadOnlyList<string> Lines);

/// <summary>
/// Runs a draft in memory with the real engine, nothing stored and nothing sent: Elsa's control-flow activities run
/// as they are; every step that would touch people, the database, mail or the clock becomes a
/// <see cref="SimulatedStep"/> that takes the outcome the person chose.
/// </summary>
public static class TrialRunner
{
    // Activities safe to run for real: they only compute and route.
    private static readonly HashSet<string> RunForReal = new(StringComparer.Ordinal)
    {
        "Elsa.Flowchart", "Elsa.FlowNode", "Elsa.Start", "Elsa.End", "Elsa.Finish", "Elsa.WriteLine", "Elsa.SetVariable",
        "Elsa.SetName", "Elsa.Correlate", "Elsa.FlowDecision", "Elsa.FlowSwitch", "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.Fault",
    };

    public static async Task<TrialResult> RunAsync(WorkflowDefinition definition, JsonObject? input, IReadOnlyDictionary<string, string> outcomes,
        Func<ActivityNode, IReadOnlyList<string>?> ports, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(ports);
        var lines = new List<string>();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<IOutboxHandler>(new LineCollector(lines));
        services.AddWorkflowEngine(o => o.MaxStepsPerBurst = 20_000).AddActivity<SimulatedStep>();
        await using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<IWorkflowRuntime>();
        var store = provider.GetRequiredService<IWorkflowStore>();

        var simulated = new WorkflowDefinition
        {
            Id = "trial:" + definition.DefinitionId,
            DefinitionId = "trial:" + definition.DefinitionId,
            Name = definition.Name,
            Variables = definition.Variables,
            Extra = definition.Extra,
            Root = Simulate(definition.Root, outcomes, ports),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var run = await runtime.StartAsync(simulated, new StartOptions(input), timeout.Token).ConfigureAwait(false);
        var journal = await store.ReadJournalAsync(run.InstanceId, timeout.Token).ConfigureAwait(false);
        var ids = definition.Root.Activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var steps = journal
            .Where(e => e.ActivityId is not null && ids.Contains(e.ActivityId) && e.EventName is JournalEvents.Started or JournalEvents.Completed or JournalEvents.Bookmarked or JournalEvents.Faulted)
            .Select(e => new TrialStep(e.Sequence, e.ActivityId!, e.EventName, e.Outcomes ?? []))
            .ToList();
        var waiting = run.Bookmarks.Select(b => b.ActivityId).Where(ids.Contains).Distinct().ToList();
        return new TrialResult(run.Status.ToString(), run.FaultMessage, steps,
            steps.Select(s => s.ActivityId).Distinct().ToList(), Taken(definition.Root, steps), waiting, lines);
    }

    // A connection was taken when its source completed through its port and its target started afterwards.
    private static List<string> Taken(ActivityNode root, List<TrialStep> steps)
    {
        var taken = new List<string>();
        foreach (var connection in root.Connections)
        {
            var left = steps.Where(s => s.ActivityId == connection.Source.ActivityId && s.Event == JournalEvents.Completed && s.Outcomes.Contains(connection.SourcePort)).Select(s => s.Sequence).ToList();
            if (left.Count > 0 && steps.Any(s => s.ActivityId == connection.Target.ActivityId && s.Event == JournalEvents.Started && s.Sequence > left.Min()))
                taken.Add(DefinitionDiff.Key(connection));
        }

        return taken;
    }

    private static ActivityNode Simulate(ActivityNode root, IReadOnlyDictionary<string, string> outcomes, Func<ActivityNode, IReadOnlyList<string>?> ports) => new()
    {
        Id = root.Id,
        Type = root.Type,
        Name = root.Name,
        Metadata = root.Metadata,
        Properties = root.Properties,
        HasActivities = root.HasActivities,
        HasConnections = root.HasConnections,
        StartActivityId = root.StartActivityId,
        Connections = root.Connections,
        Activities = root.Activities.Select(node => RunForReal.Contains(node.Type) ? node : new ActivityNode
        {
            Id = node.Id,
            Type = SimulatedStep.TypeName,
            Name = node.Name,
            Metadata = node.Metadata,
            Properties = new JsonObject
            {
                [SimulatedStep.Outcome.Name] = outcomes.TryGetValue(node.Id, out var chosen) ? chosen
                    : ports(node) is { Count: > 0 } p ? p[0] : ActivityOutcomes.Done,
            },
        }).ToList(),
    };

    private sealed class LineCollector(List<string> lines) : IOutboxHandler
    {
        public string Kind => WriteLine.OutboxKind;

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            lock (lines) lines.Add(message.Payload["text"]?.GetValue<string>() ?? "");
            return Task.CompletedTask;
        }
    }
}
