using System.Net;
using Microsoft.AspNetCore.Components;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// Every page (every routable Razor component) × every role, as <see cref="ApiAccessMatrixTests"/> does for the API.
/// Columns: anonymous, a unit (thon1), a council member who proposes for a unit (bithudoan), the secretary of the
/// office (thuky), the chair (chutich), the office (vanphong), its head (truongphong), the administrator (admin).
/// "4" sent to sign in, "a" allowed (no sign-in, no 403), "d" denied (the 403 page, or 404 for a record not theirs).
/// Addresses with an id name a record that does not exist: who may open that kind of page still differs.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PageAccessMatrixTests(WebHost host)
{
    private static readonly string[] Roles = ["anonymous", "thon1", "bithudoan", "thuky", "chutich", "vanphong", "truongphong", "admin"];

    public static TheoryData<string, string, string> Table => new()
    {
        { "/", "/", "aaaaaaaa" },
        { "/account/login", "/account/login", "aaaaaaaa" },
        { "/account/forgot", "/account/forgot", "aaaaaaaa" },
        { "/account/reset", "/account/reset", "aaaaaaaa" },
        { "/public-posting", "/public-posting", "aaaaaaaa" },
        { "/not-found", "/not-found", "aaaaaaaa" },
        { "/error/{Code:int}", "/error/500", "aaaaaaaa" },
        { "/tasks/{Id}", "/tasks/khong-co", "aaaaaaaa" },
        { "/account/password", "/account/password", "4aaaaaaa" },
        { "/account/two-factor", "/account/two-factor", "4aaaaaaa" },
        { "/account/delegations", "/account/delegations", "4aaaaaaa" },
        { "/inbox", "/inbox", "4aaaaaaa" },
        { "/campaign", "/campaign", "4aaaaaaa" },
        { "/nominations", "/nominations", "4aaaaaaa" },
        { "/nominations/{Id}", "/nominations/khong-co", "4aaaaaaa" },
        { "/nominations/new", "/nominations/new", "4aaadaaa" },
        { "/council-sessions", "/council-sessions", "4daaaaaa" },
        { "/council-sessions/{Id}", "/council-sessions/khong-co", "4daaaaaa" },
        { "/decisions/new", "/decisions/new", "4ddaaaaa" },
        { "/designer", "/designer", "4ddadaaa" },
        { "/designer/{DefinitionId}", "/designer/nomination-commune", "4ddadaaa" },
        { "/settings", "/settings", "4ddaaaaa" },
        { "/settings/awards", "/settings/awards", "4ddadaaa" },
        { "/settings/units", "/settings/units", "4ddadaaa" },
        { "/settings/council", "/settings/council", "4ddaaaaa" },
        { "/settings/users", "/settings/users", "4dddddda" },
        { "/settings/mail", "/settings/mail", "4dddddda" },
        { "/settings/templates", "/settings/templates", "4ddadaaa" },
        { "/register", "/register", "4ddadaaa" },
        { "/reports", "/reports", "4daaaaaa" },
        { "/calendar", "/calendar", "4ddadaaa" },
        { "/commendations", "/commendations", "4ddadaaa" },
        { "/proposals", "/proposals", "4aaaaaaa" },
        { "/proposals/{Id}", "/proposals/khong-co", "4aaaaaaa" },
        { "/admin/instances", "/admin/instances", "4dddddda" },
        { "/admin/instances/{Id}", "/admin/instances/khong-co", "4dddddda" },
        { "/admin/outbox", "/admin/outbox", "4dddddda" },
        { "/admin/audit", "/admin/audit", "4dddddda" },
    };

    [Fact]
    public void TheTable_CoversEveryPage()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(r => r.Template).ToHashSet(StringComparer.Ordinal);
        var table = Table.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(routes.Except(table)); // a page nobody wrote an access rule for
        Assert.Empty(table.Except(routes)); // a rule for a page that no longer exists
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task EachPage_AnswersEachRoleAsTheTableSays(string page, string url, string access)
    {
        Assert.Equal(Roles.Length, access.Length);
        var wrong = new List<string>();
        for (var i = 0; i < Roles.Length; i++)
        {
            var client = Roles[i] == "anonymous" ? host.CreateClient(new() { AllowAutoRedirect = false }) : await ClientAsync(Roles[i]);
            using var response = await client.GetAsync(url);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location;
            var toSignIn = status == 302 && location is not null
                && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/account/login", StringComparison.Ordinal);
            var ok = access[i] switch
            {
                '4' => toSignIn,
                'd' => status is 403 or 404,
                _ => !toSignIn && status is not 403 && status < 500,
            };
            if (!ok) wrong.Add($"{Roles[i]}: {status}{(toSignIn ? " (sign in)" : "")} (expected {access[i]})");
        }

        Assert.True(wrong.Count == 0, $"{page}: {string.Join("; ", wrong)}");
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, HttpClient> Clients = [];

    private async Task<HttpClient> ClientAsync(string user)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Clients.TryGetValue(user, out var client)) Clients[user] = client = await host.SignedInAsync(user);
            return client;
        }
        finally
        {
            Gate.Release();
        }
    }
}
