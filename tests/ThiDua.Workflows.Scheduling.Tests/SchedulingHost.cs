using System.Collections.Concurrent;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Scheduling.Tasks;
using ThiDua.Workflows.Scheduling.Timers;

namespace ThiDua.Workflows.Scheduling.Tests;

/// <summary>A task notification as a test sees it: what, for which instance, and the (fake) moment it was sent.</summary>
public sealed record SentMessage(string Kind, string InstanceId, int? DaysBefore, DateTimeOffset At);

/// <summary>
/// A real host: the SQLite workflow store, Hangfire on its own SQLite file with a server, and a fake clock shared
/// across restarts. Recurring reconciliation is left to the test, which calls it after moving the clock.
/// </summary>
public sealed class SchedulingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SchedulingHost(IHost host) => _host = host;

    public static readonly DateTimeOffset June1 = new(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(7));

    public IServiceProvider Services => _host.Services;

    public IWorkflowRuntime Runtime => Services.GetRequiredService<IWorkflowRuntime>();

    public IWorkflowStore Store => Services.GetRequiredService<IWorkflowStore>();

    public JobStorage JobStorage => Services.GetRequiredService<JobStorage>();

    public static async Task<SchedulingHost> StartAsync(string folder, FakeTimeProvider clock, ConcurrentQueue<SentMessage> sent)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        foreach (var kind in new[] { TaskMessages.Reminder, TaskMessages.Escalation, TaskMessages.Completed })
            builder.Services.AddSingleton<IOutboxHandler>(new Recorder(kind, sent, clock));
        builder.Services.AddWorkflowEngine()
            .AddEfCoreStore(o => o.SqliteFile = Path.Combine(folder, "workflows.db"))
            .AddHangfireScheduling(o =>
            {
                o.SqliteFile = Path.Combine(folder, "hangfire.db");
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.ReconcileCron = Cron.Never();
                o.OutboxDrainCron = Cron.Never();
            });
        var host = builder.Build();
        await host.Services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await host.StartAsync();
        var scheduling = new SchedulingHost(host);
        await scheduling.SettleAsync();
        return scheduling;
    }

    public Task<WorkflowRunResult> StartWorkflowAsync(string json, System.Text.Json.Nodes.JsonObject? input = null, string? instanceId = null) =>
        Runtime.StartAsync(ElsaJsonReader.ReadOrThrow(json), new StartOptions(input, InstanceId: instanceId));

    public Task<ReconcileReport> ReconcileAsync() => Services.GetRequiredService<TimerReconciler>().ReconcileAsync();

    /// <summary>Reconciles (due timers are enqueued) and waits until Hangfire has run every enqueued job.</summary>
    public async Task PumpAsync()
    {
        await ReconcileAsync();
        await SettleAsync();
    }

    public async Task SettleAsync()
    {
        var monitoring = JobStorage.GetMonitoringApi();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var quiet = 0;
        while (quiet < 3)
        {
            await Task.Delay(100, timeout.Token);
            var busy = monitoring.Queues().Sum(q => q.Length) + monitoring.ProcessingCount();
            quiet = busy == 0 ? quiet + 1 : 0;
        }
    }

    public int ScheduledTimerJobs() =>
        JobStorage.GetMonitoringApi().ScheduledJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(TimerJobs));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class Recorder(string kind, ConcurrentQueue<SentMessage> sent, TimeProvider clock) : IOutboxHandler
    {
        public string Kind => kind;

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            var daysBefore = message.Payload["daysBefore"]?.GetValue<int>();
            sent.Enqueue(new SentMessage(kind, message.WorkflowInstanceId, daysBefore, clock.GetUtcNow()));
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// Hangfire keeps its storage in a process-wide static (<c>JobStorage.Current</c>), so hosts with a Hangfire server
/// must not overlap within one test process: their tests share this collection and run one after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire";
}
