using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Testing;

namespace ThiDua.Workflows.Benchmarks;

public sealed class BenchmarkOptions
{
    public int Instances { get; set; } = 10_000;

    public int ScaleInstances { get; set; } = 100_000;

    public int ScaleBatch { get; set; } = 1_000;

    public int RawInserts { get; set; } = 20_000;

    public string Folder { get; set; } = Path.Combine(Path.GetTempPath(), "thidua-bench-" + Guid.NewGuid().ToString("N")[..8]);
}

public sealed record BenchmarkReport(double RawInsertsPerSecond, double TransitionsPerSecond, double RateAt1K, double RateAtScale, bool AllFinished);

/// <summary>
/// (a) raw single-row committed inserts with Microsoft.Data.Sqlite; (b) N instances of a 5-step approval-shaped
/// workflow driven through the durable runtime, each step a bookmark resumed from outside; (c) (b)/(a); and the
/// rate with 1,000 versus many finished instances in the database. All on SQLite files with the store's settings
/// (WAL, synchronous=NORMAL).
/// </summary>
public sealed class StoreBenchmark(BenchmarkOptions options, TextWriter output)
{
    private const int Steps = 5;

    public async Task<BenchmarkReport> RunAsync()
    {
        Directory.CreateDirectory(options.Folder);
        output.WriteLine($"ThiDua.Workflows store benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite WAL + synchronous=NORMAL");

        // The raw rate is measured just before and just after (b) and averaged: this machine's disk drifts by a quarter
        // within minutes, and a ratio of two rates taken at different moments would carry that drift.
        var rawBefore = RawInsertRate(NewFile("raw"), options.RawInserts);
        var main = await DriveAsync(NewFile("main"), options.Instances);
        var rawAfter = RawInsertRate(NewFile("raw"), options.RawInserts);
        var raw = (rawBefore + rawAfter) / 2;
        output.WriteLine($"(a) raw single-row committed inserts: {raw:F0} rows/s ({options.RawInserts} inserts, one transaction each; "
            + $"mean of {rawBefore:F0} before and {rawAfter:F0} after (b))");

        output.WriteLine($"(b) {options.Instances} instances x {Steps} resumed steps = {main.Transitions} durable transitions in {main.Elapsed.TotalSeconds:F1} s: {main.Rate:F0} transitions/s");
        output.WriteLine($"    resume latency p50 {main.P50:F2} ms, p95 {main.P95:F2} ms, p99 {main.P99:F2} ms; starts {main.StartRate:F0}/s");
        output.WriteLine($"    database {main.DatabaseBytes / 1024.0 / 1024.0:F1} MiB = {main.DatabaseBytes / (double)options.Instances:F0} bytes per finished instance; allocated {main.AllocatedBytesPerTransition:F0} bytes per transition");
        output.WriteLine($"(c) transitions/s ÷ raw inserts/s = {main.Rate / raw:P1} (target ≥ 25%)");

        // Concurrent callers: bursts committed together (group commit). Each caller drives its own share of instances.
        var concurrent = new Dictionary<int, (DriveResult Result, double GroupSize)>();
        foreach (var callers in CallerCounts)
            concurrent[callers] = await DriveConcurrentAsync(Sqlite(NewFile($"callers{callers}")), options.Instances, callers);
        output.WriteLine($"(d) 16 callers: {concurrent[16].Result.Rate:F0} transitions/s");
        PrintConcurrency("SQLite", concurrent, raw);
        var postgres = await DriveOnPostgresAsync();
        if (postgres.Results is { } onPostgres) PrintConcurrency("PostgreSQL", onPostgres, raw);
        else output.WriteLine($"    PostgreSQL: skipped — {postgres.Reason}");

        var (workflowCore, workflowCoreCompleted) = await WorkflowCoreBenchmark.RunAsync(options.Instances);
        output.WriteLine($"Workflow Core 3.22 (in memory), same shape, {options.Instances} instances: {workflowCore:F0} transitions/s; "
            + $"this runtime on a SQLite file: {main.Rate:F0}/s with one caller ({main.Rate / workflowCore:F1}×), "
            + $"{concurrent[16].Result.Rate:F0}/s with 16 ({concurrent[16].Result.Rate / workflowCore:F1}×) (goal ≥ 10×)");

        // Scale: the median of three batches with about 1,000 finished instances in the database, against the median
        // of three batches once it holds ScaleInstances more. A single short batch is too noisy on 2 cores. Each batch
        // starts ScaleBatch instances (starts/s) and resumes each of them through its 5 steps (resumes/s).
        var scaleFile = NewFile("scale");
        var first = await DriveAsync(scaleFile, options.ScaleBatch);
        var small = new List<DriveResult> { first };
        for (var i = 0; i < 2; i++) small.Add(await DriveAsync(scaleFile, options.ScaleBatch, createDatabase: false));
        await FillFinishedInstancesAsync(scaleFile, options.ScaleInstances);
        var large = new List<DriveResult>();
        for (var i = 0; i < 3; i++) large.Add(await DriveAsync(scaleFile, options.ScaleBatch, createDatabase: false));
        var smallRate = Median(small.Select(r => r.Rate));
        var largeRate = Median(large.Select(r => r.Rate));
        var change = (largeRate - smallRate) / smallRate;
        var smallStarts = Median(small.Select(r => r.StartRate));
        var largeStarts = Median(large.Select(r => r.StartRate));
        output.WriteLine($"scale: median {smallRate:F0} transitions/s with 1–3 thousand finished instances ({string.Join(", ", small.Select(r => r.Rate.ToString("F0", CultureInfo.InvariantCulture)))}), "
            + $"{largeRate:F0}/s with about {options.ScaleInstances / 1000} thousand more ({string.Join(", ", large.Select(r => r.Rate.ToString("F0", CultureInfo.InvariantCulture)))}): {change:+0.0%;-0.0%} (target within ±20%)");
        output.WriteLine($"    batches of {options.ScaleBatch} starts and {options.ScaleBatch * Steps} resumes, median of 3: starts {smallStarts:F0}/s → {largeStarts:F0}/s "
            + $"({(largeStarts - smallStarts) / smallStarts:+0.0%;-0.0%}), resumes {smallRate:F0}/s → {largeRate:F0}/s ({change:+0.0%;-0.0%})");

        Directory.Delete(options.Folder, recursive: true);
        var allFinished = main.AllFinished && workflowCoreCompleted && concurrent.Values.All(c => c.Result.AllFinished)
            && (postgres.Results?.Values.All(c => c.Result.AllFinished) ?? true)
            && small.All(r => r.AllFinished) && large.All(r => r.AllFinished);
        return new BenchmarkReport(raw, main.Rate, smallRate, largeRate, allFinished);
    }

