using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The real web host (Program) on fresh SQLite files, with the Development users and units.</summary>
public partial class WebHost : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("thidua-web-").FullName;

    /// <summary>The SMTP server the host sends its mail to.</summary>
    public MailServer Mail { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Host settings reach Program before it reads its options (app configuration callbacks come too late).
        builder.UseEnvironment("Development");
        ConfigureStore(builder);
        builder.UseSetting("Workflows:Mail:SmtpPort", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Workflows:Mail:BaseUrl", "http://localhost");
        builder.UseSetting("Workflows:Nominations:ProvinceMailbox", "sonoivu@hatinh.local");
        // The calendar would open this year's deadline tasks at start, by the real date: tests drive it themselves.
        builder.UseSetting("Workflows:Nominations:CalendarSyncCron", "");
        builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>The test server has no client address; a test names one with this header (as a proxy would).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class ClientAddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(following => http =>
            {
                if (http.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                    http.Connection.RemoteIpAddress = address;
                return following(http);
            });
            next(app);
        };
    }

    /// <summary>The databases: SQLite files in a fresh folder (a subclass may choose PostgreSQL).</summary>
    protected virtual void ConfigureStore(IWebHostBuilder builder)
    {
        builder.UseSetting("Workflows:Store:SqliteFile", Path.Combine(_data, "workflows.db"));
        builder.UseSetting("Workflows:Scheduling:SqliteFile", Path.Combine(_data, "hangfire.db"));
    }

    /// <summary>A client signed in as the given demo user (password of the Development settings).</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["userName"] = userName,
            ["password"] = "ThiDua@2026",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The repository's root folder (the one holding ThiDua.Workflows.sln).</summary>
    public static string RepositoryRoot { get; } = FindUp(d => File.Exists(Path.Combine(d, "ThiDua.Workflows.sln")));

    /// <summary>The shared Elsa 3 sample files, beside the repository.</summary>
    public static string ElsaCompat { get; } = Path.Combine(
        FindUp(d => Directory.Exists(Path.Combine(d, "shared", "elsa-compat"))), "shared", "elsa-compat");

    private static string FindUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (found(dir.FullName)) return dir.FullName;
        throw new InvalidOperationException("Folder not found above the test binaries.");
    }

    /// <summary>The folder of this host's databases (a fresh one per host).</summary>
    public string DataFolder => _data;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Mail.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>One web host for all web tests: Hangfire keeps its storage in a process-wide static.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebHost>
{
    public const string Name = "Web";
}
