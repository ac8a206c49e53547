using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Nominations.Tests;

/// <summary>
/// The văn thư's register of outgoing documents: two văn thư issuing at once never get one number, on a SQLite file
/// and on PostgreSQL; a number entered by hand is refused when used, and later numbers continue after it.
/// </summary>
public sealed class RegisterTests
{
    private static readonly Actor ClerkA = new("vanthu", [Roles.Clerk], null);
    private static readonly Actor ClerkB = new("vanthu2", [Roles.Clerk], null);

    [Fact]
    public async Task TwoClerksIssuingAtOnce_NeverShareANumber_OnSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("thidua-register-").FullName;
        await RunAsync(new NominationsContexts(new StoreOptions { Provider = StoreProvider.Sqlite, SqliteFile = Path.Combine(folder, "n.db") }));
    }

    [Fact]
    public async Task TwoClerksIssuingAtOnce_NeverShareANumber_OnPostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("THIDUA_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres")
        {
            Database = "thidua_register_" + Guid.NewGuid().ToString("N")[..8],
        };
        var contexts = new NominationsContexts(new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = builder.ToString() });
        try
        {
            await RunAsync(contexts);
        }
        finally
        {
            await using var db = contexts.Create();
            await db.Database.EnsureDeletedAsync();
        }
    }

    private static async Task RunAsync(NominationsContexts contexts)
    {
        await contexts.MigrateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 3, 0, 0, TimeSpan.Zero));
        var numbers = new DocumentNumbers(contexts, new AuditTrail(contexts, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditTrail>.Instance), clock);

        // The commune's own register is at 131: the series continues at 132.
        Assert.Equal("nextNumber", Assert.Single((await numbers.SetNextAsync("QĐ-UBND", 2026, 0, ClerkA)).Errors!.Keys));
        Assert.True((await numbers.SetNextAsync("QĐ-UBND", 2026, 132, ClerkA)).Ok);
        Assert.Equal(DomainProblem.Forbidden, (await numbers.SetNextAsync("QĐ-UBND", 2026, 500, new Actor("thon1", [Roles.UnitSubmitter], "thon-1"))).Problem);

        // Two clerks, twenty documents each, at once, mixed with the chair's decisions the workflow numbers.
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            (await numbers.RegisterAsync("QĐ-UBND", $"Quyết định số hóa {i}", null, 2026, i % 2 == 0 ? ClerkA : ClerkB)).Value!.Number))
            .Concat(Enumerable.Range(0, 10).Select(i => Task.Run(async () => (await numbers.IssueAsync("Award", "QĐ-UBND", $"nomination:r{i}", "Quyết định khen thưởng", "chutich", 2026)).Number)));
        var taken = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(132, 50), taken.Order());

        // Both clerks enter the same number taken in the paper register: one gets it, the other is refused.
        var same = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => numbers.RegisterAsync("QĐ-UBND", "Văn bản số 300", 300, 2026, i % 2 == 0 ? ClerkA : ClerkB))));
        Assert.Single(same, r => r.Ok);
        Assert.All(same.Where(r => !r.Ok), r => Assert.Contains("300/QĐ-UBND năm 2026 đã có", r.Message, StringComparison.Ordinal));
        // The series continues after the entered number; setting it back below a used number is refused.
        Assert.Equal(301, (await numbers.RegisterAsync("QĐ-UBND", "Tiếp theo", null, 2026, ClerkA)).Value!.Number);
        var back = await numbers.SetNextAsync("QĐ-UBND", 2026, 200, ClerkA);
        Assert.Contains("301/QĐ-UBND", back.Message ?? string.Join(" ", back.Errors!.Values.SelectMany(v => v)), StringComparison.Ordinal);
        Assert.Equal("symbol", Assert.Single((await numbers.RegisterAsync("QĐ UBND", "x", null, 2026, ClerkA)).Errors!.Keys));

        // A decision the workflow numbered gets the number it has in the commune's own register; a used one is refused.
        var decision = await numbers.IssueAsync("Award", "QĐ-UBND", "nomination:renumber", "Quyết định ghi số tay", "chutich", 2026);
        var renumbered = await numbers.RenumberAsync(decision.Id, 450, ClerkB);
        Assert.Equal("450/QĐ-UBND", renumbered.Value!.DocumentNumber);
        Assert.Equal(DomainProblem.Conflict, (await numbers.RenumberAsync(decision.Id, 300, ClerkA)).Problem);
        Assert.Equal(DomainProblem.Forbidden, (await numbers.RenumberAsync(decision.Id, 451, new Actor("chutich", [Roles.Chair], null))).Problem);
        Assert.Equal(451, (await numbers.RegisterAsync("QĐ-UBND", "Sau số ghi tay", null, 2026, ClerkA)).Value!.Number);
    }
}
