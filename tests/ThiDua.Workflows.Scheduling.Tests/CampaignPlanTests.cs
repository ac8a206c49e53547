using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Scheduling.Tests;

/// <summary>The Q2 2026 plan deadline of workflows/campaign-implementation-plan.json, run for three units.</summary>
[Collection(HangfireCollection.Name)]
public sealed class CampaignPlanTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThiDua.Workflows.sln")))
                return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task PlanDeadline_EarlyUnitGetsNoReminder_LateUnitsGetTheirs_AndTheOneThatNeverSubmitsEscalates()
    {
        var sent = new ConcurrentQueue<SentMessage>();
        var clock = new FakeTimeProvider(SchedulingHost.June1);
        await using var host = await SchedulingHost.StartAsync(Directory.CreateTempSubdirectory("thidua-campaign-").FullName, clock, sent);
        var json = await File.ReadAllTextAsync(RepositoryFile("workflows/campaign-implementation-plan.json"));
        foreach (var (id, name) in new[] { ("thon-1", "Thôn 1"), ("truong-thcs", "Trường THCS"), ("htx", "Hợp tác xã") })
        {
            var input = new JsonObject { ["unitId"] = id, ["unitName"] = name, ["dueDate"] = "2026-06-30", ["campaign"] = "Đổi mới sáng tạo" };
            var run = await host.StartWorkflowAsync(json, input, "plan-" + id);
            Assert.Equal(WorkflowStatus.Suspended, run.Status);
            Assert.Equal("Kế hoạch triển khai — " + name, run.Instance.Name);
        }

        await host.SettleAsync();

        // A unit sends its plan and the office accepts it at once (its review has its own deadline, not tested here).
        async Task Submit(string unit)
        {
            Assert.Equal(ResumeOutcome.Resumed, Assert.Single(await host.Runtime.TriggerAsync(
                new Stimulus(UserTask.TypeName, UserTask.CompletionPayload("submitPlan")),
                new TriggerOptions(new JsonObject { ["action"] = "Submitted", ["by"] = unit }, WorkflowInstanceId: "plan-" + unit))).Outcome);
            Assert.Equal(ResumeOutcome.Resumed, Assert.Single(await host.Runtime.TriggerAsync(
                new Stimulus(UserTask.TypeName, UserTask.CompletionPayload("reviewPlan")),
                new TriggerOptions(new JsonObject { ["action"] = "Accept", ["by"] = "vanphong" }, WorkflowInstanceId: "plan-" + unit))).Outcome);
        }

        async Task At(int month, int day, int hour)
        {
            clock.SetUtcNow(new DateTimeOffset(2026, month, day, hour, 30, 0, Vietnam));
            await host.PumpAsync();
        }

        // Due Tue 30/6/2026; 10, 5, 2, 1 working days before: 16/6, 23/6, 26/6, 29/6 (no holidays in June).
        await At(6, 10, 9);
        await Submit("thon-1");
        await At(6, 16, 8);
        await At(6, 23, 8);
        await Submit("truong-thcs");
        await At(6, 26, 8);
        await At(6, 29, 8);
        await At(6, 30, 17);
        await At(7, 15, 9);

        List<(int? DaysBefore, int Day)> Reminders(string unit) => sent
            .Where(m => m.InstanceId == "plan-" + unit && m.Kind == TaskMessages.Reminder)
            .Select(m => (m.DaysBefore, m.At.ToOffset(Vietnam).Day)).ToList();

        Assert.Empty(Reminders("thon-1"));
        Assert.Equal([(10, 16), (5, 23)], Reminders("truong-thcs"));
        Assert.Equal([(10, 16), (5, 23), (2, 26), (1, 29)], Reminders("htx"));
        Assert.Single(sent, m => m.Kind == TaskMessages.Escalation);
        Assert.Equal("plan-htx", sent.Single(m => m.Kind == TaskMessages.Escalation).InstanceId);
        Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync("plan-thon-1"))!.Status);
        Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync("plan-truong-thcs"))!.Status);
        Assert.Equal(WorkflowStatus.Suspended, (await host.Store.FindInstanceAsync("plan-htx"))!.Status);
    }
}
