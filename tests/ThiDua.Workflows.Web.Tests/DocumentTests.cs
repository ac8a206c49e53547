using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ThiDua.Workflows.Testing;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Documents;
using ThiDua.Workflows.Nominations.Services;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>
/// The documents as the office prints them, read back from the .docx: ND 30 dates, number and symbol, addressee,
/// the KT. signature of a vice-chair, the annexed list; the same text in the PDF LibreOffice makes (a PNG of page 1
/// of each is saved under artifacts/documents); templates the office uploads; the province package; exports safe
/// against formula injection.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class DocumentTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    private static string Artifacts { get; } = Path.Combine(TestEnvironment.RepositoryRoot(), "artifacts", "documents");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [Fact]
    public async Task Decisions_ReadBack_Nd30Dates_Number_Diacritics_ViceChairSignsKT_ListRows()
    {
        var ids = new List<string>();
        foreach (var name in new[] { "Đặng Thị Hường", "Lê Văn Đức", "Nguyễn Thị Ánh Tuyết" })
        {
            var person = await _api.NewPersonAsync("thon1", "thon-1", name);
            ids.Add((await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
                achievementSummary = "Hoàn thành xuất sắc chuyển đổi số ở thôn.", performanceRating = "Good" }))["id"]!.GetValue<string>());
        }

        var numbers = host.Services.GetRequiredService<DocumentNumbers>();
        var contexts = host.Services.GetRequiredService<NominationsContexts>();
        // The vice-chair signs (demo user "phochutich", signing title "Phó Chủ tịch"): KT. CHỦ TỊCH over PHÓ CHỦ TỊCH.
        var dates = new[] { new DateTimeOffset(2026, 5, 5, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 15, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 2, 1, 2, 0, 0, TimeSpan.Zero) };
        var expected = new[] { "Trường Lưu, ngày 05 tháng 5 năm 2026", "Trường Lưu, ngày 15 tháng 12 năm 2026", "Trường Lưu, ngày 01 tháng 02 năm 2027" };
        for (var i = 0; i < 3; i++)
        {
            var decision = await numbers.IssueAsync("Award", "QĐ-TEST", "nomination:" + ids[i], "Quyết định thử", "phochutich", dates[i].Year);
            await using (var db = contexts.Create())
                await db.Decisions.Where(d => d.Id == decision.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.SignedAt, dates[i]));
            var text = await DocxTextAsync($"/api/decisions/{decision.Id}/document");
            Assert.Contains("Số: " + decision.DocumentNumber, text);
            Assert.Contains(expected[i], text);
            Assert.Contains("ỦY BAN NHÂN DÂN\nXÃ TRƯỜNG LƯU", text);
            Assert.Contains("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TRƯỜNG LƯU", text);
            Assert.Contains("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", text);
            Assert.Contains("Trần Văn Bình", text);
            Assert.Contains(new[] { "Đặng Thị Hường", "Lê Văn Đức", "Nguyễn Thị Ánh Tuyết" }[i], text);
            Assert.DoesNotContain("{", text);
            if (i == 0) await SavePdfAsync($"/api/decisions/{decision.Id}/document", "quyet-dinh-pho-chu-tich-ky", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", expected[i], decision.DocumentNumber);
        }

        // The chair's own signature has no KT.; a list decision annexes one row per nominee.
        var list = await numbers.IssueAsync("Award", "QĐ-TEST", "list:document-test", "Quyết định thử kèm danh sách", "chutich", 2026);
        await using (var db = contexts.Create())
            await db.Nominations.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.DecisionId, list.Id));
        var listText = await DocxTextAsync($"/api/decisions/{list.Id}/document");
        Assert.DoesNotContain("KT. CHỦ TỊCH", listText);
        Assert.Contains("\nCHỦ TỊCH\n", listText);
        Assert.Contains("Nguyễn Văn Hùng", listText);
        Assert.Contains($"(Kèm theo Quyết định số {list.DocumentNumber}", listText);
        var rows = await TableRowsAsync($"/api/decisions/{list.Id}/document");
        Assert.Equal(["1", "Đặng Thị Hường", "Thôn 1", "Lao động tiên tiến"], rows[1][..4]);
        Assert.Equal(["3", "Nguyễn Thị Ánh Tuyết", "Thôn 1", "Lao động tiên tiến"], rows[3][..4]);
        Assert.Equal(4, rows.Count); // header + three

        await SavePdfAsync($"/api/decisions/{list.Id}/document", "quyet-dinh-kem-danh-sach", "Nguyễn Thị Ánh Tuyết", list.DocumentNumber);
        await SavePdfAsync($"/api/nominations/{ids[0]}/documents/danh-sach", "danh-sach-trich-ngang", "Đặng Thị Hường", "DANH SÁCH TRÍCH NGANG");
        await SavePdfAsync($"/api/nominations/{ids[0]}/documents/bao-cao-thanh-tich", "bao-cao-thanh-tich", "Đặng Thị Hường", "BÁO CÁO THÀNH TÍCH");
        Assert.Equal(HttpStatusCode.BadRequest, (await (await _api.As("vanphong")).GetAsync($"/api/decisions/{list.Id}/document?format=odt")).StatusCode);
    }

    [Fact]
    public async Task Letters_AddressedToTheCommuneChair_OrTheProvinceChairThroughSoNoiVu_EvenForCentralAwards()
    {
        var awards = new Dictionary<string, string>
        {
            ["CSTDCS"] = "Kính gửi: Chủ tịch Ủy ban nhân dân xã Trường Lưu",
            ["BKTINH"] = "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh (qua Sở Nội vụ)",
            ["BKTTG"] = "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh (qua Sở Nội vụ)",
        };
        foreach (var (code, addressee) in awards)
        {
            var person = await _api.NewPersonAsync("htx", "htx-nong-nghiep", "Phạm Thị Duyên " + code);
            var id = (await _api.CreateAsync("htx", new { nomineeKind = "Individual", personId = person, awardCode = code, year = 2026,
                achievementSummary = "Dẫn đầu chuyển đổi xanh của hợp tác xã.", performanceRating = "Excellent", initiativeRecognized = true }))["id"]!.GetValue<string>();
            var text = await DocxTextAsync($"/api/nominations/{id}/documents/to-trinh");
            Assert.Contains(addressee, text);
            Assert.DoesNotContain("Thủ tướng Chính phủ xem xét", text);
            Assert.DoesNotContain("Kính gửi: Thủ tướng", text);
            if (code == "BKTTG") await SavePdfAsync($"/api/nominations/{id}/documents/to-trinh", "to-trinh-bang-khen-thu-tuong", addressee, "TỜ TRÌNH");
        }
    }

    [Fact]
    public async Task ProvinceLetter_RefusedNamingWhatIsMissing_ThenThePackageHoldsExactlyTheRequiredDocuments()
    {
        var person = await _api.NewPersonAsync("htx", "htx-nong-nghiep", "Võ Thị Thùy");
        var id = (await _api.CreateAsync("htx", new { nomineeKind = "Individual", personId = person, awardCode = "BKTINH", year = 2026,
            achievementSummary = "Đưa 40 hộ xã viên lên sàn thương mại điện tử.", performanceRating = "Excellent", initiativeRecognized = true }))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("htx", id, "Other", "Ảnh hoạt động.png", ThiDua.Workflows.Testing.TestFiles.Png())).StatusCode);
        await _api.PostAsync("htx", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");
        var council = await _api.CouncilOfAsync("hdP", 5);
        await _api.VoteAsync(council, id, 5, "Phiên họp xét hồ sơ trình tỉnh (gói hồ sơ)");

        // Without the unit's achievement report the chair cannot sign: refused, naming it; nothing is numbered.
        var task = await _api.OpenTaskAsync(id, "chairLetter");
        var refused = await (await _api.As("chutich")).PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { action = "Sign" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Báo cáo thành tích", problem);
        Assert.Contains("\"action\"", problem);
        Assert.Equal("AwaitingDecision", (await _api.DetailAsync(id))["nomination"]!["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("vanphong", id, "AchievementReport", "Báo cáo thành tích Võ Thị Thùy.pdf", NominationApi.Pdf("bc"))).StatusCode);
        await _api.CompleteAsync("chutich", id, "chairLetter", "Sign");
        var forwarded = await _api.WaitStatusAsync(id, "ForwardedToProvince");
        var submission = forwarded["provinceSubmissions"]![0]!;
        var letter = submission["letterNumber"]!.GetValue<string>();
        var zip = await (await _api.As("vanphong")).GetByteArrayAsync($"/api/nominations/{id}/province-package/{submission["id"]}");
        using var archive = new ZipArchive(new MemoryStream(zip));
        var names = archive.Entries.Select(e => e.FullName).ToList();
        // BKTINH requires: tờ trình, báo cáo thành tích, biên bản, danh sách trích ngang — in that order; the photo is not required.
        Assert.Equal(4, names.Count);
        Assert.Matches(@"^01-To-trinh-\d+-2026\.docx$", names[0]);
        Assert.Equal("02-Báo cáo thành tích Võ Thị Thùy.pdf", names[1]);
        Assert.Matches(@"^03-Bien-ban-\d+-2026\.docx$", names[2]);
        Assert.Equal("04-danh-sach-Vo-Thi-Thuy-2026.docx", names[3]);
        using var letterStream = new MemoryStream();
        await archive.Entries[0].Open().CopyToAsync(letterStream);
        var letterText = Text(letterStream.ToArray());
        Assert.Contains("Số: " + letter, letterText);
        Assert.Contains("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh (qua Sở Nội vụ)", letterText);
        Assert.Contains("TM. ỦY BAN NHÂN DÂN", letterText);
        // Sở Nội vụ's mailbox (Workflows:Nominations:ProvinceMailbox) receives the same package as an attachment.
        var mailed = await host.Mail.WaitForAsync("sonoivu@hatinh.local", $"[Thi đua] Tờ trình số {letter}");
        Assert.Contains("Võ Thị Thùy", mailed);
        var attached = Assert.Single(host.Mail.AttachmentsOf("sonoivu@hatinh.local", $"[Thi đua] Tờ trình số {letter}"));
        Assert.Equal($"Ho-so-{letter.Replace('/', '-')}.zip", attached.Name);
        using (var mailedZip = new ZipArchive(new MemoryStream(attached.Content)))
            Assert.Equal(names, mailedZip.Entries.Select(e => e.FullName));
                var minutes = forwarded["documents"]!.AsArray().First(d => d!["kind"]!.GetValue<string>() == "Minutes")!["url"]!.GetValue<string>();
        await SavePdfAsync(minutes, "bien-ban-hoi-dong", "KẾT QUẢ KIỂM PHIẾU", "Võ Thị Thùy", "KHEN THƯỞNG");
        var letterUrl = forwarded["documents"]!.AsArray().First(d => d!["kind"]!.GetValue<string>() == "ProvinceSubmission")!["url"]!.GetValue<string>();
        await SavePdfAsync(letterUrl, "to-trinh-bang-khen-tinh", "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh", letter);
    }

    [Fact]
    public async Task AnEditedTemplate_IsUsedForTheNextDocument_OneMissingAFieldIsRefusedNamingIt_RestoreBringsTheDefaultBack()
    {
        var office = await _api.As("truongphong");
        var original = await office.GetByteArrayAsync("/api/templates/giay-khen?original=true");
        var edited = Edit(original, doc =>
        {
            var title = doc.Descendants<W.Text>().First(t => t.Text == "GIẤY KHEN");
            title.Text = "GIẤY KHEN (MẪU XÃ TRƯỜNG LƯU)";
        });
        var withoutNumber = Edit(original, doc =>
        {
            foreach (var control in doc.Descendants<W.SdtRun>().Where(s => s.SdtProperties?.GetFirstChild<W.Tag>()?.Val?.Value == "so_quyet_dinh").ToList()) control.Remove();
        });

        var refused = await UploadTemplateAsync(office, "giay-khen", withoutNumber);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("so_quyet_dinh", problem);
        Assert.Contains("Số quyết định", problem);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadTemplateAsync(await _api.As("thon1"), "giay-khen", edited)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await UploadTemplateAsync(office, "giay-khen", edited)).StatusCode);
        Assert.Contains("GIẤY KHEN (MẪU XÃ TRƯỜNG LƯU)", Text(await office.GetByteArrayAsync("/api/templates/giay-khen/preview")));
        var listed = JsonNode.Parse(await office.GetStringAsync("/api/templates"))!.AsArray().First(t => t!["code"]!.GetValue<string>() == "giay-khen")!;
        Assert.True(listed["customized"]!.GetValue<bool>());

        // A commune award decided: its certificate comes from the uploaded template.
        var decided = (await _api.GetAsync("vanphong", "/api/nominations?status=Decided")).AsArray().First(n => n!["awardCode"]!.GetValue<string>() == "GIAYKHEN")!;
        var certificate = Text(await office.GetByteArrayAsync($"/api/nominations/{decided["id"]}/documents/giay-khen"));
        Assert.Contains("GIẤY KHEN (MẪU XÃ TRƯỜNG LƯU)", certificate);
        Assert.Contains(decided["decisionNumber"]!.GetValue<string>(), certificate);
        await SavePdfAsync($"/api/nominations/{decided["id"]}/documents/giay-khen", "giay-khen", "GIẤY KHEN", decided["decisionNumber"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await office.DeleteAsync("/api/templates/giay-khen")).StatusCode);
        var restored = Text(await office.GetByteArrayAsync($"/api/nominations/{decided["id"]}/documents/giay-khen"));
        Assert.DoesNotContain("MẪU XÃ TRƯỜNG LƯU", restored);
        Assert.Contains("GIẤY KHEN", restored);
    }

    [Fact]
    public async Task ExportedCells_StartingWithFormulaCharacters_OpenAsText_InCsvAndExcel()
    {
        var dangerous = new[] { "=HYPERLINK(\"http://x.example\",\"Bấm\")", "+84 912 000 111", "-1+2", "@SUM(A1:A2)" };
        foreach (var text in dangerous)
        {
            var person = await _api.NewPersonAsync("thon2", "thon-2", "Hà Văn Xuất " + dangerous.ToList().IndexOf(text));
            await _api.CreateAsync("thon2", new { unitId = "thon-2", nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026, achievementSummary = text, performanceRating = "Good" });
        }

        var client = await _api.As("thon2");
        var csvResponse = await client.GetAsync("/api/exports/nominations?format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.Contains("Hà Văn Xuất 0", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Bấm\"\")\"", csv);
        Assert.Contains(",'+84 912 000 111,", csv);
        Assert.Contains(",'-1+2,", csv);
        Assert.Contains(",'@SUM(A1:A2),", csv);
        Assert.DoesNotContain(",=", csv);

        var xlsx = await client.GetByteArrayAsync("/api/exports/nominations");
        using var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = book.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Empty(sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>());
        var cells = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        foreach (var text in dangerous)
        {
            var cell = Assert.Single(cells, c => c.InnerText == text);
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString, cell.DataType!.Value);
        }

        // A unit exports only its own rows.
        Assert.DoesNotContain(cells, c => c.InnerText == "Thôn 1");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/exports/khong-co")).StatusCode);
    }

    [Fact]
    public async Task MovementReport_CountsWhatTheDatabaseHolds_AsJsonExcelWordAndPdf_ForTheOfficeOnly()
    {
        var report = await _api.GetAsync("vanphong", "/api/reports/movement?period=tong-ket-2030");
        var contexts = host.Services.GetRequiredService<NominationsContexts>();
        await using (var db = contexts.Create())
        {
            var proposed = await db.Nominations.CountAsync(n => n.Year >= 2026 && n.Year <= 2030 && n.Status != "Draft");
            var awarded = await db.Nominations.CountAsync(n => n.Year >= 2026 && n.Year <= 2030 && (n.Status == "Decided" || n.Status == "ProvinceDecided"));
            var total = report["total"]!;
            // Other tests add nominations meanwhile: the report was built before these counts, never after them.
            Assert.InRange(total["proposed"]!.GetValue<int>(), 1, proposed);
            Assert.InRange(total["awarded"]!.GetValue<int>(), 1, awarded);
            var groups = report["byGroup"]!.AsArray();
            Assert.Equal(4, groups.Count);
            Assert.Equal(total["proposed"]!.GetValue<int>(), groups.Sum(g => g!["proposed"]!.GetValue<int>()));
            Assert.Equal(5, report["byYear"]!.AsArray().Count);
            Assert.Equal("Tổng kết phong trào (2026–2030)", report["period"]!["label"]!.GetValue<string>());
        }

        var office = await _api.As("vanphong");
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await office.GetByteArrayAsync("/api/reports/movement?period=so-ket-2027&format=xlsx")), false))
            Assert.Equal(["Theo nhóm", "Theo hình thức", "Theo đơn vị", "Theo năm", "Theo trạng thái"], book.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(x => x.Name!.Value!));
        using (var stats = SpreadsheetDocument.Open(new MemoryStream(await office.GetByteArrayAsync("/api/reports/statistics?year=2026&format=xlsx")), false))
            Assert.Contains(stats.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>(), c => c.InnerText == "Tổng cộng");
        await SavePdfAsync("/api/reports/movement?period=tong-ket-2030&format=docx", "bao-cao-tong-ket-2030", "BÁO CÁO", "Tổng kết phong trào (2026–2030)", "Kết quả theo nhóm đối tượng");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _api.As("thon1")).GetAsync("/api/reports/movement")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/reports/movement?year=99999")).StatusCode);
    }

    private static byte[] Edit(byte[] docx, Action<W.Document> change)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            change(document.MainDocumentPart!.Document!);
            document.MainDocumentPart.Document.Save();
        }

        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadTemplateAsync(HttpClient client, string code, byte[] docx)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(docx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", "Mẫu Giấy khen của xã.docx");
        return await client.PostAsync($"/api/templates/{code}", form);
    }

    private async Task<string> DocxTextAsync(string url)
    {
        var response = await (await _api.As("vanphong")).GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(GeneratedDocument.ContentType, response.Content.Headers.ContentType!.MediaType);
        return Text(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The paragraphs' text, one per line; a line break inside a paragraph is a new line too.</summary>
    private static string Text(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<W.Paragraph>()
            .Select(p => string.Concat(p.Descendants().Select(e => e switch { W.Text t => t.Text, W.Break => "\n", _ => "" }))));
    }

    private async Task<List<string[]>> TableRowsAsync(string url)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(await (await _api.As("vanphong")).GetByteArrayAsync(url)), false);
        var table = document.MainDocumentPart!.Document!.Body!.Descendants<W.Table>().Last();
        return table.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();
    }

    /// <summary>The PDF of <paramref name="url"/> says what its Word file says (pdftotext), and page 1 is saved as a PNG (pdftoppm).</summary>
    private async Task SavePdfAsync(string url, string name, params string[] phrases)
    {
        var client = await _api.As("vanphong");
        // Paragraphs outside tables: a table's cells wrap and interleave with their neighbours in pdftotext's reading order.
        using var word = WordprocessingDocument.Open(new MemoryStream(await client.GetByteArrayAsync(url)), false);
        var docx = string.Join("\n", word.MainDocumentPart!.Document!.Body!.Elements<W.Paragraph>().Select(p => p.InnerText));
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var response = await client.GetAsync(url.Contains("format=docx", StringComparison.Ordinal) ? url.Replace("format=docx", "format=pdf", StringComparison.Ordinal) : url + separator + "format=pdf");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} as PDF: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Directory.CreateDirectory(Artifacts);
        var pdf = Path.Combine(Artifacts, name + ".pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        var text = await RunAsync("pdftotext", pdf, "-");
        await RunAsync("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(Artifacts, name));
        Assert.True(File.Exists(Path.Combine(Artifacts, name + ".png")));
        // Every font is embedded (pdffonts' "emb" column), so the paper prints the same anywhere.
        var fonts = (await RunAsync("pdffonts", pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Equal("yes", f.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]));
        // Times New Roman's metric twin with every Vietnamese letter (fonts-liberation2): no line falls back to another face.
        Assert.All(fonts, f => Assert.Contains("LiberationSerif", f, StringComparison.Ordinal));
        // Justified lines break and space differently: compare without white space.
        var flatPdf = Spaces().Replace(text, "");
        foreach (var phrase in phrases) Assert.Contains(Spaces().Replace(phrase, ""), flatPdf);
        foreach (var line in docx.Split('\n').Where(l => l.Length is > 3 and < 60)) Assert.Contains(Spaces().Replace(line, ""), flatPdf);
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
