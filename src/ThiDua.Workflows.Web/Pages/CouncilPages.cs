using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Web.Security;
using static ThiDua.Workflows.Web.Pages.HtmlPage;

namespace ThiDua.Workflows.Web.Pages;

/// <summary>The council secretary's pages: sessions, calling one on the nominations waiting, attendance, closing the vote.</summary>
public static class CouncilPages
{
    public static void MapCouncilPages(this WebApplication app)
    {
        app.MapGet("/council-sessions", (HttpContext http, NominationsContexts contexts, NominationQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
            ListAsync(http, contexts, queries, antiforgery, null, StatusCodes.Status200OK, ct)).RequireAuthorization();

        app.MapPost("/council-sessions", async (HttpContext http, CouncilService council, NominationsContexts contexts, NominationQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            DateTimeOffset? at = DateOnly.TryParseExact(form["date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(7)) : null;
            var result = await council.CreateSessionAsync(new CreateSessionRequest(form["title"].ToString(), at, form["nominationId"].Select(x => x ?? "").ToList(),
                Secret: form["open"].ToString() != "on"), http.User.ToActor(), ct).ConfigureAwait(false);
            return result.Ok
                ? Results.Redirect($"/council-sessions/{result.Value!.Id}")
                : await ListAsync(http, contexts, queries, antiforgery, result.Errors?.SelectMany(e => e.Value).FirstOrDefault() ?? result.Message, StatusCodes.Status400BadRequest, ct).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapPost("/council-sessions/{id}/attendance", async (string id, HttpContext http, CouncilService council, NominationQueries queries, NominationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            string? problem = null;
            foreach (var key in form.Keys.Where(k => k.StartsWith("a-", StringComparison.Ordinal)))
            {
                var result = await council.SetAttendanceAsync(id, new AttendanceRequest(key[2..], form[key].ToString()), http.User.ToActor(), ct).ConfigureAwait(false);
                problem ??= result.Ok ? null : result.Message;
            }

            return await PeoplePages.SessionAsync(id, http, queries, contexts, antiforgery, problem ?? "Đã lưu điểm danh.", problem is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict, ct).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapPost("/council-sessions/{id}/close", async (string id, HttpContext http, CouncilService council, NominationQueries queries, NominationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return FormExpired(http);
            var result = await council.CloseAsync(id, http.User.ToActor(), ct).ConfigureAwait(false);
            return await PeoplePages.SessionAsync(id, http, queries, contexts, antiforgery,
                result.Ok ? $"Đã kiểm phiếu; biên bản số {result.Value!.MinutesNumber}." : result.Message,
                result.Ok ? StatusCodes.Status200OK : StatusCodes.Status409Conflict, ct).ConfigureAwait(false);
        }).RequireAuthorization();
    }

    private static async Task<IResult> ListAsync(HttpContext http, NominationsContexts contexts, NominationQueries queries, IAntiforgery antiforgery, string? notice, int status, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        List<CouncilSession> sessions;
        await using (var db = contexts.Create())
            sessions = await db.CouncilSessions.AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(100).ToListAsync(ct).ConfigureAwait(false);
        var body = new StringBuilder("<h1>Phiên họp Hội đồng Thi đua - Khen thưởng</h1>");
        body.Append(Notice(notice, status == StatusCodes.Status200OK));
        if (sessions.Count == 0) body.Append("<p>Chưa có phiên họp.</p>");
        else
        {
            body.Append("<table><thead><tr><th>Phiên họp</th><th>Ngày</th><th>Trạng thái</th><th>Biên bản</th></tr></thead><tbody>");
            foreach (var s in sessions)
                body.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/council-sessions/{E(s.Id)}\">{E(s.Title)}</a></td><td>{Time(s.ScheduledAt)}</td><td>{(s.Status == "Closed" ? "Đã kiểm phiếu" : "Đang bỏ phiếu")}</td><td>{E(s.MinutesNumber)}</td></tr>");
            body.Append("</tbody></table>");
        }

        if (actor.IsOffice || actor.Is(Roles.CouncilSecretary) || actor.Is(Roles.Chair))
        {
            var waiting = await queries.ListAsync(actor, NominationStatuses.AwaitingCouncil, null, null, null, ct).ConfigureAwait(false);
            body.Append("<h2>Triệu tập phiên họp mới</h2>");
            if (waiting.Count == 0) body.Append("<p>Không có hồ sơ nào chờ Hội đồng xét.</p>");
            else
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/council-sessions\">{AntiforgeryField(tokens)}");
                body.Append("<label for=\"title\">Tên phiên họp</label><input id=\"title\" name=\"title\" required>");
                body.Append(CultureInfo.InvariantCulture, $"<label for=\"date\">Ngày họp</label><input id=\"date\" name=\"date\" type=\"date\" value=\"{DateTime.UtcNow.AddHours(7):yyyy-MM-dd}\">");
                body.Append("<table><thead><tr><th></th><th>Đối tượng</th><th>Hình thức</th><th>Lưu ý</th></tr></thead><tbody>");
                foreach (var n in waiting)
                    body.Append(CultureInfo.InvariantCulture, $"<tr><td><input type=\"checkbox\" name=\"nominationId\" value=\"{E(n.Id)}\" id=\"s-{E(n.Id)}\" checked></td><td><label for=\"s-{E(n.Id)}\">{E(n.NomineeName)}</label></td><td>{E(n.AwardName)} {n.Year}</td><td>{string.Concat(n.EligibilityIssues.Select(i => $"<div class=\"flag\">⚠ {E(i)}</div>"))}</td></tr>");
                body.Append("</tbody></table><label><input type=\"checkbox\" name=\"open\"> Biểu quyết công khai (mặc định: bỏ phiếu kín)</label>");
                body.Append("<button type=\"submit\">Triệu tập và gửi thư mời các thành viên</button></form>");
            }
        }

        return Page(http, status, Shell("Phiên họp Hội đồng", body.ToString(), wide: true, user: DisplayName(http.User)));
    }
}
