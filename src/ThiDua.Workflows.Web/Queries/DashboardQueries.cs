using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Queries;

public sealed record CountRow(string Label, int Count);

public sealed record DecisionRow(string Id, string DocumentNumber, string Kind, DateTimeOffset SignedAt);

public sealed record Dashboard(
    int InProgress, int DecidedThisYear, int DueThisWeek, int OverdueNominations,
    IReadOnlyList<CountRow> ByStatus, IReadOnlyList<CountRow> ByAward, IReadOnlyList<CountRow> ByUnit, IReadOnlyList<CountRow> ByYear,
    IReadOnlyList<DecisionRow> RecentDecisions);

/// <summary>Counts for the start page, limited to what the person may see (a unit: its own nominations).</summary>
public sealed class DashboardQueries(NominationsContexts contexts, TimeProvider clock)
{
    private static readonly string[] Finished =
        [NominationStatuses.Decided, NominationStatuses.Rejected, NominationStatuses.ProvinceDecided, NominationStatuses.Closed, NominationStatuses.Ineligible, NominationStatuses.CouncilRejected, NominationStatuses.Draft];

    public async Task<Dashboard> LoadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var query = db.Nominations.AsNoTracking();
        if (!actor.SeesAllNominations) query = query.Where(n => n.UnitId == actor.UnitId);
        var rows = await query.Select(n => new { n.Status, n.AwardCode, n.UnitId, n.Year, n.DueAt, n.DecisionId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var weekEnd = now.AddDays(7);
        var year = now.ToOffset(TimeSpan.FromHours(7)).Year;
        var open = rows.Where(r => !Finished.Contains(r.Status)).ToList();

        var decisionIds = rows.Where(r => r.DecisionId != null).Select(r => r.DecisionId!).Distinct().ToList();
        var decisions = await db.Decisions.AsNoTracking()
            .Where(d => actor.SeesAllNominations ? d.Kind == "Award" : decisionIds.Contains(d.Id))
            .OrderByDescending(d => d.Year).ThenByDescending(d => d.Number).Take(5)
            .Select(d => new DecisionRow(d.Id, d.DocumentNumber, d.Kind, d.SignedAt)).ToListAsync(cancellationToken).ConfigureAwait(false);

        return new Dashboard(
            open.Count,
            rows.Count(r => r.Status is NominationStatuses.Decided or NominationStatuses.ProvinceDecided && r.Year == year),
            open.Count(r => r.DueAt is { } due && due >= now && due <= weekEnd),
            open.Count(r => r.DueAt is { } due && due < now),
            Count(rows.Select(r => NominationStatuses.Labels.GetValueOrDefault(r.Status, r.Status))),
            Count(rows.Select(r => awards.GetValueOrDefault(r.AwardCode, r.AwardCode))),
            Count(rows.Select(r => units.GetValueOrDefault(r.UnitId, r.UnitId))),
            rows.GroupBy(r => r.Year).OrderBy(g => g.Key).Select(g => new CountRow(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Count())).ToList(),
            decisions);
    }


    private static List<CountRow> Count(IEnumerable<string> labels) =>
        labels.GroupBy(l => l).Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
}
