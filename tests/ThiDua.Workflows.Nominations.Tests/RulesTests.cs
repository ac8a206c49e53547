using ThiDua.Workflows.Testing;
using System.Text;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Nominations.Tests;

public sealed class VoteRulesTests
{
    [Theory]
    [InlineData(79, 100, "Failed")]
    [InlineData(80, 100, "Passed")]
    [InlineData(15, 19, "Failed")] // 78.9 %
    [InlineData(16, 19, "Passed")] // 84.2 %
    [InlineData(8, 10, "Passed")]
    [InlineData(7, 10, "Failed")]
    public void ThresholdCountsOnAllMembers(int approve, int members, string expected) =>
        Assert.Equal(expected, VoteRules.Count(VoteRule.Threshold, 80, approve, members - approve, members, members, 80).Result);

    [Fact]
    public void AbsentMembersCountInTheDenominator_NotOnlyThoseWhoVoted()
    {
        // 8 of 9 present approve (89 % of voters) but 8 of 10 members is the rule: passes at 80 %, fails at 90 %.
        Assert.True(VoteRules.Count(VoteRule.Threshold, 80, 8, 1, 10, 9, 80).Passed);
        Assert.False(VoteRules.Count(VoteRule.Threshold, 90, 8, 1, 10, 9, 80).Passed);
    }

    [Fact]
    public void MajorityIsMoreThanHalfOfAllMembers()
    {
        Assert.True(VoteRules.Count(VoteRule.Majority, null, 5, 0, 9, 9, 80).Passed);
        Assert.False(VoteRules.Count(VoteRule.Majority, null, 4, 1, 9, 9, 80).Passed); // 4 of 5 voters, but not of 9 members
        Assert.False(VoteRules.Count(VoteRule.Majority, null, 5, 5, 10, 10, 80).Passed);
    }

    [Fact]
    public void WithoutQuorumNothingIsDecided()
    {
        var outcome = VoteRules.Count(VoteRule.Majority, null, 7, 0, 10, 7, 80);
        Assert.Equal("NoQuorum", outcome.Result);
        Assert.False(outcome.Passed);
    }
}

public sealed class PrizeMoneyTests
{
    [Theory]
    [InlineData(0.3, 710_000)] // 702,000 rounded up to the next 10,000
    [InlineData(1.0, 2_340_000)]
    [InlineData(1.5, 3_510_000)]
    [InlineData(0.8, 1_880_000)] // 1,872,000 → 1,880,000
    public void MultipleOfBaseSalary_RoundedUpToTenThousand(double multiple, long expected) =>
        Assert.Equal(expected, PrizeMoney.Compute((decimal)multiple, 2_340_000));

    [Fact]
    public void NoMultipleNoMoney() => Assert.Null(PrizeMoney.Compute(null, 2_340_000));

    [Fact]
    public void TitlesOfTheSameYear_PayOnlyTheHighest()
    {
        // LĐTT (710,000) paid first, then CSTĐCS (2,340,000): the second pays the difference; the other way round, nothing.
        Assert.Equal(1_630_000, PrizeMoney.ForTitle(2_340_000, 710_000));
        Assert.Equal(0, PrizeMoney.ForTitle(710_000, 2_340_000));
        Assert.Equal(2_340_000, PrizeMoney.ForTitle(2_340_000, 0));
    }
}

public sealed class EligibilityRulesTests
{
    private static readonly AwardKind Cstdcs = AwardCatalogSeed.All(new NominationOptions()).Single(a => a.Code == "CSTDCS");
    private static readonly AwardKind Ttldtt = AwardCatalogSeed.All(new NominationOptions()).Single(a => a.Code == "TTLDTT");
    private static readonly AwardKind Ldtt = AwardCatalogSeed.All(new NominationOptions()).Single(a => a.Code == "LDTT");

