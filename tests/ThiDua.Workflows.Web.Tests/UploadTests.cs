using System.Net;
using ThiDua.Workflows.Testing;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>Dossier uploads are read as what they claim to be before they are kept, and served only as downloads.</summary>
[Collection(WebCollection.Name)]
public sealed class UploadTests(WebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task ABombABrokenPdfAndAFakeImage_AreRefusedNamingTheFile_AndARealPdfIsServedAsADownload()
    {
        var person = await _api.NewPersonAsync("hieutruong", "truong-thcs", "Đặng Thị Tệp");
        var n = await _api.CreateAsync("hieutruong", new { nomineeKind = "Individual", personId = person, awardCode = "LDTT", year = 2026,
            achievementSummary = "Giảng dạy tốt.", performanceRating = "Good" });
        var id = n["id"]!.GetValue<string>();

        foreach (var (name, content, says) in new[]
        {
            ("bao-cao.docx", TestFiles.ZipBomb(50), "nén bất thường"),
            ("bao-cao.pdf", "%PDF-1.7\n% giả\n%%EOF\n"u8.ToArray(), "PDF hỏng"),
            ("anh.png", TestFiles.PngClaimingHugeSize(), "Ảnh quá lớn"),
        })
        {
            var refused = await _api.UploadAsync("hieutruong", id, "AchievementReport", name, content);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("\"file\"", problem);
            Assert.Contains(says, problem);
        }

        Assert.Empty((await _api.DetailAsync(id))["attachments"]!.AsArray());
        var created = await NominationApi.JsonAsync(await _api.UploadAsync("hieutruong", id, "AchievementReport", "Báo cáo thành tích.pdf", TestFiles.Pdf("Bao cao")), HttpStatusCode.Created);
        var download = await (await _api.As("hieutruong")).GetAsync($"/api/nominations/{id}/attachments/{created["id"]}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }
}
