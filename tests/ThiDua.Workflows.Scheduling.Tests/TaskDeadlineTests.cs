using System.Collections.Concurrent;
using Hangfire;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Scheduling.Tests;

/// <summary>Deadlines, reminders and escalation of a task, on Hangfire with real storage and a fake clock.</summary>
[Collection(HangfireCollection.Name)]
public sealed class TaskDeadlineTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    internal static string TaskWorkflow(string due, string reminders = "[2, 1]") => $$"""
        {
          "id": "task-5wd", "definitionId": "task-5wd", "name": "Nhiệm vụ 5 ngày làm việc", "version": 1,
          "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "task", "type": "ThiDua.UserTask",
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Thẩm định hồ sơ" } },
                "role": { "typeName": "String", "expression": { "type": "Literal", "value": "Office" } },
                {{due}},
                "reminders": { "typeName": "Int32[]", "expression": { "type": "Object", "value": "{{reminders}}" } },
                "escalateTo": { "typeName": "String", "expression": { "type": "Literal", "value": "OfficeHead" } } },
              { "id": "done", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "xong" } } }
            ],
            "connections": [ { "source": { "activity": "task", "port": "Done" }, "target": { "activity": "done", "port": "In" } } ] }
        }
        """;

    private const string FiveWorkingDays = """ "dueInWorkingDays": { "typeName": "Int32", "expression": { "type": "Literal", "value": 5 } } """;

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Vietnam);

    private static string NewFolder() => Directory.CreateTempSubdirectory("thidua-scheduling-").FullName;

    [Fact]
    public async Task Task_DueIn5WorkingDays_RemindsOnTheRightDays_EscalatesAfterDue_AndStopsWhenCompleted()
    {
        var sent = new ConcurrentQueue<SentMessage>();
        var clock = new FakeTimeProvider(SchedulingHost.June1);
        await using var host = await SchedulingHost.StartAsync(NewFolder(), clock, sent);
        var run = await host.StartWorkflowAsync(TaskWorkflow(FiveWorkingDays));
        await host.SettleAsync();

        // Mon 1/6 + 5 working days = Mon 8/6, due 17:00; reminders 2 and 1 working days before: Thu 4/6, Fri 5/6 at 08:00.
        Assert.Equal(3, run.Bookmarks.Count(b => b.ResumeAt is not null));
        Assert.Equal(3, host.ScheduledTimerJobs());

        async Task<SentMessage[]> At(DateTimeOffset moment)
        {
            var before = sent.Count;
            clock.SetUtcNow(moment);
            await host.PumpAsync();
            return sent.Skip(before).ToArray();
        }

        Assert.Empty(await At(Local(6, 3, 18)));
        var first = Assert.Single(await At(Local(6, 4, 8, 30)));
        Assert.Equal((TaskMessages.Reminder, 2), (first.Kind, first.DaysBefore));
        Assert.Empty(await At(Local(6, 4, 18)));
        var second = Assert.Single(await At(Local(6, 5, 8, 30)));
        Assert.Equal((TaskMessages.Reminder, 1), (second.Kind, second.DaysBefore));
        Assert.Empty(await At(Local(6, 8, 16, 59)));
        var escalation = Assert.Single(await At(Local(6, 8, 17, 30)));
        Assert.Equal(TaskMessages.Escalation, escalation.Kind);

        var completed = await host.Runtime.TriggerAsync(new Stimulus(UserTask.TypeName, UserTask.CompletionPayload("task")), new TriggerOptions(WorkflowInstanceId: run.InstanceId));
        Assert.Equal(ResumeOutcome.Resumed, Assert.Single(completed).Outcome);
        Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync(run.InstanceId))!.Status);
        Assert.DoesNotContain(await At(Local(6, 30, 9)), m => m.Kind != TaskMessages.Completed);
    }

    [Fact]
    public async Task Task_CompletedEarly_GetsNoReminder_AndItsJobsAreRemoved()
    {
        var sent = new ConcurrentQueue<SentMessage>();
        var clock = new FakeTimeProvider(SchedulingHost.June1);
        await using var host = await SchedulingHost.StartAsync(NewFolder(), clock, sent);
        var run = await host.StartWorkflowAsync(TaskWorkflow(FiveWorkingDays));
        await host.SettleAsync();

        clock.SetUtcNow(Local(6, 2, 10));
        await host.Runtime.TriggerAsync(new Stimulus(UserTask.TypeName, UserTask.CompletionPayload("task")), new TriggerOptions(WorkflowInstanceId: run.InstanceId));
        var report = await host.ReconcileAsync();
        foreach (var day in new[] { 4, 5, 8, 9, 15 })
        {
            clock.SetUtcNow(Local(6, day, 18));
            await host.PumpAsync();
        }

        Assert.Equal(3, report.OrphansDeleted);
        Assert.Equal(0, host.ScheduledTimerJobs());
        Assert.DoesNotContain(sent, m => m.Kind is TaskMessages.Reminder or TaskMessages.Escalation);
        Assert.Single(sent, m => m.Kind == TaskMessages.Completed);
    }

    [Fact]
    public async Task RestartingTheHostMidWay_NeitherLosesNorDoublesAReminder()
    {
        var folder = NewFolder();
        var sent = new ConcurrentQueue<SentMessage>();
        var clock = new FakeTimeProvider(SchedulingHost.June1);
        string instanceId;
        await using (var host = await SchedulingHost.StartAsync(folder, clock, sent))
        {
            instanceId = (await host.StartWorkflowAsync(TaskWorkflow(FiveWorkingDays))).InstanceId;
            await host.SettleAsync();
            clock.SetUtcNow(Local(6, 4, 8, 30));
            await host.PumpAsync();
        }

        await using (var restarted = await SchedulingHost.StartAsync(folder, clock, sent))
        {
            // The same day again after the restart: the reminder already sent stays sent once.
            await restarted.PumpAsync();
            Assert.Equal(2, restarted.ScheduledTimerJobs()); // the 1-day reminder and the escalation, not doubled by the restart
            clock.SetUtcNow(Local(6, 5, 8, 30));
            await restarted.PumpAsync();
            clock.SetUtcNow(Local(6, 8, 17, 30));
            await restarted.PumpAsync();
        }

        var mine = sent.Where(m => m.InstanceId == instanceId).ToList();
        Assert.Single(mine, m => m.Kind == TaskMessages.Reminder && m.DaysBefore == 2);
        Assert.Single(mine, m => m.Kind == TaskMessages.Reminder && m.DaysBefore == 1);
        Assert.Single(mine, m => m.Kind == TaskMessages.Escalation);
    }

    [Fact]
    public async Task DeletingAllHangfireJobs_AndReconciling_RestoresThem()
    {
        var sent = new ConcurrentQueue<SentMessage>();
        var clock = new FakeTimeProvider(SchedulingHost.June1);
        await using var host = await SchedulingHost.StartAsync(NewFolder(), clock, sent);
        await host.StartWorkflowAsync(TaskWorkflow(FiveWorkingDays));
        await host.SettleAsync();
        var jobs = host.Services.GetService(typeof(Hangfire.IBackgroundJobClient)) as Hangfire.IBackgroundJobClient;
        foreach (var job in host.JobStorage.GetMonitoringApi().ScheduledJobs(0, 1000)) jobs!.Delete(job.Key);
        Assert.Equal(0, host.ScheduledTimerJobs());

        var report = await host.ReconcileAsync();

        Assert.Equal((3, 3), (report.Timers, report.Scheduled));
        Assert.Equal(3, host.ScheduledTimerJobs());
        Assert.Equal(0, (await host.ReconcileAsync()).Scheduled); // a second run adds nothing
        clock.SetUtcNow(Local(6, 4, 8, 30));
        await host.PumpAsync();
        Assert.Single(sent, m => m.Kind == TaskMessages.Reminder && m.DaysBefore == 2);
    }
}
