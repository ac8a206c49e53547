using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>The years a report covers: the 2027 interim review (2026–2027), the 2030 final review (2026–2030), or one year.</summary>
public sealed record ReportPeriod(string Code, string Label, int FromYear, int ToYear)
{
    public const int MovementStart = 2026;

    public static IReadOnlyList<(string Code, string Label)> Choices { get; } =
        [("so-ket-2027", "Sơ kết giai đoạn 1 (2026–2027)"), ("tong-ket-2030", "Tổng kết phong trào (2026–2030)"), ("nam", "Một năm")];

    /// <summary>The period named by <paramref name="code"/>; a year report when the code is "nam" or unknown.</summary>
    public static ReportPeriod Of(string? code, int year) => code switch
    {
        "so-ket-2027" => new(code, "Sơ kết giai đoạn 1 (2026–2027)", MovementStart, 2027),
        "tong-ket-2030" => new(code, "Tổng kết phong trào (2026–2030)", MovementStart, 2030),
        _ => new("nam", $"Năm {year}", year, year),
    };
}

/// <summary>One line of a report: what was proposed, what was awarded, the prize money paid.</summary>
public sealed record ReportLine(string Label, int Proposed, int Awarded, long PrizeMoney);

/// <summary>A line of the year-end statistics: an award and how many collectives, individuals and households got it.</summary>
public sealed record StatisticsLine(string Award, string Level, int Collectives, int Individuals, int Households, long PrizeMoney)
{
    public int Total => Collectives + Individuals + Households;
}

/// <summary>How many nominations of a period are at a status.</summary>
public sealed record StatusCount(string Status, string Label, int Count);

public sealed record MovementReport(
    ReportPeriod Period,
    IReadOnlyList<ReportLine> ByGroup,
    IReadOnlyList<ReportLine> ByUnit,
    IReadOnlyList<ReportLine> ByAward,
    IReadOnlyList<ReportLine> ByYear,
    IReadOnlyList<StatusCount> ByStatus,
    ReportLine Total);

/// <summary>
/// The movement's results for a period, as the office reports them at the reviews: by unit group (the seed's four
/// groups, section III.1), unit, award, year and status; and the year-end statistics the commune sends upward
/// (counts by award and level, as biểu 0602.N/BNV-TĐKT asks — its exact layout is the province's, UNCONFIRMED).
/// Proposed counts nominations sent to the commune (not drafts); awarded counts decisions, the commune's and above.
/// </summary>
public sealed class MovementReports(NominationsContexts contexts)
{
    /// <summary>The seed's groups: (a) agencies and units, (b) the Front and mass organisations, (c) enterprises, cooperatives and household businesses, (d) people.</summary>
    public static readonly IReadOnlyList<string> Groups =
        ["a) Cơ quan, đơn vị", "b) Mặt trận Tổ quốc và các đoàn thể", "c) Doanh nghiệp, hợp tác xã, hộ kinh doanh", "d) Cán bộ, công chức và Nhân dân"];

    private static readonly HashSet<string> Awarded = [NominationStatuses.Decided, NominationStatuses.ProvinceDecided];

    public static string GroupOf(NomineeKind kind, UnitKind unit) => kind is NomineeKind.Individual or NomineeKind.Household ? Groups[3] : unit switch
    {
        UnitKind.MassOrganisation => Groups[1],
        UnitKind.Enterprise or UnitKind.Cooperative or UnitKind.HouseholdBusiness => Groups[2],
        _ => Groups[0],
    };

