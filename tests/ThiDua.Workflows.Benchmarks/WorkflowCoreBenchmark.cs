using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace ThiDua.Workflows.Benchmarks;

/// <summary>
/// The same 5-step approval shape on Workflow Core 3.22 with its default in-memory persistence: each step waits for an
/// event keyed by the instance, published from outside, as (b) resumes a bookmark. Workflow Core runs steps on its
/// background workers; the rate counts from the first published event until every instance has completed.
/// </summary>
public static class WorkflowCoreBenchmark
{
    public const int Steps = 5;

    public static async Task<(double Rate, bool AllCompleted)> RunAsync(int instances)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow();
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<ApprovalWorkflow, ApprovalData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            Completion.Reset();
            await DriveAsync(host, ["warm-up"]); // JIT and caches, outside the measurement
            await Completion.WaitAsync(1);

            var keys = Enumerable.Range(0, instances).Select(i => "k" + i).ToList();
            var clock = Stopwatch.StartNew();
            await DriveAsync(host, keys);
            var completed = await Completion.WaitAsync(instances + 1);
            return (instances * Steps / clock.Elapsed.TotalSeconds, completed);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task DriveAsync(IWorkflowHost host, List<string> keys)
    {
        foreach (var key in keys) await host.StartWorkflow("approval", 1, new ApprovalData { Key = key });
        // Events published before their step subscribes are still matched (WaitFor listens from the start of time).
        for (var step = 1; step <= Steps; step++)
            foreach (var key in keys)
                await host.PublishEvent("step" + step, key, null);
    }

    public sealed class ApprovalData
    {
        public string Key { get; set; } = "";
    }

    private sealed class ApprovalWorkflow : IWorkflow<ApprovalData>
    {
        public string Id => "approval";

        public int Version => 1;

        public void Build(IWorkflowBuilder<ApprovalData> builder) =>
            builder.StartWith(_ => ExecutionResult.Next())
                .WaitFor("step1", data => data.Key, _ => DateTime.MinValue)
                .WaitFor("step2", data => data.Key, _ => DateTime.MinValue)
                .WaitFor("step3", data => data.Key, _ => DateTime.MinValue)
                .WaitFor("step4", data => data.Key, _ => DateTime.MinValue)
                .WaitFor("step5", data => data.Key, _ => DateTime.MinValue)
                .Then(_ =>
                {
                    Completion.Done();
                    return ExecutionResult.Next();
                });
    }

    /// <summary>Counts completed instances; the harness waits on it.</summary>
    private static class Completion
    {
        private static int _count;

        public static void Reset() => Volatile.Write(ref _count, 0);

        public static void Done() => Interlocked.Increment(ref _count);

        public static async Task<bool> WaitAsync(int count)
        {
            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref _count) < count && clock.Elapsed < TimeSpan.FromMinutes(10))
                await Task.Delay(5, CancellationToken.None);
            return Volatile.Read(ref _count) >= count;
        }
    }
}
