using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Expressions;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Engine.Runtime;

/// <summary>Thrown when a workflow reaches an activity type this runtime does not know.</summary>
public sealed class UnsupportedActivityException(string type, string activityId)
    : Exception($"Activity type '{type}' (activity '{activityId}') is not supported by this runtime.")
{
    public string ActivityType { get; } = type;

    public string ActivityId { get; } = activityId;
}

/// <summary>
/// One burst on one instance: drains the work queue until every path has finished or waits, and records what
/// changed (bookmarks, journal, incidents, outbox) so the store can commit it in one transaction.
/// Work is a FIFO queue, never recursion, so loops of any length run in constant stack.
/// </summary>
internal sealed class ExecutionSession : IExpressionScope
{
    private readonly ActivityRegistry _registry;
    private readonly ExpressionEvaluator _evaluator;
    private readonly TimeProvider _clock;
    private readonly ActivityStepHandler _pipeline;
    private readonly HashSet<string> _initialBookmarkIds;
    private readonly List<Bookmark> _added = [];
    private readonly List<string> _removed = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<Incident> _incidents = [];

    public ExecutionSession(
        WorkflowInstance instance,
        CompiledWorkflow workflow,
        ActivityRegistry registry,
        ExpressionEvaluator evaluator,
        TimeProvider clock,
        ActivityStepHandler pipeline,
        CancellationToken cancellationToken)
    {
        Instance = instance;
        Workflow = workflow;
        _registry = registry;
        _evaluator = evaluator;
        _clock = clock;
        _pipeline = pipeline;
        CancellationToken = cancellationToken;
        _initialBookmarkIds = instance.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        Now = clock.GetUtcNow();
    }

    public WorkflowInstance Instance { get; }

    public CompiledWorkflow Workflow { get; }

    public CancellationToken CancellationToken { get; }

    public DateTimeOffset Now { get; private set; }

    public ActivityRegistry Registry => _registry;

    // ---- scope for expressions ----

    public IReadOnlyCollection<string> VariableNames =>
        Workflow.Variables.Keys.Union(Instance.Variables.Select(p => p.Key), StringComparer.Ordinal).Union(LocalNames(), StringComparer.Ordinal).ToList();

    private IEnumerable<string> LocalNames()
    {
        foreach (var current in SelfAndAncestors(Current))
            if (current.Locals is { } locals)
                foreach (var (name, _) in locals) yield return name;
    }

    public JsonObject Input => Instance.Input;

    public IReadOnlyList<string> InputNames => Workflow.InputNames;

    public string InstanceId => Instance.Id;

    public string DefinitionId => Instance.DefinitionId;

    public string DefinitionVersionId => Instance.DefinitionVersionId;

    public int DefinitionVersion => Instance.DefinitionVersion;

    public string? CorrelationId
    {
        get => Instance.CorrelationId;
        set
        {
            if (value is { Length: > MaxNameLength })
                throw new InvalidOperationException($"A correlation id may have at most {MaxNameLength} characters.");
            if (value == Instance.CorrelationId) return;
            Instance.CorrelationId = value;
            // Bookmarks already waiting are found by the new correlation too.
            foreach (var bookmark in Instance.Bookmarks) bookmark.CorrelationId = value;
            CorrelationChanged = true;
        }
    }

    /// <summary>The longest instance name or correlation id (both are indexed columns in the durable store).</summary>
    public const int MaxNameLength = 256;

    public bool CorrelationChanged { get; private set; }

    public string? InstanceName
    {
        get => Instance.Name;
        set => Instance.Name = value is { Length: > MaxNameLength } ? value[..MaxNameLength] : value;
    }

    public JsonNode? GetVariable(string name)
    {
        if (Workflow.VariableNamesById.TryGetValue(name, out var byId)) name = byId;
        if (FindLocals(name) is { } locals) return locals[name]?.DeepClone();
        return Instance.Variables[name]?.DeepClone();
    }

    public void SetVariable(string name, JsonNode? value)
    {
        if (Workflow.VariableNamesById.TryGetValue(name, out var byId)) name = byId;
        if (FindLocals(name) is { } locals)
        {
            locals[name] = value?.DeepClone();
            return;
        }

        Instance.Variables[name] = Workflow.Variables.TryGetValue(name, out var declared)
            ? JsonValues.Coerce(value, declared.TypeName)
            : value;
    }

