using System.Net;

namespace ThiDua.Workflows.Web.Tests;

/// <summary>The commune path end to end with PostgreSQL as the database (production's choice in the example settings).</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class PostgresPathTests(PostgresWebHost host)
{
    private readonly NominationApi _api = new(host);

    [Fact]
    public async Task CommunePath_OnPostgres_SupplementHoldVoteDecisionAndDocuments()
    {
        var person = await _api.NewPersonAsync("thon1", "thon-1", "Nguyễn Hữu Phước");
        var n = await _api.CreateAsync("thon1", new { unitId = "thon-1", nomineeKind = "Individual", personId = person, awardCode = "CSTDCS", year = 2026,
            achievementSummary = "Sáng kiến bản đồ số thôn.", performanceRating = "Excellent", initiativeRecognized = true });
        var id = n["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await _api.UploadAsync("thon1", id, "AchievementReport", "Báo cáo thành tích.pdf", NominationApi.Pdf("pg"))).StatusCode);
        await _api.PostAsync("thon1", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Supplement", "Thiếu biên bản bình xét.");
        await _api.WaitStatusAsync(id, "ReturnedForSupplement");
        await host.Mail.WaitForAsync("thon1@", "Bổ sung hồ sơ: Chiến sĩ thi đua cơ sở năm 2026 — Nguyễn Hữu Phước");
        await _api.PostAsync("thon1", $"/api/nominations/{id}/submit", new { });
        await _api.CompleteAsync("vanphong", id, "completeness", "Complete");
        await _api.WaitStatusAsync(id, "Received");
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/holds", new { reason = "Đang xem xét kỷ luật" }, HttpStatusCode.Accepted);
        await _api.WaitStatusAsync(id, "OnHold");
        await _api.PostAsync("vanphong", $"/api/nominations/{id}/holds/release", new { note = "Không kỷ luật" });
        await _api.CompleteAsync("vanphong", id, "appraisal", "Eligible");
        await _api.WaitStatusAsync(id, "AwaitingCouncil");

        var members = await _api.CouncilOfAsync("pg", 5);
        var closed = await _api.VoteAsync(members, id, 4, "Phiên họp trên PostgreSQL");
        Assert.Equal("Passed", closed["items"]![0]!["result"]!.GetValue<string>());
        await _api.WaitStatusAsync(id, "AwaitingDecision");
        await _api.CompleteAsync("chutich", id, "chairDecision", "Approve");
        var decided = await _api.WaitStatusAsync(id, "Decided");
        Assert.Matches(@"^\d+/QĐ-UBND$", decided["nomination"]!["decisionNumber"]!.GetValue<string>());
        await host.Mail.WaitForAsync("thon1@", "[Thi đua] Chiến sĩ thi đua cơ sở — Nguyễn Hữu Phước: Đã khen thưởng");
        foreach (var document in decided["documents"]!.AsArray())
            Assert.Equal(HttpStatusCode.OK, (await (await _api.As("vanphong")).GetAsync(document!["url"]!.GetValue<string>())).StatusCode);
        Assert.Single((await _api.GetAsync("vanphong", $"/api/people/{person}/commendations")).AsArray());
    }
}
