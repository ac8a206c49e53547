using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>What a closed vote on one nomination produced.</summary>
public sealed record VoteOutcome(string Result, int Approve, int Reject, int Members, int Present, decimal ApprovePercent)
{
    public bool Passed => Result == "Passed";
}

/// <summary>
/// Council vote rules (domain-rules.md §5.2): thresholds are counted on ALL members, not on those present;
/// written votes of absent members count; without quorum nothing is decided.
/// </summary>
public static class VoteRules
{
    public static VoteOutcome Count(VoteRule rule, int? thresholdPercent, int approve, int reject, int members, int present, int quorumPercent)
    {
        var percent = members == 0 ? 0 : Math.Round(approve * 100m / members, 2);
        if (members == 0 || present * 100 < quorumPercent * members)
            return new VoteOutcome("NoQuorum", approve, reject, members, present, percent);
        var passed = rule switch
        {
            // Integer arithmetic: 15 of 19 (78.9 %) fails an 80 % rule, 8 of 10 passes it.
            VoteRule.Threshold => approve * 100 >= (thresholdPercent ?? 80) * members,
            _ => approve * 2 > members,
        };
        return new VoteOutcome(passed ? "Passed" : "Failed", approve, reject, members, present, percent);
    }
}

/// <summary>Prize money (ND 152 Art.49): multiple × base salary, rounded up to the next 10,000 VND.</summary>
public static class PrizeMoney
{
    /// <summary>The award's money for this nominee: the individual or the collective multiple.</summary>
    public static long? For(AwardKind award, NomineeKind nominee, long baseSalary)
    {
        ArgumentNullException.ThrowIfNull(award);
        return Compute(nominee == NomineeKind.Individual ? award.PrizeMultipleIndividual : award.PrizeMultipleCollective, baseSalary);
    }

    public static long? Compute(decimal? multiple, long baseSalary)
    {
        if (multiple is not { } m || m <= 0) return null;
        var raw = m * baseSalary;
        return (long)(Math.Ceiling(raw / 10_000m) * 10_000m);
    }

    /// <summary>
    /// Titles of the same assessment period pay only the highest title's money (ND 152 Art.49): a title decided after
    /// others of the same year pays what its money exceeds theirs, never less than nothing.
    /// </summary>
    public static long? ForTitle(long? full, long alreadyPaidForTitlesOfTheYear) =>
        full is { } money ? Math.Max(0, money - alreadyPaidForTitlesOfTheYear) : null;
}

/// <summary>What eligibility rules look at besides the nomination itself.</summary>
public sealed record EligibilityFacts(
    AwardKind Award,
    Person? Person,
    IReadOnlyList<Commendation> History,
    IReadOnlyList<Nomination> SameYearNominations,
    IReadOnlyList<EligibilityHold> ActiveHolds);

/// <summary>
/// Flags what a nomination may lack against the law's standards, with the reason in Vietnamese, so the office
/// and the council see it before appraisal and vote. A flag does not block: people decide.
/// </summary>
public static class EligibilityRules
{
    public static IReadOnlyList<string> Check(Nomination nomination, EligibilityFacts facts)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        ArgumentNullException.ThrowIfNull(facts);
        // Sudden and thematic awards are in the register but never count toward a chain (NĐ 152/2025 Điều 4).
        var uncounted = facts.History.Where(c => !c.CountsTowardChains).ToList();
        facts = facts with { History = facts.History.Where(c => c.CountsTowardChains).ToList() };
        var issues = new List<string>();
        var award = facts.Award;
        if (!award.NomineeKinds.Split(',').Contains(nomination.NomineeKind.ToString(), StringComparer.Ordinal))
            issues.Add($"“{award.Name}” không xét cho đối tượng này ({nomination.NomineeKind}).");

        foreach (var hold in facts.ActiveHolds)
            issues.Add($"Đang tạm dừng xét: {hold.Reason}{(string.IsNullOrWhiteSpace(hold.Note) ? "" : " — " + hold.Note)} (NĐ 152/2025 Điều 4).");