    // The nearest local scope, from the running activity up, that declares the name.
    private JsonObject? FindLocals(string name)
    {
        foreach (var current in SelfAndAncestors(Current))
            if (current.Locals is { } locals && locals.ContainsKey(name)) return locals;
        return null;
    }

    // An activity instance and its active containers, nearest first.
    private IEnumerable<ActivityInstance> SelfAndAncestors(ActivityInstance? from)
    {
        for (var current = from; current is not null; current = current.ParentId is { } p ? Instance.Activities.Find(a => a.Id == p) : null)
            yield return current;
    }

    public JsonNode? GetActivityOutput(string activityIdOrName, string outputName)
    {
        var id = Workflow.ActivityIdByName.GetValueOrDefault(activityIdOrName) ?? activityIdOrName;
        return (Instance.ActivityOutputs?[id] as JsonObject)?[outputName]?.DeepClone();
    }

    public JsonNode? LastResult => _lastResult?.DeepClone();

    public JsonObject? ActivityOutputs => Instance.ActivityOutputs;

    public IReadOnlyDictionary<string, string> ActivityIdByName => Workflow.ActivityIdByName;

    private JsonNode? _lastResult;

    /// <summary>Outcomes set by a script (<c>setOutcome</c>) while a RunJavaScript activity runs; null otherwise.</summary>
    public List<string>? ScriptOutcomes { get; set; }

    /// <summary>Remembers an activity's output for <c>getOutputFrom</c> (and <c>getLastResult</c> for <c>result</c>).</summary>
    public void RecordOutput(ActivityNode node, string name, JsonNode? value)
    {
        if (value is null)
        {
            // A null output reads as null anyway; not storing it keeps the persisted state small.
            (Instance.ActivityOutputs?[node.Id] as JsonObject)?.Remove(name);
            return;
        }

        var outputs = Instance.ActivityOutputs ??= [];
        var ofActivity = outputs[node.Id] as JsonObject ?? (JsonObject)(outputs[node.Id] = new JsonObject());
        ofActivity[name] = value?.DeepClone();
        if (string.Equals(name, "result", StringComparison.OrdinalIgnoreCase)) _lastResult = value?.DeepClone();
    }

    /// <summary>Sets one of the workflow's outputs (Elsa.SetOutput).</summary>
    public void SetWorkflowOutput(string name, JsonNode? value) => (Instance.Output ??= [])[name] = value?.DeepClone();

    /// <summary>
    /// Completes the nearest composite (Elsa.Complete): here the workflow itself, whose outcomes become the outcomes of
    /// the activity that ran it as a child.
    /// </summary>
    public void CompleteComposite(IReadOnlyList<string> outcomes)
    {
        Instance.Outcomes = outcomes.ToList();
        var root = Instance.Activities.Find(a => a.ParentId is null);
        if (root is null) FinishWorkflow();
        else CompleteActivity(root, outcomes);
    }

    /// <summary>Ends the nearest enclosing loop (Elsa.Break): the loop completes and whatever runs inside it is cancelled.</summary>
    public void BreakLoop(ActivityInstance from)
    {
        foreach (var current in SelfAndAncestors(from).Skip(1))
        {
            if (ResolveActivity(Workflow.Node(current.NodePath)) is ILoopActivity)
            {
                CompleteActivity(current, [ActivityOutcomes.Done]);
                return;
            }
        }

        throw new InvalidOperationException("Break is not inside a loop (While, ForEach or ParallelForEach).");
    }

    private readonly List<JsonObject> _responses = [];

    /// <summary>Responses written in this burst (Elsa.WriteHttpResponse), for the request that resumed it; never persisted.</summary>
    public IReadOnlyList<JsonObject> Responses => _responses;

    public void AddResponse(JsonObject response) => _responses.Add(response);

    // ---- the interpreter ----

    public WorkflowCommit ToCommit(long? expectedRevision, string? claimedBookmarkId) => new(
        Instance,
        expectedRevision,
        _added.Where(b => Instance.Bookmarks.Any(x => x.Id == b.Id)).ToList(),
        _removed.Where(_initialBookmarkIds.Contains).ToList(),
        claimedBookmarkId,
        _journal,
        _outbox,
        _incidents,
        CorrelationChanged);

    public IReadOnlyList<OutboxMessage> Outbox => _outbox;

