using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Scheduling.Timers;

/// <summary>
/// Published workflows that an Elsa.Cron starts (<c>canStartWorkflow</c>) get one Hangfire recurring job each, on the
/// activity's cron expression (UTC); the job starts the published version. <see cref="SyncAsync"/> adds, updates and
/// removes those jobs to match what is published; it runs at start-up, after each publish, and every few minutes.
/// </summary>
public sealed partial class CronTriggers(
    IDefinitionStore definitions, IRecurringJobManager recurring, JobStorage storage, IWorkflowRuntime runtime, ILogger<CronTriggers> logger)
{
    /// <summary>The prefix of the recurring job ids this class owns: <c>cron-trigger:{definitionId}:{activityId}</c>.</summary>
    public const string JobPrefix = "cron-trigger:";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in await definitions.ListPublishedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await definitions.FindVersionAsync(version.Id, cancellationToken).ConfigureAwait(false) is not { } definition) continue;
            foreach (var (activityId, expression) in Engine.Activities.Cron.Triggers(definition))
            {
                var jobId = JobPrefix + definition.DefinitionId + ":" + activityId;
                try
                {
                    recurring.AddOrUpdate<CronTriggers>(jobId, c => c.StartAsync(definition.DefinitionId, activityId, CancellationToken.None),
                        expression, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
                    wanted.Add(jobId);
                }
                catch (ArgumentException ex)
                {
                    InvalidExpression(logger, ex, definition.DefinitionId, activityId, expression);
                }
            }
        }

        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs())
            if (job.Id.StartsWith(JobPrefix, StringComparison.Ordinal) && !wanted.Contains(job.Id))
                recurring.RemoveIfExists(job.Id);
        return wanted.Count;
    }

    /// <summary>One occurrence: starts the published version, the Cron completing at once as its trigger.</summary>
    /// <remarks>Not retried by Hangfire: a retry after a start that committed would start a second instance.</remarks>
    [AutomaticRetry(Attempts = 0)]
    public async Task StartAsync(string definitionId, string activityId, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (definition is null) return; // retracted since the job was set; the next sync removes it
        var run = await runtime.StartAsync(definition, new StartOptions(TriggerActivityId: activityId), cancellationToken).ConfigureAwait(false);
        Started(logger, definitionId, run.InstanceId);
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Cron started workflow {DefinitionId} as instance {WorkflowInstanceId}")]
    private static partial void Started(ILogger logger, string definitionId, string workflowInstanceId);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Cron trigger {ActivityId} of workflow {DefinitionId} has an expression Hangfire refuses: {Expression}")]
    private static partial void InvalidExpression(ILogger logger, Exception exception, string definitionId, string activityId, string expression);
}