    private string NewFile(string name)
    {
        // Under the run's own folder, removed at the end (each run used to leave hundreds of MB behind).
        var file = Path.Combine(options.Folder, $"{name}-{Guid.NewGuid():N}.db");
        return file;
    }

    private static readonly int[] CallerCounts = [1, 4, 16, 64];

    private void PrintConcurrency(string store, Dictionary<int, (DriveResult Result, double GroupSize)> results, double raw)
    {
        output.WriteLine($"    {store}:");
        foreach (var (callers, (result, groupSize)) in results)
            output.WriteLine($"    {callers,2} caller(s): {result.Rate,6:F0} transitions/s ({result.Rate / raw:P0} of raw SQLite inserts), resume latency p50 {result.P50:F2} ms, "
                + $"p95 {result.P95:F2} ms, p99 {result.P99:F2} ms; {groupSize:F1} bursts per commit");
    }

    private static Action<StoreOptions> Sqlite(string file) => o => o.SqliteFile = file;

    /// <summary>
    /// The concurrency runs on PostgreSQL, each on a fresh database of the server the test setup starts
    /// (THIDUA_TEST_POSTGRES overrides the connection); skipped with the reason when there is none.
    /// </summary>
    private async Task<(Dictionary<int, (DriveResult Result, double GroupSize)>? Results, string? Reason)> DriveOnPostgresAsync()
    {
        var results = new Dictionary<int, (DriveResult Result, double GroupSize)>();
        foreach (var callers in CallerCounts)
        {
            var database = "thidua_bench_" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                await TestEnvironment.PostgresAdminAsync($"CREATE DATABASE \"{database}\"");
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                return (null, $"no PostgreSQL server ({ex.Message})");
            }

            try
            {
                var connection = TestEnvironment.Postgres(database);
                results[callers] = await DriveConcurrentAsync(o =>
                {
                    o.Provider = StoreProvider.PostgreSql;
                    o.ConnectionString = connection;
                }, options.Instances, callers);
            }
            finally
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await TestEnvironment.PostgresAdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }

