using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>The 2026–2030 movement of xã Trường Lưu as the plan (the seed) writes it: its seven contents (section II) and the criteria of its four groups (section III.1).</summary>
public static class MovementSeed
{
    public const string CampaignId = "phong-trao-2026-2030";

    public static IReadOnlyList<CampaignContent> Contents(string campaignId) =>
    [
        new() { CampaignId = campaignId, Order = 1, Title = "Nâng cao nhận thức, đổi mới tư duy về khoa học công nghệ và chuyển đổi số",
            Description = "Thi đua nâng cao nhận thức, đổi mới tư duy về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, chuyển đổi xanh; từng bước đổi mới phương thức lãnh đạo, quản lý, điều hành từ truyền thống sang môi trường số gắn với dữ liệu số. Đẩy mạnh công tác tuyên truyền, phổ biến các chủ trương, chính sách về chuyển đổi số gắn với nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh của địa phương." },
        new() { CampaignId = campaignId, Order = 2, Title = "Phát triển hạ tầng số và ứng dụng công nghệ trong đời sống",
            Description = "Thi đua triển khai, khai thác hiệu quả hạ tầng số và các nền tảng số dùng chung; bảo đảm an toàn thông tin, an ninh mạng. Từng bước ứng dụng các công nghệ phù hợp vào thực tiễn; thúc đẩy chuyển đổi số, chuyển đổi xanh trong các lĩnh vực của đời sống; nâng cao chất lượng đời sống Nhân dân, góp phần phát triển kinh tế - xã hội bền vững." },
        new() { CampaignId = campaignId, Order = 3, Title = "Đẩy mạnh chuyển đổi số trong hoạt động cơ quan, chính quyền số",
            Description = "Thi đua đẩy mạnh ứng dụng khoa học, công nghệ, chuyển đổi số trong hoạt động của cơ quan, đơn vị; phát triển chính quyền số; khai thác hiệu quả các cơ sở dữ liệu dùng chung; nâng cao hiệu quả cải cách hành chính, nhất là giải quyết thủ tục hành chính trên môi trường điện tử; tăng cường cung cấp dịch vụ công trực tuyến, tạo thuận lợi cho người dân và doanh nghiệp." },
        new() { CampaignId = campaignId, Order = 4, Title = "Thực hiện chuyển đổi xanh, bảo vệ môi trường",
            Description = "Thi đua thực hiện chuyển đổi xanh, bảo vệ môi trường, ứng phó với biến đổi khí hậu; sử dụng tiết kiệm, hiệu quả tài nguyên, năng lượng; từng bước hình thành thói quen sản xuất, tiêu dùng bền vững trong Nhân dân." },
        new() { CampaignId = campaignId, Order = 5, Title = "Hỗ trợ phát triển kinh tế số trong doanh nghiệp, hộ kinh doanh",
            Description = "Khuyến khích, hỗ trợ các hộ kinh doanh, hợp tác xã, doanh nghiệp trên địa bàn ứng dụng khoa học, công nghệ, chuyển đổi số, thương mại điện tử nhằm nâng cao hiệu quả sản xuất, kinh doanh và năng lực cạnh tranh." },
        new() { CampaignId = campaignId, Order = 6, Title = "Phát triển xã hội số, nâng cao kỹ năng số cho người dân",
            Description = "Thi đua phát triển chính quyền số, kinh tế số, xã hội số; nâng cao kỹ năng số cho người dân; thúc đẩy sử dụng các nền tảng số, dịch vụ số thiết yếu; gắn với phong trào “Bình dân học vụ số”, bảo đảm an ninh, an toàn thông tin và phục vụ người dân." },
        new() { CampaignId = campaignId, Order = 7, Title = "Tăng cường phối hợp và tranh thủ nguồn lực hỗ trợ",
            Description = "Tăng cường phối hợp, học hỏi kinh nghiệm, tranh thủ sự hỗ trợ của cấp trên trong phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, chuyển đổi xanh phù hợp với điều kiện thực tế của địa phương." },
    ];

