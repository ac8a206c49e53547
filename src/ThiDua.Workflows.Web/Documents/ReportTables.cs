using System.Globalization;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Documents;

/// <summary>The movement report and the year-end statistics as spreadsheet tables.</summary>
public static class ReportTables
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static ExportTable[] Of(MovementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            Lines("Theo nhóm", "Nhóm đối tượng", report.ByGroup.Append(report.Total)),
            Lines("Theo hình thức", "Hình thức, danh hiệu", report.ByAward),
            Lines("Theo đơn vị", "Đơn vị", report.ByUnit),
            Lines("Theo năm", "Năm", report.ByYear),
            new("Theo trạng thái", ["Trạng thái hồ sơ", "Số hồ sơ"], report.ByStatus.Select(x => (IReadOnlyList<string>)[x.Label, Number(x.Count)]).ToList()),
        ];
    }

    public static ExportTable Statistics(int year, IReadOnlyList<StatisticsLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new ExportTable($"Thống kê {year}", ["Hình thức, danh hiệu", "Cấp quyết định", "Tập thể", "Cá nhân", "Hộ gia đình", "Tổng số", "Tiền thưởng (đồng)"],
            lines.Select(l => (IReadOnlyList<string>)[l.Award, l.Level, Number(l.Collectives), Number(l.Individuals), Number(l.Households), Number(l.Total), l.PrizeMoney.ToString("N0", Vietnamese)])
                .Append(["Tổng cộng", "", Number(lines.Sum(l => l.Collectives)), Number(lines.Sum(l => l.Individuals)), Number(lines.Sum(l => l.Households)), Number(lines.Sum(l => l.Total)),
                    lines.Sum(l => l.PrizeMoney).ToString("N0", Vietnamese)]).ToList());
    }

    private static ExportTable Lines(string name, string first, IEnumerable<ReportLine> lines) =>
        new(name, [first, "Số đề nghị", "Số được khen thưởng", "Tiền thưởng (đồng)"],
            lines.Select(l => (IReadOnlyList<string>)[l.Label, Number(l.Proposed), Number(l.Awarded), l.PrizeMoney.ToString("N0", Vietnamese)]).ToList());

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
