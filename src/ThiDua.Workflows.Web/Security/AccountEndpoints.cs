using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ThiDua.Workflows.Nominations.Entities;

namespace ThiDua.Workflows.Web.Security;

/// <summary>Sign-out (a POST from the header of every page); signing in is the page at /account/login.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return Results.BadRequest();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.LocalRedirect("/account/login?signedOut=1");
        });
    }

    public const string SignedInAtClaim = "signed_in_at";

    /// <summary>When the principal's session began (the earliest time when the claim is missing).</summary>
    public static DateTimeOffset SignedInAt(ClaimsPrincipal principal) =>
        long.TryParse(principal?.FindFirstValue(SignedInAtClaim), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue;

    /// <summary>The identity a signed-in user carries: login id, display name, roles and unit.</summary>
    public static ClaimsPrincipal Principal(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName), new("display_name", user.DisplayName),
            // When this session began: sessions older than the user's SessionsValidAfter are refused.
            new(SignedInAtClaim, DateTimeOffset.UtcNow.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role)));
        if (user.UnitId is not null) claims.Add(new Claim("unit", user.UnitId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>Only an address on this site: "/x" but not "//host" or "/\host" (open redirects).</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url : "/";
}
