using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Web.Designer.Trial;

namespace ThiDua.Workflows.Web.Designer;

/// <summary>One definition in the designer's list.</summary>
public sealed record DefinitionSummary(
    string DefinitionId, string? Name, int? PublishedVersion, int LatestVersion, bool HasDraft, string? DraftBy, DateTimeOffset? DraftAt,
    int Running, DateTimeOffset? UpdatedAt);

/// <summary>One version in the history, with the instances still running on it.</summary>
public sealed record VersionRow(int Version, DateTimeOffset CreatedAt, string? CreatedBy, string? CreatedByName, bool IsPublished, int Running);

/// <summary>What the editor opens: the draft if there is one, else the published (or latest) version.</summary>
public sealed record DesignerDocument(
    string DefinitionId, string? Name, JsonObject Json, bool IsDraft, long DraftRevision, int BaseVersion, int? PublishedVersion,
    IReadOnlyList<VersionRow> Versions);

public sealed record DraftSaved(long Revision, IReadOnlyList<DesignerProblem> Problems);

public sealed record Published(int Version, string VersionId);

/// <summary>The outcome of a designer command: a value, or what went wrong (the endpoints map it to HTTP).</summary>
public sealed record DesignerResult<T>(T? Value, int Status = 200, string? Message = null, IReadOnlyList<DesignerProblem>? Problems = null);

