using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Web.Documents;

/// <summary>The lists people export, each as the person may see it (a unit its own rows).</summary>
public sealed class ExportQueries(NominationsContexts contexts, NominationQueries nominations, WorkingCalendar calendar)
{
    public static readonly IReadOnlyList<string> Lists = ["nominations", "commendations", "decisions"];

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public async Task<ExportTable?> TableAsync(string list, int? year, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return list switch
        {
            "nominations" => await NominationsAsync(year, actor, cancellationToken).ConfigureAwait(false),
            "commendations" => await CommendationsAsync(year, actor, cancellationToken).ConfigureAwait(false),
            "decisions" => await DecisionsAsync(year, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
    }

    private async Task<ExportTable> NominationsAsync(int? year, Actor actor, CancellationToken cancellationToken)
    {
        var rows = await nominations.ListAsync(actor, null, null, year, null, cancellationToken).ConfigureAwait(false);
        return new ExportTable("Ho-so-de-nghi",
            ["Năm", "Đơn vị", "Đối tượng", "Hình thức, danh hiệu", "Trạng thái", "Tóm tắt thành tích", "Hạn giải quyết", "Số quyết định"],
            rows.Select(n => (IReadOnlyList<string>)[n.Year.ToString(CultureInfo.InvariantCulture), n.UnitName, n.NomineeName, n.AwardName, n.StatusLabel,
                n.AchievementSummary, n.DueDate ?? "", n.DecisionNumber ?? ""]).ToList());
    }

    private async Task<ExportTable> CommendationsAsync(int? year, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var query = db.Commendations.AsNoTracking();
        if (year is { } y) query = query.Where(c => c.Year == y);
        if (!actor.SeesAllNominations)
        {
            var people = db.People.Where(p => p.UnitId == actor.UnitId).Select(p => (long?)p.Id);
            query = query.Where(c => c.UnitId == actor.UnitId || people.Contains(c.PersonId));
        }

        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var rows = await query.OrderBy(c => c.Year).ThenBy(c => c.DecidedOn).Take(20_000).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ExportTable("So-khen-thuong",
            ["Năm", "Cá nhân, tập thể", "Đơn vị", "Hình thức, danh hiệu", "Loại khen thưởng", "Số quyết định", "Ngày quyết định", "Cấp quyết định", "Tiền thưởng (đồng)"],
            rows.Select(c => (IReadOnlyList<string>)[c.Year.ToString(CultureInfo.InvariantCulture), c.NomineeName, c.UnitId is null ? "" : units.GetValueOrDefault(c.UnitId, c.UnitId),
                awards.GetValueOrDefault(c.AwardCode, c.AwardCode), Presentation.Labels.CommendationType((c.CommendationType ?? ThiDua.Workflows.Nominations.Entities.CommendationType.Merit).ToString()),
                c.DecisionNumber, c.DecidedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), c.Issuer, c.PrizeMoney?.ToString("N0", Vietnamese) ?? ""]).ToList());
    }

    private async Task<ExportTable> DecisionsAsync(int? year, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var query = db.Decisions.AsNoTracking();
        if (year is { } y) query = query.Where(d => d.Year == y);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        var rows = (await query.ToListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(d => d.Year).ThenBy(d => d.Symbol, StringComparer.Ordinal).ThenBy(d => d.Number);
        return new ExportTable("So-van-ban-di",
            ["Năm", "Số, ký hiệu", "Ngày", "Trích yếu", "Người ký", "Văn thư đăng ký"],
            rows.Select(d => (IReadOnlyList<string>)[d.Year.ToString(CultureInfo.InvariantCulture), d.DocumentNumber, calendar.LocalDate(d.SignedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                d.Title, d.SignerName ?? (d.SignedBy is null ? "" : names.GetValueOrDefault(d.SignedBy, d.SignedBy)), d.RegisteredBy is null ? "" : names.GetValueOrDefault(d.RegisteredBy, d.RegisteredBy)]).ToList());
    }
}
