using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// Issues numbered documents (ND 30/2020): one gap-free series per symbol and calendar year. The number is taken
/// with an atomic upsert in the same transaction as the document row, so a failure gives the number back and two
/// concurrent issuers never share one. Issuing twice for the same subject returns the first document.
/// </summary>
public sealed class DocumentNumbers(NominationsContexts contexts, AuditTrail audit, TimeProvider clock)
{
    public async Task<Decision> IssueAsync(string kind, string symbol, string subjectKey, string title, string? signedBy, int year, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        // SQLite: BEGIN IMMEDIATE (writers queue on the busy timeout); PostgreSQL: the upsert locks the series row.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.Decisions.FirstOrDefaultAsync(d => d.Kind == kind && d.SubjectKey == subjectKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return existing;

        var number = await NextAsync(db, transaction, symbol, year, cancellationToken).ConfigureAwait(false);
        var decision = new Decision
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            Kind = kind,
            Year = year,
            Number = number,
            Symbol = symbol,
            DocumentNumber = $"{number}/{symbol}",
            Title = title,
            SignedBy = signedBy,
            SignedAt = clock.GetUtcNow(),
            SubjectKey = subjectKey,
        };
        db.Decisions.Add(decision);
        audit.Add(db, signedBy ?? "system", AuditActions.DocumentIssued, decision.DocumentNumber, new { kind, title, year, subject = subjectKey });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return decision;
    }

    private static async Task<int> NextAsync(NominationsDbContext db, IDbContextTransaction transaction, string symbol, int year, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        // The same statement works on SQLite (3.35+) and PostgreSQL.
        command.CommandText = """
            INSERT INTO "DocumentSeries" ("Symbol", "Year", "LastNumber") VALUES (@symbol, @year, 1)
            ON CONFLICT ("Symbol", "Year") DO UPDATE SET "LastNumber" = "DocumentSeries"."LastNumber" + 1
            RETURNING "LastNumber"
            """;
        Add(command, "@symbol", symbol);
        Add(command, "@year", year);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
