using System.Text.Json;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>Small Elsa 3 workflows for the store tests.</summary>
internal static class Workflows
{
    public static string WriteLine(string id, string text) =>
        $$"""{ "id": "{{id}}", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": {{JsonSerializer.Serialize(text)}} } } }""";

    public static string Event(string id, string name) =>
        $$"""{ "id": "{{id}}", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "{{name}}" } } }""";

    public static string Activity(string id, string type) => $$"""{ "id": "{{id}}", "type": "{{type}}" }""";

    /// <summary>A straight line of activities, connected in order.</summary>
    public static string Chain(string definitionId, string versionId, params string[] activities)
    {
        var ids = activities.Select(a => JsonDocument.Parse(a).RootElement.GetProperty("id").GetString()!).ToList();
        var connections = ids.Zip(ids.Skip(1), (from, to) =>
            $$"""{ "source": { "activity": "{{from}}", "port": "Done" }, "target": { "activity": "{{to}}", "port": "In" } }""");
        return $$"""
            {
              "id": "{{versionId}}", "definitionId": "{{definitionId}}", "name": "{{definitionId}}", "version": 1,
              "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
                "activities": [ {{string.Join(",", activities)}} ],
                "connections": [ {{string.Join(",", connections)}} ] }
            }
            """;
    }
}
