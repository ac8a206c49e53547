using System.Net;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.WriteHttpResponse: answers the HTTP request that resumed this burst with <c>statusCode</c> (a number or a
/// name such as <c>OK</c>), <c>content</c>, <c>contentType</c> and <c>responseHeaders</c>. Without a request waiting
/// (a later burst) the response goes nowhere, as in Elsa.
/// </summary>
[Activity(TypeName, Category = "HTTP", DisplayName = "HTTP Response", Description = "Answers the HTTP request.")]
public sealed class WriteHttpResponse : IActivity
{
    public const string TypeName = "Elsa.WriteHttpResponse";

    public static readonly Input<JsonNode> StatusCode = new("statusCode", null, "The status, e.g. 200 or OK.");
    public static readonly Input<JsonNode> Content = new("content", null, "The body: text, or a value sent as JSON.");
    public static readonly Input<string> ContentType = new("contentType", null, "The content type; text/plain for text and application/json otherwise when empty.");
    public static readonly Input<JsonNode> ResponseHeaders = new("responseHeaders", null, "Extra headers (an object of names and values).");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        var content = context.Get(Content);
        var isText = content is JsonValue v && v.TryGetValue(out string? _);
        var contentType = context.Get(ContentType);
        context.Respond(new JsonObject
        {
            ["statusCode"] = Status(context.Get(StatusCode), context.Node.Id),
            ["content"] = isText ? content!.GetValue<string>() : content?.ToJsonString(),
            ["contentType"] = string.IsNullOrWhiteSpace(contentType) ? (isText ? "text/plain; charset=utf-8" : "application/json") : contentType,
            ["headers"] = context.Get(ResponseHeaders) is JsonObject headers ? headers.DeepClone() : null,
        });
        context.Complete();
        return ValueTask.CompletedTask;
    }

    private static int Status(JsonNode? value, string activityId) => Checked(value switch
    {
        null => 200,
        JsonValue v when v.TryGetValue(out int code) => code,
        JsonValue v when v.TryGetValue(out string? text) && int.TryParse(text, out var number) => number,
        JsonValue v when v.TryGetValue(out string? text) && Enum.TryParse<HttpStatusCode>(text, ignoreCase: true, out var named) => (int)named,
        _ => throw new InvalidOperationException($"HTTP response '{activityId}': '{value.ToJsonString()}' is not an HTTP status."),
    }, activityId);

    private static int Checked(int status, string activityId) => status is >= 100 and <= 599
        ? status
        : throw new InvalidOperationException($"HTTP response '{activityId}': {status} is not an HTTP status (100–599).");
}
