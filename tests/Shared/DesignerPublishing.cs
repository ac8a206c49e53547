using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Testing;

/// <summary>
/// Draws a flowchart through the designer API and publishes it, as the office does in the browser (the client must
/// carry the designer page's antiforgery header). Shared by the web tests and the load harness (linked source).
/// </summary>
internal static partial class DesignerPublishing
{
    /// <summary>The request header the designer's script sends its page's antiforgery token in.</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";

    /// <summary>Opens the designer page and makes the client's writes carry its token, as the script does; returns the token.</summary>
    public static async Task<string> CarryAntiforgeryAsync(HttpClient client, string page = "/designer/nomination-commune")
    {
        var token = System.Net.WebUtility.HtmlDecode(AntiforgeryAttribute().Match(await client.GetStringAsync(page)).Groups[1].Value);
        if (token.Length > 0) client.DefaultRequestHeaders.Add(AntiforgeryHeader, token);
        return token;
    }

    [System.Text.RegularExpressions.GeneratedRegex("data-antiforgery=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryAttribute();

    public static JsonObject Literal(string type, string value) =>
        new() { ["typeName"] = type, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    public static JsonObject Actions(params string[] actions) =>
        new() { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = JsonSerializerArray(actions) } };

    public static JsonObject Connect(string from, string port, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
    };

    /// <summary>Creates the definition, saves the flowchart as its draft and publishes it; returns its id.</summary>
    public static async Task<string> PublishFlowchartAsync(HttpClient office, string name, JsonArray activities, JsonArray connections)
    {
        using var created = await office.PostAsJsonAsync("/api/designer/definitions", new { name });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["definitionId"]!.GetValue<string>();
        var revision = (await office.GetFromJsonAsync<JsonObject>($"/api/designer/definitions/{id}"))!["draftRevision"]!.GetValue<long>();
        var definition = new JsonObject
        {
            ["definitionId"] = id,
            ["name"] = name,
            ["root"] = new JsonObject { ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
        };
        using var saved = await office.PutAsJsonAsync($"/api/designer/definitions/{id}/draft", new { definition, revision, baseVersion = 0 });
        saved.EnsureSuccessStatusCode();
        using var published = await office.PostAsync($"/api/designer/definitions/{id}/publish", null);
        if (!published.IsSuccessStatusCode) throw new InvalidOperationException("publish: " + await published.Content.ReadAsStringAsync());
        return id;
    }

    private static string JsonSerializerArray(string[] values) => new JsonArray([.. values.Select(v => (JsonNode)v)]).ToJsonString();
}