        switch (award.Code)
        {
            case "CSTDCS":
                if (!HasAdvancedWorker(nomination, facts))
                    issues.Add($"Chưa đạt danh hiệu “Lao động tiên tiến” năm {nomination.Year} (điều kiện bắt buộc của Chiến sĩ thi đua cơ sở, Luật TĐKT Điều 23).");
                if (nomination.PerformanceRating != PerformanceRating.Excellent && !nomination.InitiativeRecognized)
                    issues.Add("Không có kết quả “hoàn thành xuất sắc nhiệm vụ” và chưa có sáng kiến, đề tài được công nhận (Luật TĐKT Điều 23).");
                break;
            case "LDTT":
                if (nomination.PerformanceRating is PerformanceRating.Completed or PerformanceRating.NotCompleted)
                    issues.Add("Xếp loại dưới mức “hoàn thành tốt nhiệm vụ” (Luật TĐKT Điều 24).");
                if (facts.Person?.RecruitedOn is { } recruited && recruited > new DateOnly(nomination.Year, 12, 31).AddMonths(-6))
                    issues.Add($"Tuyển dụng ngày {recruited:dd/MM/yyyy}: chưa đủ 6 tháng công tác trong năm (TT 01/2024/TT-BNV).");
                break;
            case "TTLDTT":
                if (nomination.AdvancedWorkerPercent is not { } share || share < 70)
                    issues.Add($"Tỷ lệ thành viên đạt Lao động tiên tiến {(nomination.AdvancedWorkerPercent is { } p ? p + "%" : "chưa khai")}: cần từ 70% trở lên (Luật TĐKT Điều 28).");
                break;
            case "CSTDTINH":
                var threeRunning = Enumerable.Range(nomination.Year - 3, 2).Any(start =>
                    Enumerable.Range(start, 3).All(y => facts.History.Any(c => c.AwardCode == "CSTDCS" && c.Year == y)));
                if (!threeRunning)
                    issues.Add("Chưa thấy 3 lần liên tục đạt Chiến sĩ thi đua cơ sở trong sổ khen thưởng (Luật TĐKT Điều 22).");
                break;
            case "BKTTG" when nomination.NomineeKind == NomineeKind.Individual && nomination.CommendationType == CommendationType.Merit:
                if (!facts.History.Any(c => c.AwardCode == "BKTINH"))
                    issues.Add("Chưa có Bằng khen cấp tỉnh trong sổ khen thưởng (Luật TĐKT Điều 73)"
                        + (uncounted.Any(c => c.AwardCode == "BKTINH") ? "; Bằng khen tỉnh khen đột xuất hoặc theo chuyên đề không được tính (NĐ 152/2025 Điều 4)." : "."));
                if (facts.History.Count(c => c.AwardCode == "CSTDCS" && c.Year >= nomination.Year - 5 && c.Year < nomination.Year) < 3)
                    issues.Add("Chưa thấy 3 lần Chiến sĩ thi đua cơ sở trong 5 năm liền trước (Luật TĐKT Điều 73).");
                break;
            case "BKTINH" when nomination.NomineeKind == NomineeKind.Individual && nomination.CommendationType == CommendationType.Merit:
                var consecutive = Enumerable.Range(1, 2).All(back => facts.History.Any(c => c.AwardCode == "CSTDCS" && c.Year == nomination.Year - back));
                if (!consecutive && !nomination.InitiativeRecognized)
                    issues.Add($"Chưa thấy 2 năm liên tục ({nomination.Year - 2}, {nomination.Year - 1}) đạt Chiến sĩ thi đua cơ sở trong sổ khen thưởng.");
                break;
            case "BKTINH" when nomination.NomineeKind == NomineeKind.Collective && nomination.CommendationType == CommendationType.Merit:
                // The register of a collective includes the units merged into it (the 2025 reorganisation).
                if (!Enumerable.Range(1, 2).All(back => facts.History.Any(c => c.AwardCode == "TTLDXS" && c.Year == nomination.Year - back)))
                    issues.Add($"Chưa thấy 2 năm liên tục ({nomination.Year - 2}, {nomination.Year - 1}) đạt “Tập thể lao động xuất sắc” trong sổ khen thưởng của tập thể, kể cả đơn vị trước sáp nhập; nếu 2 năm liên tục hoàn thành xuất sắc nhiệm vụ, kiểm tra trong hồ sơ.");
                break;
        }

        return issues;
    }

    private static bool HasAdvancedWorker(Nomination nomination, EligibilityFacts facts) =>
        facts.History.Any(c => c.AwardCode == "LDTT" && c.Year == nomination.Year)
        || facts.SameYearNominations.Any(n => n.Id != nomination.Id && n.AwardCode == "LDTT" && n.Year == nomination.Year
            && n.Status is not (NominationStatuses.Rejected or NominationStatuses.CouncilRejected or NominationStatuses.Ineligible or NominationStatuses.Closed or NominationStatuses.Draft));
}
