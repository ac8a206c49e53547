using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Expressions;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Settings of the runtime.</summary>
public sealed class WorkflowRuntimeOptions
{
    public const int DefaultMaxStepsPerBurst = 1_000_000;
    public const int DefaultMaxCommitAttempts = 20;

    /// <summary>A burst that takes more steps than this faults (a loop that never waits).</summary>
    public int MaxStepsPerBurst { get; set; } = DefaultMaxStepsPerBurst;

    /// <summary>How often a resume retries after losing a commit race to another burst of the same instance.</summary>
    public int MaxCommitAttempts { get; set; } = DefaultMaxCommitAttempts;
}

/// <summary>
/// The runtime: loads state, runs one burst (<see cref="ExecutionSession"/>), commits it in one store call with an
/// optimistic revision check, then hands the outbox to its handlers. A lost race reloads and tries again; a
/// bookmark that is gone by then means "already resumed".
/// </summary>
public sealed partial class WorkflowRuntime : IWorkflowRuntime
{
    private readonly IWorkflowStore _store;
    private readonly IDefinitionStore _definitions;
    private readonly ActivityRegistry _registry;
    private readonly IOutboxDispatcher _outbox;
    private readonly TimeProvider _clock;
    private readonly WorkflowRuntimeOptions _options;
    private readonly ILogger<WorkflowRuntime> _logger;
    private readonly ExpressionEvaluator _evaluator = new();
    private readonly ConcurrentDictionary<string, CompiledWorkflow> _compiled = new();
    private readonly ConcurrentDictionary<string, byte> _stored = new();

    public WorkflowRuntime(
        IWorkflowStore store,
        IDefinitionStore definitions,
        ActivityRegistry registry,
        IOutboxDispatcher outbox,
        TimeProvider clock,
        WorkflowRuntimeOptions options,
        ILogger<WorkflowRuntime> logger)
    {
        _store = store;
        _definitions = definitions;
        _registry = registry;
        _outbox = outbox;
        _clock = clock;
        _options = options;
        _logger = logger;
        _pipeline = ActivityPipeline.Build(logger, options.MaxStepsPerBurst);
    }

    private readonly ActivityStepHandler _pipeline;

    public async Task<WorkflowRunResult> StartAsync(WorkflowDefinition definition, StartOptions? options = null, CancellationToken cancellationToken = default)
    {
        var compiled = Compile(definition);
        // The store is asked once per version and runtime, not at every start.
        if (!_stored.ContainsKey(definition.Id))
        {
            if (await _definitions.FindVersionAsync(definition.Id, cancellationToken).ConfigureAwait(false) is null)
                await _definitions.SaveAsync(definition, DefinitionSaveMode.AsIs, cancellationToken).ConfigureAwait(false);
            _stored.TryAdd(definition.Id, 0);
        }

        var now = _clock.GetUtcNow();
        var instance = new WorkflowInstance
        {
            // Time-ordered ids keep new rows at the end of the indexes, so a large database stays fast.
            Id = options?.InstanceId ?? Guid.CreateVersion7(now).ToString("N"),
            DefinitionId = definition.DefinitionId,
            DefinitionVersionId = definition.Id,
            DefinitionVersion = definition.Version,
            CorrelationId = options?.CorrelationId,
            Parent = options?.Parent,
            TriggerActivityId = options?.TriggerActivityId,
            TriggerInput = (JsonObject?)options?.TriggerInput?.DeepClone(),
            Name = definition.Name,
            Input = (JsonObject?)options?.Input?.DeepClone() ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var variable in compiled.Variables.Values)
            instance.Variables[variable.Name] = JsonValues.Coerce(variable.DefaultValue?.DeepClone(), variable.TypeName);

        // Accept first: the instance is stored with its first step queued before anything runs, so a crash during
        // the burst loses nothing; recovery (ContinueAsync) runs it from there.
        var accept = NewSession(instance, compiled, cancellationToken);
        accept.Begin();
        if (await _store.CommitAsync(accept.ToCommit(expectedRevision: null, claimedBookmarkId: null), cancellationToken).ConfigureAwait(false) != CommitOutcome.Committed)
            throw new InvalidOperationException($"Workflow instance '{instance.Id}' already exists.");

        return await ContinueAsync(instance.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Workflow instance '{instance.Id}' vanished after it was stored.");
    }

    public async Task<WorkflowRunResult?> ContinueAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= _options.MaxCommitAttempts; attempt++)
        {
            var instance = await _store.FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (instance is null) return null;
            if (instance.Status != WorkflowStatus.Running || instance.Queue.Count == 0) return new WorkflowRunResult(instance);

            var session = NewSession(instance, await LoadCompiledAsync(instance, cancellationToken).ConfigureAwait(false), cancellationToken);
            await session.RunAsync().ConfigureAwait(false);
            if (await _store.CommitAsync(session.ToCommit(instance.Revision, null), cancellationToken).ConfigureAwait(false) == CommitOutcome.Committed)
            {
                Log.BurstCommitted(_logger, instance.Id, instance.Status);
                await DeliverAsync(session, cancellationToken).ConfigureAwait(false);
                return new WorkflowRunResult(instance) { Responses = session.Responses };
            }

            Log.CommitConflict(_logger, instance.Id, attempt);
        }

