using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Queries;

/// <summary>A person to choose in a form: "Name — position".</summary>
public sealed record PersonChoice(long Id, string Label);

/// <summary>The choices of the nomination forms and filters: active awards, and the units a person may propose for or see.</summary>
public sealed class NominationLookups(NominationsContexts contexts)
{
    /// <summary>Active awards (commune level first; only those open to <paramref name="nomineeKind"/> when given) and the units the person may use.</summary>
    public async Task<(IReadOnlyList<(string Code, string Name)> Awards, IReadOnlyList<(string Id, string Name)> Units)> LoadAsync(
        Actor actor, CancellationToken cancellationToken, string? nomineeKind = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        // The level is stored as text: order in memory by the enum, not alphabetically in SQL.
        var awards = (await db.AwardKinds.AsNoTracking().Where(a => a.Active).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => nomineeKind is null || a.NomineeKinds.Split(',').Contains(nomineeKind, StringComparer.Ordinal))
            .OrderBy(a => a.Level).ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => new { a.Code, a.Name }).ToList();
        var seesAll = actor.SeesAllNominations;
        var units = await db.Units.AsNoTracking().Where(u => u.Active && (seesAll || u.Id == actor.UnitId)).OrderBy(u => u.Name)
            .Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (awards.Select(a => (a.Code, a.Name)).ToList(), units.Select(u => (u.Id, u.Name)).ToList());
    }

    /// <summary>The people of the given units, by name.</summary>
    public async Task<IReadOnlyList<PersonChoice>> PeopleAsync(IReadOnlyList<string> unitIds, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var people = await db.People.AsNoTracking().Where(p => unitIds.Contains(p.UnitId)).OrderBy(p => p.FullName)
            .Select(p => new { p.Id, p.FullName, p.Position }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return people.Select(p => new PersonChoice(p.Id, p.Position is null ? p.FullName : $"{p.FullName} — {p.Position}")).ToList();
    }
}
