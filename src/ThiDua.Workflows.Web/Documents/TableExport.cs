using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ThiDua.Workflows.Web.Documents;

/// <summary>A list as people export it: a name, column headers, rows of text.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Writes a list as CSV (UTF-8 with BOM, which Excel needs for diacritics) or as an Excel workbook, safe against
/// formula injection (OWASP "CSV injection"): in CSV a cell that starts with =, +, -, @, tab or carriage return gets a
/// leading apostrophe, so a spreadsheet shows it as text; in the workbook every cell is an inline string, never a
/// formula, so "=HYPERLINK(…)" typed into a nomination opens as those characters.
/// </summary>
public static class TableExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool Dangerous(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static byte[] Csv(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        foreach (var row in table.Rows.Prepend(table.Headers))
            text.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A workbook with one sheet per table.</summary>
    public static byte[] Xlsx(params ExportTable[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint number = 0;
            foreach (var table in tables)
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(Sheet(workbook, table)), SheetId = ++number, Name = SheetName(table.Name) });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static WorksheetPart Sheet(WorkbookPart workbook, ExportTable table)
    {
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 0;
        foreach (var row in table.Rows.Prepend(table.Headers))
        {
            index++;
            data.Append(new Row(row.Select(value => new Cell
            {
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }),
            })) { RowIndex = index });
        }

        var widths = new Columns(table.Headers.Select((h, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = Math.Clamp(table.Rows.Select(r => i < r.Count ? r[i].Length : 0).Append(h.Length).Max() + 2, 8, 60),
            CustomWidth = true,
        }));
        sheetPart.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            widths, data);
        return sheetPart;
    }

    private static string Field(string value)
    {
        if (Dangerous(value)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    // Excel refuses sheet names over 31 characters or with []:*?/\.
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Danh sách" : clean;
    }
}