    private static Nomination Nomination(string award, PerformanceRating? rating = null, bool initiative = false, int? share = null, NomineeKind kind = NomineeKind.Individual) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Year = 2026, UnitId = "thon-1", NomineeKind = kind, PersonId = 7, NomineeName = "Nguyễn Văn A", AwardCode = award,
        AchievementSummary = "…", Status = NominationStatuses.Draft, CreatedBy = "thon1", PerformanceRating = rating, InitiativeRecognized = initiative, AdvancedWorkerPercent = share,
    };

    private static Commendation Award(string code, int year) => new() { PersonId = 7, NomineeName = "Nguyễn Văn A", AwardCode = code, Year = year, DecisionNumber = "1/QĐ-UBND", Issuer = "Chủ tịch UBND xã" };

    [Fact]
    public void ChienSiThiDuaCoSo_WithoutLdttAndWithoutExcellenceOrInitiative_IsFlaggedWithBothReasons()
    {
        var issues = EligibilityRules.Check(Nomination("CSTDCS", PerformanceRating.Good), new EligibilityFacts(Cstdcs, null, [], [], []));
        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.Contains("Lao động tiên tiến", StringComparison.Ordinal) && i.Contains("Điều 23", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Contains("hoàn thành xuất sắc nhiệm vụ", StringComparison.Ordinal));
    }

    [Fact]
    public void ChienSiThiDuaCoSo_WithLdttThisYearAndAnInitiative_IsNotFlagged()
    {
        Assert.Empty(EligibilityRules.Check(Nomination("CSTDCS", PerformanceRating.Good, initiative: true), new EligibilityFacts(Cstdcs, null, [Award("LDTT", 2026)], [], [])));
        Assert.Empty(EligibilityRules.Check(Nomination("CSTDCS", PerformanceRating.Excellent), new EligibilityFacts(Cstdcs, null, [Award("LDTT", 2026)], [], [])));
        // LĐTT of another year does not count.
        Assert.Single(EligibilityRules.Check(Nomination("CSTDCS", PerformanceRating.Excellent), new EligibilityFacts(Cstdcs, null, [Award("LDTT", 2025)], [], [])));
    }

    [Fact]
    public void ChienSiThiDuaCoSo_WithAnLdttNominationOfTheSameYearUnderWay_IsNotFlaggedForLdtt()
    {
        var ldtt = Nomination("LDTT", PerformanceRating.Good);
        ldtt.Status = NominationStatuses.AwaitingCouncil;
        Assert.Empty(EligibilityRules.Check(Nomination("CSTDCS", PerformanceRating.Excellent), new EligibilityFacts(Cstdcs, null, [], [ldtt], [])));
        ldtt.Status = NominationStatuses.Rejected;
        Assert.Single(EligibilityRules.Check(Nomination("CSTDCS", PerformanceRating.Excellent), new EligibilityFacts(Cstdcs, null, [], [ldtt], [])));
    }

    [Fact]
    public void TapTheLaoDongTienTien_NeedsSeventyPercentLdtt()
    {
        Assert.Single(EligibilityRules.Check(Nomination("TTLDTT", share: 65, kind: NomineeKind.Collective), new EligibilityFacts(Ttldtt, null, [], [], [])));
        Assert.Empty(EligibilityRules.Check(Nomination("TTLDTT", share: 70, kind: NomineeKind.Collective), new EligibilityFacts(Ttldtt, null, [], [], [])));
    }

    [Fact]
    public void LaoDongTienTien_RecruitedLessThanSixMonthsBeforeYearEnd_IsFlagged()
    {
        var person = new Person { Id = 7, FullName = "Nguyễn Văn A", UnitId = "thon-1", RecruitedOn = new DateOnly(2026, 9, 1) };
        var issue = Assert.Single(EligibilityRules.Check(Nomination("LDTT", PerformanceRating.Good), new EligibilityFacts(Ldtt, person, [], [], [])));
        Assert.Contains("6 tháng", issue, StringComparison.Ordinal);
    }

    [Fact]
    public void ChienSiThiDuaTinh_NeedsThreeConsecutiveChienSiThiDuaCoSo()
    {
        var award = AwardCatalogSeed.All(new NominationOptions()).Single(a => a.Code == "CSTDTINH");
        Assert.Single(EligibilityRules.Check(Nomination("CSTDTINH"), new EligibilityFacts(award, null, [Award("CSTDCS", 2023), Award("CSTDCS", 2025)], [], [])));
        Assert.Empty(EligibilityRules.Check(Nomination("CSTDTINH"), new EligibilityFacts(award, null, [Award("CSTDCS", 2023), Award("CSTDCS", 2024), Award("CSTDCS", 2025)], [], [])));
    }

    [Fact]
    public void BangKhenThuTuong_NeedsAProvinceBangKhenAndThreeCstdcsInFiveYears()
    {
        var award = AwardCatalogSeed.All(new NominationOptions()).Single(a => a.Code == "BKTTG");
        Assert.Equal(2, EligibilityRules.Check(Nomination("BKTTG"), new EligibilityFacts(award, null, [Award("CSTDCS", 2025)], [], [])).Count);
        Assert.Empty(EligibilityRules.Check(Nomination("BKTTG"), new EligibilityFacts(award, null,
            [Award("BKTINH", 2024), Award("CSTDCS", 2021), Award("CSTDCS", 2023), Award("CSTDCS", 2025)], [], [])));
    }

    [Theory]
    [InlineData(CommendationType.Sudden)]
    [InlineData(CommendationType.Thematic)]
    public void ASuddenOrThematicBangKhen_IsInTheRegister_ButDoesNotCountTowardTheChain(CommendationType type)
    {
        var award = AwardCatalogSeed.All(new NominationOptions()).Single(a => a.Code == "BKTTG");
        var provincial = Award("BKTINH", 2024);
        provincial.CommendationType = type;
        Assert.False(provincial.CountsTowardChains);
        var issue = Assert.Single(EligibilityRules.Check(Nomination("BKTTG"), new EligibilityFacts(award, null,
            [provincial, Award("CSTDCS", 2021), Award("CSTDCS", 2023), Award("CSTDCS", 2025)], [], [])));
        Assert.Contains("Chưa có Bằng khen cấp tỉnh", issue, StringComparison.Ordinal);
        Assert.Contains("đột xuất hoặc theo chuyên đề không được tính (NĐ 152/2025 Điều 4)", issue, StringComparison.Ordinal);
    }

    [Fact]
    public void AnActiveHoldIsAlwaysFlagged()
    {
        var hold = new Entities.EligibilityHold { NominationId = "x", Reason = "Đang xem xét kỷ luật" };
        var issue = Assert.Single(EligibilityRules.Check(Nomination("LDTT", PerformanceRating.Good), new EligibilityFacts(Ldtt, null, [], [], [hold])));
        Assert.Contains("Đang xem xét kỷ luật", issue, StringComparison.Ordinal);
    }
}

