using Hangfire;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>A user to create at start-up when missing (the first administrator; in Development the demo users).</summary>
public sealed class SeedUser
{
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2); never a password.</summary>
    public string PasswordHash { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public string? Unit { get; set; }

    public string? Email { get; set; }

    /// <summary>The title the person signs documents with ("Chủ tịch", "Phó Chủ tịch").</summary>
    public string? SigningTitle { get; set; }

    /// <summary>The full name printed under the signature.</summary>
    public string? FullName { get; set; }
}

/// <summary>
/// Start-up of the domain: upgrade its tables, add catalogue entries that are missing (edits are kept), create the
/// configured users that are missing, and — in an empty database, when asked — the demo data of xã Trường Lưu.
/// </summary>
public sealed partial class NominationsInitializer(
    NominationsContexts contexts,
    NominationOptions options,
    NominationService nominations,
    ProposalService proposals,
    CouncilService council,
    WorkflowSignals signals,
    IWorkflowRuntime runtime,
    IRecurringJobManager recurring,
    TimeProvider clock,
    ILogger<NominationsInitializer> logger)
{
    public const string SignalsJobId = "nominations:signals";
    public const string AuditSealJobId = "audit:seal";

    public async Task InitializeAsync(IReadOnlyList<SeedUser> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        await contexts.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using (var db = contexts.Create())
        {
            var known = await db.AwardKinds.Select(a => a.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
            db.AwardKinds.AddRange(AwardCatalogSeed.All(options).Where(a => !known.Contains(a.Code)));
            // Catalogues seeded before the correction put the province council's 80% on the commune's vote for Cờ thi
            // đua Chính phủ; a province's own setting (Workflows:Nominations:Catalog) still wins over this.
            if (!(options.Catalog.TryGetValue("COCP", out var cocp) && cocp.VoteThresholdPercent is not null))
                await db.AwardKinds.Where(a => a.Code == "COCP" && a.VoteRule == VoteRule.Threshold && a.VoteThresholdPercent == 80)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.VoteRule, VoteRule.Majority).SetProperty(a => a.VoteThresholdPercent, (int?)null)
                    .SetProperty(a => a.Basis, AwardCatalogSeed.CoCpBasis), cancellationToken).ConfigureAwait(false);
            // Gia đình văn hóa is posted at the thôn before the dossier (NĐ 86/2023), in catalogues seeded before this was known too.
            await db.AwardKinds.Where(a => a.Code == "GDVH" && !a.PostingAtUnit).ExecuteUpdateAsync(u => u.SetProperty(a => a.PostingAtUnit, true), cancellationToken).ConfigureAwait(false);
            // Thôn văn hóa is posted after the council's vote (NĐ 86/2023), likewise.
            await db.AwardKinds.Where(a => a.Code == "THONVH" && !a.PostingAfterCouncil).ExecuteUpdateAsync(u => u.SetProperty(a => a.PostingAfterCouncil, true), cancellationToken).ConfigureAwait(false);
            var seeded = options.SeedDemoData && !await db.Units.AnyAsync(cancellationToken).ConfigureAwait(false);
            var people = seeded ? DemoData.AddDirectory(db) : [];
            var existing = await db.Users.Select(u => u.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var user in users.Concat(seeded ? DemoData.ExtraUsers() : []).Where(u => !existing.Contains(u.UserName, StringComparer.OrdinalIgnoreCase)))
            {
                db.Users.Add(new UserAccount
                {
                    UserName = user.UserName,
                    DisplayName = user.DisplayName,
                    Email = user.Email,
                    PasswordHash = user.PasswordHash,
                    UnitId = user.Unit,
                    SigningTitle = user.SigningTitle,
                    FullName = user.FullName,
                    Roles = user.Roles.Distinct().Select(r => new UserRole { UserName = user.UserName, Role = r }).ToList(),
                });
                existing.Add(user.UserName);
            }

            // The year's deadlines: the rules' defaults for those missing (the office's edits are kept).
            var deadlines = await db.CalendarDeadlines.Select(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            db.CalendarDeadlines.AddRange(AnnualCalendarSeed.All().Where(d => !deadlines.Contains(d.Id)));

            // A movement seeded before its contents were data gets the plan's seven contents and the criteria of its groups.
            if (await db.Campaigns.AnyAsync(c => c.Id == MovementSeed.CampaignId, cancellationToken).ConfigureAwait(false)
                && !await db.CampaignContents.AnyAsync(c => c.CampaignId == MovementSeed.CampaignId, cancellationToken).ConfigureAwait(false))
            {
                db.CampaignContents.AddRange(MovementSeed.Contents(MovementSeed.CampaignId));
                db.CampaignCriteria.AddRange(MovementSeed.Criteria(MovementSeed.CampaignId));
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (seeded)
            {
                DemoData.AddEarlierAwards(db, people, options);
                DemoData.AddCouncil(db, existing);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                DemoData.AddUnitReports(db, await db.CampaignContents.Where(c => c.CampaignId == MovementSeed.CampaignId).ToListAsync(cancellationToken).ConfigureAwait(false), clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await SeedNominationsAsync(db, cancellationToken).ConfigureAwait(false);
                DemoSeeded(logger);
            }
        }

        recurring.AddOrUpdate<WorkflowSignals>(SignalsJobId, w => w.DeliverPendingAsync(CancellationToken.None), "* * * * *");
        // Entries a busy database left unsealed after their change committed.
        recurring.AddOrUpdate<Audit.AuditTrail>(AuditSealJobId, a => a.SealAsync(CancellationToken.None), "* * * * *");
        if (string.IsNullOrWhiteSpace(options.CalendarSyncCron))
        {
            recurring.RemoveIfExists(AnnualCalendar.JobId);
        }
        else
        {
            recurring.AddOrUpdate<AnnualCalendar>(AnnualCalendar.JobId, c => c.SyncAsync(CancellationToken.None), options.CalendarSyncCron);
            // Now, not at the next hour: the workflows are loaded by the time a worker takes it.
            recurring.Trigger(AnnualCalendar.JobId);
        }

        // What a stop between two steps left: workflows not started, counts not finished, signals not delivered.
        var restarted = await nominations.StartMissingWorkflowsAsync(cancellationToken).ConfigureAwait(false);
        var counted = await council.FinishInterruptedCountsAsync(cancellationToken).ConfigureAwait(false);
        var delivered = await signals.DeliverPendingAsync(cancellationToken).ConfigureAwait(false);
        if (restarted + counted + delivered > 0) Recovered(logger, restarted, counted, delivered);
    }

    /// <summary>A few nominations at different steps: a draft, one waiting for the completeness check, one under appraisal, one for the province, one decided.</summary>
    private async Task SeedNominationsAsync(NominationsDbContext db, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var year = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).Year;
        Actor UnitActor(string unit) => new("demo", [Roles.UnitSubmitter], unit);
        var office = new Actor("vanphong", [Roles.Office], null);

        async Task<Nomination?> Create(Person person, string award, string summary, PerformanceRating rating, bool initiative, CommendationType type = CommendationType.Merit)
        {
            var result = await nominations.CreateAsync(new CreateNominationRequest(person.UnitId, "Individual", person.Id, null, null, award, type.ToString(), year,
                summary, rating.ToString(), initiative, null, "phong-trao-2026-2030"), UnitActor(person.UnitId), cancellationToken).ConfigureAwait(false);
            if (result.Value is { } created) await AttachDemoDossierAsync(db, created, cancellationToken).ConfigureAwait(false);
            return result.Value;
        }

        await Create(people[0], "LDTT", "Hoàn thành tốt nhiệm vụ; tích cực tham gia chuyển đổi số ở thôn.", PerformanceRating.Good, false).ConfigureAwait(false);
        if (await Create(people[1], "CSTDCS", "Sáng kiến “Sổ tay điện tử quản lý học sinh” được Hội đồng sáng kiến xã công nhận.", PerformanceRating.Excellent, true).ConfigureAwait(false) is { } waiting)
            await nominations.SubmitAsync(waiting.Id, UnitActor(waiting.UnitId), cancellationToken).ConfigureAwait(false);
        if (await Create(people[2], "LDTT", "Hoàn thành tốt nhiệm vụ; đưa 100% hồ sơ một cửa lên dịch vụ công trực tuyến.", PerformanceRating.Good, false).ConfigureAwait(false) is { } appraised)
        {
            await nominations.SubmitAsync(appraised.Id, UnitActor(appraised.UnitId), cancellationToken).ConfigureAwait(false);
            await CompleteTaskAsync(appraised.Id, "completeness", "Complete", office.UserName, cancellationToken).ConfigureAwait(false);
        }

        var sudden = await nominations.CreateAsync(new CreateNominationRequest("thon-2", "Household", null, null, "Hộ ông Nguyễn Văn Hải", "GIAYKHEN", "Sudden", year,
            "Hiến 200 m² đất mở rộng đường liên thôn.", null, false, null, "phong-trao-2026-2030"), UnitActor("thon-2"), cancellationToken).ConfigureAwait(false);
        if (sudden.Value is { } decided)
        {
            await AttachDemoDossierAsync(db, decided, cancellationToken).ConfigureAwait(false);
            await nominations.SubmitAsync(decided.Id, UnitActor("thon-2"), cancellationToken).ConfigureAwait(false);
            await CompleteTaskAsync(decided.Id, "completeness", "Complete", office.UserName, cancellationToken).ConfigureAwait(false);
            await CompleteTaskAsync(decided.Id, "chairDecision", "Approve", "chutich", cancellationToken).ConfigureAwait(false);
        }

        if (await Create(people[3], "BKTINH", "Hai năm liên tục đạt Chiến sĩ thi đua cơ sở; mô hình trồng trọt hữu cơ, chuyển đổi xanh.", PerformanceRating.Excellent, true).ConfigureAwait(false) is { } province)
            await nominations.SubmitAsync(province.Id, UnitActor(province.UnitId), cancellationToken).ConfigureAwait(false);
        // One waiting for the council (the secretary can call a session) and one waiting for the chair (a list decision).
        if (await Create(people[4], "LDTT", "Ứng dụng học liệu số trong giảng dạy; 100% học sinh lớp chủ nhiệm dùng sổ liên lạc điện tử.", PerformanceRating.Good, false).ConfigureAwait(false) is { } council)
        {
            await nominations.SubmitAsync(council.Id, UnitActor(council.UnitId), cancellationToken).ConfigureAwait(false);
            await CompleteTaskAsync(council.Id, "completeness", "Complete", office.UserName, cancellationToken).ConfigureAwait(false);
            await CompleteTaskAsync(council.Id, "appraisal", "Eligible", office.UserName, cancellationToken).ConfigureAwait(false);
        }

        var rescue = await nominations.CreateAsync(new CreateNominationRequest("doan-thanh-nien", "Individual", people[5].Id, null, null, "GIAYKHEN", "Sudden", year,
            "Dẫn đầu đội thanh niên tình nguyện ứng cứu người dân trong mưa lũ tháng 10.", null, false, null, "phong-trao-2026-2030"), UnitActor("doan-thanh-nien"), cancellationToken).ConfigureAwait(false);
        if (rescue.Value is { } forChair)
        {
            await AttachDemoDossierAsync(db, forChair, cancellationToken).ConfigureAwait(false);
            await nominations.SubmitAsync(forChair.Id, UnitActor(forChair.UnitId), cancellationToken).ConfigureAwait(false);
            await CompleteTaskAsync(forChair.Id, "completeness", "Complete", office.UserName, cancellationToken).ConfigureAwait(false);
        }

        // A thôn's list for Gia đình văn hóa: one letter, twelve households, sent; the office reviews it nominee by nominee.
        string[] households =
        [
            "Hộ ông Trần Văn An", "Hộ bà Nguyễn Thị Bích", "Hộ ông Lê Văn Cường", "Hộ ông Phạm Đình Dũng", "Hộ bà Võ Thị Én", "Hộ ông Hồ Sĩ Giang",
            "Hộ ông Đặng Văn Hải", "Hộ bà Bùi Thị Hạnh", "Hộ ông Ngô Quang Khánh", "Hộ ông Dương Văn Lâm", "Hộ bà Phan Thị Mận", "Hộ ông Thái Văn Nam",
        ];
        // Posted at the thôn's cultural house for ten days, ended before the letter is sent (NĐ 86/2023).
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        var list = await proposals.CreateAsync(new ProposalRequest("thon-2", year, $"Đề nghị công nhận danh hiệu Gia đình văn hóa năm {year}", "08/TTr-T2",
            households.Select(h => new ProposalNomineeRequest("Household", null, null, h, "GDVH",
                "Thực hiện tốt nếp sống văn minh, tham gia phong trào chuyển đổi số, giữ gìn vệ sinh môi trường.", null, null, null)).ToList(),
            today.AddDays(-12), today.AddDays(-3)),
            UnitActor("thon-2"), cancellationToken).ConfigureAwait(false);
        if (list.Value is { } proposal) await proposals.SubmitAsync(proposal.Id, UnitActor("thon-2"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Small PDF stand-ins for each required document, named as a unit would name them.</summary>
    private async Task AttachDemoDossierAsync(NominationsDbContext db, Nomination nomination, CancellationToken cancellationToken)
    {
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == nomination.AwardCode, cancellationToken).ConfigureAwait(false);
        foreach (var type in award.RequiredDocuments.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var label = DocumentTypes.Labels[type];
            var content = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% {label} — {nomination.NomineeName}\n%%EOF\n");
            await nominations.AddAttachmentAsync(nomination.Id, type, $"{label.Split(" / ")[0]} - {nomination.NomineeName}.pdf", content,
                new Actor("demo", [Roles.UnitSubmitter], nomination.UnitId), cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<IReadOnlyList<ResumeResult>> CompleteTaskAsync(string nominationId, string taskId, string action, string by, CancellationToken cancellationToken) =>
        runtime.TriggerAsync(new Stimulus(UserTask.TypeName, UserTask.CompletionPayload(taskId)),
            new TriggerOptions(new JsonObject { ["action"] = action, ["by"] = by, ["channel"] = "demo" }, WorkflowInstanceId: NominationService.InstanceId(nominationId)),
            cancellationToken);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Seeded the demo data of xã Trường Lưu (units, people, users, council, campaign, nominations)")]
    private static partial void DemoSeeded(ILogger logger);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Recovered after a stop: started {Started} nomination workflows, finished {Counted} council counts, delivered {Delivered} workflow signals")]
    private static partial void Recovered(ILogger logger, int started, int counted, int delivered);
}
