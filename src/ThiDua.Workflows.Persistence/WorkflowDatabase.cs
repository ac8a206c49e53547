using Microsoft.EntityFrameworkCore;

namespace ThiDua.Workflows.Persistence;

/// <summary>Creates or upgrades the database to the latest migration of its provider.</summary>
public sealed class WorkflowDatabase(IWorkflowDbContextFactory contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        if (contexts.Provider == StoreProvider.Sqlite)
            // WAL lets readers run beside the one writer; the mode is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Migrations applied so far, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
    }
}
