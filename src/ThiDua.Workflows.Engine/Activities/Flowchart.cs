using System.Globalization;
using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.Flowchart: runs activities along connections. Routing is token-based with dead-path elimination:
/// when an activity completes, each outbound connection carries an active token (its port is among the outcomes)
/// or a dead one. An activity with several inbound connections merges them by its <see cref="MergeMode"/>: by default
/// (Stream, or FlowJoin WaitAll) it runs once every forward inbound connection has a token and at least one is active;
/// all dead makes it dead too, and its outbound connections carry dead tokens on. Race (FlowJoin WaitAny) runs on the
/// first active token, cancels what is still active upstream of it (bookmarks included) and absorbs the late tokens;
/// Merge and Converge need every branch active; Cascade runs once per active arrival. Connections that close a loop
/// (back edges) schedule their target directly, so loops need no join (Converge alone waits for them too).
/// </summary>
[Activity(TypeName, Category = "Flow", Description = "Runs activities connected by their outcomes.")]
public sealed class Flowchart : IActivity
{
    public const string TypeName = "Elsa.Flowchart";

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var graph = context.Session.Workflow.Flowchart(context.Instance.NodePath);
        if (graph.Start is null)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }

        context.ScheduleChild(graph.Start);
        // Activities that nothing points to, other than the start, never run: their paths are dead from the outset.
        var pending = new Queue<(int Connection, bool Active)>();
        foreach (var root in graph.OtherRoots)
            foreach (var index in graph.Outbound(root.Id))
                pending.Enqueue((index, false));
        Route(context, graph, pending);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        if (child.Node.Type == End.TypeName)
        {
            context.Complete(); // an End ends its flowchart; whatever else is active is cancelled
            return ValueTask.CompletedTask;
        }

        var graph = context.Session.Workflow.Flowchart(context.Instance.NodePath);
        var pending = new Queue<(int Connection, bool Active)>();
        var outbound = graph.Outbound(child.Node.Id);
        bool IsActive(int index) => child.Outcomes.Contains(graph.Connections[index].SourcePort, StringComparer.Ordinal);

        // An activity inside a loop that goes round again has not decided its exits yet: a path out of the loop not
        // taken now may be taken on a later round, so it carries no dead token until the loop is left.
        var loop = graph.LoopOf(child.Node.Id);
        var continuing = loop is not null && outbound.Any(i => IsActive(i) && graph.LoopOf(graph.Connections[i].Target.ActivityId) == loop);
        foreach (var index in outbound)
        {
            var active = IsActive(index);
            if (!active && continuing && graph.LoopOf(graph.Connections[index].Target.ActivityId) != loop) continue;
            pending.Enqueue((index, active));
        }

        Route(context, graph, pending, continuing ? loop : null);

        if (context.Session.IsIdle(context.ActivityInstanceId))
        {
            ThrowIfConvergeWaits(context, graph);
            context.Complete();
        }
        return ValueTask.CompletedTask;
    }

    private static void Route(ActivityContext context, FlowchartGraph graph, Queue<(int Connection, bool Active)> pending, int? continuingLoop = null)
    {
        var state = new TokenState(context.State);
        while (pending.Count > 0)
        {
            var (index, active) = pending.Dequeue();
            var target = graph.Children[graph.Connections[index].Target.ActivityId];

            var mode = MergeModeOf(context, target);

            if (graph.IsBackEdge[index] && mode != MergeMode.Converge)
            {
                // A new loop iteration: late tokens of the last one no longer need absorbing.
                if (active)
                {
                    state.ClearAbsorbed();
                    context.ScheduleChild(target);
                }

                continue;
            }

            if (state.TryAbsorb(index)) continue;

            var inbound = mode == MergeMode.Converge ? graph.AllInbound(target.Id) : graph.ForwardInbound(target.Id);
            if (active && mode == MergeMode.Race)
            {
                foreach (var other in inbound)
                    if (other != index && !state.HasToken(other)) state.Absorb(other);
                state.ClearTokens(inbound);
                CancelActiveAncestors(context, graph, target);
                context.ScheduleChild(target);
                continue;
            }

            state.SetToken(index, active);
            if (active && mode == MergeMode.Cascade) context.ScheduleChild(target);
            if (!inbound.All(state.HasToken)) continue;

            var runs = mode switch
            {
                MergeMode.Merge or MergeMode.Converge => inbound.All(state.IsActive),
                MergeMode.Cascade => false, // each active arrival already ran it
                _ => inbound.Any(state.IsActive),
            };
            var anyActive = inbound.Any(state.IsActive);
            state.ClearTokens(inbound);
            if (runs)
            {
                context.ScheduleChild(target);
                continue;
            }

            if (mode == MergeMode.Cascade && anyActive) continue;

            // A dead activity passes dead tokens on, but not out of a loop that is still going round.
            var targetLoop = graph.LoopOf(target.Id);
            foreach (var next in graph.Outbound(target.Id))
                if (continuingLoop is null || targetLoop != continuingLoop || graph.LoopOf(graph.Connections[next].Target.ActivityId) == continuingLoop)
                    pending.Enqueue((next, false));
        }
    }

    /// <summary>
    /// The merge mode of a target: a FlowJoin follows its <c>mode</c> (WaitAny races, the others wait for every branch
    /// that can come) as Elsa does; any other activity reads <c>customProperties.mergeMode</c>, unset meaning Stream.
    /// </summary>
    public static MergeMode MergeModeOf(ActivityContext context, ActivityNode target)
    {
        if (target.Type == FlowJoin.TypeName)
            return context.Session.EvaluateInput(target, FlowJoin.Mode) == FlowJoinMode.WaitAny ? MergeMode.Race : MergeMode.Stream;
        return target.CustomProperties?["mergeMode"] is JsonValue merge && merge.TryGetValue(out string? text)
               && Enum.TryParse<MergeMode>(text, ignoreCase: true, out var mode) && mode != MergeMode.None
            ? mode
            : MergeMode.Stream;
    }

    // Converge waits for every inbound connection, loops included; a flowchart that has nothing left to run while a
    // Converge target still waits would end without it, so the workflow faults and says which connections never came.
    private static void ThrowIfConvergeWaits(ActivityContext context, FlowchartGraph graph)
    {
        var state = new TokenState(context.State);
        foreach (var target in graph.Children.Values)
        {
            var inbound = graph.AllInbound(target.Id);
            if (inbound.Count < 2 || !inbound.Any(state.HasToken) || MergeModeOf(context, target) != MergeMode.Converge) continue;
            var missing = inbound.Where(i => !state.HasToken(i)).Select(i => graph.Connections[i].Source.ActivityId);
            throw new InvalidOperationException(
                $"'{target.Id}' merges by Converge and still waits for the connections from {string.Join(", ", missing.Select(m => $"'{m}'"))}, which can no longer arrive.");
        }
    }

    private static void CancelActiveAncestors(ActivityContext context, FlowchartGraph graph, ActivityNode join)
    {
        var ancestorPaths = graph.AncestorsOf(join.Id)
            .Select(id => CompiledWorkflow.ChildPath(graph.Path, graph.Children[id]))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var child in context.Session.ChildrenOf(context.ActivityInstanceId).ToList())
            if (ancestorPaths.Contains(child.NodePath))
                context.Session.CancelSubtree(child);
    }

    /// <summary>The flowchart's persisted routing state: tokens waiting at joins, and tokens to absorb after a race.</summary>
    private sealed class TokenState(JsonObject state)
    {
        private JsonObject Tokens => state["tokens"] as JsonObject ?? (JsonObject)(state["tokens"] = new JsonObject());

        private JsonArray Absorbed => state["absorb"] as JsonArray ?? (JsonArray)(state["absorb"] = new JsonArray());

        public bool HasToken(int index) => Tokens.ContainsKey(Key(index));

        public bool IsActive(int index) => Tokens[Key(index)]?.GetValue<bool>() == true;

        public void SetToken(int index, bool active) => Tokens[Key(index)] = active;

        public void ClearTokens(IEnumerable<int> indexes)
        {
            foreach (var index in indexes) Tokens.Remove(Key(index));
        }

        public void Absorb(int index) => Absorbed.Add(index);

        public bool TryAbsorb(int index)
        {
            var absorbed = Absorbed;
            var found = absorbed.FirstOrDefault(n => n?.GetValue<int>() == index);
            return found is not null && absorbed.Remove(found);
        }

        public void ClearAbsorbed() => Absorbed.Clear();

        private static string Key(int index) => index.ToString(CultureInfo.InvariantCulture);
    }
}
