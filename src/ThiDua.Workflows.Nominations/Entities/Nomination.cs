namespace ThiDua.Workflows.Nominations.Entities;

public enum NomineeKind
{
    Individual,
    Collective,
    Household,
}

/// <summary>Law Art.8: the type of commendation.</summary>
public enum CommendationType
{
    /// <summary>Công trạng (regular merit).</summary>
    Merit,

    /// <summary>Đột xuất (sudden achievement; simplified procedure, Law Art.85).</summary>
    Sudden,

    /// <summary>Phong trào thi đua / chuyên đề.</summary>
    Thematic,

    /// <summary>Quá trình cống hiến.</summary>
    LongService,

    /// <summary>Niên hạn (armed forces).</summary>
    Seniority,

    /// <summary>Đối ngoại.</summary>
    Foreign,
}

/// <summary>Year-end performance rating (xếp loại chất lượng).</summary>
public enum PerformanceRating
{
    Excellent,
    Good,
    Completed,
    NotCompleted,
}

/// <summary>The stored codes of <see cref="NominationStatus"/> (its names), with the label people see.</summary>
public static class NominationStatuses
{
    public const string Draft = nameof(NominationStatus.Draft);
    public const string Submitted = nameof(NominationStatus.Submitted);
    public const string ReturnedForSupplement = nameof(NominationStatus.ReturnedForSupplement);
    public const string Received = nameof(NominationStatus.Received);
    public const string OnHold = nameof(NominationStatus.OnHold);
    public const string Eligible = nameof(NominationStatus.Eligible);
    public const string Ineligible = nameof(NominationStatus.Ineligible);
    public const string PublicPosting = nameof(NominationStatus.PublicPosting);
    public const string AwaitingCouncil = nameof(NominationStatus.AwaitingCouncil);
    public const string CouncilApproved = nameof(NominationStatus.CouncilApproved);
    public const string CouncilRejected = nameof(NominationStatus.CouncilRejected);
    public const string AwaitingDecision = nameof(NominationStatus.AwaitingDecision);
    public const string Decided = nameof(NominationStatus.Decided);
    public const string Rejected = nameof(NominationStatus.Rejected);
    public const string ForwardedToProvince = nameof(NominationStatus.ForwardedToProvince);
    public const string ProvinceReturned = nameof(NominationStatus.ProvinceReturned);
    public const string ProvinceDecided = nameof(NominationStatus.ProvinceDecided);
    public const string Closed = nameof(NominationStatus.Closed);

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Draft] = "Dự thảo",
        [Submitted] = "Chờ tiếp nhận",
        [ReturnedForSupplement] = "Bị trả lại để bổ sung",
        [Received] = "Đã tiếp nhận",
        [OnHold] = "Tạm dừng xét",
        [Eligible] = "Đủ điều kiện",
        [Ineligible] = "Không đủ điều kiện",
        [PublicPosting] = "Đang công khai",
        [AwaitingCouncil] = "Chờ Hội đồng xét",
        [CouncilApproved] = "Hội đồng đã xét, đề nghị khen thưởng",
        [CouncilRejected] = "Hội đồng không đề nghị",
        [AwaitingDecision] = "Chờ xét khen thưởng",
        [Decided] = "Đã khen thưởng",
        [Rejected] = "Không khen thưởng",
        [ForwardedToProvince] = "Đã trình cấp trên",
        [ProvinceReturned] = "Cấp trên trả lại",
        [ProvinceDecided] = "Cấp trên đã khen thưởng",
        [Closed] = "Đã đóng",
    };

    public static bool IsKnown(string status) => Labels.ContainsKey(status);
}

/// <summary>A proposal for one award for one nominee (individual, collective or household).</summary>
public sealed class Nomination
{
    public required string Id { get; set; }

    /// <summary>The list proposal this nominee is on (its path is the proposal's), or none for a single nomination.</summary>
    public string? ProposalId { get; set; }

    public int Year { get; set; }

    public string? CampaignId { get; set; }

    /// <summary>The unit that proposes.</summary>
    public required string UnitId { get; set; }

    public NomineeKind NomineeKind { get; set; }

    public long? PersonId { get; set; }

    /// <summary>The collective nominated (may differ from the proposing unit).</summary>
    public string? NomineeUnitId { get; set; }

    public string? HouseholdName { get; set; }

    /// <summary>The nominee's name as people read it (copied for lists and mail).</summary>
    public required string NomineeName { get; set; }

    public required string AwardCode { get; set; }

    public CommendationType CommendationType { get; set; }

    public required string AchievementSummary { get; set; }

    public PerformanceRating? PerformanceRating { get; set; }

    /// <summary>A sáng kiến, đề tài or project recognised at base level (CSTĐCS, Law Art.23).</summary>
    public bool InitiativeRecognized { get; set; }

    /// <summary>For a collective: the share of its members who are LĐTT (TTLĐTT needs ≥70%).</summary>
    public int? AdvancedWorkerPercent { get; set; }

    public required string Status { get; set; }

    /// <summary>Reasons the nomination may not meet the standards, one per line (shown before appraisal and vote).</summary>
    public string? EligibilityIssues { get; set; }

