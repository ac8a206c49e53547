using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Notifications.Mail;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public const string MailJobId = "mail:send";

    // A run sends up to 200 mails on one connection; the lease covers a slow server.
    private static readonly TimeSpan MailLease = TimeSpan.FromMinutes(2);

    /// <summary>Task rows, personal task links and mail through MailKit from a mail outbox (needs the EF store and Hangfire scheduling).</summary>
    public static IWorkflowEngineBuilder AddNotifications(this IWorkflowEngineBuilder builder, Action<MailOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new MailOptions();
        configure?.Invoke(options);
        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton(sp => new NotificationsContexts(sp.GetRequiredService<StoreOptions>()));
        services.TryAddSingleton<MailTemplates>();
        services.TryAddSingleton<TaskDecisions>();
        services.TryAddSingleton<Notices>();
        services.TryAddSingleton(sp => LeasedOutboxes.Create(sp, MailOutboxJob.Table, sp.GetRequiredService<NotificationsContexts>().Create, MailLease));
        services.AddSingleton<IDeadLetterBox>(sp => sp.GetRequiredService<LeasedOutbox<NotificationsDbContext, MailRecord>>());
        services.TryAddSingleton<MailServerStatus>();
        services.TryAddTransient<MailOutboxJob>();
        services.TryAddSingleton<MailTester>();
        foreach (var kind in new[] { TaskMessages.Created, TaskMessages.Reminder, TaskMessages.Escalation, TaskMessages.Completed, TaskMessages.Cancelled })
            services.AddSingleton<IOutboxHandler>(sp => ActivatorUtilities.CreateInstance<TaskNotificationHandler>(sp, kind));
        services.AddHostedService<NotificationsStartup>();
        return builder;
    }

    private sealed class NotificationsStartup(NotificationsContexts contexts, IRecurringJobManager recurring) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await contexts.MigrateAsync(cancellationToken).ConfigureAwait(false);
            recurring.AddOrUpdate<MailOutboxJob>(MailJobId, j => j.SendPendingAsync(CancellationToken.None), "* * * * *");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
