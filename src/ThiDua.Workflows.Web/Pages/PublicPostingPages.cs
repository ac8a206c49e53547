using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using static ThiDua.Workflows.Web.Pages.HtmlPage;

namespace ThiDua.Workflows.Web.Pages;

/// <summary>
/// Công khai: the public page of nominations being posted, open to everyone without an account, where anyone may send
/// an opinion (lấy ý kiến). Limited per address so a script cannot flood it.
/// </summary>
public static class PublicPostingPages
{
    public const string RateLimitPolicy = "public-opinion";

    public static void MapPublicPosting(this WebApplication app)
    {
        app.MapGet("/public-posting", (HttpContext http, NominationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
            RenderAsync(http, contexts, antiforgery, null, StatusCodes.Status200OK, ct)).AllowAnonymous();

        app.MapPost("/public-posting/{id}", async (string id, HttpContext http, NominationService nominations, NominationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
                return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var name = form["name"].ToString().Trim();
            var from = (name.Length == 0 ? "Người dân (không ghi tên)" : name[..Math.Min(name.Length, 120)]) + $" — {http.Connection.RemoteIpAddress}";
            var result = await nominations.AddObjectionAsync(id, form["text"].ToString(), from, ct).ConfigureAwait(false);
            var (notice, status) = result.Problem switch
            {
                DomainProblem.None => ("Đã nhận ý kiến của anh/chị. Phòng Văn hóa - Xã hội sẽ xem xét trước khi Hội đồng họp. Cảm ơn!", StatusCodes.Status200OK),
                DomainProblem.Invalid => (result.Message ?? "Ý kiến chưa hợp lệ.", StatusCodes.Status422UnprocessableEntity),
                DomainProblem.NotFound => ("Không có hồ sơ này.", StatusCodes.Status404NotFound),
                _ => (result.Message ?? "Hồ sơ không còn trong thời gian công khai.", StatusCodes.Status409Conflict),
            };
            return await RenderAsync(http, contexts, antiforgery, notice, status, ct).ConfigureAwait(false);
        }).AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, NominationsContexts contexts, IAntiforgery antiforgery, string? notice, int status, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var posted = await db.Nominations.AsNoTracking().Where(n => n.Status == NominationStatuses.PublicPosting).OrderBy(n => n.UpdatedAt).ToListAsync(ct).ConfigureAwait(false);
        var ids = posted.Select(n => n.Id).ToList();
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct).ConfigureAwait(false);
        // The posting's last day is in the note of the step that started it.
        var until = (await db.NominationEvents.AsNoTracking().Where(e => ids.Contains(e.NominationId) && e.Status == NominationStatuses.PublicPosting)
                .ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(e => e.NominationId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).Last().Note);

        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder("<h1>Công khai danh sách đề nghị khen thưởng</h1>");
        body.Append("<p>Ủy ban nhân dân xã công khai các cá nhân, tập thể được đề nghị khen thưởng để lấy ý kiến của Nhân dân. Mọi người có thể gửi ý kiến; có thể không ghi tên.</p>");
        body.Append(Notice(notice, status == StatusCodes.Status200OK));
        if (posted.Count == 0) body.Append("<p>Hiện không có danh sách nào đang công khai.</p>");
        foreach (var n in posted)
        {
            body.Append("<fieldset>");
            body.Append(CultureInfo.InvariantCulture, $"<legend><strong>{E(n.NomineeName)}</strong> — {E(awards.GetValueOrDefault(n.AwardCode, n.AwardCode))} năm {n.Year}</legend>");
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Đơn vị đề nghị: {E(units.GetValueOrDefault(n.UnitId, n.UnitId))}{(until.GetValueOrDefault(n.Id) is { } u ? " · " + E(u) : "")}</p>");
            body.Append(CultureInfo.InvariantCulture, $"<p>Thành tích: {E(n.AchievementSummary)}</p>");
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/public-posting/{E(n.Id)}\">{AntiforgeryField(tokens)}");
            body.Append(CultureInfo.InvariantCulture, $"<label for=\"t-{E(n.Id)}\">Ý kiến của anh/chị</label><textarea id=\"t-{E(n.Id)}\" name=\"text\" rows=\"3\" maxlength=\"4000\" required></textarea>");
            body.Append(CultureInfo.InvariantCulture, $"<label for=\"n-{E(n.Id)}\">Họ tên (không bắt buộc)</label><textarea id=\"n-{E(n.Id)}\" name=\"name\" rows=\"1\" maxlength=\"120\"></textarea>");
            body.Append("<button type=\"submit\">Gửi ý kiến</button></form></fieldset>");
        }

        return Page(http, status, Shell("Công khai danh sách đề nghị khen thưởng", body.ToString(), wide: true));
    }
}