    public int SupplementRequests { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>When the dossier was complete: the legal clock starts here.</summary>
    public DateTimeOffset? CompleteAt { get; set; }

    /// <summary>The legal time limit (working days from <see cref="CompleteAt"/>).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>
    /// Set while the office holds the nomination at a step other than appraisal (NĐ 152 Art.4): nothing moves it on,
    /// and on release the legal due date moves by the working days it was held. A hold during appraisal is the
    /// <see cref="NominationStatuses.OnHold"/> status instead.
    /// </summary>
    public DateTimeOffset? HeldSince { get; set; }

    public string? WorkflowDefinitionId { get; set; }

    public string? WorkflowInstanceId { get; set; }

    public string? DecisionId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One line of a nomination's history: who did what, when, and the status it left.</summary>
public sealed class NominationEvent
{
    public long Id { get; set; }

    public required string NominationId { get; set; }

    public required string Event { get; set; }

    public string? Status { get; set; }

    public string? Actor { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The workflow outbox message that caused it: a repeated message changes nothing.</summary>
    public string? SourceMessageId { get; set; }
}

/// <summary>ND 152 Art.4: discipline, inspection, complaint or investigation pending — the nomination waits.</summary>
public sealed class EligibilityHold
{
    public long Id { get; set; }

    public required string NominationId { get; set; }

    public required string Reason { get; set; }

    public string? Note { get; set; }

    public string? PlacedBy { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public string? ReleasedBy { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }
}

/// <summary>A comment received while the list is posted publicly (lấy ý kiến).</summary>
public sealed class Objection
{
    public long Id { get; set; }

    public required string NominationId { get; set; }

    public required string Text { get; set; }

    public string? From { get; set; }

    /// <summary>The sender's network address: kept against abuse, shown to administrators only.</summary>
    public string? Address { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A dossier document; its bytes are in <see cref="AttachmentContent"/> so lists stay light.</summary>
public sealed class Attachment
{
    public required string Id { get; set; }

    public required string NominationId { get; set; }

    public required string DocumentType { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

public sealed class AttachmentContent
{
    public required string AttachmentId { get; set; }

    public required byte[] Content { get; set; }
}

/// <summary>An award given (the register per person, collective or household): drives chain and eligibility rules.</summary>
public sealed class Commendation
{
    /// <summary>The register entry for a nomination that was awarded (by the commune or above).</summary>
    public static Commendation For(Nomination nomination, string decisionNumber, DateOnly decidedOn, string issuer, long? prizeMoney)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        return new Commendation
        {
            NominationId = nomination.Id,
            PersonId = nomination.PersonId,
            UnitId = nomination.NomineeKind == NomineeKind.Collective ? nomination.NomineeUnitId ?? nomination.UnitId : null,
            HouseholdName = nomination.HouseholdName,
            NomineeName = nomination.NomineeName,
            AwardCode = nomination.AwardCode,
            Year = nomination.Year,
            DecisionNumber = decisionNumber,
            DecidedOn = decidedOn,
            Issuer = issuer,
            PrizeMoney = prizeMoney,
            CommendationType = nomination.CommendationType,
        };
    }

    /// <summary>
    /// What NĐ 152 Art.4 lets count toward the chains of higher awards (two CSTĐCS for a Bằng khen, a Bằng khen for
    /// the Prime Minister's…): regular merit only, never a sudden (đột xuất) or thematic (chuyên đề) award.
    /// </summary>
    public bool CountsTowardChains => CommendationType is null or Entities.CommendationType.Merit;

    /// <summary>Law Art.8: the type of the award (null in entries recorded before the type was kept: regular merit).</summary>
    public CommendationType? CommendationType { get; set; }

    public long Id { get; set; }

    public string? NominationId { get; set; }

    public long? PersonId { get; set; }

    public string? UnitId { get; set; }

    public string? HouseholdName { get; set; }

    public required string NomineeName { get; set; }

    public required string AwardCode { get; set; }

    public int Year { get; set; }

    public required string DecisionNumber { get; set; }

    public DateOnly DecidedOn { get; set; }

    /// <summary>Chủ tịch UBND xã, Chủ tịch UBND tỉnh, Thủ tướng Chính phủ...</summary>
    public required string Issuer { get; set; }

    public long? PrizeMoney { get; set; }

    // Stage A7: after the decision the certificate is handed over and the prize money paid; the office records both.

    /// <summary>The day the certificate (Giấy khen, Bằng khen…) was handed over.</summary>
    public DateOnly? CertificateHandedOverOn { get; set; }

    /// <summary>Who received it (the person, a representative of the collective or household).</summary>
    public string? CertificateReceivedBy { get; set; }

    public string? CertificateRecordedBy { get; set; }

    public DateOnly? PrizePaidOn { get; set; }

    public long? PrizePaidAmount { get; set; }

    /// <summary>The fund it was paid from (Quỹ thi đua, khen thưởng of the commune or of the unit).</summary>
    public string? PrizeFund { get; set; }

    /// <summary>The payment voucher (phiếu chi) number.</summary>
    public string? PrizeVoucher { get; set; }

    /// <summary>Who paid it (the commune's cashier or accountant, as written on the voucher).</summary>
    public string? PrizePaidBy { get; set; }

    public string? PrizeRecordedBy { get; set; }
}
