using Npgsql;
using ThiDua.Workflows.Engine.Runtime;

// A PostgreSQL restart in TransientFaultTests must not reach another test class: classes run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>
/// PostgreSQL drops every connection of the database twice and then restarts while instances are being resumed: the
/// store retries on fresh connections and the run completes, each instance finished once.
/// </summary>
[Collection(PostgresLoad.Name)]
public sealed class TransientFaultTests
{
    [Fact]
    public async Task ConnectionsDroppedAndAServerRestartDuringARun_TheRunCompletes_EachInstanceOnce()
    {
        await using var host = await StoreHost.PostgresAsync();
        var database = new NpgsqlConnectionStringBuilder(host.Spec["postgres:".Length..]).Database!;
        var starts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            host.StartAsync(Workflows.Chain($"gian-doan-{i}", $"gian-doan-{i}", Workflows.Event("e1", $"TiepTuc{i}"), Workflows.WriteLine("w1", $"xong {i}")))));

        // Resumes go on while the server terminates every connection to the database twice, then restarts.
        var resumes = Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Delay(i * 15);
            await host.Runtime.PublishEventAsync($"TiepTuc{i}");
        }));
        for (var round = 0; round < 2; round++)
        {
            await Task.Delay(150);
            await TerminateConnectionsAsync(database);
        }

        await Task.Delay(100);
        await RestartServerAsync(database);

        await resumes;
        foreach (var start in starts)
        {
            Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync(start.InstanceId))!.Status);
            Assert.Single(await host.Store.ReadJournalAsync(start.InstanceId), j => j.EventName == JournalEvents.WorkflowFinished);
        }

        Assert.Equal(40, host.Lines.Count);
        Assert.Equal(40, host.Lines.Distinct().Count());
    }

    // The local cluster tests/setup/postgres.sh started (pg_ctlcluster, as root in CI); a server this machine does not
    // manage (THIDUA_TEST_POSTGRES elsewhere) has its connections dropped instead, which is what clients see of it.
    private static async Task RestartServerAsync(string database)
    {
        var clusters = await RunAsync("pg_lsclusters", "-h");
        var fields = clusters?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (Environment.GetEnvironmentVariable("THIDUA_TEST_POSTGRES") is null && fields is { Length: >= 2 } && await RunAsync("pg_ctlcluster", fields[0], fields[1], "restart") is not null)
            return;
        await TerminateConnectionsAsync(database);
    }

    private static async Task<string?> RunAsync(string program, params string[] args)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed here
        }
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

/// <summary>Tests that load PostgreSQL with many connections, or cut them, run one after the other (the assembly runs its classes one at a time: a restart must not hit another test).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresLoad
{
    public const string Name = "PostgresLoad";
}