    public void Begin()
    {
        var root = NewActivityInstance(Workflow.RootPath, parentId: null);
        Instance.Status = WorkflowStatus.Running;
        Journal(JournalEvents.WorkflowStarted);
        Instance.Queue.Add(new WorkItem { Kind = WorkItemKind.Execute, ActivityInstanceId = root.Id });
    }

    /// <summary>Burns a bookmark and queues its activity's resume.</summary>
    public void EnqueueResume(Bookmark bookmark, JsonObject? input)
    {
        RemoveBookmark(bookmark.Id);
        Instance.Status = WorkflowStatus.Running;
        Instance.Queue.Add(new WorkItem
        {
            Kind = WorkItemKind.Resume,
            ActivityInstanceId = bookmark.ActivityInstanceId,
            BookmarkId = bookmark.Id,
            Input = input,
        });
        _resuming[bookmark.Id] = bookmark;
    }

    private readonly Dictionary<string, Bookmark> _resuming = new(StringComparer.Ordinal);

    /// <summary>Steps taken in this burst (the pipeline's step limit counts them).</summary>
    public int Steps { get; set; }

    /// <summary>The activity instance whose step is running; expressions see its local variables.</summary>
    public ActivityInstance? Current { get; private set; }

    public async Task RunAsync()
    {
        while (Instance.Queue.Count > 0 && Instance.Status == WorkflowStatus.Running)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var item = Instance.Queue[0];
            Instance.Queue.RemoveAt(0);
            var activityInstance = Instance.Activities.Find(a => a.Id == item.ActivityInstanceId);
            if (activityInstance is null) continue; // cancelled while queued

            Now = _clock.GetUtcNow();
            Current = activityInstance;
            await _pipeline(new ActivityStep(this, item, activityInstance, Workflow.Node(activityInstance.NodePath))).ConfigureAwait(false);
            Current = null;
            await RunCancellationHooksAsync().ConfigureAwait(false);
        }

        ScheduleNewTimers();
        if (Instance.Status == WorkflowStatus.Running && Instance.Queue.Count == 0)
        {
            if (Instance.Bookmarks.Count > 0)
            {
                Instance.Status = WorkflowStatus.Suspended;
                Journal(JournalEvents.WorkflowSuspended);
            }
            else if (Instance.Activities.Count > 0)
            {
                Fail(null, null, "The workflow stalled: activities are still active but nothing is scheduled and nothing waits.", null);
            }
        }

