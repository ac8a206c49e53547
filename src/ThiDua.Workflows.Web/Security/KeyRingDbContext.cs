using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Web.Security;

/// <summary>
/// The data-protection key ring (sign-in cookies, antiforgery tokens, reset links) in the product's database, so
/// every web node reads and writes the same keys: a cookie issued by one node is honoured by the next.
/// Migrations: <c>dotnet ef migrations add NAME --project src/ThiDua.Workflows.Web --context SqliteKeyRingDbContext --output-dir Migrations/KeyRing/Sqlite</c>
/// and the same with <c>PostgresKeyRingDbContext</c> and <c>Migrations/KeyRing/Postgres</c>.
/// </summary>
public abstract class KeyRingDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public const string HistoryTable = "__KeyRingMigrationsHistory";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

public sealed class SqliteKeyRingDbContext(DbContextOptions<SqliteKeyRingDbContext> options) : KeyRingDbContext(options);

public sealed class PostgresKeyRingDbContext(DbContextOptions<PostgresKeyRingDbContext> options) : KeyRingDbContext(options);

public sealed class SqliteKeyRingDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKeyRingDbContext>
{
    public SqliteKeyRingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKeyRingDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(KeyRingDbContext.HistoryTable)).Options);
}

public sealed class PostgresKeyRingDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKeyRingDbContext>
{
    public PostgresKeyRingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKeyRingDbContext>().UseNpgsql("Host=127.0.0.1;Database=design", o => o.MigrationsHistoryTable(KeyRingDbContext.HistoryTable)).Options);
}

/// <summary>Applies the key ring's migrations before the first request needs a key.</summary>
internal sealed class KeyRingInitializer(ModuleDbContexts<KeyRingDbContext> contexts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => contexts.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class KeyRingServiceCollectionExtensions
{
    /// <summary>Keys in the database under one application name (the default discriminator is the install path, which differs between nodes).</summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, StoreOptions store)
    {
        services.AddSingleton(ModuleDbContexts.For<KeyRingDbContext, SqliteKeyRingDbContext, PostgresKeyRingDbContext>(store, KeyRingDbContext.HistoryTable));
        services.AddScoped(sp => sp.GetRequiredService<ModuleDbContexts<KeyRingDbContext>>().Create());
        services.AddHostedService<KeyRingInitializer>();
        services.AddDataProtection()
            .SetApplicationName("ThiDua.Workflows")
            .PersistKeysToDbContext<KeyRingDbContext>();
        return services;
    }
}
