using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using netDumbster.smtp;

namespace ThiDua.Workflows.Web.BrowserTests;

/// <summary>
/// The real web host on a loopback port (Kestrel, Development demo data, fresh SQLite files, a real SMTP server)
/// and headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string Password = "ThiDua@2026";

    private readonly string _data = Directory.CreateTempSubdirectory("thidua-browser-").FullName;
    private readonly SimpleSmtpServer _smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where the run saves what a person would see (one PNG per page and width).</summary>
    public static string Screenshots { get; } = Path.Combine(FindRepositoryRoot(), "artifacts", "screenshots");

    /// <summary>axe-core, installed by the test command from the npm registry (tests/ThiDua.Workflows.Web.BrowserTests/package.json).</summary>
    public string AxeSource { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        var axe = Path.Combine(FindRepositoryRoot(), "tests", "ThiDua.Workflows.Web.BrowserTests", "node_modules", "axe-core", "axe.min.js");
        AxeSource = File.Exists(axe) ? await File.ReadAllTextAsync(axe) : throw new InvalidOperationException($"axe-core is missing at {axe}: run tests/setup/browser.sh (npm ci).");

        var port = FreePort();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Urls", $"http://127.0.0.1:{port}");
            builder.UseSetting("Workflows:Mail:BaseUrl", $"http://127.0.0.1:{port}");
            builder.UseEnvironment("Development");
            builder.UseSetting("Workflows:Store:SqliteFile", Path.Combine(_data, "workflows.db"));
            builder.UseSetting("Workflows:Scheduling:SqliteFile", Path.Combine(_data, "hangfire.db"));
            builder.UseSetting("Workflows:Mail:SmtpPort", _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Deadline tasks opened by the real date would change what the pages under test show.
            builder.UseSetting("Workflows:Nominations:CalendarSyncCron", "");
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (its own cookies) of the given width: 1280 a desktop, 390 a phone.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, bool bypassCsp = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
            IsMobile = width < 600,
            HasTouch = width < 600,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            // axe-core is injected by evaluation; the site's own policy forbids inline scripts.
            BypassCSP = bypassCsp,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page, as a person would.</summary>
    public async Task<IPage> SignedInAsync(string userName, int width = 1280, bool bypassCsp = true)
    {
        var page = await NewPageAsync(width, bypassCsp);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>The host's services (to start or inspect what the pages cannot show).</summary>
    public IServiceProvider Services => _factory!.Services;

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        _smtp.Stop();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ThiDua.Workflows.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ThiDua.Workflows.sln not found above the test folder.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "Browser";
}
