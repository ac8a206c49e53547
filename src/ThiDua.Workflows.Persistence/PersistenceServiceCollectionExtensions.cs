using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Persistence.Entities;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Replaces the in-memory stores with the EF Core store (SQLite by default, or PostgreSQL).</summary>
    public static IWorkflowEngineBuilder AddEfCoreStore(this IWorkflowEngineBuilder builder, Action<StoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new StoreOptions();
        configure?.Invoke(options);
        if (options.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("The workflow store's settings are not usable: " + string.Join("; ", problems));
        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton<IWorkflowDbContextFactory>(sp => new WorkflowDbContextFactory(sp.GetRequiredService<StoreOptions>()));
        services.TryAddSingleton<SqlConnections>();
        services.TryAddSingleton<CommitGroup>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowStore, EfWorkflowStore>());
        services.Replace(ServiceDescriptor.Singleton<IDefinitionStore, EfDefinitionStore>());
        services.TryAddSingleton<IDefinitionDraftStore, EfDefinitionDraftStore>();
        services.TryAddSingleton<WorkflowDatabase>();
        services.TryAddSingleton(sp => LeasedOutboxes.Create(sp, EfOutboxDispatcher.Table, sp.GetRequiredService<IWorkflowDbContextFactory>().Create, options.OutboxLease));
        services.AddSingleton<IDeadLetterBox>(sp => sp.GetRequiredService<LeasedOutbox<WorkflowDbContext, OutboxRecord>>());
        services.TryAddSingleton<EfOutboxDispatcher>();
        services.TryAddSingleton<WorkflowStoreInitializer>();
        services.Replace(ServiceDescriptor.Singleton<IOutboxDispatcher>(sp => sp.GetRequiredService<EfOutboxDispatcher>()));
        return builder;
    }
}
