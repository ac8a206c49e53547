using System.Net.Mime;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Web.Designer.Trial;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Designer;

public sealed record DraftRequest(JsonObject? Definition, long Revision, int BaseVersion);

public sealed record CheckRequest(JsonObject? Definition);

public sealed record NewDefinitionRequest(string? Name);

public sealed record StartRequest(JsonObject? Input);

/// <summary>
/// The designer's REST API (office and administrators only). The graph lives in the browser and comes here to be
/// checked, saved as a draft, published, tried and exported; writes carry the page's antiforgery token in a header.
/// </summary>
public static class DesignerEndpoints
{
    public static void MapDesigner(this WebApplication app)
    {
        var group = app.MapGroup("/api/designer").WithTags("Designer").RequireAuthorization(Policies.Designer)
            .AddEndpointFilter(RequireAntiforgeryOnWrites);

        group.MapGet("/activities", async (ActivityCatalog catalog, IDefinitionStore definitions, CancellationToken ct) => new
            {
                activities = catalog.Palette.Concat(await ActivityCatalog.SubWorkflowsAsync(definitions, ct).ConfigureAwait(false)),
                outcomeLabels = catalog.OutcomeNames,
            })
            .WithSummary("Every registered activity type with its Vietnamese name, group, ports and inputs (type, editor, required).");

        group.MapGet("/definitions", (DesignerService designer, CancellationToken ct) => designer.ListAsync(ct))
            .WithSummary("Definitions with their published and latest version, draft, and instances running.");

        group.MapPost("/definitions", async (NewDefinitionRequest request, ClaimsPrincipal user, DesignerService designer, CancellationToken ct) =>
        {
            var name = request.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 200)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Nhập tên quy trình (tối đa 200 ký tự)."] });
            var id = await designer.CreateAsync(name, user.Identity!.Name!, ct).ConfigureAwait(false);
            return Results.Created($"/api/designer/definitions/{id}", new { definitionId = id });
        }).WithSummary("A new definition with a start step, as a draft.");

        group.MapGet("/definitions/{definitionId}", async (string definitionId, DesignerService designer, CancellationToken ct) =>
            await designer.OpenAsync(definitionId, ct).ConfigureAwait(false) is { } document ? Results.Ok(document) : NotFound(definitionId))
            .WithSummary("What the editor opens: the draft if any, else the published version; the version history with running instances.");

        group.MapPut("/definitions/{definitionId}/draft", async (string definitionId, DraftRequest request, ClaimsPrincipal user, DesignerService designer, CancellationToken ct) =>
        {
            if (request.Definition is null) return MissingDefinition();
            var result = await designer.SaveDraftAsync(definitionId, request.Definition, request.Revision, request.BaseVersion, user.Identity!.Name!, ct).ConfigureAwait(false);
            return ToHttp(result, Results.Ok);
        }).WithSummary("Autosave: stores the draft (revision-checked) and answers the problems the check finds.");

        group.MapDelete("/definitions/{definitionId}/draft", async (string definitionId, DesignerService designer, CancellationToken ct) =>
            await designer.DiscardDraftAsync(definitionId, ct).ConfigureAwait(false) ? Results.NoContent() : NotFound(definitionId))
            .WithSummary("Discards the draft; the published version stays.");

        group.MapPost("/definitions/{definitionId}/check", async (string definitionId, CheckRequest request, DesignerService designer, CancellationToken ct) =>
            request.Definition is null ? MissingDefinition() : Results.Ok(new { problems = await designer.CheckAsync(definitionId, request.Definition, ct).ConfigureAwait(false) }))
            .WithSummary("The check before publishing, as the person draws: every problem with its activity, input or port.");

        group.MapPost("/definitions/{definitionId}/publish", async (string definitionId, ClaimsPrincipal user, DesignerService designer, CancellationToken ct) =>
            ToHttp(await designer.PublishAsync(definitionId, user.Identity!.Name!, ct).ConfigureAwait(false), p => Results.Ok(p)))
            .WithSummary("Publishes the draft as a new version (400 naming each problem if it fails the check). Running instances keep their version.")
            .AddEndpointFilter(SyncCronTriggersAfter);

        group.MapPost("/definitions/{definitionId}/retract", async (string definitionId, DesignerService designer, CancellationToken ct) =>
            ToHttp(await designer.RetractAsync(definitionId, ct).ConfigureAwait(false), _ => Results.NoContent()))
            .WithSummary("No version is published any more: no new instance starts; running ones go on.")
            .AddEndpointFilter(SyncCronTriggersAfter);

        group.MapPost("/definitions/{definitionId}/revert/{version:int}", async (string definitionId, int version, ClaimsPrincipal user, DesignerService designer, CancellationToken ct) =>
            ToHttp(await designer.RevertAsync(definitionId, version, user.Identity!.Name!, ct).ConfigureAwait(false), Results.Ok))
            .WithSummary("Makes an old version the draft, to publish again.");