    public static IReadOnlyList<CampaignCriterion> Criteria(string campaignId) =>
    [
        new() { CampaignId = campaignId, Group = "a", Order = 1, Text = "Phấn đấu hoàn thành có chất lượng, đạt và vượt các mục tiêu cơ bản, nhiệm vụ, giải pháp được nêu tại Nghị quyết số 57-NQ/TW; Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ về sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW; Quyết định số 462/QĐ-TTg của Thủ tướng Chính phủ; Chương trình hành động số 42-CTr/TU ngày 10/4/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW." },
        new() { CampaignId = campaignId, Group = "a", Order = 2, Text = "Chủ động tham mưu, đề xuất và tổ chức triển khai thực hiện các cơ chế, chính sách, nhiệm vụ liên quan; đẩy mạnh cải cách hành chính, đơn giản hóa thủ tục, nâng cao hiệu quả quản lý nhà nước trên địa bàn." },
        new() { CampaignId = campaignId, Group = "a", Order = 3, Text = "Tăng cường ứng dụng khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh trong hoạt động của cơ quan, đơn vị; góp phần nâng cao hiệu lực, hiệu quả quản lý và phục vụ Nhân dân." },
        new() { CampaignId = campaignId, Group = "a", Order = 4, Text = "Thúc đẩy phát triển kinh tế địa phương theo hướng bền vững; sử dụng tiết kiệm, hiệu quả tài nguyên, bảo vệ môi trường, xây dựng lối sống xanh." },
        new() { CampaignId = campaignId, Group = "a", Order = 5, Text = "Phối hợp hỗ trợ các tổ chức, cá nhân, hộ kinh doanh, hợp tác xã trên địa bàn ứng dụng khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh; huy động và sử dụng hiệu quả các nguồn lực cho phát triển." },
        new() { CampaignId = campaignId, Group = "b", Order = 6, Text = "Tổ chức các hoạt động tuyên truyền, vận động thiết thực, hiệu quả; huy động đoàn viên, hội viên và Nhân dân tích cực tham gia chuyển đổi số, chuyển đổi xanh." },
        new() { CampaignId = campaignId, Group = "b", Order = 7, Text = "Có sáng kiến, giải pháp triển khai phong trào “Bình dân học vụ số”, góp phần nâng cao nhận thức, kỹ năng số cho người dân; từng bước hình thành môi trường, lối sống xanh." },
        new() { CampaignId = campaignId, Group = "b", Order = 8, Text = "Phát huy vai trò giám sát, phản biện xã hội; tham gia góp ý xây dựng chủ trương, chính sách, pháp luật liên quan đến khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh." },
        new() { CampaignId = campaignId, Group = "c", Order = 9, Text = "Doanh nghiệp, hợp tác xã, hộ kinh doanh tích cực đổi mới phương thức sản xuất, kinh doanh, áp dụng khoa học công nghệ, nâng cao hiệu quả hoạt động, góp phần phát triển kinh tế địa phương." },
        new() { CampaignId = campaignId, Group = "c", Order = 10, Text = "Chủ động đổi mới phương thức sản xuất, kinh doanh; ứng dụng khoa học, công nghệ, chuyển đổi số nhằm nâng cao hiệu quả hoạt động và năng lực cạnh tranh." },
        new() { CampaignId = campaignId, Group = "c", Order = 11, Text = "Tăng cường đầu tư, áp dụng các giải pháp công nghệ phù hợp; phát triển sản phẩm, dịch vụ gắn với thị trường, từng bước chuyển đổi sang mô hình sản xuất bền vững." },
        new() { CampaignId = campaignId, Group = "c", Order = 12, Text = "Thực hiện tốt công tác bảo vệ môi trường; sử dụng tiết kiệm tài nguyên, năng lượng; từng bước áp dụng các mô hình sản xuất xanh, tuần hoàn." },
        new() { CampaignId = campaignId, Group = "c", Order = 13, Text = "Chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước; tích cực tham gia các hoạt động xã hội, đóng góp cho sự phát triển của địa phương." },
        new() { CampaignId = campaignId, Group = "d", Order = 14, Text = "Cán bộ, công chức, viên chức phát huy tinh thần trách nhiệm, chủ động nghiên cứu, tham mưu, đề xuất sáng kiến trong cải cách hành chính, ứng dụng công nghệ thông tin, chuyển đổi số trong thực hiện nhiệm vụ." },
        new() { CampaignId = campaignId, Group = "d", Order = 15, Text = "Nhân dân, cá nhân khác có đóng góp tích cực về công sức, trí tuệ, sáng kiến trong phát triển khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh; được cơ quan có thẩm quyền ghi nhận." },
    ];
}
