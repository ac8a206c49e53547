namespace ThiDua.Workflows.Nominations.Entities;

/// <summary>Where a nomination stands (domain-rules.md §4.3). The names are the codes stored in the database.</summary>
public enum NominationStatus
{
    Draft,
    Submitted,
    ReturnedForSupplement,
    Received,
    OnHold,
    Eligible,
    Ineligible,
    PublicPosting,
    AwaitingCouncil,
    CouncilApproved,
    CouncilRejected,
    AwaitingDecision,
    Decided,
    Rejected,
    ForwardedToProvince,
    ProvinceReturned,
    ProvinceDecided,
    Closed,
}

/// <summary>What a person can do to a nomination from a page or the API.</summary>
public enum NominationAction
{
    AddDocuments,
    Submit,
    PlaceHold,
    ReleaseHold,
    RecordProvinceOutcome,
}

/// <summary>A move the transition table does not allow.</summary>
public sealed class InvalidStatusTransitionException(NominationStatus from, NominationStatus to)
    : InvalidOperationException($"A nomination cannot move from {from} to {to}.")
{
    public NominationStatus From { get; } = from;

    public NominationStatus To { get; } = to;
}

/// <summary>
/// The nomination's life as a state machine: one transition table for the workflows' steps and the domain's own
/// commands, and the actions each status permits. Pages show only permitted buttons; commands refuse the rest.
/// A test checks that every status change the workflow files can make is in the table, and that
/// docs/nomination-status.md is the table drawn.
/// </summary>
public static class NominationStateMachine
{
    private static readonly Dictionary<NominationStatus, NominationStatus[]> Table = new()
    {
        [NominationStatus.Draft] = [NominationStatus.Submitted],
        [NominationStatus.Submitted] = [NominationStatus.Received, NominationStatus.ReturnedForSupplement, NominationStatus.Rejected],
        [NominationStatus.ReturnedForSupplement] = [NominationStatus.Submitted, NominationStatus.Received, NominationStatus.Rejected],
        [NominationStatus.Received] = [NominationStatus.Eligible, NominationStatus.Ineligible, NominationStatus.OnHold, NominationStatus.AwaitingDecision],
        // Released from a hold, the nomination goes back to appraisal (Received).
        [NominationStatus.OnHold] = [NominationStatus.Received, NominationStatus.Eligible, NominationStatus.Ineligible],
        [NominationStatus.Eligible] = [NominationStatus.PublicPosting, NominationStatus.AwaitingCouncil, NominationStatus.AwaitingDecision],
        [NominationStatus.PublicPosting] = [NominationStatus.AwaitingCouncil, NominationStatus.AwaitingDecision, NominationStatus.Rejected],
        [NominationStatus.AwaitingCouncil] = [NominationStatus.CouncilApproved, NominationStatus.AwaitingDecision, NominationStatus.CouncilRejected],
        // Awards posted after the vote (Thôn văn hóa) go to posting from here.
        [NominationStatus.CouncilApproved] = [NominationStatus.AwaitingDecision, NominationStatus.PublicPosting],
        [NominationStatus.AwaitingDecision] = [NominationStatus.Decided, NominationStatus.Rejected, NominationStatus.ForwardedToProvince],
        [NominationStatus.ForwardedToProvince] = [NominationStatus.ProvinceDecided, NominationStatus.ProvinceReturned],
        [NominationStatus.ProvinceReturned] = [NominationStatus.AwaitingDecision, NominationStatus.ForwardedToProvince, NominationStatus.Closed],
        [NominationStatus.Ineligible] = [],
        [NominationStatus.CouncilRejected] = [],
        [NominationStatus.Decided] = [],
        [NominationStatus.Rejected] = [],
        [NominationStatus.ProvinceDecided] = [],
        [NominationStatus.Closed] = [],
    };

    /// <summary>Every allowed move, in the table's order.</summary>
    public static IEnumerable<(NominationStatus From, NominationStatus To)> Transitions =>
        Table.SelectMany(row => row.Value.Select(to => (row.Key, to)));

