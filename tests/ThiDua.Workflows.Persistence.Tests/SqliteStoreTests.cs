using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Persistence.Tests;

public sealed class SqliteStoreTests
{
    [Fact]
    public async Task Resume_RunsExactlyOneTransition_WhenTwoTasksRaceForOneBookmark100Times()
    {
        await using var host = await StoreHost.SqliteAsync();

        await RaceAssertions.OneTransitionPerRaceAsync(host, rounds: 100);
    }

    [Fact]
    public async Task Instance_FinishesOnItsVersion_WhenANewVersionIsPublished()
    {
        await using var host = await StoreHost.SqliteAsync();
        var folder = Directory.CreateTempSubdirectory("thidua-workflows-").FullName;
        var file = Path.Combine(folder, "duong-xa.json");
        await File.WriteAllTextAsync(file, Workflows.Chain("duong-xa", "duong-xa",
            Workflows.WriteLine("w1", "bắt đầu phiên bản 1"), Workflows.Event("e1", "Duyet"), Workflows.WriteLine("w2", "kết thúc phiên bản 1")));

        var first = Assert.Single(await WorkflowFolder.ImportAsync(host.Definitions, folder));
        var again = Assert.Single(await WorkflowFolder.ImportAsync(host.Definitions, folder));
        var started1 = await host.Runtime.StartAsync((await host.Definitions.FindPublishedAsync("duong-xa"))!);

        await File.WriteAllTextAsync(file, Workflows.Chain("duong-xa", "duong-xa",
            Workflows.WriteLine("w1", "bắt đầu phiên bản 2"), Workflows.Event("e1", "Duyet"), Workflows.WriteLine("w2", "kết thúc phiên bản 2")));
        var second = Assert.Single(await WorkflowFolder.ImportAsync(host.Definitions, folder));
        var started2 = await host.Runtime.StartAsync((await host.Definitions.FindPublishedAsync("duong-xa"))!);
        await host.Runtime.PublishEventAsync("Duyet");

        Assert.Equal(1, first.Version.Version);
        Assert.Equal(first.Version.Id, again.Version.Id); // an unchanged file is no new version
        Assert.Equal(2, second.Version.Version);
        var versions = await host.Definitions.ListVersionsAsync("duong-xa");
        Assert.Equal([false, true], versions.Select(v => v.IsPublished));
        var instance1 = (await host.Store.FindInstanceAsync(started1.InstanceId))!;
        var instance2 = (await host.Store.FindInstanceAsync(started2.InstanceId))!;
        Assert.Equal((1, WorkflowStatus.Finished), (instance1.DefinitionVersion, instance1.Status));
        Assert.Equal((2, WorkflowStatus.Finished), (instance2.DefinitionVersion, instance2.Status));
        Assert.Equal(["bắt đầu phiên bản 1", "bắt đầu phiên bản 2", "kết thúc phiên bản 1", "kết thúc phiên bản 2"], host.Lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Definitions_SupportDraftPublishAndRetract()
    {
        await using var host = await StoreHost.SqliteAsync();
        var definition = Engine.Serialization.ElsaJsonReader.ReadOrThrow(Workflows.Chain("ban-nhap", "ban-nhap", Workflows.WriteLine("w1", "một")));

        var v1 = await host.Definitions.SaveAsync(definition, DefinitionSaveMode.NewDraft);
        await host.Definitions.SetPublishedAsync(v1.Id, true);
        var v2 = await host.Definitions.SaveAsync(definition, DefinitionSaveMode.NewDraft);

        var versions = await host.Definitions.ListVersionsAsync("ban-nhap");
        Assert.Equal([(1, true, false), (2, false, true)], versions.Select(v => (v.Version, v.IsPublished, v.IsLatest)));
        Assert.Equal(v1.Id, (await host.Definitions.FindPublishedAsync("ban-nhap"))!.Id);

        await host.Definitions.SetPublishedAsync(v2.Id, true);
        Assert.Equal([false, true], (await host.Definitions.ListVersionsAsync("ban-nhap")).Select(v => v.IsPublished));

        await host.Definitions.SetPublishedAsync(v2.Id, false);
        Assert.Null(await host.Definitions.FindPublishedAsync("ban-nhap"));
    }

    [Fact]
    public async Task Migrate_UpgradesADatabaseOfThePreviousMigration_KeepingItsInstances()
    {
        // An instance waits in a database; the schema goes back three migrations (the designer's drafts and version
        // authors gone, bookmarks in a rowid table, outbox rows without a dead state) and is upgraded again: the instance and its bookmark (an id of the
        // old form) are still there, and it finishes.
        await using var host = await StoreHost.SqliteAsync();
        var run = await host.StartAsync(Workflows.Chain("nang-cap", "nang-cap",
            Workflows.Event("e1", "TiepTuc"), Workflows.WriteLine("w1", "sau nâng cấp")));
        await using (var db = host.Contexts.Create())
            await db.GetService<IMigrator>().MigrateAsync("OutboxDelivery");
        Assert.Equal(2, (await host.Database.AppliedMigrationsAsync()).Count);

        await host.Database.MigrateAsync();
        await host.Runtime.PublishEventAsync("TiepTuc");

        Assert.Equal(5, (await host.Database.AppliedMigrationsAsync()).Count);
        Assert.Equal(WorkflowStatus.Finished, (await host.Store.FindInstanceAsync(run.InstanceId))!.Status);
        Assert.Equal(["sau nâng cấp"], host.Lines);
        await using var check = host.Contexts.Create();
        Assert.All(await check.Outbox.ToListAsync(), o => Assert.NotNull(o.DeliveredAt));
        Assert.Empty(await check.DefinitionDrafts.ToListAsync());
        var bookmarksTable = await check.Database.SqlQueryRaw<string>("""SELECT "sql" AS "Value" FROM sqlite_master WHERE "name" = 'Bookmarks'""").SingleAsync();
        Assert.EndsWith("WITHOUT ROWID", bookmarksTable.TrimEnd());
    }

    [Fact]
    public async Task Commit_StoresJournalIncidentsAndOutbox_InTheirTables()
    {
        await using var host = await StoreHost.SqliteAsync();

        var run = await host.StartAsync(Workflows.Chain("loi", "loi",
            Workflows.WriteLine("w1", "trước lỗi"),
            """{ "id": "f1", "type": "Elsa.Fault", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "Thiếu biên bản họp" } } }"""));

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        await using var db = host.Contexts.Create();
        var incident = await db.Incidents.SingleAsync();
        Assert.Equal(("f1", "Elsa.Fault", "Thiếu biên bản họp"), (incident.ActivityId, incident.ActivityType, incident.Message));
        Assert.Equal(1, (await db.Instances.SingleAsync()).IncidentCount);
        Assert.Equal("Faulted", (await db.Instances.SingleAsync()).Status);
        Assert.Contains(await host.Store.ReadJournalAsync(run.InstanceId), j => j.EventName == JournalEvents.WorkflowFaulted);
        Assert.Equal(2, await db.Journal.CountAsync()); // one row per burst: the accepted start, then the run
        Assert.NotNull((await db.Outbox.SingleAsync()).DeliveredAt);
    }

    [Fact]
    public async Task Timers_AreFoundByDueTime()
    {
        await using var host = await StoreHost.SqliteAsync();
        var run = await host.StartAsync(Workflows.Chain("hen-gio", "hen-gio",
            """{ "id": "d1", "type": "Elsa.Delay", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "01:00:00" } } }""",
            Workflows.WriteLine("w1", "hết giờ")));
        var timer = Assert.Single(run.Bookmarks);

        var notYet = await host.Store.FindBookmarksAsync(new BookmarkQuery(DueBy: timer.ResumeAt!.Value.AddSeconds(-1)));
        var due = await host.Store.FindBookmarksAsync(new BookmarkQuery(DueBy: timer.ResumeAt.Value.ToOffset(TimeSpan.FromHours(7))));

        Assert.Empty(notYet);
        Assert.Equal(timer.Id, Assert.Single(due).Id);
        Assert.Equal(1, await host.Runtime.ResumeDueTimersAsync(host.Store, timer.ResumeAt.Value));
        Assert.Equal(["hết giờ"], host.Lines);
    }
}
