using Hangfire;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Scheduling.Timers;

/// <summary>Turns a committed burst's timer bookmarks into Hangfire jobs keyed by bookmark id (the job's argument).</summary>
public sealed class HangfireTimerScheduler(IBackgroundJobClient jobs, TimeProvider clock) : IOutboxHandler
{
    public string Kind => TimerMessages.ScheduleKind;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        var (bookmarkId, resumeAt) = TimerMessages.Read(message);
        Schedule(jobs, bookmarkId, resumeAt - clock.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>Schedules (or, when due, enqueues) the job of one timer bookmark.</summary>
    public static string Schedule(IBackgroundJobClient jobs, string bookmarkId, TimeSpan delay) =>
        delay > TimeSpan.Zero
            ? jobs.Schedule<TimerJobs>(j => j.FireAsync(bookmarkId, CancellationToken.None), delay)
            : jobs.Enqueue<TimerJobs>(j => j.FireAsync(bookmarkId, CancellationToken.None));
}
