using System.Text.Json.Nodes;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Tests;

/// <summary>The nomination and council session state machines: the table, what it permits, and its drawing in the docs.</summary>
public sealed class StateMachineTests
{
    // The status each activity of the nomination paths sets (SetStatus says it in its input).
    private static readonly Dictionary<string, string> StatusOfActivity = new()
    {
        ["Elsa.Start"] = "Submitted",
        ["ThiDua.Nominations.AcceptDossier"] = "Received",
        ["ThiDua.Nominations.RequestSupplement"] = "ReturnedForSupplement",
        ["ThiDua.Nominations.EligibilityHold"] = "OnHold",
        ["ThiDua.Nominations.PublicPosting"] = "PublicPosting",
        ["ThiDua.Nominations.CouncilVote"] = "AwaitingCouncil",
        ["ThiDua.Nominations.IssueDecision"] = "Decided",
        ["ThiDua.Nominations.SubmitToProvince"] = "ForwardedToProvince",
    };

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "ThiDua.Workflows.sln"))) dir = dir.Parent;
        return dir.FullName;
    }

    public static TheoryData<string> NominationPaths => new(Directory.GetFiles(Path.Combine(Root(), "workflows"), "nomination-*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(NominationPaths))]
    public void EveryStatusChangeAWorkflowCanMake_IsInTheTable(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Root(), "workflows", file)))!["root"]!;
        var activities = root["activities"]!.AsArray().ToDictionary(a => a!["id"]!.GetValue<string>(), a => a!);
        var next = root["connections"]!.AsArray().GroupBy(c => c!["source"]!["activity"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Select(c => c!["target"]!["activity"]!.GetValue<string>()).ToList());
        string? StatusOf(JsonNode a) => a["type"]!.GetValue<string>() == "ThiDua.Nominations.SetStatus"
            ? a["status"]!["expression"]!["value"]!.GetValue<string>()
            : StatusOfActivity.GetValueOrDefault(a["type"]!.GetValue<string>());

        var moves = new List<(string, string)>();
        foreach (var (id, activity) in activities)
        {
            if (StatusOf(activity) is not { } from) continue;
            // Follow the connections until the next step that sets a status.
            var seen = new HashSet<string>();
            var stack = new Stack<string>(next.GetValueOrDefault(id) ?? []);
            while (stack.TryPop(out var target))
            {
                if (!seen.Add(target)) continue;
                if (StatusOf(activities[target]) is { } to) moves.Add((from, to));
                else foreach (var after in next.GetValueOrDefault(target) ?? []) stack.Push(after);
            }
        }

        // The hold step sets OnHold when it starts and Received again when the office releases it.
        if (activities.Values.Any(a => a!["type"]!.GetValue<string>() == "ThiDua.Nominations.EligibilityHold")) moves.Add(("OnHold", "Received"));
        Assert.NotEmpty(moves);
        Assert.All(moves, m => Assert.True(
            NominationStateMachine.CanMove(NominationStateMachine.Parse(m.Item1), NominationStateMachine.Parse(m.Item2)),
            $"{file} can move a nomination from {m.Item1} to {m.Item2}, which the transition table does not allow"));
    }

    [Fact]
    public void AnInvalidMove_ThrowsOneException_NamingBothStatuses()
    {
        var error = Assert.Throws<InvalidStatusTransitionException>(() => NominationStateMachine.EnsureCanMove("Decided", "Draft"));
        Assert.Equal(NominationStatus.Decided, error.From);
        Assert.Equal(NominationStatus.Draft, error.To);
        Assert.Throws<InvalidStatusTransitionException>(() => NominationStateMachine.EnsureCanMove("Draft", "Decided"));
        Assert.Throws<ArgumentException>(() => NominationStateMachine.EnsureCanMove("Draft", "Whatever"));
        NominationStateMachine.EnsureCanMove("AwaitingDecision", "Decided");
        NominationStateMachine.EnsureCanMove("OnHold", "OnHold"); // a repeated step stays where it is
        Assert.False(CouncilSessionStateMachine.CanMove(CouncilSessionStatus.Closed, CouncilSessionStatus.Open));
        Assert.False(CouncilSessionStateMachine.CanMove(CouncilSessionStatus.Counting, CouncilSessionStatus.Open));
    }

    [Fact]
    public void EveryStatusHasARowAndALabel_AndEveryStatusIsReachableFromDraft()
    {
        var reached = new HashSet<NominationStatus> { NominationStatus.Draft };
        var frontier = new Queue<NominationStatus>(reached);
        while (frontier.TryDequeue(out var s))
            foreach (var (_, to) in NominationStateMachine.Transitions.Where(t => t.From == s))
                if (reached.Add(to)) frontier.Enqueue(to);
        Assert.Equal(Enum.GetValues<NominationStatus>().Order(), reached.Order());
        Assert.All(Enum.GetValues<NominationStatus>(), s => Assert.True(NominationStatuses.Labels.ContainsKey(s.ToString()), $"{s} has no label"));
    }

    [Theory]
    [InlineData("Draft", "thon-1", "thon-1", false, new[] { NominationAction.AddDocuments, NominationAction.Submit })]
    [InlineData("Draft", "thon-1", "thon-2", false, new NominationAction[0])]
    [InlineData("Submitted", "thon-1", "thon-1", false, new[] { NominationAction.AddDocuments })]
    [InlineData("ReturnedForSupplement", "thon-1", "thon-1", false, new[] { NominationAction.AddDocuments, NominationAction.Submit })]
    [InlineData("Received", "thon-1", "thon-1", false, new NominationAction[0])]
    [InlineData("Received", "thon-1", null, true, new[] { NominationAction.AddDocuments, NominationAction.PlaceHold })]
    [InlineData("OnHold", "thon-1", null, true, new[] { NominationAction.AddDocuments, NominationAction.ReleaseHold })]
    [InlineData("ForwardedToProvince", "thon-1", null, true, new[] { NominationAction.AddDocuments, NominationAction.RecordProvinceOutcome })]
    [InlineData("Decided", "thon-1", null, true, new NominationAction[0])]
    public void PermittedActions_FollowTheStatusAndWhoAsks(string status, string unit, string? actorUnit, bool office, NominationAction[] expected) =>
        Assert.Equal(expected.Order(), NominationStateMachine.PermittedActions(status, unit, actorUnit, office).Order());

    [Fact]
    public void TheDocsDrawTheTables_AndAreRewrittenWhenStale()
    {
        var path = Path.Combine(Root(), "docs", "nomination-status.md");
        var expected = $"""
            # Nomination and council session statuses

            Generated from `NominationStateMachine` and `CouncilSessionStateMachine` by `StateMachineTests` (the test
            rewrites this file and fails when it is stale). Labels people see are in `NominationStatuses.Labels`.

            ## Nomination

            ```mermaid
            {NominationStateMachine.ToMermaid().TrimEnd()}
            ```

            | status | label | may move to |
            |---|---|---|
            {string.Join("\n", Enum.GetValues<NominationStatus>().Select(s => $"| {s} | {NominationStatuses.Labels[s.ToString()]} | {string.Join(", ", NominationStateMachine.Transitions.Where(t => t.From == s).Select(t => t.To))} |"))}

            ## Council session

            ```mermaid
            {CouncilSessionStateMachine.ToMermaid().TrimEnd()}
            ```

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
        var actual = File.Exists(path) ? File.ReadAllText(path) : "";
        if (actual == expected) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, expected);
        Assert.Fail($"{path} was stale and has been rewritten; commit it.");
    }
}

/// <summary>Dates in documents as Nghị định 30/2020 writes them.</summary>
public sealed class Nd30DateTests
{
    [Theory]
    [InlineData(2026, 5, 5, "ngày 05 tháng 5 năm 2026")]
    [InlineData(2026, 12, 15, "ngày 15 tháng 12 năm 2026")]
    [InlineData(2027, 2, 1, "ngày 01 tháng 02 năm 2027")]
    [InlineData(2027, 1, 20, "ngày 20 tháng 01 năm 2027")]
    [InlineData(2026, 10, 9, "ngày 09 tháng 10 năm 2026")]
    public void TheDayIsPaddedBelowTen_TheMonthOnlyForJanuaryAndFebruary(int year, int month, int day, string expected) =>
        Assert.Equal(expected, ThiDua.Workflows.Nominations.Documents.DocumentService.Nd30Date(new DateOnly(year, month, day)));
}
