namespace ThiDua.Workflows.Nominations.Entities;

/// <summary>Emulation title (danh hiệu thi đua) or award form (hình thức khen thưởng).</summary>
public enum AwardCategory
{
    EmulationTitle,
    AwardForm,
}

/// <summary>Who decides: the commune chair, the province chair, the Prime Minister, the State President.</summary>
public enum AwardLevel
{
    Commune,
    Province,
    Central,
}

/// <summary>How the council votes on an award.</summary>
public enum VoteRule
{
    /// <summary>No council vote (e.g. Gia đình văn hóa: bình xét at the village meeting).</summary>
    None,

    /// <summary>More than half of all members approve.</summary>
    Majority,

    /// <summary>Secret ballot; at least <see cref="AwardKind.VoteThresholdPercent"/> of ALL members approve.</summary>
    Threshold,
}

/// <summary>
/// One entry of the award catalogue (danh mục khen thưởng), seeded from domain-rules.md §3.2; values marked
/// UNCONFIRMED there come from settings (<c>Workflows:Nominations:Catalog</c>).
/// </summary>
public sealed class AwardKind
{
    /// <summary>Short code, e.g. <c>CSTDCS</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public AwardCategory Category { get; set; }

    public AwardLevel Level { get; set; }

    /// <summary>Comma-separated nominee kinds it can go to: Individual, Collective, Household.</summary>
    public required string NomineeKinds { get; set; }

    public required string ProposedBy { get; set; }

    public required string DecidedBy { get; set; }

    public required string Standards { get; set; }

    /// <summary>Comma-separated <see cref="DocumentTypes"/> the dossier must contain.</summary>
    public required string RequiredDocuments { get; set; }

    /// <summary>Working days from a complete dossier to the decision (or the submission to the province).</summary>
    public int TimeLimitWorkingDays { get; set; }

    public VoteRule VoteRule { get; set; }

    public int? VoteThresholdPercent { get; set; }

    /// <summary>Days the list is posted publicly (công khai) before the council; 0 = no posting.</summary>
    public int PostingDays { get; set; }

    /// <summary>
    /// The list is posted at the proposing unit before its dossier is sent, not by the commune (Gia đình văn hóa: at the
    /// thôn, NĐ 86/2023); the unit records when, and the commune's own posting step is skipped.
    /// </summary>
    public bool PostingAtUnit { get; set; }

    /// <summary>The commune posts the list after its council has voted, not before (Thôn văn hóa, NĐ 86/2023).</summary>
    public bool PostingAfterCouncil { get; set; }

    /// <summary>Prize money as a multiple of the base salary (ND 152 Art.50–54).</summary>
    public decimal? PrizeMultipleIndividual { get; set; }

    public decimal? PrizeMultipleCollective { get; set; }

    /// <summary>Law basis and notes (what is UNCONFIRMED).</summary>
    public string? Basis { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>Dossier document types (glossary names).</summary>
public static class DocumentTypes
{
    public const string SubmissionLetter = "SubmissionLetter";
    public const string NomineeList = "NomineeList";
    public const string AchievementReport = "AchievementReport";
    public const string MeetingMinutes = "MeetingMinutes";
    public const string InitiativeCertificate = "InitiativeCertificate";
    public const string OpinionSurvey = "OpinionSurvey";
    public const string Other = "Other";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [SubmissionLetter] = "Tờ trình / văn bản đề nghị",
        [NomineeList] = "Danh sách trích ngang",
        [AchievementReport] = "Báo cáo thành tích",
        [MeetingMinutes] = "Biên bản họp bình xét",
        [InitiativeCertificate] = "Giấy chứng nhận sáng kiến / đề tài / kết quả xếp loại",
        [OpinionSurvey] = "Kết quả lấy ý kiến người dân",
        [Other] = "Tài liệu khác",
    };
}
