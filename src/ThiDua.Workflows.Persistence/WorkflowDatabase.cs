using Microsoft.EntityFrameworkCore;

namespace ThiDua.Workflows.Persistence;

/// <summary>Creates or upgrades the database to the latest migration of its provider.</summary>
public sealed class WorkflowDatabase(IWorkflowDbContextFactory contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Migrations applied so far, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
    }
}
