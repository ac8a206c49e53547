using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>
/// The forms and titles reachable from a commune (domain-rules.md §3.2), with settings applied. Seeded into an
/// empty catalogue at start-up; the office may edit entries afterwards through the API.
/// </summary>
public static class AwardCatalogSeed
{
    private const string Basic = DocumentTypes.SubmissionLetter + "," + DocumentTypes.AchievementReport + "," + DocumentTypes.MeetingMinutes;

    public static IReadOnlyList<AwardKind> All(NominationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<AwardKind>
        {
            New("LDTT", "Lao động tiên tiến", AwardCategory.EmulationTitle, AwardLevel.Commune, "Individual",
                "Thủ trưởng đơn vị sau bình xét", "Chủ tịch UBND xã",
                "Hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, pháp luật; tự lực, đoàn kết, tích cực tham gia phong trào thi đua (Luật TĐKT Điều 24). Không xét với người mới tuyển dụng dưới 6 tháng.",
                Basic + "," + DocumentTypes.NomineeList, 20, VoteRule.Majority, null, 0, 0.3m, null,
                "Luật TĐKT 2022 Điều 24; NĐ 129/2025 Điều 59. Thời hạn 20 ngày làm việc (Cần Thơ, TTHC 1.012379.H13)."),
            New("CSTDCS", "Chiến sĩ thi đua cơ sở", AwardCategory.EmulationTitle, AwardLevel.Commune, "Individual",
                "Thủ trưởng đơn vị", "Chủ tịch UBND xã",
                "Đạt Lao động tiên tiến và (hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận ở cơ sở hoặc đề tài, đề án được nghiệm thu) (Luật TĐKT Điều 23).",
                Basic + "," + DocumentTypes.InitiativeCertificate, 20, VoteRule.Threshold, 80, 0, 1.0m, null,
                "QĐ 638/QĐ-BNV 2025: 20 ngày làm việc; bỏ phiếu kín, ≥80% tổng số thành viên Hội đồng (NĐ 98 Điều 30; theo NĐ 152: chưa xác nhận)."),
            New("TTLDTT", "Tập thể lao động tiên tiến", AwardCategory.EmulationTitle, AwardLevel.Commune, "Collective",
                "Thủ trưởng đơn vị", "Chủ tịch UBND xã",
                "Hoàn thành tốt nhiệm vụ; tích cực tham gia phong trào; ≥70% thành viên đạt Lao động tiên tiến; không có cá nhân bị kỷ luật từ cảnh cáo trở lên; nội bộ đoàn kết (Luật TĐKT Điều 28).",
                Basic + "," + DocumentTypes.NomineeList, 20, VoteRule.Majority, null, 0, null, 0.8m,
                "Thời hạn 20 ngày làm việc: chưa xác nhận (giả định như CSTĐCS)."),
            New("GIAYKHEN", "Giấy khen của Chủ tịch UBND xã", AwardCategory.AwardForm, AwardLevel.Commune, "Individual,Collective,Household",
                "Thủ trưởng đơn vị; trưởng thôn (hộ gia đình); mọi người qua bộ phận một cửa (đột xuất)", "Chủ tịch UBND xã",
                "Gương mẫu chấp hành chủ trương, pháp luật và có thành tích được công nhận trong phong trào thi đua, hoặc thành tích đột xuất có phạm vi ảnh hưởng (tiêu chuẩn do tỉnh quy định, Luật TĐKT Điều 75).",
                Basic, 10, VoteRule.Majority, null, 0, 0.3m, 0.6m,
                "Thời hạn và hệ số cá nhân theo quy định của tỉnh: chưa xác nhận (mặc định 10 ngày làm việc; hệ số 0,3)."),
            New("GDVH", "Gia đình văn hóa", AwardCategory.EmulationTitle, AwardLevel.Commune, "Household",
                "Trưởng thôn cùng Ban công tác Mặt trận và các đoàn thể", "Chủ tịch UBND xã",
                "Gương mẫu chấp hành pháp luật; tích cực tham gia phong trào sản xuất, học tập, bảo đảm an ninh; gia đình ấm no, tiến bộ, hạnh phúc, văn minh (NĐ 86/2023).",
                DocumentTypes.SubmissionLetter + "," + DocumentTypes.NomineeList + "," + DocumentTypes.OpinionSurvey + "," + DocumentTypes.MeetingMinutes,
                10, VoteRule.None, null, 10, null, null,
                "NĐ 86/2023: bình xét trước 25/11, công khai 10 ngày, quyết định trong 10 ngày (ngày làm việc: giả định)."),
            New("THONVH", "Thôn, tổ dân phố văn hóa", AwardCategory.EmulationTitle, AwardLevel.Commune, "Collective",
                "Trưởng thôn", "Chủ tịch UBND xã",
                "Theo khung tiêu chuẩn NĐ 86/2023 (tiêu chí chi tiết theo tỉnh: chưa xác nhận).",
                Basic, 10, VoteRule.Majority, null, 10, null, 1.5m,
                "NĐ 86/2023; NĐ 129/2025 Điều 59. Công khai 10 ngày sau họp Hội đồng."),
            New("TTLDXS", "Tập thể lao động xuất sắc", AwardCategory.EmulationTitle, AwardLevel.Province, "Collective",
                "UBND xã", "Chủ tịch UBND tỉnh",
                "Hoàn thành xuất sắc nhiệm vụ; 100% thành viên hoàn thành nhiệm vụ, ≥70% đạt Lao động tiên tiến; có cá nhân đạt CSTĐCS; nội bộ đoàn kết.",
                Basic + "," + DocumentTypes.NomineeList, 20, VoteRule.Majority, null, 0, null, 1.5m, "Hội đồng xã đề nghị; tỉnh thẩm định."),
            New("BKTINH", "Bằng khen của Chủ tịch UBND tỉnh", AwardCategory.AwardForm, AwardLevel.Province, "Individual,Collective,Household",
                "UBND xã (tờ trình của Chủ tịch UBND xã)", "Chủ tịch UBND tỉnh",
                "Cá nhân: thành tích xuất sắc trong phong trào do tỉnh phát động; hoặc 2 năm liên tục CSTĐCS; hoặc ≥2 năm liên tục hoàn thành xuất sắc nhiệm vụ và 2 sáng kiến. Tập thể: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS.",
                Basic + "," + DocumentTypes.NomineeList, 20, VoteRule.Majority, null, 0, 1.5m, 3.0m,
                "Thời hạn xử lý của tỉnh sau 2025: chưa xác nhận."),
            New("COTINH", "Cờ thi đua của UBND tỉnh", AwardCategory.EmulationTitle, AwardLevel.Province, "Collective",
                "Thành viên Cụm, Khối thi đua", "Chủ tịch UBND tỉnh",
                "Dẫn đầu Cụm, Khối thi đua của tỉnh; hoàn thành vượt mức chỉ tiêu; nội bộ đoàn kết, thực hành tiết kiệm, chống tham nhũng.",
                Basic, 20, VoteRule.Threshold, 80, 0, null, 8.0m, "Bỏ phiếu ≥80% tổng số thành viên Hội đồng cấp trình (NĐ 98 Điều 30)."),
            New("CSTDTINH", "Chiến sĩ thi đua cấp tỉnh", AwardCategory.EmulationTitle, AwardLevel.Province, "Individual",
                "UBND xã", "Chủ tịch UBND tỉnh",
                "Có thành tích tiêu biểu xuất sắc trong số các cá nhân 3 lần liên tục đạt CSTĐCS (Luật TĐKT Điều 22).",
                Basic + "," + DocumentTypes.InitiativeCertificate, 20, VoteRule.Threshold, 90, 0, 3.0m, null, "Bỏ phiếu ≥90% tổng số thành viên (NĐ 98 Điều 30)."),
            New("BKTTG", "Bằng khen của Thủ tướng Chính phủ", AwardCategory.AwardForm, AwardLevel.Central, "Individual,Collective",
                "UBND tỉnh trên đề nghị của xã", "Thủ tướng Chính phủ",
                "Cá nhân: đã có Bằng khen cấp tỉnh và ≥5 năm liên tục hoàn thành tốt nhiệm vụ trở lên, trong đó có 3 lần CSTĐCS (Luật TĐKT Điều 73).",
                Basic + "," + DocumentTypes.NomineeList, 20, VoteRule.Majority, null, 0, 3.5m, 7.0m,
                "Bộ Nội vụ: trả hồ sơ không đủ điều kiện trong 5 ngày làm việc; trình Thủ tướng trong 20 ngày làm việc."),
            New("COCP", "Cờ thi đua của Chính phủ", AwardCategory.EmulationTitle, AwardLevel.Central, "Collective",
                "UBND tỉnh", "Thủ tướng Chính phủ",
                "Tiêu biểu xuất sắc trong số các tập thể dẫn đầu Cụm, Khối thi đua của tỉnh; hoặc tiêu biểu xuất sắc trong phong trào thi đua do Thủ tướng Chính phủ phát động được tổng kết từ 5 năm trở lên (Luật TĐKT Điều 25).",
                Basic, 20, VoteRule.Majority, null, 0, null, 12.0m, CoCpBasis),
            New("HCLD3", "Huân chương Lao động hạng Ba", AwardCategory.AwardForm, AwardLevel.Central, "Individual,Collective",
                "UBND tỉnh trên đề nghị của xã", "Chủ tịch nước",
                "Theo Luật TĐKT Điều 44 (tiêu chuẩn tập thể chi tiết: chưa xác nhận).",
                Basic + "," + DocumentTypes.NomineeList, 20, VoteRule.Majority, null, 10, null, 9.0m,
                "Công khai ≥10 ngày làm việc trước họp Hội đồng (NĐ 152 Điều 44). Hệ số cá nhân: chưa xác nhận."),
        };

        foreach (var award in list)
        {
            if (!options.Catalog.TryGetValue(award.Code, out var s)) continue;
            award.TimeLimitWorkingDays = s.TimeLimitWorkingDays ?? award.TimeLimitWorkingDays;
            award.VoteThresholdPercent = s.VoteThresholdPercent ?? award.VoteThresholdPercent;
            award.PostingDays = s.PostingDays ?? award.PostingDays;
            award.PrizeMultipleIndividual = s.PrizeMultipleIndividual ?? award.PrizeMultipleIndividual;
            award.PrizeMultipleCollective = s.PrizeMultipleCollective ?? award.PrizeMultipleCollective;
        }

        return list;
    }

    /// <summary>The 80% belongs to the province council (domain-rules §3.2); the commune council proposes by majority.</summary>
    public const string CoCpBasis = "Hội đồng xã biểu quyết theo đa số tổng số thành viên để đề nghị; tỷ lệ ≥80% tổng số thành viên là của Hội đồng Thi đua - Khen thưởng tỉnh.";

    private static AwardKind New(
        string code, string name, AwardCategory category, AwardLevel level, string nominees, string proposedBy, string decidedBy, string standards,
        string documents, int days, VoteRule vote, int? threshold, int posting, decimal? individual, decimal? collective, string basis) => new()
    {
        Code = code,
        Name = name,
        Category = category,
        Level = level,
        NomineeKinds = nominees,
        ProposedBy = proposedBy,
        DecidedBy = decidedBy,
        Standards = standards,
        RequiredDocuments = documents,
        TimeLimitWorkingDays = days,
        VoteRule = vote,
        VoteThresholdPercent = threshold,
        PostingDays = posting,
        PrizeMultipleIndividual = individual,
        PrizeMultipleCollective = collective,
        Basis = basis,
        PostingAtUnit = code == "GDVH",
        PostingAfterCouncil = code == "THONVH",
    };
}
