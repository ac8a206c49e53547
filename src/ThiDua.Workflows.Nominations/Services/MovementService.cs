using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record UnitReportRequest(int? Year, IReadOnlyDictionary<long, string>? Items, string? FileName, byte[]? File);

/// <summary>Whether a unit has reported on the movement for a year.</summary>
public sealed record UnitReportState(string UnitId, string UnitName, string? ReportId, string? Status, string? StatusLabel, DateTimeOffset? SubmittedAt);

/// <summary>What a review (sơ kết 2027, tổng kết 2030) collects: the units' reports of its years, who never reported, and the awards of the period.</summary>
public sealed record ReviewGathering(
    string CampaignId, string Phase, int FromYear, int ToYear, IReadOnlyList<UnitReportView> Reports, IReadOnlyList<UnitReportState> NeverReported, MovementReport Awards);

public sealed record UnitReportView(string Id, string UnitId, string UnitName, int Year, string Status, string StatusLabel, string SubmittedBy, DateTimeOffset SubmittedAt,
    string? ReviewNote, string? FileName, IReadOnlyList<UnitReportItemView> Items);

public sealed record UnitReportItemView(long ContentId, int Order, string Content, string Text);

/// <summary>
/// The movement's year: the units report on its contents (a form, one text per content, and a file), the office sees
/// who has not reported and accepts or returns each report, and the interim and final reviews collect the reports of
/// their years with the awards of the period.
/// </summary>
public sealed class MovementService(NominationsContexts contexts, MovementReports reports, AttachmentPolicy files, AnnualCalendar calendar, TimeProvider clock)
{
    /// <summary>Units that take part in reporting: the plan asks every active unit except the office that runs the movement.</summary>
    internal static bool TakesPart(Unit unit) => unit.Active && unit.Id != "phong-vhxh";

