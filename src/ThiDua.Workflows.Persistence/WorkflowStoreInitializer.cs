using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Persistence;

/// <summary>What start-up did.</summary>
public sealed record InitializationReport(IReadOnlyList<ImportedWorkflow> Imported, int RecoveredInstances, int DeliveredOutboxMessages);

/// <summary>
/// Start-up of a process that owns the store: upgrade the database, publish the files of <c>workflows/</c>,
/// continue instances a crash interrupted, and deliver outbox rows a crash left behind.
/// </summary>
public sealed class WorkflowStoreInitializer(
    WorkflowDatabase database,
    IDefinitionStore definitions,
    IWorkflowStore store,
    IWorkflowRuntime runtime,
    EfOutboxDispatcher outbox)
{
    public async Task<InitializationReport> InitializeAsync(string? workflowsFolder, CancellationToken cancellationToken = default)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var imported = workflowsFolder is null
            ? []
            : await WorkflowFolder.ImportAsync(definitions, workflowsFolder, cancellationToken).ConfigureAwait(false);
        var recovered = await runtime.RecoverInterruptedAsync(store, cancellationToken).ConfigureAwait(false);
        var delivered = await outbox.DeliverPendingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new InitializationReport(imported, recovered, delivered);
    }
}
