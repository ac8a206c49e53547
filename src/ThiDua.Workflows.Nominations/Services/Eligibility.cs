using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>Gathers what the eligibility rules look at (register, same-year nominations, holds) and stores their verdict.</summary>
internal static class Eligibility
{
    public static async Task<string?> RefreshAsync(NominationsDbContext db, Nomination nomination, AwardKind award, CancellationToken cancellationToken)
    {
        var person = nomination.PersonId is { } pid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken).ConfigureAwait(false) : null;
        var history = nomination.PersonId is { } personId
            ? await db.Commendations.AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(cancellationToken).ConfigureAwait(false)
            : nomination.NomineeUnitId is { } unitId
                ? await CollectiveHistoryAsync(db, unitId, cancellationToken).ConfigureAwait(false)
                : [];
        var sameYear = nomination.PersonId is { } p2
            ? await db.Nominations.AsNoTracking().Where(n => n.PersonId == p2 && n.Year == nomination.Year).ToListAsync(cancellationToken).ConfigureAwait(false)
            : [];
        var holds = await db.EligibilityHolds.AsNoTracking().Where(h => h.NominationId == nomination.Id && h.ReleasedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        holds.AddRange(db.EligibilityHolds.Local.Where(h => h.NominationId == nomination.Id && h.Id == 0));
        var issues = EligibilityRules.Check(nomination, new EligibilityFacts(award, person, history, sameYear, holds));
        return issues.Count == 0 ? null : string.Join('\n', issues);
    }

    /// <summary>A collective's register, with the titles of the units merged into it (and into those, a few levels up).</summary>
    public static async Task<List<Commendation>> CollectiveHistoryAsync(NominationsDbContext db, string unitId, CancellationToken cancellationToken)
    {
        var units = new List<string> { unitId };
        var frontier = units.ToList();
        for (var level = 0; level < 5 && frontier.Count > 0; level++)
        {
            frontier = await db.Units.AsNoTracking().Where(u => u.MergedInto != null && frontier.Contains(u.MergedInto) && !units.Contains(u.Id))
                .Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            units.AddRange(frontier);
        }

        return await db.Commendations.AsNoTracking().Where(c => c.UnitId != null && units.Contains(c.UnitId)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