        ReportToParent();
        Instance.UpdatedAt = _clock.GetUtcNow();
    }

    /// <summary>The activity type of a node: a registered type, or the workflow-as-activity for a node naming a definition.</summary>
    public IActivity ResolveActivity(ActivityNode node) =>
        _registry.Resolve(node.Type)
        ?? (WorkflowDefinitionActivity.RefersToDefinition(node) ? _registry.Resolve(WorkflowDefinitionActivity.TypeName) : null)
        ?? throw new UnsupportedActivityException(node.Type, node.Id);

    public Bookmark TakeResumingBookmark(string bookmarkId) => _resuming[bookmarkId];

    // A child instance that ended tells the activity waiting for it, in the same commit (see ChildWorkflowHandler).
    private void ReportToParent()
    {
        if (Instance.Parent is not { } parent || !Instance.Status.IsTerminal() || _reportedToParent) return;
        _reportedToParent = true;
        Emit(ChildWorkflowMessages.CompletedKind, ChildWorkflowMessages.Completed(Instance, parent));
    }

    private bool _reportedToParent;

    // Timer bookmarks that survive the burst get a schedule message in the same commit.
    private void ScheduleNewTimers()
    {
        foreach (var bookmark in _added)
            if (bookmark.ResumeAt is not null && Instance.Bookmarks.Contains(bookmark))
                Emit(TimerMessages.ScheduleKind, TimerMessages.Schedule(bookmark));
    }

    // ---- operations used by ActivityContext ----

    public T? EvaluateInput<T>(ActivityNode node, Input<T> input)
    {
        var expression = InputValue.Read(node.Properties[input.Name]);
        if (expression is null) return input.DefaultValue;
        var value = _evaluator.Evaluate(expression, this);
        try
        {
            return value is null ? input.DefaultValue : JsonValues.To<T>(value);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new ExpressionException($"input '{input.Name}' of activity '{node.Id}': cannot use {value?.ToJsonString()} as {typeof(T).Name}", ex);
        }
    }

    /// <summary>Evaluates an expression in this workflow's scope.</summary>
    public JsonNode? Evaluate(Expression expression) => _evaluator.Evaluate(expression, this);

    /// <summary>Evaluates a condition with JavaScript-like truthiness (a missing condition is false).</summary>
    public bool EvaluateCondition(Expression? condition)
    {
        if (condition is null) return false;
        return _evaluator.Evaluate(condition, this) switch
        {
            null => false,
            JsonValue v when v.TryGetValue(out bool b) => b,
            JsonValue v when v.TryGetValue(out string? s) => bool.TryParse(s, out var parsed) ? parsed : s.Length > 0,
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValues.ToDouble(v) is var d && d != 0 && !double.IsNaN(d),
            _ => true,
        };
    }

    public void CompleteActivity(ActivityInstance activity, IReadOnlyList<string> outcomes)
    {
        if (!Instance.Activities.Contains(activity)) return; // already completed or cancelled
        foreach (var child in Instance.Activities.Where(a => a.ParentId == activity.Id).ToList())
            CancelSubtree(child);
        RemoveBookmarksOf(activity.Id);
        Instance.Activities.Remove(activity);
        var node = Workflow.Node(activity.NodePath);
        Journal(JournalEvents.Completed, activity, node, outcomes: outcomes);

        if (activity.ParentId is { } parentId)
        {
            Instance.Queue.Add(new WorkItem
            {
                Kind = WorkItemKind.ChildCompleted,
                ActivityInstanceId = parentId,
                ChildNodePath = activity.NodePath,
                ChildInstanceId = activity.Id,
                Outcomes = outcomes.ToList(),
            });
        }
        else
        {
            FinishWorkflow();
        }
    }

    public Bookmark CreateBookmark(ActivityInstance activity, ActivityNode node, string name, JsonObject payload, DateTimeOffset? resumeAt, bool scopedToActivity)
    {
        var bookmark = new Bookmark
        {
            // Prefixed by the instance: the bookmark a burst claims and the one it adds sit side by side in the store's
            // key order (one page written instead of two).
            Id = Instance.Id + ":" + Guid.CreateVersion7(Now).ToString("N"),
            WorkflowInstanceId = Instance.Id,
            ActivityInstanceId = activity.Id,
            ActivityNodePath = activity.NodePath,
            ActivityId = node.Id,
            Name = name,
            Hash = StimulusHasher.Hash(name, payload, scopedToActivity ? activity.Id : null),
            Payload = payload,
            CorrelationId = Instance.CorrelationId,
            ResumeAt = resumeAt,
            CreatedAt = Now,
        };
        Instance.Bookmarks.Add(bookmark);
        _added.Add(bookmark);
        Journal(JournalEvents.Bookmarked, activity, node, message: name);
        return bookmark;
    }

    public ActivityInstance ScheduleChild(ActivityInstance parent, ActivityNode child, JsonObject? locals = null)
    {
        var instance = NewActivityInstance(CompiledWorkflow.ChildPath(parent.NodePath, child), parent.Id);
        if (locals is not null)
        {
            // Locals are found by variable name; an output binding names the variable by its id.
            instance.Locals = [];
            foreach (var (key, value) in locals)
                instance.Locals[Workflow.VariableNamesById.GetValueOrDefault(key, key)] = value?.DeepClone();
        }
        Instance.Queue.Add(new WorkItem { Kind = WorkItemKind.Execute, ActivityInstanceId = instance.Id });
        return instance;
    }

    public void Emit(string kind, JsonObject payload) =>
        _outbox.Add(new OutboxMessage(Guid.CreateVersion7(Now).ToString("N"), Instance.Id, kind, payload, Now));

    public void FinishWorkflow()
    {
        foreach (var root in Instance.Activities.Where(a => a.ParentId is null || Instance.Activities.All(p => p.Id != a.ParentId)).ToList())
            CancelSubtree(root);
        foreach (var bookmark in Instance.Bookmarks.ToList()) RemoveBookmark(bookmark.Id);
        Instance.Queue.Clear();
        Instance.Status = WorkflowStatus.Finished;
        Instance.FinishedAt = Now;
        Journal(JournalEvents.WorkflowFinished);
    }

    /// <summary>Cancels the whole instance (from outside, between bursts).</summary>
    public async Task CancelWorkflowAsync()
    {
        foreach (var root in Instance.Activities.ToList()) CancelSubtree(root);
        await RunCancellationHooksAsync().ConfigureAwait(false);
        foreach (var bookmark in Instance.Bookmarks.ToList()) RemoveBookmark(bookmark.Id);
        Instance.Queue.Clear();
        Instance.Status = WorkflowStatus.Cancelled;
        Instance.FinishedAt = _clock.GetUtcNow();
        Journal(JournalEvents.WorkflowCancelled);
        ReportToParent();
    }

    /// <summary>Cancels an activity and everything under it: queued work, bookmarks, children.</summary>
    public void CancelSubtree(ActivityInstance activity)
    {
        var stack = new Stack<ActivityInstance>([activity]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!Instance.Activities.Remove(current)) continue;
            foreach (var child in Instance.Activities.Where(a => a.ParentId == current.Id)) stack.Push(child);
            RemoveBookmarksOf(current.Id);
            Instance.Queue.RemoveAll(w => w.ActivityInstanceId == current.Id);
            _cancelled.Add(current);
            Journal(JournalEvents.Cancelled, current, Workflow.Node(current.NodePath));
        }
    }

    private readonly List<ActivityInstance> _cancelled = [];

    /// <summary>Runs the cancellation hooks of activities cancelled in this burst (domain activities close their tasks).</summary>
    public async Task RunCancellationHooksAsync()
    {
        foreach (var activity in _cancelled.ToList())
        {
            var node = Workflow.Node(activity.NodePath);
            try
            {
                // ResolveActivity: a workflow used as an activity is named by the workflow, not by a registered type.
                if (_registry.IsKnown(node))
                    await ResolveActivity(node).OnCancelledAsync(new ActivityContext(this, activity, node)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing clean-up is recorded; it does not undo the cancellation or lose the burst.
                var incident = new Incident(node.Id, activity.NodePath, node.Type, "Cancellation hook failed: " + ex.Message, ex.GetType().Name, Now);
                Instance.Incidents.Add(incident);
                _incidents.Add(incident);
            }
        }

        _cancelled.Clear();
    }

    public IEnumerable<ActivityInstance> ChildrenOf(string activityInstanceId) =>
        Instance.Activities.Where(a => a.ParentId == activityInstanceId);

    /// <summary>True when a container has no active children and no child completion still queued for it.</summary>
    public bool IsIdle(string activityInstanceId) =>
        !Instance.Activities.Any(a => a.ParentId == activityInstanceId)
        && !Instance.Queue.Any(w => w.ActivityInstanceId == activityInstanceId);

    // ---- helpers ----

    private ActivityInstance NewActivityInstance(string nodePath, string? parentId)
    {
        var instance = new ActivityInstance { Id = "a" + (++Instance.Sequence), NodePath = nodePath, ParentId = parentId };
        Instance.Activities.Add(instance);
        return instance;
    }

    private void RemoveBookmarksOf(string activityInstanceId)
    {
        foreach (var bookmark in Instance.Bookmarks.Where(b => b.ActivityInstanceId == activityInstanceId).ToList())
            RemoveBookmark(bookmark.Id);
    }

    private void RemoveBookmark(string id)
    {
        Instance.Bookmarks.RemoveAll(b => b.Id == id);
        _removed.Add(id);
    }

    public void Fail(ActivityInstance? activity, ActivityNode? node, string message, Exception? exception)
    {
        if (activity is not null && node is not null)
        {
            var incident = new Incident(node.Id, activity.NodePath, node.Type, message, exception?.GetType().Name, Now);
            Instance.Incidents.Add(incident);
            _incidents.Add(incident);
            Journal(JournalEvents.Faulted, activity, node, message: message);
        }

        foreach (var bookmark in Instance.Bookmarks.ToList()) RemoveBookmark(bookmark.Id);
        Instance.Queue.Clear();
        Instance.Status = WorkflowStatus.Faulted;
        Instance.FaultMessage = message;
        Instance.FinishedAt = Now;
        Journal(JournalEvents.WorkflowFaulted, message: message);
    }

    public void Journal(string eventName, ActivityInstance? activity = null, ActivityNode? node = null, string? message = null, IReadOnlyList<string>? outcomes = null) =>
        _journal.Add(new JournalEntry(
            Instance.Id,
            ++Instance.Sequence,
            Now,
            eventName,
            node?.Id,
            node?.Type,
            activity?.NodePath,
            activity?.Id,
            message,
            outcomes));
}
