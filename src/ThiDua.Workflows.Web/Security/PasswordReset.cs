using Microsoft.AspNetCore.DataProtection;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Mail;

namespace ThiDua.Workflows.Web.Security;

/// <summary>
/// "Forgot password": a link by mail, valid 30 minutes and only until the password changes (it carries a stamp of
/// the old one), so it works once. The answer is the same whether the name exists or not.
/// </summary>
public sealed class PasswordReset(UserAccounts users, Notices notices, IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ITimeLimitedDataProtector _tickets = protection.CreateProtector("ThiDua.PasswordReset").ToTimeLimitedDataProtector();

    public async Task RequestAsync(string nameOrEmail, string commune, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(nameOrEmail) || nameOrEmail.Length > 200) return;
        var user = await users.FindByNameOrEmailAsync(nameOrEmail, cancellationToken).ConfigureAwait(false);
        if (user?.Email is not { Length: > 0 }) return;
        var ticket = _tickets.Protect($"{user.UserName}|{UserAccounts.PasswordStamp(user)}", Lifetime);
        await notices.QueueAsync($"reset:{Guid.NewGuid():N}", [UserAccounts.ToDirectory(user)], new Notice(
            "[Thi đua] Đặt lại mật khẩu",
            "Có yêu cầu đặt lại mật khẩu cho tài khoản của anh/chị. Nếu không phải anh/chị yêu cầu, hãy bỏ qua thư này: mật khẩu không đổi.",
            [("Tài khoản", user.UserName), ("Hiệu lực của liên kết", "30 phút, dùng một lần")],
            commune, $"/account/reset?t={Uri.EscapeDataString(ticket)}"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user a ticket is for, while it is valid; null otherwise.</summary>
    public (string UserName, string Stamp)? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket)) return null;
        try
        {
            var parts = _tickets.Unprotect(ticket).Split('|');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>True while the ticket is valid and the password it was made for has not changed.</summary>
    public async Task<bool> IsUsableAsync(string? ticket, CancellationToken cancellationToken = default) =>
        Read(ticket) is { } t && await users.FindActiveAsync(t.UserName, cancellationToken).ConfigureAwait(false) is { } user && UserAccounts.PasswordStamp(user) == t.Stamp;

    public async Task<bool> ResetAsync(string? ticket, string newPassword, CancellationToken cancellationToken = default) =>
        Read(ticket) is { } t && await users.ResetPasswordAsync(t.UserName, t.Stamp, newPassword, cancellationToken).ConfigureAwait(false);
}
