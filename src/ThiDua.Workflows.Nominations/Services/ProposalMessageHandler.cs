using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Activities.Proposals;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Mail;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// Applies what a proposal's workflow wrote: after the office's review the accepted nominees go to the council or to
/// the chair (and the workflow is told which); the chair's one decision for the list; the unit's notice. Delivered at
/// least once: each step reads where the proposal stands, so a repeat changes nothing.
/// </summary>
public sealed class ProposalMessageHandler(
    string kind,
    NominationsContexts contexts,
    DocumentNumbers numbers,
    IServiceProvider services,
    Notices notices,
    IUserDirectory directory,
    NominationOptions options,
    WorkingCalendar calendar,
    TimeProvider clock) : IOutboxHandler
{
    public string Kind => kind;

    // Resolved when used: the runtime's outbox dispatcher holds this handler, and the signals hold the runtime.
    private WorkflowSignals Signals => services.GetRequiredService<WorkflowSignals>();

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.Payload["proposalId"]!.GetValue<string>();
        switch (kind)
        {
            case ProposalMessages.Advance:
                await AdvanceAsync(id, cancellationToken).ConfigureAwait(false);
                break;
            case ProposalMessages.Decide:
                await DecideAsync(id, message.Payload["signedBy"]?.GetValue<string>(), cancellationToken).ConfigureAwait(false);
                break;
            case ProposalMessages.Notify:
                await NotifyAsync(id, message.Id, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AdvanceAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var proposal = await db.Proposals.FirstAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
        if (proposal.Status == nameof(ProposalStatus.Submitted))
        {
            var now = clock.GetUtcNow();
            var accepted = await db.Nominations.Where(n => n.ProposalId == id && n.Status == NominationStatuses.Eligible).ToListAsync(cancellationToken).ConfigureAwait(false);
            var rules = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.VoteRule, cancellationToken).ConfigureAwait(false);
            foreach (var n in accepted)
            {
                // One ballot sheet for the list: every nominee whose award the council votes on waits for it together.
                var next = rules[n.AwardCode] == VoteRule.None ? NominationStatuses.AwaitingDecision : NominationStatuses.AwaitingCouncil;
                NominationStateMachine.EnsureCanMove(n.Status, next);
                n.Status = next;
                n.UpdatedAt = now;
                db.NominationEvents.Add(new NominationEvent { NominationId = n.Id, Event = "StatusChanged", Status = next, Actor = "workflow", At = now });
            }

            var status = accepted.Count == 0 ? nameof(ProposalStatus.Closed)
                : accepted.Any(n => n.Status == NominationStatuses.AwaitingCouncil) ? nameof(ProposalStatus.AwaitingCouncil)
                : nameof(ProposalStatus.AwaitingDecision);
            ProposalStateMachine.EnsureCanMove(proposal.Status, status);
            proposal.Status = status;
        }

        var route = proposal.Status switch
        {
            nameof(ProposalStatus.AwaitingCouncil) => "Council",
            nameof(ProposalStatus.AwaitingDecision) => "Decision",
            _ => "Closed",
        };
        var signals = Signals;
        var signal = signals.Add(db, id, ProposalStimuli.Routed, new JsonObject { ["route"] = route });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await signals.DeliverAsync([signal], cancellationToken).ConfigureAwait(false);
    }

    private async Task DecideAsync(string id, string? signedBy, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var proposal = await db.Proposals.AsNoTracking().FirstAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
        if (proposal.Status != nameof(ProposalStatus.AwaitingDecision)) return;
        var now = clock.GetUtcNow();
        var decision = await numbers.IssueAsync("Award", options.DecisionSymbol, "proposal:" + id, $"Quyết định khen thưởng theo danh sách: {proposal.Title}", signedBy,
            calendar.LocalDate(now).Year, cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var listed = await db.Nominations.Where(n => n.ProposalId == id && n.Status == NominationStatuses.AwaitingDecision).OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken).ConfigureAwait(false);
        var decidedOn = calendar.LocalDate(decision.SignedAt);
        foreach (var n in listed)
        {
            NominationStateMachine.EnsureCanMove(n.Status, NominationStatuses.Decided);
            n.Status = NominationStatuses.Decided;
            n.DecisionId = decision.Id;
            n.UpdatedAt = now;
            var award = awards[n.AwardCode];
            if (!await db.Commendations.AnyAsync(c => c.NominationId == n.Id, cancellationToken).ConfigureAwait(false))
            {
                var entry = Commendation.For(n, decision.DocumentNumber, decidedOn, options.ChairTitle, PrizeMoney.For(award, n.NomineeKind, options.BaseSalary));
                if (award.Category == AwardCategory.EmulationTitle)
                    entry.PrizeMoney = PrizeMoney.ForTitle(entry.PrizeMoney, await NominationMessageHandler.TitleMoneyPaidAsync(db, n, cancellationToken).ConfigureAwait(false));
                db.Commendations.Add(entry);
                // The next nominee of the same person in this list sees this title's money as paid.
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            db.NominationEvents.Add(new NominationEvent { NominationId = n.Id, Event = "Decided", Status = n.Status, Actor = signedBy ?? "workflow", At = now, Note = $"Quyết định số {decision.DocumentNumber}" });
        }

        await db.Proposals.Where(p => p.Id == id && p.Status == nameof(ProposalStatus.AwaitingDecision))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, nameof(ProposalStatus.Decided)).SetProperty(p => p.DecisionId, decision.Id), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task NotifyAsync(string id, string messageId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var proposal = await db.Proposals.AsNoTracking().FirstAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
        var statuses = await db.Nominations.AsNoTracking().Where(n => n.ProposalId == id).Select(n => n.Status).ToListAsync(cancellationToken).ConfigureAwait(false);
        var number = proposal.DecisionId is null ? null
            : await db.Decisions.AsNoTracking().Where(d => d.Id == proposal.DecisionId).Select(d => d.DocumentNumber).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        string Count(string status) => statuses.Count(s => s == status).ToString(CultureInfo.InvariantCulture);
        var rows = new List<(string, string)>
        {
            ("Văn bản đề nghị", proposal.Title),
            ("Số đối tượng đề nghị", statuses.Count.ToString(CultureInfo.InvariantCulture)),
            ("Được khen thưởng", Count(NominationStatuses.Decided)),
            ("Trả lại để bổ sung", Count(NominationStatuses.ReturnedForSupplement)),
            ("Không tiếp nhận", Count(NominationStatuses.Rejected)),
            ("Hội đồng không đề nghị", Count(NominationStatuses.CouncilRejected)),
        };
        if (number is not null) rows.Add(("Quyết định", "Số " + number));
        await notices.QueueAsync(messageId, directory.InUnit(proposal.UnitId), new Notice(
            $"[Thi đua] Kết quả danh sách đề nghị: {proposal.Title}",
            "Phòng Văn hóa - Xã hội thông báo kết quả xét danh sách đề nghị khen thưởng của đơn vị:", rows, options.CommuneName,
            null), cancellationToken).ConfigureAwait(false);
    }
}
