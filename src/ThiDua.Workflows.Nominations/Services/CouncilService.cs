using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Activities;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Mail;
using ThiDua.Workflows.Scheduling.Calendar;

using ThiDua.Workflows.Nominations.Audit;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record SeatRequest(string UserName, string? Position);

public sealed record CreateSessionRequest(string? Title, DateTimeOffset? ScheduledAt, IReadOnlyList<string>? NominationIds, bool? Secret = null, int? Places = null);

public sealed record AttendanceRequest(string? UserName, string? Attendance);

public sealed record BallotRequest(string? NominationId, string? Choice);

/// <summary>
/// The council (Hội đồng Thi đua - Khen thưởng): its seats, sessions, secret ballots and the count. A ballot adds
/// to the item's counts and leaves a receipt that the member voted, in one transaction; nothing ever records which
/// member chose what, and counts are shown only after the session closes.
/// </summary>
public sealed class CouncilService(
    AuditTrail audit,
    NominationsContexts contexts,
    WorkflowSignals signals,
    DocumentNumbers numbers,
    Notices notices,
    IUserDirectory directory,
    NominationOptions options,
    WorkingCalendar calendar,
    TimeProvider clock)
{
    public async Task<DomainResult<IReadOnlyList<CouncilSeat>>> SetSeatsAsync(IReadOnlyList<SeatRequest> seats, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seats);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Chair)) return DomainResult<IReadOnlyList<CouncilSeat>>.Forbidden("Chỉ Chủ tịch UBND xã (Chủ tịch Hội đồng) hoặc quản trị viên quyết định thành phần Hội đồng.");
        if (seats.Count == 0) return DomainResult<IReadOnlyList<CouncilSeat>>.Invalid("seats", "Hội đồng cần ít nhất một thành viên.");
        foreach (var seat in seats)
            if (directory.Find(seat.UserName) is null)
                return DomainResult<IReadOnlyList<CouncilSeat>>.Invalid("seats", $"Không có người dùng '{seat.UserName}'.");
        if (seats.Select(s => s.UserName).Distinct(StringComparer.OrdinalIgnoreCase).Count() != seats.Count)
            return DomainResult<IReadOnlyList<CouncilSeat>>.Invalid("seats", "Một người chỉ giữ một ghế trong Hội đồng.");
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.CouncilSeats.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var rows = seats.Select(s => new CouncilSeat { UserName = s.UserName, Position = string.IsNullOrWhiteSpace(s.Position) ? "Ủy viên" : s.Position.Trim() }).ToList();
        db.CouncilSeats.AddRange(rows);
        audit.Add(db, actor.UserName, AuditActions.CouncilSeatsChanged, "council", rows.Select(r => new { user = r.UserName, position = r.Position }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<IReadOnlyList<CouncilSeat>>.Success(rows);
    }

    /// <summary>Calls a session on nominations waiting for the council; every current seat is a member, and each is mailed.</summary>
    public async Task<DomainResult<CouncilSession>> CreateSessionAsync(CreateSessionRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice && !actor.Is(Roles.CouncilSecretary) && !actor.Is(Roles.Chair))
            return DomainResult<CouncilSession>.Forbidden("Chỉ cơ quan thường trực (Phòng Văn hóa - Xã hội), thư ký hoặc Chủ tịch Hội đồng triệu tập phiên họp.");
        if (string.IsNullOrWhiteSpace(request.Title)) return DomainResult<CouncilSession>.Invalid("title", "Cần ghi tên phiên họp.");
        if (request.NominationIds is not { Count: > 0 } ids) return DomainResult<CouncilSession>.Invalid("nominationIds", "Cần chọn ít nhất một hồ sơ để Hội đồng xét.");
        if (request.Places is < 1 || request.Places > ids.Count) return DomainResult<CouncilSession>.Invalid("places", $"Số lượng được đề nghị phải từ 1 đến {ids.Count} (số hồ sơ của phiên), hoặc để trống.");

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var seats = await db.CouncilSeats.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        if (seats.Count == 0) return DomainResult<CouncilSession>.Conflict("Chưa có thành phần Hội đồng.");
        var nominations = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids.Distinct())
        {
            var n = nominations.FirstOrDefault(x => x.Id == id);
            if (n is null) return DomainResult<CouncilSession>.Invalid("nominationIds", $"Không có hồ sơ '{id}'.");
            if (n.Status != NominationStatuses.AwaitingCouncil)
                return DomainResult<CouncilSession>.Invalid("nominationIds", $"Hồ sơ của {n.NomineeName} chưa đến bước Hội đồng xét (trạng thái: {NominationStatuses.Labels[n.Status]}).");
            if (n.HeldSince is not null)
                return DomainResult<CouncilSession>.Invalid("nominationIds", $"Hồ sơ của {n.NomineeName} đang tạm dừng xét (Nghị định 152/2025/NĐ-CP Điều 4): Hội đồng chưa xét được.");
            if (await db.CouncilSessionItems.AnyAsync(i => i.NominationId == id && i.Result == "Pending", cancellationToken).ConfigureAwait(false))
                return DomainResult<CouncilSession>.Invalid("nominationIds", $"Hồ sơ của {n.NomineeName} đã có trong một phiên họp đang mở.");
        }

        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var session = new CouncilSession
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Title = request.Title.Trim(),
            ScheduledAt = request.ScheduledAt ?? now,
            Status = nameof(CouncilSessionStatus.Open),
            Secret = request.Secret ?? true,
            MemberCount = seats.Count,
            Places = request.Places,
            CreatedBy = actor.UserName,
            CreatedAt = now,
        };
        session.Members.AddRange(seats.Select(s => new CouncilSessionMember { SessionId = session.Id, UserName = s.UserName }));
        foreach (var n in nominations)
        {
            var award = awards[n.AwardCode];
            // An award without a council rule still needs a decision when it is put on the agenda: majority.
            session.Items.Add(new CouncilSessionItem
            {
                SessionId = session.Id,
                NominationId = n.Id,
                VoteRule = award.VoteRule == VoteRule.None ? VoteRule.Majority : award.VoteRule,
                ThresholdPercent = award.VoteThresholdPercent,
            });
        }

        db.CouncilSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var agenda = nominations.Select(n => ($"{awards[n.AwardCode].Name}", n.NomineeName + (n.EligibilityIssues is null ? "" : " — lưu ý: " + n.EligibilityIssues.Replace('\n', ' ')))).ToList();
        agenda.Insert(0, ("Thời gian", calendar.LocalDate(session.ScheduledAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        await notices.QueueAsync("session:" + session.Id, seats.Select(s => directory.Find(s.UserName)).OfType<DirectoryUser>(), new Notice(
            $"[Hội đồng TĐKT] Mời họp và bỏ phiếu: {session.Title}",
            session.Secret
                ? "Kính mời đồng chí dự phiên họp Hội đồng Thi đua - Khen thưởng xã và bỏ phiếu kín các hồ sơ sau (thành viên vắng mặt gửi phiếu bằng văn bản qua hệ thống):"
                : "Kính mời đồng chí dự phiên họp Hội đồng Thi đua - Khen thưởng xã và biểu quyết công khai các hồ sơ sau (thành viên vắng mặt gửi ý kiến bằng văn bản qua hệ thống):",
            agenda, options.CommuneName, $"/council-sessions/{session.Id}"), cancellationToken).ConfigureAwait(false);
        return DomainResult<CouncilSession>.Success(session);
    }

    public async Task<DomainResult<bool>> SetAttendanceAsync(string sessionId, AttendanceRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice && !actor.Is(Roles.CouncilSecretary)) return DomainResult<bool>.Forbidden("Chỉ thư ký Hội đồng ghi điểm danh.");
        if (request.Attendance is not ("Present" or "Absent")) return DomainResult<bool>.Invalid("attendance", "Điểm danh phải là Present (có mặt) hoặc Absent (vắng mặt).");
        await using var db = contexts.Create();
        var session = await db.CouncilSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null) return DomainResult<bool>.NotFound($"Không có phiên họp '{sessionId}'.");
        if (session.Status != nameof(CouncilSessionStatus.Open)) return DomainResult<bool>.Conflict("Phiên họp đã kết thúc.");
        var changed = await db.CouncilSessionMembers.Where(m => m.SessionId == sessionId && m.UserName == request.UserName)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attendance, request.Attendance), cancellationToken).ConfigureAwait(false);
        return changed == 0 ? DomainResult<bool>.Invalid("userName", $"'{request.UserName}' không phải thành viên của phiên họp.") : DomainResult<bool>.Success(true);
    }

    /// <summary>A member's secret ballot on one item: counted once, in person or (when marked absent) in writing.</summary>
    public async Task<DomainResult<bool>> CastBallotAsync(string sessionId, BallotRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (request.Choice is not ("Approve" or "Reject")) return DomainResult<bool>.Invalid("choice", "Phiếu phải là Approve (đồng ý) hoặc Reject (không đồng ý).");
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = await db.CouncilSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null) return DomainResult<bool>.NotFound($"Không có phiên họp '{sessionId}'.");
        if (session.Status != nameof(CouncilSessionStatus.Open)) return DomainResult<bool>.Conflict("Phiên họp đã kết thúc: không nhận thêm phiếu.");
        var member = await db.CouncilSessionMembers.AsNoTracking().FirstOrDefaultAsync(m => m.SessionId == sessionId && m.UserName == actor.UserName, cancellationToken).ConfigureAwait(false);
        if (member is null) return DomainResult<bool>.Forbidden("Anh/chị không phải thành viên Hội đồng của phiên họp này.");
        if (!await db.CouncilSessionItems.AnyAsync(i => i.SessionId == sessionId && i.NominationId == request.NominationId, cancellationToken).ConfigureAwait(false))
            return DomainResult<bool>.Invalid("nominationId", "Hồ sơ này không có trong chương trình phiên họp.");
        if (await db.BallotReceipts.AnyAsync(r => r.SessionId == sessionId && r.NominationId == request.NominationId && r.UserName == actor.UserName, cancellationToken).ConfigureAwait(false))
            return DomainResult<bool>.Conflict("Anh/chị đã bỏ phiếu cho hồ sơ này.");

        db.BallotReceipts.Add(new BallotReceipt
        {
            SessionId = sessionId, NominationId = request.NominationId!, UserName = actor.UserName, Channel = member.Attendance == "Absent" ? "Written" : "InPerson",
            Choice = session.Secret ? null : request.Choice,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return DomainResult<bool>.Conflict("Anh/chị đã bỏ phiếu cho hồ sơ này.");
        }

        var approve = request.Choice == "Approve" ? 1 : 0;
        await db.CouncilSessionItems.Where(i => i.SessionId == sessionId && i.NominationId == request.NominationId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Approve, i => i.Approve + approve).SetProperty(i => i.Reject, i => i.Reject + 1 - approve), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<bool>.Success(true);
    }

    /// <summary>Closes voting, counts each item on ALL members, numbers the minutes and tells each nomination's workflow.</summary>
    /// <summary>
    /// With a number of places, the passed nominees beyond it: the most votes first; of equal votes, women (and
    /// collectives, whose share of women is not recorded, after them), then the agenda's order (NĐ 152/2025 Art.4).
    /// </summary>
    private static async Task<HashSet<string>> BeyondPlacesAsync(
        NominationsDbContext db, IEnumerable<CouncilSessionItem> items, Dictionary<string, VoteOutcome> outcomes, int places, CancellationToken cancellationToken)
    {
        var passed = items.Where(i => outcomes[i.NominationId].Passed).ToList();
        if (passed.Count <= places) return [];
        var ids = passed.Select(i => i.NominationId).ToList();
        var women = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.Id) && n.PersonId != null)
            .Join(db.People.AsNoTracking(), n => n.PersonId, p => p.Id, (n, p) => new { n.Id, p.Gender }).Where(x => x.Gender == "Nữ").Select(x => x.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return passed
            .OrderByDescending(i => outcomes[i.NominationId].Approve)
            .ThenBy(i => women.Contains(i.NominationId) ? 0 : 1)
            .ThenBy(i => i.NominationId, StringComparer.Ordinal)
            .Skip(places).Select(i => i.NominationId).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<DomainResult<CouncilSession>> CloseAsync(string sessionId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice && !actor.Is(Roles.CouncilSecretary) && !actor.Is(Roles.Chair))
            return DomainResult<CouncilSession>.Forbidden("Chỉ thư ký hoặc Chủ tịch Hội đồng kết thúc phiên họp.");
        await using (var db = contexts.Create())
        {
            // The claim: of two closers one wins; no ballot is accepted once the session left Open.
            var won = await db.CouncilSessions.Where(s => s.Id == sessionId && s.Status == nameof(CouncilSessionStatus.Open))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, nameof(CouncilSessionStatus.Counting)), cancellationToken).ConfigureAwait(false);
            if (won == 0)
                return await db.CouncilSessions.AnyAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false)
                    ? DomainResult<CouncilSession>.Conflict("Phiên họp đã kết thúc.")
                    : DomainResult<CouncilSession>.NotFound($"Không có phiên họp '{sessionId}'.");
        }

        return DomainResult<CouncilSession>.Success(await FinishCountingAsync(sessionId, actor.UserName, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Finishes sessions a crash left counting (start-up).</summary>
    public async Task<int> FinishInterruptedCountsAsync(CancellationToken cancellationToken = default)
    {
        List<string> counting;
        await using (var db = contexts.Create())
            counting = await db.CouncilSessions.Where(s => s.Status == nameof(CouncilSessionStatus.Counting)).Select(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in counting) await FinishCountingAsync(id, "system", cancellationToken).ConfigureAwait(false);
        return counting.Count;
    }

    // Numbering the minutes is idempotent (by session); results, history and the signals to the workflows are one
    // transaction; the signals are delivered after it (and again later if this process stops first).
    private async Task<CouncilSession> FinishCountingAsync(string sessionId, string by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string title;
        await using (var db = contexts.Create())
            title = (await db.CouncilSessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false)).Title;
        var minutes = await numbers.IssueAsync("Minutes", options.MinutesSymbol, "session:" + sessionId, $"Biên bản họp {title}", by,
            calendar.LocalDate(now).Year, cancellationToken).ConfigureAwait(false);

        await using var context = contexts.Create();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = await context.CouncilSessions.Include(s => s.Members).Include(s => s.Items).FirstAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false);
        if (session.Status != nameof(CouncilSessionStatus.Counting)) return session;
        var receipts = await context.BallotReceipts.AsNoTracking().Where(r => r.SessionId == sessionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        // Present: marked present, or not marked and voted in person.
        var present = session.Members.Count(m => m.Attendance == "Present" || (m.Attendance == "Unknown" && receipts.Any(r => r.UserName == m.UserName && r.Channel == "InPerson")));
        var sent = new List<WorkflowSignal>();
        var tallies = new List<object>();
        var itemIds = session.Items.Select(i => i.NominationId).ToList();
        // Nominees of a list proposal have no workflow of their own: their result is applied here, and the list's
        // workflow goes on once the council has counted every nominee of it (one ballot sheet).
        var listed = await context.Nominations.Where(n => itemIds.Contains(n.Id) && n.ProposalId != null).ToDictionaryAsync(n => n.Id, cancellationToken).ConfigureAwait(false);
        var outcomes = session.Items.ToDictionary(i => i.NominationId, i => VoteRules.Count(i.VoteRule, i.ThresholdPercent, i.Approve, i.Reject, session.MemberCount, present, options.CouncilQuorumPercent));
        var beyond = session.Places is { } places ? await BeyondPlacesAsync(context, session.Items, outcomes, places, cancellationToken).ConfigureAwait(false) : [];
        foreach (var item in session.Items)
        {
            var outcome = outcomes[item.NominationId];
            if (beyond.Contains(item.NominationId)) outcome = outcome with { Result = "Failed" };
            item.Result = outcome.Result;
            tallies.Add(new { nomination = item.NominationId, approve = outcome.Approve, reject = outcome.Reject, result = outcome.Result });
            context.NominationEvents.Add(new NominationEvent
            {
                NominationId = item.NominationId, Event = "CouncilVoted", Actor = by, At = now,
                Note = $"{session.Title} (biên bản số {minutes.DocumentNumber}): {outcome.Approve}/{outcome.Members} thành viên đồng ý ({outcome.ApprovePercent:0.##}%) — {ResultLabel(outcome.Result)}"
                    + (beyond.Contains(item.NominationId) ? $" (ngoài {session.Places} suất được đề nghị; bằng phiếu thì ưu tiên nữ — Nghị định 152/2025/NĐ-CP Điều 4)" : ""),
            });
            if (listed.TryGetValue(item.NominationId, out var nominee) && outcome.Result is "Passed" or "Failed" && nominee.Status == NominationStatuses.AwaitingCouncil)
            {
                foreach (var step in outcome.Result == "Passed" ? new[] { NominationStatuses.CouncilApproved, NominationStatuses.AwaitingDecision } : [NominationStatuses.CouncilRejected])
                {
                    NominationStateMachine.EnsureCanMove(nominee.Status, step);
                    nominee.Status = step;
                }

                nominee.UpdatedAt = now;
            }
            else if (outcome.Result is "Passed" or "Failed" && !listed.ContainsKey(item.NominationId))
            {
                sent.Add(signals.Add(context, item.NominationId, NominationStimuli.CouncilResult, new JsonObject
                {
                    ["result"] = outcome.Result,
                    ["approve"] = outcome.Approve,
                    ["reject"] = outcome.Reject,
                    ["members"] = outcome.Members,
                    ["present"] = outcome.Present,
                    ["approvePercent"] = outcome.ApprovePercent,
                    ["session"] = sessionId,
                    ["minutes"] = minutes.DocumentNumber,
                }));
            }
        }

        foreach (var proposalId in listed.Values.Select(n => n.ProposalId!).Distinct())
        {
            var others = await context.Nominations.Where(n => n.ProposalId == proposalId && !itemIds.Contains(n.Id)).Select(n => n.Status).ToListAsync(cancellationToken).ConfigureAwait(false);
            var all = others.Concat(listed.Values.Where(n => n.ProposalId == proposalId).Select(n => n.Status)).ToList();
            if (all.Contains(NominationStatuses.AwaitingCouncil)) continue;
            var proposal = await context.Proposals.FirstAsync(p => p.Id == proposalId, cancellationToken).ConfigureAwait(false);
            if (proposal.Status != nameof(ProposalStatus.AwaitingCouncil)) continue;
            var passed = all.Count(x => x == NominationStatuses.AwaitingDecision);
            var next = passed > 0 ? nameof(ProposalStatus.AwaitingDecision) : nameof(ProposalStatus.Closed);
            ProposalStateMachine.EnsureCanMove(proposal.Status, next);
            proposal.Status = next;
            sent.Add(signals.Add(context, proposalId, Activities.Proposals.ProposalStimuli.CouncilDone, new JsonObject { ["passed"] = passed, ["session"] = sessionId, ["minutes"] = minutes.DocumentNumber }));
        }

        if (!CouncilSessionStateMachine.CanMove(CouncilSessionStateMachine.Parse(session.Status), CouncilSessionStatus.Closed))
            throw new InvalidOperationException($"Council session {session.Id} cannot close from {session.Status}.");
        session.Status = nameof(CouncilSessionStatus.Closed);
        session.ClosedAt = now;
        session.MinutesNumber = minutes.DocumentNumber;
        audit.Add(context, by, AuditActions.VotesCounted, sessionId, new { minutes = minutes.DocumentNumber, members = session.MemberCount, present, items = tallies });
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        await signals.DeliverAsync(sent, cancellationToken).ConfigureAwait(false);
        return session;
    }

    public static string ResultLabel(string result) => result switch
    {
        "Passed" => "đạt",
        "Failed" => "không đạt",
        "NoQuorum" => "không đủ số thành viên tham dự, chưa biểu quyết",
        _ => "đang bỏ phiếu",
    };
}
