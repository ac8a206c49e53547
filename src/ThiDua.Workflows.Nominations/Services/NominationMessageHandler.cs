using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Activities;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Mail;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// Applies what a nomination workflow's step wrote to the outbox: status and history, the legal clock, supplement
/// requests, holds, numbered decisions and letters, notices. Delivered at least once: the message id (kept on the
/// history line, unique) and the subject keys of numbered documents make a repeat change nothing.
/// </summary>
public sealed partial class NominationMessageHandler(
    string kind,
    NominationsContexts contexts,
    DocumentNumbers numbers,
    Documents.ProvincePackage package,
    Notices notices,
    IUserDirectory directory,
    NominationOptions options,
    WorkingCalendar calendar,
    TimeProvider clock,
    ILogger<NominationMessageHandler> logger) : IOutboxHandler
{
    public string Kind => kind;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        var p = message.Payload;
        var id = p["nominationId"]!.GetValue<string>();
        await using var db = contexts.Create();
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
        if (nomination is null)
        {
            UnknownNomination(logger, kind, id);
            return;
        }

        if (await db.NominationEvents.AnyAsync(e => e.SourceMessageId == message.Id, cancellationToken).ConfigureAwait(false)) return;
        var now = clock.GetUtcNow();
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == nomination.AwardCode, cancellationToken).ConfigureAwait(false);
        string? status = null;
        string? note = Text(p["note"]);
        string eventName;
        switch (kind)
        {
            case NominationMessages.Status:
                status = p["status"]!.GetValue<string>();
                eventName = "StatusChanged";
                break;
            case NominationMessages.Received:
                nomination.CompleteAt = p["completeAt"]!.GetValue<DateTimeOffset>();
                nomination.DueAt = DateTimeOffset.Parse(p["dueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                status = NominationStatuses.Received;
                eventName = "DossierComplete";
                note = $"Hồ sơ đầy đủ; hạn giải quyết {calendar.LocalDate(nomination.DueAt.Value):dd/MM/yyyy} ({p["workingDays"]} ngày làm việc).";
                break;
            case NominationMessages.Supplement:
                nomination.SupplementRequests++;
                status = NominationStatuses.ReturnedForSupplement;
                eventName = "SupplementRequested";
                break;
            case NominationMessages.Hold:
                var reason = Text(p["reason"]) ?? "Chờ xác minh";
                db.EligibilityHolds.Add(new Entities.EligibilityHold { NominationId = id, Reason = reason, PlacedAt = now, PlacedBy = Text(p["by"]) });
                status = NominationStatuses.OnHold;
                eventName = "PutOnHold";
                note = reason;
                break;
            case NominationMessages.Decide:
                // A nomination the chair decided in a list already points at that list's decision.
                var decision = nomination.DecisionId is { } listed
                    ? await db.Decisions.AsNoTracking().FirstAsync(d => d.Id == listed, cancellationToken).ConfigureAwait(false)
                    : await numbers.IssueAsync("Award", options.DecisionSymbol, "nomination:" + id,
                        $"Quyết định tặng “{award.Name}” cho {nomination.NomineeName}", Text(p["signedBy"]), calendar.LocalDate(now).Year, cancellationToken).ConfigureAwait(false);
                nomination.DecisionId = decision.Id;
                if (!await db.Commendations.AnyAsync(c => c.NominationId == id, cancellationToken).ConfigureAwait(false))
                {
                    var entry = Register(nomination, award, decision.DocumentNumber, calendar.LocalDate(decision.SignedAt), options.ChairTitle);
                    if (award.Category == AwardCategory.EmulationTitle)
                        entry.PrizeMoney = PrizeMoney.ForTitle(entry.PrizeMoney, await TitleMoneyPaidAsync(db, nomination, cancellationToken).ConfigureAwait(false));
                    db.Commendations.Add(entry);
                }

                status = NominationStatuses.Decided;
                eventName = "Decided";
                note = $"Quyết định số {decision.DocumentNumber}";
                break;
            case NominationMessages.ProvinceSubmit:
                var letter = await numbers.IssueAsync("ProvinceSubmission", options.SubmissionLetterSymbol, $"nomination:{id}:{message.Id}",
                    $"Tờ trình đề nghị tặng “{award.Name}” cho {nomination.NomineeName}", Text(p["signedBy"]), calendar.LocalDate(now).Year, cancellationToken).ConfigureAwait(false);
                var zip = Documents.ProvincePackage.Zip(await package.EntriesAsync(id, letter.Id, cancellationToken).ConfigureAwait(false));
                if (options.ProvinceMailbox is { Length: > 0 } mailbox)
                {
                    // Sở Nội vụ's mailbox gets the letter's package as one ZIP (domain-rules §6: Word files of the dossier).
                    await notices.QueueAsync(message.Id + ":province", [new DirectoryUser("province", "Sở Nội vụ " + options.ProvinceName, mailbox, [], null)], new Notice(
                        $"[Thi đua] Tờ trình số {letter.DocumentNumber} — đề nghị tặng {award.Name}: {nomination.NomineeName}",
                        $"Ủy ban nhân dân {options.CommuneName} gửi hồ sơ đề nghị khen thưởng kèm theo Tờ trình số {letter.DocumentNumber} (tệp ZIP đính kèm).",
                        Rows(nomination, award, null).ToList(), options.CommuneName, Attachment: new MailAttachment($"Ho-so-{letter.DocumentNumber.Replace('/', '-')}.zip", zip)), cancellationToken).ConfigureAwait(false);
                }

                db.ProvinceSubmissions.Add(new ProvinceSubmission
                {
                    Id = message.Id,
                    NominationId = id,
                    LetterNumber = letter.DocumentNumber,
                    // The package is written from what the dossier holds now; a repeat of this message keeps the first row.
                    Package = zip,
                    SentAt = now,
                    ExpectedBy = p["expectedBy"]?.GetValue<DateTimeOffset>(),
                });
                status = NominationStatuses.ForwardedToProvince;
                eventName = "SubmittedToProvince";
                note = $"Tờ trình số {letter.DocumentNumber}";
                break;
            case NominationMessages.ProvinceReminder:
                eventName = "ProvinceReminder";
                await notices.QueueAsync(message.Id, directory.InRole(Roles.Office), new Notice(
                    $"[Nhắc việc] Chưa có kết quả của tỉnh — {award.Name}: {nomination.NomineeName}",
                    "Hồ sơ đã trình cấp tỉnh đến hạn dự kiến nhưng chưa ghi nhận kết quả. Đề nghị liên hệ Sở Nội vụ và ghi nhận kết quả khi nhận được.",
                    Rows(nomination, award, null).ToList(), options.CommuneName), cancellationToken).ConfigureAwait(false);
                break;
            case NominationMessages.Notify:
                eventName = "UnitNotified";
                var decisionNumber = nomination.DecisionId is null ? null
                    : (await db.Decisions.AsNoTracking().FirstAsync(d => d.Id == nomination.DecisionId, cancellationToken).ConfigureAwait(false)).DocumentNumber;
                var rows = Rows(nomination, award, decisionNumber).ToList();
                if (note is { Length: > 0 }) rows.Add(("Ghi chú", note));
                await notices.QueueAsync(message.Id, directory.InUnit(nomination.UnitId), new Notice(
                    $"[Thi đua] {award.Name} — {nomination.NomineeName}: {NominationStatuses.Labels[nomination.Status]}",
                    "Phòng Văn hóa - Xã hội thông báo kết quả xử lý hồ sơ đề nghị khen thưởng của đơn vị:", rows,
                    options.CommuneName, $"/nominations/{Uri.EscapeDataString(id)}"), cancellationToken).ConfigureAwait(false);
                break;
            default:
                return;
        }

        if (status is not null)
        {
            // The transition table is the one authority on moves; a workflow that asks for another fails loudly.
            NominationStateMachine.EnsureCanMove(nomination.Status, status);
            nomination.Status = status;
        }

        nomination.UpdatedAt = now;
        if (kind is NominationMessages.Hold or NominationMessages.Received)
            nomination.EligibilityIssues = await Eligibility.RefreshAsync(db, nomination, award, cancellationToken).ConfigureAwait(false);
        db.NominationEvents.Add(new NominationEvent { NominationId = id, Event = eventName, Status = status, Note = note, Actor = Text(p["signedBy"]) ?? "workflow", At = now, SourceMessageId = message.Id });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same message got there first; anything else is a real failure.
            if (!await AppliedAsync(message.Id, cancellationToken).ConfigureAwait(false)) throw;
        }
    }

    private async Task<bool> AppliedAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.NominationEvents.AnyAsync(e => e.SourceMessageId == messageId, cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<(string, string)> Rows(Nomination n, AwardKind award, string? decisionNumber)
    {
        yield return ("Đề nghị", $"{award.Name} năm {n.Year}");
        yield return ("Đối tượng", n.NomineeName);
        yield return ("Trạng thái", NominationStatuses.Labels[n.Status]);
        if (decisionNumber is not null) yield return ("Quyết định", $"Số {decisionNumber}");
        if (n.DueAt is { } due) yield return ("Hạn giải quyết", calendar.LocalDate(due).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
    }

    private Commendation Register(Nomination n, AwardKind award, string number, DateOnly on, string issuer) =>
        Commendation.For(n, number, on, issuer, PrizeMoney.For(award, n.NomineeKind, options.BaseSalary));

    /// <summary>What the nominee was already paid for emulation titles of the same year.</summary>
    internal static async Task<long> TitleMoneyPaidAsync(NominationsDbContext db, Nomination n, CancellationToken cancellationToken)
    {
        var titles = await db.AwardKinds.AsNoTracking().Where(a => a.Category == AwardCategory.EmulationTitle).Select(a => a.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var same = db.Commendations.AsNoTracking().Where(c => c.Year == n.Year && titles.Contains(c.AwardCode));
        same = n.NomineeKind switch
        {
            NomineeKind.Individual => same.Where(c => c.PersonId == n.PersonId),
            NomineeKind.Collective => same.Where(c => c.UnitId == (n.NomineeUnitId ?? n.UnitId)),
            _ => same.Where(c => c.HouseholdName == n.HouseholdName && c.PersonId == null && c.UnitId == null),
        };
        var paid = await same.Select(c => c.PrizeMoney).ToListAsync(cancellationToken).ConfigureAwait(false);
        return paid.Sum(p => p ?? 0);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Outbox message {Kind} names nomination {NominationId}, which does not exist")]
    private static partial void UnknownNomination(ILogger logger, string kind, string nominationId);
}
