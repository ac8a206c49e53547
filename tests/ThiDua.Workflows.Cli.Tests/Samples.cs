namespace ThiDua.Workflows.Cli.Tests;

/// <summary>Small workflows in Elsa 3 JSON used by the CLI tests.</summary>
internal static class Samples
{
    public static string WriteLine(string id, string text, string type = "Literal") => $$"""
        { "id": "{{id}}", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "{{type}}", "value": {{System.Text.Json.JsonSerializer.Serialize(text)}} } } }
        """;

    public static string Connection(string from, string to, string port = "Done") =>
        $$"""{ "source": { "activity": "{{from}}", "port": "{{port}}" }, "target": { "activity": "{{to}}", "port": "In" } }""";

    public static string Flowchart(string activities, string connections, string variables = "[]") => $$"""
        {
          "id": "v1", "definitionId": "cli-sample", "name": "CLI sample", "version": 1,
          "variables": {{variables}},
          "root": { "id": "Flowchart1", "type": "Elsa.Flowchart", "activities": [ {{activities}} ], "connections": [ {{connections}} ] }
        }
        """;

    public static string WaitForEvent(string eventName) => Flowchart(
        WriteLine("w1", "Chờ phê duyệt") + "," +
        $$"""{ "id": "e1", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "{{eventName}}" } } },""" +
        WriteLine("w2", "Đã phê duyệt"),
        Connection("w1", "e1") + "," + Connection("e1", "w2"));
}