    public static NominationStatus Parse(string code) =>
        Enum.TryParse<NominationStatus>(code, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status : throw new ArgumentException($"Unknown nomination status '{code}'.", nameof(code));

    /// <summary>True for an allowed move; staying where it is (a repeated step) is always allowed.</summary>
    public static bool CanMove(NominationStatus from, NominationStatus to) => from == to || Table[from].Contains(to);

    /// <summary>Throws <see cref="InvalidStatusTransitionException"/> unless the move is allowed.</summary>
    public static void EnsureCanMove(string from, string to)
    {
        var (a, b) = (Parse(from), Parse(to));
        if (!CanMove(a, b)) throw new InvalidStatusTransitionException(a, b);
    }

    /// <summary>No move leaves a final status.</summary>
    public static bool IsFinal(NominationStatus status) => Table[status].Length == 0;

    /// <summary>A hold may be placed at any step after the unit sends the dossier and before the decision (NĐ 152 Art.4).</summary>
    public static bool CanHoldAt(NominationStatus status) => status is NominationStatus.Submitted or NominationStatus.Received or NominationStatus.Eligible
        or NominationStatus.PublicPosting or NominationStatus.AwaitingCouncil or NominationStatus.CouncilApproved or NominationStatus.AwaitingDecision;

    /// <summary>
    /// The actions a person may take on a nomination now: the unit (or the office) on its dossier before appraisal,
    /// the office on holds during appraisal and on the province's answer.
    /// </summary>
    public static IReadOnlySet<NominationAction> PermittedActions(string status, string nominationUnitId, string? actorUnitId, bool actorIsOffice, bool held = false)
    {
        var state = Parse(status);
        var owner = actorIsOffice || (actorUnitId is not null && actorUnitId == nominationUnitId);
        var actions = new HashSet<NominationAction>();
        // The unit completes its dossier until it is accepted; the office may file a paper at any step before the end.
        if ((owner && state is NominationStatus.Draft or NominationStatus.Submitted or NominationStatus.ReturnedForSupplement) || (actorIsOffice && !IsFinal(state)))
            actions.Add(NominationAction.AddDocuments);
        if (owner && state is NominationStatus.Draft or NominationStatus.ReturnedForSupplement) actions.Add(NominationAction.Submit);
        if (actorIsOffice && !held && CanHoldAt(state)) actions.Add(NominationAction.PlaceHold);
        if (actorIsOffice && (held || state == NominationStatus.OnHold)) actions.Add(NominationAction.ReleaseHold);
        if (actorIsOffice && state == NominationStatus.ForwardedToProvince) actions.Add(NominationAction.RecordProvinceOutcome);
        return actions;
    }

    /// <summary>The table as a Mermaid state diagram (docs/nomination-status.md).</summary>
    public static string ToMermaid()
    {
        var lines = new List<string> { "stateDiagram-v2", "    [*] --> Draft" };
        lines.AddRange(Transitions.Select(t => $"    {t.From} --> {t.To}"));
        lines.AddRange(Table.Keys.Where(IsFinal).Select(s => $"    {s} --> [*]"));
        return string.Join('\n', lines) + "\n";
    }
}

/// <summary>A council session's life: open for ballots, counting (claimed by one closer), closed with its minutes.</summary>
public enum CouncilSessionStatus
{
    Open,
    Counting,
    Closed,
}

public static class CouncilSessionStateMachine
{
    private static readonly Dictionary<CouncilSessionStatus, CouncilSessionStatus[]> Table = new()
    {
        [CouncilSessionStatus.Open] = [CouncilSessionStatus.Counting],
        // A count interrupted by a crash is finished at start-up: Counting goes on to Closed, never back to Open.
        [CouncilSessionStatus.Counting] = [CouncilSessionStatus.Closed],
        [CouncilSessionStatus.Closed] = [],
    };

    public static IEnumerable<(CouncilSessionStatus From, CouncilSessionStatus To)> Transitions =>
        Table.SelectMany(row => row.Value.Select(to => (row.Key, to)));

    public static bool CanMove(CouncilSessionStatus from, CouncilSessionStatus to) => Table[from].Contains(to);

    public static CouncilSessionStatus Parse(string code) =>
        Enum.TryParse<CouncilSessionStatus>(code, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status : throw new ArgumentException($"Unknown council session status '{code}'.", nameof(code));

    /// <summary>Ballots are taken only while the session is open; attendance too; closing starts the count.</summary>
    public static bool AcceptsBallots(string status) => Parse(status) == CouncilSessionStatus.Open;

    public static string ToMermaid()
    {
        var lines = new List<string> { "stateDiagram-v2", "    [*] --> Open" };
        lines.AddRange(Transitions.Select(t => $"    {t.From} --> {t.To}"));
        lines.Add("    Closed --> [*]");
        return string.Join('\n', lines) + "\n";
    }
}
