using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Queries;

public sealed record AuditRow(long? Seq, DateTimeOffset At, string Actor, string Action, string Subject, string? Detail);

/// <summary>The administrator's view of the audit trail: the chain's state and the latest entries, with people's names.</summary>
public sealed class AuditQueries(NominationsContexts contexts, AuditTrail trail, UserAccounts users)
{
    public const int PageSize = 50;

    /// <summary>Seals what is waiting, then walks the whole chain.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await trail.SealQuietlyAsync(cancellationToken);
        return await trail.VerifyAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<AuditRow> Rows, int Total, IReadOnlyDictionary<string, string> Names)> LatestAsync(string? action, int page, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var query = db.AuditTrail.AsNoTracking();
        if (!string.IsNullOrEmpty(action)) query = query.Where(r => r.Action == action);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new AuditRow(r.Seq, r.At, r.Actor, r.Action, r.Subject, r.Detail)).ToListAsync(cancellationToken);
        // People by name: those who acted, and those an account entry is about.
        var people = rows.Select(r => r.Actor).Concat(rows.Where(r => AboutAUser(r.Action)).Select(r => r.Subject)).Distinct();
        var names = await users.DisplayNamesAsync(people, cancellationToken);
        return (rows, total, names);
    }

    /// <summary>Entries whose subject is a user name (shown as the person's name).</summary>
    public static bool AboutAUser(string action) =>
        action.StartsWith("account.", StringComparison.Ordinal) || action.StartsWith("settings.user-", StringComparison.Ordinal) || action == "settings.password-reset";
}
