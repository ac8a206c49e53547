using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;

namespace ThiDua.Workflows.Web.Security;

/// <summary>Settings of the sign-in (Workflows:Security).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Workflows:Security";

    /// <summary>Administrators must use an authenticator app (on by default; Development turns it off for the demo).</summary>
    public bool RequireTwoFactorForAdministrators { get; set; } = true;
}

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP). The shared key is kept encrypted by data protection; the
/// half-done sign-in between password and code is a protected, short-lived ticket, never a session.
/// </summary>
public sealed class TwoFactor(NominationsContexts contexts, IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);
    private readonly IDataProtector _keys = protection.CreateProtector("ThiDua.TwoFactor.Key");
    private readonly ITimeLimitedDataProtector _pending = protection.CreateProtector("ThiDua.TwoFactor.Pending").ToTimeLimitedDataProtector();

    public async Task<bool> IsEnabledAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Users.AsNoTracking().AnyAsync(u => u.UserName == userName && u.TwoFactorEnabled, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new key to show once (Base32 for the app) and its protected form to carry in the enrolment form.</summary>
    public (string Base32, string Protected) NewKey()
    {
        var key = Totp.NewKey();
        return (Totp.ToBase32(key), _keys.Protect(Totp.ToBase32(key)));
    }

    /// <summary>Turns two-factor on once the person typed a valid code of the new key.</summary>
    public async Task<bool> EnableAsync(string userName, string protectedKey, string? code, CancellationToken cancellationToken = default)
    {
        string base32;
        try
        {
            base32 = _keys.Unprotect(protectedKey);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }

        if (!Totp.Verify(Totp.FromBase32(base32), code, clock.GetUtcNow())) return false;
        await using var db = contexts.Create();
        var stored = _keys.Protect(base32);
        return await db.Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpSecret, stored).SetProperty(u => u.TwoFactorEnabled, true), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> VerifyAsync(string userName, string? code, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var secret = await db.Users.AsNoTracking().Where(u => u.UserName == userName && u.Active && u.TwoFactorEnabled).Select(u => u.TotpSecret)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return secret is not null && Totp.Verify(Totp.FromBase32(_keys.Unprotect(secret)), code, clock.GetUtcNow());
    }

    /// <summary>Turns two-factor off, after a valid code (so a stolen session alone cannot).</summary>
    public async Task<bool> DisableAsync(string userName, string? code, CancellationToken cancellationToken = default)
    {
        if (!await VerifyAsync(userName, code, cancellationToken).ConfigureAwait(false)) return false;
        await using var db = contexts.Create();
        await db.Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpSecret, (string?)null).SetProperty(u => u.TwoFactorEnabled, false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The ticket that carries a correct password to the code step (five minutes).</summary>
    public string PendingTicket(string userName) => _pending.Protect(userName, PendingLifetime);

    public string? PendingUser(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket)) return null;
        try
        {
            return _pending.Unprotect(ticket);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
