using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Web.Campaigns;

namespace ThiDua.Workflows.Web.Hosting;

/// <summary>
/// Start-up: upgrade the database, publish workflows/, continue interrupted instances, deliver left-over outbox
/// rows, upgrade the nomination tables and create missing users (and the demo data in Development); in Development also start the demo campaign (units' plan deadlines and the reviews).
/// </summary>
public sealed partial class WorkflowStartup(
    WorkflowStoreInitializer initializer,
    CampaignService campaigns,
    ThiDua.Workflows.Nominations.Services.NominationsInitializer nominations,
    IReadOnlyList<ThiDua.Workflows.Nominations.Services.SeedUser> seedUsers,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<WorkflowStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = configuration["Workflows:Folder"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : AppFolders.Find(environment.ContentRootPath, "workflows");
        var report = await initializer.InitializeAsync(folder, cancellationToken).ConfigureAwait(false);
        Initialized(logger, report.Imported.Count, folder ?? "(none)", report.RecoveredInstances, report.DeliveredOutboxMessages);
        // After the workflows are published: demo nominations start their paths.
        await nominations.InitializeAsync(seedUsers, cancellationToken).ConfigureAwait(false);

        if (configuration.GetValue("Workflows:Campaign:StartOnStartup", environment.IsDevelopment()))
        {
            var started = await campaigns.StartPlanDeadlinesAsync(cancellationToken).ConfigureAwait(false);
            await campaigns.StartReviewsAsync(cancellationToken).ConfigureAwait(false);
            CampaignStarted(logger, started.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Published {Count} workflow files from {Folder}; recovered {Recovered} interrupted instances; delivered {Delivered} outbox messages")]
    private static partial void Initialized(ILogger logger, int count, string folder, int recovered, int delivered);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Campaign: started {Count} plan-deadline instances")]
    private static partial void CampaignStarted(ILogger logger, int count);
}
