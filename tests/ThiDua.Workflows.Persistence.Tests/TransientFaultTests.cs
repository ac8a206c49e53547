using Npgsql;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>
/// PostgreSQL drops every connection of the database (as a restart does) while instances are being resumed: the
/// store retries on fresh connections and the run completes, each instance finished once.
/// </summary>
[Collection(PostgresLoad.Name)]
public sealed class TransientFaultTests
{
    [Fact]
    public async Task ConnectionsDroppedDuringARun_TheRunCompletes_EachInstanceOnce()
    {
        await using var host = await StoreHost.PostgresAsync();
        var database = new NpgsqlConnectionStringBuilder(host.Spec["postgres:".Length..]).Database!;
        var starts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            host.StartAsync(Workflows.Chain($"gian-doan-{i}", $"gian-doan-{i}", Workflows.Event("e1", $"TiepTuc{i}"), Workflows.WriteLine("w1", $"xong {i}")))));

        // Resumes go on while, three times, the server terminates every connection to the database.
        var resumes = Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Delay(i * 15);
            await host.Runtime.PublishEventAsync($"TiepTuc{i}");
        }));
        for (var round = 0; round < 3; round++)
        {
            await Task.Delay(150);
            await TerminateConnectionsAsync(database);
        }

        await resumes;
        foreach (var start in starts)
        {
            Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync(start.InstanceId))!.Status);
            Assert.Single(await host.Store.ReadJournalAsync(start.InstanceId), j => j.EventName == JournalEvents.WorkflowFinished);
        }

        Assert.Equal(40, host.Lines.Count);
        Assert.Equal(40, host.Lines.Distinct().Count());
    }

    private static async Task TerminateConnectionsAsync(string database)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
        command.Parameters.AddWithValue("db", database);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Tests that load PostgreSQL with many connections, or cut them, run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresLoad
{
    public const string Name = "PostgresLoad";
}
