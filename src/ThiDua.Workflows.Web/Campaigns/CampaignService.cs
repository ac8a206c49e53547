using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Web.Campaigns;

/// <summary>The state of one unit's implementation plan.</summary>
public sealed record PlanStatus(string UnitId, string UnitName, string InstanceId, string Status, bool Submitted);

/// <summary>
/// Starts the campaign workflows from data: one plan-deadline instance per unit (instance id <c>plan-{unit}</c>, so
/// starting twice changes nothing) and one review instance; records a unit's submission.
/// </summary>
public sealed class CampaignService(IWorkflowRuntime runtime, IWorkflowStore store, IDefinitionStore definitions, CampaignOptions campaign, NominationsContexts directory)
{
    public const string PlanDefinitionId = "campaign-implementation-plan";
    public const string ReviewsDefinitionId = "campaign-reviews";
    public const string PlanTaskId = "submitPlan";

    public static string PlanInstanceId(string unitId) => "plan-" + unitId;

    public async Task<IReadOnlyList<string>> StartPlanDeadlinesAsync(CancellationToken cancellationToken = default)
    {
        var definition = await definitions.FindPublishedAsync(PlanDefinitionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The workflow '{PlanDefinitionId}' is not published (is workflows/ loaded?).");
        var started = new List<string>();
        foreach (var unit in await UnitsAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = PlanInstanceId(unit.Id);
            if (await store.FindInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not null) continue;
            var input = new JsonObject { ["unitId"] = unit.Id, ["unitName"] = unit.Name, ["dueDate"] = campaign.PlanDueDate, ["campaign"] = campaign.Name };
            await runtime.StartAsync(definition, new StartOptions(input, InstanceId: id), cancellationToken).ConfigureAwait(false);
            started.Add(id);
        }

        return started;
    }

    public async Task<string?> StartReviewsAsync(CancellationToken cancellationToken = default)
    {
        const string id = "campaign-reviews";
        if (await store.FindInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not null) return null;
        var definition = await definitions.FindPublishedAsync(ReviewsDefinitionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The workflow '{ReviewsDefinitionId}' is not published (is workflows/ loaded?).");
        var input = new JsonObject
        {
            ["campaign"] = campaign.Name,
            ["interimReviewDate"] = campaign.InterimReviewDate,
            ["finalReviewDate"] = campaign.FinalReviewDate,
        };
        await runtime.StartAsync(definition, new StartOptions(input, InstanceId: id), cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Records that a unit submitted its plan; false when its task is not waiting (already submitted, unknown unit).</summary>
    public async Task<bool> SubmitPlanAsync(string unitId, string submittedBy, CancellationToken cancellationToken = default)
    {
        var results = await runtime.TriggerAsync(
            new Stimulus(UserTask.TypeName, UserTask.CompletionPayload(PlanTaskId)),
            new TriggerOptions(new JsonObject { ["action"] = "Submitted", ["by"] = submittedBy }, WorkflowInstanceId: PlanInstanceId(unitId)),
            cancellationToken).ConfigureAwait(false);
        return results.Any(r => r.Outcome == ResumeOutcome.Resumed);
    }

    public async Task<IReadOnlyList<PlanStatus>> PlanStatusesAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<PlanStatus>();
        foreach (var unit in await UnitsAsync(cancellationToken).ConfigureAwait(false))
        {
            var instance = await store.FindInstanceAsync(PlanInstanceId(unit.Id), cancellationToken).ConfigureAwait(false);
            if (instance is null) continue;
            list.Add(new PlanStatus(unit.Id, unit.Name, instance.Id, instance.Status.ToString(), instance.Status == WorkflowStatus.Finished));
        }

        return list;
    }

    /// <summary>Every active unit takes part (thôn, phòng, schools, enterprises, cooperatives, MTTQ and đoàn thể).</summary>
    private async Task<List<ThiDua.Workflows.Nominations.Entities.Unit>> UnitsAsync(CancellationToken cancellationToken)
    {
        await using var db = directory.Create();
        return await db.Units.AsNoTracking().Where(u => u.Active).OrderBy(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
