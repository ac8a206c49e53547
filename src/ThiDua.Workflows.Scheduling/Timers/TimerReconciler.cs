using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Scheduling.Timers;

/// <summary>What one reconciliation changed.</summary>
public sealed record ReconcileReport(int Timers, int Scheduled, int Enqueued, int OrphansDeleted);

/// <summary>
/// Makes Hangfire agree with the timer bookmarks, which are the truth: a timer with no job gets one (storage reset,
/// lost message, restart), a due timer whose job waits in the future is enqueued now, and a job whose bookmark is
/// gone is deleted. Runs as a recurring job; safe to run any time, any number of times.
/// </summary>
public sealed partial class TimerReconciler(
    IWorkflowStore store,
    JobStorage storage,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<TimerReconciler> logger)
{
    private const int Page = 500;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        // Jobs first, then bookmarks: a bookmark committed in between is found without a job and scheduled again
        // (a harmless duplicate), never mistaken for an orphan.
        var existing = TimerJobsInStorage();
        var timers = await store.FindBookmarksAsync(new BookmarkQuery(DueBy: DateTimeOffset.MaxValue, Limit: int.MaxValue), cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        int scheduled = 0, enqueued = 0, orphans = 0;

        foreach (var timer in timers)
        {
            var jobsOfTimer = existing.GetValueOrDefault(timer.Id) ?? [];
            var due = timer.ResumeAt!.Value <= now;
            if (due && !jobsOfTimer.Any(j => j.State is JobState.Enqueued or JobState.Processing))
            {
                foreach (var job in jobsOfTimer.Where(j => j.State == JobState.Scheduled)) jobs.Delete(job.Id);
                HangfireTimerScheduler.Schedule(jobs, timer.Id, TimeSpan.Zero);
                enqueued++;
            }
            else if (!due && jobsOfTimer.Count == 0)
            {
                HangfireTimerScheduler.Schedule(jobs, timer.Id, timer.ResumeAt.Value - now);
                scheduled++;
            }
        }

        var live = timers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (bookmarkId, jobsOfTimer) in existing)
        {
            if (live.Contains(bookmarkId)) continue;
            foreach (var job in jobsOfTimer.Where(j => j.State != JobState.Processing))
            {
                jobs.Delete(job.Id);
                orphans++;
            }
        }

        var report = new ReconcileReport(timers.Count, scheduled, enqueued, orphans);
        if (scheduled + enqueued + orphans > 0) Reconciled(logger, report.Timers, scheduled, enqueued, orphans);
        return report;
    }

    private enum JobState
    {
        Scheduled,
        Enqueued,
        Processing,
    }

    private sealed record TimerJob(string Id, JobState State);

    private Dictionary<string, List<TimerJob>> TimerJobsInStorage()
    {
        var monitoring = storage.GetMonitoringApi();
        var found = new Dictionary<string, List<TimerJob>>(StringComparer.Ordinal);
        void Add(string id, Hangfire.Common.Job? job, JobState state)
        {
            if (job?.Type != typeof(TimerJobs) || job.Args.Count == 0 || job.Args[0] is not string bookmarkId) return;
            if (!found.TryGetValue(bookmarkId, out var list)) found[bookmarkId] = list = [];
            list.Add(new TimerJob(id, state));
        }

        ForEachPage(from => monitoring.ScheduledJobs(from, Page), (id, dto) => Add(id, dto.Job, JobState.Scheduled));
        ForEachPage(from => monitoring.ProcessingJobs(from, Page), (id, dto) => Add(id, dto.Job, JobState.Processing));
        foreach (var queue in monitoring.Queues())
            ForEachPage(from => monitoring.EnqueuedJobs(queue.Name, from, Page), (id, dto) => Add(id, dto.Job, JobState.Enqueued));
        return found;
    }

    private static void ForEachPage<T>(Func<int, JobList<T>> page, Action<string, T> each)
    {
        for (var from = 0; ; from += Page)
        {
            var list = page(from);
            foreach (var (id, dto) in list) each(id, dto);
            if (list.Count < Page) break;
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Timer reconciliation over {Timers} timers: {Scheduled} scheduled, {Enqueued} enqueued, {Orphans} orphan jobs deleted")]
    private static partial void Reconciled(ILogger logger, int timers, int scheduled, int enqueued, int orphans);
}
