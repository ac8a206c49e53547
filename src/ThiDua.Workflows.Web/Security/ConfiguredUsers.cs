using Microsoft.AspNetCore.Identity;

namespace ThiDua.Workflows.Web.Security;

/// <summary>A user who can sign in (configuration section <c>Workflows:Users</c>; the nominations module moves users to the database).</summary>
public sealed class ConfiguredUser
{
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2); never a password.</summary>
    public string PasswordHash { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>The unit (đơn vị) the user belongs to, for unit submitters.</summary>
    public string? Unit { get; set; }

    /// <summary>Where task mail goes.</summary>
    public string? Email { get; set; }
}

/// <summary>Role names used across the product.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Office = "Office";
    public const string OfficeHead = "OfficeHead";
    public const string UnitSubmitter = "UnitSubmitter";
    public const string CouncilMember = "CouncilMember";
    public const string CouncilSecretary = "CouncilSecretary";
    public const string Chair = "Chair";
}

/// <summary>Checks credentials against the configured users, and answers who is who for task mail.</summary>
public sealed class ConfiguredUserStore(IEnumerable<ConfiguredUser> users) : ThiDua.Workflows.Notifications.IUserDirectory
{
    private readonly PasswordHasher<ConfiguredUser> _hasher = new();
    private readonly Dictionary<string, ConfiguredUser> _users = users.ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);

    public ConfiguredUser? Verify(string userName, string password)
    {
        if (!_users.TryGetValue(userName, out var user) || string.IsNullOrEmpty(user.PasswordHash)) return null;
        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    public ThiDua.Workflows.Notifications.DirectoryUser? Find(string userName) =>
        _users.TryGetValue(userName, out var user) ? ToDirectory(user) : null;

    public IReadOnlyList<ThiDua.Workflows.Notifications.DirectoryUser> InRole(string role) =>
        _users.Values.Where(u => u.Roles.Contains(role, StringComparer.Ordinal)).Select(ToDirectory).ToList();

    public IReadOnlyList<ThiDua.Workflows.Notifications.DirectoryUser> InUnit(string unit) =>
        _users.Values.Where(u => u.Unit == unit).Select(ToDirectory).ToList();

    private static ThiDua.Workflows.Notifications.DirectoryUser ToDirectory(ConfiguredUser u) => new(u.UserName, u.DisplayName, u.Email, u.Roles, u.Unit);

    public static string Hash(string password) => new PasswordHasher<ConfiguredUser>().HashPassword(new ConfiguredUser(), password);
}
