using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>Demo data of xã Trường Lưu for Development: units and thôn, people, users for each role, the council, the campaign.</summary>
internal static class DemoData
{
    /// <summary>The demo users' password (Development only; README says so).</summary>
    public const string DemoPassword = "ThiDua@2026";

    /// <summary>Units, people and the campaign; returns the people (their ids are the database's, known after saving).</summary>
    public static IReadOnlyList<Person> AddDirectory(NominationsDbContext db)
    {
        db.Units.AddRange(
            Unit("vp-ubnd", "Văn phòng HĐND và UBND xã", UnitKind.Office, 12),
            Unit("phong-kinh-te", "Phòng Kinh tế", UnitKind.Office, 8),
            Unit("phong-vhxh", "Phòng Văn hóa - Xã hội", UnitKind.Office, 7),
            Unit("mttq", "Ủy ban MTTQ Việt Nam xã", UnitKind.MassOrganisation, 9),
            Unit("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", UnitKind.MassOrganisation, 5),
            Unit("hoi-phu-nu", "Hội Liên hiệp Phụ nữ xã", UnitKind.MassOrganisation, 5),
            Unit("truong-thcs", "Trường THCS xã Trường Lưu", UnitKind.School, 38),
            Unit("truong-tieu-hoc", "Trường Tiểu học xã Trường Lưu", UnitKind.School, 30),
            Unit("htx-nong-nghiep", "Hợp tác xã dịch vụ nông nghiệp", UnitKind.Cooperative, 15),
            Unit("dn-det-may", "Công ty TNHH Dệt may Trường Lưu", UnitKind.Enterprise, 120),
            Unit("hkd-tran-van-an", "Hộ kinh doanh Trần Văn An (cơ khí)", UnitKind.HouseholdBusiness, 4),
            Unit("thon-1", "Thôn 1", UnitKind.Village, 0),
            Unit("thon-2", "Thôn 2", UnitKind.Village, 0),
            Unit("thon-3", "Thôn 3", UnitKind.Village, 0),
            // The school of a commune merged into Trường Lưu on 1/7/2025: its titles count for the school that continues it.
            new Unit
            {
                Id = "truong-thcs-xa-cu", Name = "Trường THCS của xã cũ (trước sắp xếp 01/7/2025)", Kind = UnitKind.School, MemberCount = 0,
                Active = false, MergedInto = "truong-thcs", MergedOn = new DateOnly(2025, 7, 1),
            });
        var people = new[]
        {
            new Person { FullName = "Nguyễn Thị Hương", Gender = "Nữ", BirthYear = 1988, Position = "Chi hội trưởng phụ nữ", UnitId = "thon-1" },
            new Person { FullName = "Trần Đức Thắng", Gender = "Nam", BirthYear = 1985, Position = "Giáo viên Tin học", UnitId = "truong-thcs", RecruitedOn = new DateOnly(2010, 9, 1) },
            new Person { FullName = "Lê Thị Mai Anh", Gender = "Nữ", BirthYear = 1992, Position = "Công chức Văn phòng - Thống kê", UnitId = "vp-ubnd", RecruitedOn = new DateOnly(2018, 3, 1) },
            new Person { FullName = "Phan Văn Lộc", Gender = "Nam", BirthYear = 1979, Position = "Giám đốc Hợp tác xã", UnitId = "htx-nong-nghiep" },
            new Person { FullName = "Đặng Thị Thu Trang", Gender = "Nữ", BirthYear = 1990, Position = "Giáo viên", UnitId = "truong-tieu-hoc", RecruitedOn = new DateOnly(2014, 8, 15) },
            new Person { FullName = "Võ Minh Tuấn", Gender = "Nam", BirthYear = 1995, Position = "Bí thư Đoàn xã", UnitId = "doan-thanh-nien" },
        };
        db.People.AddRange(people);
        db.Campaigns.Add(new Campaign
        {
            Id = "phong-trao-2026-2030",
            Name = "Đổi mới sáng tạo, phát triển khoa học, công nghệ, chuyển đổi số, chuyển đổi xanh",
            StartYear = 2026,
            EndYear = 2030,
            PlanDueDate = new DateOnly(2026, 6, 30),
            Phases =
            [
                new CampaignPhase { CampaignId = "phong-trao-2026-2030", Name = "Giai đoạn 1 (2026–2027)", StartYear = 2026, EndYear = 2027, Review = "InterimReview", ReviewDate = new DateOnly(2027, 11, 15) },
                new CampaignPhase { CampaignId = "phong-trao-2026-2030", Name = "Giai đoạn 2 (2028–2030)", StartYear = 2028, EndYear = 2030, Review = "FinalReview", ReviewDate = new DateOnly(2030, 11, 15) },
            ],
            Contents = [.. MovementSeed.Contents(MovementSeed.CampaignId)],
            Criteria = [.. MovementSeed.Criteria(MovementSeed.CampaignId)],
        });
        return people;
    }

