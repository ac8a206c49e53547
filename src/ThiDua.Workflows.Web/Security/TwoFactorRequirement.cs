using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Security;

/// <summary>
/// Where administrators must use two-factor sign-in (a setting, on outside Development), an administrator who has not
/// enrolled reaches only the enrolment page and sign-out until they do.
/// </summary>
public static class TwoFactorRequirement
{
    private static readonly string[] Open = ["/account/two-factor", "/account/logout", "/account/login", "/account/forgot", "/account/reset", "/_content", "/app.css", "/favicon.svg", "/error", "/not-found"];

    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var options = http.RequestServices.GetRequiredService<SecurityOptions>();
        if (options.RequireTwoFactorForAdministrators && http.User.IsInRole(Roles.Administrator)
            && !Open.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && !await http.RequestServices.GetRequiredService<TwoFactor>().IsEnabledAsync(http.User.Identity!.Name!, http.RequestAborted).ConfigureAwait(false))
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.Response.WriteAsJsonAsync(new { title = "Tài khoản quản trị cần bật xác thực hai lớp (/account/two-factor).", status = 403 }, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            http.Response.Redirect("/account/two-factor?required=1");
            return;
        }

        await next(http).ConfigureAwait(false);
    });
}
