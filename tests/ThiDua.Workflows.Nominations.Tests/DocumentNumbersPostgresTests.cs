using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Persistence;

namespace ThiDua.Workflows.Nominations.Tests;

/// <summary>Gap-free yearly numbers under concurrency on PostgreSQL (the server tests/setup/postgres.sh starts).</summary>
public sealed class DocumentNumbersPostgresTests
{
    [Fact]
    public async Task TwentyParallelIssuers_GetOneToTwenty_OnPostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("THIDUA_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres")
        {
            Database = "thidua_numbers_" + Guid.NewGuid().ToString("N")[..8],
        };
        var contexts = new NominationsContexts(new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = builder.ToString() });
        await contexts.MigrateAsync();
        try
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 3, 0, 0, TimeSpan.Zero));
            var audit = new AuditTrail(contexts, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditTrail>.Instance);
            var numbers = new DocumentNumbers(contexts, audit, clock);
            var issued = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => numbers.IssueAsync("Award", "QĐ-UBND", $"n:{i}", $"Quyết định {i}", "chutich", 2026))));
            Assert.Equal(Enumerable.Range(1, 20), issued.Select(d => d.Number).OrderBy(x => x));
            Assert.Equal("21/QĐ-UBND", (await numbers.IssueAsync("Award", "QĐ-UBND", "n:20", "Quyết định 20", "chutich", 2026)).DocumentNumber);

            // Twenty issuers sealed their entries at once: one chain, no fork, no entry left out.
            await audit.SealAsync();
            var chain = await audit.VerifyAsync();
            Assert.True(chain.Intact, chain.Reason);
            Assert.Equal((21L, 0), (chain.Verified, chain.Unsealed));
            await using var db = contexts.Create();
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditTrail" SET "Detail" = NULL WHERE "Seq" = 3"""));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
        finally
        {
            await using var db = contexts.Create();
            await db.Database.EnsureDeletedAsync();
        }
    }
}