    public async Task<DomainResult<UnitReport>> SubmitAsync(string campaignId, string? unitId, UnitReportRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        unitId ??= actor.UnitId;
        if (unitId is null) return DomainResult<UnitReport>.Invalid("unitId", "Cần chọn đơn vị báo cáo.");
        if (!actor.IsOffice && actor.UnitId != unitId) return DomainResult<UnitReport>.Forbidden("Anh/chị chỉ gửi báo cáo của đơn vị mình.");
        await using var db = contexts.Create();
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Contents).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null) return DomainResult<UnitReport>.NotFound("Không có phong trào thi đua này.");
        var errors = new Dictionary<string, string[]>();
        if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken).ConfigureAwait(false)) errors["unitId"] = [$"Không có đơn vị '{unitId}'."];
        var year = request.Year ?? 0;
        if (year < campaign.StartYear || year > campaign.EndYear) errors["year"] = [$"Năm báo cáo phải trong thời gian phong trào ({campaign.StartYear}–{campaign.EndYear})."];
        var items = (request.Items ?? new Dictionary<long, string>()).Where(i => !string.IsNullOrWhiteSpace(i.Value)).ToDictionary(i => i.Key, i => i.Value.Trim());
        if (items.Count == 0) errors["items"] = ["Cần báo cáo kết quả ít nhất một nội dung của phong trào."];
        if (items.Keys.FirstOrDefault(k => campaign.Contents.All(c => c.Id != k)) is var unknown && unknown != 0)
            errors["items"] = [$"Nội dung số {unknown} không thuộc phong trào này."];
        if (items.Values.Any(v => v.Length > 8000)) errors["items"] = ["Mỗi nội dung báo cáo tối đa 8.000 ký tự."];
        string? contentType = null;
        string? fileName = null;
        if (request.File is { Length: > 0 } file)
        {
            var (name, nameProblem) = AttachmentPolicy.CleanFileName(request.FileName);
            var (type, problem) = nameProblem is null ? files.CheckContent(name!, file) : (null, nameProblem);
            if (problem is not null) errors["file"] = [problem];
            (fileName, contentType) = (name, type);
        }

        if (errors.Count > 0) return DomainResult<UnitReport>.Invalid(errors);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var report = await db.UnitReports.Include(r => r.Items).FirstOrDefaultAsync(r => r.CampaignId == campaignId && r.UnitId == unitId && r.Year == year, cancellationToken).ConfigureAwait(false);
        if (report is not null && !UnitReportStatuses.CanMove(report.Status, UnitReportStatuses.Submitted))
            return DomainResult<UnitReport>.Conflict($"Báo cáo năm {year} của đơn vị đã được tiếp nhận; không sửa được nữa.");
        if (report is null)
        {
            report = new UnitReport { Id = Guid.CreateVersion7(now).ToString("N"), CampaignId = campaignId, UnitId = unitId, Year = year, SubmittedBy = actor.UserName };
            db.UnitReports.Add(report);
        }

        report.Status = UnitReportStatuses.Submitted;
        report.SubmittedBy = actor.UserName;
        report.SubmittedAt = now;
        report.Items.Clear();
        report.Items.AddRange(items.Select(i => new UnitReportItem { ReportId = report.Id, ContentId = i.Key, Text = i.Value }));
        if (request.File is { Length: > 0 })
            (report.FileName, report.FileContentType, report.FileContent) = (fileName, contentType, request.File);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return DomainResult<UnitReport>.Conflict("Báo cáo vừa được gửi từ nơi khác; tải lại trang để xem.");
        }

        // The calendar's task for this report closes now; were this to fail, the daily sync closes it.
        await calendar.CloseFulfilledAsync(unitId, year, actor.UserName, cancellationToken).ConfigureAwait(false);
        return DomainResult<UnitReport>.Success(report);
    }

    /// <summary>The office accepts a report or returns it with what to add.</summary>
    public async Task<DomainResult<UnitReport>> ReviewAsync(string reportId, bool accept, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<UnitReport>.Forbidden("Chỉ Phòng Văn hóa - Xã hội tiếp nhận báo cáo của đơn vị.");
        if (!accept && string.IsNullOrWhiteSpace(note)) return DomainResult<UnitReport>.Invalid("note", "Ghi rõ nội dung cần bổ sung khi trả lại báo cáo.");
        await using var db = contexts.Create();
        var report = await db.UnitReports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken).ConfigureAwait(false);
        if (report is null) return DomainResult<UnitReport>.NotFound("Không có báo cáo này.");
        var target = accept ? UnitReportStatuses.Accepted : UnitReportStatuses.Returned;
        if (!UnitReportStatuses.CanMove(report.Status, target))
            return DomainResult<UnitReport>.Conflict($"Báo cáo đang ở trạng thái “{UnitReportStatuses.Labels[report.Status]}”.");
        var before = report.Status;
        report.Status = target;
        report.ReviewedBy = actor.UserName;
        report.ReviewedAt = clock.GetUtcNow();
        report.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        // Conditional on the status read: two reviewers at once, one takes effect.
        var changed = await db.UnitReports.Where(r => r.Id == reportId && r.Status == before)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, report.Status).SetProperty(r => r.ReviewedBy, report.ReviewedBy)
                .SetProperty(r => r.ReviewedAt, report.ReviewedAt).SetProperty(r => r.ReviewNote, report.ReviewNote), cancellationToken).ConfigureAwait(false);
        return changed == 1 ? DomainResult<UnitReport>.Success(report) : DomainResult<UnitReport>.Conflict("Báo cáo vừa được xử lý.");
    }

    /// <summary>Every reporting unit for a year: reported (with the status) or not.</summary>
    public async Task<IReadOnlyList<UnitReportState>> StatesAsync(string campaignId, int year, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var units = (await db.Units.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)).Where(TakesPart).ToList();
        var submitted = await db.UnitReports.AsNoTracking().Where(r => r.CampaignId == campaignId && r.Year == year)
            .Select(r => new { r.Id, r.UnitId, r.Status, r.SubmittedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);
        return units.OrderBy(u => u.Name, vietnamese).Select(u => submitted.FirstOrDefault(r => r.UnitId == u.Id) is { } r
                ? new UnitReportState(u.Id, u.Name, r.Id, r.Status, UnitReportStatuses.Labels[r.Status], r.SubmittedAt)
                : new UnitReportState(u.Id, u.Name, null, null, null, null)).ToList();
    }

    public async Task<IReadOnlyList<UnitReportView>> ReportsAsync(string campaignId, int fromYear, int toYear, string? unitId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.UnitReports.AsNoTracking().Include(r => r.Items).Where(r => r.CampaignId == campaignId && r.Year >= fromYear && r.Year <= toYear);
        if (unitId is not null) query = query.Where(r => r.UnitId == unitId);
        var list = await query.OrderBy(r => r.Year).ThenBy(r => r.UnitId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var contents = await db.CampaignContents.AsNoTracking().Where(c => c.CampaignId == campaignId).ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        return list.Select(r => new UnitReportView(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, r.UnitId), r.Year, r.Status, UnitReportStatuses.Labels[r.Status], r.SubmittedBy, r.SubmittedAt,
            r.ReviewNote, r.FileName,
            r.Items.Where(i => contents.ContainsKey(i.ContentId)).OrderBy(i => contents[i.ContentId].Order)
                .Select(i => new UnitReportItemView(i.ContentId, contents[i.ContentId].Order, contents[i.ContentId].Title, i.Text)).ToList())).ToList();
    }

    /// <summary>What the review of a phase collects: <paramref name="reviewYear"/> is the phase's last year (2027 interim, 2030 final).</summary>
    public async Task<ReviewGathering?> CollectReviewAsync(string campaignId, int reviewYear, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var phase = await db.Set<CampaignPhase>().AsNoTracking().FirstOrDefaultAsync(p => p.CampaignId == campaignId && p.EndYear == reviewYear, cancellationToken).ConfigureAwait(false);
        if (phase is null) return null;
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false);
        // The interim review looks at its phase; the final review at the whole movement.
        var from = phase.Review == "FinalReview" ? campaign.StartYear : phase.StartYear;
        var collected = await ReportsAsync(campaignId, from, reviewYear, null, cancellationToken).ConfigureAwait(false);
        var units = (await db.Units.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)).Where(TakesPart).ToList();
        var never = units.Where(u => collected.All(r => r.UnitId != u.Id)).Select(u => new UnitReportState(u.Id, u.Name, null, null, null, null))
            .OrderBy(u => u.UnitName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true)).ToList();
        var awards = await reports.BuildAsync(new ReportPeriod(phase.Review == "FinalReview" ? "tong-ket-2030" : "so-ket-2027", phase.Name, from, reviewYear), cancellationToken).ConfigureAwait(false);
        return new ReviewGathering(campaignId, phase.Name, from, reviewYear, collected, never, awards);
    }
}
