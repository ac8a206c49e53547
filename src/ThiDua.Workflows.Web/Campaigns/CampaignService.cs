using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Tasks;

namespace ThiDua.Workflows.Web.Campaigns;

/// <summary>Where a unit's plan stands: due (never sent), under the office's review, returned to the unit, accepted.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PlanStage>))]
public enum PlanStage
{
    Due,
    UnderReview,
    Returned,
    Accepted,
    Cancelled,
}

/// <summary>The state of one unit's implementation plan: <see cref="Submitted"/> while under review or accepted.</summary>
public sealed record PlanStatus(string UnitId, string UnitName, string InstanceId, string Status, bool Submitted,
    PlanStage Stage = PlanStage.Due, string? PlanId = null, string? FileName = null, string? ReturnNote = null);

/// <summary>
/// Starts the campaign workflows from data: one plan-deadline instance per unit (instance id <c>plan-{unit}</c>, so
/// starting twice changes nothing) and one review instance; records a unit's submission.
/// </summary>
public sealed class CampaignService(
    IWorkflowRuntime runtime, IWorkflowStore store, IDefinitionStore definitions, CampaignOptions campaign, NominationsContexts directory, AttachmentPolicy files, TimeProvider clock)
{
    public const string PlanDefinitionId = "campaign-implementation-plan";
    public const string ReviewsDefinitionId = "campaign-reviews";
    public const string PlanTaskId = "submitPlan";
    public const string ReviewTaskId = "reviewPlan";

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

    /// <summary>
    /// A unit sends its plan (a file): it is kept, and the plan's task moves to the office's review. Refused when the
    /// file is missing or not an accepted document, or when the unit's plan is not waiting (under review, accepted).
    /// </summary>
    public async Task<DomainResult<UnitPlan>> SubmitPlanAsync(string unitId, string submittedBy, string? fileName, byte[]? file, CancellationToken cancellationToken = default)
    {
        if (file is not { Length: > 0 }) return DomainResult<UnitPlan>.Invalid("file", "Cần gửi tệp kế hoạch triển khai (PDF, Word).");
        var (name, nameProblem) = AttachmentPolicy.CleanFileName(fileName);
        var (type, problem) = nameProblem is null ? files.CheckContent(name!, file) : (null, nameProblem);
        if (problem is not null) return DomainResult<UnitPlan>.Invalid("file", problem);
        var plan = new UnitPlan { Id = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"), UnitId = unitId, FileName = name!, ContentType = type!, Content = file, SubmittedBy = submittedBy, SubmittedAt = clock.GetUtcNow() };
        await using (var db = directory.Create())
        {
            db.UnitPlans.Add(plan);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var results = await runtime.TriggerAsync(
            new Stimulus(UserTask.TypeName, UserTask.CompletionPayload(PlanTaskId)),
            new TriggerOptions(new JsonObject { ["action"] = "Submitted", ["by"] = submittedBy, ["comment"] = "Tệp: " + plan.FileName }, WorkflowInstanceId: PlanInstanceId(unitId)),
            cancellationToken).ConfigureAwait(false);
        if (results.Any(r => r.Outcome == ResumeOutcome.Resumed)) return DomainResult<UnitPlan>.Success(plan);

        // Not waiting for a plan: the file is not kept.
        await using (var db = directory.Create())
            await db.UnitPlans.Where(p => p.Id == plan.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<UnitPlan>.Conflict($"Đơn vị '{unitId}' không có kế hoạch đang chờ nộp (đang được xét, đã được chấp nhận, hoặc chưa được giao).");
    }

    /// <summary>The latest plan a unit sent.</summary>
    public async Task<UnitPlan?> LatestPlanAsync(string unitId, CancellationToken cancellationToken = default)
    {
        await using var db = directory.Create();
        return await db.UnitPlans.AsNoTracking().Where(p => p.UnitId == unitId).OrderByDescending(p => p.SubmittedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PlanStatus>> PlanStatusesAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<PlanStatus>();
        List<UnitPlan> sent;
        await using (var db = directory.Create())
            sent = await db.UnitPlans.AsNoTracking().Select(p => new UnitPlan { Id = p.Id, UnitId = p.UnitId, FileName = p.FileName, ContentType = p.ContentType, Content = Array.Empty<byte>(), SubmittedBy = p.SubmittedBy, SubmittedAt = p.SubmittedAt })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var unit in await UnitsAsync(cancellationToken).ConfigureAwait(false))
        {
            var instance = await store.FindInstanceAsync(PlanInstanceId(unit.Id), cancellationToken).ConfigureAwait(false);
            if (instance is null) continue;
            var latest = sent.Where(p => p.UnitId == unit.Id).MaxBy(p => p.SubmittedAt);
            var waitingReview = instance.Bookmarks.Any(b => b.Payload["task"] is JsonValue t && t.TryGetValue(out string? task) && task == ReviewTaskId);
            var stage = instance.Status switch
            {
                WorkflowStatus.Finished => PlanStage.Accepted,
                WorkflowStatus.Cancelled => PlanStage.Cancelled,
                _ when waitingReview => PlanStage.UnderReview,
                _ when latest is not null => PlanStage.Returned,
                _ => PlanStage.Due,
            };
            var note = stage == PlanStage.Returned && instance.Variables["PlanReview"]?["comment"] is JsonValue c && c.TryGetValue(out string? text) ? text : null;
            list.Add(new PlanStatus(unit.Id, unit.Name, instance.Id, instance.Status.ToString(), stage is PlanStage.UnderReview or PlanStage.Accepted, stage, latest?.Id, latest?.FileName, note));
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
