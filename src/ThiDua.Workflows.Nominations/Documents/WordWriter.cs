using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>
/// A small writer for administrative documents in the ND 30/2020 layout: A4, Times New Roman 13–14 pt, the two-column
/// heading (issuer and number on the left, national motto and place/date on the right), centred titles.
/// </summary>
public sealed class WordWriter
{
    private readonly List<OpenXmlElement> _body = [];

    public WordWriter Heading(string issuerAbove, string issuer, string number, string placeAndDate)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })));
        // Fixed columns (twips of the 165 mm text width): the motto stays on one line.
        table.GetFirstChild<TableProperties>()!.Append(new TableLayout { Type = TableLayoutValues.Fixed });
        table.Append(new TableGrid(new GridColumn { Width = "3400" }, new GridColumn { Width = "5955" }));
        table.Append(new TableRow(
            Cell(1800, P(issuerAbove, 26, center: true), P(issuer, 26, bold: true, center: true), P("———", 26, center: true), P("Số: " + number, 26, center: true)),
            Cell(3200, P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, bold: true, center: true), P("Độc lập - Tự do - Hạnh phúc", 26, bold: true, center: true),
                P("———————", 26, center: true), P(placeAndDate, 26, italic: true, center: true))));
        _body.Add(table);
        _body.Add(P("", 26));
        return this;
    }

    public WordWriter Title(string text, string? subtitle = null)
    {
        _body.Add(P(text, 28, bold: true, center: true));
        if (subtitle is not null) _body.Add(P(subtitle, 28, bold: true, center: true));
        return this;
    }

    public WordWriter Centered(string text, bool bold = false) { _body.Add(P(text, 28, bold: bold, center: true)); return this; }

    public WordWriter Text(string text, bool bold = false, bool italic = false) { _body.Add(P(text, 28, bold: bold, italic: italic, justify: true, indent: true)); return this; }

    /// <summary>A label in bold followed by text, in one paragraph (Điều 1. ...).</summary>
    public WordWriter Article(string label, string text)
    {
        var paragraph = Paragraph(justify: true, indent: true);
        paragraph.Append(RunOf(label + " ", 28, bold: true), RunOf(text, 28));
        _body.Add(paragraph);
        return this;
    }

    /// <summary>What follows starts on a new page (an annex).</summary>
    public WordWriter PageBreak()
    {
        _body.Add(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    /// <summary>A bordered table; <paramref name="widths"/> in twips (the text width is 9,355).</summary>
    public WordWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<int>? widths = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var border = new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, border));
        if (widths is not null)
        {
            table.GetFirstChild<TableProperties>()!.Append(new TableLayout { Type = TableLayoutValues.Fixed });
            table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        }

        table.Append(new TableRow(headers.Select(h => Cell(0, P(h, 26, bold: true, center: true))).ToArray()));
        foreach (var row in rows) table.Append(new TableRow(row.Select(c => Cell(0, P(c, 26))).ToArray()));
        _body.Add(table);
        _body.Add(P("", 26));
        return this;
    }

    /// <summary>The legal grounds (căn cứ), one italic paragraph each.</summary>
    public WordWriter Grounds(IEnumerable<string> grounds)
    {
        ArgumentNullException.ThrowIfNull(grounds);
        foreach (var ground in grounds) Text(ground, italic: true);
        return this;
    }

    /// <summary>Recipients (Nơi nhận) on the left, the signer's title on the right (room left for signature and seal).</summary>
    public WordWriter Signature(IEnumerable<string> recipients, string signerTitle)
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        var left = new List<Paragraph>();
        var list = recipients.ToList();
        if (list.Count > 0) left.Add(P("Nơi nhận:", 24, bold: true, italic: true));
        left.AddRange(list.Select(r => P("- " + r, 22)));
        if (left.Count == 0) left.Add(P("", 24));
        var right = new List<Paragraph> { P(signerTitle, 26, bold: true, center: true), P("", 26), P("", 26), P("", 26) };
        table.Append(new TableRow(Cell(2500, [.. left]), Cell(2500, [.. right])));
        _body.Add(P("", 26));
        _body.Add(table);
        return this;
    }

    public byte[] ToDocx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var element in _body) body.Append(element.CloneNode(true));
            // A4; margins 20 mm top/bottom, 30 mm left, 15 mm right (ND 30/2020 Annex I).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
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

    private static TableCell Cell(int pct50, params Paragraph[] paragraphs)
    {
        var cell = new TableCell();
        if (pct50 > 0) cell.Append(new TableCellProperties(new TableCellWidth { Width = pct50.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Pct }));
        cell.Append(paragraphs);
        return cell;
    }

    private static Paragraph P(string text, int halfPoints, bool bold = false, bool italic = false, bool center = false, bool justify = false, bool indent = false)
    {
        var paragraph = Paragraph(center, justify, indent);
        paragraph.Append(RunOf(text, halfPoints, bold, italic));
        return paragraph;
    }

    private static Paragraph Paragraph(bool center = false, bool justify = false, bool indent = false)
    {
        // Schema order: spacing, ind, jc.
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "60", Line = "288", LineRule = LineSpacingRuleValues.Auto });
        if (indent) properties.Append(new Indentation { FirstLine = "567" });
        if (center) properties.Append(new Justification { Val = JustificationValues.Center });
        else if (justify) properties.Append(new Justification { Val = JustificationValues.Both });
        return new Paragraph(properties);
    }

    private static Run RunOf(string text, int halfPoints, bool bold = false, bool italic = false)
    {
        var properties = new RunProperties();
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        properties.Append(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
