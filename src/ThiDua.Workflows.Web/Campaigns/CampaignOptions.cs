namespace ThiDua.Workflows.Web.Campaigns;

/// <summary>
/// The movement's dates (configuration section <c>Workflows:Campaign</c>): the data the campaign workflows take as
/// input. The units taking part are the active units of the database.
/// </summary>
public sealed class CampaignOptions
{
    public const string SectionName = "Workflows:Campaign";

    public string Name { get; set; } = "Đổi mới sáng tạo, phát triển khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh";

    /// <summary>Every unit's implementation plan is due by this date (end of Q2 2026).</summary>
    public string PlanDueDate { get; set; } = "2026-06-30";

    /// <summary>The interim review (sơ kết) of phase 1.</summary>
    public string InterimReviewDate { get; set; } = "2027-11-15";

    /// <summary>The final review (tổng kết) of the movement.</summary>
    public string FinalReviewDate { get; set; } = "2030-11-15";
}
