using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class WebHostTests
{
    private readonly WebHost _host;

    public WebHostTests(WebHost host) => _host = host;

    [Fact]
    public async Task HangfireDashboard_IsForAdministratorsOnly()
    {
        var anonymous = _host.CreateClient(new() { AllowAutoRedirect = false });
        var unit = await _host.SignedInAsync("thon1");
        var office = await _host.SignedInAsync("vanphong");
        var admin = await _host.SignedInAsync("admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/hangfire/recurring")).StatusCode);
        var recurring = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        var html = await recurring.Content.ReadAsStringAsync();
        Assert.Contains("workflow-timers:reconcile", html, StringComparison.Ordinal);
        Assert.Contains("workflow-outbox:drain", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RefusesAWrongPassword_AndAPostWithoutAntiforgery()
    {
        var client = _host.CreateClient(new() { AllowAutoRedirect = false });
        var noToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin",
            ["password"] = "ThiDua@2026",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.DoesNotContain(noToken.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("thidua.auth", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/inbox?view=overdue", "/inbox?view=overdue")]
    public async Task SignIn_GoesBackOnlyToAnAddressOnThisSite(string returnUrl, string expected)
    {
        var client = _host.CreateClient(new() { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["userName"] = "thon1", ["password"] = "ThiDua@2026", ["returnUrl"] = returnUrl,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.PathAndQuery);
        Assert.Equal("localhost", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.Host : "localhost");
    }

    [Fact]
    public async Task Campaign_StartsEachUnitsPlanDeadline_AndAUnitSubmitsOnlyItsOwnPlan()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient().GetAsync("/api/campaign/plans")).StatusCode);
        var office = await _host.SignedInAsync("vanphong");
        var plans = await office.GetFromJsonAsync<JsonArray>("/api/campaign/plans");
        // Every active unit of the database (the demo's 14; the school merged in 2025 is inactive), started at start-up.
        var units = await (await _host.SignedInAsync("vanphong")).GetFromJsonAsync<JsonArray>("/api/units");
        Assert.Equal(units!.Count(u => u!["active"]!.GetValue<bool>()), plans!.Count);
        Assert.Equal(14, plans.Count);
        Assert.All(plans, p => Assert.Equal("Suspended", p!["status"]!.GetValue<string>()));

        var unit = await _host.SignedInAsync("thon1");
        MultipartFormDataContent Plan()
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(ThiDua.Workflows.Testing.TestFiles.Pdf("Kế hoạch triển khai phong trào của Thôn 1")), "file", "Ke hoach Thon 1.pdf");
            return form;
        }

        // The plan is a file: sent without one, the field is named and nothing changes.
        var bare = await unit.PostAsync("/api/campaign/plans/thon-1/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("file", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var own = await unit.PostAsync("/api/campaign/plans/thon-1/submit", Plan());
        var again = await unit.PostAsync("/api/campaign/plans/thon-1/submit", Plan());
        var other = await unit.PostAsync("/api/campaign/plans/mttq/submit", Plan());

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("mttq", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await office.GetFromJsonAsync<JsonArray>("/api/campaign/plans");
        Assert.True(after!.Single(p => p!["unitId"]!.GetValue<string>() == "thon-1")!["submitted"]!.GetValue<bool>());
        Assert.Equal("UnderReview", after!.Single(p => p!["unitId"]!.GetValue<string>() == "thon-1")!["stage"]!.GetValue<string>());
        Assert.False(after!.Single(p => p!["unitId"]!.GetValue<string>() == "mttq")!["submitted"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/api/campaign/plans/thon-1/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _host.SignedInAsync("thon2")).GetAsync("/api/campaign/plans/thon-1/file")).StatusCode);

        // The office returns it with what to change (its task in the inbox); the unit sends it again; the office accepts.
        var api = new NominationApi(_host);
        async Task DecideReviewAsync(string action, string? comment)
        {
            var open = await api.GetAsync("vanphong", "/api/tasks?scope=all&status=Open&correlationId=plan:thon-1");
            var review = open.AsArray().Single(t => t!["activityId"]!.GetValue<string>() == "reviewPlan")!;
            await api.PostAsync("vanphong", $"/api/tasks/{Uri.EscapeDataString(review["id"]!.GetValue<string>())}/complete", new { action, comment });
        }

        await DecideReviewAsync("Return", "Bổ sung chỉ tiêu chuyển đổi số cho từng tháng.");
        var returned = (await office.GetFromJsonAsync<JsonArray>("/api/campaign/plans"))!.Single(p => p!["unitId"]!.GetValue<string>() == "thon-1")!;
        Assert.Equal("Returned", returned["stage"]!.GetValue<string>());
        Assert.Equal("Bổ sung chỉ tiêu chuyển đổi số cho từng tháng.", returned["returnNote"]!.GetValue<string>());
        Assert.Contains("Bổ sung chỉ tiêu chuyển đổi số", await unit.GetStringAsync("/campaign"));
        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsync("/api/campaign/plans/thon-1/submit", Plan())).StatusCode);
        await DecideReviewAsync("Accept", null);
        Assert.Equal("Accepted", (await office.GetFromJsonAsync<JsonArray>("/api/campaign/plans"))!.Single(p => p!["unitId"]!.GetValue<string>() == "thon-1")!["stage"]!.GetValue<string>());
    }

    [Fact]
    public void Host_UsesItsOwnDatabaseFiles()
    {
        _ = _host.Services; // starts the host
        Assert.True(File.Exists(Path.Combine(_host.DataFolder, "workflows.db")));
        Assert.True(File.Exists(Path.Combine(_host.DataFolder, "hangfire.db")));
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi()
    {
        var document = await _host.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        Assert.NotNull(document!["paths"]!["/api/campaign/plans"]);
        Assert.NotNull(document["paths"]!["/api/campaign/plans/{unitId}/submit"]);
    }
}
