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
public sealed partial class DocumentNumbers(NominationsContexts contexts, AuditTrail audit, TimeProvider clock)
{
    public async Task<Decision> IssueAsync(string kind, string symbol, string subjectKey, string title, string? signedBy, int year, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        // SQLite: BEGIN IMMEDIATE (writers queue on the busy timeout); PostgreSQL: the upsert locks the series row.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.Decisions.FirstOrDefaultAsync(d => d.Kind == kind && d.SubjectKey == subjectKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return existing;

        var number = await NextAsync(db, transaction, symbol, year, cancellationToken).ConfigureAwait(false);
        var signer = signedBy is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == signedBy, cancellationToken).ConfigureAwait(false);
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
            SignatureLines = SignatureFor(kind, signer?.SigningTitle),
            SignerName = signer?.FullName,
        };
        db.Decisions.Add(decision);
        audit.Add(db, signedBy ?? "system", AuditActions.DocumentIssued, decision.DocumentNumber, new { kind, title, year, subject = subjectKey });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>
    /// The văn thư registers an outgoing document: with <paramref name="number"/> when the number was taken in the
    /// commune's own register (refused when the series already has it), otherwise the series' next number.
    /// </summary>
    public async Task<DomainResult<Decision>> RegisterAsync(string? symbol, string? title, int? number, int year, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Clerk)) return DomainResult<Decision>.Forbidden("Chỉ văn thư đăng ký văn bản đi.");
        var errors = new Dictionary<string, string[]>();
        symbol = symbol?.Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (string.IsNullOrEmpty(symbol) || !SymbolPattern().IsMatch(symbol)) errors["symbol"] = ["Ký hiệu văn bản chưa đúng (ví dụ QĐ-UBND, TTr-UBND, BC-UBND)."];
        if (string.IsNullOrWhiteSpace(title) || title.Length > 500) errors["title"] = ["Nhập trích yếu văn bản (tối đa 500 ký tự)."];
        if (number is < 1 or > 99_999) errors["number"] = ["Số văn bản phải từ 1 đến 99999."];
        if (year is < 2000 or > 2100) errors["year"] = ["Năm không hợp lệ."];
        if (errors.Count > 0) return DomainResult<Decision>.Invalid(errors);

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int taken;
        if (number is { } wanted)
        {
            if (await db.Decisions.AnyAsync(d => d.Symbol == symbol && d.Year == year && d.Number == wanted, cancellationToken).ConfigureAwait(false))
                return DomainResult<Decision>.Conflict($"Số {wanted}/{symbol} năm {year} đã có trong sổ đăng ký văn bản đi.");
            await RaiseAsync(db, transaction, symbol!, year, wanted, cancellationToken).ConfigureAwait(false);
            taken = wanted;
        }
        else taken = await NextAsync(db, transaction, symbol!, year, cancellationToken).ConfigureAwait(false);

        var decision = new Decision
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            Kind = "Outgoing",
            Year = year,
            Number = taken,
            Symbol = symbol!,
            DocumentNumber = $"{taken}/{symbol}",
            Title = title!.Trim(),
            SignedAt = clock.GetUtcNow(),
            SubjectKey = "register:" + Guid.NewGuid().ToString("N"),
            RegisteredBy = actor.UserName,
        };
        db.Decisions.Add(decision);
        audit.Add(db, actor.UserName, AuditActions.DocumentIssued, decision.DocumentNumber, new { kind = decision.Kind, decision.Title, year, entered = number is not null });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (number is not null)
        {
            // Another văn thư entered the same number a moment before: the unique index keeps the register whole.
            return DomainResult<Decision>.Conflict($"Số {number}/{symbol} năm {year} đã có trong sổ đăng ký văn bản đi.");
        }

        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<Decision>.Success(decision);
    }

    /// <summary>
    /// The văn thư gives an issued document the number it has in the commune's own register (kept in another system):
    /// refused when that number is used; the awards register and the province letters follow.
    /// </summary>
    public async Task<DomainResult<Decision>> RenumberAsync(string decisionId, int number, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Clerk)) return DomainResult<Decision>.Forbidden("Chỉ văn thư ghi số văn bản.");
        if (number is < 1 or > 99_999) return DomainResult<Decision>.Invalid("number", "Số văn bản phải từ 1 đến 99999.");
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == decisionId, cancellationToken).ConfigureAwait(false);
        if (decision is null) return DomainResult<Decision>.NotFound("Không có văn bản này trong sổ.");
        if (decision.Number == number) return DomainResult<Decision>.Success(decision);
        if (await db.Decisions.AnyAsync(d => d.Symbol == decision.Symbol && d.Year == decision.Year && d.Number == number, cancellationToken).ConfigureAwait(false))
            return DomainResult<Decision>.Conflict($"Số {number}/{decision.Symbol} năm {decision.Year} đã có trong sổ đăng ký văn bản đi.");
        var old = decision.DocumentNumber;
        decision.Number = number;
        decision.DocumentNumber = $"{number}/{decision.Symbol}";
        decision.RegisteredBy = actor.UserName;
        var decided = db.Nominations.Where(n => n.DecisionId == decision.Id).Select(n => n.Id);
        await db.Commendations.Where(c => c.DecisionNumber == old && c.NominationId != null && decided.Contains(c.NominationId))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.DecisionNumber, decision.DocumentNumber), cancellationToken).ConfigureAwait(false);
        if (decision.Kind == "ProvinceSubmission")
            await db.ProvinceSubmissions.Where(p => p.LetterNumber == old && decision.SubjectKey.EndsWith(":" + p.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.LetterNumber, decision.DocumentNumber), cancellationToken).ConfigureAwait(false);
        await RaiseAsync(db, transaction, decision.Symbol, decision.Year, number, cancellationToken).ConfigureAwait(false);
        audit.Add(db, actor.UserName, AuditActions.DocumentRenumbered, decision.DocumentNumber, new { from = old, to = decision.DocumentNumber });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return DomainResult<Decision>.Conflict($"Số {number}/{decision.Symbol} năm {decision.Year} đã có trong sổ đăng ký văn bản đi.");
        }

        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<Decision>.Success(decision);
    }

    /// <summary>Sets the next number of a series (the commune's real register continues here); never at or below a number already used.</summary>
    public async Task<DomainResult<DocumentSeries>> SetNextAsync(string? symbol, int year, int nextNumber, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Clerk)) return DomainResult<DocumentSeries>.Forbidden("Chỉ văn thư đặt số của sổ đăng ký.");
        symbol = symbol?.Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (string.IsNullOrEmpty(symbol) || !SymbolPattern().IsMatch(symbol)) return DomainResult<DocumentSeries>.Invalid("symbol", "Ký hiệu văn bản chưa đúng (ví dụ QĐ-UBND).");
        if (nextNumber is < 1 or > 99_999) return DomainResult<DocumentSeries>.Invalid("nextNumber", "Số tiếp theo phải từ 1 đến 99999.");
        if (year is < 2000 or > 2100) return DomainResult<DocumentSeries>.Invalid("year", "Năm không hợp lệ.");
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var used = await db.Decisions.Where(d => d.Symbol == symbol && d.Year == year).MaxAsync(d => (int?)d.Number, cancellationToken).ConfigureAwait(false) ?? 0;
        if (nextNumber <= used)
            return DomainResult<DocumentSeries>.Invalid("nextNumber", $"Số tiếp theo phải lớn hơn số đã dùng gần nhất ({used}/{symbol}).");
        var series = await db.DocumentSeries.FirstOrDefaultAsync(s => s.Symbol == symbol && s.Year == year, cancellationToken).ConfigureAwait(false);
        if (series is null) db.DocumentSeries.Add(series = new DocumentSeries { Symbol = symbol, Year = year });
        series.LastNumber = nextNumber - 1;
        audit.Add(db, actor.UserName, AuditActions.SeriesSet, $"{symbol}/{year}", new { nextNumber });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<DocumentSeries>.Success(series);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}]{1,8}(-[\p{L}0-9]{1,12}){1,2}$")]
    private static partial System.Text.RegularExpressions.Regex SymbolPattern();

    private static async Task RaiseAsync(NominationsDbContext db, IDbContextTransaction transaction, string symbol, int year, int number, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        // Later automatic numbers continue after an entered one; an entered number below the series leaves it.
        command.CommandText = """
            INSERT INTO "DocumentSeries" ("Symbol", "Year", "LastNumber") VALUES (@symbol, @year, @number)
            ON CONFLICT ("Symbol", "Year") DO UPDATE SET "LastNumber" = CASE WHEN "DocumentSeries"."LastNumber" < @number THEN @number ELSE "DocumentSeries"."LastNumber" END
            """;
        Add(command, "@symbol", symbol);
        Add(command, "@year", year);
        Add(command, "@number", number);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The signature a kind of document carries: the chair's own decisions, the committee's letters (TM.), the council's minutes.</summary>
    public static string SignatureFor(string kind, string? signingTitle) => kind switch
    {
        "ProvinceSubmission" => Documents.Signatures.Lines(signingTitle, "Ủy ban nhân dân"),
        "Minutes" => "THƯ KÝ HỘI ĐỒNG",
        _ => Documents.Signatures.Lines(signingTitle),
    };

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