    public async Task<MovementReport> BuildAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var db = contexts.Create();
        var nominations = await db.Nominations.AsNoTracking()
            .Where(n => n.Year >= period.FromYear && n.Year <= period.ToYear && n.Status != NominationStatuses.Draft)
            .Select(n => new { n.Id, n.Year, n.UnitId, n.NomineeUnitId, n.NomineeKind, n.AwardCode, n.Status })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var ids = nominations.Select(n => n.Id).ToList();
        var money = await db.Commendations.AsNoTracking().Where(c => c.NominationId != null && ids.Contains(c.NominationId))
            .Select(c => new { c.NominationId, c.PrizeMoney }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var paid = money.GroupBy(m => m.NominationId!).ToDictionary(g => g.Key, g => g.Sum(m => m.PrizeMoney ?? 0));

        var rows = nominations.Select(n =>
        {
            var unit = units.GetValueOrDefault(n.NomineeUnitId ?? n.UnitId) ?? units.GetValueOrDefault(n.UnitId);
            return new Row(n.Year, units.GetValueOrDefault(n.UnitId)?.Name ?? n.UnitId, GroupOf(n.NomineeKind, unit?.Kind ?? UnitKind.Office),
                awards.GetValueOrDefault(n.AwardCode, n.AwardCode), n.Status, Awarded.Contains(n.Status), paid.GetValueOrDefault(n.Id));
        }).ToList();

        List<ReportLine> Lines<TKey>(Func<Row, TKey> key, Func<TKey, string> label, IEnumerable<TKey>? all = null) where TKey : notnull
        {
            var grouped = rows.GroupBy(r => key(r)).ToDictionary(g => g.Key, g => new ReportLine(label(g.Key), g.Count(), g.Count(r => r.Won), g.Sum(r => r.Money)));
            return (all ?? grouped.Keys).Select(k => grouped.GetValueOrDefault(k) ?? new ReportLine(label(k), 0, 0, 0)).ToList();
        }

        var vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);
        return new MovementReport(
            period,
            Lines(r => r.Group, g => g, Groups),
            Lines(r => r.Unit, u => u).OrderBy(l => l.Label, vietnamese).ToList(),
            Lines(r => r.Award, a => a).OrderByDescending(l => l.Proposed).ThenBy(l => l.Label, vietnamese).ToList(),
            Lines(r => r.Year, y => y.ToString(System.Globalization.CultureInfo.InvariantCulture), Enumerable.Range(period.FromYear, period.ToYear - period.FromYear + 1)),
            rows.GroupBy(r => r.Status).Select(g => new StatusCount(g.Key, NominationStatuses.Labels.GetValueOrDefault(g.Key, g.Key), g.Count())).OrderByDescending(x => x.Count).ToList(),
            new ReportLine("Tổng cộng", rows.Count, rows.Count(r => r.Won), rows.Sum(r => r.Money)));
    }

    private sealed record Row(int Year, string Unit, string Group, string Award, string Status, bool Won, long Money);

    /// <summary>The year's awards from the register (the commune's decisions and those from above), by award and level.</summary>
    public async Task<IReadOnlyList<StatisticsLine>> StatisticsAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var entries = await db.Commendations.AsNoTracking().Where(c => c.Year == year)
            .Select(c => new { c.AwardCode, c.PersonId, c.HouseholdName, c.PrizeMoney }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken).ConfigureAwait(false);
        static string LevelLabel(AwardLevel? level) => level switch
        {
            AwardLevel.Commune => "Cấp xã",
            AwardLevel.Province => "Cấp tỉnh",
            AwardLevel.Central => "Cấp Nhà nước",
            _ => "",
        };
        return entries.GroupBy(e => e.AwardCode)
            .Select(g =>
            {
                var award = awards.GetValueOrDefault(g.Key);
                return new StatisticsLine(award?.Name ?? g.Key, LevelLabel(award?.Level),
                    g.Count(e => e.PersonId is null && e.HouseholdName is null), g.Count(e => e.PersonId is not null), g.Count(e => e.HouseholdName is not null),
                    g.Sum(e => e.PrizeMoney ?? 0));
            })
            .OrderBy(l => l.Level, StringComparer.Ordinal).ThenByDescending(l => l.Total).ToList();
    }
}
