using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Template;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Web.Hosting;

/// <summary>The published workflows an HTTP request can start: their Elsa.HttpEndpoint triggers, read once per version.</summary>
public sealed class HttpWorkflowTriggers(IDefinitionStore definitions)
{
    private readonly ConcurrentDictionary<string, (WorkflowDefinition Definition, IReadOnlyList<HttpTrigger> Triggers)> _byVersion = new(StringComparer.Ordinal);

    /// <summary>Published definitions with a starting endpoint for this path and method that the caller may use.</summary>
    public async Task<IReadOnlyList<(WorkflowDefinition Definition, HttpTrigger Trigger)>> FindAsync(
        string path, string method, bool signedIn, CancellationToken cancellationToken = default) =>
        (await PublishedAsync(cancellationToken).ConfigureAwait(false))
            .SelectMany(e => e.Triggers.Select(t => (e.Definition, Trigger: t)))
            .Where(x => x.Trigger.Path == path && x.Trigger.Methods.Contains(method) && (!x.Trigger.Authorize || signedIn))
            .ToList();

    // The published versions with their triggers; each version is read and indexed once.
    private async Task<List<(WorkflowDefinition Definition, IReadOnlyList<HttpTrigger> Triggers)>> PublishedAsync(CancellationToken cancellationToken)
    {
        var published = new List<(WorkflowDefinition, IReadOnlyList<HttpTrigger>)>();
        foreach (var version in await definitions.ListPublishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!_byVersion.TryGetValue(version.Id, out var entry))
            {
                var definition = await definitions.FindVersionAsync(version.Id, cancellationToken).ConfigureAwait(false);
                if (definition is null) continue;
                entry = _byVersion.GetOrAdd(version.Id, (definition, HttpEndpoint.Triggers(definition).ToList()));
            }

            published.Add(entry);
        }

        return published;
    }

    /// <summary>The route templates (<c>users/{userid}</c>) of the published triggers for this method.</summary>
    public async Task<IReadOnlyList<string>> TemplatesAsync(string method, bool signedIn, CancellationToken cancellationToken = default) =>
        (await PublishedAsync(cancellationToken).ConfigureAwait(false)).SelectMany(e => e.Triggers)
            .Where(t => HttpEndpoint.IsTemplate(t.Path) && t.Methods.Contains(method) && (!t.Authorize || signedIn))
            .Select(t => t.Path).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>
/// <c>/workflows/{path}</c>: requests for Elsa.HttpEndpoint activities. A request resumes the one instance waiting at
/// that path (or route template) and method, narrowed by <c>?correlationId=</c>; when none waits, it starts the one
/// published workflow whose endpoint can start it; several candidates answer 409. The answer is what the workflow
/// wrote with Elsa.WriteHttpResponse.
/// </summary>
public static partial class WorkflowHttpEndpoints
{
    public const string BasePath = "/workflows";

    /// <summary>The longest <c>?correlationId=</c> (the store indexes correlation ids of this length).</summary>
    public const int MaxCorrelationIdLength = 256;

    /// <summary>The rate limit of the anonymous workflow endpoints (per client address).</summary>
    public const string RateLimitPolicy = "workflow-http";

    /// <summary>The largest request body a workflow endpoint reads.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    // Request headers handed to the workflow (and kept with its outputs): a few descriptive ones, never cookies,
    // credentials, tokens or proxy headers.
    private static readonly HashSet<string> PassedHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Accept", "Accept-Language", "Content-Type", "Content-Length", "User-Agent", "Origin", "Referer" };

