// The designer on a large definition, in headless Chromium against the real web host: time from navigation to a
// drawn, interactive canvas (cold: a new browser context; warm: a reload), and the frame times while a node is
// dragged for two seconds, at full speed and with the CPU slowed 4x. Figures are printed, never asserted.
//
//   dotnet run -c Release --project tests/ThiDua.Workflows.Designer.Benchmarks [-- --activities 500 --runs 5]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ThiDua.Workflows.Web.Designer;

namespace ThiDua.Workflows.Designer.Benchmarks;

// The web host's entry point class is Program (global namespace); this harness names its own class otherwise so that
// WebApplicationFactory<Program> starts the web application, not this one.
public static class DesignerBenchmark
{
    public static async Task Main(string[] args)
    {
        var activities = Option(args, "--activities", 500);
        var runs = Option(args, "--runs", 5);
        // Outside a test project WebApplicationFactory is told where the web project's files are.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ThiDua.Workflows.sln"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_THIDUA_WORKFLOWS_WEB",
            Path.Combine(root?.FullName ?? throw new InvalidOperationException("ThiDua.Workflows.sln not found"), "src", "ThiDua.Workflows.Web"));
        var data = Directory.CreateTempSubdirectory("thidua-designer-bench-").FullName;
        var port = FreePort();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Urls", $"http://127.0.0.1:{port}");
            builder.UseSetting("Workflows:Store:SqliteFile", Path.Combine(data, "workflows.db"));
            builder.UseSetting("Workflows:Scheduling:SqliteFile", Path.Combine(data, "hangfire.db"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        factory.UseKestrel();
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        var definition = Generate(activities, out var connections);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var imported = await scope.ServiceProvider.GetRequiredService<DesignerService>().ImportAsync(definition, "vanphong");
            if (imported.Value.DefinitionId is null) throw new InvalidOperationException(imported.Message);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });

        Console.WriteLine($"designer benchmark: {activities} activities, {connections} connections, headless Chromium {browser.Version}, {runs} runs");
        foreach (var throttle in new[] { 1, 4 })
        {
            var cold = new List<double>();
            var warm = new List<double>();
            List<double> frames = [];
            for (var run = 0; run < runs; run++)
            {
                await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1600, Height = 1000 }, Locale = "vi-VN" });
                var page = await SignInAsync(context);
                var cdp = await context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = throttle });
                cold.Add(await OpenAsync(page, "/designer/bench-large"));
                warm.Add(await OpenAsync(page, "/designer/bench-large", reload: true));
                if (run == 0) frames = await DragAsync(page);
            }

            var label = throttle == 1 ? "full speed" : $"CPU {throttle}x slower";
            Console.WriteLine($"open to interactive canvas ({label}): cold median {Median(cold):F0} ms (min {cold.Min():F0}, max {cold.Max():F0}); warm median {Median(warm):F0} ms");
            Console.WriteLine($"frame time dragging a node 2 s ({label}): p50 {Percentile(frames, 50):F1} ms, p95 {Percentile(frames, 95):F1} ms, max {frames.Max():F1} ms, {frames.Count} frames");
        }

        Directory.Delete(data, recursive: true);
    }

    static async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "vanphong");
        await page.FillAsync("#password", "ThiDua@2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    // Navigation start to window.designer.readyAt: the graph drawn and two frames painted after it.
    static async Task<double> OpenAsync(IPage page, string url, bool reload = false)
    {
        if (reload) await page.ReloadAsync(); else await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.designer && window.designer.ready", null, new() { Timeout = 120_000 });
        if (Environment.GetEnvironmentVariable("DESIGNER_TIMINGS") == "1")
            Console.WriteLine("  " + await page.EvaluateAsync<string>("() => JSON.stringify({ ...window.designer.timings, ready: window.designer.readyAt, response: performance.getEntriesByType('navigation')[0].responseEnd, dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd })"));
        return await page.EvaluateAsync<double>("() => window.designer.readyAt");
    }

    // Drags a node in small steps for about two seconds while a requestAnimationFrame sampler records frame times.
    static async Task<List<double>> DragAsync(IPage page)
    {
        await page.EvaluateAsync("() => { window.designer.instance.graph.zoom(1, { absolute: true }); window.designer.instance.focusNode('a0'); }");
        var node = page.Locator(".designer-canvas g[data-cell-id='a0'] rect").First;
        await node.ScrollIntoViewIfNeededAsync();
        var box = await node.BoundingBoxAsync() ?? throw new InvalidOperationException("node a0 is not drawn");
        await page.EvaluateAsync("""
            () => { window.__frames = []; window.__stop = false; let last = performance.now();
              const tick = t => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
              requestAnimationFrame(tick); }
            """);
        var x = box.X + box.Width / 2;
        var y = box.Y + box.Height / 2;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        var clock = Stopwatch.StartNew();
        var i = 0;
        while (clock.ElapsedMilliseconds < 2000)
        {
            i++;
            await page.Mouse.MoveAsync(x + 150 * MathF.Sin(i / 10f), y + 80 * MathF.Cos(i / 10f));
            await Task.Delay(8);
        }

        await page.Mouse.UpAsync();
        return (await page.EvaluateAsync<double[]>("() => { window.__stop = true; return window.__frames.slice(1); }")).ToList();
    }

    // A definition of N activities: a chain of tasks, decisions and writes with every fifth decision's other branch
    // jumping ahead, laid out on a grid; about 1.2 connections per activity.
    static JsonObject Generate(int count, out int connectionCount)
    {
        var list = new JsonArray();
        var links = new JsonArray();
        JsonObject Link(string from, string port, string to) =>
            new() { ["source"] = new JsonObject { ["activity"] = from, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" } };
        for (var i = 0; i < count; i++)
        {
            var id = $"a{i}";
            var type = i == 0 ? "Elsa.Start" : i == count - 1 ? "Elsa.End" : (i % 5) switch { 0 => "Elsa.FlowDecision", 1 or 3 => "ThiDua.UserTask", _ => "Elsa.WriteLine" };
            var activity = new JsonObject
            {
                ["id"] = id, ["type"] = type, ["version"] = 1,
                ["metadata"] = new JsonObject { ["displayText"] = $"Bước {i + 1}: xử lý hồ sơ", ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = i % 25 * 300, ["y"] = i / 25 * 160 } } },
            };
            if (type == "ThiDua.UserTask")
            {
                activity["title"] = Literal("String", $"Việc {i}");
                activity["role"] = Literal("String", "Office");
                activity["actions"] = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"Done\"]" } };
            }
            else if (type == "Elsa.WriteLine") activity["text"] = Literal("String", $"Dòng {i}");
            else if (type == "Elsa.FlowDecision") activity["condition"] = new JsonObject { ["typeName"] = "Boolean", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "true" } };
            list.Add(activity);
            if (i == 0) continue;
            var previous = (i - 1) % 5 == 0 && i - 1 > 0 ? "True" : "Done";
            links.Add(Link($"a{i - 1}", previous, id));
            if (type == "Elsa.FlowDecision") links.Add(Link(id, "False", $"a{Math.Min(count - 1, i + 7)}"));
        }

        connectionCount = links.Count;
        return new JsonObject
        {
            ["id"] = "bench-large:v1", ["definitionId"] = "bench-large", ["name"] = $"Quy trình lớn ({count} bước)", ["version"] = 1,
            ["variables"] = new JsonArray(),
            ["root"] = new JsonObject { ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["activities"] = list, ["connections"] = links },
        };

        static JsonObject Literal(string typeName, string value) =>
            new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
    }

    static double Median(List<double> values) => Percentile(values, 50);

    static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
