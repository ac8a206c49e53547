using System.Text.Json.Nodes;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// What one activity sees while it runs: its node, its inputs, the workflow's variables, and the few things it
/// can do (complete, wait on a bookmark, schedule a child, emit a side effect). Services come through the
/// activity's constructor, never from here.
/// </summary>
public sealed class ActivityContext
{
    private readonly ExecutionSession _session;

    internal ActivityContext(ExecutionSession session, ActivityInstance instance, ActivityNode node, JsonObject? resumeInput = null)
    {
        _session = session;
        Instance = instance;
        Node = node;
        ResumeInput = resumeInput;
    }

    /// <summary>The node of the definition being run (id, type, raw properties).</summary>
    public ActivityNode Node { get; }

    public string ActivityInstanceId => Instance.Id;

    public string WorkflowInstanceId => _session.Instance.Id;

    /// <summary>The input of the stimulus that resumed this activity (null when it is not resuming).</summary>
    public JsonObject? ResumeInput { get; }

    /// <summary>The moment of this step, from the runtime's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Now => _session.Now;

    public CancellationToken CancellationToken => _session.CancellationToken;

    /// <summary>State this activity keeps between steps; persisted with the instance.</summary>
    public JsonObject State => Instance.State ??= [];

    public string? CorrelationId
    {
        get => _session.CorrelationId;
        set => _session.CorrelationId = value;
    }

    public string? InstanceName
    {
        get => _session.InstanceName;
        set => _session.InstanceName = value;
    }

    internal ActivityInstance Instance { get; }

    internal ExecutionSession Session => _session;

    /// <summary>Evaluates one of this activity's inputs (literal, JavaScript, Liquid, ...) and converts it.</summary>
    public T? Get<T>(Input<T> input) => _session.EvaluateInput(Node, input);

    public JsonNode? GetVariable(string name) => _session.GetVariable(name);

    public void SetVariable(string name, JsonNode? value) => _session.SetVariable(name, value);

    /// <summary>Sets an output: when the node binds it to a variable (<c>{"memoryReference":{"id":...}}</c>), the variable gets the value.</summary>
    public void SetOutput(string name, JsonNode? value)
    {
        _session.RecordOutput(Node, name, value);
        if (Node.Properties[name] is JsonObject output && output["memoryReference"]?["id"] is JsonValue id && id.TryGetValue(out string? variable))
            _session.SetVariable(variable, value);
    }

    /// <summary>Evaluates a raw input of this node that is not declared as an <see cref="Input{T}"/> (null when absent).</summary>
    public JsonNode? Evaluate(string inputName) =>
        InputValue.Read(Node.Properties[inputName]) is { } expression ? _session.Evaluate(expression) : null;

    /// <summary>Runs JavaScript in the workflow's scope; <c>setOutcome</c>/<c>setOutcomes</c> fill <paramref name="outcomes"/>.</summary>
    public JsonNode? RunScript(string code, List<string> outcomes)
    {
        _session.ScriptOutcomes = outcomes;
        try
        {
            return _session.Evaluate(new Expressions.Expression(Expressions.Expression.JavaScriptType, JsonValue.Create(code)));
        }
        finally
        {
            _session.ScriptOutcomes = null;
        }
    }

    /// <summary>Sets one of the workflow's own outputs (what a parent sees when this workflow runs as its child).</summary>
    public void SetWorkflowOutput(string name, JsonNode? value) => _session.SetWorkflowOutput(name, value);

    /// <summary>Completes the nearest composite (the workflow) with these outcomes (Elsa.Complete).</summary>
    public void CompleteComposite(IReadOnlyList<string> outcomes) => _session.CompleteComposite(outcomes);

    /// <summary>Ends the nearest enclosing loop (Elsa.Break).</summary>
    public void BreakLoop() => _session.BreakLoop(Instance);

    /// <summary>Hands a response to the request that caused this burst (Elsa.WriteHttpResponse).</summary>
    public void Respond(JsonObject response) => _session.AddResponse(response);

    /// <summary>
    /// True the first time the trigger activity that started this instance runs (a Cron that fired): it completes at
    /// once instead of waiting for its own event again.
    /// </summary>
    public bool ConsumeTrigger() => ConsumeTrigger(out _);

    /// <summary>As <see cref="ConsumeTrigger()"/>, with what the trigger received (an HTTP request; empty when nothing).</summary>
    public bool ConsumeTrigger(out JsonObject input)
    {
        input = [];
        if (_session.Instance.TriggerActivityId != Node.Id) return false;
        input = _session.Instance.TriggerInput ?? [];
        _session.Instance.TriggerActivityId = null;
        _session.Instance.TriggerInput = null;
        return true;
    }

    /// <summary>The instance this burst runs (read-only use: ids, parent link).</summary>
    public WorkflowInstance WorkflowInstance => _session.Instance;

    /// <summary>Completes this activity with the given outcomes (<c>Done</c> when none are given).</summary>
    public void Complete(params string[] outcomes) =>
        _session.CompleteActivity(Instance, outcomes.Length == 0 ? [ActivityOutcomes.Done] : outcomes);

    /// <summary>
    /// Makes the workflow wait here. <paramref name="scopedToActivity"/> false lets a stimulus with the same name and
    /// payload find it from outside (events); true ties the hash to this activity instance (timers, tasks).
    /// </summary>
    public Bookmark CreateBookmark(string name, JsonObject? payload = null, DateTimeOffset? resumeAt = null, bool scopedToActivity = true) =>
        _session.CreateBookmark(Instance, Node, name, payload ?? [], resumeAt, scopedToActivity);

    /// <summary>Schedules a child activity (a container's body); <see cref="IActivity.OnChildCompletedAsync"/> follows.</summary>
    public void ScheduleChild(ActivityNode child) => _session.ScheduleChild(Instance, child);

    /// <summary>Schedules a child with variables of its own (a loop body's current item), hiding workflow variables of the same name.</summary>
    public void ScheduleChild(ActivityNode child, JsonObject locals) => _session.ScheduleChild(Instance, child, locals);

    /// <summary>The activity instances this one has scheduled that are still active.</summary>
    public int ActiveChildCount => _session.ChildrenOf(Instance.Id).Count();

    /// <summary>Queues a side effect to run after the burst commits (see <see cref="OutboxMessage"/>).</summary>
    public void Emit(string kind, JsonObject payload) => _session.Emit(kind, payload);

    /// <summary>Ends the whole workflow now: every active activity and bookmark is dropped (Elsa.Finish).</summary>
    public void FinishWorkflow() => _session.FinishWorkflow();
}
