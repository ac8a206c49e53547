using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.HttpEndpoint: waits for an HTTP request to <c>path</c> with one of <c>supportedMethods</c> (default GET). The
/// host routes <c>/workflows/{path}</c> to it: a waiting instance is resumed (narrowed by <c>?correlationId=</c>), and a
/// published workflow whose endpoint can start it (<c>canStartWorkflow</c>) is started. A path may be a route
/// template (<c>users/{userid}</c>) whose values become <c>routeData</c>. The request becomes the outputs
/// <c>queryStringData</c>, <c>headers</c>, <c>parsedContent</c>, <c>routeData</c> and <c>result</c>.
/// </summary>
[Activity(TypeName, Category = "HTTP", DisplayName = "HTTP Endpoint", Description = "Waits for an HTTP request.")]
public sealed class HttpEndpoint : IActivity
{
    public const string TypeName = "Elsa.HttpEndpoint";

    public static readonly Input<string> Path = new("path", null, "The path under /workflows, e.g. 'hello'.");
    public static readonly Input<JsonNode> SupportedMethods = new("supportedMethods", null, "The HTTP methods, e.g. [\"GET\"].");
    public static readonly Input<bool> Authorize = new("authorize", false, "Only signed-in users may call it.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        // The request that started this instance is this endpoint's own: taken at once, never left waiting in public.
        if (context.ConsumeTrigger(out var request))
        {
            Receive(context, request);
            return ValueTask.CompletedTask;
        }

        var path = NormalizePath(context.Get(Path))
            ?? throw new InvalidOperationException($"HTTP endpoint '{context.Node.Id}' has no path.");
        var authorize = context.Get(Authorize);
        foreach (var method in Methods(context.Get(SupportedMethods)))
            context.CreateBookmark(TypeName, Payload(path, method, authorize), scopedToActivity: false);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResumeAsync(ActivityContext context, Bookmark bookmark)
    {
        Receive(context, context.ResumeInput ?? []);
        return ValueTask.CompletedTask;
    }

    private static void Receive(ActivityContext context, JsonObject request)
    {
        context.SetOutput("queryStringData", request["query"]?.DeepClone());
        context.SetOutput("headers", request["headers"]?.DeepClone());
        context.SetOutput("parsedContent", request["body"]?.DeepClone());
        // A route template ("users/{userid}") fills routeData with its values; a plain path gives the path.
        context.SetOutput("routeData", request["routeData"]?.DeepClone() ?? new JsonObject { ["path"] = request["path"]?.DeepClone() });
        context.SetOutput("result", request.DeepClone());
        context.Complete();
    }

    /// <summary>
    /// The stimulus a request to <paramref name="path"/> with <paramref name="method"/> sends. An endpoint that needs a
    /// signed-in caller waits on a different stimulus (<paramref name="authorized"/>), so an anonymous request cannot reach it.
    /// </summary>
    public static Stimulus Stimulus(string path, string method, bool authorized = false) =>
        new(TypeName, Payload(NormalizePath(path) ?? "", method, authorized));

    /// <summary>The HTTP endpoints of a definition that start it (<c>canStartWorkflow</c>), with literal path and methods.</summary>
    public static IEnumerable<HttpTrigger> Triggers(Model.WorkflowDefinition definition)
    {
        foreach (var node in definition.Root.Descendants())
        {
            if (node.Type != TypeName || !node.CanStartWorkflow) continue;
            if (NormalizePath(Literal(node, Path.Name)?.ToString()) is not { } path) continue;
            var authorize = Literal(node, Authorize.Name) is JsonValue a && a.TryGetValue(out bool yes) && yes;
            yield return new HttpTrigger(node.Id, path, Methods(Literal(node, SupportedMethods.Name)), authorize);
        }
    }

    // A trigger is indexed without running anything, so only a literal (or Object) input counts.
    private static JsonNode? Literal(Model.ActivityNode node, string input) =>
        InputValue.Read(node.Properties[input]) is { } e && e.Type is Expressions.Expression.LiteralType or Expressions.Expression.ObjectType or Expressions.Expression.JsonType
            ? (e.Type == Expressions.Expression.LiteralType ? e.Value?.DeepClone() : Expressions.ExpressionEvaluator.ParseObject(e.Value))
            : null;

    /// <summary>True for a route template with parameters, e.g. <c>users/{userid}</c>.</summary>
    public static bool IsTemplate(string path) => path.Contains('{', StringComparison.Ordinal);

    /// <summary>"/Hello/" and "hello" are one path: no slashes at the ends, lower case.</summary>
    public static string? NormalizePath(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : path.Trim().Trim('/').ToLowerInvariant();

    /// <summary>The methods of a supportedMethods value (a list or one name), upper case; GET when none.</summary>
    public static IReadOnlyList<string> Methods(JsonNode? value)
    {
        var methods = value switch
        {
            JsonArray array => array.Select(m => m?.ToString()).ToList(),
            JsonValue v when v.TryGetValue(out string? text) && text.TrimStart().StartsWith('[') =>
                (JsonNode.Parse(text) as JsonArray)?.Select(m => m?.ToString()).ToList() ?? [],
            JsonValue v => [v.ToString()],
            _ => [],
        };
        var result = methods.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!.Trim().ToUpperInvariant()).Distinct().ToList();
        return result.Count == 0 ? ["GET"] : result;
    }

    private static JsonObject Payload(string path, string method, bool authorize)
    {
        var payload = new JsonObject { ["path"] = path, ["method"] = method.ToUpperInvariant() };
        if (authorize) payload["authorize"] = true;
        return payload;
    }
}

/// <summary>An HTTP endpoint that starts its workflow: where it listens and whether the caller must be signed in.</summary>
public sealed record HttpTrigger(string ActivityId, string Path, IReadOnlyList<string> Methods, bool Authorize);
