using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Notifications;

namespace ThiDua.Workflows.Nominations.Services;

/// <summary>Role names used across the product (glossary: Office = Phòng Văn hóa - Xã hội).</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Office = "Office";
    public const string OfficeHead = "OfficeHead";
    public const string UnitSubmitter = "UnitSubmitter";
    public const string CouncilMember = "CouncilMember";
    public const string CouncilSecretary = "CouncilSecretary";
    public const string Chair = "Chair";

    /// <summary>Văn thư: registers outgoing documents and their numbers (ND 30/2020).</summary>
    public const string Clerk = "Clerk";

    public static readonly IReadOnlyList<string> All = [Administrator, Office, OfficeHead, UnitSubmitter, CouncilMember, CouncilSecretary, Chair, Clerk];
}

/// <summary>
/// Users and roles in the database: sign-in checks and the directory task mail uses. The directory reads the
/// database each time (a commune has tens of users), so a change is seen at once.
/// </summary>
public sealed class UserAccounts(NominationsContexts contexts) : IUserDirectory
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public async Task<UserAccount?> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var user = await db.Users.AsNoTracking().Include(u => u.Roles)
            .FirstOrDefaultAsync(u => u.UserName == userName && u.Active, cancellationToken).ConfigureAwait(false);
        if (user is null || string.IsNullOrEmpty(user.PasswordHash))
        {
            // Hash anyway, so an unknown name answers as slowly as a wrong password (no user enumeration by timing).
            Hasher.VerifyHashedPassword(null!, TimingDummy, password);
            return null;
        }

        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    private static readonly string TimingDummy = Hash(Guid.NewGuid().ToString("N"));

    /// <summary>Changes a user's password after checking the current one; false when the current one is wrong.</summary>
    public async Task<bool> ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName && u.Active, cancellationToken).ConfigureAwait(false);
        if (user is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed) return false;
        user.PasswordHash = Hash(newPassword);
        // Sessions opened with the old password end; the caller signs the current one in again.
        user.SessionsValidAfter = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A short fingerprint of the current password: a reset link made for it stops working once the password changes.</summary>
    public static string PasswordStamp(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(user.PasswordHash)))[..16];
    }

    /// <summary>An active user by login name or mail address (for "forgot password").</summary>
    public async Task<UserAccount?> FindByNameOrEmailAsync(string nameOrEmail, CancellationToken cancellationToken = default)
    {
        var key = nameOrEmail.Trim();
        await using var db = contexts.Create();
        return await db.Users.AsNoTracking().Include(u => u.Roles)
            .FirstOrDefaultAsync(u => u.Active && (u.UserName == key || u.Email == key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a new password if the old one is still the one <paramref name="stamp"/> was made from; ends every session.</summary>
    public async Task<bool> ResetPasswordAsync(string userName, string stamp, string newPassword, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName && u.Active, cancellationToken).ConfigureAwait(false);
        if (user is null || PasswordStamp(user) != stamp) return false;
        user.PasswordHash = Hash(newPassword);
        user.SessionsValidAfter = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>An active user with roles, for signing in after a second factor.</summary>
    public async Task<UserAccount?> FindActiveAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Users.AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.UserName == userName && u.Active, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every session of the user opened before now (each device must sign in again).</summary>
    public async Task SignOutEverywhereAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = DateTimeOffset.UtcNow;
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.SessionsValidAfter, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True while the user is active and the session, opened at <paramref name="signedInAt"/>, was not ended since.</summary>
    public async Task<bool> SessionValidAsync(string userName, DateTimeOffset signedInAt, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == userName && u.Active).Select(u => new { u.SessionsValidAfter })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return user is not null && (user.SessionsValidAfter is not { } after || signedInAt >= after);
    }

    /// <summary>Active users by display name, for choosing a person (reassign, delegate).</summary>
    public async Task<IReadOnlyList<(string UserName, string DisplayName)>> ActiveUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var users = await db.Users.AsNoTracking().Where(u => u.Active).OrderBy(u => u.DisplayName).Select(u => new { u.UserName, u.DisplayName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return users.Select(u => (u.UserName, u.DisplayName)).ToList();
    }

    /// <summary>Display names of the given users (people appear by name and position, never by login id).</summary>
    public async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IEnumerable<string> userNames, CancellationToken cancellationToken = default)
    {
        var names = userNames.Distinct().ToList();
        await using var db = contexts.Create();
        return await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName))
            .ToDictionaryAsync(u => u.UserName, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
    }

    public DirectoryUser? Find(string userName)
    {
        using var db = contexts.Create();
        var user = db.Users.AsNoTracking().Include(u => u.Roles).FirstOrDefault(u => u.UserName == userName && u.Active);
        return user is null ? null : ToDirectory(user);
    }

    public IReadOnlyList<DirectoryUser> InRole(string role)
    {
        using var db = contexts.Create();
        return db.Users.AsNoTracking().Include(u => u.Roles).Where(u => u.Active && u.Roles.Any(r => r.Role == role))
            .OrderBy(u => u.UserName).AsEnumerable().Select(ToDirectory).ToList();
    }

    public IReadOnlyList<DirectoryUser> InUnit(string unit)
    {
        using var db = contexts.Create();
        return db.Users.AsNoTracking().Include(u => u.Roles).Where(u => u.Active && u.UnitId == unit)
            .OrderBy(u => u.UserName).AsEnumerable().Select(ToDirectory).ToList();
    }

    public static DirectoryUser ToDirectory(UserAccount u) => new(u.UserName, u.DisplayName, u.Email, u.Roles.Select(r => r.Role).ToList(), u.UnitId);
}
