using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>
/// Writes the default document templates in the ND 30/2020 layout: A4, Times New Roman 13–14 pt, the two-column
/// heading (issuer and number on the left, national motto and place/date on the right), centred titles. Text may name
/// fields as <c>{tag}</c>; each becomes a content control the office can move and restyle in Word and
/// <see cref="DocxTemplate"/> fills. <see cref="Block"/> is a field of whole paragraphs, <see cref="Table"/> a
/// repeating row, <see cref="Section"/> a part kept only when its list has rows.
/// </summary>
public sealed partial class WordWriter
{
    private const int TextWidth = 9355;
    private readonly List<OpenXmlElement> _body = [];

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex FieldPattern();

    /// <summary>Issuer (bold lines of <paramref name="issuerField"/>, under an optional plain superior body), number, motto, place and date.</summary>
    public WordWriter Heading(string issuerField, string? superiorField = null)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        // Fixed columns (twips of the 165 mm text width): the motto stays on one line.
        table.Append(new TableGrid(new GridColumn { Width = "3600" }, new GridColumn { Width = "5755" }));
        var left = new List<OpenXmlElement>();
        if (superiorField is not null) left.Add(P($"{{{superiorField}}}", 26, center: true));
        left.Add(BlockOf(issuerField, P($"{{{issuerField}}}", 26, bold: true, center: true)));
        left.Add(P("———", 26, center: true));
        left.Add(P("Số: {so_ky_hieu}", 26, center: true));
        table.Append(new TableRow(
            Cell(1900, left),
            Cell(3100, [P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, bold: true, center: true), P("Độc lập - Tự do - Hạnh phúc", 26, bold: true, center: true),
                P("———————", 26, center: true), P("{dia_danh_ngay}", 26, italic: true, center: true)])));
        _body.Add(table);
        _body.Add(P("", 26));
        return this;
    }

    public WordWriter Centered(string text, bool bold = false, bool italic = false, int halfPoints = 28)
    {
        _body.Add(P(text, halfPoints, bold: bold, italic: italic, center: true));
        return this;
    }

    /// <summary>A line set to the right (the place and date of a report).</summary>
    public WordWriter Right(string text, bool italic = false)
    {
        var paragraph = P(text, 26, italic: italic);
        paragraph.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Right });
        _body.Add(paragraph);
        return this;
    }

    /// <summary>Two signatures side by side (no "Nơi nhận"): the left certifies, the right signs; the name under the right one.</summary>
    public WordWriter Signatures(string leftTag, string rightTag)
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        var left = new List<OpenXmlElement> { BlockOf(leftTag, P($"{{{leftTag}}}", 26, bold: true, center: true)) };
        var right = new List<OpenXmlElement> { BlockOf(rightTag, P($"{{{rightTag}}}", 26, bold: true, center: true)), P("", 26), P("", 26), P("", 26), P("{nguoi_ky}", 28, bold: true, center: true) };
        table.Append(new TableRow(Cell(2500, left), Cell(2500, right)));
        _body.Add(P("", 26));
        _body.Add(table);
        return this;
    }

    public WordWriter Text(string text, bool bold = false, bool italic = false)
    {
        _body.Add(P(text, 28, bold: bold, italic: italic, justify: true, indent: true));
        return this;
    }

    /// <summary>A field of whole paragraphs (one per line of its value), each styled as this one.</summary>
    public WordWriter Block(string tag, bool bold = false, bool italic = false, bool center = false, int halfPoints = 28)
    {
        _body.Add(BlockOf(tag, P($"{{{tag}}}", halfPoints, bold: bold, italic: italic, center: center, justify: !center, indent: !center)));
        return this;
    }

    /// <summary>What follows starts on a new page (an annex).</summary>
    public WordWriter PageBreak()
    {
        _body.Add(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    /// <summary>A part of the document kept only when the list named <paramref name="list"/> has rows.</summary>
    public WordWriter Section(string list, Action<WordWriter> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var inner = new WordWriter();
        content(inner);
        var block = new SdtBlock(Properties(DocxTemplate.SectionPrefix + list), new SdtContentBlock(inner._body.Select(e => e.CloneNode(true))));
        _body.Add(block);
        return this;
    }

    /// <summary>A bordered table: a header row, then one row per item of <paramref name="list"/> with <paramref name="cells"/> as fields; widths in twips.</summary>
    public WordWriter Table(string list, IReadOnlyList<string> headers, IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(widths);
        var border = new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, border, new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        var header = new TableRow(headers.Select(h => Cell(0, [P(h, 24, bold: true, center: true)])).ToArray());
        header.PrependChild(new TableRowProperties(new TableHeader()));
        table.Append(header);
        var row = new TableRow(cells.Select(c => Cell(0, [P($"{{{c}}}", 24)])).ToArray());
        table.Append(new SdtRow(Properties(list), new SdtContentRow(row)));
        _body.Add(table);
        _body.Add(P("", 24));
        return this;
    }

    /// <summary>Recipients (Nơi nhận) on the left, the signature on the right: its form and title, room for signature and seal, the signer's name.</summary>
    public WordWriter Signature()
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        var left = new List<OpenXmlElement> { P("Nơi nhận:", 24, bold: true, italic: true), BlockOf("noi_nhan", P("{noi_nhan}", 22)) };
        var right = new List<OpenXmlElement>
        {
            BlockOf("chu_ky", P("{chu_ky}", 26, bold: true, center: true)), P("", 26), P("", 26), P("", 26), P("{nguoi_ky}", 28, bold: true, center: true),
        };
        table.Append(new TableRow(Cell(2500, left), Cell(2500, right)));
        _body.Add(P("", 26));
        _body.Add(table);
        return this;
    }

    public byte[] ToDocx(bool landscape = false)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var element in _body) body.Append(element.CloneNode(true));
            // A4; margins 20 mm top/bottom, 30 mm left, 15 mm right (ND 30/2020 Annex I).
            body.Append(new SectionProperties(
                landscape ? new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape } : new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 850, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                new FontSize { Val = "28" }, new Languages { Val = "vi-VN" }))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The text width in twips (A4 less the ND 30 margins), for column widths.</summary>
    public static int Width => TextWidth;

    private static SdtBlock BlockOf(string tag, Paragraph paragraph)
    {
        // The paragraph's own {tag} run would be a second control: the block holds plain placeholder text.
        foreach (var inner in paragraph.Descendants<SdtRun>().ToList())
        {
            foreach (var run in inner.Descendants<Run>().ToList()) inner.InsertBeforeSelf(run.CloneNode(true));
            inner.Remove();
        }

        return new SdtBlock(Properties(tag), new SdtContentBlock(paragraph));
    }

    private static SdtProperties Properties(string tag) => new(new SdtAlias { Val = tag }, new Tag { Val = tag });

    private static TableCell Cell(int pct50, IEnumerable<OpenXmlElement> content)
    {
        var cell = new TableCell();
        if (pct50 > 0) cell.Append(new TableCellProperties(new TableCellWidth { Width = pct50.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Pct }));
        cell.Append(content);
        return cell;
    }

    private static Paragraph P(string text, int halfPoints, bool bold = false, bool italic = false, bool center = false, bool justify = false, bool indent = false)
    {
        // Schema order: spacing, ind, jc.
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "60", Line = "276", LineRule = LineSpacingRuleValues.Auto });
        if (indent) properties.Append(new Indentation { FirstLine = "567" });
        if (center) properties.Append(new Justification { Val = JustificationValues.Center });
        else if (justify) properties.Append(new Justification { Val = JustificationValues.Both });
        var paragraph = new Paragraph(properties);
        var at = 0;
        foreach (Match field in FieldPattern().Matches(text))
        {
            if (field.Index > at) paragraph.Append(RunOf(text[at..field.Index], halfPoints, bold, italic));
            var tag = field.Groups[1].Value;
            paragraph.Append(new SdtRun(Properties(tag), new SdtContentRun(RunOf(field.Value, halfPoints, bold, italic))));
            at = field.Index + field.Length;
        }

        if (at < text.Length || at == 0) paragraph.Append(RunOf(text[at..], halfPoints, bold, italic));
        return paragraph;
    }

    private static Run RunOf(string text, int halfPoints, bool bold = false, bool italic = false)
    {
        var properties = new RunProperties();
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        properties.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
