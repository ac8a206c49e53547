using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence;

// Usage:
//   TestHost start   --db sqlite:FILE|postgres:CONN --workflow FILE
//   TestHost recover --db ...
//   TestHost resume  --db ... --bookmarks FILE [--go FILE] [--callers N] [--acks FILE]
// Output lines: "line: TEXT" for each WriteLine, "instance: ID STATUS", "resumed: N", "already: N".
// With --acks, each bookmark whose resume was acknowledged (Resumed) is appended to FILE at once, one id a line.
var options = ParseArgs(args[1..]);
var services = new ServiceCollection();
services.AddSingleton<IOutboxHandler, PrintLine>();
services.AddWorkflowEngine().AddActivity<Pause>().AddEfCoreStore(o =>
{
    var db = options["--db"];
    if (db.StartsWith("postgres:", StringComparison.Ordinal))
    {
        o.Provider = StoreProvider.PostgreSql;
        o.ConnectionString = db["postgres:".Length..];
    }
    else
    {
        o.SqliteFile = db["sqlite:".Length..];
    }
});
await using var provider = services.BuildServiceProvider();
var runtime = provider.GetRequiredService<IWorkflowRuntime>();

switch (args[0])
{
    case "start":
        await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        var definition = ElsaJsonReader.ReadOrThrow(await File.ReadAllTextAsync(options["--workflow"]));
        var run = await runtime.StartAsync(definition);
        Console.WriteLine($"instance: {run.InstanceId} {run.Status}");
        break;
    case "recover":
        var report = await provider.GetRequiredService<WorkflowStoreInitializer>().InitializeAsync(null);
        Console.WriteLine($"recovered: {report.RecoveredInstances}");
        break;
    case "resume":
        var ids = await File.ReadAllLinesAsync(options["--bookmarks"]);
        if (options.TryGetValue("--go", out var go))
            while (!File.Exists(go)) await Task.Delay(5);
        int resumed = 0, already = 0;
        var callers = options.TryGetValue("--callers", out var c) ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var acks = options.TryGetValue("--acks", out var a) ? new StreamWriter(a, append: true) { AutoFlush = true } : null;
        var gate = new Lock();
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(ids.Where(l => l.Length > 0));
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var id))
            {
                var result = await runtime.ResumeAsync(id, new JsonObject { ["by"] = Environment.ProcessId });
                lock (gate)
                {
                    if (result.Outcome == ResumeOutcome.Resumed)
                    {
                        resumed++;
                        acks?.WriteLine(id);
                    }
                    else
                    {
                        already++;
                    }
                }
            }
        })));
        acks?.Dispose();

        Console.WriteLine($"resumed: {resumed}");
        Console.WriteLine($"already: {already}");
        break;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

return 0;

static Dictionary<string, string> ParseArgs(string[] args)
{
    var map = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2) map[args[i]] = args[i + 1];
    return map;
}

/// <summary>Prints each WriteLine line once its burst committed.</summary>
internal sealed class PrintLine : IOutboxHandler
{
    public string Kind => WriteLine.OutboxKind;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        Console.WriteLine("line: " + message.Payload["text"]?.GetValue<string>());
        return Task.CompletedTask;
    }
}

/// <summary>
/// Test.Pause: when THIDUA_TEST_PAUSE_FILE is set, writes that file and hangs, so the test can kill the process in
/// the middle of a burst; otherwise it completes at once.
/// </summary>
[Activity("Test.Pause", Category = "Test")]
internal sealed class Pause : IActivity
{
    public async ValueTask ExecuteAsync(ActivityContext context)
    {
        if (Environment.GetEnvironmentVariable("THIDUA_TEST_PAUSE_FILE") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, context.WorkflowInstanceId);
            await Task.Delay(Timeout.Infinite);
        }

        context.Complete();
    }
}
