using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Nominations.Entities;
using System.Text.Json;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Web.Designer;

namespace ThiDua.Workflows.Web.Queries;

public enum StepState
{
    NotReached,
    Done,
    Current,
    Faulted,
}

public sealed record DiagramNode(string Id, string Label, string Type, double X, double Y, StepState State);

public sealed record DiagramEdge(string From, string To, string Port, bool Taken);

/// <summary>A flowchart ready to draw: positions from the designer metadata, and where an instance has been and waits.</summary>
/// <remarks><see cref="LiveData"/> is what the designer's own drawing code needs to draw the same diagram in the browser
/// (the definition's Elsa JSON, the palette faces of its activity types, the states and the path taken); the SVG
/// stays as the picture for a browser without script.</remarks>
public sealed record Diagram(string Title, int Version, IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges, double Width, double Height, string? LiveData = null)
{
    public const double NodeWidth = 190;
    public const double NodeHeight = 58;
}

/// <summary>
/// The read-only diagram of a workflow instance on the version it runs (the designer will draw with the same model):
/// steps done, the current step highlighted, the path taken.
/// </summary>
public sealed class WorkflowDiagrams(IWorkflowStore store, IDefinitionStore definitions, ActivityCatalog catalog)
{
    // The designer spaces columns 280 px apart; the page draws them closer so a path fits a laptop screen.
    private const double Scale = 0.78;
    private const double Margin = 12;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Diagram?> ForInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await store.FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null) return null;
        var definition = await definitions.FindVersionAsync(instance.DefinitionVersionId, cancellationToken).ConfigureAwait(false);
        if (definition is null) return null;
        var journal = await store.ReadJournalAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var waiting = (await store.FindBookmarksAsync(new BookmarkQuery(WorkflowInstanceId: instanceId), cancellationToken).ConfigureAwait(false))
            .Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal);
        var done = journal.Where(j => j.EventName == JournalEvents.Completed && j.ActivityId is not null).Select(j => j.ActivityId!).ToHashSet(StringComparer.Ordinal);
        var faulted = journal.Where(j => j.EventName == JournalEvents.Faulted && j.ActivityId is not null).Select(j => j.ActivityId!).ToHashSet(StringComparer.Ordinal);
        var outcomes = journal.Where(j => j.EventName == JournalEvents.Completed && j.ActivityId is not null && j.Outcomes is not null)
            .GroupBy(j => j.ActivityId!).ToDictionary(g => g.Key, g => g.SelectMany(j => j.Outcomes!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return Build(definition, catalog, id => faulted.Contains(id) ? StepState.Faulted : waiting.Contains(id) ? StepState.Current : done.Contains(id) ? StepState.Done : StepState.NotReached, outcomes);
    }

    private static Diagram Build(WorkflowDefinition definition, ActivityCatalog catalog, Func<string, StepState> stateOf, Dictionary<string, HashSet<string>> outcomes)
    {
        var root = definition.Root;
        var placed = root.Activities.Select((a, i) =>
        {
            var position = a.Metadata?["designer"]?["position"];
            var x = position?["x"]?.GetValue<double>() ?? i * 280;
            var y = position?["y"]?.GetValue<double>() ?? 0;
            return new DiagramNode(a.Id, LabelOf(a), a.Type, x * Scale, y * Scale, stateOf(a.Id));
        }).ToList();
        var minX = placed.Count == 0 ? 0 : placed.Min(n => n.X);
        var minY = placed.Count == 0 ? 0 : placed.Min(n => n.Y);
        var nodes = placed.Select(n => n with { X = n.X - minX + Margin, Y = n.Y - minY + Margin }).ToList();
        var states = nodes.ToDictionary(n => n.Id, n => n.State, StringComparer.Ordinal);
        var edges = root.Connections.Select(c =>
        {
            var from = states.GetValueOrDefault(c.Source.ActivityId);
            var to = states.GetValueOrDefault(c.Target.ActivityId);
            // Taken: the source completed through this port (or has no recorded outcome) and the target was reached.
            var port = c.SourcePort;
            var throughPort = !outcomes.TryGetValue(c.Source.ActivityId, out var ports) || ports.Count == 0 || ports.Contains(port);
            var taken = from is StepState.Done && to is not StepState.NotReached && throughPort;
            return new DiagramEdge(c.Source.ActivityId, c.Target.ActivityId, port, taken);
        }).ToList();
        var width = nodes.Count == 0 ? 200 : nodes.Max(n => n.X) + Diagram.NodeWidth + Margin;
        var height = nodes.Count == 0 ? 100 : nodes.Max(n => n.Y) + Diagram.NodeHeight + Margin;
        return new Diagram(definition.Name ?? definition.DefinitionId, definition.Version, nodes, edges, width, height, LiveData(definition, catalog, nodes, root, edges));
    }

    private static string LiveData(WorkflowDefinition definition, ActivityCatalog catalog, List<DiagramNode> nodes, ActivityNode root, List<DiagramEdge> edges)
    {
        var types = root.Activities.Select(a => a.Type).ToHashSet(StringComparer.Ordinal);
        var payload = new
        {
            definition = ElsaJsonWriter.ToJson(definition),
            catalog = new { activities = catalog.Palette.Where(a => types.Contains(a.Type)), outcomeLabels = catalog.OutcomeNames },
            states = nodes.Where(n => n.State != StepState.NotReached).ToDictionary(n => n.Id, n => n.State.ToString()),
            taken = edges.Where(e => e.Taken).Select(e => $"{e.From}/{e.Port}→{e.To}").Distinct(),
        };
        return JsonSerializer.Serialize(payload, Json);
    }

    /// <summary>A short Vietnamese name for a step: its own display text, a task's title, a status, or its kind.</summary>
    public static string LabelOf(ActivityNode activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Metadata?["displayText"]?.GetValue<string>() is { Length: > 0 } text) return text;
        if (activity.Type == "ThiDua.UserTask" && Literal(activity.Properties["title"]) is { Length: > 0 } title)
            return title.Split(':')[0].Trim();
        if (activity.Type == "ThiDua.Nominations.SetStatus" && Literal(activity.Properties["status"]) is { } status)
            return "Chuyển sang: " + NominationStatuses.Labels.GetValueOrDefault(status, status);
        return activity.Type switch
        {
            "Elsa.Start" => "Bắt đầu",
            "Elsa.End" or "Elsa.Finish" => "Kết thúc",
            "Elsa.SetName" => "Đặt tên hồ sơ",
            "Elsa.SetVariable" => "Ghi biến",
            "Elsa.FlowDecision" => "Rẽ nhánh theo điều kiện",
            "Elsa.FlowSwitch" => "Chọn nhánh",
            "Elsa.FlowFork" => "Tách nhánh song song",
            "Elsa.FlowJoin" => "Hợp nhánh",
            "Elsa.Delay" or "Elsa.Timer" or "Elsa.StartAt" => "Chờ đến hạn",
            "Elsa.Event" => "Chờ sự kiện",
            "Elsa.WriteLine" => "Ghi nhật ký",
            "ThiDua.UserTask" => "Việc của cán bộ",
            "ThiDua.Nominations.AcceptDossier" => "Tiếp nhận hồ sơ đầy đủ",
            "ThiDua.Nominations.RequestSupplement" => "Yêu cầu bổ sung (một lần)",
            "ThiDua.Nominations.EligibilityHold" => "Tạm dừng xét",
            "ThiDua.Nominations.PublicPosting" => "Công khai, lấy ý kiến",
            "ThiDua.Nominations.CouncilVote" => "Hội đồng TĐKT bỏ phiếu",
            "ThiDua.Nominations.IssueDecision" => "Chủ tịch ký quyết định",
            "ThiDua.Nominations.SubmitToProvince" => "Trình cấp trên",
            "ThiDua.Nominations.NotifyUnit" => "Thông báo đơn vị",
            _ => "Bước khác",
        };
    }

    // A literal input as Elsa writes it: {"typeName":…, "expression":{"type":"Literal"|"Liquid", "value":…}}.
    private static string? Literal(JsonNode? input) =>
        input?["expression"]?["value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