    // Response headers a workflow may not set: the site's own security headers and cookies.
    private static readonly HashSet<string> ProtectedHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Set-Cookie", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Strict-Transport-Security", "Referrer-Policy" };

    public static void MapWorkflowHttpEndpoints(this WebApplication app)
    {
        app.MapMethods(BasePath + "/{**path}", ["GET", "POST", "PUT", "PATCH", "DELETE"], HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy)
            .ExcludeFromDescription();
    }

    private static async Task<IResult> HandleAsync(string? path, HttpContext http, IWorkflowRuntime runtime, IWorkflowStore store,
        HttpWorkflowTriggers triggers, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var normalized = HttpEndpoint.NormalizePath(path);
        if (normalized is null) return NoEndpoint();
        var method = http.Request.Method.ToUpperInvariant();
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var correlationId = http.Request.Query["correlationId"].FirstOrDefault();
        if (correlationId is { Length: > MaxCorrelationIdLength })
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["correlationId"] = [$"Mã liên kết dài quá {MaxCorrelationIdLength} ký tự."] });
        var request = await ReadRequestAsync(http, normalized, method, cancellationToken).ConfigureAwait(false);
        if (request is null)
            return Results.Problem($"Nội dung yêu cầu vượt quá {MaxBodyBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge);

        var log = logs.CreateLogger(typeof(WorkflowHttpEndpoints));
        var dispatch = await DispatchAsync(normalized, method, signedIn, correlationId, request, runtime, store, triggers, log, cancellationToken).ConfigureAwait(false);
        if (dispatch is { Run: null, IsAmbiguous: false })
        {
            // No endpoint at this exact path: try the route templates that wait or start workflows.
            foreach (var template in await TemplatesAsync(method, signedIn, correlationId, store, triggers, cancellationToken).ConfigureAwait(false))
            {
                if (MatchTemplate(template, normalized) is not { } routeData) continue;
                request["routeData"] = routeData;
                dispatch = await DispatchAsync(template, method, signedIn, correlationId, request, runtime, store, triggers, log, cancellationToken).ConfigureAwait(false);
                if (dispatch.Run is not null || dispatch.IsAmbiguous) break;
            }
        }

        if (dispatch.IsAmbiguous)
            return Results.Problem("Nhiều phiên chạy cùng chờ yêu cầu tại địa chỉ này: thêm ?correlationId= để chọn một.", statusCode: StatusCodes.Status409Conflict);
        if (dispatch.Run is not { } run) return NoEndpoint();
        var response = run.Responses.Count > 0 ? run.Responses[0] : null;
        if (response is null)
            return run.Status == WorkflowStatus.Faulted
                ? Results.Problem("Quy trình gặp lỗi khi xử lý yêu cầu.", statusCode: StatusCodes.Status500InternalServerError)
                : Results.NoContent();
        return new WorkflowResponse(response);
    }

    // Resumes the one instance waiting at this path (or template) and method; when none waits, starts the one published
    // workflow this endpoint triggers (the request goes to its endpoint in the same burst, never through a public wait).
    // More than one candidate is ambiguous, as in Elsa: the caller must name the instance with ?correlationId=.
    private static async Task<Dispatch> DispatchAsync(string path, string method, bool signedIn, string? correlationId, JsonObject request,
        IWorkflowRuntime runtime, IWorkflowStore store, HttpWorkflowTriggers triggers, ILogger log, CancellationToken cancellationToken)
    {
        var waiting = new List<Bookmark>();
        foreach (var authorized in signedIn ? new[] { false, true } : [false])
            waiting.AddRange(await store.FindBookmarksAsync(
                new BookmarkQuery(Hash: HttpEndpoint.Stimulus(path, method, authorized).Hash, CorrelationId: correlationId, Limit: 2), cancellationToken).ConfigureAwait(false));
        if (waiting.Count > 1) return Dispatch.Ambiguous;
        if (waiting.Count == 1)
        {
            var resumed = await runtime.ResumeAsync(waiting[0].Id, request, cancellationToken).ConfigureAwait(false);
            return resumed.Run is { } run ? new Dispatch(run) : Dispatch.None;
        }

        var starting = await triggers.FindAsync(path, method, signedIn, cancellationToken).ConfigureAwait(false);
        if (starting.Count > 1) return Dispatch.Ambiguous;
        if (starting.Count == 0) return Dispatch.None;
        var (definition, trigger) = starting[0];
        var started = await runtime.StartAsync(definition, new StartOptions(CorrelationId: correlationId, TriggerActivityId: trigger.ActivityId, TriggerInput: request),
            cancellationToken).ConfigureAwait(false);
        WorkflowStarted(log, definition.DefinitionId, started.InstanceId, path);
        return new Dispatch(started);
    }

    /// <summary>What a request reached: one run, nothing, or several candidates.</summary>
    private sealed record Dispatch(WorkflowRunResult? Run, bool IsAmbiguous = false)
    {
        public static readonly Dispatch None = new((WorkflowRunResult?)null);

        public static readonly Dispatch Ambiguous = new(null, IsAmbiguous: true);
    }

    // Templates of waiting endpoints (narrowed by correlation) and of published triggers, for this method.
    private static async Task<IReadOnlyList<string>> TemplatesAsync(string method, bool signedIn, string? correlationId, IWorkflowStore store,
        HttpWorkflowTriggers triggers, CancellationToken cancellationToken)
    {
        var waiting = await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: correlationId, Limit: 10_000, Name: HttpEndpoint.TypeName), cancellationToken).ConfigureAwait(false);
        return waiting
            .Where(b => b.Payload["method"]?.GetValue<string>() == method && (signedIn || b.Payload["authorize"] is null))
            .Select(b => b.Payload["path"]?.GetValue<string>() ?? "")
            .Where(HttpEndpoint.IsTemplate)
            .Concat(await triggers.TemplatesAsync(method, signedIn, cancellationToken).ConfigureAwait(false))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The values of a route template's parameters when <paramref name="path"/> matches it; null otherwise.</summary>
    public static JsonObject? MatchTemplate(string template, string path)
    {
        RouteTemplate parsed;
        try
        {
            parsed = TemplateParser.Parse(template);
        }
        catch (ArgumentException)
        {
            return null; // a malformed template in a file matches nothing
        }

        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(parsed, new RouteValueDictionary()).TryMatch("/" + path, values)) return null;
        var data = new JsonObject();
        foreach (var (key, value) in values) data[key] = value?.ToString();
        return data;
    }

    private static IResult NoEndpoint() =>
        Results.Problem("Không có quy trình nào nhận yêu cầu tại địa chỉ này.", statusCode: StatusCodes.Status404NotFound);

    // The request as the workflow sees it (the HttpEndpoint outputs); null when the body is over the limit.
    private static async Task<JsonObject?> ReadRequestAsync(HttpContext http, string path, string method, CancellationToken cancellationToken)
    {
        var query = new JsonObject();
        foreach (var (key, value) in http.Request.Query)
            if (key != "correlationId") query[key] = value.ToString();
        var headers = new JsonObject();
        foreach (var (key, value) in http.Request.Headers)
            if (PassedHeaders.Contains(key)) headers[key] = value.ToString();

        JsonNode? body = null;
        if (http.Request.ContentLength is > MaxBodyBytes) return null;
        if (http.Request.ContentLength is > 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }

            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            body = ParseBody(text, http.Request.ContentType);
        }

        return new JsonObject { ["method"] = method, ["path"] = path, ["query"] = query, ["headers"] = headers, ["body"] = body };
    }

    // JSON bodies are parsed (the parsedContent output); anything else is kept as text.
    private static JsonNode? ParseBody(string text, string? contentType)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return JsonValue.Create(text);
    }

    /// <summary>Writes what Elsa.WriteHttpResponse set: status, content type, extra headers, body.</summary>
    private sealed class WorkflowResponse(JsonObject response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var http = httpContext.Response;
            http.StatusCode = response["statusCode"]?.GetValue<int>() ?? StatusCodes.Status200OK;
            if (response["headers"] is JsonObject headers)
                foreach (var (name, value) in headers)
                    if (value is not null && !ProtectedHeaders.Contains(name)) http.Headers[name] = value.ToString();
            http.ContentType = response["contentType"]?.GetValue<string>() ?? "text/plain; charset=utf-8";
            if (response["content"]?.GetValue<string>() is { } content)
                await http.WriteAsync(content, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "HTTP request started workflow {DefinitionId} as instance {WorkflowInstanceId} at /workflows/{Path}")]
    private static partial void WorkflowStarted(ILogger logger, string definitionId, string workflowInstanceId, string path);
}
