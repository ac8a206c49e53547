using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>What fills a template: single fields by tag, and lists whose items fill a repeating table row.</summary>
public sealed class DocumentData
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> Lists { get; } = new(StringComparer.Ordinal);

    public string this[string tag]
    {
        get => Fields.GetValueOrDefault(tag, "");
        set => Fields[tag] = value;
    }
}

/// <summary>
/// Fills a Word template whose fields are content controls named by their tag: a control inside a line takes the
/// text (a line break per "\n"); a control around paragraphs takes one paragraph per line, styled as its first
/// ("**…**" is bold); a control around a table row repeats the row once per list item; a control tagged
/// <c>khi:list</c> keeps its content only when the list has items. The controls are removed, leaving plain text.
/// </summary>
public static class DocxTemplate
{
    public const string SectionPrefix = "khi:";

    /// <summary>Every field tag the template names (sections as <c>khi:list</c>).</summary>
    public static IReadOnlySet<string> TagsOf(byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        using var stream = new MemoryStream(docx, writable: false);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart?.Document?.Body;
        return body is null ? new HashSet<string>() : body.Descendants<SdtElement>().Select(TagOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    public static byte[] Fill(byte[] template, DocumentData data)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            foreach (var section in body.Descendants<SdtBlock>().Where(b => TagOf(b)?.StartsWith(SectionPrefix, StringComparison.Ordinal) == true).ToList())
            {
                var list = TagOf(section)![SectionPrefix.Length..];
                if (data.Lists.GetValueOrDefault(list) is { Count: > 0 }) Unwrap(section);
                else section.Remove();
            }

            foreach (var row in body.Descendants<SdtRow>().ToList()) FillRows(row, data);
            foreach (var block in body.Descendants<SdtBlock>().ToList()) FillBlock(block, data[TagOf(block) ?? ""]);
            foreach (var cell in body.Descendants<SdtCell>().ToList()) Unwrap(cell);
            foreach (var run in body.Descendants<SdtRun>().ToList()) FillRun(run, data[TagOf(run) ?? ""]);
            document.MainDocumentPart.Document.Save();
        }

        return stream.ToArray();
    }

    private static string? TagOf(SdtElement element) => element.SdtProperties?.GetFirstChild<Tag>()?.Val?.Value;

    private static void FillRows(SdtRow control, DocumentData data)
    {
        var template = control.Descendants<TableRow>().FirstOrDefault();
        var items = data.Lists.GetValueOrDefault(TagOf(control) ?? "") ?? [];
        if (template is not null)
        {
            foreach (var item in items)
            {
                var row = (TableRow)template.CloneNode(true);
                foreach (var run in row.Descendants<SdtRun>().ToList())
                {
                    var tag = TagOf(run) ?? "";
                    FillRun(run, item.TryGetValue(tag, out var value) ? value : data[tag]);
                }

                control.InsertBeforeSelf(row);
            }
        }

        control.Remove();
    }

    private static void FillBlock(SdtBlock control, string value)
    {
        var template = control.Descendants<Paragraph>().FirstOrDefault();
        if (template is not null && value.Length > 0)
        {
            var style = template.Descendants<Run>().FirstOrDefault()?.RunProperties;
            foreach (var line in value.Split('\n'))
            {
                var paragraph = new Paragraph(template.ParagraphProperties?.CloneNode(true) ?? new ParagraphProperties());
                // "**Điều 1.** Tặng …": the parts between ** are bold.
                var parts = line.Split("**");
                for (var i = 0; i < parts.Length; i++)
                {
                    if (parts[i].Length == 0) continue;
                    var properties = (RunProperties?)style?.CloneNode(true) ?? new RunProperties();
                    if (i % 2 == 1 && properties.Bold is null) properties.PrependChild(new Bold());
                    paragraph.Append(new Run(properties, new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve }));
                }

                control.InsertBeforeSelf(paragraph);
            }
        }

        control.Remove();
    }

    private static void FillRun(SdtRun control, string value)
    {
        var style = control.Descendants<Run>().FirstOrDefault()?.RunProperties;
        var lines = value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = new Run((RunProperties?)style?.CloneNode(true) ?? new RunProperties());
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            control.InsertBeforeSelf(run);
        }

        control.Remove();
    }

    private static void Unwrap(SdtElement control)
    {
        var content = control.ChildElements.FirstOrDefault(c => c is SdtContentBlock or SdtContentCell or SdtContentRow or SdtContentRun);
        if (content is not null)
            foreach (var child in content.ChildElements.ToList()) control.InsertBeforeSelf(child.CloneNode(true));
        control.Remove();
    }
}
