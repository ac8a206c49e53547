using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The administrator's audit page: what was done, by whom (by name), and whether the chain still holds.</summary>
[Collection(WebCollection.Name)]
public sealed class AuditTrailTests(WebHost host)
{
    [Fact]
    public async Task SignInsAndSettingsChanges_AreOnTheAuditPage_AndAHandEditShowsTheChainBrokenThere()
    {
        var office = await host.SignedInAsync("vanphong");
        Assert.Equal(HttpStatusCode.OK, (await office.PutAsJsonAsync("/api/awards/TTLDXS", new { timeLimitWorkingDays = 20 })).StatusCode);
        var stranger = host.CreateClient(new() { AllowAutoRedirect = false });
        var login = await stranger.GetStringAsync("/account/login");
        await stranger.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageForms.Token(login), ["_handler"] = "login", ["userName"] = "ke-gian", ["password"] = "sai-mat-khau",
        }));

        var admin = await host.SignedInAsync("admin");
        var page = await admin.GetStringAsync("/admin/audit");
        var officeName = (await host.Services.GetRequiredService<UserAccounts>().DisplayNamesAsync(["vanphong"]))["vanphong"];
        Assert.Contains("Chuỗi nhật ký toàn vẹn", page);
        Assert.Contains("Sửa danh mục khen thưởng", page);
        Assert.Contains(officeName, page);
        Assert.Contains("Đăng nhập sai", page);
        Assert.Contains("ke-gian", page);

        // Someone with the database file drops the guard and edits the entry: the page says where the chain broke.
        var database = Path.Combine(host.DataFolder, "workflows.db");
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        var (seq, detail) = await EntryAsync(connection);
        await ExecuteAsync(connection, """DROP TRIGGER "AuditTrail_SealedStays" """);
        try
        {
            await ExecuteAsync(connection, $"""UPDATE "AuditTrail" SET "Detail" = '{detail.Replace("20", "21", StringComparison.Ordinal)}' WHERE "Seq" = {seq}""");
            page = await admin.GetStringAsync("/admin/audit");
            Assert.Contains($"Chuỗi nhật ký bị phá vỡ tại mục số {seq}", page);

            // Put back as it was, the chain holds again: the hash is of the content, nothing else.
            await ExecuteAsync(connection, $"""UPDATE "AuditTrail" SET "Detail" = '{detail}' WHERE "Seq" = {seq}""");
            Assert.Contains("Chuỗi nhật ký toàn vẹn", await admin.GetStringAsync("/admin/audit"));
        }
        finally
        {
            await ExecuteAsync(connection, """
                CREATE TRIGGER IF NOT EXISTS "AuditTrail_SealedStays" BEFORE UPDATE ON "AuditTrail" WHEN OLD."Seq" IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a sealed audit entry cannot change'); END;
                """);
        }
    }

    private static async Task<(long Seq, string Detail)> EntryAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Seq", "Detail" FROM "AuditTrail" WHERE "Action" = 'settings.award-changed' AND "Subject" = 'TTLDXS' AND "Seq" IS NOT NULL ORDER BY "Seq" DESC LIMIT 1""";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the award change was not sealed");
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
