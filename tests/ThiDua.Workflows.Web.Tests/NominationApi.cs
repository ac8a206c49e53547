using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The public API as each role uses it (signed-in clients of the demo users), plus waiting for the workflow.</summary>
public sealed class NominationApi(WebHost host)
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    public WebHost Host => host;

    public async Task<HttpClient> As(string user)
    {
        if (!_clients.TryGetValue(user, out var client)) _clients[user] = client = await host.SignedInAsync(user);
        return client;
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    public async Task<JsonNode> PostAsync(string user, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await JsonAsync(await (await As(user)).PostAsJsonAsync(url, body), expected);

    public async Task<JsonNode> GetAsync(string user, string url) => await JsonAsync(await (await As(user)).GetAsync(url));

    public async Task<long> NewPersonAsync(string user, string unit, string name) =>
        (await PostAsync(user, "/api/people", new { fullName = name, gender = "Nữ", birthYear = 1990, position = "Cán bộ", unitId = unit, recruitedOn = "2015-01-01" }, HttpStatusCode.Created))["id"]!.GetValue<long>();

    public async Task<JsonNode> CreateAsync(string user, object body) => await PostAsync(user, "/api/nominations", body, HttpStatusCode.Created);

    public async Task<HttpResponseMessage> UploadAsync(string user, string id, string documentType, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(documentType), "documentType");
        return await (await As(user)).PostAsync($"/api/nominations/{id}/attachments", form);
    }

    public static byte[] Pdf(string text) => ThiDua.Workflows.Testing.TestFiles.Pdf(text);

    public async Task<JsonNode> DetailAsync(string id) => await GetAsync("vanphong", $"/api/nominations/{id}");

    /// <summary>Waits until the nomination reaches a status (the outbox applies workflow steps just after their commit).</summary>
    public async Task<JsonNode> WaitStatusAsync(string id, string status, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        JsonNode detail;
        do
        {
            detail = await DetailAsync(id);
            if (detail["nomination"]!["status"]!.GetValue<string>() == status) return detail;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < until);
        Assert.Fail($"Nomination {id} stayed at {detail["nomination"]!["status"]} (waited for {status}). History: {detail["history"]}");
        return detail;
    }

    /// <summary>The open task of a nomination at an activity of its workflow (the office sees all tasks).</summary>
    public async Task<JsonNode> OpenTaskAsync(string nominationId, string activityId, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        do
        {
            var tasks = (await GetAsync("vanphong", $"/api/tasks?scope=all&status=Open&correlationId={nominationId}")).AsArray();
            if (tasks.FirstOrDefault(t => t!["activityId"]!.GetValue<string>() == activityId) is { } task) return task;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < until);
        Assert.Fail($"No open task '{activityId}' for nomination {nominationId}.");
        return null!;
    }

    public async Task CompleteAsync(string user, string nominationId, string activityId, string action, string? comment = null)
    {
        var task = await OpenTaskAsync(nominationId, activityId);
        await PostAsync(user, $"/api/tasks/{Uri.EscapeDataString(task["id"]!.GetValue<string>())}/complete", new { action, comment });
    }

    /// <summary>Creates users (administrator API) and makes them the council's seats.</summary>
    public async Task<IReadOnlyList<string>> CouncilOfAsync(string prefix, int size)
    {
        var names = Enumerable.Range(1, size).Select(i => $"{prefix}{i:00}").ToList();
        foreach (var name in names)
        {
            var response = await (await As("admin")).PostAsJsonAsync("/api/users", new
            {
                userName = name, displayName = $"Ủy viên Hội đồng {name}", email = $"{name}@truongluu.local", password = "ThiDua@2026", roles = new[] { "CouncilMember" },
            });
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        }

        var seats = names.Select((n, i) => new { userName = n, position = i == 0 ? "Chủ tịch Hội đồng" : "Ủy viên" }).ToList();
        Assert.Equal(HttpStatusCode.OK, (await (await As("chutich")).PutAsJsonAsync("/api/council/seats", seats)).StatusCode);
        return names;
    }

    /// <summary>Calls a session on the nominations, has <paramref name="approve"/> members approve and the rest reject, closes it.</summary>
    public async Task<JsonNode> VoteAsync(IReadOnlyList<string> members, string nominationId, int approve, string title, params string[] absent)
    {
        var session = await PostAsync("thuky", "/api/council-sessions", new { title, nominationIds = new[] { nominationId } }, HttpStatusCode.Created);
        var sessionId = session["id"]!.GetValue<string>();
        foreach (var member in members)
            await PostAsync("thuky", $"/api/council-sessions/{sessionId}/attendance", new { userName = member, attendance = absent.Contains(member) ? "Absent" : "Present" });
        for (var i = 0; i < members.Count; i++)
            await PostAsync(members[i], $"/api/council-sessions/{sessionId}/ballots", new { nominationId, choice = i < approve ? "Approve" : "Reject" });
        return await PostAsync("thuky", $"/api/council-sessions/{sessionId}/close", new { });
    }
}
