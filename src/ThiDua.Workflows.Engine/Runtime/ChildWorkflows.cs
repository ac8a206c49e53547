using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Which version of a child definition runs (Elsa's VersionOptions as the activities use them).</summary>
public enum ChildVersionRule
{
    /// <summary>The published version (ExecuteWorkflow, DispatchWorkflow).</summary>
    Published,

    /// <summary>The version the activity names; if that version is gone, the published one (a workflow used as an activity).</summary>
    SpecificOrPublished,
}

/// <summary>
/// The messages that start a child instance and report its end back. Both travel through the outbox, so a child
/// starts only after the burst that asked for it committed, and a parent resumes only after its child's end committed.
/// </summary>
public static class ChildWorkflowMessages
{
    public const string StartKind = "workflow.start-child";
    public const string CompletedKind = "workflow.child-completed";
    public const string CancelKind = "workflow.cancel-child";

    /// <summary>The bookmark an activity waits on for its child.</summary>
    public const string BookmarkName = "Elsa.ChildWorkflow";

    public static JsonObject Start(
        string childInstanceId, string definitionId, string? versionId, int? version, ChildVersionRule rule,
        JsonObject input, string? correlationId, ParentLink? parent) => new()
    {
        ["childInstanceId"] = childInstanceId,
        ["definitionId"] = definitionId,
        ["versionId"] = versionId,
        ["version"] = version,
        ["rule"] = rule.ToString(),
        ["input"] = input,
        ["correlationId"] = correlationId,
        ["parentInstanceId"] = parent?.InstanceId,
        ["parentBookmarkId"] = parent?.BookmarkId,
        ["parentActivityId"] = parent?.ActivityId,
    };

    public static JsonObject Completed(WorkflowInstance child, ParentLink parent) => new()
    {
        ["parentInstanceId"] = parent.InstanceId,
        ["parentBookmarkId"] = parent.BookmarkId,
        ["childInstanceId"] = child.Id,
        ["childDefinitionId"] = child.DefinitionId,
        ["childName"] = child.Name,
        ["status"] = child.Status.ToString(),
        ["output"] = child.Output?.DeepClone(),
        ["outcomes"] = child.Outcomes is { } outcomes ? new JsonArray(outcomes.Select(o => (JsonNode?)o).ToArray()) : null,
        ["fault"] = child.FaultMessage,
        ["faultedActivityId"] = child.Incidents.LastOrDefault()?.ActivityId,
    };
}

/// <summary>
/// What the activities that run a child workflow share: the input they pass, the wait on the child, and reading
/// the child's end back (a faulted or cancelled child faults the activity, naming both instances).
/// </summary>
internal static class ChildWorkflow
{
    /// <summary>Asks for a child instance; when <paramref name="wait"/>, the activity waits for it on a bookmark.</summary>
    public static string Start(ActivityContext context, string definitionId, string? versionId, int? version, ChildVersionRule rule,
        JsonObject input, string? correlationId, bool wait)
    {
        var childId = Guid.CreateVersion7(context.Now).ToString("N");
        ParentLink? parent = null;
        if (wait)
        {
            var bookmark = context.CreateBookmark(ChildWorkflowMessages.BookmarkName, new JsonObject { ["childInstanceId"] = childId });
            parent = new ParentLink(context.WorkflowInstanceId, bookmark.Id, context.Node.Id);
            context.State["childInstanceId"] = childId;
        }

        context.Emit(ChildWorkflowMessages.StartKind,
            ChildWorkflowMessages.Start(childId, definitionId, versionId, version, rule, input, correlationId ?? context.CorrelationId, parent));
        return childId;
    }

    /// <summary>Reads a child's end from the resume input; throws (faulting this activity) when the child did not finish.</summary>
    public static (JsonObject? Output, IReadOnlyList<string> Outcomes, string ChildInstanceId) Ended(ActivityContext context)
    {
        var report = context.ResumeInput ?? [];
        var childId = report["childInstanceId"]?.GetValue<string>() ?? "?";
        var status = report["status"]?.GetValue<string>();
        if (status != nameof(WorkflowStatus.Finished))
        {
            var name = report["childName"]?.GetValue<string>() ?? report["childDefinitionId"]?.GetValue<string>() ?? "?";
            var at = report["faultedActivityId"]?.GetValue<string>() is { } activity ? $" at activity '{activity}'" : "";
            var why = status == nameof(WorkflowStatus.Cancelled) ? "was cancelled" : $"faulted{at}: {report["fault"]?.GetValue<string>()}";
            throw new InvalidOperationException(
                $"Child workflow '{name}' (instance {childId}) of activity '{context.Node.Id}' in instance {context.WorkflowInstanceId} {why}");
        }

        var outcomes = (report["outcomes"] as JsonArray)?.Select(o => o?.GetValue<string>() ?? "").Where(o => o.Length > 0).ToList();
        return (report["output"] as JsonObject, outcomes is { Count: > 0 } ? outcomes : [ActivityOutcomes.Done], childId);
    }

    /// <summary>A parent activity cancelled while its child runs cancels the child too.</summary>
    public static void CancelChild(ActivityContext context)
    {
        if (context.State["childInstanceId"]?.GetValue<string>() is { } childId)
            context.Emit(ChildWorkflowMessages.CancelKind, new JsonObject { ["childInstanceId"] = childId });
    }

    /// <summary>The <c>input</c> of ExecuteWorkflow/DispatchWorkflow: an object, or JSON text of one.</summary>
    public static JsonObject InputObject(JsonNode? value) => value switch
    {
        JsonObject o => (JsonObject)o.DeepClone(),
        JsonValue v when v.TryGetValue(out string? text) && text.TrimStart().StartsWith('{') => JsonNode.Parse(text) as JsonObject ?? [],
        _ => [],
    };
}

/// <summary>
/// Carries out the child-workflow messages: starts the child on the version its rule picks, resumes the waiting
/// parent when the child ends, cancels a child whose parent activity was cancelled. Each is safe to repeat (the child
/// id is chosen by the parent, and a parent bookmark resumes once).
/// </summary>
public sealed class ChildWorkflowHandler(IServiceProvider services, string kind) : IOutboxHandler
{
    public string Kind { get; } = kind;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        // Resolved here, not in the constructor: the runtime itself depends on the outbox handlers.
        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        var payload = message.Payload;
        switch (Kind)
        {
            case ChildWorkflowMessages.CompletedKind:
                await runtime.ResumeAsync(payload["parentBookmarkId"]!.GetValue<string>(), payload, cancellationToken).ConfigureAwait(false);
                break;
            case ChildWorkflowMessages.CancelKind:
                await runtime.CancelAsync(payload["childInstanceId"]!.GetValue<string>(), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await StartAsync(runtime, payload, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task StartAsync(IWorkflowRuntime runtime, JsonObject payload, CancellationToken cancellationToken)
    {
        var childId = payload["childInstanceId"]!.GetValue<string>();
        if (await services.GetRequiredService<IWorkflowStore>().FindInstanceAsync(childId, cancellationToken).ConfigureAwait(false) is not null)
            return; // started by an earlier delivery of this message

        var definitionId = payload["definitionId"]!.GetValue<string>();
        var parent = payload["parentBookmarkId"]?.GetValue<string>() is { } bookmarkId
            ? new ParentLink(payload["parentInstanceId"]!.GetValue<string>(), bookmarkId, payload["parentActivityId"]?.GetValue<string>() ?? "")
            : null;
        var definition = await FindAsync(
            services.GetRequiredService<IDefinitionStore>(), definitionId, payload["versionId"]?.GetValue<string>(),
            payload["version"]?.GetValue<int?>(), Enum.Parse<ChildVersionRule>(payload["rule"]!.GetValue<string>()), cancellationToken).ConfigureAwait(false);
        if (definition is null)
        {
            // Nothing to run: the waiting parent faults with the reason instead of waiting forever.
            if (parent is not null)
                await FaultParentAsync(runtime, parent, childId, definitionId, $"no published version of workflow definition '{definitionId}'", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await runtime.StartAsync(definition, new StartOptions(
                MatchDeclaredInputs(payload["input"] as JsonObject, definition), payload["correlationId"]?.GetValue<string>(), childId, parent),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Serialization.InvalidDefinitionException ex) when (parent is not null)
        {
            // A definition that cannot run never will: the parent faults with the reason instead of waiting for ever.
            await FaultParentAsync(runtime, parent, childId, definitionId, $"workflow definition '{definitionId}' cannot run: {ex.Message}", cancellationToken).ConfigureAwait(false);
        }
    }

    // A child that never ran reports to its parent as a faulted one would, so the parent's step faults with the reason.
    private static Task<ResumeResult> FaultParentAsync(IWorkflowRuntime runtime, ParentLink parent, string childId, string definitionId, string fault, CancellationToken cancellationToken) =>
        runtime.ResumeAsync(parent.BookmarkId, new JsonObject
        {
            ["childInstanceId"] = childId,
            ["childDefinitionId"] = definitionId,
            ["status"] = nameof(WorkflowStatus.Faulted),
            ["fault"] = fault,
        }, cancellationToken);

    // Elsa writes a child's input on the parent's node in camelCase ("message" for the input "Message"): the child
    // receives it under the name it declares.
    private static JsonObject? MatchDeclaredInputs(JsonObject? input, WorkflowDefinition definition)
    {
        if (input is null) return null;
        var declared = CompiledWorkflow.DeclaredInputs(definition);
        var matched = new JsonObject();
        foreach (var (key, value) in input)
            matched[declared.FirstOrDefault(d => string.Equals(d, key, StringComparison.OrdinalIgnoreCase)) ?? key] = value?.DeepClone();
        return matched;
    }

    /// <summary>Picks the child's version: the named version (by id, then by number) when the rule allows it, else the published one.</summary>
    public static async Task<WorkflowDefinition?> FindAsync(
        IDefinitionStore store, string definitionId, string? versionId, int? version, ChildVersionRule rule, CancellationToken cancellationToken = default)
    {
        if (rule == ChildVersionRule.SpecificOrPublished)
        {
            if (versionId is not null && await store.FindVersionAsync(versionId, cancellationToken).ConfigureAwait(false) is { } byId
                && byId.DefinitionId == definitionId)
                return byId;
            var versions = await store.ListVersionsAsync(definitionId, cancellationToken).ConfigureAwait(false);
            if (version is not null && versions.FirstOrDefault(v => v.Version == version) is { } byNumber)
                return await store.FindVersionAsync(byNumber.Id, cancellationToken).ConfigureAwait(false);
        }

        return await store.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
    }
}
