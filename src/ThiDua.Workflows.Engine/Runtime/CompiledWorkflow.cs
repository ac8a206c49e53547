using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Validation;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>
/// A definition prepared for running: every node by path, each flowchart's graph, the variables. Built once per
/// definition version and shared by all bursts (it is read-only).
/// </summary>
internal sealed class CompiledWorkflow
{
    private readonly Dictionary<string, ActivityNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowchartGraph> _flowcharts = new(StringComparer.Ordinal);

    private CompiledWorkflow(WorkflowDefinition definition)
    {
        Definition = definition;
        RootPath = definition.Root.Id;
        var variables = definition.Variables.ToList();
        Index(definition.Root, RootPath, variables);
        Variables = variables.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        VariableNamesById = variables.Where(v => v.Id is not null).GroupBy(v => v.Id!).ToDictionary(g => g.Key, g => g.First().Name);
        InputNames = DeclaredInputs(definition);
    }

    public WorkflowDefinition Definition { get; }

    public string RootPath { get; }

    public IReadOnlyDictionary<string, VariableDefinition> Variables { get; }

    public IReadOnlyDictionary<string, string> VariableNamesById { get; }

    /// <summary>The workflow's declared inputs (<c>inputs[].name</c>), whose accessors exist even when a start does not give them.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Activity ids by their display name (for <c>getOutputFrom("name")</c>); the first activity wins a shared name.</summary>
    public IReadOnlyDictionary<string, string> ActivityIdByName => _idsByName;

    private readonly Dictionary<string, string> _idsByName = new(StringComparer.Ordinal);

    /// <summary>Compiles a definition; structural problems (duplicate ids, dangling connections) throw.</summary>
    public static CompiledWorkflow Compile(WorkflowDefinition definition)
    {
        var problems = WorkflowValidator.FindStructuralProblems(definition);
        if (problems.Count > 0) throw new InvalidDefinitionException(problems);
        return new CompiledWorkflow(definition);
    }

    public static string ChildPath(string parentPath, ActivityNode child) => parentPath + ":" + child.Id;