        return (results, null);
    }

    private static double RawInsertRate(string file, int count)
    {
        using var connection = new SqliteConnection(WorkflowDbContextFactory.SqliteConnectionString(file));
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE Raw (Id INTEGER PRIMARY KEY, Payload TEXT NOT NULL);");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Raw (Payload) VALUES ($payload)";
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        insert.Prepare();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            payload.Value = "bookmark-" + i.ToString(CultureInfo.InvariantCulture);
            insert.ExecuteNonQuery();
            transaction.Commit();
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private sealed record DriveResult(int Transitions, TimeSpan Elapsed, double Rate, double StartRate, double P50, double P95, double P99, long DatabaseBytes, double AllocatedBytesPerTransition, bool AllFinished);

    private static async Task<DriveResult> DriveAsync(string file, int instances, bool createDatabase = true)
    {
        var services = new ServiceCollection();
        services.AddWorkflowEngine().AddEfCoreStore(o => o.SqliteFile = file);
        await using var provider = services.BuildServiceProvider();
        if (createDatabase) await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        var runtime = provider.GetRequiredService<IWorkflowRuntime>();
        var definition = ApprovalWorkflow();
        var sizeBefore = DatabaseBytes(file);

        // Warm up the JIT and EF's query caches on one instance, outside the measurement.
        var warm = await runtime.StartAsync(definition);
        for (var s = 0; s < Steps; s++) warm = (await runtime.ResumeAsync(warm.Bookmarks[0].Id)).Run!;

        var startClock = Stopwatch.StartNew();
        var waiting = new List<string>(instances);
        for (var i = 0; i < instances; i++) waiting.Add((await runtime.StartAsync(definition)).Bookmarks[0].Id);
        var startRate = instances / startClock.Elapsed.TotalSeconds;

        var latencies = new double[instances * Steps];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        var n = 0;
        var finished = 0;
        for (var step = 0; step < Steps; step++)
        {
            for (var i = 0; i < waiting.Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var result = await runtime.ResumeAsync(waiting[i]);
                latencies[n++] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                var run = result.Run!;
                if (run.Status == WorkflowStatus.Finished) finished++;
                else waiting[i] = run.Bookmarks[0].Id;
            }
        }

        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        Array.Sort(latencies);
        return new DriveResult(
            n, elapsed, n / elapsed.TotalSeconds, startRate,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            DatabaseBytes(file) - sizeBefore, allocated / (double)n, finished == instances);
    }

    // The same shape and count as DriveAsync, with the resumes spread over concurrent callers.
    private static async Task<(DriveResult Result, double GroupSize)> DriveConcurrentAsync(Action<StoreOptions> store, int instances, int callers)
    {
        var services = new ServiceCollection();
        services.AddWorkflowEngine().AddEfCoreStore(store);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        var runtime = provider.GetRequiredService<IWorkflowRuntime>();
        var definition = ApprovalWorkflow();
        var warm = await runtime.StartAsync(definition);
        for (var s = 0; s < Steps; s++) warm = (await runtime.ResumeAsync(warm.Bookmarks[0].Id)).Run!;

        var waiting = new string[instances];
        for (var i = 0; i < instances; i++) waiting[i] = (await runtime.StartAsync(definition)).Bookmarks[0].Id;

        var group = provider.GetRequiredService<CommitGroup>();
        var (groupsBefore, burstsBefore) = (group.Groups, group.Bursts);
        var latencies = new double[instances * Steps];
        var next = -1;
        var finished = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; i < instances; i += callers)
            {
                for (var step = 0; step < Steps; step++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var run = (await runtime.ResumeAsync(waiting[i])).Run!;
                    latencies[Interlocked.Increment(ref next)] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (run.Status == WorkflowStatus.Finished) Interlocked.Increment(ref finished);
                    else waiting[i] = run.Bookmarks[0].Id;
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var n = next + 1;
        Array.Sort(latencies);
        var groupSize = (group.Bursts - burstsBefore) / (double)Math.Max(1, group.Groups - groupsBefore);
        return (new DriveResult(n, elapsed, n / elapsed.TotalSeconds, 0, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            0, allocated / (double)n, finished == instances), groupSize);
    }

    /// <summary>Copies the finished instances (with their journals) under new ids until the database holds <paramref name="total"/> more.</summary>
    private static async Task FillFinishedInstancesAsync(string file, int total)
    {
        await using var connection = new SqliteConnection(WorkflowDbContextFactory.SqliteConnectionString(file));
        await connection.OpenAsync();
        var existing = Convert.ToInt32(Scalar(connection, "SELECT COUNT(*) FROM WorkflowInstances WHERE Status = 'Finished'"), CultureInfo.InvariantCulture);
        var copies = (int)Math.Ceiling(total / (double)existing);
        for (var copy = 1; copy <= copies; copy++)
        {
            await using var transaction = connection.BeginTransaction();
            var suffix = "-copy" + copy.ToString(CultureInfo.InvariantCulture);
            Execute(connection, $"""
                INSERT INTO WorkflowInstances (Id, DefinitionId, DefinitionVersionId, DefinitionVersion, Status, CorrelationId, Name, Revision, IncidentCount, State, CreatedAt, UpdatedAt, FinishedAt)
                SELECT Id || '{suffix}', DefinitionId, DefinitionVersionId, DefinitionVersion, Status, CorrelationId, Name, Revision, IncidentCount, State, CreatedAt, UpdatedAt, FinishedAt
                FROM WorkflowInstances WHERE Status = 'Finished' AND Id NOT LIKE '%-copy%';
                INSERT INTO Journal (WorkflowInstanceId, FirstSequence, LastSequence, Timestamp, Entries)
                SELECT j.WorkflowInstanceId || '{suffix}', j.FirstSequence, j.LastSequence, j.Timestamp, j.Entries
                FROM Journal j JOIN WorkflowInstances i ON i.Id = j.WorkflowInstanceId WHERE i.Status = 'Finished' AND i.Id NOT LIKE '%-copy%';
                """, transaction);
            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
    }

    private static WorkflowDefinition ApprovalWorkflow()
    {
        // Proposal → completeness check → appraisal → council vote → chair's decision: five waits, each resumed from outside.
        string[] steps = ["Proposal", "CompletenessCheck", "Appraisal", "CouncilVote", "ChairDecision"];
        var activities = steps.SelectMany((s, i) => new[]
        {
            $$"""{ "id": "wait{{i}}", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "{{s}}" } } }""",
            $$"""{ "id": "set{{i}}", "type": "Elsa.SetVariable", "variable": { "id": "step", "name": "Step" }, "value": { "typeName": "Object", "expression": { "type": "Literal", "value": "{{s}}" } } }""",
        }).ToList();
        var ids = Enumerable.Range(0, steps.Length).SelectMany(i => new[] { $"wait{i}", $"set{i}" }).ToList();
        var connections = ids.Zip(ids.Skip(1), (a, b) => $$"""{ "source": { "activity": "{{a}}", "port": "Done" }, "target": { "activity": "{{b}}", "port": "In" } }""");
        return ElsaJsonReader.ReadOrThrow($$"""
            { "id": "bench-approval-v1", "definitionId": "bench-approval", "name": "Benchmark approval", "version": 1,
              "variables": [ { "id": "step", "name": "Step", "typeName": "String", "value": "" } ],
              "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
                "activities": [ {{string.Join(",", activities)}} ], "connections": [ {{string.Join(",", connections)}} ] } }
            """);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static long DatabaseBytes(string file)
    {
        using var connection = new SqliteConnection(WorkflowDbContextFactory.SqliteConnectionString(file));
        connection.Open();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var pages = Convert.ToInt64(Scalar(connection, "PRAGMA page_count"), CultureInfo.InvariantCulture);
        var size = Convert.ToInt64(Scalar(connection, "PRAGMA page_size"), CultureInfo.InvariantCulture);
        return pages * size;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