        group.MapGet("/definitions/{definitionId}/versions/{version:int}", async (string definitionId, int version, DesignerService designer, CancellationToken ct) =>
            await designer.FindVersionAsync(definitionId, version, ct).ConfigureAwait(false) is { } definition
                ? Results.Text(ElsaJsonWriter.Write(definition), MediaTypeNames.Application.Json, Encoding.UTF8)
                : Results.Problem($"Không có phiên bản {version}.", statusCode: 404))
            .WithSummary("One version's Elsa 3 JSON.");

        group.MapGet("/definitions/{definitionId}/diff", async (string definitionId, int from, int to, bool? layout, DesignerService designer, CancellationToken ct) =>
            ToHttp(await designer.DiffAsync(definitionId, from, to, layout ?? false, ct).ConfigureAwait(false), Results.Ok))
            .WithSummary("Activities and connections added, removed and changed between two versions (moves only with layout=true).");

        group.MapGet("/definitions/{definitionId}/export", async (string definitionId, DesignerService designer, CancellationToken ct) =>
            await designer.CurrentAsync(definitionId, ct).ConfigureAwait(false) is { } definition
                ? Results.File(Encoding.UTF8.GetBytes(ElsaJsonWriter.Write(definition)), MediaTypeNames.Application.Json, $"{definitionId}.json")
                : NotFound(definitionId))
            .WithSummary("The definition (draft, else published) as an Elsa 3 JSON file.");

        group.MapPost("/import", async (JsonObject file, ClaimsPrincipal user, DesignerService designer, CancellationToken ct) =>
            ToHttp(await designer.ImportAsync(file, user.Identity!.Name!, ct).ConfigureAwait(false),
                r => Results.Ok(new { r.DefinitionId, r.Saved.Revision, r.Saved.Problems })))
            .WithSummary("Imports an Elsa 3 file as the draft of its definition; unknown activity types and keys are kept.");

        group.MapPost("/definitions/{definitionId}/start", async (string definitionId, StartRequest request, DesignerService designer, IWorkflowRuntime runtime, CancellationToken ct) =>
            ToHttp(await designer.StartAsync(definitionId, request.Input, runtime, ct).ConfigureAwait(false), id => Results.Ok(new { instanceId = id })))
            .WithSummary("Starts an instance of the published version (a pilot run that waits for people and sends mail).");

        group.MapPost("/definitions/{definitionId}/try", async (string definitionId, TrialRequest request, DesignerService designer, CancellationToken ct) =>
            ToHttp(await designer.TryAsync(definitionId, request, ct).ConfigureAwait(false), Results.Ok))
            .WithSummary("Runs the drawing in memory with sample input and chosen outcomes; answers the path taken and the lines written.");
    }

    private static IResult MissingDefinition() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["definition"] = ["Thiếu quy trình (trường definition)."] });

    // What is published changed: the Cron schedules that start workflows follow at once, not at the next periodic sync.
    private static async ValueTask<object?> SyncCronTriggersAfter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
            context.HttpContext.RequestServices.GetService<IBackgroundJobClient>()?
                .Enqueue<Scheduling.Timers.CronTriggers>(c => c.SyncAsync(CancellationToken.None));
        return result;
    }

    private static IResult NotFound(string definitionId) => Results.Problem($"Không có quy trình “{definitionId}”.", statusCode: 404);

    private static IResult ToHttp<T>(DesignerResult<T> result, Func<T, IResult> ok)
    {
        if (result.Status == 200) return ok(result.Value!);
        if (result.Problems is { Count: > 0 } problems)
        {
            var errors = problems.GroupBy(p => p.ActivityId is null ? "definition" : p.Field is null ? p.ActivityId : $"{p.ActivityId}.{p.Field}")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return Results.ValidationProblem(errors, result.Message, statusCode: result.Status, extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        // Every other refusal of the designer's input concerns the definition sent as a whole.
        if (result.Status == StatusCodes.Status400BadRequest)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["definition"] = [result.Message ?? "Quy trình chưa hợp lệ."] }, result.Message);
        return Results.Problem(result.Message, statusCode: result.Status);
    }

    // JSON writes cannot come from a cross-site form (content type), but publish and retract have no body: every
    // write carries the page's antiforgery token in the RequestVerificationToken header.
    private const string AntiforgeryHeader = "RequestVerificationToken";

    private static async ValueTask<object?> RequireAntiforgeryOnWrites(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                const string expired = "Phiên làm việc của trang đã hết hạn: tải lại trang rồi làm lại.";
                return Results.ValidationProblem(new Dictionary<string, string[]> { [AntiforgeryHeader] = [expired] }, expired);
            }
        }

        return await next(context).ConfigureAwait(false);
    }
}
