namespace ThiDua.Workflows.Nominations.Documents;

/// <summary>A field a template must name, and what it holds (shown when an uploaded template lacks it).</summary>
public sealed record TemplateField(string Tag, string Label);

/// <summary>One kind of document the office can restyle: its code, name, file name and the fields it must keep.</summary>
public sealed record TemplateKind(string Code, string Name, string FileName, IReadOnlyList<TemplateField> Required, bool Landscape = false);

/// <summary>
/// The documents the product writes from templates. The defaults are the .docx files in Documents/Templates (built
/// by <see cref="BuildDefault"/>, written with <c>thidua templates write</c>); the office may upload its own.
/// </summary>
public static class DocumentTemplates
{
    private static readonly TemplateField Number = new("so_ky_hieu", "Số, ký hiệu văn bản");
    private static readonly TemplateField PlaceDate = new("dia_danh_ngay", "Địa danh và ngày, tháng, năm");
    private static readonly TemplateField Issuer = new("co_quan", "Tên cơ quan ban hành");
    private static readonly TemplateField Summary = new("trich_yeu", "Trích yếu nội dung");
    private static readonly TemplateField Recipients = new("noi_nhan", "Nơi nhận");
    private static readonly TemplateField SignatureForm = new("chu_ky", "Quyền hạn, chức vụ người ký");
    private static readonly TemplateField Signer = new("nguoi_ky", "Họ tên người ký");

    public static readonly TemplateKind Decision = new("quyet-dinh", "Quyết định khen thưởng (kèm danh sách)", "quyet-dinh.docx",
    [
        Issuer, Number, PlaceDate, Summary, new("tham_quyen", "Thẩm quyền ban hành"), new("can_cu", "Căn cứ ban hành"), new("dieu_khoan", "Nội dung các Điều"),
        Recipients, SignatureForm, Signer, new("danh_sach", "Danh sách kèm theo (dòng lặp)"), new("ten", "Tên cá nhân, tập thể"), new("hinh_thuc", "Hình thức, danh hiệu"),
    ]);

    public static readonly TemplateKind Submission = new("to-trinh", "Tờ trình đề nghị khen thưởng (Mẫu số 01, NĐ 152/2025)", "to-trinh.docx",
        [Issuer, Number, PlaceDate, Summary, new("kinh_gui", "Kính gửi"), new("noi_dung", "Nội dung tờ trình"), Recipients, SignatureForm, Signer]);

    public static readonly TemplateKind NomineeList = new("danh-sach", "Danh sách trích ngang", "danh-sach.docx",
    [
        Issuer, new("tieu_de", "Tiêu đề danh sách"), new("danh_sach", "Danh sách (dòng lặp)"), new("ho_ten", "Họ tên / tên tập thể"), new("don_vi", "Đơn vị"),
        new("hinh_thuc", "Hình thức đề nghị"),
    ], Landscape: true);

    public static readonly TemplateKind Minutes = new("bien-ban", "Biên bản họp Hội đồng Thi đua - Khen thưởng (kết quả kiểm phiếu)", "bien-ban.docx",
    [
        Issuer, Number, PlaceDate, Summary, new("noi_dung", "Diễn biến cuộc họp"), new("ket_qua", "Kết quả kiểm phiếu (dòng lặp)"), new("doi_tuong", "Đối tượng"),
        new("dong_y", "Số phiếu đồng ý"), new("ket_luan", "Kết quả"), SignatureForm,
    ]);

    public static readonly TemplateKind AchievementReport = new("bao-cao-thanh-tich", "Báo cáo thành tích (Mẫu của NĐ 152/2025, bản nháp cho đơn vị)", "bao-cao-thanh-tich.docx",
        [PlaceDate, new("tieu_de", "Tiêu đề báo cáo"), new("so_yeu", "Sơ lược lý lịch / đặc điểm"), new("thanh_tich", "Thành tích đạt được"), new("khen_thuong", "Các hình thức đã được khen thưởng"), SignatureForm, Signer]);

