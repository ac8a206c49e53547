namespace ThiDua.Workflows.Nominations.Entities;

/// <summary>What kind of body a unit (đơn vị) is.</summary>
public enum UnitKind
{
    /// <summary>Phòng, văn phòng of the commune People's Committee.</summary>
    Office,

    /// <summary>Thôn, tổ dân phố.</summary>
    Village,

    /// <summary>Trường mầm non, tiểu học, THCS; trạm y tế and other public service units of the commune.</summary>
    School,

    /// <summary>Doanh nghiệp.</summary>
    Enterprise,

    /// <summary>Hợp tác xã.</summary>
    Cooperative,

    /// <summary>Hộ kinh doanh.</summary>
    HouseholdBusiness,

    /// <summary>Ủy ban MTTQ and the đoàn thể (Đoàn Thanh niên, Hội Phụ nữ, Hội Nông dân, Hội Cựu chiến binh).</summary>
    MassOrganisation,
}

/// <summary>A proposing body, and a collective that can be commended.</summary>
public sealed class Unit
{
    /// <summary>A short code (e.g. <c>thon-1</c>), used in task routing and URLs.</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public string? Email { get; set; }

    public int MemberCount { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>
    /// For a unit that no longer exists on its own (the 2025 reorganisation merged communes and their schools): the unit
    /// that continues it. Its titles count in that unit's chains (two years of TTLĐXS for a Bằng khen…).
    /// </summary>
    public string? MergedInto { get; set; }

    public DateOnly? MergedOn { get; set; }
}

/// <summary>A discipline a person received: no achievement in its period counts toward an award (NĐ 152/2025 Art.4).</summary>
public sealed class DisciplineRecord
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>Khiển trách, cảnh cáo, hạ bậc lương, cách chức…</summary>
    public required string Form { get; set; }

    public DateOnly From { get; set; }

    public DateOnly Until { get; set; }

    public string? Note { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public bool Overlaps(int year) => From <= new DateOnly(year, 12, 31) && Until >= new DateOnly(year, 1, 1);
}

/// <summary>A person who can be nominated (cán bộ, công chức, viên chức, người lao động, nông dân...).</summary>
public sealed class Person
{
    public long Id { get; set; }

    public required string FullName { get; set; }

    /// <summary>Nam / Nữ (ties prefer women, ND 152 Art.4).</summary>
    public string? Gender { get; set; }

    public int? BirthYear { get; set; }

    public string? Position { get; set; }

    public required string UnitId { get; set; }

    /// <summary>When the person was recruited (LĐTT is not given to staff recruited less than 6 months before).</summary>
    public DateOnly? RecruitedOn { get; set; }
}

/// <summary>Someone who signs in. Roles are in <see cref="UserRole"/>.</summary>
public sealed class UserAccount
{
    public required string UserName { get; set; }

    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2); never a password.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>The unit a submitter proposes for.</summary>
    public string? UnitId { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Sign-ins before this moment are no longer accepted ("sign out everywhere", a changed password).</summary>
    public DateTimeOffset? SessionsValidAfter { get; set; }

    /// <summary>The authenticator app's shared key, encrypted by the web host's data protection; null until enrolled.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>Sign-in asks for the authenticator's six-digit code after the password.</summary>
    public bool TwoFactorEnabled { get; set; }

    public List<UserRole> Roles { get; set; } = [];

    /// <summary>The title the person signs documents with ("Chủ tịch", "Phó Chủ tịch"); a deputy signs "KT. CHỦ TỊCH".</summary>
    public string? SigningTitle { get; set; }

    /// <summary>The full name printed under the signature.</summary>
    public string? FullName { get; set; }
}

public sealed class UserRole
{
    public required string UserName { get; set; }

    public required string Role { get; set; }
}

/// <summary>One seat of the commune Emulation and Commendation Council (Hội đồng Thi đua - Khen thưởng xã).</summary>
public sealed class CouncilSeat
{
    public required string UserName { get; set; }

    /// <summary>Chủ tịch Hội đồng, Phó Chủ tịch, Ủy viên thường trực, Ủy viên.</summary>
    public required string Position { get; set; }
}

/// <summary>An emulation movement with its phases (the 2026–2030 movement of xã Trường Lưu).</summary>
public sealed class Campaign
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public int StartYear { get; set; }

    public int EndYear { get; set; }

    public DateOnly PlanDueDate { get; set; }

    public List<CampaignPhase> Phases { get; set; } = [];

    public List<CampaignContent> Contents { get; set; } = [];

    public List<CampaignCriterion> Criteria { get; set; } = [];
}

public sealed class CampaignPhase
{
    public long Id { get; set; }

    public required string CampaignId { get; set; }

    public required string Name { get; set; }

    public int StartYear { get; set; }

    public int EndYear { get; set; }

    /// <summary>InterimReview (sơ kết) or FinalReview (tổng kết).</summary>
    public required string Review { get; set; }

    public DateOnly ReviewDate { get; set; }
}