    /// <summary>A few units' reports on the movement's contents for 2026 (the office has accepted one, returned one).</summary>
    public static void AddUnitReports(NominationsDbContext db, IReadOnlyList<CampaignContent> contents, DateTimeOffset now)
    {
        UnitReport Report(string unit, string by, string status, string? note, params (int Order, string Text)[] items)
        {
            var id = "bao-cao-2026-" + unit;
            return new UnitReport
            {
                Id = id, CampaignId = MovementSeed.CampaignId, UnitId = unit, Year = 2026, Status = status, SubmittedBy = by, SubmittedAt = now,
                ReviewedBy = status == UnitReportStatuses.Submitted ? null : "vanphong", ReviewedAt = status == UnitReportStatuses.Submitted ? null : now, ReviewNote = note,
                Items = items.Select(i => new UnitReportItem { ReportId = id, ContentId = contents.Single(c => c.Order == i.Order).Id, Text = i.Text }).ToList(),
            };
        }

        db.UnitReports.AddRange(
            Report("thon-1", "thon1", UnitReportStatuses.Accepted, null,
                (1, "Tổ chức 4 buổi tuyên truyền về chuyển đổi số tại nhà văn hóa thôn, 320 lượt người dự."),
                (6, "Tổ công nghệ số cộng đồng hướng dẫn 180 người dân cài đặt VNeID mức 2 và thanh toán không dùng tiền mặt.")),
            Report("truong-thcs", "hieutruong", UnitReportStatuses.Submitted, null,
                (3, "100% hồ sơ học sinh quản lý trên phần mềm; sổ điểm điện tử; họp phụ huynh trực tuyến."),
                (6, "Câu lạc bộ Tin học trẻ với 45 học sinh; 2 giải cấp tỉnh.")),
            Report("htx-nong-nghiep", "htx", UnitReportStatuses.Returned, "Bổ sung số liệu doanh thu bán hàng qua sàn thương mại điện tử.",
                (5, "Đưa sản phẩm lúa hữu cơ lên sàn thương mại điện tử."),
                (4, "30 ha lúa hữu cơ, giảm 40% phân bón hóa học.")));
    }

    /// <summary>Earlier awards: the register drives chain rules (Phan Văn Lộc: CSTĐCS two years running).</summary>
    public static void AddEarlierAwards(NominationsDbContext db, IReadOnlyList<Person> people, NominationOptions options)
    {
        db.Commendations.AddRange(
            // Before the two-tier reform (1/7/2025) the district chair decided commune-level titles.
            Earlier(people[3], "CSTDCS", 2024, "98/QĐ-UBND", options, "Chủ tịch UBND huyện Can Lộc"),
            Earlier(people[3], "CSTDCS", 2025, "131/QĐ-UBND", options),
            Earlier(people[1], "LDTT", 2025, "130/QĐ-UBND", options),
            // The merged school's 2024 title and the continuing school's 2025 one: two consecutive years for its chains.
            EarlierCollective("truong-thcs-xa-cu", "Trường THCS của xã cũ (trước sắp xếp 01/7/2025)", "TTLDXS", 2024, "3120/QĐ-UBND", options),
            EarlierCollective("truong-thcs", "Trường THCS xã Trường Lưu", "TTLDXS", 2025, "52/QĐ-UBND", options));
    }

