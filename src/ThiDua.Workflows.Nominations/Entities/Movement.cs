namespace ThiDua.Workflows.Nominations.Entities;

/// <summary>One content of a movement (the seed's section II): what units act and report on.</summary>
public sealed class CampaignContent
{
    public long Id { get; set; }

    public required string CampaignId { get; set; }

    public int Order { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }
}

/// <summary>A criterion of a movement for one group of participants (the seed's section III.1, groups a–d).</summary>
public sealed class CampaignCriterion
{
    public long Id { get; set; }

    public required string CampaignId { get; set; }

    /// <summary>a) agencies and units, b) the Front and mass organisations, c) enterprises, cooperatives, household businesses, d) people.</summary>
    public required string Group { get; set; }

    public int Order { get; set; }

    public required string Text { get; set; }
}

/// <summary>A unit's report on the movement for a year: what it did on each content, with an optional file; the office accepts or returns it.</summary>
public sealed class UnitReport
{
    public required string Id { get; set; }

    public required string CampaignId { get; set; }

    public required string UnitId { get; set; }

    public int Year { get; set; }

    /// <summary>Submitted, Accepted or Returned (<see cref="UnitReportStatuses"/>).</summary>
    public string Status { get; set; } = UnitReportStatuses.Submitted;

    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewNote { get; set; }

    public string? FileName { get; set; }

    public string? FileContentType { get; set; }

    public byte[]? FileContent { get; set; }

    public List<UnitReportItem> Items { get; set; } = [];
}

/// <summary>What a unit reports on one content.</summary>
public sealed class UnitReportItem
{
    public long Id { get; set; }

    public required string ReportId { get; set; }

    public long ContentId { get; set; }

    public required string Text { get; set; }
}

/// <summary>A unit report's states and the moves between them: submitted → accepted, or returned → submitted again.</summary>
public static class UnitReportStatuses
{
    public const string Submitted = "Submitted";
    public const string Accepted = "Accepted";
    public const string Returned = "Returned";

    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        [Submitted] = [Accepted, Returned, Submitted],
        [Returned] = [Submitted],
        [Accepted] = [],
    };

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Submitted] = "Đã gửi, chờ xem xét",
        [Accepted] = "Đã tiếp nhận",
        [Returned] = "Trả lại để bổ sung",
    };

    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var targets) && targets.Contains(to, StringComparer.Ordinal);
}

/// <summary>
/// A unit's implementation plan as it sent it (a file): every sending is kept, the latest is the one the office reviews
/// (accept, or return with what to change) in the plan's workflow.
/// </summary>
public sealed class UnitPlan
{
    public required string Id { get; set; }

    public required string UnitId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
}