    /// <summary>The names in a definition's <c>inputs</c> list.</summary>
    public static IReadOnlyList<string> DeclaredInputs(WorkflowDefinition definition) =>
        (definition.Extra["inputs"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(i => (i as System.Text.Json.Nodes.JsonObject)?["name"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue(out string? name) ? name : null)
            .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.Ordinal).ToList();

    public ActivityNode Node(string path) =>
        _nodes.TryGetValue(path, out var node) ? node
            : throw new InvalidOperationException($"The definition has no activity at '{path}' (was the instance started on another version?).");

    public FlowchartGraph Flowchart(string path) => _flowcharts[path];

    private void Index(ActivityNode node, string path, List<VariableDefinition> variables)
    {
        _nodes[path] = node;
        if (node.Name is { Length: > 0 } name) _idsByName.TryAdd(name, node.Id);
        if (node.HasActivities)
        {
            _flowcharts[path] = new FlowchartGraph(node, path);
            // A flowchart may declare its own variables (Elsa writes them on the container).
            if (node.Properties["variables"] is System.Text.Json.Nodes.JsonArray declared)
                variables.AddRange(declared.OfType<System.Text.Json.Nodes.JsonObject>()
                    .Select(v => new VariableDefinition((System.Text.Json.Nodes.JsonObject)v.DeepClone())));
        }

        foreach (var child in node.Activities) Index(child, ChildPath(path, child), variables);
        foreach (var port in node.Ports.Values) Index(port, ChildPath(path, port), variables);
    }
}

/// <summary>
/// The graph of one flowchart: connections by source and target, which connections close a loop (back edges,
/// found by a depth-first walk from the start), and where to start.
/// </summary>
internal sealed class FlowchartGraph
{
    private static readonly List<int> None = [];
    private readonly Dictionary<string, List<int>> _outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _forwardInbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _allInbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _loops = new(StringComparer.Ordinal);

    public FlowchartGraph(ActivityNode node, string path)
    {
        Path = path;
        Children = node.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        Connections = node.Connections;
        IsBackEdge = new bool[Connections.Count];
        for (var i = 0; i < Connections.Count; i++)
            OutboundList(Connections[i].Source.ActivityId).Add(i);

        Start = FindStart(node);
        MarkBackEdges(node);
        for (var i = 0; i < Connections.Count; i++)
        {
            var target = Connections[i].Target.ActivityId;
            (_allInbound.TryGetValue(target, out var all) ? all : _allInbound[target] = []).Add(i);
            if (!IsBackEdge[i]) ForwardInboundList(target).Add(i);
        }

        OtherRoots = node.Activities
            .Where(a => a != Start && !Connections.Any(c => c.Target.ActivityId == a.Id))
            .ToList();

        // Everything the router asks later is computed now, so bursts share the graph without locks.
        foreach (var activity in node.Activities)
            _ancestors[activity.Id] = ComputeAncestors(activity.Id);
        FindLoops(node);
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, ActivityNode> Children { get; }

    public IReadOnlyList<Connection> Connections { get; }

    /// <summary>Per connection index: true when following it goes back into a loop.</summary>
    public bool[] IsBackEdge { get; }

    public ActivityNode? Start { get; }

    /// <summary>Activities with no inbound connection other than the start: never run, so their paths are dead.</summary>
    public IReadOnlyList<ActivityNode> OtherRoots { get; }

    public IReadOnlyList<int> Outbound(string activityId) => _outbound.GetValueOrDefault(activityId) ?? None;

    public IReadOnlyList<int> ForwardInbound(string activityId) => _forwardInbound.GetValueOrDefault(activityId) ?? None;

    /// <summary>Every inbound connection, loops' back edges included (for <c>MergeMode.Converge</c>).</summary>
    public IReadOnlyList<int> AllInbound(string activityId) => _allInbound.GetValueOrDefault(activityId) ?? None;

    /// <summary>Every activity from which a forward path leads to <paramref name="activityId"/>.</summary>
    public IReadOnlySet<string> AncestorsOf(string activityId) => _ancestors[activityId];

    /// <summary>The loop (strongly connected part of the graph) an activity belongs to, or null when it is in none.</summary>
    public int? LoopOf(string activityId) => _loops.TryGetValue(activityId, out var loop) ? loop : null;

    private HashSet<string> ComputeAncestors(string activityId)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([activityId]);
        while (stack.Count > 0)
            foreach (var index in ForwardInbound(stack.Pop()))
                if (found.Add(Connections[index].Source.ActivityId))
                    stack.Push(Connections[index].Source.ActivityId);
        found.Remove(activityId);
        return found;
    }

    // Loops are the strongly connected parts of the graph (Tarjan's algorithm, iteratively); an activity on its own
    // counts only when it connects to itself.
    private void FindLoops(ActivityNode node)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var counter = 0;
        var loopId = 0;
        foreach (var root in node.Activities)
        {
            if (index.ContainsKey(root.Id)) continue;
            var work = new Stack<(string Id, int Next)>();
            work.Push((root.Id, 0));
            index[root.Id] = low[root.Id] = counter++;
            stack.Push(root.Id);
            onStack.Add(root.Id);
            while (work.Count > 0)
            {
                var (id, next) = work.Pop();
                var outbound = Outbound(id);
                if (next < outbound.Count)
                {
                    work.Push((id, next + 1));
                    var target = Connections[outbound[next]].Target.ActivityId;
                    if (!index.TryGetValue(target, out var targetIndex))
                    {
                        index[target] = low[target] = counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[id] = Math.Min(low[id], targetIndex);
                    }

                    continue;
                }

                if (work.Count > 0) low[work.Peek().Id] = Math.Min(low[work.Peek().Id], low[id]);
                if (low[id] != index[id]) continue;
                var members = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    members.Add(member);
                }
                while (member != id);
                if (members.Count > 1 || Outbound(id).Any(i => Connections[i].Target.ActivityId == id))
                {
                    foreach (var m in members) _loops[m] = loopId;
                    loopId++;
                }
            }
        }
    }

    // Used only while the constructor builds the tables.
    private List<int> OutboundList(string id) => _outbound.TryGetValue(id, out var l) ? l : _outbound[id] = [];

    private List<int> ForwardInboundList(string id) => _forwardInbound.TryGetValue(id, out var l) ? l : _forwardInbound[id] = [];

    // Elsa's order: the explicit start property, then an Elsa.Start activity, then the first activity nothing
    // points to, then the first activity.
    private ActivityNode? FindStart(ActivityNode node)
    {
        if (node.StartActivityId is { } startId && Children.TryGetValue(startId, out var explicitStart)) return explicitStart;
        return node.Activities.FirstOrDefault(a => a.Type == "Elsa.Start")
            ?? node.Activities.FirstOrDefault(a => !Connections.Any(c => c.Target.ActivityId == a.Id))
            ?? (node.Activities.Count > 0 ? node.Activities[0] : null);
    }

    // Iterative depth-first walk: a connection to an activity still on the walk's path closes a loop.
    private void MarkBackEdges(ActivityNode node)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on path, 2 = done
        var roots = (Start is null ? [] : new[] { Start }).Concat(node.Activities);
        foreach (var root in roots)
        {
            if (state.ContainsKey(root.Id)) continue;
            var stack = new Stack<(string Id, int Next)>();
            stack.Push((root.Id, 0));
            state[root.Id] = 1;
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                var outbound = OutboundList(id);
                if (next < outbound.Count)
                {
                    stack.Push((id, next + 1));
                    var index = outbound[next];
                    var target = Connections[index].Target.ActivityId;
                    if (state.TryGetValue(target, out var s))
                    {
                        if (s == 1) IsBackEdge[index] = true;
                    }
                    else
                    {
                        state[target] = 1;
                        stack.Push((target, 0));
                    }
                }
                else
                {
                    state[id] = 2;
                }
            }
        }
    }
}
