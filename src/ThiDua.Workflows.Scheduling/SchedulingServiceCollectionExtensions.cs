using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Scheduling.Tasks;
using ThiDua.Workflows.Scheduling.Timers;

namespace ThiDua.Workflows.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    public const string ReconcileJobId = "workflow-timers:reconcile";
    public const string OutboxDrainJobId = "workflow-outbox:drain";
    public const string RecoveryJobId = "workflow-instances:recover";
    public const string CronTriggerSyncJobId = "cron-triggers:sync";
    public const string BackupJobId = "backup:nightly";

    /// <summary>
    /// Timers on Hangfire (a job per timer bookmark, a recurring reconciliation), the Vietnamese working-day
    /// calendar, and the <c>ThiDua.UserTask</c> activity with deadlines, reminders and escalation.
    /// </summary>
    public static IWorkflowEngineBuilder AddHangfireScheduling(
        this IWorkflowEngineBuilder builder,
        Action<SchedulingOptions>? configure = null,
        Action<WorkingCalendarOptions>? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SchedulingOptions();
        configure?.Invoke(options);
        if (options.JobInvisibilityTimeout <= TimeSpan.Zero || options.DistributedLockTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException($"{SchedulingOptions.SectionName}: JobInvisibilityTimeout and DistributedLockTimeout must be positive.");
        builder.AddTaskActivities(calendar);

        var services = builder.Services;
        services.AddSingleton(options);

        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (options.Storage)
            {
                case JobStorageKind.PostgreSql:
                    var connectionString = options.ConnectionString
                        ?? throw new InvalidOperationException($"{SchedulingOptions.SectionName}:ConnectionString is required for PostgreSQL job storage.");
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                    {
                        QueuePollInterval = options.PollInterval,
                        InvisibilityTimeout = options.JobInvisibilityTimeout,
                        UseSlidingInvisibilityTimeout = true,
                        DistributedLockTimeout = options.DistributedLockTimeout,
                    });
                    break;
                case JobStorageKind.InMemory:
                    config.UseInMemoryStorage(new InMemoryStorageOptions());
                    break;
                default:
                    var file = Path.GetFullPath(options.SqliteFile);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    config.UseSQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = options.PollInterval });
                    break;
            }
        });
        if (options.RunServer)
        {
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.PollInterval;
                server.ServerCheckInterval = TimeSpan.FromSeconds(30);
            });
        }

        services.TryAddTransient<TimerJobs>();
        services.TryAddTransient<TimerReconciler>();
        services.TryAddTransient<OutboxDrainJob>();
        services.TryAddTransient<RecoveryJob>();
        services.TryAddTransient<CronTriggers>();
        services.TryAddTransient<Backup.NightlyBackupJob>();
        services.AddSingleton<IOutboxHandler, HangfireTimerScheduler>();
        services.AddHostedService<RecurringJobsRegistrar>();
        return builder;
    }

    /// <summary>
    /// The working-day calendar and the <c>ThiDua.UserTask</c> activity, without Hangfire (the CLI validates and runs
    /// workflows with tasks; their timers then wait in the store).
    /// </summary>
    public static IWorkflowEngineBuilder AddTaskActivities(this IWorkflowEngineBuilder builder, Action<WorkingCalendarOptions>? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var calendarOptions = new WorkingCalendarOptions();
        calendar?.Invoke(calendarOptions);
        builder.Services.TryAddSingleton(calendarOptions);
        builder.Services.TryAddSingleton<WorkingCalendar>();
        builder.Services.TryAddSingleton<DeadlinePlanner>();
        return builder.AddActivity<UserTask>();
    }

    /// <summary>Registers the recurring jobs and runs one reconciliation at start-up (a reset storage is rebuilt at once).</summary>
    private sealed class RecurringJobsRegistrar(IRecurringJobManager recurring, IBackgroundJobClient jobs, SchedulingOptions options, Persistence.StoreOptions store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate<TimerReconciler>(ReconcileJobId, r => r.ReconcileAsync(CancellationToken.None), options.ReconcileCron);
            recurring.AddOrUpdate<OutboxDrainJob>(OutboxDrainJobId, d => d.DrainAsync(CancellationToken.None), options.OutboxDrainCron);
            recurring.AddOrUpdate<RecoveryJob>(RecoveryJobId, r => r.RecoverAsync(CancellationToken.None), options.RecoveryCron);
            recurring.AddOrUpdate<CronTriggers>(CronTriggerSyncJobId, c => c.SyncAsync(CancellationToken.None), options.CronTriggerSyncCron);
            if (store.Provider == Persistence.StoreProvider.Sqlite && !string.IsNullOrWhiteSpace(options.BackupCron))
                recurring.AddOrUpdate<Backup.NightlyBackupJob>(BackupJobId, b => b.RunAsync(CancellationToken.None), options.BackupCron,
                    new RecurringJobOptions { TimeZone = VietnamTime });
            else
                recurring.RemoveIfExists(BackupJobId);
            jobs.Enqueue<TimerReconciler>(r => r.ReconcileAsync(CancellationToken.None));
            jobs.Enqueue<CronTriggers>(c => c.SyncAsync(CancellationToken.None));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private static TimeZoneInfo VietnamTime => TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Ho_Chi_Minh", out var zone) ? zone : TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");
    }
}
