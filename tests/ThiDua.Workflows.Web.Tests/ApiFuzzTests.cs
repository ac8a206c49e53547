using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// A host of its own: the fuzz run counts rows, so no other test's background work may add any meanwhile. Its
/// request limit is 1 MB, so the limit's answers are tested without sending the production 64 MB.
/// </summary>
public sealed class FuzzWebHost : WebHost
{
    public const int MaxRequestBytes = 1024 * 1024;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Workflows:Web:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzWebHost>
{
    public const string Name = "WebFuzz";
}

/// <summary>
/// Every operation of <c>/openapi/v1.json</c> gets malformed bodies, wrong types, out-of-range and unknown values
/// generated from its schema: never a 5xx; a 400 is a ProblemDetails naming at least one field; and an operation
/// whose every fuzzed request was refused left no new row in the domain's tables.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class ApiFuzzTests(FuzzWebHost host, ITestOutputHelper output)
{
    // Tables a request writes to; the store's journal, outbox, mail and audit tables also move with background work.
    private static readonly string[] DomainTables =
    [
        "Attachments", "AttachmentContents", "BallotReceipts", "Campaigns", "CampaignPhases", "Commendations", "CouncilSeats",
        "CouncilSessionItems", "CouncilSessionMembers", "CouncilSessions", "Decisions", "Delegations", "EligibilityHolds",
        "Nominations", "Objections", "People", "ProvinceSubmissions", "Units", "UserRoles", "Users", "WorkflowDefinitionDrafts",
        "WorkflowDefinitions", "WorkflowInstances",
    ];

    // Sign-out and the public opinion form are pages' forms, not API operations.
    private static readonly string[] NotApi = ["/account/logout", "/public-posting/{id}"];

    private static readonly string[] Users = ["vanphong", "admin", "chutich", "thuky", "thon1"];

    [Fact]
    public async Task EveryOperation_RefusesBadInputWithAProblemNamingAField_NeverA500_AndSavesNothing()
    {
        var anonymous = host.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        var operations = document["paths"]!.AsObject()
            .Where(p => !NotApi.Contains(p.Key))
            .SelectMany(p => p.Value!.AsObject().Select(o => new Operation(o.Key.ToUpperInvariant(), p.Key, o.Value!)))
            .ToList();
        Assert.True(operations.Count > 50, $"only {operations.Count} operations in the OpenAPI document");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in Users)
        {
            clients[user] = await host.SignedInAsync(user);
            // The designer's writes carry the page's antiforgery token; without it they stop before binding.
            if (user is "vanphong" or "admin") await ThiDua.Workflows.Testing.DesignerPublishing.CarryAntiforgeryAsync(clients[user]);
        }
        await QuietAsync();

        var failures = new List<string>();
        var requests = 0;
        foreach (var operation in operations)
        {
            var client = await ClientForAsync(operation, clients, schemas);
            var before = await CountRowsAsync();
            var allRefused = true;
            // Seeded, so a CI run is repeatable; THIDUA_FUZZ_SEED explores other inputs.
            var seeds = Enumerable.Range(0, 4).Select(i => BaseSeed ^ StableHash(operation.Method + operation.Path) ^ (i * 7919)).ToArray();
            for (var kind = 0; kind < Mutations; kind++)
            {
                foreach (var seed in seeds)
                {
                    var request = Build(operation, schemas, kind, new Random(seed ^ kind));
                    if (request is null) continue;
                    requests++;
                    using var response = await client.SendAsync(request.Value.Message);
                    var body = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    if (status < 400) allRefused = false;
                    var problem = Check(status, response.Content.Headers.ContentType?.MediaType, body);
                    if (problem is not null) failures.Add($"{operation.Method} {operation.Path} [{request.Value.What}, seed {BaseSeed}] → {status}: {problem}\n   sent: {Cut(request.Value.Body)}\n   got: {Cut(body)}");
                }
            }

            if (allRefused && Diff(before, await CountRowsAsync()) is { Length: > 0 } added)
                failures.Add($"{operation.Method} {operation.Path}: every request was refused, yet rows were added ({added})");
        }

        output.WriteLine($"{operations.Count} operations, {requests} requests, {failures.Count} failures (seed {BaseSeed})");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(25)));
    }

    [Fact]
    public async Task ABodyOverTheLimit_GetsTheProductsMessage_FromTheApiAndFromAPageForm()
    {
        var office = await host.SignedInAsync("vanphong");
        var big = new string('x', FuzzWebHost.MaxRequestBytes + 1);
        var api = await office.PostAsync("/api/nominations", new StringContent($"{{\"achievementSummary\":\"{big}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        Assert.Contains("vượt giới hạn 1 MB", problem["errors"]!["body"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var admin = await host.SignedInAsync("admin");
        var page = await admin.GetStringAsync("/settings/users");
        var form = await admin.PostAsync("/settings/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageForms.Token(page), ["_handler"] = "create", ["userName"] = "qua.lon", ["displayName"] = big,
        }));
        Assert.Equal("/error/413", form.Headers.Location?.OriginalString);
        var html = await PageForms.FollowAsync(admin, form);
        Assert.Contains("Dữ liệu gửi lên quá lớn", html);
        Assert.Contains("vượt giới hạn 1 MB", html);
        Assert.DoesNotContain("qua.lon", await admin.GetStringAsync("/settings/users"));
    }

    private const int Mutations = 7;

    private static readonly int BaseSeed = int.TryParse(Environment.GetEnvironmentVariable("THIDUA_FUZZ_SEED"), out var seed) ? seed : 20261130;

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private sealed record Operation(string Method, string Path, JsonNode Spec)
    {
        public JsonNode? BodySchema => Spec["requestBody"]?["content"]?["application/json"]?["schema"];

        public IEnumerable<JsonNode> Parameters => Spec["parameters"]?.AsArray().Where(p => p is not null).Select(p => p!) ?? [];
    }

    // A 400 must be a ProblemDetails with the fields named; nothing may be a 5xx.
    private static string? Check(int status, string? mediaType, string body)
    {
        if (status >= 500) return "a server error";
        if (status != 400) return null;
        if (mediaType != "application/problem+json") return $"400 as {mediaType}, not a ProblemDetails";
        var errors = JsonNode.Parse(body)?["errors"] as JsonObject;
        return errors is { Count: > 0 } ? null : "a 400 that names no field";
    }

    private async Task<HttpClient> ClientForAsync(Operation operation, Dictionary<string, HttpClient> clients, JsonObject schemas)
    {
        // The first demo user this operation does not turn away, so the fuzzing reaches its binding and validation.
        foreach (var user in Users)
        {
            var probe = Build(operation, schemas, kind: -1, new Random(1))!.Value.Message;
            using var response = await clients[user].SendAsync(probe);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)) return clients[user];
        }

        return clients[Users[0]];
    }

    private static (HttpRequestMessage Message, string What, string Body)? Build(Operation operation, JsonObject schemas, int kind, Random random)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var type = TypeOf(parameter["schema"]);
            var value = kind is 1 or 2 && random.Next(2) == 0 ? BadScalar(type, random) : GoodScalar(type);
            if (parameter["in"]?.GetValue<string>() == "path") path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            else query.Add($"{name}={Uri.EscapeDataString(value)}");
        }

        var url = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var message = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        var schema = Resolve(operation.BodySchema, schemas);
        if (schema is null) return kind is -1 or 1 or 2 ? (message, kind == -1 ? "probe" : "query/path", "") : null;

        var sample = Sample(schema, schemas, 0);
        string body, what;
        switch (kind)
        {
            case -1:
                (body, what) = (sample.ToJsonString(), "probe");
                break;
            case 0: // the text cut short, or a stray character spliced in
                var text = sample.ToJsonString();
                (body, what) = random.Next(2) == 0 ? (text[..random.Next(Math.Max(1, text.Length))], "cut") : (text.Insert(random.Next(text.Length), "\"{,"[random.Next(3)].ToString()), "stray");
                break;
            case 1 or 2: // one property of the wrong type, or out of range
                (body, what) = (Mutate(sample, schema, schemas, random, outOfRange: kind == 2), kind == 1 ? "wrong type" : "out of range");
                break;
            case 3: // not an object at all
                (body, what) = (new[] { "[]", "\"chuỗi\"", "42", "null", "true" }[random.Next(5)], "wrong root");
                break;
            case 4: // an unknown value where the schema lists the allowed ones, or text where a number is due
                (body, what) = (Mutate(sample, schema, schemas, random, outOfRange: false, unknownEnum: true), "unknown value");
                break;
            case 5: // nested beyond any sane depth
                (body, what) = (new string('[', 200) + new string(']', 200), "too deep");
                break;
            default: // oversize text in every string property
                (body, what) = (Oversize(sample, schema, schemas), "oversize text");
                break;
        }

        message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return (message, what, body);
    }

    private static JsonObject? Resolve(JsonNode? schema, JsonObject schemas)
    {
        if (schema?["$ref"]?.GetValue<string>() is { } reference) return schemas[reference.Split('/')[^1]] as JsonObject;
        return schema as JsonObject;
    }

    private static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t is not ("null" or "string")) ?? "string",
        JsonValue value => value.GetValue<string>(),
        _ => schema?["$ref"] is not null ? "object" : "string",
    };

    private static string GoodScalar(string type) => type switch { "integer" => "1", "number" => "1.5", "boolean" => "true", _ => "khong-co" };

    private static string BadScalar(string type, Random random) => type switch
    {
        "integer" or "number" => new[] { "abc", "99999999999999999999", "1e400", "-", "0x10" }[random.Next(5)],
        "boolean" => new[] { "maybe", "2", "" }[random.Next(3)],
        _ => new[] { new string('x', 5000), "../../etc/passwd", "%", "\u00a0\u200b" }[random.Next(4)],
    };

    private static JsonNode Sample(JsonObject schema, JsonObject schemas, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = Resolve(property, schemas);
            result[name] = SampleValue(resolved, schemas, depth);
        }

        return result;
    }

    private static JsonNode? SampleValue(JsonObject? schema, JsonObject schemas, int depth)
    {
        if (schema?["enum"] is JsonArray values && values.Count > 0) return values[0]?.DeepClone();
        return TypeOf(schema) switch
        {
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "array" => new JsonArray(),
            "object" when depth < 3 && schema is not null => Sample(schema, schemas, depth + 1),
            "object" => new JsonObject(),
            _ => schema?["format"]?.GetValue<string>() switch { "date" => "2026-05-05", "date-time" => "2026-05-05T08:00:00+07:00", _ => "x" },
        };
    }

    private static string Mutate(JsonNode sample, JsonObject schema, JsonObject schemas, Random random, bool outOfRange, bool unknownEnum = false)
    {
        var properties = (schema["properties"]?.AsObject() ?? []).ToList();
        if (properties.Count == 0) return outOfRange ? "{\"khongCo\":1e400}" : "{\"khongCo\":[}";
        var (name, property) = properties[random.Next(properties.Count)];
        var resolved = Resolve(property, schemas);
        var type = TypeOf(resolved);
        JsonNode? value = (outOfRange, unknownEnum, type) switch
        {
            (_, true, _) when resolved?["enum"] is not null => "KhongCo",
            (_, true, _) => type is "integer" or "number" ? "mười" : (JsonNode)new JsonArray(1, 2),
            (true, _, "integer") => new[] { 2147483648m, -2147483649m, 9999999999999999999m, -1m, 0m }[random.Next(5)],
            (true, _, "number") => new[] { 1e300, -1e300, -1, 0 }[random.Next(4)],
            (true, _, _) when resolved?["format"]?.GetValue<string>() is "date" or "date-time" => new[] { "2026-13-45", "0000-00-00", "hôm qua" }[random.Next(3)],
            (true, _, _) => new string('đ', 100_000),
            (false, _, "integer" or "number") => new[] { (JsonNode)"abc", true, new JsonObject() }[random.Next(3)],
            (false, _, "boolean") => new[] { (JsonNode)"có", 2, new JsonArray() }[random.Next(3)],
            (false, _, "array") => new[] { (JsonNode)"x", 1, new JsonObject() }[random.Next(3)],
            (false, _, "object") => new[] { (JsonNode)"x", 1, new JsonArray() }[random.Next(3)],
            _ => new[] { (JsonNode)123, true, new JsonObject(), new JsonArray() }[random.Next(4)],
        };
        var copy = sample.DeepClone().AsObject();
        copy[name] = value;
        return copy.ToJsonString();
    }

    private static string Oversize(JsonNode sample, JsonObject schema, JsonObject schemas)
    {
        var copy = sample.DeepClone().AsObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            if (TypeOf(Resolve(property, schemas)) == "string" && Resolve(property, schemas)?["enum"] is null) copy[name] = new string('ư', 300_000);
        return copy.ToJsonString();
    }

    private async Task<Dictionary<string, long>> CountRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "workflows.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in DomainTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }

    // The demo data's workflows settle after start-up; counting starts once nothing moves for three seconds.
    private async Task QuietAsync()
    {
        var last = await CountRowsAsync();
        var stableSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(3) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var now = await CountRowsAsync();
            if (Diff(last, now).Length > 0) (last, stableSince) = (now, DateTime.UtcNow);
        }
    }

    private static string Diff(Dictionary<string, long> before, Dictionary<string, long> after) =>
        string.Join(", ", after.Where(a => before[a.Key] != a.Value).Select(a => $"{a.Key} {before[a.Key]} → {a.Value}"));

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
