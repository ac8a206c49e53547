using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Audit;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Nominations.Services;

public sealed record UserRequest(string? UserName, string? DisplayName, string? Email, string? Password, List<string>? Roles, string? UnitId);

public sealed record PersonRequest(string? FullName, string? Gender, int? BirthYear, string? Position, string? UnitId, DateOnly? RecruitedOn);

public sealed record DisciplineRequest(string? Form, DateOnly? From, DateOnly? Until, string? Note);

public sealed record UnitPeople(string Id, string Name, string Kind, bool Active, IReadOnlyList<Person> People, string? MergedIntoName = null, DateOnly? MergedOn = null);

public sealed record UserView(string UserName, string DisplayName, string? Email, string? UnitId, bool Active, IReadOnlyList<string> Roles);

public sealed record AwardView(
    string Code, string Name, string Level, int TimeLimitWorkingDays, string VoteRule, int? VoteThresholdPercent, int PostingDays,
    decimal? PrizeMultipleIndividual, decimal? PrizeMultipleCollective, bool Active);

/// <summary>
/// The settings the office and administrators keep: users and roles, and the award catalogue's per-province
/// values. Each command validates everything first and changes nothing when a field is wrong.
/// </summary>
public sealed class Settings(NominationsContexts contexts, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserView>> UsersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return (await db.Users.AsNoTracking().Include(u => u.Roles).OrderBy(u => u.DisplayName).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(u => new UserView(u.UserName, u.DisplayName, u.Email, u.UnitId, u.Active, u.Roles.Select(r => r.Role).ToList())).ToList();
    }

    public async Task<DomainResult<UserView>> CreateUserAsync(UserRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Roles.Contains(Roles.Administrator)) return DomainResult<UserView>.Forbidden("Chỉ quản trị viên tạo người dùng.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64 || !request.UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            errors["userName"] = ["Tên đăng nhập gồm chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang (tối đa 64 ký tự)."];
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["Cần ghi họ tên hiển thị."];
        else if (request.DisplayName.Trim().Length > 120) errors["displayName"] = ["Họ tên hiển thị dài quá 120 ký tự."];
        if (request.Email is { Length: > 0 } email && (email.Length > 200 || !email.Contains('@', StringComparison.Ordinal))) errors["email"] = ["Thư điện tử không hợp lệ."];
        if (request.Password is not { Length: >= 10 and <= 200 }) errors["password"] = ["Mật khẩu cần từ 10 đến 200 ký tự."];
        var unknown = (request.Roles ?? []).Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0) errors["roles"] = [$"Vai trò không có: {string.Join(", ", unknown)}. Có: {string.Join(", ", Roles.All)}."];
        await using var db = contexts.Create();
        if (request.UnitId is { Length: > 0 } unit && !await db.Units.AnyAsync(u => u.Id == unit, cancellationToken).ConfigureAwait(false))
            errors["unitId"] = [$"Không có đơn vị '{unit}'."];
        if (errors.Count > 0) return DomainResult<UserView>.Invalid(errors);
        if (await db.Users.AnyAsync(u => u.UserName == request.UserName, cancellationToken).ConfigureAwait(false))
            return DomainResult<UserView>.Conflict($"Đã có người dùng '{request.UserName}'.");
        var roles = (request.Roles ?? []).Distinct().ToList();
        db.Users.Add(new UserAccount
        {
            UserName = request.UserName!, DisplayName = request.DisplayName!.Trim(), Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            UnitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : request.UnitId, PasswordHash = UserAccounts.Hash(request.Password!),
            Roles = roles.Select(r => new UserRole { UserName = request.UserName!, Role = r }).ToList(),
        });
        audit.Add(db, actor.UserName, AuditActions.UserCreated, request.UserName!, new { roles, unit = request.UnitId });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<UserView>.Success(new UserView(request.UserName!, request.DisplayName!.Trim(), request.Email, request.UnitId, true, roles));
    }

    /// <summary>Disables (or enables again) a user: a disabled user cannot sign in nor receive tasks.</summary>
    public async Task<DomainResult<bool>> SetActiveAsync(string userName, bool active, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Roles.Contains(Roles.Administrator)) return DomainResult<bool>.Forbidden("Chỉ quản trị viên.");
        if (!active && userName == actor.UserName) return DomainResult<bool>.Conflict("Không tự khóa tài khoản của mình.");
        var now = DateTimeOffset.UtcNow;
        return await ChangeUserAsync(userName, active ? AuditActions.UserEnabled : AuditActions.UserDisabled, actor,
            users => users.ExecuteUpdateAsync(s => s.SetProperty(u => u.Active, active).SetProperty(u => u.SessionsValidAfter, now), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a new password chosen by the administrator (who hands it over in person).</summary>
    public async Task<DomainResult<bool>> ResetPasswordAsync(string userName, string? password, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Roles.Contains(Roles.Administrator)) return DomainResult<bool>.Forbidden("Chỉ quản trị viên.");
        if (password is not { Length: >= 10 and <= 200 }) return DomainResult<bool>.Invalid("password", "Mật khẩu mới cần từ 10 đến 200 ký tự.");
        var hash = UserAccounts.Hash(password);
        var now = DateTimeOffset.UtcNow;
        return await ChangeUserAsync(userName, AuditActions.PasswordReset, actor,
            users => users.ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash).SetProperty(u => u.SessionsValidAfter, now), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    // One user's row changed and its audit entry, in one transaction.
    private async Task<DomainResult<bool>> ChangeUserAsync(
        string userName, string action, Actor actor, Func<IQueryable<UserAccount>, Task<int>> change, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await change(db.Users.Where(u => u.UserName == userName)).ConfigureAwait(false) != 1)
            return DomainResult<bool>.NotFound($"Không có người dùng '{userName}'.");
        audit.Add(db, actor.UserName, action, userName);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<bool>.Success(true);
    }

    public async Task<IReadOnlyList<AwardView>> AwardsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return (await db.AwardKinds.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(a => a.Level).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AwardView(a.Code, a.Name, a.Level.ToString(), a.TimeLimitWorkingDays, a.VoteRule.ToString(), a.VoteThresholdPercent, a.PostingDays,
                a.PrizeMultipleIndividual, a.PrizeMultipleCollective, a.Active)).ToList();
    }

    /// <summary>The office adjusts an award's per-province values; every value is checked against its range first.</summary>
    public async Task<DomainResult<AwardView>> UpdateAwardAsync(string code, AwardSettings request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<AwardView>.Forbidden("Chỉ Phòng Văn hóa - Xã hội sửa danh mục.");
        var errors = new Dictionary<string, string[]>();
        if (request.TimeLimitWorkingDays is < 1 or > 120) errors["timeLimitWorkingDays"] = ["Thời hạn giải quyết: từ 1 đến 120 ngày làm việc."];
        if (request.VoteThresholdPercent is < 51 or > 100) errors["voteThresholdPercent"] = ["Tỷ lệ phiếu đồng ý: từ 51 đến 100%."];
        if (request.PostingDays is < 0 or > 60) errors["postingDays"] = ["Thời gian công khai: từ 0 đến 60 ngày."];
        // Multiples of the base salary (ND 152 Art.48–50): never negative, at most two decimals, within numeric(6,2).
        if (request.PrizeMultipleIndividual is { } individual && (individual < 0 || individual > 1000 || decimal.Round(individual, 2) != individual))
            errors["prizeMultipleIndividual"] = ["Hệ số tiền thưởng cá nhân: từ 0 đến 1.000, tối đa hai chữ số thập phân."];
        if (request.PrizeMultipleCollective is { } collective && (collective < 0 || collective > 1000 || decimal.Round(collective, 2) != collective))
            errors["prizeMultipleCollective"] = ["Hệ số tiền thưởng tập thể: từ 0 đến 1.000, tối đa hai chữ số thập phân."];
        if (errors.Count > 0) return DomainResult<AwardView>.Invalid(errors);
        await using var db = contexts.Create();
        var award = await db.AwardKinds.FirstOrDefaultAsync(a => a.Code == code, cancellationToken).ConfigureAwait(false);
        if (award is null) return DomainResult<AwardView>.NotFound($"Không có hình thức khen thưởng '{code}'.");
        var before = new { award.TimeLimitWorkingDays, award.VoteThresholdPercent, award.PostingDays, award.PrizeMultipleIndividual, award.PrizeMultipleCollective };
        award.TimeLimitWorkingDays = request.TimeLimitWorkingDays ?? award.TimeLimitWorkingDays;
        award.VoteThresholdPercent = request.VoteThresholdPercent ?? award.VoteThresholdPercent;
        award.PostingDays = request.PostingDays ?? award.PostingDays;
        award.PrizeMultipleIndividual = request.PrizeMultipleIndividual ?? award.PrizeMultipleIndividual;
        award.PrizeMultipleCollective = request.PrizeMultipleCollective ?? award.PrizeMultipleCollective;
        audit.Add(db, actor.UserName, AuditActions.AwardChanged, award.Code, new
        {
            before,
            after = new { award.TimeLimitWorkingDays, award.VoteThresholdPercent, award.PostingDays, award.PrizeMultipleIndividual, award.PrizeMultipleCollective },
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<AwardView>.Success(new AwardView(award.Code, award.Name, award.Level.ToString(), award.TimeLimitWorkingDays, award.VoteRule.ToString(),
            award.VoteThresholdPercent, award.PostingDays, award.PrizeMultipleIndividual, award.PrizeMultipleCollective, award.Active));
    }

    /// <summary>Units with their people, for the office's directory page.</summary>
    public async Task<IReadOnlyList<UnitPeople>> UnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var people = (await db.People.AsNoTracking().OrderBy(p => p.FullName).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(p => p.UnitId);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        return units.Select(u => new UnitPeople(u.Id, u.Name, u.Kind.ToString(), u.Active, people[u.Id].ToList(),
            u.MergedInto is null ? null : names.GetValueOrDefault(u.MergedInto, u.MergedInto), u.MergedOn)).ToList();
    }

    /// <summary>Adds a person to a unit (the office for any unit, a unit for itself); every field is checked first.</summary>
    /// <summary>The office records a discipline of a person (its form and period); nominations for years it overlaps are refused.</summary>
    public async Task<DomainResult<DisciplineRecord>> AddDisciplineAsync(long personId, DisciplineRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsOffice) return DomainResult<DisciplineRecord>.Forbidden("Chỉ Phòng Văn hóa - Xã hội ghi nhận kỷ luật.");
        await using var db = contexts.Create();
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false)) return DomainResult<DisciplineRecord>.NotFound("Không có cá nhân này.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Form) || request.Form.Trim().Length > 100) errors["form"] = ["Ghi hình thức kỷ luật (khiển trách, cảnh cáo…), tối đa 100 ký tự."];
        if (request.From is null) errors["from"] = ["Ghi ngày bắt đầu thời hạn kỷ luật."];
        if (request.Until is null) errors["until"] = ["Ghi ngày hết thời hạn kỷ luật."];
        else if (request.From is { } from && request.Until < from) errors["until"] = ["Ngày hết thời hạn phải sau ngày bắt đầu."];
        if (request.Note?.Trim().Length > 500) errors["note"] = ["Ghi chú tối đa 500 ký tự."];
        if (errors.Count > 0) return DomainResult<DisciplineRecord>.Invalid(errors);
        var record = new DisciplineRecord
        {
            PersonId = personId, Form = request.Form!.Trim(), From = request.From!.Value, Until = request.Until!.Value,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), RecordedBy = actor.UserName, RecordedAt = clock.GetUtcNow(),
        };
        db.Disciplines.Add(record);
        audit.Add(db, actor.UserName, AuditActions.DisciplineRecorded, personId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { record.Form, from = record.From, until = record.Until });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<DisciplineRecord>.Success(record);
    }

    public async Task<DomainResult<Person>> AddPersonAsync(PersonRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        // Whose people these are is asked first: a unit learns nothing of another unit's data from the checks below.
        if (!actor.IsOffice && actor.UnitId != request.UnitId) return DomainResult<Person>.Forbidden("Chỉ thêm người của đơn vị mình.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.FullName)) errors["fullName"] = ["Cần ghi họ và tên."];
        else if (request.FullName.Trim().Length > 120) errors["fullName"] = ["Họ và tên dài quá 120 ký tự."];
        if (request.Gender is { Length: > 0 } gender && gender is not ("Nam" or "Nữ")) errors["gender"] = ["Giới tính ghi “Nam” hoặc “Nữ”."];
        if (request.BirthYear is < 1900 or > 2100) errors["birthYear"] = ["Năm sinh từ 1900 đến 2100."];
        if (request.Position?.Trim().Length > 200) errors["position"] = ["Chức vụ dài quá 200 ký tự."];
        await using var db = contexts.Create();
        if (request.UnitId is null || !await db.Units.AnyAsync(u => u.Id == request.UnitId, cancellationToken).ConfigureAwait(false))
            errors["unitId"] = [$"Không có đơn vị '{request.UnitId}'."];
        if (errors.Count > 0) return DomainResult<Person>.Invalid(errors);
        var person = new Person
        {
            FullName = request.FullName!.Trim(), Gender = string.IsNullOrWhiteSpace(request.Gender) ? null : request.Gender, BirthYear = request.BirthYear,
            Position = string.IsNullOrWhiteSpace(request.Position) ? null : request.Position.Trim(), UnitId = request.UnitId!, RecruitedOn = request.RecruitedOn,
        };
        // The person's id is known after the first save; both saves are one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        audit.Add(db, actor.UserName, AuditActions.PersonAdded, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { person.FullName, unit = person.UnitId });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await audit.SealQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return DomainResult<Person>.Success(person);
    }
}