/// <summary>
/// The designer's commands and reads: drafts (autosave, one per definition, revision-checked), the check, publish as a
/// new version, retract, revert, history with running instances per version, diff, import/export and trial runs.
/// </summary>
public sealed class DesignerService(
    IDefinitionStore versions, IDefinitionDraftStore drafts, IWorkflowDbContextFactory contexts, DefinitionChecks checks, UserAccounts users, TimeProvider clock)
{
    public const int MaxDefinitionChars = 2_000_000;

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var rows = await db.Definitions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Name, d.Version, d.IsPublished, d.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var running = await RunningAsync(db, null, cancellationToken).ConfigureAwait(false);
        var allDrafts = (await drafts.ListDraftsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.DefinitionId, StringComparer.Ordinal);
        var list = rows.GroupBy(r => r.DefinitionId).Select(g =>
        {
            var latest = g.MaxBy(r => r.Version)!;
            allDrafts.TryGetValue(g.Key, out var draft);
            return new DefinitionSummary(g.Key, latest.Name, g.FirstOrDefault(r => r.IsPublished)?.Version, latest.Version, draft is not null,
                draft?.UpdatedBy, draft?.UpdatedAt, running.Where(r => r.Key.DefinitionId == g.Key).Sum(r => r.Value),
                draft?.UpdatedAt ?? g.Max(r => r.CreatedAt));
        }).ToList();
        foreach (var draft in allDrafts.Values.Where(d => list.All(l => l.DefinitionId != d.DefinitionId)))
            list.Add(new DefinitionSummary(draft.DefinitionId, NameOf(draft.Json), null, 0, true, draft.UpdatedBy, draft.UpdatedAt, 0, draft.UpdatedAt));
        return list.OrderBy(l => l.Name ?? l.DefinitionId, StringComparer.Ordinal).ToList();
    }

    public async Task<DesignerDocument?> OpenAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var history = await versions.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var draft = await drafts.FindDraftAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (history.Count == 0 && draft is null) return null;
        await using var db = contexts.Create();
        var running = await RunningAsync(db, definitionId, cancellationToken).ConfigureAwait(false);
        var names = await users.DisplayNamesAsync(history.Select(v => v.CreatedBy).OfType<string>().Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        var rows = history.Select(v => new VersionRow(v.Version, v.CreatedAt, v.CreatedBy, v.CreatedBy is { } by ? names.GetValueOrDefault(by, by) : null, v.IsPublished,
            running.GetValueOrDefault((definitionId, v.Version)))).ToList();
        var published = history.LastOrDefault(v => v.IsPublished);
        if (draft is not null)
            return new DesignerDocument(definitionId, NameOf(draft.Json), (JsonObject)JsonNode.Parse(draft.Json)!, true, draft.Revision, draft.BaseVersion, published?.Version, rows);
        var shown = Shown(history)!;
        var definition = await versions.FindVersionAsync(shown.Id, cancellationToken).ConfigureAwait(false);
        return new DesignerDocument(definitionId, shown.Name, ElsaJsonWriter.ToJson(definition!), false, 0, shown.Version, published?.Version, rows);
    }

    /// <summary>Autosave: stores the draft as it is (problems and all) and answers the problems the check finds.</summary>
    public async Task<DesignerResult<DraftSaved>> SaveDraftAsync(string definitionId, JsonObject json, long revision, int baseVersion, string user, CancellationToken cancellationToken = default)
    {
        if (Normalise(definitionId, json) is { } refused) return Fail<DraftSaved>(400, refused);
        var text = json.ToJsonString();
        if (text.Length > MaxDefinitionChars) return Fail<DraftSaved>(413, "Quy trình quá lớn để lưu.");
        var published = await PublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var (_, problems) = checks.Check(text, published);
        var (outcome, saved) = await drafts.SaveDraftAsync(definitionId, text, baseVersion, revision, user, cancellationToken).ConfigureAwait(false);
        return outcome == DraftSaveOutcome.Conflict
            ? Fail<DraftSaved>(409, "Bản nháp vừa được người khác lưu. Tải lại trang để xem bản mới nhất trước khi sửa tiếp.")
            : new DesignerResult<DraftSaved>(new DraftSaved(saved!.Revision, problems));
    }

    public async Task<bool> DiscardDraftAsync(string definitionId, CancellationToken cancellationToken = default) =>
        await drafts.DiscardDraftAsync(definitionId, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<DesignerProblem>> CheckAsync(string definitionId, JsonObject json, CancellationToken cancellationToken = default)
    {
        if (Normalise(definitionId, json) is { } refused) return [new DesignerProblem("read", refused)];
        return checks.Check(json.ToJsonString(), await PublishedAsync(definitionId, cancellationToken).ConfigureAwait(false)).Problems;
    }

    /// <summary>Publishes the draft as the next version; a definition with any problem is refused, each problem named.</summary>
    public async Task<DesignerResult<Published>> PublishAsync(string definitionId, string user, CancellationToken cancellationToken = default)
    {
        var draft = await drafts.FindDraftAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (draft is null) return Fail<Published>(409, "Không có bản nháp nào để phát hành: quy trình chưa được sửa từ phiên bản đang dùng.");
        var (definition, problems) = checks.Check(draft.Json, await PublishedAsync(definitionId, cancellationToken).ConfigureAwait(false));
        if (definition is null || problems.Count > 0)
            return Fail<Published>(400, $"Chưa phát hành được: quy trình còn {problems.Count} lỗi.", problems);
        var version = await drafts.PublishAsync(definition, user, cancellationToken).ConfigureAwait(false);
        return new DesignerResult<Published>(new Published(version.Version, version.Id));
    }

    public async Task<DesignerResult<bool>> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var published = (await versions.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false)).LastOrDefault(v => v.IsPublished);
        if (published is null) return Fail<bool>(409, "Quy trình không có phiên bản nào đang dùng.");
        await versions.SetPublishedAsync(published.Id, false, cancellationToken).ConfigureAwait(false);
        return new DesignerResult<bool>(true);
    }

    /// <summary>Makes an old version the draft (publishing it then makes a new version with that content).</summary>
    public async Task<DesignerResult<DraftSaved>> RevertAsync(string definitionId, int version, string user, CancellationToken cancellationToken = default)
    {
        var old = await FindVersionAsync(definitionId, version, cancellationToken).ConfigureAwait(false);
        if (old is null) return Fail<DraftSaved>(404, $"Không có phiên bản {version}.");
        var current = await drafts.FindDraftAsync(definitionId, cancellationToken).ConfigureAwait(false);
        return await SaveDraftAsync(definitionId, ElsaJsonWriter.ToJson(old), current?.Revision ?? 0, version, user, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WorkflowDefinition?> FindVersionAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        var row = (await versions.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Version == version);
        return row is null ? null : await versions.FindVersionAsync(row.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The definition as it would be exported: the draft if any, else the published or latest version.</summary>
    public async Task<WorkflowDefinition?> CurrentAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        if (await drafts.FindDraftAsync(definitionId, cancellationToken).ConfigureAwait(false) is { } draft)
            return ElsaJsonReader.Read(draft.Json).Definition;
        var history = await versions.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false);
        return Shown(history) is { } shown ? await versions.FindVersionAsync(shown.Id, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>The title the editor page shows, without reading versions' JSON or running counts; null when there is no such path.</summary>
    public async Task<(bool Found, string? Name)> FindNameAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        if (await drafts.FindDraftAsync(definitionId, cancellationToken).ConfigureAwait(false) is { } draft) return (true, NameOf(draft.Json));
        return Shown(await versions.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false)) is { } shown ? (true, shown.Name) : (false, null);
    }

    // Without a draft, a path is shown as its published version, else its latest.
    private static DefinitionVersion? Shown(IReadOnlyList<DefinitionVersion> history) =>
        history.LastOrDefault(v => v.IsPublished) ?? (history.Count > 0 ? history[^1] : null);

    /// <summary>Imports an Elsa 3 file as the draft of its definition (a new definition when its id is unknown).</summary>
    public async Task<DesignerResult<(string DefinitionId, DraftSaved Saved)>> ImportAsync(JsonObject json, string user, CancellationToken cancellationToken = default)
    {
        var read = ElsaJsonReader.Read(json.ToJsonString());
        if (read.Definition is null)
            return Fail<(string, DraftSaved)>(400, "Tệp không phải một quy trình Elsa 3 đọc được.",
                read.Problems.Select(p => new DesignerProblem("read", "Tệp quy trình không đọc được.", Detail: $"{p.Path}: {p.Message}")).ToList());
        var definitionId = read.Definition.DefinitionId;
        var current = await drafts.FindDraftAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var history = await versions.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var baseVersion = history.Count > 0 ? history[^1].Version : 0;
        var saved = await SaveDraftAsync(definitionId, ElsaJsonWriter.ToJson(read.Definition), current?.Revision ?? 0, baseVersion, user, cancellationToken).ConfigureAwait(false);
        return saved.Value is null
            ? Fail<(string, DraftSaved)>(saved.Status, saved.Message!)
            : new DesignerResult<(string, DraftSaved)>((definitionId, saved.Value));
    }

    /// <summary>A new, empty definition (a start step only), opened as a draft.</summary>
    public async Task<string> CreateAsync(string name, string user, CancellationToken cancellationToken = default)
    {
        var definitionId = "quy-trinh-" + Guid.NewGuid().ToString("N")[..8];
        var json = new JsonObject
        {
            ["id"] = definitionId + ":draft",
            ["definitionId"] = definitionId,
            ["name"] = name,
            ["version"] = 1,
            ["variables"] = new JsonArray(),
            ["root"] = new JsonObject
            {
                ["id"] = "flowchart",
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["activities"] = new JsonArray(new JsonObject
                {
                    ["id"] = "start",
                    ["type"] = "Elsa.Start",
                    ["version"] = 1,
                    ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } },
                }),
                ["connections"] = new JsonArray(),
            },
        };
        await drafts.SaveDraftAsync(definitionId, json.ToJsonString(), 0, 0, user, cancellationToken).ConfigureAwait(false);
        return definitionId;
    }

    public async Task<DesignerResult<DefinitionChanges>> DiffAsync(string definitionId, int from, int to, bool layout, CancellationToken cancellationToken = default)
    {
        var a = await FindVersionAsync(definitionId, from, cancellationToken).ConfigureAwait(false);
        var b = await FindVersionAsync(definitionId, to, cancellationToken).ConfigureAwait(false);
        if (a is null || b is null) return Fail<DefinitionChanges>(404, $"Không có phiên bản {(a is null ? from : to)}.");
        return new DesignerResult<DefinitionChanges>(DefinitionDiff.Compare(a, b, layout));
    }

    /// <summary>Starts an instance of the published version for real (it waits for people, sends mail): a pilot run.</summary>
    public async Task<DesignerResult<string>> StartAsync(string definitionId, JsonObject? input, IWorkflowRuntime runtime, CancellationToken cancellationToken = default)
    {
        var published = await PublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (published is null) return Fail<string>(409, "Quy trình chưa có phiên bản đang dùng: phát hành trước rồi mới chạy được.");
        var run = await runtime.StartAsync(published, new StartOptions(input), cancellationToken).ConfigureAwait(false);
        return new DesignerResult<string>(run.InstanceId);
    }

    public async Task<DesignerResult<TrialResult>> TryAsync(string definitionId, TrialRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Definition is null) return Fail<TrialResult>(400, "Thiếu quy trình để chạy thử (trường definition).");
        if (Normalise(definitionId, request.Definition) is { } refused) return Fail<TrialResult>(400, refused);
        var (definition, problems) = checks.Check(request.Definition.ToJsonString());
        var blocking = problems.Where(p => p.Code is "read" or "structure" or "unknown-type" or "expression" or "empty" or "no-start").ToList();
        if (definition is null || blocking.Count > 0)
            return Fail<TrialResult>(400, "Chưa chạy thử được: sửa các lỗi về cấu trúc, biểu thức hay loại hoạt động trước.", blocking);
        try
        {
            var result = await TrialRunner.RunAsync(definition, request.Input, request.Outcomes ?? [], checks.Ports, clock, cancellationToken).ConfigureAwait(false);
            return new DesignerResult<TrialResult>(result);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail<TrialResult>(422, "Chạy thử quá 5 giây mà chưa dừng: có thể quy trình lặp mãi.");
        }
    }

    private static DesignerResult<T> Fail<T>(int status, string message, IReadOnlyList<DesignerProblem>? problems = null) => new(default, status, message, problems);

    private async Task<WorkflowDefinition?> PublishedAsync(string definitionId, CancellationToken cancellationToken) =>
        await versions.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);

    // The editor works on one definition: its id in the file is the one in the address.
    private static string? Normalise(string definitionId, JsonObject json)
    {
        if (json["definitionId"] is JsonValue v && v.TryGetValue(out string? inFile) && inFile != definitionId)
            return $"Tệp thuộc quy trình “{inFile}”, không phải “{definitionId}”.";
        json["definitionId"] = definitionId;
        json["id"] ??= definitionId + ":draft";
        return json["root"] is JsonObject ? null : "Quy trình không có sơ đồ (trường root).";
    }

    private static string? NameOf(string json) => JsonNode.Parse(json)?["name"]?.GetValue<string>();

    private static async Task<Dictionary<(string DefinitionId, int Version), int>> RunningAsync(WorkflowDbContext db, string? definitionId, CancellationToken cancellationToken)
    {
        var running = new[] { nameof(WorkflowStatus.Running), nameof(WorkflowStatus.Suspended) };
        var query = db.Instances.AsNoTracking().Where(i => running.Contains(i.Status));
        if (definitionId is not null) query = query.Where(i => i.DefinitionId == definitionId);
        var counts = await query.GroupBy(i => new { i.DefinitionId, i.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return counts.ToDictionary(c => (c.DefinitionId, c.DefinitionVersion), c => c.Count);
    }
}
