using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Persistence;

/// <summary>What start-up did.</summary>
public sealed record InitializationReport(IReadOnlyList<ImportedWorkflow> Imported, int RecoveredInstances, int DeliveredOutboxMessages);

/// <summary>
/// Start-up of a process that owns the store: upgrade the database, publish the files of <c>workflows/</c>,
/// continue instances a crash interrupted, and deliver outbox rows a crash left behind.
/// </summary>
public sealed partial class WorkflowStoreInitializer(
    WorkflowDatabase database,
    IDefinitionStore definitions,
    IWorkflowStore store,
    IWorkflowRuntime runtime,
    EfOutboxDispatcher outbox,
    ILogger<WorkflowStoreInitializer> logger)
{
    public async Task<InitializationReport> InitializeAsync(string? workflowsFolder, CancellationToken cancellationToken = default)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var imported = workflowsFolder is null
            ? []
            : await WorkflowFolder.ImportAsync(definitions, workflowsFolder, cancellationToken).ConfigureAwait(false);
        var recovered = await runtime.RecoverInterruptedAsync(store, (id, ex) => RecoveryFailed(logger, ex, id), cancellationToken).ConfigureAwait(false);
        var delivered = await outbox.DeliverPendingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new InitializationReport(imported, recovered, delivered);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Workflow instance {WorkflowInstanceId} could not be continued after a restart; it stays Running")]
    private static partial void RecoveryFailed(ILogger logger, Exception exception, string workflowInstanceId);
}
