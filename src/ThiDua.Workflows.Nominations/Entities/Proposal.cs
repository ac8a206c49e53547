namespace ThiDua.Workflows.Nominations.Entities;

/// <summary>Where a unit's list proposal (văn bản đề nghị with its danh sách) stands.</summary>
public enum ProposalStatus
{
    Draft,
    Submitted,
    AwaitingCouncil,
    AwaitingDecision,
    Decided,
    Closed,
}

/// <summary>
/// A unit's văn bản đề nghị with its danh sách: many nominees (people, collectives, households) on one letter,
/// reviewed nominee by nominee, voted on one ballot sheet, decided in one decision with the annexed list. Each nominee
/// is a <see cref="Nomination"/> with <see cref="Nomination.ProposalId"/>; the proposal has the one workflow.
/// </summary>
public sealed class Proposal
{
    public required string Id { get; set; }

    public required string UnitId { get; set; }

    public int Year { get; set; }

    public required string Title { get; set; }

    /// <summary>The unit's own number of its letter (e.g. "15/TTr-TDP1"), when it has one.</summary>
    public string? LetterNumber { get; set; }

    /// <summary>When the list was posted at the unit (niêm yết tại thôn), for awards posted there before the dossier.</summary>
    public DateOnly? PostedFrom { get; set; }

    public DateOnly? PostedTo { get; set; }

    public string Status { get; set; } = nameof(ProposalStatus.Draft);

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? DecisionId { get; set; }
}

/// <summary>The proposal's transition table and labels: one authority on its moves.</summary>
public static class ProposalStateMachine
{
    private static readonly Dictionary<ProposalStatus, ProposalStatus[]> Table = new()
    {
        [ProposalStatus.Draft] = [ProposalStatus.Submitted],
        [ProposalStatus.Submitted] = [ProposalStatus.AwaitingCouncil, ProposalStatus.AwaitingDecision, ProposalStatus.Closed],
        [ProposalStatus.AwaitingCouncil] = [ProposalStatus.AwaitingDecision, ProposalStatus.Closed],
        [ProposalStatus.AwaitingDecision] = [ProposalStatus.Decided, ProposalStatus.Closed],
        [ProposalStatus.Decided] = [],
        [ProposalStatus.Closed] = [],
    };

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(ProposalStatus.Draft)] = "Dự thảo",
        [nameof(ProposalStatus.Submitted)] = "Phòng Văn hóa - Xã hội đang xét danh sách",
        [nameof(ProposalStatus.AwaitingCouncil)] = "Chờ Hội đồng xét",
        [nameof(ProposalStatus.AwaitingDecision)] = "Chờ Chủ tịch UBND xã quyết định",
        [nameof(ProposalStatus.Decided)] = "Đã có quyết định khen thưởng",
        [nameof(ProposalStatus.Closed)] = "Đã đóng (không còn đối tượng được đề nghị)",
    };

    public static ProposalStatus Parse(string code) =>
        Enum.TryParse<ProposalStatus>(code, out var status) ? status : throw new InvalidOperationException($"'{code}' is not a proposal status.");

    public static bool CanMove(string from, string to) => Table[Parse(from)].Contains(Parse(to));

    public static void EnsureCanMove(string from, string to)
    {
        if (!CanMove(from, to)) throw new InvalidOperationException($"A proposal cannot move from {from} to {to}.");
    }
}
