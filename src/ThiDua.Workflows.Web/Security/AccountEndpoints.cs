using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Security;

/// <summary>Sign-in and sign-out pages (plain HTML forms with antiforgery; they work without JavaScript).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapGet("/account/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Results.Content(LoginPage(antiforgery.GetAndStoreTokens(http), returnUrl, error: null), "text/html; charset=utf-8"));

        app.MapPost("/account/login", async (HttpContext http, UserAccounts users, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
                return Results.Content("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><p>Phiên làm việc đã hết hạn. Vui lòng tải lại trang đăng nhập.</p></html>", "text/html; charset=utf-8", statusCode: 400);
            var form = await http.Request.ReadFormAsync().ConfigureAwait(false);
            var returnUrl = form["returnUrl"].ToString();
            var user = await users.VerifyAsync(form["userName"].ToString(), form["password"].ToString(), http.RequestAborted).ConfigureAwait(false);
            if (user is null)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Results.Content(LoginPage(antiforgery.GetAndStoreTokens(http), returnUrl, "Tên đăng nhập hoặc mật khẩu không đúng."), "text/html; charset=utf-8", statusCode: 401);
            }

            var claims = new List<Claim> { new(ClaimTypes.Name, user.UserName), new("display_name", user.DisplayName) };
            claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role)));
            if (user.UnitId is not null) claims.Add(new Claim("unit", user.UnitId));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme))).ConfigureAwait(false);
            return Results.LocalRedirect(Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') ? returnUrl : "/");
        });

        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return Results.BadRequest();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.LocalRedirect("/");
        });
    }

    private static string LoginPage(AntiforgeryTokenSet tokens, string? returnUrl, string? error) => $$"""
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Đăng nhập — Thi đua, khen thưởng xã Trường Lưu</title>
        <style>*{box-sizing:border-box}body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin:.4rem 0}input,button{padding:.6rem;font-size:1rem}.error{color:#b00020}</style></head>
        <body><h1>Đăng nhập</h1>
        {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
        <form method="post" action="/account/login">
          <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}">
          <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
          <label for="userName">Tên đăng nhập</label><input id="userName" name="userName" autocomplete="username" required>
          <label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
          <button type="submit">Đăng nhập</button>
        </form></body></html>
        """;
}
