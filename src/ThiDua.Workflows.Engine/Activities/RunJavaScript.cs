namespace ThiDua.Workflows.Engine.Activities;

/// <summary>
/// Elsa.RunJavaScript: runs <c>script</c> with the workflow's globals (variables, inputs, outputs); its value is the
/// <c>result</c> output, and <c>setOutcome('X')</c> / <c>setOutcomes([...])</c> choose the ports (default <c>Done</c>).
/// </summary>
[Activity(TypeName, Category = "Scripting", DisplayName = "Run JavaScript", Description = "Runs a JavaScript script.")]
public sealed class RunJavaScript : IActivity
{
    public const string TypeName = "Elsa.RunJavaScript";

    public static readonly Input<string> Script = new("script", null, "The script to run.");

    public ValueTask ExecuteAsync(ActivityContext context)
    {
        // The script is code whether the file stores it as a Literal or as a JavaScript expression: it is run, not evaluated first.
        var script = InputValue.Read(context.Node.Properties[Script.Name]) is { } expression
                     && expression.Type is Expressions.Expression.LiteralType or Expressions.Expression.JavaScriptType
            ? expression.Text
            : context.Get(Script);
        // Elsa scripts may `return` a value at the top level; such a script runs as a function body.
        if (script is not null && Expressions.JavaScriptEvaluator.CheckSyntax(script) is not null)
        {
            var wrapped = "(function () {\n" + script + "\n})()";
            if (Expressions.JavaScriptEvaluator.CheckSyntax(wrapped) is null) script = wrapped;
        }

        var outcomes = new List<string>();
        if (!string.IsNullOrWhiteSpace(script))
            context.SetOutput("result", context.RunScript(script, outcomes));
        context.Complete([.. outcomes]);
        return ValueTask.CompletedTask;
    }
}