public sealed class AttachmentPolicyTests
{
    private readonly AttachmentPolicy _policy = new(new NominationOptions());

    [Theory]
    [InlineData("../../etc/passwd.pdf")]
    [InlineData("..\\boot.ini.pdf")]
    [InlineData("/etc/passwd.pdf")]
    [InlineData("C:\\Windows\\a.pdf")]
    [InlineData("a\u0000b.pdf")]
    [InlineData("báo cáo\u202Efdp.exe")] // right-to-left override hides the real extension
    [InlineData(".htaccess")]
    [InlineData("CON.pdf")]
    [InlineData("a?.pdf")]
    public void PathTricksAreRefused(string name) => Assert.NotNull(AttachmentPolicy.CleanFileName(name).Problem);

    [Fact]
    public void VietnameseNamesAreKept_InComposedForm()
    {
        var decomposed = "Báo cáo thành tích Nguyễn Thị Hương.pdf".Normalize(NormalizationForm.FormD);
        var (name, problem) = AttachmentPolicy.CleanFileName(decomposed);
        Assert.Null(problem);
        Assert.Equal("Báo cáo thành tích Nguyễn Thị Hương.pdf", name);
        Assert.True(name!.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void ContentMustMatchTheExtension_AndStayUnderTheLimit()
    {
        var pdf = TestFiles.Pdf("Bao cao thanh tich");
        Assert.Null(_policy.CheckContent("a.pdf", pdf).Problem);
        Assert.Equal("application/pdf", _policy.CheckContent("a.PDF", pdf).ContentType);
        Assert.NotNull(_policy.CheckContent("a.pdf", "PK\u0003\u0004"u8).Problem);
        Assert.Null(_policy.CheckContent("a.docx", TestFiles.Docx("Báo cáo")).Problem);
        Assert.Null(_policy.CheckContent("a.png", TestFiles.Png()).Problem);
        Assert.NotNull(_policy.CheckContent("a.exe", "MZ"u8).Problem);
        Assert.NotNull(_policy.CheckContent("a.pdf", ReadOnlySpan<byte>.Empty).Problem);
        var small = new AttachmentPolicy(new NominationOptions { Attachments = new AttachmentOptions { MaxBytes = 8 } });
        Assert.Contains("vượt giới hạn", small.CheckContent("a.pdf", "%PDF-1.7 too long"u8).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentIsReadAsItsType_NotJustItsFirstBytes()
    {
        // A PDF signature on something that is not a PDF; a PDF cut in half.
        Assert.Contains("PDF hỏng", _policy.CheckContent("a.pdf", "%PDF-1.7\n% không phải PDF\n%%EOF\n"u8).Problem, StringComparison.Ordinal);
        var pdf = TestFiles.Pdf("Bao cao");
        Assert.Contains("PDF hỏng", _policy.CheckContent("a.pdf", pdf.AsSpan(0, pdf.Length / 2)).Problem, StringComparison.Ordinal);
        // A ZIP that is not a Word file; a zip bomb (50 MB of zeros in a few kilobytes).
        Assert.Contains("thiếu nội dung chính", _policy.CheckContent("a.xlsx", TestFiles.Docx("x")).Problem, StringComparison.Ordinal);
        var bomb = TestFiles.ZipBomb(50);
        Assert.True(bomb.Length < 200_000);
        Assert.Contains("nén bất thường", _policy.CheckContent("a.docx", bomb).Problem, StringComparison.Ordinal);
        var tight = new AttachmentPolicy(new NominationOptions { Attachments = new AttachmentOptions { MaxPackageEntries = 1 } });
        Assert.Contains("quá nhiều thành phần", tight.CheckContent("a.docx", TestFiles.Docx("x")).Problem, StringComparison.Ordinal);
        // An image header that claims 10,000 × 10,000 pixels; a PNG signature followed by garbage.
        Assert.Contains("Ảnh quá lớn", _policy.CheckContent("a.png", TestFiles.PngClaimingHugeSize()).Problem, StringComparison.Ordinal);
        Assert.Contains("ảnh hỏng", _policy.CheckContent("a.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).Problem, StringComparison.Ordinal);
    }
}
