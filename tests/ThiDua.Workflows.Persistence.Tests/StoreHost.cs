using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>A runtime on a real database: a fresh SQLite file, or a fresh PostgreSQL database.</summary>
internal sealed class StoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private StoreHost(string spec, Action<StoreOptions> configure, Action<IServiceCollection>? extra = null)
    {
        Spec = spec;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IOutboxHandler>(new LineCollector(this));
        extra?.Invoke(services);
        services.AddWorkflowEngine().AddEfCoreStore(configure);
        _provider = services.BuildServiceProvider();
    }

    /// <summary>The database as the test host process takes it: <c>sqlite:FILE</c> or <c>postgres:CONN</c>.</summary>
    public string Spec { get; }

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>While set, the WriteLine handler throws (a handler that fails, e.g. a service it calls is down).</summary>
    public bool LinesFail { get; set; }

    /// <summary>How many times the WriteLine handler was called, failing or not.</summary>
    public int LineCalls => Volatile.Read(ref _lineCalls);

    private int _lineCalls;

    public IWorkflowRuntime Runtime => _provider.GetRequiredService<IWorkflowRuntime>();

    public IWorkflowStore Store => _provider.GetRequiredService<IWorkflowStore>();

    public IDefinitionStore Definitions => _provider.GetRequiredService<IDefinitionStore>();

    public WorkflowDatabase Database => _provider.GetRequiredService<WorkflowDatabase>();

    public IWorkflowDbContextFactory Contexts => _provider.GetRequiredService<IWorkflowDbContextFactory>();

    public IServiceProvider Services => _provider;

    public static async Task<StoreHost> SqliteAsync(string? file = null, bool migrate = true, Action<StoreOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        file ??= Path.Combine(Path.GetTempPath(), "thidua-tests", Guid.NewGuid().ToString("N") + ".db");
        var host = new StoreHost("sqlite:" + file, o =>
        {
            o.SqliteFile = file;
            options?.Invoke(o);
        }, services);
        if (migrate) await host.Database.MigrateAsync();
        return host;
    }

    public static async Task<StoreHost> PostgresAsync(Action<StoreOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        var name = "thidua_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = PostgresServer.ConnectionString(name);
        var host = new StoreHost("postgres:" + connectionString, o =>
        {
            o.Provider = StoreProvider.PostgreSql;
            o.ConnectionString = connectionString;
            options?.Invoke(o);
        }, services);
        await host.Database.MigrateAsync();
        return host;
    }

    public Task<WorkflowRunResult> StartAsync(string json) => Runtime.StartAsync(ElsaJsonReader.ReadOrThrow(json));

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    private sealed class LineCollector(StoreHost host) : IOutboxHandler
    {
        public string Kind => WriteLine.OutboxKind;

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref host._lineCalls);
            if (host.LinesFail) throw new InvalidOperationException("Máy in dòng đang hỏng");
            host.Lines.Enqueue(message.Payload["text"]!.GetValue<string>());
            return Task.CompletedTask;
        }
    }
}

/// <summary>The PostgreSQL server that tests/setup/postgres.sh starts (override with THIDUA_TEST_POSTGRES).</summary>
internal static class PostgresServer
{
    public static string ConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(
            Environment.GetEnvironmentVariable("THIDUA_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres")
        {
            Database = database,
        };
        return builder.ToString();
    }
}
