using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>A generated document: its file name and the .docx bytes.</summary>
public sealed record GeneratedDocument(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

/// <summary>
/// Writes the documents a numbered record needs, as .docx the office can print, sign and stamp: the chair's award
/// decision (quyết định), the letter to the province (tờ trình), the council's minutes with the count (biên bản).
/// </summary>
public sealed class DocumentService(NominationsContexts contexts, NominationOptions options, WorkingCalendar calendar)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The legal grounds (căn cứ) of the chair's award decisions.</summary>
    private static readonly string[] AwardDecisionGrounds =
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền và hướng dẫn thi hành Luật Thi đua, khen thưởng;",
        "Căn cứ Nghị định số 129/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ quy định việc phân định thẩm quyền của chính quyền địa phương 2 cấp trong lĩnh vực quản lý nhà nước của Bộ Nội vụ;",
    ];

    public async Task<GeneratedDocument?> ForDecisionAsync(string decisionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, cancellationToken).ConfigureAwait(false);
        if (decision is null) return null;
        var parts = decision.SubjectKey.Split(':');
        var content = decision.Kind switch
        {
            "Award" when parts is ["nomination", var id] => await AwardDecisionAsync(db, decision, id, cancellationToken).ConfigureAwait(false),
            "Award" when parts is ["list", _] => await ListDecisionAsync(db, decision, cancellationToken).ConfigureAwait(false),
            "ProvinceSubmission" when parts is ["nomination", var id, ..] => await LetterAsync(db, decision, id, cancellationToken).ConfigureAwait(false),
            "Minutes" when parts is ["session", var id] => await MinutesAsync(db, decision, id, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        var kind = decision.Kind switch { "Award" => "Quyet-dinh", "ProvinceSubmission" => "To-trinh", _ => "Bien-ban" };
        return content is null ? null : new GeneratedDocument($"{kind}-{decision.Number}-{decision.Year}.docx", content);
    }

    private async Task<byte[]?> AwardDecisionAsync(NominationsDbContext db, Decision decision, string nominationId, CancellationToken cancellationToken)
    {
        var n = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == nominationId, cancellationToken).ConfigureAwait(false);
        if (n is null) return null;
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == n.AwardCode, cancellationToken).ConfigureAwait(false);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == n.UnitId, cancellationToken).ConfigureAwait(false);
        var register = await db.Commendations.AsNoTracking().FirstOrDefaultAsync(c => c.NominationId == nominationId, cancellationToken).ConfigureAwait(false);
        var person = n.PersonId is { } pid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken).ConfigureAwait(false) : null;
        var what = award.Category == AwardCategory.EmulationTitle ? "danh hiệu" : "";
        var whom = n.NomineeKind switch
        {
            NomineeKind.Individual => $"{(person?.Gender == "Nữ" ? "bà" : "ông")} {n.NomineeName}{(person?.Position is { } position ? ", " + position : "")}, {unit.Name}",
            NomineeKind.Household => n.NomineeName + $", {unit.Name}",
            _ => n.NomineeName,
        };
        var writer = new WordWriter()
            .Heading("ỦY BAN NHÂN DÂN", options.CommuneName.ToUpper(Vietnamese), decision.DocumentNumber, PlaceAndDate(decision.SignedAt))
            .Title("QUYẾT ĐỊNH", $"Về việc tặng {(what.Length > 0 ? what + " " : "")}“{award.Name}” năm {n.Year}")
            .Centered(options.ChairTitle.ToUpper(Vietnamese), bold: true)
            .Grounds(AwardDecisionGrounds)
            .Text($"Theo đề nghị của {unit.Name} và của Trưởng phòng Văn hóa - Xã hội.", italic: true)
            .Centered("QUYẾT ĐỊNH:", bold: true)
            .Article("Điều 1.", $"Tặng {(what.Length > 0 ? what + " " : "")}“{award.Name}” năm {n.Year} cho {whom}, đã có thành tích: {n.AchievementSummary}");
        if (register?.PrizeMoney is { } money)
            writer.Article("Điều 2.", $"Kèm theo {award.Name} là tiền thưởng {money.ToString("N0", Vietnamese)} đồng, trích từ Quỹ thi đua, khen thưởng của xã.");
        writer.Article(register?.PrizeMoney is null ? "Điều 2." : "Điều 3.",
                $"Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội, {HeadOf(unit)} và {(n.NomineeKind == NomineeKind.Individual ? "cá nhân" : n.NomineeKind == NomineeKind.Household ? "hộ gia đình" : "tập thể")} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
            .Signature([$"Như Điều {(register?.PrizeMoney is null ? 2 : 3)};", "Lưu: VT, VHXH."], "CHỦ TỊCH");
        return writer.ToDocx();
    }

    /// <summary>One decision for a list: Điều 1 refers to the annexed list (danh sách kèm theo), which follows the signature.</summary>
    private async Task<byte[]?> ListDecisionAsync(NominationsDbContext db, Decision decision, CancellationToken cancellationToken)
    {
        var listed = await db.Nominations.AsNoTracking().Where(n => n.DecisionId == decision.Id).OrderBy(n => n.AwardCode).ThenBy(n => n.NomineeName).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (listed.Count == 0) return null;
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var ids = listed.Select(n => n.Id).ToList();
        var money = await db.Commendations.AsNoTracking().Where(c => c.NominationId != null && ids.Contains(c.NominationId))
            .ToDictionaryAsync(c => c.NominationId!, c => c.PrizeMoney, cancellationToken).ConfigureAwait(false);
        var year = listed.Max(n => n.Year);
        var names = string.Join(", ", listed.Select(n => awards[n.AwardCode].Name).Distinct().Select(a => $"“{a}”"));
        var total = money.Values.Sum(v => v ?? 0);
        return new WordWriter()
            .Heading("ỦY BAN NHÂN DÂN", options.CommuneName.ToUpper(Vietnamese), decision.DocumentNumber, PlaceAndDate(decision.SignedAt))
            .Title("QUYẾT ĐỊNH", $"Về việc khen thưởng năm {year}")
            .Centered(options.ChairTitle.ToUpper(Vietnamese), bold: true)
            .Grounds(AwardDecisionGrounds)
            .Text($"Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã và của Trưởng phòng Văn hóa - Xã hội.", italic: true)
            .Centered("QUYẾT ĐỊNH:", bold: true)
            .Article("Điều 1.", $"Tặng {names} năm {year} cho {listed.Count} cá nhân, tập thể, hộ gia đình có tên trong danh sách kèm theo Quyết định này, đã có thành tích trong phong trào thi đua.")
            .Article("Điều 2.", $"Tiền thưởng kèm theo theo danh sách, tổng cộng {total.ToString("N0", Vietnamese)} đồng, trích từ Quỹ thi đua, khen thưởng của xã.")
            .Article("Điều 3.", "Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội, thủ trưởng các đơn vị và các cá nhân, tập thể, hộ gia đình có tên trong danh sách chịu trách nhiệm thi hành Quyết định này./.")
            .Signature(["Như Điều 3;", "Lưu: VT, VHXH."], "CHỦ TỊCH")
            .PageBreak()
            .Title("DANH SÁCH", $"Khen thưởng năm {year}")
            .Centered($"(Kèm theo Quyết định số {decision.DocumentNumber} {PlaceAndDate(decision.SignedAt)[(PlaceAndDate(decision.SignedAt).IndexOf("ngày", StringComparison.Ordinal))..]} của {options.ChairTitle})")
            .Table(["STT", "Cá nhân, tập thể, hộ gia đình", "Đơn vị", "Hình thức, danh hiệu", "Tiền thưởng (đồng)"],
                listed.Select((n, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), n.NomineeName, units.GetValueOrDefault(n.UnitId, n.UnitId),
                    awards[n.AwardCode].Name, money.GetValueOrDefault(n.Id) is { } m ? m.ToString("N0", Vietnamese) : ""]).ToList(),
                [700, 3000, 2200, 2155, 1300])
            .ToDocx();
    }

    private async Task<byte[]?> LetterAsync(NominationsDbContext db, Decision decision, string nominationId, CancellationToken cancellationToken)
    {
        var n = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == nominationId, cancellationToken).ConfigureAwait(false);
        if (n is null) return null;
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == n.AwardCode, cancellationToken).ConfigureAwait(false);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == n.UnitId, cancellationToken).ConfigureAwait(false);
        var vote = await db.NominationEvents.AsNoTracking().Where(e => e.NominationId == nominationId && e.Event == "CouncilVoted").OrderByDescending(e => e.Id)
            .Select(e => e.Note).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new WordWriter()
            .Heading("ỦY BAN NHÂN DÂN", options.CommuneName.ToUpper(Vietnamese), decision.DocumentNumber, PlaceAndDate(decision.SignedAt))
            .Title("TỜ TRÌNH", $"Đề nghị tặng “{award.Name}” năm {n.Year}")
            .Centered($"Kính gửi: {award.DecidedBy} (qua Sở Nội vụ)")
            .Text("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định số 152/2025/NĐ-CP của Chính phủ;")
            .Text($"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {options.CommuneName}{(vote is null ? "" : ": " + vote)};")
            .Text($"Ủy ban nhân dân {options.CommuneName} kính trình {award.DecidedBy} xem xét, tặng “{award.Name}” năm {n.Year} cho {n.NomineeName} ({unit.Name}), đã có thành tích: {n.AchievementSummary}")
            .Text("(Có hồ sơ, báo cáo thành tích kèm theo.)", italic: true)
            .Text($"Ủy ban nhân dân {options.CommuneName} kính trình {award.DecidedBy} xem xét, quyết định./.")
            .Signature(["Như trên;", "Sở Nội vụ (Phòng Thi đua, khen thưởng);", "Lưu: VT, VHXH."], "CHỦ TỊCH")
            .ToDocx();
    }

    private async Task<byte[]?> MinutesAsync(NominationsDbContext db, Decision decision, string sessionId, CancellationToken cancellationToken)
    {
        var session = await db.CouncilSessions.AsNoTracking().Include(s => s.Members).Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null) return null;
        var ids = session.Items.Select(i => i.NominationId).ToList();
        var nominations = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        var present = session.Members.Count(m => m.Attendance != "Absent");
        var writer = new WordWriter()
            .Heading("ỦY BAN NHÂN DÂN " + options.CommuneName.ToUpper(Vietnamese), "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", decision.DocumentNumber, PlaceAndDate(decision.SignedAt))
            .Title("BIÊN BẢN", $"Họp Hội đồng Thi đua - Khen thưởng: {session.Title}")
            .Text($"Thời gian: {calendar.LocalDate(session.ScheduledAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}. Tổng số thành viên Hội đồng: {session.MemberCount}; có mặt: {present}; vắng mặt: {session.MemberCount - present} (thành viên vắng mặt gửi phiếu bằng văn bản).")
            .Text(session.Secret
                ? "Hình thức biểu quyết: bỏ phiếu kín. Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng."
                : "Hình thức biểu quyết: biểu quyết công khai. Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng.")
            .Text("Thành viên Hội đồng: " + string.Join(", ", session.Members.OrderBy(m => m.UserName).Select(m => names.GetValueOrDefault(m.UserName, m.UserName) + (m.Attendance == "Absent" ? " (vắng mặt)" : "")) ) + ".")
            .Centered("KẾT QUẢ KIỂM PHIẾU", bold: true)
            .Table(["STT", "Đối tượng", "Hình thức đề nghị", "Đồng ý", "Tỷ lệ/tổng số TV", "Kết quả"],
                session.Items.Select((item, i) =>
                {
                    var n = nominations.GetValueOrDefault(item.NominationId);
                    return (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), n?.NomineeName ?? "", n is null ? "" : awards.GetValueOrDefault(n.AwardCode, n.AwardCode),
                        $"{item.Approve}/{session.MemberCount}", session.MemberCount == 0 ? "" : $"{Math.Round(item.Approve * 100m / session.MemberCount, 2).ToString("0.##", Vietnamese)}%",
                        CouncilService.ResultLabel(item.Result)];
                }).ToList(),
                [700, 2400, 2300, 1200, 1455, 1300])
            .Text("Biên bản được lập xong và thông qua tại phiên họp./.");
        return writer.Signature([], "THƯ KÝ HỘI ĐỒNG").ToDocx();
    }

    private static string HeadOf(Unit unit) => unit.Kind == UnitKind.Village
        ? "Trưởng " + char.ToLower(unit.Name[0], Vietnamese) + unit.Name[1..]
        : "Thủ trưởng " + unit.Name;

    private string PlaceAndDate(DateTimeOffset at)
    {
        var d = calendar.LocalDate(at);
        var place = options.CommuneName.StartsWith("xã ", StringComparison.OrdinalIgnoreCase) ? options.CommuneName[3..] : options.CommuneName;
        return $"{place}, {Nd30Date(d)}";
    }

    /// <summary>
    /// A date as Nghị định 30/2020 (Phụ lục I) writes it: the day padded below 10, the month padded only for January
    /// and February ("ngày 05 tháng 5 năm 2026", "ngày 01 tháng 02 năm 2027", "ngày 15 tháng 12 năm 2026").
    /// </summary>
    public static string Nd30Date(DateOnly d) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ngày {d.Day:00} tháng {(d.Month <= 2 ? d.Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : d.Month.ToString(System.Globalization.CultureInfo.InvariantCulture))} năm {d.Year}");
}
