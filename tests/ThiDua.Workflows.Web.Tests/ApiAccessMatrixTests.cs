using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// Every API operation of the OpenAPI document × every role: who is turned away (401 signed out, 403 not allowed,
/// 404 where the resource is hidden from them) and who gets through. The table is the documentation of the API's
/// access rules; an operation missing from it fails the test. Columns: anonymous, a unit (thon1), a council member
/// who also proposes for a unit (bithudoan), the council secretary of the office (thuky), the chair (chutich), the
/// office (vanphong), its head (truongphong), the administrator (admin). "4" 401, "a" allowed (neither 401 nor 403),
/// "d" denied (403, or 404 when the resource is not theirs to know about). Per-record rules (a unit's own nominations,
/// a task's assignee) answer 404 on records of others and are tested with real records elsewhere
/// (<see cref="AccessMatrixTests"/>); here the records do not exist.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ApiAccessMatrixTests(WebHost host)
{
    private static readonly string[] Roles = ["anonymous", "thon1", "bithudoan", "thuky", "chutich", "vanphong", "truongphong", "admin"];

    // Operation, the URL and body sent (records that do not exist; bodies that get past binding), access per role.
    public static TheoryData<string, string, string?, string> Table => new()
    {
        { "GET /api/campaign/plans", "/api/campaign/plans", null, "4aaaaaaa" },
        { "POST /api/campaign/plans/start", "/api/campaign/plans/start", null, "4ddadaaa" },
        { "POST /api/campaign/plans/{unitId}/submit", "/api/campaign/plans/khong-co/submit", null, "4ddadaad" },
        { "GET /api/campaign/plans/{unitId}/file", "/api/campaign/plans/khong-co/file", null, "4aaaaaaa" },
        { "GET /api/tasks", "/api/tasks", null, "4aaaaaaa" },
        { "POST /api/tasks/{id}/complete", "/api/tasks/khong-co/complete", """{"action":"Approve"}""", "4aaaaaaa" },
        { "POST /api/tasks/{id}/claim", "/api/tasks/khong-co/claim", null, "4aaaaaaa" },
        { "POST /api/tasks/{id}/release", "/api/tasks/khong-co/release", null, "4aaaaaaa" },
        { "POST /api/tasks/{id}/reassign", "/api/tasks/khong-co/reassign", """{"toUser":"vanphong"}""", "4aaaaaaa" },
        { "GET /api/tasks/{id}/history", "/api/tasks/khong-co/history", null, "4aaaaaaa" },
        { "GET /api/delegations", "/api/delegations", null, "4aaaaaaa" },
        { "POST /api/delegations", "/api/delegations", """{"toUser":"khong-co","startsOn":"2026-12-01","endsOn":"2026-12-02"}""", "4aaaaaaa" },
        { "POST /api/delegations/{id}/end", "/api/delegations/999999/end", null, "4aaaaaaa" },
        { "GET /api/nominations", "/api/nominations", null, "4aaaaaaa" },
        { "GET /api/proposals", "/api/proposals", null, "4aaaaaaa" },
        { "GET /api/proposals/{id}", "/api/proposals/khong-co", null, "4aaaaaaa" },
        { "POST /api/proposals", "/api/proposals", """{"year":2026,"title":"Thử quyền"}""", "4aaadaaa" },
        { "POST /api/proposals/{id}/submit", "/api/proposals/khong-co/submit", null, "4aaaaaaa" },
        { "POST /api/proposals/{id}/nominees/{nominationId}/review", "/api/proposals/khong-co/nominees/khong-co/review", """{"outcome":"Accept"}""", "4ddadaaa" },
        { "POST /api/nominations", "/api/nominations", """{"nomineeKind":"Individual","awardCode":"KHONGCO","year":1}""", "4aaadaaa" },
        { "GET /api/nominations/{id}", "/api/nominations/khong-co", null, "4aaaaaaa" },
        { "POST /api/nominations/{id}/submit", "/api/nominations/khong-co/submit", null, "4aaaaaaa" },
        { "POST /api/nominations/{id}/attachments", "/api/nominations/khong-co/attachments", null, "4aaaaaaa" },
        { "GET /api/nominations/{id}/attachments/{attachmentId}", "/api/nominations/khong-co/attachments/khong-co", null, "4aaaaaaa" },
        { "POST /api/nominations/{id}/holds", "/api/nominations/khong-co/holds", """{"reason":"Thanh tra"}""", "4ddadaaa" },
        { "POST /api/nominations/{id}/holds/release", "/api/nominations/khong-co/holds/release", """{"note":"Xong"}""", "4ddadaaa" },
        { "POST /api/nominations/{id}/objections", "/api/nominations/khong-co/objections", """{"text":"Ý kiến"}""", "4aaaaaaa" },
        { "POST /api/nominations/{id}/province-outcome", "/api/nominations/khong-co/province-outcome", """{"outcome":"Approved"}""", "4ddadaaa" },
        { "GET /api/council/seats", "/api/council/seats", null, "4aaaaaaa" },
        { "PUT /api/council/seats", "/api/council/seats", """[{"userName":"khong-co"}]""", "4dddadda" },
        { "POST /api/council-sessions", "/api/council-sessions", """{"title":"Phiên thử","nominationIds":[]}""", "4ddaaaaa" },
        { "GET /api/council-sessions/{id}", "/api/council-sessions/khong-co", null, "4aaaaaaa" },
        { "POST /api/council-sessions/{id}/attendance", "/api/council-sessions/khong-co/attendance", """{"userName":"khong-co","attendance":"Present"}""", "4ddadaaa" },
        { "POST /api/council-sessions/{id}/ballots", "/api/council-sessions/khong-co/ballots", """{"nominationId":"khong-co","choice":"Approve"}""", "4aaaaaaa" },
        { "POST /api/council-sessions/{id}/close", "/api/council-sessions/khong-co/close", null, "4ddaaaaa" },
        { "GET /api/units", "/api/units", null, "4aaaaaaa" },
        { "GET /api/campaigns", "/api/campaigns", null, "4aaaaaaa" },
        { "GET /api/campaigns/{campaignId}/reports", "/api/campaigns/khong-co/reports?year=2026", null, "4aaaaaaa" },
        { "POST /api/campaigns/{campaignId}/reports", "/api/campaigns/khong-co/reports", """{"year":2026}""", "4aaaaaaa" },
        { "POST /api/campaigns/{campaignId}/reports/{reportId}/review", "/api/campaigns/khong-co/reports/khong-co/review", """{"accept":true}""", "4ddadaaa" },
        { "GET /api/campaigns/{campaignId}/reports/{reportId}/file", "/api/campaigns/khong-co/reports/khong-co/file", null, "4aaaaaaa" },
        { "GET /api/campaigns/{campaignId}/reviews/{year}", "/api/campaigns/khong-co/reviews/2027", null, "4daaaaaa" },
        { "GET /api/people", "/api/people", null, "4aaaaaaa" },
        { "POST /api/people", "/api/people", """{"fullName":"Người thử quyền","unitId":"mttq","birthYear":1}""", "4ddadaaa" },
        { "POST /api/people/{id}/disciplines", "/api/people/999999/disciplines", """{"form":"Khiển trách"}""", "4ddadaaa" },
        { "GET /api/people/{id}/commendations", "/api/people/999999/commendations", null, "4aaaaaaa" },
        { "GET /api/units/{id}/commendations", "/api/units/khong-co/commendations", null, "4aaaaaaa" },
        { "GET /api/awards", "/api/awards", null, "4aaaaaaa" },
        { "PUT /api/awards/{code}", "/api/awards/KHONGCO", """{"postingDays":1}""", "4ddadaaa" },
        { "GET /api/decisions", "/api/decisions", null, "4aaaaaaa" },
        { "POST /api/decisions/list", "/api/decisions/list", """{"nominationIds":["khong-co"]}""", "4dddadda" },
        { "GET /api/decisions/{id}/document", "/api/decisions/khong-co/document", null, "4aaaaaaa" },
        { "GET /api/nominations/{id}/documents/{kind}", "/api/nominations/khong-co/documents/to-trinh", null, "4aaaaaaa" },
        { "GET /api/nominations/{id}/province-package/{submissionId}", "/api/nominations/khong-co/province-package/khong-co", null, "4aaaaaaa" },
        { "GET /api/templates", "/api/templates", null, "4aaaaaaa" },
        { "GET /api/templates/{code}", "/api/templates/khong-co", null, "4aaaaaaa" },
        { "GET /api/templates/{code}/preview", "/api/templates/khong-co/preview", null, "4aaaaaaa" },
        { "POST /api/templates/{code}", "/api/templates/khong-co", null, "4ddadaaa" },
        { "DELETE /api/templates/{code}", "/api/templates/khong-co", null, "4ddadaaa" },
        { "GET /api/register", "/api/register", null, "4ddadaaa" },
        { "GET /api/calendar", "/api/calendar?year=2026", null, "4ddadaaa" },
        { "PUT /api/calendar/{id}", "/api/calendar/khong-co", """{"dueDate":"01/01"}""", "4ddadaaa" },
        { "GET /api/commendations", "/api/commendations?year=2026", null, "4ddadaaa" },
        { "POST /api/commendations/{id}/handover", "/api/commendations/999999/handover", """{"handedOverOn":"2026-01-02","receivedBy":"Thử quyền"}""", "4ddadaaa" },
        { "POST /api/commendations/{id}/payment", "/api/commendations/999999/payment", """{"paidOn":"2026-01-02","amount":1}""", "4ddadaaa" },
        { "POST /api/register", "/api/register", """{"symbol":"x","title":"Thử quyền"}""", "4dddddda" },
        { "PUT /api/register/{id}/number", "/api/register/khong-co/number", """{"number":5}""", "4dddddda" },
        { "PUT /api/register/series", "/api/register/series", """{"symbol":"x","nextNumber":5}""", "4dddddda" },
        { "GET /api/exports/{list}", "/api/exports/khong-co", null, "4aaaaaaa" },
        { "GET /api/reports/movement", "/api/reports/movement?format=khong-co", null, "4daaaaaa" },
        { "GET /api/reports/statistics", "/api/reports/statistics?format=khong-co", null, "4daaaaaa" },
        { "GET /api/users", "/api/users", null, "4dddddda" },
        { "POST /api/users", "/api/users", """{"userName":"thu.quyen"}""", "4dddddda" },
        { "GET /api/designer/activities", "/api/designer/activities", null, "4ddadaaa" },
        { "GET /api/designer/definitions", "/api/designer/definitions", null, "4ddadaaa" },
        { "POST /api/designer/definitions", "/api/designer/definitions", """{"name":""}""", "4ddadaaa" },
        { "GET /api/designer/definitions/{definitionId}", "/api/designer/definitions/khong-co", null, "4ddadaaa" },
        { "PUT /api/designer/definitions/{definitionId}/draft", "/api/designer/definitions/khong-co/draft", """{"revision":0,"baseVersion":0}""", "4ddadaaa" },
        { "DELETE /api/designer/definitions/{definitionId}/draft", "/api/designer/definitions/khong-co/draft", null, "4ddadaaa" },
        { "POST /api/designer/definitions/{definitionId}/check", "/api/designer/definitions/khong-co/check", "{}", "4ddadaaa" },
        { "POST /api/designer/definitions/{definitionId}/publish", "/api/designer/definitions/khong-co/publish", null, "4ddadaaa" },
        { "POST /api/designer/definitions/{definitionId}/retract", "/api/designer/definitions/khong-co/retract", null, "4ddadaaa" },
        { "POST /api/designer/definitions/{definitionId}/revert/{version}", "/api/designer/definitions/khong-co/revert/1", null, "4ddadaaa" },
        { "GET /api/designer/definitions/{definitionId}/versions/{version}", "/api/designer/definitions/khong-co/versions/1", null, "4ddadaaa" },
        { "GET /api/designer/definitions/{definitionId}/diff", "/api/designer/definitions/khong-co/diff?from=1&to=2", null, "4ddadaaa" },
        { "GET /api/designer/definitions/{definitionId}/export", "/api/designer/definitions/khong-co/export", null, "4ddadaaa" },
        { "POST /api/designer/import", "/api/designer/import", "{}", "4ddadaaa" },
        { "POST /api/designer/definitions/{definitionId}/start", "/api/designer/definitions/khong-co/start", "{}", "4ddadaaa" },
        { "POST /api/designer/definitions/{definitionId}/try", "/api/designer/definitions/khong-co/try", "{}", "4ddadaaa" },
    };

    // The page forms among the operations: sign-out and the citizens' opinion form (anonymous, rate limited).
    private static readonly string[] Forms = ["POST /account/logout", "POST /public-posting/{id}"];

    [Fact]
    public async Task TheTable_CoversEveryOperationOfTheOpenApiDocument()
    {
        var document = JsonNode.Parse(await host.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}")).Except(Forms).ToHashSet();
        var table = Table.Select(row => (string)row[0]).ToHashSet();
        Assert.Empty(operations.Except(table)); // an operation nobody wrote an access rule for
        Assert.Empty(table.Except(operations)); // a rule for an operation that no longer exists
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task EachOperation_AnswersEachRoleAsTheTableSays(string operation, string url, string? body, string access)
    {
        Assert.Equal(Roles.Length, access.Length);
        var method = new HttpMethod(operation.Split(' ')[0]);
        var wrong = new List<string>();
        for (var i = 0; i < Roles.Length; i++)
        {
            var client = Roles[i] == "anonymous" ? host.CreateClient(new() { AllowAutoRedirect = false }) : await ClientAsync(Roles[i]);
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var ok = access[i] switch
            {
                '4' => status == 401,
                'd' => status is 403 or 404,
                _ => status is not (401 or 403) && status < 500,
            };
            if (!ok) wrong.Add($"{Roles[i]}: {status} (expected {access[i]})");
        }

        Assert.True(wrong.Count == 0, $"{operation}: {string.Join("; ", wrong)}");
    }

    [Fact]
    public async Task AUnit_SeesOnlyItsOwnPeopleAndTheirAwards()
    {
        var unit = await ClientAsync("thon1");
        var people = JsonNode.Parse(await unit.GetStringAsync("/api/people"))!.AsArray();
        Assert.NotEmpty(people);
        Assert.All(people, p => Assert.Equal("thon-1", p!["unitId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/api/people?unitId=thon-2")).StatusCode);
        var office = await ClientAsync("vanphong");
        var other = JsonNode.Parse(await office.GetStringAsync("/api/people"))!.AsArray().First(p => p!["unitId"]!.GetValue<string>() != "thon-1")!;
        var stranger = other["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/api/people/{stranger}/commendations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/api/units/{other["unitId"]}/commendations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync($"/api/people/{stranger}/commendations")).StatusCode);
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, HttpClient> Clients = [];

    private async Task<HttpClient> ClientAsync(string user)
    {
        await Gate.WaitAsync();
        try
        {
            if (Clients.TryGetValue(user, out var client)) return client;
            client = await host.SignedInAsync(user);
            // The designer's writes carry the page's antiforgery token.
            if (user is "thuky" or "vanphong" or "truongphong" or "admin") await ThiDua.Workflows.Testing.DesignerPublishing.CarryAntiforgeryAsync(client, "/designer");

            return Clients[user] = client;
        }
        finally
        {
            Gate.Release();
        }
    }
}
