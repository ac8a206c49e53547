using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record NominationView(
    string Id, int Year, string UnitId, string UnitName, string NomineeKind, string NomineeName, long? PersonId, string? NomineeUnitId, string AwardCode, string AwardName,
    string CommendationType, string Status, string StatusLabel, string AchievementSummary, string? PerformanceRating, bool InitiativeRecognized,
    int? AdvancedWorkerPercent, IReadOnlyList<string> EligibilityIssues, int SupplementRequests, DateTimeOffset? SubmittedAt, DateTimeOffset? CompleteAt,
    DateTimeOffset? DueAt, string? DueDate, string? Workflow, string? DecisionNumber, DateTimeOffset CreatedAt);

public sealed record NominationDetail(
    NominationView Nomination,
    IReadOnlyList<HistoryEntryView> History,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<HoldView> Holds,
    IReadOnlyList<ObjectionView> Objections,
    IReadOnlyList<ProvinceSubmissionView> ProvinceSubmissions,
    IReadOnlyList<string> MissingDocuments,
    IReadOnlyList<DocumentLink> Documents);

public sealed record HistoryEntryView(string Event, string? Status, string? StatusLabel, string? Actor, string? Note, DateTimeOffset At);

public sealed record AttachmentView(
    string Id, string DocumentType, string? DocumentLabel, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record HoldView(string Reason, string? Note, string? PlacedBy, DateTimeOffset PlacedAt, string? ReleasedBy, DateTimeOffset? ReleasedAt);

/// <summary>An opinion received during posting; <c>Address</c> (the sender's network address) is null for everyone but administrators.</summary>
public sealed record ObjectionView(string Text, string? From, DateTimeOffset At, string? Address);

public sealed record ProvinceSubmissionView(
    string LetterNumber, DateTimeOffset SentAt, DateTimeOffset? ExpectedBy, string Outcome, string? ProvinceDecisionNumber, DateOnly? ProvinceDecidedOn, string? Note,
    string Id, string? Package);

/// <summary>A council session as everyone may see it: who voted, never how (unless the session was an open vote).</summary>
public sealed record SessionView(
    string Id, string Title, DateTimeOffset ScheduledAt, string Status, bool Secret, int MemberCount, string? MinutesNumber, DateTimeOffset? ClosedAt,
    IReadOnlyList<SessionMemberView> Members, IReadOnlyList<SessionItemView> Items)
{
    public bool Open => Status == nameof(CouncilSessionStatus.Open);
}

public sealed record SessionMemberView(string UserName, string Attendance);

/// <summary>One agenda item; counts, percentage and result are null/Pending until the session is closed.</summary>
public sealed record SessionItemView(
    string NominationId, string? NomineeName, string? AwardCode, string? AwardName, IReadOnlyList<string> EligibilityIssues, string VoteRule, int? ThresholdPercent,
    int BallotsCast, int? Approve, int? Reject, decimal? ApprovePercent, string Result, IReadOnlyList<VoteView>? Votes, string? UnitName = null);

public sealed record VoteView(string UserName, string? Choice, string Channel);

/// <summary>A nomination being posted publicly: only what posting needs (no personal data beyond name and achievements).</summary>
public sealed record PostedNomination(string Id, string NomineeName, string AwardName, int Year, string UnitName, string AchievementSummary, string? Until);

/// <summary>A line of the sessions list.</summary>
public sealed record SessionRow(string Id, string Title, DateTimeOffset ScheduledAt, string Status, string? MinutesNumber, int Items);

/// <summary>A numbered document about a nomination and where to download it.</summary>
public sealed record DocumentLink(string Kind, string Label, string DocumentNumber, string Url);

/// <summary>Read models for the API: nominations with their history, sessions without anything that could reveal a vote.</summary>
public sealed class NominationQueries(NominationsContexts contexts, WorkingCalendar calendar)
{
    public async Task<IReadOnlyList<NominationView>> ListAsync(Actor actor, string? status, string? unitId, int? year, string? awardCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var query = db.Nominations.AsNoTracking();
        // A unit sees its own nominations; the office, the council and the chair see all.
        if (!actor.SeesAllNominations)
            query = query.Where(n => n.UnitId == actor.UnitId);
        if (status is { Length: > 0 }) query = query.Where(n => n.Status == status);
        if (unitId is { Length: > 0 }) query = query.Where(n => n.UnitId == unitId);
        if (year is { } y) query = query.Where(n => n.Year == y);
        if (awardCode is { Length: > 0 }) query = query.Where(n => n.AwardCode == awardCode);
        var list = await query.OrderBy(n => n.CreatedAt).Take(1000).ToListAsync(cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var decisionIds = list.Where(n => n.DecisionId != null).Select(n => n.DecisionId!).ToList();
        var numbers = await db.Decisions.AsNoTracking().Where(d => decisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.DocumentNumber, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        return list.Select(n => View(n, awards.GetValueOrDefault(n.AwardCode, n.AwardCode), units.GetValueOrDefault(n.UnitId, n.UnitId), n.DecisionId is null ? null : numbers.GetValueOrDefault(n.DecisionId))).ToList();
    }

    public async Task<NominationDetail?> DetailAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = contexts.Create();
        var n = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false);
        if (n is null || (!actor.SeesAllNominations && n.UnitId != actor.UnitId)) return null;
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == n.AwardCode, cancellationToken).ConfigureAwait(false);
        var number = n.DecisionId is null ? null : (await db.Decisions.AsNoTracking().FirstAsync(d => d.Id == n.DecisionId, cancellationToken).ConfigureAwait(false)).DocumentNumber;
        var unitName = (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == n.UnitId, cancellationToken).ConfigureAwait(false))?.Name ?? n.UnitId;
        var history = await db.NominationEvents.AsNoTracking().Where(e => e.NominationId == id).OrderBy(e => e.Id)
            .Select(e => new { e.Event, e.Status, e.Actor, e.Note, e.At }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.NominationId == id).OrderBy(a => a.UploadedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var holds = await db.EligibilityHolds.AsNoTracking().Where(h => h.NominationId == id).OrderBy(h => h.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var objections = await db.Objections.AsNoTracking().Where(o => o.NominationId == id).OrderBy(o => o.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var submissions = await db.ProvinceSubmissions.AsNoTracking().Where(s => s.NominationId == id).OrderBy(s => s.SentAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var prefix = "nomination:" + id + ":";
        var sessionKeys = await db.CouncilSessionItems.AsNoTracking().Where(i => i.NominationId == id).Select(i => "session:" + i.SessionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var documents = (await db.Decisions.AsNoTracking()
                .Where(d => d.SubjectKey == "nomination:" + id || d.SubjectKey.StartsWith(prefix) || sessionKeys.Contains(d.SubjectKey) || d.Id == n.DecisionId)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(d => d.SignedAt)
            .Select(d => new DocumentLink(d.Kind, d.Kind switch { "Award" => "Quyết định khen thưởng", "ProvinceSubmission" => "Tờ trình cấp trên", _ => "Biên bản họp Hội đồng" },
                d.DocumentNumber, $"/api/decisions/{d.Id}/document"))
            .ToList();
        var missing = award.RequiredDocuments.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(d => attachments.All(a => a.DocumentType != d)).Select(d => DocumentTypes.Labels.GetValueOrDefault(d, d)).ToList();
        return new NominationDetail(
            View(n, award.Name, unitName, number),
            history.Select(h => new HistoryEntryView(h.Event, h.Status, h.Status is null ? null : NominationStatuses.Labels.GetValueOrDefault(h.Status), h.Actor, h.Note, h.At)).ToList(),
            attachments.Select(a => new AttachmentView(a.Id, a.DocumentType, DocumentTypes.Labels.GetValueOrDefault(a.DocumentType), a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt)).ToList(),
            holds.Select(h => new HoldView(h.Reason, h.Note, h.PlacedBy, h.PlacedAt, h.ReleasedBy, h.ReleasedAt)).ToList(),
            objections.Select(o => new ObjectionView(o.Text, o.From, o.At, actor.Is(Roles.Administrator) ? o.Address : null)).ToList(),
            submissions.Select(s => new ProvinceSubmissionView(s.LetterNumber, s.SentAt, s.ExpectedBy, s.Outcome, s.ProvinceDecisionNumber, s.ProvinceDecidedOn, s.Note,
                s.Id, s.Package is null ? null : $"/api/nominations/{Uri.EscapeDataString(n.Id)}/province-package/{Uri.EscapeDataString(s.Id)}")).ToList(),
            missing,
            documents);
    }

    /// <summary>The workflow instance a nomination travels on (for its diagram); null before it is submitted.</summary>
    public async Task<string?> WorkflowInstanceIdAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Nominations.AsNoTracking().Where(n => n.Id == id).Select(n => n.WorkflowInstanceId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nominations in public posting (công khai), oldest first, with the posting's last day.</summary>
    public async Task<IReadOnlyList<PostedNomination>> PostedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var posted = await db.Nominations.AsNoTracking().Where(n => n.Status == NominationStatuses.PublicPosting).OrderBy(n => n.UpdatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = posted.Select(n => n.Id).ToList();
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        // The posting's last day is in the note of the step that started it.
        var until = (await db.NominationEvents.AsNoTracking().Where(e => ids.Contains(e.NominationId) && e.Status == NominationStatuses.PublicPosting)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.NominationId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).Last().Note);
        return posted.Select(n => new PostedNomination(n.Id, n.NomineeName, awards.GetValueOrDefault(n.AwardCode, n.AwardCode), n.Year,
            units.GetValueOrDefault(n.UnitId, n.UnitId), n.AchievementSummary, until.GetValueOrDefault(n.Id))).ToList();
    }

    /// <summary>The council's seats, by position then name.</summary>
    public async Task<IReadOnlyList<CouncilSeat>> SeatsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.CouncilSeats.AsNoTracking().OrderBy(s => s.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest council sessions, newest first.</summary>
    public async Task<IReadOnlyList<SessionRow>> SessionsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.CouncilSessions.AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(limit)
            .Select(s => new SessionRow(s.Id, s.Title, s.ScheduledAt, s.Status, s.MinutesNumber, s.Items.Count)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The items of a session the user has already voted on (a receipt, never the choice).</summary>
    public async Task<IReadOnlySet<string>> VotedAsync(string sessionId, string userName, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return (await db.BallotReceipts.AsNoTracking().Where(r => r.SessionId == sessionId && r.UserName == userName).Select(r => r.NominationId)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
    }

    /// <summary>The numbered minutes of a closed session, if any.</summary>
    public async Task<string?> MinutesIdAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Decisions.AsNoTracking().Where(d => d.Kind == "Minutes" && d.SubjectKey == "session:" + sessionId).Select(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>People as pages show them: "Full name — council position" (or their display name), by login id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PeopleNamesAsync(IEnumerable<string> userNames, CancellationToken cancellationToken = default)
    {
        var names = userNames.Distinct().ToList();
        await using var db = contexts.Create();
        var users = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName)).ToDictionaryAsync(u => u.UserName, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        var seats = await db.CouncilSeats.AsNoTracking().Where(s => names.Contains(s.UserName)).ToDictionaryAsync(s => s.UserName, s => s.Position, cancellationToken).ConfigureAwait(false);
        return names.ToDictionary(n => n, n => seats.TryGetValue(n, out var position) ? $"{users.GetValueOrDefault(n, n)} — {position}" : users.GetValueOrDefault(n, n));
    }

    /// <summary>A session: agenda, attendance, who has voted (never how); counts and results only once it is closed.</summary>
    public async Task<SessionView?> SessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var s = await db.CouncilSessions.AsNoTracking().Include(x => x.Members).Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == sessionId, cancellationToken).ConfigureAwait(false);
        if (s is null) return null;
        var ids = s.Items.Select(i => i.NominationId).ToList();
        var nominations = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var receipts = await db.BallotReceipts.AsNoTracking().Where(r => r.SessionId == sessionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var voted = receipts.GroupBy(r => r.NominationId).ToDictionary(g => g.Key, g => g.Count());
        var closed = s.Status == nameof(CouncilSessionStatus.Closed);
        return new SessionView(
            s.Id, s.Title, s.ScheduledAt, s.Status, s.Secret, s.MemberCount, s.MinutesNumber, s.ClosedAt,
            s.Members.OrderBy(m => m.UserName).Select(m => new SessionMemberView(m.UserName, m.Attendance)).ToList(),
            s.Items.Select(i =>
            {
                var nomination = nominations.GetValueOrDefault(i.NominationId);
                return new SessionItemView(
                    i.NominationId,
                    nomination?.NomineeName,
                    nomination?.AwardCode,
                    nomination is null ? null : awards.GetValueOrDefault(nomination.AwardCode),
                    Lines(nomination?.EligibilityIssues),
                    i.VoteRule.ToString(),
                    i.ThresholdPercent,
                    voted.GetValueOrDefault(i.NominationId),
                    closed ? i.Approve : null,
                    closed ? i.Reject : null,
                    closed && s.MemberCount > 0 ? Math.Round(i.Approve * 100m / s.MemberCount, 2) : null,
                    closed ? i.Result : "Pending",
                    // An open vote shows who chose what once counted; a secret ballot never can.
                    closed && !s.Secret
                        ? receipts.Where(r => r.NominationId == i.NominationId).OrderBy(r => r.UserName).Select(r => new VoteView(r.UserName, r.Choice, r.Channel)).ToList()
                        : null,
                    nomination is null ? null : units.GetValueOrDefault(nomination.UnitId, nomination.UnitId));
            }).ToList());
    }

    private NominationView View(Nomination n, string awardName, string unitName, string? decisionNumber) => new(
        n.Id, n.Year, n.UnitId, unitName, n.NomineeKind.ToString(), n.NomineeName, n.PersonId, n.NomineeUnitId, n.AwardCode, awardName, n.CommendationType.ToString(),
        n.Status, NominationStatuses.Labels.GetValueOrDefault(n.Status, n.Status), n.AchievementSummary, n.PerformanceRating?.ToString(), n.InitiativeRecognized,
        n.AdvancedWorkerPercent, Lines(n.EligibilityIssues), n.SupplementRequests, n.SubmittedAt, n.CompleteAt, n.DueAt,
        n.DueAt is { } due ? calendar.LocalDate(due).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : null,
        n.WorkflowDefinitionId, decisionNumber, n.CreatedAt);

    private static string[] Lines(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split('\n');
}
