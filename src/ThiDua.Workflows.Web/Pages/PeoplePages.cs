using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Notifications;
using ThiDua.Workflows.Notifications.Entities;
using ThiDua.Workflows.Notifications.Tasks;
using ThiDua.Workflows.Web.Security;
using ThiDua.Workflows.Web.Tasks;
using static ThiDua.Workflows.Web.Pages.HtmlPage;

namespace ThiDua.Workflows.Web.Pages;

/// <summary>
/// Pages for signed-in people (no JavaScript; forms POST with antiforgery): the task inbox, nominations and their
/// history, and the council member's secret ballot.
/// </summary>
public static class PeoplePages
{
    public static void MapPeoplePages(this WebApplication app)
    {
        app.MapGet("/inbox", (HttpContext http, NotificationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
            InboxAsync(http, contexts, antiforgery, null, StatusCodes.Status200OK, ct)).RequireAuthorization();

        app.MapPost("/inbox/{id}", async (string id, HttpContext http, TaskDecisions decisions, NotificationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
                return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var outcome = await decisions.DecideSignedInAsync(id, http.User.Identity!.Name!, form["action"].ToString(), form["comment"].ToString(),
                http.Connection.RemoteIpAddress?.ToString(), ct).ConfigureAwait(false);
            var (notice, status) = outcome switch
            {
                DecisionOutcome.Decided => ("Đã ghi nhận quyết định. Cảm ơn!", StatusCodes.Status200OK),
                DecisionOutcome.AlreadyDecided => ("Việc này đã được xử lý trước đó.", StatusCodes.Status409Conflict),
                DecisionOutcome.CommentRequired => ("Vui lòng ghi ý kiến (bắt buộc với lựa chọn này).", StatusCodes.Status422UnprocessableEntity),
                DecisionOutcome.InvalidAction => ("Lựa chọn không hợp lệ cho việc này.", StatusCodes.Status422UnprocessableEntity),
                DecisionOutcome.NotAllowed => ("Anh/chị không được giao việc này.", StatusCodes.Status403Forbidden),
                _ => ("Không tìm thấy việc.", StatusCodes.Status404NotFound),
            };
            return await InboxAsync(http, contexts, antiforgery, notice, status, ct).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapGet("/nominations", async (HttpContext http, NominationQueries queries, string? status, CancellationToken ct) =>
        {
            var list = await queries.ListAsync(http.User.ToActor(), status, null, null, null, ct).ConfigureAwait(false);
            var body = new StringBuilder("<h1>Hồ sơ đề nghị khen thưởng</h1>");
            if (list.Count == 0) body.Append("<p>Chưa có hồ sơ.</p>");
            else
            {
                body.Append("<table><thead><tr><th>Đối tượng</th><th>Hình thức</th><th>Trạng thái</th><th>Hạn giải quyết</th><th>Quyết định</th></tr></thead><tbody>");
                foreach (var n in list.OrderByDescending(n => n.CreatedAt))
                    body.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/nominations/{E(n.Id)}\">{E(n.NomineeName)}</a>{(n.EligibilityIssues.Count > 0 ? " ⚠" : "")}</td><td>{E(n.AwardName)} {n.Year}</td><td>{E(n.StatusLabel)}</td><td>{E(n.DueDate)}</td><td>{E(n.DecisionNumber)}</td></tr>");
                body.Append("</tbody></table>");
            }

            return Page(http, StatusCodes.Status200OK, Shell("Hồ sơ đề nghị khen thưởng", body.ToString(), wide: true, user: DisplayName(http.User)));
        }).RequireAuthorization();

        app.MapGet("/nominations/{id}", (string id, HttpContext http, NominationQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
            NominationPageAsync(id, http, queries, antiforgery, null, StatusCodes.Status200OK, ct)).RequireAuthorization();

        app.MapGet("/decisions/new", (HttpContext http, NominationQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
            ListDecisionPageAsync(http, queries, antiforgery, null, StatusCodes.Status200OK, ct)).RequireAuthorization();

        app.MapPost("/decisions/new", async (HttpContext http, ListDecisions lists, NominationQueries queries, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
                return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var result = await lists.DecideAsync(new ListDecisionRequest(form["nominationId"].Select(x => x ?? "").ToList(), form["comment"].ToString()),
                http.User.ToActor(), http.Connection.RemoteIpAddress?.ToString(), ct).ConfigureAwait(false);
            var notice = result.Ok
                ? $"Đã ký Quyết định số {result.Value!.Decision.DocumentNumber} cho {result.Value.Decided.Count} hồ sơ."
                : result.Message ?? "Không thực hiện được.";
            return await ListDecisionPageAsync(http, queries, antiforgery, notice, result.Ok ? StatusCodes.Status200OK : StatusCodes.Status409Conflict, ct).ConfigureAwait(false);
        }).RequireAuthorization();

        app.MapGet("/council-sessions/{id}", (string id, HttpContext http, NominationQueries queries, ThiDua.Workflows.Nominations.NominationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
            SessionAsync(id, http, queries, contexts, antiforgery, null, StatusCodes.Status200OK, ct)).RequireAuthorization();

        app.MapPost("/council-sessions/{id}", async (string id, HttpContext http, CouncilService council, NominationQueries queries, ThiDua.Workflows.Nominations.NominationsContexts contexts, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
                return FormExpired(http);
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var actor = http.User.ToActor();
            var messages = new List<string>();
            var failed = false;
            foreach (var key in form.Keys.Where(k => k.StartsWith("vote-", StringComparison.Ordinal)))
            {
                var result = await council.CastBallotAsync(id, new BallotRequest(key[5..], form[key].ToString()), actor, ct).ConfigureAwait(false);
                if (!result.Ok) { failed = true; messages.Add(result.Message ?? ""); }
            }

            bool secret;
            await using (var db = contexts.Create())
                secret = await db.CouncilSessions.AsNoTracking().Where(x => x.Id == id).Select(x => (bool?)x.Secret).FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? true;
            var notice = messages.Count > 0 ? string.Join(" ", messages.Distinct())
                : secret ? "Đã ghi nhận phiếu của anh/chị. Phiếu kín: hệ thống chỉ lưu việc anh/chị đã bỏ phiếu, không lưu anh/chị chọn gì."
                : "Đã ghi nhận ý kiến biểu quyết của anh/chị.";
            return await SessionAsync(id, http, queries, contexts, antiforgery, notice, failed ? StatusCodes.Status409Conflict : StatusCodes.Status200OK, ct).ConfigureAwait(false);
        }).RequireAuthorization();
    }

    private static async Task<IResult> ListDecisionPageAsync(HttpContext http, NominationQueries queries, IAntiforgery antiforgery, string? notice, int status, CancellationToken ct)
    {
        var waiting = await queries.ListAsync(http.User.ToActor(), NominationStatuses.AwaitingDecision, null, null, null, ct).ConfigureAwait(false);
        var body = new StringBuilder("<h1>Ký quyết định khen thưởng kèm danh sách</h1>");
        body.Append(Notice(notice, status == StatusCodes.Status200OK));
        if (!http.User.IsInRole(Roles.Chair) && !http.User.IsInRole(Roles.Administrator))
            body.Append("<p class=\"muted\">Chỉ Chủ tịch UBND xã ký quyết định; trang này để xem các hồ sơ đang chờ.</p>");
        if (waiting.Count == 0)
        {
            body.Append("<p>Không có hồ sơ nào chờ quyết định.</p>");
        }
        else
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\">{AntiforgeryField(tokens)}");
            body.Append("<table><thead><tr><th></th><th>Đối tượng</th><th>Hình thức</th><th>Đơn vị</th><th>Hạn</th></tr></thead><tbody>");
            foreach (var n in waiting)
                body.Append(CultureInfo.InvariantCulture, $"<tr><td><input type=\"checkbox\" name=\"nominationId\" value=\"{E(n.Id)}\" id=\"n-{E(n.Id)}\" checked></td><td><label for=\"n-{E(n.Id)}\">{E(n.NomineeName)}</label>{string.Concat(n.EligibilityIssues.Select(i => $"<div class=\"flag\">⚠ {E(i)}</div>"))}</td><td>{E(n.AwardName)} {n.Year}</td><td>{E(n.UnitName)}</td><td>{E(n.DueDate)}</td></tr>");
            body.Append("</tbody></table><label for=\"comment\">Ý kiến</label><textarea id=\"comment\" name=\"comment\" rows=\"2\"></textarea>");
            body.Append("<button type=\"submit\">Ký một quyết định cho các hồ sơ đã chọn</button></form>");
        }

        return Page(http, status, Shell("Ký quyết định khen thưởng", body.ToString(), wide: true, user: DisplayName(http.User)));
    }

    private static async Task<IResult> InboxAsync(HttpContext http, NotificationsContexts contexts, IAntiforgery antiforgery, string? notice, int status, CancellationToken ct)
    {
        List<TaskRecord> tasks;
        await using (var db = contexts.Create())
        {
            var mine = await InboxEndpoints.Visible(db, http.User, "mine").Where(t => t.Status == TaskStatuses.Open).ToListAsync(ct).ConfigureAwait(false);
            var role = await InboxEndpoints.Visible(db, http.User, "role").Where(t => t.Status == TaskStatuses.Open).ToListAsync(ct).ConfigureAwait(false);
            tasks = mine.Concat(role).DistinctBy(t => t.Id).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.CreatedAt).ToList();
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder("<h1>Việc cần xử lý</h1>");
        body.Append(Notice(notice, status == StatusCodes.Status200OK));
        if (tasks.Count == 0) body.Append("<p>Không có việc nào đang chờ anh/chị.</p>");
        var now = DateTimeOffset.UtcNow;
        foreach (var task in tasks)
        {
            body.Append("<fieldset>");
            body.Append(CultureInfo.InvariantCulture, $"<legend><strong>{E(task.Title)}</strong></legend>");
            if (task.Summary is { Length: > 0 }) body.Append(CultureInfo.InvariantCulture, $"<p>{E(task.Summary).Replace("\n", "<br>", StringComparison.Ordinal)}</p>");
            if (task.DueAt is { } due)
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"{(due < now ? "error" : "muted")}\">Hạn xử lý: {Time(due)}{(due < now ? " — đã quá hạn" : "")}</p>");
            if (task.CorrelationId is { Length: > 0 } nomination && !nomination.Contains(':', StringComparison.Ordinal))
                body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/nominations/{E(nomination)}\">Xem hồ sơ</a></p>");
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/inbox/{E(Uri.EscapeDataString(task.Id))}\" class=\"inline\">");
            body.Append(CultureInfo.InvariantCulture, $"{AntiforgeryField(tokens)}");
            body.Append(CultureInfo.InvariantCulture, $"<label for=\"c-{E(task.Id)}\">Ý kiến</label><textarea id=\"c-{E(task.Id)}\" name=\"comment\" rows=\"2\"></textarea>");
            foreach (var action in JsonSerializer.Deserialize<string[]>(task.Actions) ?? [])
                body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" name=\"action\" value=\"{E(action)}\">{E(TaskLabels.Action(action))}</button>");
            body.Append("</form></fieldset>");
        }

        return Page(http, status, Shell("Việc cần xử lý", body.ToString(), wide: true, user: DisplayName(http.User)));
    }

    /// <summary>The nomination page; its unit (or the office) also gets the dossier upload and the submit button while it may still change it.</summary>
    public static async Task<IResult> NominationPageAsync(string id, HttpContext http, NominationQueries queries, IAntiforgery antiforgery, string? notice, int status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var actor = http.User.ToActor();
        var detail = await queries.DetailAsync(id, actor, ct).ConfigureAwait(false);
        if (detail is null) return Page(http, StatusCodes.Status404NotFound, Shell("Không tìm thấy", "<p class=\"error\">Không có hồ sơ này, hoặc anh/chị không được xem.</p>", user: DisplayName(http.User)));
        var body = new StringBuilder();
        body.Append(Notice(notice, status < 300));
        body.Append(NominationBody(detail));
        var n = detail.Nomination;
        var mine = actor.IsOffice || actor.UnitId == n.UnitId;
        if (mine && n.Status is NominationStatuses.Draft or NominationStatuses.ReturnedForSupplement or NominationStatuses.Submitted)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            body.Append("<h2>Thêm tài liệu vào hồ sơ</h2>");
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/nominations/{E(n.Id)}/files\" enctype=\"multipart/form-data\">{AntiforgeryField(tokens)}");
            body.Append("<label for=\"documentType\">Loại tài liệu</label><select id=\"documentType\" name=\"documentType\">");
            foreach (var (type, label) in DocumentTypes.Labels) body.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(type)}\">{E(label)}</option>");
            body.Append("</select><label for=\"file\">Tệp (PDF, Word, Excel, JPEG, PNG; tối đa 10 MB)</label><input id=\"file\" name=\"file\" type=\"file\" required>");
            body.Append("<button type=\"submit\">Tải lên</button></form>");
            if (n.Status is NominationStatuses.Draft or NominationStatuses.ReturnedForSupplement)
            {
                body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/nominations/{E(n.Id)}/submit\">{AntiforgeryField(tokens)}");
                body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{(n.Status == NominationStatuses.Draft ? "Nộp hồ sơ về Phòng Văn hóa - Xã hội" : "Nộp lại hồ sơ đã bổ sung")}</button></form>");
            }
        }

        return Page(http, status, Shell(n.NomineeName, body.ToString(), wide: true, user: DisplayName(http.User)));
    }

    private static string NominationBody(NominationDetail detail)
    {
        var n = detail.Nomination;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{E(n.AwardName)} năm {n.Year} — {E(n.NomineeName)}</h1>");
        body.Append("<table>");
        void Row(string label, string? value) { if (!string.IsNullOrEmpty(value)) body.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>"); }
        Row("Trạng thái", n.StatusLabel);
        Row("Đơn vị đề nghị", n.UnitName);
        Row("Thành tích", n.AchievementSummary);
        Row("Loại khen thưởng", n.CommendationType switch { "Merit" => "Công trạng", "Sudden" => "Đột xuất", "Thematic" => "Phong trào thi đua, chuyên đề", "LongService" => "Quá trình cống hiến", "Foreign" => "Đối ngoại", var x => x });
        Row("Hạn giải quyết", n.DueDate is null ? null : $"{n.DueDate} (tính từ ngày hồ sơ đầy đủ)");
        Row("Quyết định", n.DecisionNumber is null ? null : "Số " + n.DecisionNumber);
        body.Append("</table>");
        foreach (var issue in n.EligibilityIssues) body.Append(CultureInfo.InvariantCulture, $"<p class=\"flag\">⚠ {E(issue)}</p>");
        if (detail.MissingDocuments.Count > 0)
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"flag\">Hồ sơ còn thiếu: {E(string.Join("; ", detail.MissingDocuments))}</p>");

        body.Append("<h2>Thành phần hồ sơ</h2>");
        if (detail.Attachments.Count == 0) body.Append("<p>Chưa có tài liệu.</p>");
        else
        {
            body.Append("<ul>");
            foreach (var a in detail.Attachments)
                body.Append(CultureInfo.InvariantCulture, $"<li>{E(a.DocumentLabel)}: <a href=\"/api/nominations/{E(n.Id)}/attachments/{E(a.Id)}\">{E(a.FileName)}</a> ({a.Size / 1024.0:0.#} KB)</li>");
            body.Append("</ul>");
        }

        if (detail.Documents.Count > 0)
        {
            body.Append("<h2>Văn bản</h2><ul>");
            foreach (var d in detail.Documents)
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(d.Url)}\">{E(d.Label)} số {E(d.DocumentNumber)}</a> (.docx)</li>");
            body.Append("</ul>");
        }

        body.Append("<h2>Quá trình xử lý</h2><ul>");
        foreach (var h in detail.History)
            body.Append(CultureInfo.InvariantCulture, $"<li>{Time(h.At)} — {E(EventLabel(h.Event))}{(h.StatusLabel is null ? "" : " → " + E(h.StatusLabel))}{(h.Note is null ? "" : ": " + E(h.Note))}</li>");

        body.Append("</ul>");
        return body.ToString();
    }

    private static string EventLabel(string code) => code switch
    {
        "Created" => "Lập hồ sơ",
        "Submitted" => "Đơn vị nộp hồ sơ",
        "AttachmentAdded" => "Thêm tài liệu",
        "StatusChanged" => "Chuyển bước",
        "DossierComplete" => "Tiếp nhận hồ sơ đầy đủ",
        "SupplementRequested" => "Yêu cầu bổ sung",
        "PutOnHold" => "Tạm dừng xét",
        "HoldReleased" => "Tiếp tục xét",
        "CouncilVoted" => "Hội đồng bỏ phiếu",
        "Decided" => "Chủ tịch UBND xã quyết định",
        "SubmittedToProvince" => "Trình cấp trên",
        "ProvinceDecided" => "Cấp trên khen thưởng",
        "ProvinceReturned" => "Cấp trên trả lại",
        "ProvinceReminder" => "Nhắc theo dõi kết quả cấp trên",
        "UnitNotified" => "Thông báo đơn vị",
        _ => code,
    };

    public static async Task<IResult> SessionAsync(string id, HttpContext http, NominationQueries queries, ThiDua.Workflows.Nominations.NominationsContexts contexts,
        IAntiforgery antiforgery, string? notice, int status, CancellationToken ct)
    {
        if (await queries.SessionAsync(id, ct).ConfigureAwait(false) is not { } session)
            return Page(http, StatusCodes.Status404NotFound, Shell("Không tìm thấy", "<p class=\"error\">Không có phiên họp này.</p>", user: DisplayName(http.User)));
        var me = http.User.Identity!.Name!;
        HashSet<string> voted;
        await using (var db = contexts.Create())
            voted = (await db.BallotReceipts.AsNoTracking().Where(r => r.SessionId == id && r.UserName == me).Select(r => r.NominationId).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        var isMember = session.Members.Any(m => m.UserName == me);
        var open = session.Open;
        var memberCount = session.MemberCount;

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{E(session.Title)}</h1>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Thời gian: {Time(session.ScheduledAt)} · {memberCount} thành viên Hội đồng · {(open ? "đang bỏ phiếu" : "đã kết thúc, biên bản số " + E(session.MinutesNumber))}</p>");
        body.Append(Notice(notice, status == StatusCodes.Status200OK));
        if (!open)
        {
            string? minutesId;
            await using (var db = contexts.Create())
                minutesId = await db.Decisions.AsNoTracking().Where(d => d.Kind == "Minutes" && d.SubjectKey == "session:" + id).Select(d => d.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (minutesId is not null) body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/api/decisions/{E(minutesId)}/document\">Biên bản họp và kết quả kiểm phiếu (.docx)</a></p>");
        }

        var canVote = open && isMember;
        var tokens = antiforgery.GetAndStoreTokens(http);
        if (canVote)
        {
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\">{AntiforgeryField(tokens)}");
            body.Append(session.Secret
                ? "<p>Phiếu kín: mỗi thành viên bỏ một phiếu cho mỗi hồ sơ. Tỷ lệ được tính trên <strong>tổng số thành viên Hội đồng</strong>, không chỉ số người có mặt.</p>"
                : "<p>Biểu quyết công khai: ý kiến của từng thành viên được ghi vào biên bản. Tỷ lệ được tính trên <strong>tổng số thành viên Hội đồng</strong>.</p>");
        }
        else if (open)
        {
            body.Append("<p class=\"muted\">Anh/chị không phải thành viên của phiên họp này: chỉ xem chương trình.</p>");
        }

        var pending = 0;
        foreach (var item in session.Items)
        {
            var nominationId = item.NominationId;
            var rule = item.VoteRule == "Threshold"
                ? $"cần từ {item.ThresholdPercent}% tổng số thành viên đồng ý"
                : "cần quá nửa tổng số thành viên đồng ý";
            body.Append(CultureInfo.InvariantCulture, $"<fieldset><legend><strong>{E(item.NomineeName)}</strong> — {E(item.AwardName)} ({rule})</legend>");
            body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/nominations/{E(nominationId)}\">Xem hồ sơ</a> · Đã bỏ phiếu: {item.BallotsCast}/{memberCount}</p>");
            foreach (var flag in item.EligibilityIssues) body.Append(CultureInfo.InvariantCulture, $"<p class=\"flag\">⚠ {E(flag)}</p>");
            if (!open)
            {
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"decided\">Kết quả: {item.Approve}/{memberCount} đồng ý ({item.ApprovePercent:0.##}%) — <strong>{E(CouncilService.ResultLabel(item.Result))}</strong></p>");
            }
            else if (canVote && voted.Contains(nominationId))
            {
                body.Append("<p class=\"decided\">Anh/chị đã bỏ phiếu cho hồ sơ này.</p>");
            }
            else if (canVote)
            {
                pending++;
                body.Append(CultureInfo.InvariantCulture, $"<div class=\"choice\"><label><input type=\"radio\" name=\"vote-{E(nominationId)}\" value=\"Approve\" required> Đồng ý</label><label><input type=\"radio\" name=\"vote-{E(nominationId)}\" value=\"Reject\"> Không đồng ý</label></div>");
            }

            body.Append("</fieldset>");
        }

        if (canVote) body.Append(pending > 0 ? "<button type=\"submit\">Gửi phiếu</button></form>" : "</form>");
        var secretary = http.User.IsInRole(Roles.Office) || http.User.IsInRole(Roles.OfficeHead) || http.User.IsInRole(Roles.CouncilSecretary)
            || http.User.IsInRole(Roles.Chair) || http.User.IsInRole(Roles.Administrator);
        if (open && secretary)
        {
            // The secretary's part: attendance (absent members vote in writing) and closing the vote.
            body.Append("<h2>Thư ký: điểm danh và kết thúc bỏ phiếu</h2>");
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/council-sessions/{E(id)}/attendance\">{AntiforgeryField(tokens)}<table>");
            foreach (var m in session.Members)
            {
                var user = m.UserName;
                var attendance = m.Attendance;
                body.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(user)}</td><td><div class=\"choice\"><label><input type=\"radio\" name=\"a-{E(user)}\" value=\"Present\"{(attendance == "Present" ? " checked" : "")}> Có mặt</label><label><input type=\"radio\" name=\"a-{E(user)}\" value=\"Absent\"{(attendance == "Absent" ? " checked" : "")}> Vắng (gửi phiếu bằng văn bản)</label></div></td></tr>");
            }

            body.Append("</table><button type=\"submit\">Lưu điểm danh</button></form>");
            body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/council-sessions/{E(id)}/close\">{AntiforgeryField(tokens)}<p class=\"muted\">Kết thúc bỏ phiếu: hệ thống kiểm phiếu trên tổng số thành viên, lập biên bản có số và chuyển từng hồ sơ sang bước tiếp theo. Không nhận thêm phiếu sau khi kết thúc.</p><button type=\"submit\">Kết thúc bỏ phiếu và kiểm phiếu</button></form>");
        }

        return Page(http, status, Shell(session.Title, body.ToString(), wide: true, user: DisplayName(http.User)));
    }
}
