using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>
/// A point where an instance waits. <see cref="Hash"/> = SHA-256 of <c>name|canonical payload|activity instance?</c>
/// (Elsa's scheme), so a stimulus finds the waiting instances without knowing their ids.
/// </summary>
public sealed class Bookmark
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string ActivityInstanceId { get; set; }

    public required string ActivityNodePath { get; set; }

    public required string ActivityId { get; set; }

    /// <summary>The stimulus name, e.g. <c>Elsa.Event</c>, <c>Elsa.Delay</c>, <c>ThiDua.UserTask</c>.</summary>
    public required string Name { get; set; }

    public required string Hash { get; set; }

    public JsonObject Payload { get; set; } = [];

    public string? CorrelationId { get; set; }

    /// <summary>For timer bookmarks: when the runtime should resume it.</summary>
    public DateTimeOffset? ResumeAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Something that happened outside, to be matched against bookmarks: a name and a payload.</summary>
public sealed record Stimulus(string Name, JsonObject Payload)
{
    /// <summary>An <c>Elsa.Event</c> stimulus for the named event.</summary>
    public static Stimulus Event(string eventName) => new("Elsa.Event", new JsonObject { ["EventName"] = eventName });

    public string Hash => StimulusHasher.Hash(Name, Payload, null);
}

public static class StimulusHasher
{
    public static string Hash(string name, JsonObject payload, string? activityInstanceId)
    {
        var text = name + "|" + Canonical(payload) + (activityInstanceId is null ? "" : "|" + activityInstanceId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>JSON with keys sorted and nulls dropped, so equal payloads hash equally.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonValue.Create(p.Key)!.ToJsonString() + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