        throw new InvalidOperationException($"Workflow instance '{instanceId}' could not be continued: it keeps changing.");
    }

    public async Task<ResumeResult> ResumeAsync(string bookmarkId, JsonObject? input = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= _options.MaxCommitAttempts; attempt++)
        {
            var bookmark = await _store.FindBookmarkAsync(bookmarkId, cancellationToken).ConfigureAwait(false);
            if (bookmark is null) return new ResumeResult(ResumeOutcome.AlreadyResumed);
            var instance = await _store.FindInstanceAsync(bookmark.WorkflowInstanceId, cancellationToken).ConfigureAwait(false);
            if (instance is null || instance.Status.IsTerminal() || instance.Bookmarks.All(b => b.Id != bookmarkId))
                return new ResumeResult(ResumeOutcome.AlreadyResumed);

            var compiled = await LoadCompiledAsync(instance, cancellationToken).ConfigureAwait(false);
            var session = NewSession(instance, compiled, cancellationToken);
            session.EnqueueResume(instance.Bookmarks.First(b => b.Id == bookmarkId), input);
            await session.RunAsync().ConfigureAwait(false);
            var outcome = await _store.CommitAsync(session.ToCommit(instance.Revision, bookmarkId), cancellationToken).ConfigureAwait(false);
            if (outcome == CommitOutcome.Committed)
            {
                Log.BurstCommitted(_logger, instance.Id, instance.Status);
                await DeliverAsync(session, cancellationToken).ConfigureAwait(false);
                return new ResumeResult(ResumeOutcome.Resumed, new WorkflowRunResult(instance) { Responses = session.Responses });
            }

            Log.CommitConflict(_logger, instance.Id, attempt);
        }

        throw new InvalidOperationException($"Bookmark '{bookmarkId}' could not be resumed after {_options.MaxCommitAttempts} attempts: the instance keeps changing.");
    }

    public async Task<IReadOnlyList<ResumeResult>> TriggerAsync(Stimulus stimulus, TriggerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bookmarks = await _store.FindBookmarksAsync(
            new BookmarkQuery(Hash: stimulus.Hash, WorkflowInstanceId: options?.WorkflowInstanceId, CorrelationId: options?.CorrelationId, Limit: int.MaxValue),
            cancellationToken).ConfigureAwait(false);
        var results = new List<ResumeResult>(bookmarks.Count);
        foreach (var bookmark in bookmarks)
            results.Add(await ResumeAsync(bookmark.Id, options?.Input, cancellationToken).ConfigureAwait(false));
        return results;
    }

    public async Task<WorkflowRunResult?> CancelAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= _options.MaxCommitAttempts; attempt++)
        {
            var instance = await _store.FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (instance is null) return null;
            if (instance.Status.IsTerminal()) return new WorkflowRunResult(instance);

            var session = NewSession(instance, await LoadCompiledAsync(instance, cancellationToken).ConfigureAwait(false), cancellationToken);
            await session.CancelWorkflowAsync().ConfigureAwait(false);
            if (await _store.CommitAsync(session.ToCommit(instance.Revision, null), cancellationToken).ConfigureAwait(false) == CommitOutcome.Committed)
            {
                await DeliverAsync(session, cancellationToken).ConfigureAwait(false);
                return new WorkflowRunResult(instance);
            }
        }

        throw new InvalidOperationException($"Workflow instance '{instanceId}' could not be cancelled: it keeps changing.");
    }

    public async Task<WorkflowRunResult?> RetryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= _options.MaxCommitAttempts; attempt++)
        {
            var instance = await _store.FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (instance is null) return null;
            if (instance.Status != WorkflowStatus.Faulted) return new WorkflowRunResult(instance);

            // The journal names the activity instance that faulted; it is still in the instance (a fault keeps the tree).
            var journal = await _store.ReadJournalAsync(instanceId, cancellationToken).ConfigureAwait(false);
            var faulted = journal.LastOrDefault(j => j.EventName == JournalEvents.Faulted && j.ActivityInstanceId is not null);
            if (faulted is null || instance.Activities.All(a => a.Id != faulted.ActivityInstanceId))
                throw new InvalidOperationException($"Workflow instance '{instanceId}' has no faulted activity to run again.");

            var revision = instance.Revision;
            instance.Status = WorkflowStatus.Running;
            instance.FaultMessage = null;
            instance.FinishedAt = null;
            instance.Queue.Add(new WorkItem { Kind = WorkItemKind.Execute, ActivityInstanceId = faulted.ActivityInstanceId! });
            var session = NewSession(instance, await LoadCompiledAsync(instance, cancellationToken).ConfigureAwait(false), cancellationToken);
            await session.RunAsync().ConfigureAwait(false);
            if (await _store.CommitAsync(session.ToCommit(revision, null), cancellationToken).ConfigureAwait(false) == CommitOutcome.Committed)
            {
                Log.BurstCommitted(_logger, instance.Id, instance.Status);
                await DeliverAsync(session, cancellationToken).ConfigureAwait(false);
                return new WorkflowRunResult(instance);
            }

            Log.CommitConflict(_logger, instance.Id, attempt);
        }

        throw new InvalidOperationException($"Workflow instance '{instanceId}' could not be retried: it keeps changing.");
    }

    private ExecutionSession NewSession(WorkflowInstance instance, CompiledWorkflow compiled, CancellationToken cancellationToken) =>
        new(instance, compiled, _registry, _evaluator, _clock, _pipeline, cancellationToken);

    private CompiledWorkflow Compile(WorkflowDefinition definition) =>
        _compiled.GetOrAdd(definition.Id, _ => CompiledWorkflow.Compile(definition));

    private async Task<CompiledWorkflow> LoadCompiledAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        if (_compiled.TryGetValue(instance.DefinitionVersionId, out var cached)) return cached;
        var definition = await _definitions.FindVersionAsync(instance.DefinitionVersionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Definition version '{instance.DefinitionVersionId}' of instance '{instance.Id}' is not in the definition store.");
        return Compile(definition);
    }

    // Side effects leave only after their burst committed. A failing dispatcher is logged, never undoes the commit.
    private async Task DeliverAsync(ExecutionSession session, CancellationToken cancellationToken)
    {
        if (session.Outbox.Count == 0) return;
        try
        {
            await _outbox.DispatchAsync(session.Outbox, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.OutboxDispatchFailed(_logger, ex, session.Instance.Id);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Burst committed for workflow instance {WorkflowInstanceId}: {Status}")]
        public static partial void BurstCommitted(ILogger logger, string workflowInstanceId, WorkflowStatus status);

        [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Commit conflict on workflow instance {WorkflowInstanceId} (attempt {Attempt}); reloading")]
        public static partial void CommitConflict(ILogger logger, string workflowInstanceId, int attempt);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Outbox dispatch failed for workflow instance {WorkflowInstanceId}")]
        public static partial void OutboxDispatchFailed(ILogger logger, Exception exception, string workflowInstanceId);
    }
}
