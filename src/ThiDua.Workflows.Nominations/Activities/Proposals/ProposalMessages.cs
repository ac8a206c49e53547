using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;

namespace ThiDua.Workflows.Nominations.Activities.Proposals;

/// <summary>Outbox kinds the proposal activities write; <c>ProposalMessageHandler</c> applies them after the burst commits.</summary>
public static class ProposalMessages
{
    public const string Advance = "proposal.advance";
    public const string Decide = "proposal.decide";
    public const string Notify = "proposal.notify";

    public static readonly IReadOnlyList<string> All = [Advance, Decide, Notify];

    /// <summary>The message every proposal activity writes: the proposal (the workflow's correlation id) and where it comes from.</summary>
    internal static JsonObject Of(ActivityContext context, params (string Key, JsonNode? Value)[] fields)
    {
        var message = new JsonObject
        {
            ["proposalId"] = context.CorrelationId ?? throw new InvalidOperationException("A proposal workflow is correlated with its proposal."),
            ["workflowInstanceId"] = context.WorkflowInstanceId,
            ["activity"] = context.Node.Id,
        };
        foreach (var (key, value) in fields) message[key] = value;
        return message;
    }
}

/// <summary>Stimuli the domain sends to a waiting proposal workflow (payload <c>{nomination: proposal id}</c>, as signals are addressed).</summary>
public static class ProposalStimuli
{
    public const string Routed = "ThiDua.Proposals.Routed";
    public const string CouncilDone = "ThiDua.Proposals.CouncilDone";
}
