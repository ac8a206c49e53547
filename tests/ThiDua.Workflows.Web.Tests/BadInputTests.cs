using System.Net;
using System.Text;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>Malformed JSON, wrong types and unbindable query values: 400 naming the field, never 500, and nothing saved.</summary>
[Collection(WebCollection.Name)]
public sealed class BadInputTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Theory]
    [InlineData("{bad json", "body")]
    [InlineData("{\"year\":\"abc\"}", "year")]
    [InlineData("{\"year\":2147483648}", "year")]
    [InlineData("{\"year\":1e308}", "year")]
    [InlineData("{\"nomineeKind\":5}", "nomineeKind")]
    [InlineData("{\"advancedWorkerPercent\":true}", "advancedWorkerPercent")]
    public async Task AMalformedBody_Answers400NamingTheField_AndSavesNothing(string body, string field)
    {
        var client = await _api.As("vanphong");
        var before = (await _api.GetAsync("vanphong", "/api/nominations")).AsArray().Count;
        var response = await client.PostAsync("/api/nominations", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"{field}\"", problem);
        Assert.Contains("Dữ liệu", problem);
        Assert.Equal(before, (await _api.GetAsync("vanphong", "/api/nominations")).AsArray().Count);
    }

    [Theory]
    [InlineData("/api/nominations?year=abc", "year")]
    [InlineData("/api/tasks?overdue=maybe", "overdue")]
    public async Task AnUnbindableQueryValue_Answers400NamingIt(string url, string field)
    {
        var response = await (await _api.As("vanphong")).GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }
}
