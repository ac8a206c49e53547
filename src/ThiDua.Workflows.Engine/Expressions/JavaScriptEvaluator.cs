using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace ThiDua.Workflows.Engine.Expressions;

/// <summary>
/// JavaScript expressions through Jint, with the Elsa globals that make sense here (elsa-3-reference.md §3.10):
/// <c>variables.X</c>, <c>getX()</c>/<c>setX(v)</c> per variable, <c>getVariable</c>/<c>setVariable</c>,
/// <c>getInput</c>, <c>getX()</c> per workflow input, instance/definition/correlation accessors and small helpers.
/// Parsed scripts are cached; each evaluation gets a fresh, sandboxed engine.
/// </summary>
internal sealed class JavaScriptEvaluator
{
    private readonly ConcurrentDictionary<string, Prepared<Script>> _scripts = new();
    private readonly ConcurrentDictionary<string, Prepared<Script>> _preludes = new();

    /// <summary>Returns a syntax error message, or null when the code parses.</summary>
    public static string? CheckSyntax(string code)
    {
        try
        {
            JsEngine.PrepareScript(code);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message;
        }
    }

    public JsonNode? Evaluate(string code, IExpressionScope scope)
    {
        Prepared<Script> script;
        try
        {
            script = _scripts.GetOrAdd(code, static c => JsEngine.PrepareScript(c));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ExpressionException($"JavaScript syntax error: {ex.Message}", ex);
        }

        var engine = new JsEngine(options => options
            .TimeoutInterval(TimeSpan.FromSeconds(5))
            .LimitRecursion(256)
            .LimitMemory(64 * 1024 * 1024)
            .Strict(false));
        Register(engine, scope);
        try
        {
            return ToJson(engine, engine.Evaluate(script));
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException($"JavaScript error: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is TimeoutException or MemoryLimitExceededException or RecursionDepthOverflowException or StatementsCountOverflowException)
        {
            throw new ExpressionException($"JavaScript stopped: {ex.Message}", ex);
        }
    }

    private void Register(JsEngine engine, IExpressionScope scope)
    {
        engine.SetValue("getVariable", new Func<string, JsValue>(name => ToJs(engine, scope.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => scope.SetVariable(name, ToJson(engine, value))));
        engine.SetValue("getInput", new Func<string, JsValue>(name => ToJs(engine, scope.Input[name])));
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => scope.InstanceId));
        engine.SetValue("getWorkflowDefinitionId", new Func<string>(() => scope.DefinitionId));
        engine.SetValue("getWorkflowDefinitionVersionId", new Func<string>(() => scope.DefinitionVersionId));
        engine.SetValue("getWorkflowDefinitionVersion", new Func<int>(() => scope.DefinitionVersion));
        engine.SetValue("getWorkflowInstanceName", new Func<string?>(() => scope.InstanceName));
        engine.SetValue("setWorkflowInstanceName", new Action<string?>(name => scope.InstanceName = name));
        engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        engine.SetValue("setCorrelationId", new Action<string?>(id => scope.CorrelationId = id));
        engine.SetValue("newGuid", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newGuidString", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newShortGuid", new Func<string>(() => Guid.NewGuid().ToString("N")[..12]));
        engine.SetValue("isNullOrEmpty", new Func<string?, bool>(string.IsNullOrEmpty));
        engine.SetValue("isNullOrWhiteSpace", new Func<string?, bool>(string.IsNullOrWhiteSpace));
        engine.SetValue("toJson", new Func<JsValue, string>(value => ToJson(engine, value)?.ToJsonString() ?? "null"));

        engine.SetValue("getOutputFrom", new Func<string, string?, JsValue>((activity, output) =>
            ToJs(engine, scope.GetActivityOutput(activity, string.IsNullOrEmpty(output) ? "result" : output))));
        engine.SetValue("getLastResult", new Func<JsValue>(() => ToJs(engine, scope.LastResult)));
        if (scope.ScriptOutcomes is { } outcomes)
        {
            engine.SetValue("setOutcome", new Action<string>(outcome =>
            {
                outcomes.Clear();
                outcomes.Add(outcome);
            }));
            engine.SetValue("setOutcomes", new Action<string[]>(values =>
            {
                outcomes.Clear();
                outcomes.AddRange(values);
            }));
        }

        // get<Output>From<Activity>() for each output recorded so far, named by the activity's name or id.
        if (scope.ActivityOutputs is { } recorded)
        {
            var names = scope.ActivityIdByName.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);
            foreach (var (activityId, outputs) in recorded)
            {
                if (outputs is not JsonObject values) continue;
                var activityName = names.GetValueOrDefault(activityId) ?? activityId;
                foreach (var (output, _) in values)
                {
                    var accessor = "get" + Pascal(output) + "From" + Pascal(activityName);
                    var (outputActivity, outputKey) = (activityId, output);
                    if (IsIdentifier(accessor)) engine.SetValue(accessor, new Func<JsValue>(() => ToJs(engine, scope.GetActivityOutput(outputActivity, outputKey))));
                }
            }
        }

        // Declared inputs first (an input the start did not give reads as null), then whatever the start gave.
        foreach (var name in scope.InputNames.Concat(scope.Input.Select(p => p.Key)).Distinct(StringComparer.Ordinal))
            if (IsIdentifier(name) && !scope.VariableNames.Contains(name))
                engine.SetValue("get" + name, new Func<JsValue>(() => ToJs(engine, scope.Input[name])));

        foreach (var name in scope.VariableNames.Where(IsIdentifier))
        {
            engine.SetValue("get" + name, new Func<JsValue>(() => ToJs(engine, scope.GetVariable(name))));
            engine.SetValue("set" + name, new Action<JsValue>(value => scope.SetVariable(name, ToJson(engine, value))));
        }

        // `variables.X` reads and writes through accessors, so assignments reach the workflow's variables.
        var key = string.Join('\u001f', scope.VariableNames);
        var prelude = _preludes.GetOrAdd(key, _ => JsEngine.PrepareScript(
            "var variables = {};" + string.Concat(scope.VariableNames.Select(n =>
                $"Object.defineProperty(variables, {JsonValue.Create(n)!.ToJsonString()}, {{ get: function () {{ return getVariable({JsonValue.Create(n)!.ToJsonString()}); }}, set: function (v) {{ setVariable({JsonValue.Create(n)!.ToJsonString()}, v); }}, enumerable: true }});"))));
        engine.Execute(prelude);
    }

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static JsValue ToJs(JsEngine engine, JsonNode? node) => node switch
    {
        null => JsValue.Null,
        JsonValue v when v.TryGetValue(out string? s) => new JsString(s),
        _ => new JsonParser(engine).Parse(node.ToJsonString()),
    };

    private static JsonNode? ToJson(JsEngine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull()) return null;
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());
        if (value.IsNumber()) return JsonValues.From(value.AsNumber());
        var json = new JsonSerializer(engine).Serialize(value, JsValue.Undefined, JsValue.Undefined);
        return json.IsUndefined() ? JsonValues.From(value.ToObject()) : JsonNode.Parse(json.AsString());
    }
}
