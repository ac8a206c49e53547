using DocumentFormat.OpenXml.Packaging;
using ThiDua.Workflows.Nominations.Documents;

namespace ThiDua.Workflows.Nominations.Tests;

/// <summary>The default templates kept in the repository: current with their builder, every required field named, filled without leftovers.</summary>
public sealed class DocumentTemplateTests
{
    public static TheoryData<string> Kinds => new(DocumentTemplates.All.Select(k => k.Code));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheShippedTemplate_IsTheBuiltOne_AndNamesEveryRequiredField(string code)
    {
        var kind = DocumentTemplates.Find(code)!;
        var shipped = DocumentTemplates.Default(kind);
        Assert.Empty(DocumentTemplates.MissingFields(kind, shipped));
        // Regenerate with "thidua templates write --to src/ThiDua.Workflows.Nominations/Documents/Templates" after changing the builder.
        Assert.Equal(BodyXml(DocumentTemplates.BuildDefault(kind)), BodyXml(shipped));
    }

    [Fact]
    public void Filling_RepeatsTheRow_KeepsASectionOnlyWithItsList_AndLeavesNoControls()
    {
        var template = DocumentTemplates.Default(DocumentTemplates.Decision);
        var data = new DocumentData();
        data["so_ky_hieu"] = "12/QĐ-UBND";
        data["dieu_khoan"] = "**Điều 1.** Tặng danh hiệu.\n**Điều 2.** Thi hành.";
        var single = DocxTemplate.Fill(template, data);
        Assert.DoesNotContain("DANH SÁCH", Text(single), StringComparison.Ordinal);
        data.Lists["danh_sach"] = [new Dictionary<string, string> { ["stt"] = "1", ["ten"] = "Nguyễn Thị Ánh" }, new Dictionary<string, string> { ["stt"] = "2", ["ten"] = "Đỗ Văn Ân" }];
        var listed = DocxTemplate.Fill(template, data);
        var text = Text(listed);
        Assert.Contains("Số: 12/QĐ-UBND", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Ánh", text, StringComparison.Ordinal);
        Assert.Contains("Đỗ Văn Ân", text, StringComparison.Ordinal);
        Assert.Contains("DANH SÁCH", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.Empty(DocxTemplate.TagsOf(listed));
    }

    private static string BodyXml(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document!.Body!.OuterXml;
    }

    private static string Text(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }
}
