using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace ThiDua.Workflows.Engine.Expressions;

/// <summary>
/// Liquid templates through Fluid, with Elsa's context objects (<c>Variables</c>, <c>Input</c>, <c>CorrelationId</c>,
/// <c>WorkflowInstanceId</c>, <c>WorkflowDefinitionId</c>, ...). Output is plain text: Vietnamese stays as written.
/// </summary>
internal sealed class LiquidEvaluator
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new();

    public static string? CheckSyntax(string source) =>
        Parser.TryParse(source, out _, out var error) ? null : error;

    public string Render(string source, IExpressionScope scope, TextEncoder? encoder = null)
    {
        var template = _templates.GetOrAdd(source, static s =>
            Parser.TryParse(s, out var t, out var error) ? t : throw new ExpressionException($"Liquid syntax error: {error}"));

        var context = new TemplateContext(Options);
        context.SetValue("Variables", scope.VariableNames.ToDictionary(n => n, n => JsonValues.ToClr(scope.GetVariable(n))));
        context.SetValue("Input", JsonValues.ToClr(scope.Input));
        context.SetValue("CorrelationId", scope.CorrelationId);
        context.SetValue("WorkflowInstanceId", scope.InstanceId);
        context.SetValue("WorkflowDefinitionId", scope.DefinitionId);
        context.SetValue("WorkflowDefinitionVersionId", scope.DefinitionVersionId);
        context.SetValue("WorkflowDefinitionVersion", scope.DefinitionVersion);
        try
        {
            // Plain text by default; callers rendering HTML pass an HTML encoder that keeps Unicode letters.
            return template.Render(context, encoder ?? NullEncoder.Default);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ExpressionException)
        {
            throw new ExpressionException($"Liquid error: {ex.Message}", ex);
        }
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy = UnsafeMemberAccessStrategy.Instance;
        return options;
    }
}