    public static readonly TemplateKind Certificate = new("giay-khen", "Giấy khen (in trên phôi của xã)", "giay-khen.docx",
        [new("tham_quyen", "Thẩm quyền tặng"), new("ten", "Tên người, tập thể được khen"), new("thanh_tich", "Thành tích"), new("so_quyet_dinh", "Số quyết định"), PlaceDate, SignatureForm, Signer],
        Landscape: true);

    public static readonly TemplateKind MovementReport = new("bao-cao-phong-trao", "Báo cáo kết quả phong trào thi đua (sơ kết, tổng kết, hằng năm)", "bao-cao-phong-trao.docx",
    [
        Issuer, Number, PlaceDate, Summary, new("noi_dung", "Nội dung báo cáo"), new("theo_nhom", "Bảng theo nhóm đối tượng (dòng lặp)"),
        new("theo_hinh_thuc", "Bảng theo hình thức (dòng lặp)"), new("theo_don_vi", "Bảng theo đơn vị (dòng lặp)"), new("ten", "Tên dòng"), new("de_nghi", "Số đề nghị"),
        new("khen_thuong", "Số được khen thưởng"), Recipients, SignatureForm, Signer,
    ]);

    public static readonly IReadOnlyList<TemplateKind> All = [Decision, Submission, NomineeList, Minutes, AchievementReport, Certificate, MovementReport];

