using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Web.Pages;
using static ThiDua.Workflows.Web.Pages.HtmlPage;

namespace ThiDua.Workflows.Web.Tasks;

/// <summary>
/// The page a task mail links to. GET only shows (mail scanners open links): the task, its history, and — while it
/// is open — a form whose POST (with antiforgery) records the decision. Works without JavaScript; sends no referrer.
/// </summary>
public static class TaskPages
{
    public static void MapTaskPages(this WebApplication app)
    {
        app.MapGet("/tasks/{id}", async (string id, string? t, HttpContext http, TaskDecisions decisions, IAntiforgery antiforgery) =>
        {
            var check = await decisions.CheckAsync(id, t, SignedIn(http)).ConfigureAwait(false);
            return Page(http, StatusOf(check), Render(check, t, antiforgery.GetAndStoreTokens(http), notice: null));
        });

        app.MapPost("/tasks/{id}", async (string id, HttpContext http, TaskDecisions decisions, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
                return Page(http, StatusCodes.Status400BadRequest, Shell("Yêu cầu không hợp lệ", "<p class=\"error\" role=\"alert\">Biểu mẫu đã hết hạn hoặc không đến từ trang xử lý. Vui lòng mở lại liên kết trong thư.</p>"));
            var form = await http.Request.ReadFormAsync().ConfigureAwait(false);
            var token = form["t"].ToString();
            var (outcome, check) = await decisions.DecideAsync(id, token, SignedIn(http), form["action"].ToString(), form["comment"].ToString(),
                http.Connection.RemoteIpAddress?.ToString(), form["code"].ToString()).ConfigureAwait(false);
            var notice = outcome switch
            {
                DecisionOutcome.Decided => "Đã ghi nhận quyết định của anh/chị. Cảm ơn!",
                DecisionOutcome.AlreadyDecided => "Việc này đã được xử lý trước đó; quyết định của anh/chị không được ghi nhận thêm.",
                DecisionOutcome.InvalidAction => "Lựa chọn không hợp lệ cho việc này.",
                DecisionOutcome.CommentRequired => "Vui lòng ghi ý kiến (bắt buộc với lựa chọn này).",
                DecisionOutcome.SignInRequired => "Bước này cần đăng nhập tài khoản của anh/chị trước khi quyết định.",
                DecisionOutcome.CodeSent => "Bước này cần mã xác nhận: mã vừa được gửi tới thư của anh/chị. Nhập mã rồi chọn lại quyết định.",
                DecisionOutcome.CodeInvalid => "Mã xác nhận không đúng hoặc đã hết hạn. Để trống ô mã và chọn lại quyết định để nhận mã mới.",
                _ => null,
            };
            var status = outcome switch
            {
                DecisionOutcome.Decided or DecisionOutcome.AlreadyDecided => StatusCodes.Status200OK,
                DecisionOutcome.InvalidAction or DecisionOutcome.CommentRequired or DecisionOutcome.CodeInvalid => StatusCodes.Status422UnprocessableEntity,
                DecisionOutcome.SignInRequired => StatusCodes.Status401Unauthorized,
                DecisionOutcome.CodeSent => StatusCodes.Status202Accepted,
                _ => StatusOf(check),
            };
            return Page(http, status, Render(check, token, antiforgery.GetAndStoreTokens(http), notice));
        });
    }

    private static string? SignedIn(HttpContext http) => http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;

    private static int StatusOf(LinkCheck check) => check.Problem switch
    {
        LinkProblem.Unknown => StatusCodes.Status404NotFound,
        LinkProblem.OtherTask or LinkProblem.OtherPerson => StatusCodes.Status403Forbidden,
        LinkProblem.Expired => StatusCodes.Status410Gone,
        _ => StatusCodes.Status200OK,
    };

