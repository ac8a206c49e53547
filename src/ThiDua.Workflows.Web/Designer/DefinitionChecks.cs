using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Validation;
using ThiDua.Workflows.Nominations.Workflows;

namespace ThiDua.Workflows.Web.Designer;

/// <summary>
/// One thing that stops a definition from being published, said in Vietnamese and pinned to the activity (and the
/// input or port) the designer highlights. <paramref name="Detail"/> keeps the engine's technical words.
/// </summary>
public sealed record DesignerProblem(string Code, string Message, string? ActivityId = null, string? Field = null, string? Port = null, string? Detail = null);

/// <summary>
/// The check before publishing: what the runtime's validator finds (structure, expression syntax, unknown types),
/// plus what a drawing can get wrong (no way in, unreachable steps, ports leading nowhere, required inputs left
/// empty, a task nobody is assigned to) and the nomination domain's own steps.
/// </summary>
public sealed partial class DefinitionChecks(ActivityRegistry registry, ActivityCatalog catalog)
{
    private static readonly string[] AssigneeInputs = ["role", "assignee", "unit"];
    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal) { "Elsa.End", "Elsa.Finish", "Elsa.Fault" };

    /// <summary>Reads Elsa JSON and checks it; the definition is null when the JSON cannot be read at all.</summary>
    public (WorkflowDefinition? Definition, IReadOnlyList<DesignerProblem> Problems) Check(string json, WorkflowDefinition? published = null)
    {
        var read = ElsaJsonReader.Read(json);
        var problems = read.Problems
            .Select(p => new DesignerProblem("read", "Tệp quy trình không đọc được.", Detail: $"{p.Path}: {p.Message}"))
            .ToList();
        if (read.Definition is not null) problems.AddRange(Check(read.Definition, published));
        return (read.Definition, problems);
    }

    public IReadOnlyList<DesignerProblem> Check(WorkflowDefinition definition, WorkflowDefinition? published = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<DesignerProblem>();
        AddValidatorProblems(definition, problems);
        var root = definition.Root;
        if (!root.HasActivities && root.Activities.Count == 0)
        {
            problems.Add(new DesignerProblem("empty", "Quy trình chưa có bước nào."));
            return problems;
        }

        var nodes = root.Activities.Where(a => a.Id.Length > 0).GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        CheckEntryAndReach(root, nodes, problems);
        foreach (var node in root.Activities)
        {
            var known = registry.IsKnown(node);
            if (!known)
            {
                problems.Add(new DesignerProblem("unknown-type", $"Bước “{Label(node)}” có loại hoạt động “{node.Type}” mà hệ thống không có.", node.Id, Detail: node.Type));
                continue;
            }

            CheckPorts(root, node, problems);
            CheckInputs(node, problems);
        }

        if (published is not null) CheckDomainSteps(definition, published, problems);
        return problems;
    }

    /// <summary>The ports of an activity as the designer draws them (static outcomes, a task's actions, a fork's branches, a switch's cases).</summary>
    public IReadOnlyList<string>? Ports(ActivityNode node)
    {
        var face = catalog.Find(node.Type);
        if (face is null) return null;
        return face.OutcomesFrom switch
        {
            "actions" or "branches" => StaticList(node.Properties[face.OutcomesFrom]) is { } list ? (list.Count > 0 ? list : [ActivityOutcomes.Done]) : null,
            "cases" => node.Properties["cases"] is JsonArray cases
                ? cases.Select(c => c?["label"]?.GetValue<string>() ?? "").Where(l => l.Length > 0).Append("Default").ToList()
                : ["Default"],
            _ => face.Outcomes.Select(o => o.Value).ToList(),
        };
    }

    private void CheckEntryAndReach(ActivityNode root, Dictionary<string, ActivityNode> nodes, List<DesignerProblem> problems)
    {
        var inbound = root.Connections.Select(c => c.Target.ActivityId).ToHashSet(StringComparer.Ordinal);
        var starts = root.StartActivityId is { } declared ? [declared]
            : nodes.Values.Where(n => n.Type == "Elsa.Start").Select(n => n.Id).ToList() is { Count: > 0 } explicitStarts ? explicitStarts
            : nodes.Keys.Where(id => !inbound.Contains(id)).ToList();
        if (starts.Count == 0)
        {
            problems.Add(new DesignerProblem("no-start", "Quy trình không có điểm bắt đầu: thêm bước “Bắt đầu” và nối nó với bước đầu tiên."));
            return;
        }

        var reached = new HashSet<string>(starts, StringComparer.Ordinal);
        var queue = new Queue<string>(starts);
        var outgoing = root.Connections.ToLookup(c => c.Source.ActivityId, StringComparer.Ordinal);
        while (queue.Count > 0)
            foreach (var connection in outgoing[queue.Dequeue()])
                if (reached.Add(connection.Target.ActivityId)) queue.Enqueue(connection.Target.ActivityId);
        foreach (var node in nodes.Values.Where(n => !reached.Contains(n.Id)))
            problems.Add(new DesignerProblem("unreachable", $"Không đường nào dẫn tới bước “{Label(node)}”: nối nó vào quy trình hoặc xóa nó.", node.Id));
    }

    private void CheckPorts(ActivityNode root, ActivityNode node, List<DesignerProblem> problems)
    {
        var ports = Ports(node);
        var connected = root.Connections.Where(c => c.Source.ActivityId == node.Id).Select(c => c.SourcePort).ToHashSet(StringComparer.Ordinal);
        if (ports is null) return; // computed by an expression: known only when it runs
        foreach (var port in connected.Where(p => !ports.Contains(p, StringComparer.Ordinal)))
            problems.Add(new DesignerProblem("orphan-connection", $"Bước “{Label(node)}” không còn lựa chọn “{ActivityCatalog.OutcomeLabel(port)}” nhưng vẫn có đường nối từ đó.", node.Id, Port: port));

        // One way out may end the path (Elsa finishes a branch there); of several, each must lead somewhere.
        if (Terminal.Contains(node.Type) || ports.Count < 2) return;
        foreach (var port in ports.Where(p => !connected.Contains(p)))
            problems.Add(new DesignerProblem("unconnected-port", $"Nhánh “{ActivityCatalog.OutcomeLabel(port)}” của bước “{Label(node)}” chưa nối tới bước nào.", node.Id, Port: port));
    }

    private void CheckInputs(ActivityNode node, List<DesignerProblem> problems)
    {
        var face = catalog.Find(node.Type);
        if (face is null) return;
        foreach (var input in face.Inputs.Where(i => i.Required && IsEmpty(node.Properties[i.Name])))
            problems.Add(new DesignerProblem("missing-input", $"Bước “{Label(node)}”: chưa nhập “{input.Label}”.", node.Id, input.Name));

        if (node.Type == "ThiDua.UserTask" && AssigneeInputs.All(k => IsEmpty(node.Properties[k])))
            problems.Add(new DesignerProblem("no-assignee", $"Bước “{Label(node)}”: chưa chọn vai trò, người hoặc đơn vị xử lý.", node.Id, "role"));
    }

    // The runtime's validator: structure and expression syntax (the same findings as `thidua validate`), pinned to
    // the activity and input its JSON path names.
    private void AddValidatorProblems(WorkflowDefinition definition, List<DesignerProblem> problems)
    {
        foreach (var problem in WorkflowValidator.Validate(definition, registry, checkActivityTypes: false))
        {
            var match = ActivityPath().Match(problem.Path);
            var isExpression = problem.Path.Contains(".expression", StringComparison.Ordinal) || problem.Path.Contains(".condition", StringComparison.Ordinal);
            if (match.Success && isExpression && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var index && index < definition.Root.Activities.Count)
            {
                var node = definition.Root.Activities[index];
                var key = match.Groups[2].Value;
                problems.Add(new DesignerProblem("expression", $"Bước “{Label(node)}”: biểu thức của “{InputLabel(node, key)}” viết sai.", node.Id, key, Detail: problem.Message));
            }
            else
            {
                problems.Add(new DesignerProblem("structure", "Sơ đồ có chỗ nối hoặc mã bước không hợp lệ.", Detail: $"{problem.Path}: {problem.Message}"));
            }
        }
    }

    private string InputLabel(ActivityNode node, string key) =>
        catalog.Find(node.Type)?.Inputs.FirstOrDefault(i => i.Name == key)?.Label ?? key;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\$\.root\.activities\[(\d+)\]\.([^.\[]+)")]
    private static partial System.Text.RegularExpressions.Regex ActivityPath();

    /// <summary>A nomination path keeps the task steps the domain acts on, when the published path has them.</summary>
    private static void CheckDomainSteps(WorkflowDefinition definition, WorkflowDefinition published, List<DesignerProblem> problems)
    {
        var before = published.Root.Activities.Where(a => a.Type == "ThiDua.UserTask").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var now = definition.Root.Activities.Where(a => a.Type == "ThiDua.UserTask").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, purpose) in NominationPathSteps.Required)
            if (before.Contains(id) && !now.Contains(id))
                problems.Add(new DesignerProblem("domain-step", $"Bước giao việc có mã “{id}” phải còn trong quy trình: hệ thống dùng nó khi {purpose}."));
    }

    /// <summary>The values of a list input when they are written out (a literal or Object expression), else null.</summary>
    public static List<string>? StaticList(JsonNode? raw)
    {
        if (raw is null) return [];
        var value = raw;
        if (raw is JsonObject o)
        {
            if (o["expression"] is not JsonObject e) return [];
            if (e["type"]?.GetValue<string>() is "JavaScript" or "Liquid" or "Variable") return null;
            value = e["value"];
        }

        if (value is JsonValue v && v.TryGetValue(out string? text))
        {
            if (string.IsNullOrWhiteSpace(text)) return [];
            try
            {
                value = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            }
        }

        return value is JsonArray array ? array.Select(x => x?.ToString() ?? "").Where(x => x.Length > 0).ToList() : [];
    }

    private static bool IsEmpty(JsonNode? raw) => raw switch
    {
        null => true,
        JsonObject o when o["expression"] is JsonObject e => e["value"] is null || (e["value"] is JsonValue v && v.TryGetValue(out string? s) && string.IsNullOrWhiteSpace(s)),
        JsonObject o => !o.ContainsKey("expression"),
        JsonValue v when v.TryGetValue(out string? s) => string.IsNullOrWhiteSpace(s),
        _ => false,
    };

    /// <summary>How a step is named to a person: its display name, its name, a task's title, else its kind.</summary>
    private string Label(ActivityNode node)
    {
        if (node.Metadata?["displayText"]?.GetValue<string>() is { Length: > 0 } text) return text;
        if (node.Name is { Length: > 0 } name) return name;
        if (node.Properties["title"] is JsonObject { } title && title["expression"] is JsonObject e
            && e["type"]?.GetValue<string>() == "Literal" && e["value"]?.GetValue<string>() is { Length: > 0 } literal) return literal;
        return catalog.Find(node.Type) is { } face ? $"{face.Label} ({node.Id})" : node.Id;
    }
}