    public static TemplateKind? Find(string? code) => All.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.Ordinal));

    /// <summary>The fields <paramref name="docx"/> lacks for <paramref name="kind"/> (empty when it is a usable template).</summary>
    public static IReadOnlyList<TemplateField> MissingFields(TemplateKind kind, byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var tags = DocxTemplate.TagsOf(docx);
        return kind.Required.Where(f => !tags.Contains(f.Tag)).ToList();
    }

    /// <summary>The default template as shipped (embedded Documents/Templates/*.docx).</summary>
    public static byte[] Default(TemplateKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        using var resource = typeof(DocumentTemplates).Assembly.GetManifestResourceStream("ThiDua.Workflows.Nominations.Documents.Templates." + kind.FileName)
            ?? throw new InvalidOperationException($"The default template {kind.FileName} is not embedded.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Builds the default template of <paramref name="kind"/> (what Documents/Templates holds).</summary>
    public static byte[] BuildDefault(TemplateKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var w = new WordWriter();
        switch (kind.Code)
        {
            case "quyet-dinh":
                w.Heading("co_quan")
                    .Centered("QUYẾT ĐỊNH", bold: true).Block("trich_yeu", bold: true, center: true).Centered("———", halfPoints: 26)
                    .Centered("{tham_quyen}", bold: true)
                    .Block("can_cu", italic: true).Block("de_nghi", italic: true)
                    .Centered("QUYẾT ĐỊNH:", bold: true)
                    .Block("dieu_khoan")
                    .Signature()
                    .Section("danh_sach", s => s.PageBreak()
                        .Centered("DANH SÁCH", bold: true).Block("tieu_de_danh_sach", bold: true, center: true).Centered("{kem_theo}", italic: true, halfPoints: 26)
                        .Table("danh_sach", ["STT", "Cá nhân, tập thể, hộ gia đình", "Đơn vị", "Hình thức, danh hiệu", "Tiền thưởng (đồng)"],
                            ["stt", "ten", "don_vi", "hinh_thuc", "tien_thuong"], [700, 3000, 2200, 2155, 1300]));
                break;
            case "to-trinh":
                w.Heading("co_quan")
                    .Centered("TỜ TRÌNH", bold: true).Block("trich_yeu", bold: true, center: true).Centered("———", halfPoints: 26)
                    .Centered("{kinh_gui}")
                    .Block("noi_dung")
                    .Signature();
                break;
            case "danh-sach":
                w.Block("co_quan", bold: true, center: true, halfPoints: 26)
                    .Centered("DANH SÁCH TRÍCH NGANG", bold: true).Block("tieu_de", bold: true, center: true).Centered("{kem_theo}", italic: true, halfPoints: 26)
                    .Table("danh_sach", ["STT", "Họ và tên / tên tập thể", "Năm sinh", "Giới tính", "Chức vụ", "Đơn vị", "Hình thức đề nghị", "Tóm tắt thành tích"],
                        ["stt", "ho_ten", "nam_sinh", "gioi_tinh", "chuc_vu", "don_vi", "hinh_thuc", "thanh_tich"], [750, 2300, 900, 900, 1800, 2200, 2300, 3137]);
                break;
            case "bien-ban":
                w.Heading("co_quan", superiorField: "co_quan_chu_quan")
                    .Centered("BIÊN BẢN", bold: true).Block("trich_yeu", bold: true, center: true).Centered("———", halfPoints: 26)
                    .Block("noi_dung")
                    .Centered("KẾT QUẢ KIỂM PHIẾU", bold: true)
                    .Table("ket_qua", ["STT", "Đối tượng", "Hình thức đề nghị", "Đồng ý", "Tỷ lệ/tổng số TV", "Kết quả"],
                        ["stt", "doi_tuong", "hinh_thuc", "dong_y", "ty_le", "ket_luan"], [700, 2400, 2300, 1200, 1455, 1300])
                    .Block("ket_thuc")
                    .Signature();
                break;
            case "bao-cao-thanh-tich":
                // A report has no number nor "Nơi nhận": the motto, place and date, and two signatures (the one
                // reporting, and the head who certifies it).
                w.Centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, halfPoints: 26).Centered("Độc lập - Tự do - Hạnh phúc", bold: true).Centered("———————", halfPoints: 26)
                    .Right("{dia_danh_ngay}", italic: true)
                    .Centered("BÁO CÁO THÀNH TÍCH", bold: true).Block("tieu_de", bold: true, center: true).Centered("———", halfPoints: 26)
                    .Text("I. SƠ LƯỢC LÝ LỊCH, ĐẶC ĐIỂM, NHIỆM VỤ ĐƯỢC GIAO", bold: true).Block("so_yeu")
                    .Text("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold: true).Block("thanh_tich")
                    .Text("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold: true).Block("khen_thuong")
                    .Signatures("xac_nhan", "chu_ky");
                break;
            case "giay-khen":
                w.Centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, halfPoints: 26).Centered("Độc lập - Tự do - Hạnh phúc", bold: true)
                    .Centered("")
                    .Block("tham_quyen", bold: true, center: true, halfPoints: 30)
                    .Centered("TẶNG", bold: true, halfPoints: 44)
                    .Centered("GIẤY KHEN", bold: true, halfPoints: 56)
                    .Block("ten", bold: true, center: true, halfPoints: 36)
                    .Block("thanh_tich", italic: true, center: true)
                    .Centered("Quyết định số {so_quyet_dinh}", halfPoints: 24)
                    .Centered("{dia_danh_ngay}", italic: true, halfPoints: 26)
                    .Block("chu_ky", bold: true, center: true, halfPoints: 26)
                    .Centered("").Centered("").Centered("{nguoi_ky}", bold: true);
                break;
            case "bao-cao-phong-trao":
                string[] headers = ["STT", "Nội dung", "Số đề nghị", "Số được khen thưởng", "Tiền thưởng (đồng)"];
                string[] cells = ["stt", "ten", "de_nghi", "khen_thuong", "tien_thuong"];
                int[] widths = [700, 4055, 1400, 1600, 1600];
                w.Heading("co_quan")
                    .Centered("BÁO CÁO", bold: true).Block("trich_yeu", bold: true, center: true).Centered("———", halfPoints: 26)
                    .Block("noi_dung")
                    .Text("1. Kết quả theo nhóm đối tượng", bold: true).Table("theo_nhom", headers, cells, widths)
                    .Text("2. Kết quả theo hình thức khen thưởng", bold: true).Table("theo_hinh_thuc", headers, cells, widths)
                    .Text("3. Kết quả theo đơn vị", bold: true).Table("theo_don_vi", headers, cells, widths)
                    .Block("ket_luan")
                    .Signature();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind.Code, "No default template.");
        }

        return w.ToDocx(kind.Landscape);
    }
}