    private static string Render(LinkCheck check, string? token, AntiforgeryTokenSet tokens, string? notice)
    {
        var problem = check.Problem switch
        {
            LinkProblem.Unknown => "Liên kết không hợp lệ: có thể đã bị sửa, bị cắt bớt hoặc không do hệ thống gửi.",
            LinkProblem.OtherTask => "Liên kết này thuộc về một việc khác.",
            LinkProblem.OtherPerson => $"Liên kết này được gửi cho {check.Link?.Recipient}, không phải tài khoản đang đăng nhập.",
            LinkProblem.Expired => "Liên kết đã hết hạn. Vui lòng đăng nhập hệ thống hoặc liên hệ Phòng Văn hóa - Xã hội.",
            LinkProblem.Revoked => "Liên kết đã được thu hồi: việc đã được xử lý, giao lại hoặc hủy.",
            _ => null,
        };
        var body = new StringBuilder();
        if (notice is not null) body.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\" role=\"status\">{E(notice)}</p>");
        if (check.Task is null || check.Problem is LinkProblem.OtherTask or LinkProblem.OtherPerson or LinkProblem.Unknown)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\">{E(problem ?? "")}</p>");
            return Shell("Không mở được việc", body.ToString());
        }

        var task = check.Task;
        body.Append(CultureInfo.InvariantCulture, $"<h1>{E(task.Title)}</h1>");
        if (task.Summary is { Length: > 0 }) body.Append(CultureInfo.InvariantCulture, $"<p>{E(task.Summary)}</p>");
        body.Append("<dl>");
        if (task.DueAt is { } due) body.Append(CultureInfo.InvariantCulture, $"<dt>Hạn xử lý</dt><dd>{Time(due)}</dd>");
        body.Append(CultureInfo.InvariantCulture, $"<dt>Người nhận liên kết</dt><dd>{E(check.Link!.Recipient)}</dd>");
        body.Append("</dl>");

        if (task.Status == TaskStatuses.Cancelled)
        {
            body.Append("<p class=\"decided\" role=\"status\">Việc này đã được hủy cùng quy trình; liên kết đã được thu hồi.</p>");
        }
        else if (task.Status != TaskStatuses.Open)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"decided\" role=\"status\">Việc này đã được xử lý: <strong>{E(TaskLabels.Action(task.Action))}</strong> bởi {E(task.DecidedBy ?? "")} lúc {(task.DecidedAt is { } at ? Time(at) : "")}.</p>");
            if (task.Comment is { Length: > 0 }) body.Append(CultureInfo.InvariantCulture, $"<p>Ý kiến: {E(task.Comment)}</p>");
        }
        else if (problem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\">{E(problem)}</p>");
        }
        else
        {
            body.Append("<form method=\"post\">");
            body.Append(CultureInfo.InvariantCulture, $"{AntiforgeryField(tokens)}");
            body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"t\" value=\"{E(token ?? "")}\">");
            body.Append("<label for=\"comment\">Ý kiến</label><textarea id=\"comment\" name=\"comment\" rows=\"3\"></textarea>");
            if (task.Verification == "code")
                body.Append("<label for=\"code\">Mã xác nhận (gửi qua thư khi anh/chị chọn quyết định)</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\">");
            if (task.Verification == "signIn")
                body.Append(CultureInfo.InvariantCulture, $"<p>Bước này cần <a href=\"/account/login?returnUrl={Uri.EscapeDataString("/tasks/" + Uri.EscapeDataString(task.Id) + "?t=" + token)}\">đăng nhập</a> trước khi quyết định.</p>");
            foreach (var action in JsonSerializer.Deserialize<string[]>(task.Actions) ?? [])
                body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" name=\"action\" value=\"{E(action)}\">{E(TaskLabels.Action(action))}</button>");
            body.Append("</form>");
        }

        if (check.History.Count > 0)
        {
            body.Append("<h2>Lịch sử</h2><ul>");
            foreach (var entry in check.History)
                body.Append(CultureInfo.InvariantCulture, $"<li>{Time(entry.At)} — {E(TaskLabels.Event(entry.Event))}{(entry.Actor is null ? "" : " — " + E(entry.Actor))}{(entry.OnBehalfOf is null ? "" : " (thay mặt " + E(entry.OnBehalfOf) + ")")}</li>");
            body.Append("</ul>");
        }

        return Shell(task.Title, body.ToString());
    }
}
