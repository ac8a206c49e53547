using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Tasks;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record ProposalNomineeRequest(
    string? NomineeKind, long? PersonId, string? NomineeUnitId, string? HouseholdName, string? AwardCode, string? AchievementSummary,
    string? PerformanceRating, bool? InitiativeRecognized, int? AdvancedWorkerPercent);

public sealed record ProposalRequest(
    string? UnitId, int? Year, string? Title, string? LetterNumber, IReadOnlyList<ProposalNomineeRequest>? Nominees, DateOnly? PostedFrom = null, DateOnly? PostedTo = null);

public sealed record NomineeReviewRequest(string? Outcome, string? Note);

public sealed record ProposalNomineeView(string Id, string NomineeKind, string NomineeName, string AwardCode, string AwardName, string Status, string StatusLabel,
    string AchievementSummary, IReadOnlyList<string> EligibilityIssues, string? CouncilResult, string? DecisionNumber);

public sealed record ProposalView(string Id, string UnitId, string UnitName, int Year, string Title, string? LetterNumber, string Status, string StatusLabel,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, string? DecisionNumber, int NomineeCount, IReadOnlyList<ProposalNomineeView>? Nominees,
    DateOnly? PostedFrom = null, DateOnly? PostedTo = null);

/// <summary>
/// A unit's list proposal: one văn bản đề nghị with a danh sách of many nominees, written in one transaction; sent to
/// the commune as one path (one workflow, one task at each step); the office accepts, returns or refuses nominees one by
/// one (a returned nominee goes back to the unit and may be sent again on its own; it does not hold the others back).
/// </summary>
public sealed class ProposalService(
    NominationsContexts contexts, IDefinitionStore definitions, IWorkflowRuntime runtime, AnnualCalendar calendar, TimeProvider clock) : ITaskDecisionGuard
{
    public const string Workflow = "proposal-commune";
    public const string ReviewTaskId = "review";
    public const int MaxNominees = 500;

    public static string InstanceId(string proposalId) => "proposal-" + proposalId;

    public async Task<DomainResult<Proposal>> CreateAsync(ProposalRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        // Who may propose at all, then for which unit, before anything of the request is looked at.
        if (!actor.IsOffice && !(actor.Is(Roles.UnitSubmitter) && actor.UnitId is not null))
            return DomainResult<Proposal>.Forbidden("Chỉ đơn vị đề nghị hoặc Phòng Văn hóa - Xã hội lập văn bản đề nghị khen thưởng.");
        var unitId = request.UnitId ?? actor.UnitId;
        if (unitId is null) return DomainResult<Proposal>.Invalid("unitId", "Cần chọn đơn vị đề nghị.");
        if (!actor.IsOffice && actor.UnitId != unitId) return DomainResult<Proposal>.Forbidden("Anh/chị chỉ được lập đề nghị cho đơn vị của mình.");
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors.TryAdd(field, [message]);
        await using var db = contexts.Create();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken).ConfigureAwait(false);
        if (unit is null) Error("unitId", $"Không có đơn vị '{unitId}'.");
        var year = request.Year ?? 0;
        if (year is < 2020 or > 2100) Error("year", "Năm xét khen thưởng không hợp lệ.");
        if (string.IsNullOrWhiteSpace(request.Title)) Error("title", "Cần trích yếu văn bản đề nghị.");
        else if (request.Title.Trim().Length > 300) Error("title", "Trích yếu dài quá 300 ký tự.");
        if (request.LetterNumber?.Trim().Length > 50) Error("letterNumber", "Số văn bản dài quá 50 ký tự.");
        var nominees = request.Nominees ?? [];
        if (nominees.Count == 0) Error("nominees", "Danh sách đề nghị cần ít nhất một đối tượng.");
        if (nominees.Count > MaxNominees) Error("nominees", $"Một văn bản đề nghị tối đa {MaxNominees} đối tượng; hãy tách thành nhiều văn bản.");
        if ((request.PostedFrom is null) != (request.PostedTo is null)) Error(request.PostedFrom is null ? "postedFrom" : "postedTo", "Ghi cả ngày bắt đầu và ngày kết thúc niêm yết.");
        else if (request.PostedTo < request.PostedFrom) Error("postedTo", "Ngày kết thúc niêm yết không được trước ngày bắt đầu.");

        var awards = await db.AwardKinds.AsNoTracking().Where(a => a.Active).ToDictionaryAsync(a => a.Code, cancellationToken).ConfigureAwait(false);
        var personIds = nominees.Where(n => n.PersonId is not null).Select(n => n.PersonId!.Value).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken).ConfigureAwait(false);
        var disciplines = await db.Disciplines.AsNoTracking().Where(d => personIds.Contains(d.PersonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var unitIds = nominees.Where(n => n.NomineeUnitId is not null).Select(n => n.NomineeUnitId!).Distinct().ToList();
        var collectives = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var proposalId = Guid.CreateVersion7(now).ToString("N");
        var rows = new List<Nomination>();
        for (var i = 0; i < nominees.Count && nominees.Count <= MaxNominees; i++)
        {
            var item = nominees[i];
            var at = $"nominees[{i}]";
            var award = item.AwardCode is null ? null : awards.GetValueOrDefault(item.AwardCode);
            if (award is null) Error(at + ".awardCode", $"Dòng {i + 1}: không có hình thức khen thưởng '{item.AwardCode}' trong danh mục.");
            else if (award.Level != AwardLevel.Commune) Error(at + ".awardCode", $"Dòng {i + 1}: “{award.Name}” do cấp trên quyết định; danh sách đề nghị dùng cho khen thưởng cấp xã.");
            if (!Enum.TryParse<NomineeKind>(item.NomineeKind, ignoreCase: true, out var kind))
            {
                Error(at + ".nomineeKind", $"Dòng {i + 1}: đối tượng phải là Individual, Collective hoặc Household.");
                continue;
            }

            if (award is not null && !award.NomineeKinds.Split(',').Contains(kind.ToString(), StringComparer.Ordinal))
                Error(at + ".nomineeKind", $"Dòng {i + 1}: “{award.Name}” chỉ xét cho: {award.NomineeKinds}.");
            if (string.IsNullOrWhiteSpace(item.AchievementSummary)) Error(at + ".achievementSummary", $"Dòng {i + 1}: cần tóm tắt thành tích.");
            else if (item.AchievementSummary.Length > 4000) Error(at + ".achievementSummary", $"Dòng {i + 1}: tóm tắt thành tích dài quá 4.000 ký tự.");
            PerformanceRating? rating = null;
            if (item.PerformanceRating is not null)
            {
                if (Enum.TryParse<PerformanceRating>(item.PerformanceRating, ignoreCase: true, out var r)) rating = r;
                else Error(at + ".performanceRating", $"Dòng {i + 1}: xếp loại phải là Excellent, Good, Completed hoặc NotCompleted.");
            }

            if (item.AdvancedWorkerPercent is < 0 or > 100) Error(at + ".advancedWorkerPercent", $"Dòng {i + 1}: tỷ lệ phải từ 0 đến 100.");
            string? name = null;
            switch (kind)
            {
                case NomineeKind.Individual:
                    var person = item.PersonId is { } pid ? people.GetValueOrDefault(pid) : null;
                    if (person is null) Error(at + ".personId", $"Dòng {i + 1}: cần chọn cá nhân có trong danh sách của đơn vị.");
                    else if (person.UnitId != unitId && !actor.IsOffice) Error(at + ".personId", $"Dòng {i + 1}: {person.FullName} không thuộc đơn vị.");
                    else if (disciplines.FirstOrDefault(d => d.PersonId == person.Id && d.Overlaps(year)) is { } discipline)
                        Error(at + ".personId", $"Dòng {i + 1}: {person.FullName} bị kỷ luật ({discipline.Form}) đến {discipline.Until:dd/MM/yyyy}: thành tích trong thời gian bị kỷ luật không được tính (Nghị định 152/2025/NĐ-CP Điều 4).");
                    name = person?.FullName;
                    break;
                case NomineeKind.Collective:
                    name = collectives.GetValueOrDefault(item.NomineeUnitId ?? "");
                    if (name is null) Error(at + ".nomineeUnitId", $"Dòng {i + 1}: không có tập thể '{item.NomineeUnitId}'.");
                    break;
                case NomineeKind.Household:
                    name = item.HouseholdName?.Trim();
                    if (string.IsNullOrEmpty(name)) Error(at + ".householdName", $"Dòng {i + 1}: cần ghi tên hộ gia đình (chủ hộ).");
                    else if (name.Length > 200) Error(at + ".householdName", $"Dòng {i + 1}: tên hộ dài quá 200 ký tự.");
                    break;
            }

            if (award is null || name is null) continue;
            rows.Add(new Nomination
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                ProposalId = proposalId,
                Year = year,
                UnitId = unitId,
                NomineeKind = kind,
                PersonId = kind == NomineeKind.Individual ? item.PersonId : null,
                NomineeUnitId = kind == NomineeKind.Collective ? item.NomineeUnitId : null,
                HouseholdName = kind == NomineeKind.Household ? name : null,
                NomineeName = name,
                AwardCode = award.Code,
                CommendationType = CommendationType.Merit,
                AchievementSummary = item.AchievementSummary!.Trim(),
                PerformanceRating = rating,
                InitiativeRecognized = item.InitiativeRecognized ?? false,
                AdvancedWorkerPercent = item.AdvancedWorkerPercent,
                Status = NominationStatuses.Draft,
                CreatedBy = actor.UserName,
                // The danh sách keeps the unit's order (its line numbers): each line a tick later.
                CreatedAt = now.AddTicks(i),
                UpdatedAt = now,
            });
        }

        if (errors.Count > 0) return DomainResult<Proposal>.Invalid(errors);
        var proposal = new Proposal
        {
            Id = proposalId, UnitId = unitId, Year = year, Title = request.Title!.Trim(), LetterNumber = string.IsNullOrWhiteSpace(request.LetterNumber) ? null : request.LetterNumber.Trim(),
            PostedFrom = request.PostedFrom, PostedTo = request.PostedTo,
            CreatedBy = actor.UserName, CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.Proposals.Add(proposal);
        foreach (var row in rows)
        {
            row.EligibilityIssues = await Eligibility.RefreshAsync(db, row, awards[row.AwardCode], cancellationToken).ConfigureAwait(false);
            db.Nominations.Add(row);
            db.NominationEvents.Add(new NominationEvent { NominationId = row.Id, Event = "Created", Status = row.Status, Actor = actor.UserName, At = now, Note = "Trong danh sách đề nghị: " + proposal.Title });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<Proposal>.Success(proposal);
    }

    /// <summary>Sends the list to the commune: the proposal and its nominees move on together and its one workflow starts; once.</summary>
    public async Task<DomainResult<Proposal>> SubmitAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
        if (proposal is null || (!actor.SeesAllNominations && actor.UnitId != proposal.UnitId)) return DomainResult<Proposal>.NotFound("Không có văn bản đề nghị này.");
        if (!actor.IsOffice && actor.UnitId != proposal.UnitId) return DomainResult<Proposal>.Forbidden("Chỉ đơn vị đề nghị gửi văn bản này.");
        if (proposal.Status != nameof(ProposalStatus.Draft)) return DomainResult<Proposal>.Conflict($"Văn bản đã gửi ({ProposalStateMachine.Labels[proposal.Status]}).");
        if (await PostingProblemAsync(db, proposal, cancellationToken).ConfigureAwait(false) is { } posting) return DomainResult<Proposal>.Invalid("postedFrom", posting);
        var definition = await definitions.FindPublishedAsync(Workflow, cancellationToken).ConfigureAwait(false);
        if (definition is null) return DomainResult<Proposal>.Conflict($"Quy trình '{Workflow}' chưa được ban hành.");
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var won = await db.Proposals.Where(p => p.Id == id && p.Status == nameof(ProposalStatus.Draft))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, nameof(ProposalStatus.Submitted)).SetProperty(p => p.SubmittedAt, now), cancellationToken).ConfigureAwait(false);
            if (won == 0) return DomainResult<Proposal>.Conflict("Văn bản đã được gửi.");
            var ids = await db.Nominations.Where(n => n.ProposalId == id && n.Status == NominationStatuses.Draft).Select(n => n.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            await db.Nominations.Where(n => ids.Contains(n.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NominationStatuses.Submitted).SetProperty(n => n.SubmittedAt, now).SetProperty(n => n.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
            db.NominationEvents.AddRange(ids.Select(n => new NominationEvent { NominationId = n, Event = "Submitted", Status = NominationStatuses.Submitted, Actor = actor.UserName, At = now }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == proposal.UnitId, cancellationToken).ConfigureAwait(false);
        var count = await db.Nominations.CountAsync(n => n.ProposalId == id, cancellationToken).ConfigureAwait(false);
        var input = new JsonObject { ["proposalId"] = id, ["title"] = proposal.Title, ["unitId"] = unit.Id, ["unitName"] = unit.Name, ["year"] = proposal.Year, ["count"] = count };
        await runtime.StartAsync(definition, new StartOptions(input, CorrelationId: id, InstanceId: InstanceId(id)), cancellationToken).ConfigureAwait(false);
        await calendar.CloseFulfilledAsync(unit.Id, proposal.Year, actor.UserName, cancellationToken).ConfigureAwait(false);
        return DomainResult<Proposal>.Success((await db.Proposals.AsNoTracking().FirstAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>
    /// An award posted at the unit before its dossier (Gia đình văn hóa, NĐ 86/2023) is sent only after a posting of its
    /// full length has ended; the commune does not post it again.
    /// </summary>
    private async Task<string?> PostingProblemAsync(NominationsDbContext db, Proposal proposal, CancellationToken cancellationToken)
    {
        var codes = await db.Nominations.Where(n => n.ProposalId == proposal.Id).Select(n => n.AwardCode).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var award = await db.AwardKinds.AsNoTracking().Where(a => codes.Contains(a.Code) && a.PostingAtUnit && a.PostingDays > 0)
            .OrderByDescending(a => a.PostingDays).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (award is null) return null;
        var rule = $"Danh sách đề nghị công nhận “{award.Name}” phải niêm yết công khai {award.PostingDays} ngày tại đơn vị (thôn) và hết thời gian niêm yết trước khi gửi hồ sơ (Nghị định 86/2023/NĐ-CP)";
        if (proposal.PostedFrom is not { } from || proposal.PostedTo is not { } to) return rule + ": cần ghi ngày niêm yết.";
        var length = to.DayNumber - from.DayNumber + 1;
        if (length < award.PostingDays) return $"{rule}: danh sách mới niêm yết {length} ngày ({from:dd/MM/yyyy}–{to:dd/MM/yyyy}).";
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        return to >= today ? $"{rule}: thời gian niêm yết đến hết ngày {to:dd/MM/yyyy}." : null;
    }

    /// <summary>The office accepts, returns (to the unit, with what to add) or refuses one nominee while it reviews the list.</summary>
    public async Task<DomainResult<Nomination>> ReviewNomineeAsync(string proposalId, string nominationId, NomineeReviewRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<Nomination>.Forbidden("Chỉ Phòng Văn hóa - Xã hội xét danh sách đề nghị.");
        var target = request.Outcome switch
        {
            "Accept" => NominationStatuses.Eligible,
            "Return" => NominationStatuses.ReturnedForSupplement,
            "Refuse" => NominationStatuses.Rejected,
            _ => null,
        };
        if (target is null) return DomainResult<Nomination>.Invalid("outcome", "Chọn Accept (tiếp nhận), Return (trả lại để bổ sung) hoặc Refuse (không tiếp nhận).");
        if (target != NominationStatuses.Eligible && string.IsNullOrWhiteSpace(request.Note))
            return DomainResult<Nomination>.Invalid("note", "Ghi rõ lý do khi trả lại hoặc không tiếp nhận.");
        await using var db = contexts.Create();
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, cancellationToken).ConfigureAwait(false);
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId && n.ProposalId == proposalId, cancellationToken).ConfigureAwait(false);
        if (proposal is null || nomination is null) return DomainResult<Nomination>.NotFound("Không có đối tượng này trong danh sách.");
        if (proposal.Status != nameof(ProposalStatus.Submitted)) return DomainResult<Nomination>.Conflict("Danh sách đã qua bước xét của Phòng Văn hóa - Xã hội.");
        if (nomination.Status != NominationStatuses.Submitted) return DomainResult<Nomination>.Conflict($"Đối tượng đã được xét ({NominationStatuses.Labels[nomination.Status]}).");
        var now = clock.GetUtcNow();
        // Accepted: received and eligible in one step, each move checked against the nomination's transition table.
        var path = target == NominationStatuses.Eligible ? new[] { NominationStatuses.Received, NominationStatuses.Eligible } : [target];
        var from = nomination.Status;
        foreach (var step in path) { NominationStateMachine.EnsureCanMove(from, step); from = step; }
        var changed = await db.Nominations.Where(n => n.Id == nominationId && n.Status == NominationStatuses.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, target).SetProperty(n => n.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        if (changed == 0) return DomainResult<Nomination>.Conflict("Đối tượng vừa được xét.");
        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = nominationId, Event = request.Outcome switch { "Accept" => "AcceptedInList", "Return" => "ReturnedFromList", _ => "RefusedInList" },
            Status = target, Actor = actor.UserName, At = now, Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        nomination.Status = target;
        return DomainResult<Nomination>.Success(nomination);
    }

    /// <summary>The office's review task is done only when every nominee was accepted, returned or refused.</summary>
    public async Task<string?> RefusalAsync(TaskRecord task, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.ActivityId != ReviewTaskId || !task.WorkflowInstanceId.StartsWith("proposal-", StringComparison.Ordinal) || task.CorrelationId is not { } id) return null;
        await using var db = contexts.Create();
        var waiting = await db.Nominations.AsNoTracking().Where(n => n.ProposalId == id && n.Status == NominationStatuses.Submitted)
            .OrderBy(n => n.NomineeName).Select(n => n.NomineeName).ToListAsync(cancellationToken).ConfigureAwait(false);
        return waiting.Count == 0 ? null
            : $"Còn {waiting.Count} đối tượng chưa xét ({string.Join(", ", waiting.Take(5))}{(waiting.Count > 5 ? ", …" : "")}): tiếp nhận, trả lại hoặc không tiếp nhận từng đối tượng trước khi hoàn thành.";
    }

    public async Task<IReadOnlyList<ProposalView>> ListAsync(Actor actor, string? unitId, int? year, string? status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var query = db.Proposals.AsNoTracking();
        if (!actor.SeesAllNominations) query = query.Where(p => p.UnitId == actor.UnitId);
        if (unitId is { Length: > 0 }) query = query.Where(p => p.UnitId == unitId);
        if (year is { } y) query = query.Where(p => p.Year == y);
        if (status is { Length: > 0 }) query = query.Where(p => p.Status == status);
        var list = await query.OrderByDescending(p => p.CreatedAt).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = list.Select(p => p.Id).ToList();
        var counts = await db.Nominations.AsNoTracking().Where(n => n.ProposalId != null && ids.Contains(n.ProposalId))
            .GroupBy(n => n.ProposalId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var decisionIds = list.Where(p => p.DecisionId != null).Select(p => p.DecisionId!).ToList();
        var numbers = await db.Decisions.AsNoTracking().Where(d => decisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.DocumentNumber, cancellationToken).ConfigureAwait(false);
        return list.Select(p => View(p, units, numbers, counts.GetValueOrDefault(p.Id), null)).ToList();
    }

    public async Task<ProposalView?> DetailAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
        if (proposal is null || (!actor.SeesAllNominations && actor.UnitId != proposal.UnitId)) return null;
        var nominees = await db.Nominations.AsNoTracking().Where(n => n.ProposalId == id).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var ids = nominees.Select(n => n.Id).ToList();
        var results = (await db.CouncilSessionItems.AsNoTracking().Where(i => ids.Contains(i.NominationId) && i.Result != null).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(i => i.NominationId).ToDictionary(g => g.Key, g => g.Last().Result);
        var decisionIds = nominees.Where(n => n.DecisionId != null).Select(n => n.DecisionId!).Append(proposal.DecisionId ?? "").ToList();
        var numbers = await db.Decisions.AsNoTracking().Where(d => decisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.DocumentNumber, cancellationToken).ConfigureAwait(false);
        var views = nominees.Select(n => new ProposalNomineeView(n.Id, n.NomineeKind.ToString(), n.NomineeName, n.AwardCode, awards.GetValueOrDefault(n.AwardCode, n.AwardCode), n.Status,
            NominationStatuses.Labels[n.Status], n.AchievementSummary, n.EligibilityIssues is { Length: > 0 } e ? e.Split('\n') : [], results.GetValueOrDefault(n.Id),
            n.DecisionId is null ? null : numbers.GetValueOrDefault(n.DecisionId))).ToList();
        return View(proposal, units, numbers, nominees.Count, views);
    }

    private static ProposalView View(Proposal p, Dictionary<string, string> units, Dictionary<string, string> numbers, int count, IReadOnlyList<ProposalNomineeView>? nominees) =>
        new(p.Id, p.UnitId, units.GetValueOrDefault(p.UnitId, p.UnitId), p.Year, p.Title, p.LetterNumber, p.Status, ProposalStateMachine.Labels[p.Status], p.CreatedAt, p.SubmittedAt,
            p.DecisionId is null ? null : numbers.GetValueOrDefault(p.DecisionId), count, nominees, p.PostedFrom, p.PostedTo);
}
