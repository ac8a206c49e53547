using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>Elsa.HttpEndpoint through the web host: a request starts a published workflow, a later one resumes the right instance.</summary>
[Collection(WebCollection.Name)]
public sealed class WorkflowHttpEndpointTests(WebHost host)
{
    private async Task PublishAsync(string file)
    {
        var definitions = host.Services.GetRequiredService<IDefinitionStore>();
        var definition = ElsaJsonReader.ReadOrThrow(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Workflows", file)));
        await definitions.SaveAsync(definition, DefinitionSaveMode.AsIs);
        await definitions.SetPublishedAsync(definition.Id, true);
    }

    [Fact]
    public async Task GetHello_AnswersFromTheWorkflow_AndAConfirmationResumesTheInstanceNamedByItsCorrelation()
    {
        await PublishAsync("http-hello.json");
        var client = host.CreateClient();

        var first = await client.GetAsync("/workflows/hello?name=An&correlationId=ho-so-1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/plain", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Xin chào An (ho-so-1)", await first.Content.ReadAsStringAsync());

        var second = await client.GetAsync("/workflows/Hello/?name=B%C3%ACnh&correlationId=ho-so-2");
        Assert.Equal("Xin chào Bình (ho-so-2)", await second.Content.ReadAsStringAsync());

        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var waiting = await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: "ho-so-1"));
        Assert.Single(waiting, b => b.Name == "Elsa.HttpEndpoint");

        var confirm = await client.PostAsJsonAsync("/workflows/hello/confirm?correlationId=ho-so-2", new { note = "đồng ý" });
        Assert.Equal(HttpStatusCode.Created, confirm.StatusCode);
        var body = JsonNode.Parse(await confirm.Content.ReadAsStringAsync())!;
        Assert.Equal("ho-so-2", body["confirmed"]!.GetValue<string>());
        Assert.Equal("đồng ý", body["note"]!.GetValue<string>());

        // ho-so-2 is done; ho-so-1 still waits, untouched.
        Assert.Empty(await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: "ho-so-2")));
        Assert.Single(await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: "ho-so-1")));
        var again = await client.PostAsJsonAsync("/workflows/hello/confirm?correlationId=ho-so-2", new { note = "lần hai" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task ARouteTemplate_MatchesTheRequestPath_AndItsValuesAreTheRouteData()
    {
        await PublishAsync("http-user.json");
        var client = host.CreateClient();

        var response = await client.GetAsync("/workflows/users/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Người dùng 42", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/workflows/users/42/extra")).StatusCode);
    }

    [Fact]
    public async Task TwoInstancesWaitingAtOnePath_AreAmbiguousWithoutACorrelation_AndNeitherIsResumed()
    {
        await PublishAsync("http-hello.json");
        var client = host.CreateClient();
        await client.GetAsync("/workflows/hello?name=A&correlationId=mo-ho-1");
        await client.GetAsync("/workflows/hello?name=B&correlationId=mo-ho-2");

        var ambiguous = await client.PostAsJsonAsync("/workflows/hello/confirm", new { note = "ai?" });

        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Contains("correlationId", await ambiguous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        Assert.Single(await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: "mo-ho-1")));
        Assert.Single(await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: "mo-ho-2")));
        var tooLong = await client.GetAsync("/workflows/hello?correlationId=" + new string('x', 300));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("correlationId", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APathNoWorkflowListensTo_IsA404ProblemInVietnamese_AndAWrongMethodToo()
    {
        await PublishAsync("http-hello.json");
        var client = host.CreateClient();

        var missing = await client.GetAsync("/workflows/khong-co");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Không có quy trình nào", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrongMethod = await client.DeleteAsync("/workflows/hello");
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsRefusedWith413_AndStartsNothing()
    {
        await PublishAsync("http-hello.json");
        var client = host.CreateClient();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var before = (await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: "qua-lon"))).Count;

        var big = new StringContent(new string('x', 300 * 1024));
        var response = await client.PostAsync("/workflows/hello/confirm?correlationId=qua-lon", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, (await store.FindBookmarksAsync(new BookmarkQuery(CorrelationId: "qua-lon"))).Count);
    }
}
