using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace ThiDua.Workflows.Notifications.Mail;

/// <summary>
/// Mail bodies from Liquid templates kept as files (<c>Templates/NAME.html.liquid</c>, <c>NAME.txt.liquid</c>,
/// <c>NAME.subject.liquid</c>). HTML is encoded for HTML but keeps Vietnamese letters as they are.
/// </summary>
public sealed class MailTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new();
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "Templates");
    private readonly TemplateOptions _options = new() { MemberAccessStrategy = UnsafeMemberAccessStrategy.Instance };

    public (string Subject, string Html, string Text) Render(string name, IReadOnlyDictionary<string, object?> model)
    {
        var context = new TemplateContext(_options);
        foreach (var (key, value) in model) context.SetValue(key, value);
        return (
            Template($"{name}.subject").Render(context, NullEncoder.Default).Trim(),
            Template($"{name}.html").Render(context, Html),
            Template($"{name}.txt").Render(context, NullEncoder.Default));
    }

    private IFluidTemplate Template(string name) => _cache.GetOrAdd(name, n =>
    {
        var source = File.ReadAllText(Path.Combine(_folder, n + ".liquid"));
        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Mail template {n}: {error}");
    });
}
