using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Nominations.Activities;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record CreateNominationRequest(
    string? UnitId,
    string? NomineeKind,
    long? PersonId,
    string? NomineeUnitId,
    string? HouseholdName,
    string? AwardCode,
    string? CommendationType,
    int? Year,
    string? AchievementSummary,
    string? PerformanceRating,
    bool InitiativeRecognized,
    int? AdvancedWorkerPercent,
    string? CampaignId,
    string? NewPersonName = null,
    string? NewPersonPosition = null);

public sealed record ProvinceOutcomeRequest(string? Outcome, string? DecisionNumber, DateOnly? DecidedOn, string? Note);

/// <summary>
/// A nomination's life outside the workflow steps: drafting, the dossier, submission (which starts the path's
/// workflow), and the events that wake a waiting workflow (hold released, objection, province's answer).
/// </summary>
public sealed class NominationService(
    NominationsContexts contexts,
    TaskDecisions decisions,
    IWorkflowRuntime runtime,
    IWorkflowStore store,
    IDefinitionStore definitions,
    AttachmentPolicy attachments,
    WorkflowSignals signals,
    NominationOptions options,
    WorkingCalendar calendar,
    TimeProvider clock)
{
    public const string SupplementTaskId = "unitSupplement";
    public const string AppraisalTaskId = "appraisal";

    public static string InstanceId(string nominationId) => "nomination-" + nominationId;

    public async Task<DomainResult<Nomination>> CreateAsync(CreateNominationRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        // Who may propose at all is asked before anything of the request is looked at.
        if (!actor.IsOffice && !(actor.Is(Roles.UnitSubmitter) && actor.UnitId is not null))
            return DomainResult<Nomination>.Forbidden("Chỉ đơn vị đề nghị hoặc Phòng Văn hóa - Xã hội lập hồ sơ đề nghị khen thưởng.");
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        await using var db = contexts.Create();

        var unitId = request.UnitId ?? actor.UnitId;
        var unit = unitId is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken).ConfigureAwait(false);
        if (unit is null) Error("unitId", unitId is null ? "Cần chọn đơn vị đề nghị." : $"Không có đơn vị '{unitId}'.");
        else if (!actor.IsOffice && actor.UnitId != unit.Id) return DomainResult<Nomination>.Forbidden("Anh/chị chỉ được lập đề nghị cho đơn vị của mình.");

        var award = request.AwardCode is null ? null : await db.AwardKinds.AsNoTracking().FirstOrDefaultAsync(a => a.Code == request.AwardCode && a.Active, cancellationToken).ConfigureAwait(false);
        if (award is null) Error("awardCode", request.AwardCode is null ? "Cần chọn hình thức, danh hiệu khen thưởng." : $"Không có hình thức khen thưởng '{request.AwardCode}' trong danh mục.");
        else if (award.PostingAtUnit)
            Error("awardCode", $"“{award.Name}” được đề nghị theo danh sách của thôn, đã niêm yết công khai {award.PostingDays} ngày tại thôn trước khi gửi (Nghị định 86/2023/NĐ-CP): lập ở mục Danh sách đề nghị.");

        if (!Enum.TryParse<NomineeKind>(request.NomineeKind, ignoreCase: true, out var kind))
            Error("nomineeKind", "Đối tượng phải là Individual (cá nhân), Collective (tập thể) hoặc Household (hộ gia đình).");
        else if (award is not null && !award.NomineeKinds.Split(',').Contains(kind.ToString(), StringComparer.Ordinal))
            Error("nomineeKind", $"“{award.Name}” chỉ xét cho: {award.NomineeKinds}.");

        var type = CommendationType.Merit;
        if (request.CommendationType is not null && !Enum.TryParse(request.CommendationType, ignoreCase: true, out type))
            Error("commendationType", "Loại khen thưởng phải là Merit, Sudden, Thematic, LongService, Seniority hoặc Foreign (Luật TĐKT Điều 8).");

        // Đột xuất is for award forms (Giấy khen, Bằng khen); an annual title always goes through the unit's bình xét
        // and the council (Law Art.8 and 85; domain-review error 2), so it cannot take the simplified path.
        if (type == CommendationType.Sudden && award?.Category == AwardCategory.EmulationTitle)
            Error("commendationType", $"Danh hiệu “{award.Name}” không xét khen thưởng đột xuất: khen thưởng đột xuất chỉ áp dụng cho hình thức khen thưởng (Giấy khen, Bằng khen), không áp dụng cho danh hiệu thi đua (Luật Thi đua, khen thưởng Điều 8, Điều 85).");

        PerformanceRating? rating = null;
        if (request.PerformanceRating is not null)
        {
            if (Enum.TryParse<PerformanceRating>(request.PerformanceRating, ignoreCase: true, out var r)) rating = r;
            else Error("performanceRating", "Xếp loại phải là Excellent, Good, Completed hoặc NotCompleted.");
        }

        if (request.CampaignId is { } campaignId && !await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false))
            Error("campaignId", $"Không có phong trào thi đua '{campaignId}'.");
        if (request.AdvancedWorkerPercent is < 0 or > 100) Error("advancedWorkerPercent", "Tỷ lệ phải từ 0 đến 100.");
        var year = request.Year ?? clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).Year;
        if (year is < 2020 or > 2100) Error("year", "Năm xét khen thưởng không hợp lệ.");
        if (string.IsNullOrWhiteSpace(request.AchievementSummary)) Error("achievementSummary", "Cần tóm tắt thành tích.");
        else if (request.AchievementSummary.Length > 4000) Error("achievementSummary", "Tóm tắt thành tích dài quá 4.000 ký tự.");

        string? nomineeName = null;
        switch (kind)
        {
            case NomineeKind.Individual when !errors.ContainsKey("nomineeKind") && request.PersonId is null && !string.IsNullOrWhiteSpace(request.NewPersonName):
                // A person not in the unit's list yet is added with the nomination, in the same transaction.
                if (request.NewPersonName.Trim().Length > 120) Error("newPerson", "Họ và tên dài quá 120 ký tự.");
                if (request.NewPersonPosition?.Trim().Length > 200) Error("position", "Chức vụ dài quá 200 ký tự.");
                nomineeName = request.NewPersonName.Trim();
                break;
            case NomineeKind.Individual when !errors.ContainsKey("nomineeKind"):
                var person = request.PersonId is { } pid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken).ConfigureAwait(false) : null;
                if (person is null) Error("personId", request.PersonId is null ? "Cần chọn cá nhân được đề nghị." : $"Không có cá nhân số {request.PersonId}.");
                else if (unit is not null && person.UnitId != unit.Id && !actor.IsOffice) Error("personId", $"{person.FullName} không thuộc {unit.Name}.");
                nomineeName = person?.FullName;
                // NĐ 152/2025 Art.4: no achievement within a discipline period counts; a year it overlaps cannot be proposed.
                if (person is not null && await db.Disciplines.AsNoTracking().Where(d => d.PersonId == person.Id).ToListAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } disciplines
                    && disciplines.FirstOrDefault(d => d.Overlaps(year)) is { } discipline)
                    Error("personId", $"{person.FullName} bị kỷ luật ({discipline.Form}) từ {discipline.From:dd/MM/yyyy} đến {discipline.Until:dd/MM/yyyy}: thành tích trong thời gian bị kỷ luật không được tính để khen thưởng năm {year} (Nghị định 152/2025/NĐ-CP Điều 4).");
                break;
            case NomineeKind.Collective when !errors.ContainsKey("nomineeKind"):
                var nomineeUnitId = request.NomineeUnitId ?? unitId;
                var collective = nomineeUnitId is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == nomineeUnitId, cancellationToken).ConfigureAwait(false);
                if (collective is null) Error("nomineeUnitId", $"Không có tập thể '{nomineeUnitId}'.");
                nomineeName = collective?.Name;
                break;
            case NomineeKind.Household when !errors.ContainsKey("nomineeKind"):
                if (string.IsNullOrWhiteSpace(request.HouseholdName)) Error("householdName", "Cần ghi tên hộ gia đình (chủ hộ).");
                nomineeName = request.HouseholdName?.Trim();
                break;
        }

        if (errors.Count > 0) return DomainResult<Nomination>.Invalid(errors);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var personId = request.PersonId;
        if (kind == NomineeKind.Individual && personId is null)
        {
            var added = new Person { FullName = nomineeName!, UnitId = unit!.Id, Position = string.IsNullOrWhiteSpace(request.NewPersonPosition) ? null : request.NewPersonPosition.Trim() };
            db.People.Add(added);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            personId = added.Id;
        }

        var nomination = new Nomination
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Year = year,
            CampaignId = request.CampaignId,
            UnitId = unit!.Id,
            NomineeKind = kind,
            PersonId = kind == NomineeKind.Individual ? personId : null,
            NomineeUnitId = kind == NomineeKind.Collective ? request.NomineeUnitId ?? unit.Id : null,
            HouseholdName = kind == NomineeKind.Household ? nomineeName : null,
            NomineeName = nomineeName!,
            AwardCode = award!.Code,
            CommendationType = type,
            AchievementSummary = request.AchievementSummary!.Trim(),
            PerformanceRating = rating,
            InitiativeRecognized = request.InitiativeRecognized,
            AdvancedWorkerPercent = request.AdvancedWorkerPercent,
            Status = NominationStatuses.Draft,
            CreatedBy = actor.UserName,
            CreatedAt = now,
            UpdatedAt = now,
        };
        nomination.EligibilityIssues = await Eligibility.RefreshAsync(db, nomination, award, cancellationToken).ConfigureAwait(false);
        db.Nominations.Add(nomination);
        db.NominationEvents.Add(new NominationEvent { NominationId = nomination.Id, Event = "Created", Status = nomination.Status, Actor = actor.UserName, At = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<Nomination>.Success(nomination);
    }

    /// <summary>
    /// Sends a draft to the commune (starting its path's workflow), or re-sends a dossier returned for supplement.
    /// A repeated or concurrent submit takes effect once (a conditional status update picks the winner).
    /// </summary>
    public async Task<DomainResult<Nomination>> SubmitAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
        if (nomination is null) return DomainResult<Nomination>.NotFound($"Không có hồ sơ '{id}'.");
        if (!actor.IsOffice && actor.UnitId != nomination.UnitId) return DomainResult<Nomination>.Forbidden("Chỉ đơn vị đề nghị được nộp hồ sơ này.");

        // A nominee returned from a list has no workflow of its own: sent again, it takes its own path.
        var fromList = nomination.ProposalId is not null && nomination.WorkflowInstanceId is null && nomination.Status == NominationStatuses.ReturnedForSupplement;
        if (nomination.Status == NominationStatuses.ReturnedForSupplement && !fromList)
        {
            var resumed = await runtime.TriggerAsync(new Stimulus(UserTask.TypeName, UserTask.CompletionPayload(SupplementTaskId)),
                new TriggerOptions(new JsonObject { ["action"] = "Resubmitted", ["by"] = actor.UserName, ["channel"] = "api" }, WorkflowInstanceId: nomination.WorkflowInstanceId),
                cancellationToken).ConfigureAwait(false);
            if (!resumed.Any(r => r.Outcome == ResumeOutcome.Resumed)) return DomainResult<Nomination>.Conflict("Hồ sơ bổ sung đã được nộp.");
            return DomainResult<Nomination>.Success(await FindAsync(id, cancellationToken).ConfigureAwait(false) ?? nomination);
        }

        if (nomination.Status != NominationStatuses.Draft && !fromList) return DomainResult<Nomination>.Conflict($"Hồ sơ đã nộp (trạng thái: {NominationStatuses.Labels[nomination.Status]}).");
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == nomination.AwardCode, cancellationToken).ConfigureAwait(false);
        var definitionId = PathOf(nomination, award);
        var definition = await definitions.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (definition is null) return DomainResult<Nomination>.Conflict($"Quy trình '{definitionId}' chưa được ban hành.");

        var now = clock.GetUtcNow();
        var instanceId = InstanceId(id);
        var from = nomination.Status;
        var won = await db.Nominations.Where(n => n.Id == id && n.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NominationStatuses.Submitted).SetProperty(n => n.SubmittedAt, now).SetProperty(n => n.UpdatedAt, now)
                .SetProperty(n => n.WorkflowDefinitionId, definitionId).SetProperty(n => n.WorkflowInstanceId, instanceId), cancellationToken).ConfigureAwait(false);
        if (won == 0) return DomainResult<Nomination>.Conflict("Hồ sơ đã được nộp.");
        db.NominationEvents.Add(new NominationEvent { NominationId = id, Event = "Submitted", Status = NominationStatuses.Submitted, Actor = actor.UserName, At = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == nomination.UnitId, cancellationToken).ConfigureAwait(false);
        await StartWorkflowAsync(definition, nomination, award, unit, cancellationToken).ConfigureAwait(false);
        return DomainResult<Nomination>.Success((await FindAsync(id, cancellationToken).ConfigureAwait(false))!);
    }

    /// <summary>Starts the path of submitted nominations whose workflow did not start (a crash between the two steps).</summary>
    public async Task<int> StartMissingWorkflowsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var pending = await db.Nominations.AsNoTracking().Where(n => n.Status == NominationStatuses.Submitted && n.WorkflowInstanceId != null).ToListAsync(cancellationToken).ConfigureAwait(false);
        var started = 0;
        foreach (var nomination in pending)
        {
            if (await store.FindInstanceAsync(nomination.WorkflowInstanceId!, cancellationToken).ConfigureAwait(false) is not null) continue;
            var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == nomination.AwardCode, cancellationToken).ConfigureAwait(false);
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == nomination.UnitId, cancellationToken).ConfigureAwait(false);
            var definition = await definitions.FindPublishedAsync(nomination.WorkflowDefinitionId!, cancellationToken).ConfigureAwait(false);
            if (definition is null) continue;
            await StartWorkflowAsync(definition, nomination, award, unit, cancellationToken).ConfigureAwait(false);
            started++;
        }

        return started;
    }

    private async Task StartWorkflowAsync(Engine.Model.WorkflowDefinition definition, Nomination nomination, AwardKind award, Unit unit, CancellationToken cancellationToken)
    {
        var instanceId = InstanceId(nomination.Id);
        if (await store.FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null) return;
        var input = new JsonObject
        {
            ["nominationId"] = nomination.Id,
            ["awardCode"] = award.Code,
            ["awardName"] = award.Name,
            ["nomineeName"] = nomination.NomineeName,
            ["unitId"] = unit.Id,
            ["unitName"] = unit.Name,
            ["year"] = nomination.Year,
            ["summary"] = nomination.AchievementSummary,
            ["eligibilityIssues"] = nomination.EligibilityIssues ?? "",
            ["timeLimitWorkingDays"] = award.TimeLimitWorkingDays,
            // Posted at the unit before the dossier (GĐVH): the commune does not post it again.
            ["postingDays"] = award.PostingAtUnit ? 0 : award.PostingDays,
            // Where the commune posts: before its council (the default) or after the vote (Thôn văn hóa).
            ["postingAfterCouncil"] = award.PostingAfterCouncil,
            ["postingInWorkingDays"] = award.Level != AwardLevel.Commune,
            ["voteRule"] = award.VoteRule.ToString(),
            ["completenessWorkingDays"] = options.CompletenessCheckWorkingDays,
            ["supplementWorkingDays"] = options.SupplementWorkingDays,
            ["provinceReminderWorkingDays"] = options.ProvinceReminderWorkingDays,
            ["decidedBy"] = award.DecidedBy,
        };
        await runtime.StartAsync(definition, new StartOptions(input, CorrelationId: nomination.Id, InstanceId: instanceId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The path a nomination follows: sudden achievements decided at the commune take the simplified path.</summary>
    public string PathOf(Nomination nomination, AwardKind award)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        ArgumentNullException.ThrowIfNull(award);
        return award.Level != AwardLevel.Commune ? options.ProvincePathWorkflow
            : nomination.CommendationType == CommendationType.Sudden ? options.SimplifiedPathWorkflow
            : options.CommunePathWorkflow;
    }

    public async Task<Nomination?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
    }


    public async Task<DomainResult<Attachment>> AddAttachmentAsync(string id, string? documentType, string? fileName, byte[] content, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
        if (nomination is null) return DomainResult<Attachment>.NotFound($"Không có hồ sơ '{id}'.");
        if (!actor.IsOffice && actor.UnitId != nomination.UnitId) return DomainResult<Attachment>.Forbidden("Chỉ đơn vị đề nghị và Phòng Văn hóa - Xã hội được thêm tài liệu.");
        if (!NominationStateMachine.PermittedActions(nomination.Status, nomination.UnitId, actor.UnitId, actor.IsOffice).Contains(NominationAction.AddDocuments))
            return DomainResult<Attachment>.Conflict($"Không thể thêm tài liệu khi hồ sơ ở trạng thái “{NominationStatuses.Labels[nomination.Status]}”.");
        if (documentType is null || !DocumentTypes.Labels.ContainsKey(documentType))
            return DomainResult<Attachment>.Invalid("documentType", $"Loại tài liệu phải là một trong: {string.Join(", ", DocumentTypes.Labels.Keys)}.");
        var (name, nameProblem) = AttachmentPolicy.CleanFileName(fileName);
        if (nameProblem is not null) return DomainResult<Attachment>.Invalid("fileName", nameProblem);
        var (contentType, contentProblem) = attachments.CheckContent(name!, content);
        if (contentProblem is not null) return DomainResult<Attachment>.Invalid("file", contentProblem);

        var now = clock.GetUtcNow();
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            NominationId = id,
            DocumentType = documentType,
            FileName = name!,
            ContentType = contentType!,
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            UploadedBy = actor.UserName,
            UploadedAt = now,
        };
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Content = content });
        db.NominationEvents.Add(new NominationEvent { NominationId = id, Event = "AttachmentAdded", Actor = actor.UserName, At = now, Note = $"{DocumentTypes.Labels[documentType]}: {name}" });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<Attachment>.Success(attachment);
    }

    /// <summary>
    /// The office puts a nomination on hold at any step before the decision (ND 152 Art.4): under appraisal its task
    /// takes the Hold action; at another step the nomination is marked held, no task on it may be decided, and no
    /// council may vote on it until it is released.
    /// </summary>
    public async Task<DomainResult<bool>> PlaceHoldAsync(string id, string? reason, string? note, Actor actor, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<bool>.Forbidden("Chỉ Phòng Văn hóa - Xã hội được tạm dừng xét.");
        if (string.IsNullOrWhiteSpace(reason)) return DomainResult<bool>.Invalid("reason", "Cần ghi lý do tạm dừng (đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại, tố cáo...).");
        if (reason.Trim().Length > 500) return DomainResult<bool>.Invalid("reason", "Lý do tạm dừng tối đa 500 ký tự.");
        var task = await decisions.FindOpenTaskAsync(id, AppraisalTaskId, cancellationToken).ConfigureAwait(false);
        if (task is null) return await HoldAtStepAsync(id, reason.Trim(), string.IsNullOrWhiteSpace(note) ? null : note.Trim(), actor, cancellationToken).ConfigureAwait(false);
        var comment = string.IsNullOrWhiteSpace(note) ? reason.Trim() : $"{reason.Trim()}: {note.Trim()}";
        var outcome = await decisions.DecideSignedInAsync(task.Id, actor.UserName, "Hold", comment, address, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            DecisionOutcome.Decided => DomainResult<bool>.Success(true),
            DecisionOutcome.NotAllowed => DomainResult<bool>.Forbidden("Anh/chị không được giao thẩm định hồ sơ này."),
            _ => DomainResult<bool>.Conflict("Việc thẩm định đã được xử lý."),
        };
    }

    private async Task<DomainResult<bool>> HoldAtStepAsync(string id, string reason, string? note, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
        if (nomination is null) return DomainResult<bool>.NotFound($"Không có hồ sơ '{id}'.");
        if (!NominationStateMachine.CanHoldAt(NominationStateMachine.Parse(nomination.Status)))
            return DomainResult<bool>.Conflict($"Chỉ tạm dừng được hồ sơ đã gửi và chưa có quyết định (hồ sơ đang ở bước “{NominationStatuses.Labels[nomination.Status]}”).");
        var now = clock.GetUtcNow();
        // Conditional: of two holds at once, one takes effect.
        var won = await db.Nominations.Where(n => n.Id == id && n.HeldSince == null && n.Status == nomination.Status)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.HeldSince, now).SetProperty(n => n.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        if (won == 0) return DomainResult<bool>.Conflict("Hồ sơ đang tạm dừng xét hoặc vừa chuyển bước; tải lại trang.");
        db.EligibilityHolds.Add(new EligibilityHold { NominationId = id, Reason = reason, Note = note, PlacedAt = now, PlacedBy = actor.UserName });
        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = id, Event = "PutOnHold", Status = nomination.Status, Actor = actor.UserName, At = now,
            Note = $"Tạm dừng ở bước “{NominationStatuses.Labels[nomination.Status]}”: {reason}{(note is null ? "" : " — " + note)}",
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<bool>.Success(true);
    }

    /// <summary>Ends a hold: the legal due date moves by the working days the nomination was held, and it goes on from where it stood.</summary>
    public async Task<DomainResult<bool>> ReleaseHoldAsync(string id, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<bool>.Forbidden("Chỉ Phòng Văn hóa - Xã hội được tiếp tục xét.");
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
        if (nomination is null) return DomainResult<bool>.NotFound($"Không có hồ sơ '{id}'.");
        var hold = await db.EligibilityHolds.AsNoTracking().Where(h => h.NominationId == id && h.ReleasedAt == null).OrderBy(h => h.PlacedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var atStep = nomination.HeldSince is not null;
        if (hold is null || !(atStep || nomination.Status == NominationStatuses.OnHold)) return DomainResult<bool>.Conflict("Hồ sơ không ở trạng thái tạm dừng xét.");
        var now = clock.GetUtcNow();
        var released = await db.EligibilityHolds.Where(h => h.NominationId == id && h.ReleasedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ReleasedAt, now).SetProperty(h => h.ReleasedBy, actor.UserName), cancellationToken).ConfigureAwait(false);
        if (released == 0) return DomainResult<bool>.Conflict("Hồ sơ không ở trạng thái tạm dừng xét.");

        // The legal clock stands still while held (NĐ 152 Art.4): the due date moves by the working days of the hold.
        var paused = calendar.WorkingDaysBetween(calendar.LocalDate(hold.PlacedAt), calendar.LocalDate(now));
        var due = nomination.DueAt is { } d && paused > 0 ? calendar.EndOfWorkingDay(calendar.AddWorkingDays(calendar.LocalDate(d), paused)) : nomination.DueAt;
        await db.Nominations.Where(n => n.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.HeldSince, (DateTimeOffset?)null).SetProperty(n => n.DueAt, due).SetProperty(n => n.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        var text = (string.IsNullOrWhiteSpace(note) ? "Hết tạm dừng xét" : note.Trim())
            + (due != nomination.DueAt && due is { } moved ? $"; hạn giải quyết lùi {paused} ngày làm việc, đến {calendar.LocalDate(moved):dd/MM/yyyy}" : "");
        db.NominationEvents.Add(new NominationEvent { NominationId = id, Event = "HoldReleased", Status = nomination.Status, Actor = actor.UserName, At = now, Note = text });
        var signal = atStep ? null : signals.Add(db, id, NominationStimuli.HoldReleased, new JsonObject { ["note"] = text, ["by"] = actor.UserName });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (signal is not null) await signals.DeliverAsync([signal], cancellationToken).ConfigureAwait(false);
        return DomainResult<bool>.Success(true);
    }

    public async Task<DomainResult<Objection>> AddObjectionAsync(string id, string? text, string? from, string? address = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return DomainResult<Objection>.Invalid("text", "Cần ghi nội dung ý kiến.");
        if (text.Length > 4000) return DomainResult<Objection>.Invalid("text", "Ý kiến dài quá 4.000 ký tự.");
        await using var db = contexts.Create();
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
        if (nomination is null) return DomainResult<Objection>.NotFound($"Không có hồ sơ '{id}'.");
        if (nomination.Status != NominationStatuses.PublicPosting) return DomainResult<Objection>.Conflict("Hồ sơ không trong thời gian công khai lấy ý kiến.");
        var objection = new Objection { NominationId = id, Text = text.Trim(), From = from, Address = address?[..Math.Min(address.Length, 64)], At = clock.GetUtcNow() };
        db.Objections.Add(objection);
        // The signal id identifies the objection to the workflow, so a repeated delivery counts it once.
        var signal = signals.Add(db, id, NominationStimuli.Objection);
        signal.Input = new JsonObject { ["objection"] = signal.Id }.ToJsonString();
        db.NominationEvents.Add(new NominationEvent { NominationId = id, Event = "ObjectionReceived", Actor = from, At = objection.At, Note = objection.Text });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await signals.DeliverAsync([signal], cancellationToken).ConfigureAwait(false);
        return DomainResult<Objection>.Success(objection);
    }

    /// <summary>The office records the province's answer to a letter: its decision (with number) or the dossier returned.</summary>
    public async Task<DomainResult<ProvinceSubmission>> RecordProvinceOutcomeAsync(string id, ProvinceOutcomeRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<ProvinceSubmission>.Forbidden("Chỉ Phòng Văn hóa - Xã hội ghi nhận kết quả của cấp trên.");
        if (request.Outcome is not ("Decided" or "Returned"))
            return DomainResult<ProvinceSubmission>.Invalid("outcome", "Kết quả phải là Decided (đã khen thưởng) hoặc Returned (trả lại hồ sơ).");
        if (request.Outcome == "Decided" && string.IsNullOrWhiteSpace(request.DecisionNumber))
            return DomainResult<ProvinceSubmission>.Invalid("decisionNumber", "Cần ghi số quyết định khen thưởng của cấp trên.");
        if (request.Outcome == "Returned" && string.IsNullOrWhiteSpace(request.Note))
            return DomainResult<ProvinceSubmission>.Invalid("note", "Cần ghi lý do cấp trên trả lại hồ sơ.");

        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
        if (nomination is null) return DomainResult<ProvinceSubmission>.NotFound($"Không có hồ sơ '{id}'.");
        var submission = await db.ProvinceSubmissions.Where(s => s.NominationId == id && s.Outcome == "Pending").OrderByDescending(s => s.SentAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (submission is null || nomination.Status != NominationStatuses.ForwardedToProvince)
            return DomainResult<ProvinceSubmission>.Conflict("Hồ sơ không ở trạng thái chờ kết quả của cấp trên.");
        var now = clock.GetUtcNow();
        submission.Outcome = request.Outcome;
        submission.ProvinceDecisionNumber = request.DecisionNumber?.Trim();
        submission.ProvinceDecidedOn = request.DecidedOn;
        submission.Note = request.Note?.Trim();
        submission.RecordedBy = actor.UserName;
        submission.RecordedAt = now;
        if (request.Outcome == "Decided")
        {
            var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == nomination.AwardCode, cancellationToken).ConfigureAwait(false);
            db.Commendations.Add(Commendation.For(nomination, submission.ProvinceDecisionNumber!, request.DecidedOn ?? DateOnly.FromDateTime(now.UtcDateTime),
                award.DecidedBy, PrizeMoney.For(award, nomination.NomineeKind, options.BaseSalary)));
        }

        db.NominationEvents.Add(new NominationEvent
        {
            NominationId = id, Event = request.Outcome == "Decided" ? "ProvinceDecided" : "ProvinceReturned", Actor = actor.UserName, At = now,
            Note = request.Outcome == "Decided" ? $"Quyết định số {submission.ProvinceDecisionNumber}" : submission.Note,
        });
        var signal = signals.Add(db, id, NominationStimuli.ProvinceOutcome,
            new JsonObject { ["outcome"] = request.Outcome, ["decisionNumber"] = submission.ProvinceDecisionNumber, ["note"] = submission.Note, ["by"] = actor.UserName });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await signals.DeliverAsync([signal], cancellationToken).ConfigureAwait(false);
        return DomainResult<ProvinceSubmission>.Success(submission);
    }
}
