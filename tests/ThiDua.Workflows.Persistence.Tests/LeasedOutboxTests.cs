using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Persistence.Entities;
using ThiDua.Workflows.Persistence.Outbox;

namespace ThiDua.Workflows.Persistence.Tests;

/// <summary>
/// The workflow outbox on the one leased-outbox mechanism: a handler that keeps failing is retried with backoff, then
/// the row is dead with its last error and no longer tried; a retry (once, however many ask at once) delivers it.
/// </summary>
public sealed class LeasedOutboxTests
{
    private const int MaxAttempts = 3;

    [Fact]
    public async Task AFailingHandler_EndsDeadAfterNAttempts_AndOneRetryDeliversIt_Sqlite()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StoreHost.SqliteAsync(options: o => o.OutboxMaxAttempts = MaxAttempts, services: s => s.AddSingleton<TimeProvider>(clock));
        await FailThenRetryAsync(host, clock);
    }

    [Fact]
    public async Task AFailingHandler_EndsDeadAfterNAttempts_AndOneRetryDeliversIt_Postgres()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StoreHost.PostgresAsync(options: o => o.OutboxMaxAttempts = MaxAttempts, services: s => s.AddSingleton<TimeProvider>(clock));
        await FailThenRetryAsync(host, clock);
    }

    [Fact]
    public void Settings_OutOfRange_AreRefusedAtStart()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<InvalidOperationException>(() => Engine.Hosting.WorkflowEngineServiceCollectionExtensions.AddWorkflowEngine(services)
            .AddEfCoreStore(o => o.OutboxMaxAttempts = 0));
        Assert.Contains("OutboxMaxAttempts", error.Message, StringComparison.Ordinal);
    }

    private static async Task FailThenRetryAsync(StoreHost host, FakeTimeProvider clock)
    {
        var outbox = host.Services.GetRequiredService<EfOutboxDispatcher>();
        var box = host.Services.GetServices<IDeadLetterBox>().Single(b => b.Name == "workflow");
        host.LinesFail = true;

        // The first attempt is the committing process's own, right after the commit.
        var run = await host.StartAsync(Workflows.Chain("in-dong", "in-dong", Workflows.WriteLine("w1", "Báo cáo quý")));
        for (var i = 0; i < MaxAttempts + 2; i++)
        {
            clock.Advance(TimeSpan.FromHours(2));
            await outbox.DeliverPendingAsync();
        }

        Assert.Equal(MaxAttempts, host.LineCalls);
        Assert.Equal(new OutboxCounts(0, 1), await box.CountAsync());
        var dead = Assert.Single(await box.DeadAsync(10));
        Assert.Equal((WriteLine.OutboxKind, run.InstanceId, MaxAttempts), (dead.Subject, dead.Target, dead.Attempts));
        Assert.Contains("Máy in dòng đang hỏng", dead.LastError, StringComparison.Ordinal);

        // Eight administrators press "retry" at once: it takes effect once, and the row is delivered once.
        host.LinesFail = false;
        var retries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => box.RetryAsync(dead.Id))));
        Assert.Single(retries, r => r);
        Assert.Equal(1, await outbox.DeliverPendingAsync());
        Assert.Equal(0, await outbox.DeliverPendingAsync());
        Assert.Equal(["Báo cáo quý"], host.Lines);
        await using var db = host.Contexts.Create();
        var row = await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == dead.Id);
        Assert.Equal((OutboxState.Delivered, 1), (OutboxStates.Of(row), row.Attempts));
        Assert.False(await box.DiscardAsync(dead.Id)); // delivered: nothing left to discard
    }
}
