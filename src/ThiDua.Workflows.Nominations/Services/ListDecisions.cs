using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record ListDecisionRequest(IReadOnlyList<string>? NominationIds, string? Comment);

public sealed record ListDecisionResult(Decision Decision, IReadOnlyList<string> Decided, IReadOnlyList<string> Skipped);

/// <summary>
/// The chair decides several nominations in one decision with a list (quyết định kèm danh sách), as communes do at
/// year end: one number for the list; each nomination's chair task is completed with Approve and its workflow goes on.
/// </summary>
public sealed class ListDecisions(
    NominationsContexts contexts,
    TaskDecisions decisions,
    DocumentNumbers numbers,
    NominationOptions options,
    WorkingCalendar calendar,
    TimeProvider clock)
{
    public const string ChairTaskId = "chairDecision";

    public async Task<DomainResult<ListDecisionResult>> DecideAsync(ListDecisionRequest request, Actor actor, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Chair)) return DomainResult<ListDecisionResult>.Forbidden("Chỉ Chủ tịch UBND xã ký quyết định khen thưởng.");
        var ids = (request.NominationIds ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return DomainResult<ListDecisionResult>.Invalid("nominationIds", "Cần chọn ít nhất một hồ sơ chờ quyết định.");

        // Every nomination must wait for the chair's decision, with its task open.
        var open = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            var task = await decisions.FindOpenTaskAsync(id, ChairTaskId, cancellationToken).ConfigureAwait(false);
            if (task is null)
            {
                await using var domain = contexts.Create();
                var status = await domain.Nominations.Where(n => n.Id == id).Select(n => n.Status).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                return status == NominationStatuses.Decided
                    ? DomainResult<ListDecisionResult>.Conflict("Hồ sơ đã được quyết định trước đó.")
                    : DomainResult<ListDecisionResult>.Invalid("nominationIds", $"Hồ sơ '{id}' không chờ Chủ tịch quyết định.");
            }

            open[id] = task.Id;
        }

        // The same list asked twice gets the same decision (its number is the list's, not a new one).
        var key = "list:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", ids))))[..32];
        var year = calendar.LocalDate(clock.GetUtcNow()).Year;
        var decision = await numbers.IssueAsync("Award", options.DecisionSymbol, key, $"Quyết định khen thưởng {ids.Count} trường hợp năm {year}", actor.UserName, year, cancellationToken).ConfigureAwait(false);
        await using (var db = contexts.Create())
        {
            await db.Nominations.Where(n => ids.Contains(n.Id) && n.DecisionId == null && n.Status == NominationStatuses.AwaitingDecision)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.DecisionId, decision.Id), cancellationToken).ConfigureAwait(false);
        }

        var decided = new List<string>();
        var skipped = new List<string>();
        foreach (var id in ids)
        {
            var outcome = await decisions.DecideSignedInAsync(open[id], actor.UserName, "Approve", request.Comment, address, cancellationToken).ConfigureAwait(false);
            if (outcome == DecisionOutcome.Decided) decided.Add(id);
            else skipped.Add(id);
        }

        if (skipped.Count > 0)
        {
            // Someone else decided these meanwhile: they leave the list (their own decision stands).
            await using var db = contexts.Create();
            await db.Nominations.Where(n => skipped.Contains(n.Id) && n.DecisionId == decision.Id && n.Status != NominationStatuses.Decided)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.DecisionId, (string?)null), cancellationToken).ConfigureAwait(false);
        }

        return decided.Count == 0
            ? DomainResult<ListDecisionResult>.Conflict("Các hồ sơ đã được quyết định trước đó.")
            : DomainResult<ListDecisionResult>.Success(new ListDecisionResult(decision, decided, skipped));
    }
}
