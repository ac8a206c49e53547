using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Scheduling;

namespace ThiDua.Workflows.Notifications.Tests;

/// <summary>One full scenario through smtp4dev: two sequential tasks decided by their mailed links.</summary>
public sealed partial class Smtp4DevScenarioTests
{
    private sealed class People : IUserDirectory
    {
        private static readonly DirectoryUser[] All =
        [
            new("vanphong", "Công chức Phòng Văn hóa - Xã hội", "vanphong@truongluu.local", ["Office"], null),
            new("truongphong", "Trưởng phòng Văn hóa - Xã hội", "truongphong@truongluu.local", ["OfficeHead"], null),
        ];

        public DirectoryUser? Find(string userName) => All.FirstOrDefault(u => u.UserName == userName);

        public IReadOnlyList<DirectoryUser> InRole(string role) => All.Where(u => u.Roles.Contains(role)).ToList();

        public IReadOnlyList<DirectoryUser> InUnit(string unit) => [];
    }

    // The titles carry a run id: a shared smtp4dev keeps the mail of earlier runs.
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private static readonly string Workflow = """
        {
          "id": "smtp4dev-hai-buoc", "definitionId": "smtp4dev-hai-buoc", "name": "Hai bước", "version": 1,
          "root": { "id": "Flowchart1", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "check", "type": "ThiDua.UserTask",
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Thẩm định hồ sơ Lao động tiên tiến RUN" } },
                "assignee": { "typeName": "String", "expression": { "type": "Literal", "value": "vanphong" } },
                "actions": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Approve\"]" } } },
              { "id": "sign", "type": "ThiDua.UserTask",
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Trình ký danh sách Lao động tiên tiến RUN" } },
                "assignee": { "typeName": "String", "expression": { "type": "Literal", "value": "truongphong" } },
                "actions": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Approve\"]" } } }
            ],
            "connections": [ { "source": { "activity": "check", "port": "Approve" }, "target": { "activity": "sign", "port": "In" } } ] }
        }
        """.Replace("RUN", Run, StringComparison.Ordinal);

    [Fact]
    public async Task TwoSequentialTasks_ThroughSmtp4Dev_FirstLinkDecidesOnce_SecondLinkCannotDecideTheFirst()
    {
        await using var smtp = await Smtp4Dev.StartAsync();
        var folder = Directory.CreateTempSubdirectory("thidua-notify-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IUserDirectory>(new People());
        builder.Services.AddWorkflowEngine()
            .AddEfCoreStore(o => o.SqliteFile = Path.Combine(folder, "workflows.db"))
            .AddHangfireScheduling(o => { o.SqliteFile = Path.Combine(folder, "hangfire.db"); o.PollInterval = TimeSpan.FromMilliseconds(200); })
            .AddNotifications(o => { o.SmtpPort = smtp.SmtpPort; o.BaseUrl = "http://localhost"; });
        using var host = builder.Build();
        await host.Services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await host.StartAsync();
        var decisions = host.Services.GetRequiredService<TaskDecisions>();

        var run = await host.Services.GetRequiredService<IWorkflowRuntime>().StartAsync(ElsaJsonReader.ReadOrThrow(Workflow));
        var first = Link().Match(await smtp.WaitForAsync("vanphong@", "Thẩm định hồ sơ Lao động tiên tiến " + Run));
        var (firstTask, firstToken) = (Uri.UnescapeDataString(first.Groups[1].Value), first.Groups[2].Value);

        var look1 = await decisions.CheckAsync(firstTask, firstToken, null);
        var look2 = await decisions.CheckAsync(firstTask, firstToken, null);
        Assert.Equal((LinkProblem.None, "Open"), (look1.Problem, look1.Task!.Status));
        Assert.Equal((LinkProblem.None, "Open"), (look2.Problem, look2.Task!.Status));

        var (outcome, _) = await decisions.DecideAsync(firstTask, firstToken, null, "Approve", null, "127.0.0.1");
        var (again, _) = await decisions.DecideAsync(firstTask, firstToken, null, "Approve", null, "127.0.0.1");
        Assert.Equal(DecisionOutcome.Decided, outcome);
        Assert.Equal(DecisionOutcome.AlreadyDecided, again);

        var second = Link().Match(await smtp.WaitForAsync("truongphong@", "Trình ký danh sách Lao động tiên tiến " + Run));
        var crossed = await decisions.DecideAsync(firstTask, second.Groups[2].Value, null, "Approve", null, "127.0.0.1");
        Assert.Equal(LinkProblem.OtherTask, crossed.Check.Problem);
        Assert.Equal(WorkflowStatus.Suspended, (await host.Services.GetRequiredService<Engine.Stores.IWorkflowStore>().FindInstanceAsync(run.InstanceId))!.Status);

        await host.StopAsync();
    }

    [GeneratedRegex(@"http://localhost/tasks/([^\s?]+)\?t=([A-Za-z0-9_\-]+)")]
    private static partial Regex Link();
}
