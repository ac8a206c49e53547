using System.Globalization;
using System.Text;

namespace ThiDua.Workflows.Web.Pages;

/// <summary>The server-rendered pages' frame: Vietnamese, no JavaScript, fits a phone, sends no referrer.</summary>
public static class HtmlPage
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    // Encodes markup but keeps Vietnamese letters readable in the page source.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string E(string? text) => Html.Encode(text ?? "");

    public static string Time(DateTimeOffset at) => at.ToOffset(Vietnam).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The hidden antiforgery field every POST form carries.</summary>
    public static string AntiforgeryField(Microsoft.AspNetCore.Antiforgery.AntiforgeryTokenSet tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return $"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">";
    }

    /// <summary>A one-line message after an action: blue when it went through, red otherwise.</summary>
    public static string Notice(string? text, bool ok) =>
        text is null ? "" : $"<p class=\"{(ok ? "notice" : "error")}\" role=\"status\">{E(text)}</p>";

    /// <summary>The answer to a form POST whose antiforgery token is missing, forged or expired.</summary>
    public static IResult FormExpired(HttpContext http) =>
        Page(http, StatusCodes.Status400BadRequest, Shell("Yêu cầu không hợp lệ", "<p class=\"error\" role=\"alert\">Biểu mẫu đã hết hạn. Vui lòng tải lại trang.</p>"));

    /// <summary>How the signed-in person is named on pages.</summary>
    public static string DisplayName(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst("display_name")?.Value ?? user.Identity?.Name ?? "";
    }

    public static IResult Page(HttpContext http, int status, string html)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A page; <paramref name="wide"/> for lists and tables.</summary>
    public static string Shell(string title, string body, bool wide = false, string? user = null) => $$"""
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer"><title>{{E(title)}}</title>
        <style>*{box-sizing:border-box}body{font-family:system-ui,sans-serif;max-width:{{(wide ? "60rem" : "36rem")}};margin:1.5rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.4rem}h2{font-size:1.1rem}
        textarea,button,select,input:not([type=checkbox]):not([type=radio]){display:block;width:100%;margin:.4rem 0;font-size:1rem;padding:.6rem}.error{color:#b00020}.notice{color:#0b5394}.decided{background:#eef6ee;padding:.6rem}
        .flag{background:#fff4e5;border-left:4px solid #e69500;padding:.4rem .6rem;margin:.3rem 0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem;border-bottom:1px solid #ddd;vertical-align:top}
        nav{display:flex;flex-wrap:wrap;gap:.8rem;margin-bottom:1rem;font-size:.95rem}fieldset{border:1px solid #ccc;margin:.6rem 0;padding:.6rem}.choice{display:flex;gap:1.2rem}.choice label{display:flex;gap:.3rem;align-items:center}
        .inline button{display:inline-block;width:auto;margin:.2rem .3rem .2rem 0;padding:.4rem .8rem}.muted{color:#555}</style></head>
        <body>{{(user is null ? "" : Nav(user))}}{{body}}</body></html>
        """;

    private static string Nav(string user) =>
        $"<nav><a href=\"/inbox\">Việc của tôi</a><a href=\"/nominations\">Hồ sơ đề nghị</a><a href=\"/nominations/new\">Lập hồ sơ</a><a href=\"/council-sessions\">Hội đồng</a><a href=\"/decisions/new\">Ký quyết định</a><span class=\"muted\">{E(user)}</span></nav>";
}

/// <summary>How people read task actions and audit events (the workflow keeps English codes).</summary>
public static class TaskLabels
{
    public static string Action(string? action) => action switch
    {
        "Approve" => "Đồng ý",
        "Reject" => "Không đồng ý",
        "Return" => "Trả lại để bổ sung",
        "Submitted" => "Đã nộp",
        "Done" => "Hoàn thành",
        "Complete" => "Hồ sơ đầy đủ, tiếp nhận",
        "Supplement" => "Yêu cầu bổ sung (một lần)",
        "Resubmitted" => "Đã bổ sung hồ sơ",
        "Eligible" => "Đủ điều kiện",
        "Ineligible" => "Không đủ điều kiện",
        "Hold" => "Tạm dừng xét",
        "Continue" => "Tiếp tục xét",
        "Stop" => "Dừng xét",
        "Sign" => "Ký tờ trình",
        "Resubmit" => "Hoàn thiện, trình lại",
        "Close" => "Đóng hồ sơ",
        null => "",
        _ => action,
    };

    public static string Event(string code) => code switch
    {
        "Created" => "Giao việc",
        "Reminded" => "Nhắc việc",
        "Escalated" => "Báo quá hạn",
        "Reassigned" => "Giao lại",
        "Cancelled" => "Hủy",
        _ when code.StartsWith("Decided: ", StringComparison.Ordinal) => "Quyết định: " + Action(code["Decided: ".Length..]),
        _ => code,
    };
}