    private static Commendation EarlierCollective(string unitId, string name, string award, int year, string number, NominationOptions options)
    {
        var kind = AwardCatalogSeed.All(options).First(a => a.Code == award);
        return new Commendation
        {
            UnitId = unitId, NomineeName = name, AwardCode = award, Year = year, DecisionNumber = number, DecidedOn = new DateOnly(year + 1, 1, 15),
            Issuer = kind.DecidedBy, PrizeMoney = PrizeMoney.For(kind, NomineeKind.Collective, options.BaseSalary),
        };
    }

    public static IEnumerable<SeedUser> ExtraUsers()
    {
        var hash = UserAccounts.Hash(DemoPassword);
        SeedUser User(string name, string display, string? unit, params string[] roles) =>
            new() { UserName = name, DisplayName = display, PasswordHash = hash, Unit = unit, Roles = [.. roles], Email = $"{name}@truongluu.local" };
        yield return User("thuky", "Thư ký Hội đồng (Phòng Văn hóa - Xã hội)", "phong-vhxh", Roles.Office, Roles.CouncilSecretary);
        var vice = User("phochutich", "Phó Chủ tịch UBND xã", null, Roles.CouncilMember);
        vice.SigningTitle = "Phó Chủ tịch";
        vice.FullName = "Trần Văn Bình";
        yield return vice;
        yield return User("vanthu", "Văn thư UBND xã", "vp-ubnd", Roles.Clerk);
        yield return User("chutichmttq", "Chủ tịch Ủy ban MTTQ xã", "mttq", Roles.CouncilMember);
        yield return User("bithudoan", "Bí thư Đoàn xã", "doan-thanh-nien", Roles.CouncilMember, Roles.UnitSubmitter);
        yield return User("chutichhpn", "Chủ tịch Hội Phụ nữ xã", "hoi-phu-nu", Roles.CouncilMember, Roles.UnitSubmitter);
        yield return User("truongphongkt", "Trưởng phòng Kinh tế", "phong-kinh-te", Roles.CouncilMember, Roles.UnitSubmitter);
        yield return User("hieutruong", "Hiệu trưởng Trường THCS", "truong-thcs", Roles.UnitSubmitter);
        yield return User("thon2", "Trưởng Thôn 2", "thon-2", Roles.UnitSubmitter);
        yield return User("htx", "Giám đốc HTX dịch vụ nông nghiệp", "htx-nong-nghiep", Roles.UnitSubmitter);
        yield return User("vanphongubnd", "Chánh Văn phòng HĐND và UBND xã", "vp-ubnd", Roles.UnitSubmitter);
    }

    /// <summary>Seven seats: the chair (Chủ tịch UBND xã), vice-chairs, the standing member (head of the office), members.</summary>
    public static void AddCouncil(NominationsDbContext db, IReadOnlyCollection<string> users)
    {
        (string User, string Position)[] seats =
        [
            ("chutich", "Chủ tịch Hội đồng"), ("phochutich", "Phó Chủ tịch Hội đồng"), ("chutichmttq", "Phó Chủ tịch Hội đồng"),
            ("truongphong", "Ủy viên thường trực"), ("bithudoan", "Ủy viên"), ("chutichhpn", "Ủy viên"), ("truongphongkt", "Ủy viên"),
        ];
        db.CouncilSeats.AddRange(seats.Where(s => users.Contains(s.User, StringComparer.OrdinalIgnoreCase)).Select(s => new CouncilSeat { UserName = s.User, Position = s.Position }));
    }

    private static Unit Unit(string id, string name, UnitKind kind, int members) => new() { Id = id, Name = name, Kind = kind, MemberCount = members, Email = $"{id}@truongluu.local" };

    private static Commendation Earlier(Person person, string award, int year, string number, NominationOptions options, string? issuer = null) => new()
    {
        PersonId = person.Id,
        NomineeName = person.FullName,
        AwardCode = award,
        Year = year,
        DecisionNumber = number,
        DecidedOn = new DateOnly(year, 12, 20),
        Issuer = issuer ?? options.ChairTitle,
        PrizeMoney = PrizeMoney.For(AwardCatalogSeed.All(options).First(a => a.Code == award), NomineeKind.Individual, options.BaseSalary),
    };
}
