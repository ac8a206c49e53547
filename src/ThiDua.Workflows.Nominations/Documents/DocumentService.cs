using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Calendar;

namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>A generated document: its file name (without extension) and the .docx bytes.</summary>
public sealed record GeneratedDocument(string Name, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public string FileName => Name + ".docx";
}

/// <summary>
/// Writes the documents of the commune's work from the templates in use (<see cref="TemplateStore"/>): the chair's
/// award decision with its annexed list, the letter (tờ trình), the council's minutes with the count, the nominee
/// list (danh sách trích ngang), a draft achievement report and the printed certificate (Giấy khen). The wording
/// follows ND 30/2020: issuer, number, place and date, addressee, "Nơi nhận", the signature as issued.
/// </summary>
public sealed class DocumentService(NominationsContexts contexts, TemplateStore templates, NominationOptions options, WorkingCalendar calendar, TimeProvider clock)
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

    /// <summary>The documents a nomination can print: the kinds of <see cref="DocumentTemplates"/> that apply to one nomination.</summary>
    public static readonly IReadOnlyList<TemplateKind> NominationKinds = [DocumentTemplates.Submission, DocumentTemplates.NomineeList, DocumentTemplates.AchievementReport, DocumentTemplates.Certificate];

    public async Task<GeneratedDocument?> ForDecisionAsync(string decisionId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, cancellationToken).ConfigureAwait(false);
        if (decision is null) return null;
        var parts = decision.SubjectKey.Split(':');
        var (kind, data) = decision.Kind switch
        {
            "Award" when parts is ["nomination", var id] => (DocumentTemplates.Decision, await AwardDecisionAsync(db, decision, [id], cancellationToken).ConfigureAwait(false)),
            "Award" when parts is ["list", _] or ["proposal", _] => (DocumentTemplates.Decision, await AwardDecisionAsync(db, decision, null, cancellationToken).ConfigureAwait(false)),
            "ProvinceSubmission" when parts is ["nomination", var id, ..] => (DocumentTemplates.Submission, await LetterAsync(db, decision, id, cancellationToken).ConfigureAwait(false)),
            "Minutes" when parts is ["session", var id] => (DocumentTemplates.Minutes, await MinutesAsync(db, decision, id, cancellationToken).ConfigureAwait(false)),
            _ => (DocumentTemplates.Decision, null),
        };
        if (data is null) return null;
        var prefix = decision.Kind switch { "Award" => "Quyet-dinh", "ProvinceSubmission" => "To-trinh", _ => "Bien-ban" };
        return await FillAsync(kind, data, $"{prefix}-{decision.Number}-{decision.Year}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One of <see cref="NominationKinds"/> for a nomination (null when it does not apply, e.g. a certificate before the decision).</summary>
    public async Task<GeneratedDocument?> ForNominationAsync(string nominationId, string kindCode, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var n = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == nominationId, cancellationToken).ConfigureAwait(false);
        if (n is null || DocumentTemplates.Find(kindCode) is not { } kind) return null;
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == n.AwardCode, cancellationToken).ConfigureAwait(false);
        DocumentData? data;
        switch (kind.Code)
        {
            case "to-trinh":
                // Above the commune the numbered letter exists once the chair signed it; before that, and for a
                // commune award (the office's letter to the chair), a draft with the number left blank.
                var letter = await db.Decisions.AsNoTracking().Where(d => d.Kind == "ProvinceSubmission" && d.SubjectKey.StartsWith("nomination:" + n.Id + ":"))
                    .OrderByDescending(d => d.SignedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                data = letter is not null ? await LetterAsync(db, letter, n.Id, cancellationToken).ConfigureAwait(false) : await DraftLetterAsync(db, n, award, cancellationToken).ConfigureAwait(false);
                break;
            case "danh-sach":
                data = await NomineeListAsync(db, [n], cancellationToken).ConfigureAwait(false);
                break;
            case "bao-cao-thanh-tich":
                data = await AchievementReportAsync(db, n, award, cancellationToken).ConfigureAwait(false);
                break;
            case "giay-khen":
                data = await CertificateAsync(db, n, award, cancellationToken).ConfigureAwait(false);
                break;
            default:
                return null;
        }

        return data is null ? null : await FillAsync(kind, data, $"{kind.Code}-{Slug(n.NomineeName)}-{n.Year}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A template filled with sample data (the settings page's preview of an uploaded template).</summary>
    public async Task<GeneratedDocument> SampleAsync(TemplateKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var data = Common("0000/MẪU", new DateOnly(2026, 5, 5), Signatures.Lines("Phó Chủ tịch"), "Nguyễn Văn A");
        data["trich_yeu"] = "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2026";
        data["tham_quyen"] = ChairAuthority;
        data["can_cu"] = string.Join('\n', AwardDecisionGrounds);
        data["dieu_khoan"] = "**Điều 1.** Nội dung mẫu.\n**Điều 2.** Quyết định có hiệu lực kể từ ngày ký./.";
        data["kinh_gui"] = "Kính gửi: Chủ tịch Ủy ban nhân dân " + options.ProvinceName + " (qua Sở Nội vụ)";
        data["noi_dung"] = "Nội dung mẫu của văn bản.";
        data["noi_nhan"] = "- Như trên;\n- Lưu: VT, VHXH.";
        data["tieu_de"] = data["tieu_de_danh_sach"] = "Đề nghị khen thưởng năm 2026";
        data["ten"] = "Bà Lê Thị Hoa";
        data["thanh_tich"] = "Đã có thành tích xuất sắc trong phong trào thi đua năm 2026.";
        data["so_quyet_dinh"] = "0000/MẪU ngày 05/5/2026";
        data.Lists["danh_sach"] = [Row(("stt", "1"), ("ten", "Lê Thị Hoa"), ("ho_ten", "Lê Thị Hoa"), ("don_vi", "Thôn 1"), ("hinh_thuc", "Lao động tiên tiến"), ("tien_thuong", "702.000"))];
        data.Lists["ket_qua"] = [Row(("stt", "1"), ("doi_tuong", "Lê Thị Hoa"), ("hinh_thuc", "Lao động tiên tiến"), ("dong_y", "7/7"), ("ty_le", "100%"), ("ket_luan", "Đạt"))];
        return await FillAsync(kind, data, "mau-" + kind.Code, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The movement report of a period (sơ kết 2027, tổng kết 2030, a year), unnumbered until the văn thư registers it.</summary>
    public async Task<GeneratedDocument> MovementReportAsync(MovementReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var data = Common("      /BC-UBND", calendar.LocalDate(clock.GetUtcNow()), Signatures.Lines(null, "Ủy ban nhân dân"), null);
        data["trich_yeu"] = $"Kết quả Phong trào thi đua “Đổi mới sáng tạo, phát triển khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh” — {report.Period.Label}";
        var total = report.Total;
        data["noi_dung"] = string.Join('\n',
            $"Thực hiện Kế hoạch triển khai Phong trào thi đua trên địa bàn {options.CommuneName}, Ủy ban nhân dân xã báo cáo kết quả {report.Period.Label.ToLower(Vietnamese)} như sau:",
            $"Tổng số hồ sơ đề nghị khen thưởng: {total.Proposed}; số được khen thưởng: {total.Awarded}; tổng tiền thưởng: {total.PrizeMoney.ToString("N0", Vietnamese)} đồng.");
        data["ket_luan"] = "Trên đây là báo cáo kết quả thực hiện Phong trào thi đua của Ủy ban nhân dân " + options.CommuneName + "./.";
        data["noi_nhan"] = "- Sở Nội vụ (Phòng Thi đua, khen thưởng);\n- Thường trực Đảng ủy, HĐND xã;\n- Lưu: VT, VHXH.";
        static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(IEnumerable<ReportLine> lines) => lines.Select((l, i) => (IReadOnlyDictionary<string, string>)Row(
            ("stt", (i + 1).ToString(CultureInfo.InvariantCulture)), ("ten", l.Label), ("de_nghi", l.Proposed.ToString(CultureInfo.InvariantCulture)),
            ("khen_thuong", l.Awarded.ToString(CultureInfo.InvariantCulture)), ("tien_thuong", l.PrizeMoney.ToString("N0", Vietnamese)))).ToList();
        data.Lists["theo_nhom"] = Rows(report.ByGroup.Append(total));
        data.Lists["theo_hinh_thuc"] = Rows(report.ByAward);
        data.Lists["theo_don_vi"] = Rows(report.ByUnit);
        return await FillAsync(DocumentTemplates.MovementReport, data, $"Bao-cao-phong-trao-{report.Period.Code}-{report.Period.ToYear}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<GeneratedDocument> FillAsync(TemplateKind kind, DocumentData data, string name, CancellationToken cancellationToken)
    {
        var template = await templates.GetAsync(kind, cancellationToken).ConfigureAwait(false);
        return new GeneratedDocument(name, DocxTemplate.Fill(template, data));
    }

    private string CommuneUpper => options.CommuneName.ToUpper(Vietnamese);

    private string ChairAuthority => "CHỦ TỊCH ỦY BAN NHÂN DÂN " + CommuneUpper;

    /// <summary>The issuer, number, place and date and the signature every numbered document carries.</summary>
    private DocumentData Common(string number, DateOnly date, string signature, string? signer)
    {
        var data = new DocumentData();
        data["co_quan"] = "ỦY BAN NHÂN DÂN\n" + CommuneUpper;
        data["so_ky_hieu"] = number;
        data["dia_danh_ngay"] = PlaceAndDate(date);
        data["chu_ky"] = signature;
        data["nguoi_ky"] = signer ?? "";
        return data;
    }

    private DocumentData Common(Decision decision) =>
        Common(decision.DocumentNumber, calendar.LocalDate(decision.SignedAt), decision.SignatureLines ?? DocumentNumbers.SignatureFor(decision.Kind, null), decision.SignerName);

    /// <summary>
    /// Who a letter proposing <paramref name="award"/> is addressed to. Above the commune it is always the province
    /// chair through Sở Nội vụ — also for central awards, which the province carries on (domain-rules §4.2); a commune
    /// award's letter is the office's to the commune chair.
    /// </summary>
    public string Addressee(AwardKind award)
    {
        ArgumentNullException.ThrowIfNull(award);
        return award.Level == AwardLevel.Commune
            ? "Kính gửi: Chủ tịch Ủy ban nhân dân " + options.CommuneName
            : "Kính gửi: Chủ tịch Ủy ban nhân dân " + options.ProvinceName + " (qua Sở Nội vụ)";
    }

    private async Task<DocumentData?> AwardDecisionAsync(NominationsDbContext db, Decision decision, IReadOnlyList<string>? ids, CancellationToken cancellationToken)
    {
        var query = db.Nominations.AsNoTracking();
        var listed = ids is null
            ? (await query.Where(n => n.DecisionId == decision.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
                .OrderBy(n => n.AwardCode, StringComparer.Ordinal).ThenBy(n => n.NomineeName, StringComparer.Create(Vietnamese, ignoreCase: true)).ToList()
            : await query.Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (listed.Count == 0) return null;
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, cancellationToken).ConfigureAwait(false);
        var listedIds = listed.Select(n => n.Id).ToList();
        var money = await db.Commendations.AsNoTracking().Where(c => c.NominationId != null && listedIds.Contains(c.NominationId))
            .ToDictionaryAsync(c => c.NominationId!, c => c.PrizeMoney, cancellationToken).ConfigureAwait(false);
        var year = listed.Max(n => n.Year);
        var data = Common(decision);
        data["tham_quyen"] = ChairAuthority;
        data["can_cu"] = string.Join('\n', AwardDecisionGrounds);
        var total = money.Values.Sum(v => v ?? 0);
        var responsible = "Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội";
        if (ids is not null)
        {
            var n = listed[0];
            var award = awards[n.AwardCode];
            var unit = units[n.UnitId];
            var person = n.PersonId is { } pid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken).ConfigureAwait(false) : null;
            var what = award.Category == AwardCategory.EmulationTitle ? "danh hiệu " : "";
            var whom = n.NomineeKind switch
            {
                NomineeKind.Individual => $"{(person?.Gender == "Nữ" ? "bà" : "ông")} {n.NomineeName}{(person?.Position is { } position ? ", " + position : "")}, {unit.Name}",
                NomineeKind.Household => $"{Household(n.NomineeName, capital: false)}, {unit.Name}",
                _ => n.NomineeName,
            };
            data["trich_yeu"] = $"Về việc tặng {what}“{award.Name}” năm {n.Year}";
            data["de_nghi"] = $"Theo đề nghị của {unit.Name} và của Trưởng phòng Văn hóa - Xã hội.";
            var articles = new List<string> { $"**Điều 1.** Tặng {what}“{award.Name}” năm {n.Year} cho {whom}, đã có thành tích: {n.AchievementSummary}" };
            if (money.GetValueOrDefault(n.Id) is { } prize)
                articles.Add($"**Điều 2.** Kèm theo {award.Name} là tiền thưởng {prize.ToString("N0", Vietnamese)} đồng, trích từ Quỹ thi đua, khen thưởng của xã.");
            var holder = n.NomineeKind switch { NomineeKind.Individual => "cá nhân", NomineeKind.Household => "hộ gia đình", _ => "tập thể" };
            articles.Add($"**Điều {articles.Count + 1}.** {responsible}, {HeadOf(unit)} và {holder} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.");
            data["dieu_khoan"] = string.Join('\n', articles);
            data["noi_nhan"] = $"- Như Điều {articles.Count};\n- Lưu: VT, VHXH.";
            return data;
        }

        var names = string.Join(", ", listed.Select(n => awards[n.AwardCode].Name).Distinct().Select(a => $"“{a}”"));
        data["trich_yeu"] = $"Về việc khen thưởng năm {year}";
        data["de_nghi"] = "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã và của Trưởng phòng Văn hóa - Xã hội.";
        var listArticles = new List<string>
        {
            $"**Điều 1.** Tặng {names} năm {year} cho {listed.Count} cá nhân, tập thể, hộ gia đình có tên trong danh sách kèm theo Quyết định này, đã có thành tích trong phong trào thi đua.",
        };
        if (total > 0) listArticles.Add($"**Điều 2.** Tiền thưởng kèm theo danh sách, tổng cộng {total.ToString("N0", Vietnamese)} đồng, trích từ Quỹ thi đua, khen thưởng của xã.");
        listArticles.Add($"**Điều {listArticles.Count + 1}.** {responsible}, thủ trưởng các đơn vị và các cá nhân, tập thể, hộ gia đình có tên trong danh sách chịu trách nhiệm thi hành Quyết định này./.");
        data["dieu_khoan"] = string.Join('\n', listArticles);
        data["noi_nhan"] = $"- Như Điều {listArticles.Count};\n- Lưu: VT, VHXH.";
        data["tieu_de_danh_sach"] = $"Khen thưởng năm {year}";
        data["kem_theo"] = $"(Kèm theo Quyết định số {decision.DocumentNumber} {Nd30Date(calendar.LocalDate(decision.SignedAt))} của {options.ChairTitle})";
        data.Lists["danh_sach"] = listed.Select((n, i) => Row(
            ("stt", (i + 1).ToString(CultureInfo.InvariantCulture)), ("ten", n.NomineeName), ("don_vi", units.GetValueOrDefault(n.UnitId)?.Name ?? n.UnitId),
            ("hinh_thuc", awards[n.AwardCode].Name), ("tien_thuong", money.GetValueOrDefault(n.Id) is { } m ? m.ToString("N0", Vietnamese) : ""))).ToList();
        return data;
    }

    private async Task<DocumentData?> LetterAsync(NominationsDbContext db, Decision decision, string nominationId, CancellationToken cancellationToken)
    {
        var n = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == nominationId, cancellationToken).ConfigureAwait(false);
        if (n is null) return null;
        var award = await db.AwardKinds.AsNoTracking().FirstAsync(a => a.Code == n.AwardCode, cancellationToken).ConfigureAwait(false);
        var data = Common(decision);
        await LetterBodyAsync(db, data, n, award, cancellationToken).ConfigureAwait(false);
        return data;
    }

    private async Task<DocumentData?> DraftLetterAsync(NominationsDbContext db, Nomination n, AwardKind award, CancellationToken cancellationToken)
    {
        // Unnumbered: the văn thư gives the number when it is issued ("Số:      /TTr-UBND").
        var commune = award.Level == AwardLevel.Commune;
        var data = Common("      /" + (commune ? "TTr-VHXH" : options.SubmissionLetterSymbol), calendar.LocalDate(clock.GetUtcNow()),
            commune ? "TRƯỞNG PHÒNG" : DocumentNumbers.SignatureFor("ProvinceSubmission", null), null);
        if (commune) data["co_quan"] = $"UBND {CommuneUpper}\nPHÒNG VĂN HÓA - XÃ HỘI";
        await LetterBodyAsync(db, data, n, award, cancellationToken).ConfigureAwait(false);
        return data;
    }

    private async Task LetterBodyAsync(NominationsDbContext db, DocumentData data, Nomination n, AwardKind award, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == n.UnitId, cancellationToken).ConfigureAwait(false);
        var vote = await db.NominationEvents.AsNoTracking().Where(e => e.NominationId == n.Id && e.Event == "CouncilVoted").OrderByDescending(e => e.Id)
            .Select(e => e.Note).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var commune = award.Level == AwardLevel.Commune;
        var sender = commune ? "Phòng Văn hóa - Xã hội" : "Ủy ban nhân dân " + options.CommuneName;
        var to = commune ? "Chủ tịch Ủy ban nhân dân " + options.CommuneName : "Chủ tịch Ủy ban nhân dân " + options.ProvinceName;
        data["trich_yeu"] = $"Về việc đề nghị tặng “{award.Name}” năm {n.Year}";
        data["kinh_gui"] = Addressee(award);
        data["noi_dung"] = string.Join('\n', new[]
        {
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
            vote is null ? null : $"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {options.CommuneName}: {vote};",
            $"{sender} kính trình {to} xem xét, tặng “{award.Name}” năm {n.Year} cho {n.NomineeName} ({unit.Name}), đã có thành tích: {n.AchievementSummary}",
            "(Có danh sách trích ngang, biên bản và báo cáo thành tích kèm theo.)",
            $"{sender} kính trình {to} xem xét, quyết định./.",
        }.OfType<string>());
        data["noi_nhan"] = commune ? "- Như trên;\n- Lưu: VHXH." : "- Như trên;\n- Sở Nội vụ (Phòng Thi đua, khen thưởng);\n- Lưu: VT, VHXH.";
    }

    /// <summary>The danh sách trích ngang of <paramref name="nominations"/>: name, year of birth, gender, position, unit, award, achievements.</summary>
    internal async Task<DocumentData> NomineeListAsync(NominationsDbContext db, IReadOnlyList<Nomination> nominations, CancellationToken cancellationToken)
    {
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken).ConfigureAwait(false);
        var personIds = nominations.Where(n => n.PersonId is not null).Select(n => n.PersonId!.Value).ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken).ConfigureAwait(false);
        var data = new DocumentData();
        data["co_quan"] = "ỦY BAN NHÂN DÂN\n" + CommuneUpper;
        var year = nominations.Max(n => n.Year);
        data["tieu_de"] = $"Đề nghị khen thưởng năm {year}";
        data["kem_theo"] = "(Kèm theo Tờ trình của Ủy ban nhân dân " + options.CommuneName + ")";
        data.Lists["danh_sach"] = nominations.Select((n, i) =>
        {
            var p = n.PersonId is { } id ? people.GetValueOrDefault(id) : null;
            return Row(("stt", (i + 1).ToString(CultureInfo.InvariantCulture)), ("ho_ten", n.NomineeName), ("nam_sinh", p?.BirthYear?.ToString(CultureInfo.InvariantCulture) ?? ""),
                ("gioi_tinh", p?.Gender ?? ""), ("chuc_vu", p?.Position ?? ""), ("don_vi", units.GetValueOrDefault(n.UnitId, n.UnitId)),
                ("hinh_thuc", awards.GetValueOrDefault(n.AwardCode, n.AwardCode)), ("thanh_tich", n.AchievementSummary));
        }).ToList();
        return data;
    }

    private async Task<DocumentData> AchievementReportAsync(NominationsDbContext db, Nomination n, AwardKind award, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == n.UnitId, cancellationToken).ConfigureAwait(false);
        var person = n.PersonId is { } pid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken).ConfigureAwait(false) : null;
        var earlier = await db.Commendations.AsNoTracking()
            .Where(c => (n.PersonId != null && c.PersonId == n.PersonId) || (n.PersonId == null && c.NomineeName == n.NomineeName && c.UnitId == n.UnitId))
            .OrderBy(c => c.Year).ToListAsync(cancellationToken).ConfigureAwait(false);
        var awardNames = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var individual = n.NomineeKind == NomineeKind.Individual;
        var data = new DocumentData();
        data["dia_danh_ngay"] = PlaceAndDate(calendar.LocalDate(clock.GetUtcNow()));
        data["xac_nhan"] = individual ? $"XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ\n({unit.Name})" : "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG";
        data["tieu_de"] = $"Đề nghị tặng “{award.Name}” năm {n.Year}";
        data["so_yeu"] = individual
            ? string.Join('\n', $"Họ và tên: {n.NomineeName}", $"Giới tính: {person?.Gender ?? "…"}; năm sinh: {person?.BirthYear?.ToString(CultureInfo.InvariantCulture) ?? "…"}",
                $"Chức vụ, đơn vị công tác: {(person?.Position is { } position ? position + ", " : "")}{unit.Name}")
            : string.Join('\n', $"Tên tập thể: {n.NomineeName}", $"Thuộc: {unit.Name}", "Đặc điểm, chức năng, nhiệm vụ được giao: …");
        data["thanh_tich"] = n.AchievementSummary;
        data["khen_thuong"] = earlier.Count == 0 ? "Chưa có." : string.Join('\n', earlier.Select(c =>
            $"- Năm {c.Year}: {awardNames.GetValueOrDefault(c.AwardCode, c.AwardCode)} (Quyết định số {c.DecisionNumber} ngày {c.DecidedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} của {c.Issuer})"));
        data["chu_ky"] = individual ? "NGƯỜI BÁO CÁO THÀNH TÍCH" : $"THỦ TRƯỞNG ĐƠN VỊ\n({unit.Name})";
        data["nguoi_ky"] = individual ? n.NomineeName : "";
        return data;
    }

    private async Task<DocumentData?> CertificateAsync(NominationsDbContext db, Nomination n, AwardKind award, CancellationToken cancellationToken)
    {
        // Printed only once decided, and only for what the commune chair gives.
        if (n.DecisionId is null || award.Level != AwardLevel.Commune) return null;
        var decision = await db.Decisions.AsNoTracking().FirstAsync(d => d.Id == n.DecisionId, cancellationToken).ConfigureAwait(false);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == n.UnitId, cancellationToken).ConfigureAwait(false);
        var person = n.PersonId is { } pid ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, cancellationToken).ConfigureAwait(false) : null;
        var data = Common(decision);
        data["tham_quyen"] = ChairAuthority;
        data["ten"] = n.NomineeKind switch
        {
            NomineeKind.Individual => $"{(person?.Gender == "Nữ" ? "Bà" : "Ông")} {n.NomineeName}\n{(person?.Position is { } position ? position + ", " : "")}{unit.Name}",
            NomineeKind.Household => $"{Household(n.NomineeName, capital: true)}\n{unit.Name}",
            _ => n.NomineeName,
        };
        data["thanh_tich"] = award.Category == AwardCategory.EmulationTitle
            ? $"Đạt danh hiệu “{award.Name}” năm {n.Year}"
            : $"Đã có thành tích: {n.AchievementSummary}";
        data["so_quyet_dinh"] = $"{decision.DocumentNumber} ngày {calendar.LocalDate(decision.SignedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        return data;
    }

    private async Task<DocumentData?> MinutesAsync(NominationsDbContext db, Decision decision, string sessionId, CancellationToken cancellationToken)
    {
        var session = await db.CouncilSessions.AsNoTracking().Include(s => s.Members).Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null) return null;
        var ids = session.Items.Select(i => i.NominationId).ToList();
        var nominations = await db.Nominations.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken).ConfigureAwait(false);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        var present = session.Members.Count(m => m.Attendance != "Absent");
        var data = Common(decision);
        data["co_quan_chu_quan"] = "UBND " + CommuneUpper;
        data["co_quan"] = "HỘI ĐỒNG THI ĐUA\nKHEN THƯỞNG";
        data["trich_yeu"] = "Họp Hội đồng Thi đua - Khen thưởng: " + session.Title;
        data["noi_dung"] = string.Join('\n',
            $"Thời gian: {calendar.LocalDate(session.ScheduledAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}. Tổng số thành viên Hội đồng: {session.MemberCount}; có mặt: {present}; vắng mặt: {session.MemberCount - present} (thành viên vắng mặt gửi phiếu bằng văn bản).",
            session.Secret
                ? "Hình thức biểu quyết: bỏ phiếu kín. Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng."
                : "Hình thức biểu quyết: biểu quyết công khai. Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng.",
            "Thành viên Hội đồng: " + string.Join(", ", session.Members.OrderBy(m => m.UserName).Select(m => names.GetValueOrDefault(m.UserName, m.UserName) + (m.Attendance == "Absent" ? " (vắng mặt)" : ""))) + ".");
        data["ket_thuc"] = "Biên bản được lập xong và thông qua tại phiên họp./.";
        data["noi_nhan"] = "- Thành viên Hội đồng;\n- Lưu: VT, VHXH.";
        data.Lists["ket_qua"] = session.Items.Select((item, i) =>
        {
            var n = nominations.GetValueOrDefault(item.NominationId);
            return Row(("stt", (i + 1).ToString(CultureInfo.InvariantCulture)), ("doi_tuong", n?.NomineeName ?? ""), ("hinh_thuc", n is null ? "" : awards.GetValueOrDefault(n.AwardCode, n.AwardCode)),
                ("dong_y", $"{item.Approve}/{session.MemberCount}"),
                ("ty_le", session.MemberCount == 0 ? "" : $"{Math.Round(item.Approve * 100m / session.MemberCount, 2).ToString("0.##", Vietnamese)}%"),
                ("ket_luan", Capitalized(CouncilService.ResultLabel(item.Result))));
        }).ToList();
        return data;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Vietnamese) + text[1..];

    private static Dictionary<string, string> Row(params (string Tag, string Value)[] cells) => cells.ToDictionary(c => c.Tag, c => c.Value, StringComparer.Ordinal);

    /// <summary>A household as the documents name it: demo and real lists often already write "Hộ ông …".</summary>
    private static string Household(string name, bool capital) =>
        name.StartsWith("Hộ ", StringComparison.OrdinalIgnoreCase) ? (capital ? name : "hộ " + name[3..]) : (capital ? "Hộ gia đình " : "hộ gia đình ") + name;

    private static string HeadOf(Unit unit) => unit.Kind == UnitKind.Village
        ? "Trưởng " + char.ToLower(unit.Name[0], Vietnamese) + unit.Name[1..]
        : "Thủ trưởng " + unit.Name;

    private static string Slug(string text)
    {
        var plain = new string(text.Normalize(System.Text.NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray())
            .Replace('đ', 'd').Replace('Đ', 'D');
        return string.Join('-', plain.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string(w.Where(char.IsAsciiLetterOrDigit).ToArray())).Where(w => w.Length > 0));
    }

    private string PlaceAndDate(DateOnly d)
    {
        var place = options.CommuneName.StartsWith("xã ", StringComparison.OrdinalIgnoreCase) ? options.CommuneName[3..] : options.CommuneName;
        return $"{place}, {Nd30Date(d)}";
    }

    /// <summary>
    /// A date as Nghị định 30/2020 (Phụ lục I) writes it: the day padded below 10, the month padded only for January
    /// and February ("ngày 05 tháng 5 năm 2026", "ngày 01 tháng 02 năm 2027", "ngày 15 tháng 12 năm 2026").
    /// </summary>
    public static string Nd30Date(DateOnly d) =>
        string.Create(CultureInfo.InvariantCulture, $"ngày {d.Day:00} tháng {(d.Month <= 2 ? d.Month.ToString("00", CultureInfo.InvariantCulture) : d.Month.ToString(CultureInfo.InvariantCulture))} năm {d.Year}");
}
