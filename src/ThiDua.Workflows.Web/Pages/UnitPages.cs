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

/// <summary>A unit proposes in the browser: the nomination form, the dossier upload and the submit button.</summary>
public static class UnitPages
{
    public static void MapUnitPages(this WebApplication app)
    {
        app.MapGet("/nominations/new", (HttpContext http, NominationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
            FormAsync(http, contexts, antiforgery, null, null, ct)).RequireAuthorization();

        app.MapPost("/nominations/new", async (HttpContext http, NominationsContexts contexts, NominationService nominations, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var actor = http.User.ToActor();
            string F(string key) => form[key].ToString().Trim();
            var unitId = F("unitId").Length > 0 ? F("unitId") : actor.UnitId;
            long? personId = long.TryParse(F("personId"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
            if (F("nomineeKind") == "Individual" && personId is null && F("newPerson").Length > 0 && unitId is not null)
            {
                // A person not in the list yet is added to the unit with the nomination.
                await using var db = contexts.Create();
                if (await db.Units.AnyAsync(u => u.Id == unitId, ct).ConfigureAwait(false) && (actor.IsOffice || actor.UnitId == unitId))
                {
                    var person = new Person { FullName = F("newPerson"), UnitId = unitId, Position = F("position").Length > 0 ? F("position") : null };
                    db.People.Add(person);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    personId = person.Id;
                }
            }

            var request = new CreateNominationRequest(unitId, F("nomineeKind"), personId, null, F("householdName").Length > 0 ? F("householdName") : null,
                F("awardCode"), F("commendationType"), int.TryParse(F("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null,
                F("achievementSummary"), F("performanceRating").Length > 0 ? F("performanceRating") : null, F("initiativeRecognized") == "on",
                int.TryParse(F("advancedWorkerPercent"), NumberStyles.None, CultureInfo.InvariantCulture, out var share) ? share : null, "phong-trao-2026-2030");
            var result = await nominations.CreateAsync(request, actor, ct).ConfigureAwait(false);
            if (result.Ok) return Results.Redirect($"/nominations/{result.Value!.Id}", permanent: false, preserveMethod: false);
            var errors = result.Errors?.SelectMany(e => e.Value) ?? [result.Message ?? "Không lập được hồ sơ."];
            return await FormAsync(http, contexts, antiforgery, errors.ToList(), form, ct).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapPost("/nominations/{id}/files", async (string id, HttpContext http, NominationService nominations, NominationQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var file = form.Files.GetFile("file");
            if (file is null) return await PeoplePages.NominationPageAsync(id, http, queries, antiforgery, "Chưa chọn tệp.", StatusCodes.Status400BadRequest, ct).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var result = await nominations.AddAttachmentAsync(id, form["documentType"].ToString(), file.FileName, buffer.ToArray(), http.User.ToActor(), ct).ConfigureAwait(false);
            return await PeoplePages.NominationPageAsync(id, http, queries, antiforgery,
                result.Ok ? $"Đã thêm “{result.Value!.FileName}”." : result.Message, result.Ok ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, ct).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapPost("/nominations/{id}/submit", async (string id, HttpContext http, NominationService nominations, NominationQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return FormExpired(http);
            var result = await nominations.SubmitAsync(id, http.User.ToActor(), ct).ConfigureAwait(false);
            return await PeoplePages.NominationPageAsync(id, http, queries, antiforgery,
                result.Ok ? "Đã nộp hồ sơ. Phòng Văn hóa - Xã hội sẽ kiểm tra và báo lại qua thư." : result.Message,
                result.Ok ? StatusCodes.Status200OK : StatusCodes.Status409Conflict, ct).ConfigureAwait(false);
        }).RequireAuthorization();
    }

    private static async Task<IResult> FormAsync(HttpContext http, NominationsContexts contexts, IAntiforgery antiforgery, IReadOnlyList<string>? errors, IFormCollection? previous, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        await using var db = contexts.Create();
        var units = await db.Units.AsNoTracking().Where(u => u.Active && (actor.IsOffice || u.Id == actor.UnitId)).OrderBy(u => u.Name).ToListAsync(ct).ConfigureAwait(false);
        var unitIds = units.Select(u => u.Id).ToList();
        var people = await db.People.AsNoTracking().Where(p => unitIds.Contains(p.UnitId)).OrderBy(p => p.FullName).ToListAsync(ct).ConfigureAwait(false);
        var awards = await db.AwardKinds.AsNoTracking().Where(a => a.Active).ToListAsync(ct).ConfigureAwait(false);
        string V(string key, string fallback = "") => previous?[key].ToString() is { Length: > 0 } v ? v : fallback;
        string Selected(string key, string value, string fallback = "") => V(key, fallback) == value ? " selected" : "";

        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder("<h1>Lập hồ sơ đề nghị khen thưởng</h1>");
        if (errors is { Count: > 0 })
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"error\" role=\"alert\"><p>Chưa lập được hồ sơ:</p><ul>{string.Concat(errors.Select(e => $"<li>{E(e)}</li>"))}</ul></div>");
        if (units.Count == 0)
        {
            body.Append("<p class=\"error\">Tài khoản của anh/chị chưa gắn với đơn vị nào nên chưa lập được hồ sơ. Vui lòng liên hệ quản trị viên.</p>");
            return Page(http, StatusCodes.Status200OK, Shell("Lập hồ sơ", body.ToString(), user: DisplayName(http.User)));
        }

        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/nominations/new\">{AntiforgeryField(tokens)}");
        body.Append("<label for=\"unitId\">Đơn vị đề nghị</label><select id=\"unitId\" name=\"unitId\">");
        foreach (var u in units) body.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(u.Id)}\"{Selected("unitId", u.Id, actor.UnitId ?? "")}>{E(u.Name)}</option>");
        body.Append("</select><label for=\"awardCode\">Hình thức, danh hiệu đề nghị</label><select id=\"awardCode\" name=\"awardCode\">");
        foreach (var a in awards.OrderBy(a => a.Level).ThenBy(a => a.Name, StringComparer.Ordinal))
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(a.Code)}\"{Selected("awardCode", a.Code)}>{E(a.Name)}</option>");
        body.Append("</select><label for=\"commendationType\">Loại khen thưởng</label><select id=\"commendationType\" name=\"commendationType\">");
        foreach (var (value, label) in new[] { ("Merit", "Công trạng"), ("Sudden", "Đột xuất"), ("Thematic", "Phong trào thi đua, chuyên đề"), ("LongService", "Quá trình cống hiến"), ("Foreign", "Đối ngoại") })
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{value}\"{Selected("commendationType", value, "Merit")}>{label}</option>");
        body.Append("</select><label for=\"nomineeKind\">Đối tượng</label><select id=\"nomineeKind\" name=\"nomineeKind\">");
        foreach (var (value, label) in new[] { ("Individual", "Cá nhân"), ("Collective", "Tập thể (đơn vị đề nghị)"), ("Household", "Hộ gia đình") })
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{value}\"{Selected("nomineeKind", value, "Individual")}>{label}</option>");
        body.Append("</select><fieldset><legend>Cá nhân</legend><label for=\"personId\">Chọn người trong đơn vị</label><select id=\"personId\" name=\"personId\"><option value=\"\">— người mới (ghi bên dưới) —</option>");
        foreach (var p in people) body.Append(CultureInfo.InvariantCulture, $"<option value=\"{p.Id}\"{Selected("personId", p.Id.ToString(CultureInfo.InvariantCulture))}>{E(p.FullName)}{(p.Position is null ? "" : " — " + E(p.Position))}</option>");
        body.Append(CultureInfo.InvariantCulture, $"</select><label for=\"newPerson\">hoặc họ và tên người mới</label><input id=\"newPerson\" name=\"newPerson\" value=\"{E(V("newPerson"))}\">");
        body.Append(CultureInfo.InvariantCulture, $"<label for=\"position\">Chức vụ</label><input id=\"position\" name=\"position\" value=\"{E(V("position"))}\">");
        body.Append("<label for=\"performanceRating\">Xếp loại cuối năm</label><select id=\"performanceRating\" name=\"performanceRating\"><option value=\"\">— không áp dụng —</option>");
        foreach (var (value, label) in new[] { ("Excellent", "Hoàn thành xuất sắc nhiệm vụ"), ("Good", "Hoàn thành tốt nhiệm vụ"), ("Completed", "Hoàn thành nhiệm vụ"), ("NotCompleted", "Không hoàn thành nhiệm vụ") })
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{value}\"{Selected("performanceRating", value)}>{label}</option>");
        body.Append(CultureInfo.InvariantCulture, $"</select><label><input type=\"checkbox\" name=\"initiativeRecognized\"{(V("initiativeRecognized") == "on" ? " checked" : "")}> Có sáng kiến, đề tài được công nhận</label></fieldset>");
        body.Append(CultureInfo.InvariantCulture, $"<fieldset><legend>Tập thể</legend><label for=\"advancedWorkerPercent\">Tỷ lệ thành viên đạt Lao động tiên tiến (%)</label><input id=\"advancedWorkerPercent\" name=\"advancedWorkerPercent\" inputmode=\"numeric\" value=\"{E(V("advancedWorkerPercent"))}\"></fieldset>");
        body.Append(CultureInfo.InvariantCulture, $"<fieldset><legend>Hộ gia đình</legend><label for=\"householdName\">Tên hộ (chủ hộ)</label><input id=\"householdName\" name=\"householdName\" value=\"{E(V("householdName"))}\"></fieldset>");
        body.Append(CultureInfo.InvariantCulture, $"<label for=\"year\">Năm xét</label><input id=\"year\" name=\"year\" inputmode=\"numeric\" value=\"{E(V("year", DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture)))}\">");
        body.Append(CultureInfo.InvariantCulture, $"<label for=\"achievementSummary\">Tóm tắt thành tích</label><textarea id=\"achievementSummary\" name=\"achievementSummary\" rows=\"5\" required>{E(V("achievementSummary"))}</textarea>");
        body.Append("<button type=\"submit\">Lập hồ sơ (dự thảo)</button></form>");
        body.Append("<p class=\"muted\">Sau khi lập, anh/chị thêm tài liệu (báo cáo thành tích, biên bản bình xét...) rồi bấm “Nộp hồ sơ”.</p>");
        return Page(http, errors is { Count: > 0 } ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, Shell("Lập hồ sơ đề nghị khen thưởng", body.ToString(), user: DisplayName(http.User)));
    }
}
