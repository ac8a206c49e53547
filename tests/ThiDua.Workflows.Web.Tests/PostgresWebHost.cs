using Microsoft.AspNetCore.Hosting;
using Npgsql;

// Hangfire keeps its storage in a process-wide static: the SQLite host and the PostgreSQL host must not run at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The real web host on a fresh PostgreSQL database (workflow store, domain tables and Hangfire jobs).</summary>
public sealed class PostgresWebHost : WebHost
{
    private readonly string _database = "thidua_web_" + Guid.NewGuid().ToString("N")[..8];

    public PostgresWebHost()
    {
        using var connection = new NpgsqlConnection(DatabaseConnection("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{_database}\"";
        command.ExecuteNonQuery();
    }

    protected override void ConfigureStore(IWebHostBuilder builder)
    {
        builder.UseSetting("Workflows:Store:Provider", "PostgreSql");
        builder.UseSetting("Workflows:Store:ConnectionString", DatabaseConnection(_database));
        builder.UseSetting("Workflows:Scheduling:Storage", "PostgreSql");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(DatabaseConnection("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>The server tests/setup/postgres.sh starts (override with THIDUA_TEST_POSTGRES).</summary>
    internal static string DatabaseConnection(string database) => ThiDua.Workflows.Testing.TestEnvironment.Postgres(database);
}

[CollectionDefinition(Name)]
public sealed class PostgresWebCollection : ICollectionFixture<PostgresWebHost>
{
    public const string Name = "WebPostgres";
}
