using System.Net.Mime;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Entities;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Nominations;

public sealed record HoldRequest(string? Reason, string? Note);

public sealed record ReleaseRequest(string? Note);

public sealed record ObjectionRequest(string? Text);

/// <summary>Nominations, their dossier, holds, objections and the province's answer (REST, JSON; files as multipart).</summary>
public static class NominationEndpoints
{
    public static void MapNominations(this WebApplication app)
    {
        var group = app.MapGroup("/api/nominations").WithTags("Nominations").RequireAuthorization();

        group.MapGet("/", (ClaimsPrincipal user, NominationQueries queries, string? status, string? unitId, int? year, string? awardCode, CancellationToken ct) =>
            queries.ListAsync(user.ToActor(), status, unitId, year, awardCode, ct))
            .WithSummary("Nominations I may see (a unit its own; the office, council and chair all), filtered by status, unit, year, award.");

        group.MapGet("/{id}", async (string id, ClaimsPrincipal user, NominationQueries queries, CancellationToken ct) =>
            await queries.DetailAsync(id, user.ToActor(), ct).ConfigureAwait(false) is { } detail ? Results.Ok(detail) : Results.NotFound())
            .WithSummary("One nomination: status, legal due date, eligibility flags, history, dossier, holds, objections, province letters, missing documents.");

        group.MapPost("/", async (CreateNominationRequest request, ClaimsPrincipal user, NominationService service, NominationQueries queries, CancellationToken ct) =>
            (await service.CreateAsync(request, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(n => Results.Created($"/api/nominations/{n.Id}", new { n.Id, n.Status, n.NomineeName, EligibilityIssues = n.EligibilityIssues?.Split('\n') ?? [] })))
            .WithSummary("A unit drafts a nomination (individual, collective or household; type of commendation per Law Art.8).");

        group.MapPost("/{id}/submit", async (string id, ClaimsPrincipal user, NominationService service, CancellationToken ct) =>
            (await service.SubmitAsync(id, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(n => Results.Ok(new { n.Id, n.Status, n.WorkflowDefinitionId })))
            .WithSummary("Sends the draft to the commune (its path's workflow starts), or re-sends a dossier returned for supplement. Takes effect once.");

        // Multipart without an antiforgery token: the auth cookie is SameSite=Lax, so a cross-site form cannot post it.
        group.MapPost("/{id}/attachments", async (string id, HttpRequest http, ClaimsPrincipal user, NominationService service, CancellationToken ct) =>
        {
            if (!http.HasFormContentType) return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Gửi tệp dạng multipart/form-data (trường file và documentType)."] });
            var form = await http.ReadFormAsync(ct).ConfigureAwait(false);
            var file = form.Files.GetFile("file");
            if (file is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Thiếu tệp (trường file)."] });
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var result = await service.AddAttachmentAsync(id, form["documentType"].ToString(), FileNameOf(file), buffer.ToArray(), user.ToActor(), ct).ConfigureAwait(false);
            return result.ToHttp(a => Results.Created($"/api/nominations/{id}/attachments/{a.Id}", new { a.Id, a.DocumentType, a.FileName, a.ContentType, a.Size, a.Sha256 }));
        }).DisableAntiforgery().WithSummary("Adds a dossier document (PDF, Word, Excel, JPEG, PNG; size limit; the file's content must match its type).");

        group.MapGet("/{id}/attachments/{attachmentId}", async (string id, string attachmentId, ClaimsPrincipal user, NominationQueries queries, NominationsContexts contexts, CancellationToken ct) =>
        {
            if (await queries.DetailAsync(id, user.ToActor(), ct).ConfigureAwait(false) is null) return Results.NotFound();
            await using var db = contexts.Create();
            var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.NominationId == id, ct).ConfigureAwait(false);
            if (attachment is null) return Results.NotFound();
            var content = await db.AttachmentContents.AsNoTracking().FirstAsync(c => c.AttachmentId == attachmentId, ct).ConfigureAwait(false);
            return Results.File(content.Content, attachment.ContentType, attachment.FileName);
        }).WithSummary("Downloads a dossier document under its original (Vietnamese) name.");

        group.MapPost("/{id}/holds", async (string id, HoldRequest request, ClaimsPrincipal user, HttpContext http, NominationService service, CancellationToken ct) =>
            (await service.PlaceHoldAsync(id, request.Reason, request.Note, user.ToActor(), http.Connection.RemoteIpAddress?.ToString(), ct).ConfigureAwait(false))
                .ToHttp(_ => Results.Accepted($"/api/nominations/{id}", new { id, held = true })))
            .WithSummary("Puts a nomination on hold at any step before the decision (discipline, inspection, complaint pending — ND 152 Art.4): under appraisal it becomes OnHold; elsewhere its steps wait. The legal clock pauses.");

        group.MapPost("/{id}/holds/release", async (string id, ReleaseRequest request, ClaimsPrincipal user, NominationService service, CancellationToken ct) =>
            (await service.ReleaseHoldAsync(id, request.Note, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(_ => Results.Ok(new { id, released = true })))
            .WithSummary("Ends a hold: the nomination goes on from where it stood (back to appraisal from OnHold); the legal due date moves by the working days held.");

        group.MapPost("/{id}/objections", async (string id, ObjectionRequest request, ClaimsPrincipal user, HttpContext http, NominationService service, CancellationToken ct) =>
            (await service.AddObjectionAsync(id, request.Text, user.Identity!.Name, http.Connection.RemoteIpAddress?.ToString(), ct).ConfigureAwait(false)).ToHttp(o => Results.Created($"/api/nominations/{id}", new { o.Id, o.At })))
            .WithSummary("An opinion received while the list is posted publicly.");

        group.MapPost("/{id}/province-outcome", async (string id, ProvinceOutcomeRequest request, ClaimsPrincipal user, NominationService service, CancellationToken ct) =>
            (await service.RecordProvinceOutcomeAsync(id, request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(s => Results.Ok(new { s.LetterNumber, s.Outcome, s.ProvinceDecisionNumber, s.Note })))
            .WithSummary("The office records the province's answer to the commune's letter: Decided (with its decision number) or Returned (with the reason).");
    }

    /// <summary>The client's file name: RFC 5987 <c>filename*</c> first, then a MIME-encoded or plain <c>filename</c>.</summary>
    internal static string FileNameOf(IFormFile file)
    {
        if (Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(file.ContentDisposition, out var disposition))
        {
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
            if (!string.IsNullOrEmpty(name)) return Decode(Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(name).ToString());
        }

        return Decode(file.FileName);
    }

    private static string Decode(string name)
    {
        // HttpClient writes non-ASCII names as MIME encoded-words (=?utf-8?B?...?=).
        if (name.StartsWith("=?utf-8?B?", StringComparison.OrdinalIgnoreCase) && name.EndsWith("?=", StringComparison.Ordinal))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(name[10..^2]));
            }
            catch (FormatException)
            {
                return name;
            }
        }

        return name;
    }
}

/// <summary>The council: its seats, sessions, attendance, secret ballots, the count.</summary>
public static class CouncilEndpoints
{
    public static void MapCouncil(this WebApplication app)
    {
        var council = app.MapGroup("/api/council").WithTags("Council").RequireAuthorization();
        council.MapGet("/seats", async (NominationsContexts contexts, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            return await db.CouncilSeats.AsNoTracking().OrderBy(s => s.UserName).ToListAsync(ct).ConfigureAwait(false);
        }).WithSummary("The council's members and their positions.");
        council.MapPut("/seats", async (List<SeatRequest> seats, ClaimsPrincipal user, CouncilService service, CancellationToken ct) =>
            (await service.SetSeatsAsync(seats, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(Results.Ok))
            .WithSummary("The chair sets the council's composition (sessions called afterwards count on it).");

        var sessions = app.MapGroup("/api/council-sessions").WithTags("Council").RequireAuthorization();
        sessions.MapPost("/", async (CreateSessionRequest request, ClaimsPrincipal user, CouncilService service, CancellationToken ct) =>
            (await service.CreateSessionAsync(request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(s => Results.Created($"/api/council-sessions/{s.Id}", new { s.Id, s.Title, s.Status, s.MemberCount })))
            .WithSummary("Calls a session on nominations waiting for the council; every member is mailed the agenda with the eligibility flags.");
        sessions.MapGet("/{id}", async (string id, NominationQueries queries, CancellationToken ct) =>
            await queries.SessionAsync(id, ct).ConfigureAwait(false) is { } s ? Results.Ok(s) : Results.NotFound())
            .WithSummary("Agenda, attendance and how many have voted; counts and results only after the session closes.");
        sessions.MapPost("/{id}/attendance", async (string id, AttendanceRequest request, ClaimsPrincipal user, CouncilService service, CancellationToken ct) =>
            (await service.SetAttendanceAsync(id, request, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(_ => Results.Ok(new { request.UserName, request.Attendance })))
            .WithSummary("The secretary records who is present (absent members vote in writing).");
        sessions.MapPost("/{id}/ballots", async (string id, BallotRequest request, ClaimsPrincipal user, CouncilService service, CancellationToken ct) =>
            (await service.CastBallotAsync(id, request, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(_ => Results.Ok(new { recorded = true })))
            .WithSummary("A member's secret ballot on one nomination (Approve or Reject), once. The answer never says how anyone voted.");
        sessions.MapPost("/{id}/close", async (string id, ClaimsPrincipal user, CouncilService service, NominationQueries queries, CancellationToken ct) =>
        {
            var result = await service.CloseAsync(id, user.ToActor(), ct).ConfigureAwait(false);
            return result.Ok ? Results.Ok(await queries.SessionAsync(id, ct).ConfigureAwait(false)) : result.ToHttp(_ => Results.Ok());
        }).WithSummary("Closes voting and counts each nomination on ALL members (≥80% for Chiến sĩ thi đua cơ sở), numbers the minutes, moves each nomination on.");
    }
}

/// <summary>Units, people, users, the award catalogue, decisions and the awards register.</summary>
public static class DirectoryEndpoints
{


    public static void MapDirectory(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/units", async (NominationsContexts contexts, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            return (await db.Units.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct).ConfigureAwait(false)).Select(u => new { u.Id, u.Name, Kind = u.Kind.ToString(), u.MemberCount, u.Active, u.MergedInto, u.MergedOn });
        }).WithTags("Directory").WithSummary("Units: phòng, thôn, schools, enterprises, cooperatives, household businesses, MTTQ and đoàn thể; an inactive one merged in 2025 names the unit that continues it.");

        api.MapGet("/campaigns", async (NominationsContexts contexts, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            return (await db.Campaigns.AsNoTracking().Include(c => c.Phases).Include(c => c.Contents).Include(c => c.Criteria).AsSplitQuery().ToListAsync(ct).ConfigureAwait(false))
                .Select(c => new
                {
                    c.Id, c.Name, c.StartYear, c.EndYear, c.PlanDueDate,
                    Phases = c.Phases.OrderBy(p => p.StartYear).Select(p => new { p.Name, p.StartYear, p.EndYear, p.Review, p.ReviewDate }),
                    Contents = c.Contents.OrderBy(x => x.Order).Select(x => new { x.Id, x.Order, x.Title, x.Description }),
                    Criteria = c.Criteria.OrderBy(x => x.Group).ThenBy(x => x.Order).Select(x => new { x.Group, GroupName = MovementReports.Groups["abcd".IndexOf(x.Group[0], StringComparison.Ordinal)], x.Text }),
                });
        }).WithTags("Directory").WithSummary("Emulation movements with their phases and reviews (sơ kết, tổng kết), their contents (what units report on) and the criteria of each group.");

        // People are personal data: the office, the council and the chair see everyone; a unit sees its own people.
        api.MapGet("/people", async (NominationsContexts contexts, string? unitId, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            if (!actor.SeesAllNominations)
            {
                if (unitId is { Length: > 0 } && unitId != actor.UnitId)
                    return Results.Problem("Chỉ xem được cá nhân của đơn vị mình.", statusCode: StatusCodes.Status403Forbidden);
                unitId = actor.UnitId ?? "";
            }

            await using var db = contexts.Create();
            var query = db.People.AsNoTracking();
            if (unitId is { Length: > 0 } || !actor.SeesAllNominations) query = query.Where(p => p.UnitId == unitId);
            return Results.Ok(await query.OrderBy(p => p.Id).ToListAsync(ct).ConfigureAwait(false));
        }).WithTags("Directory").WithSummary("People who can be nominated (a unit: its own).");

        api.MapPost("/people", async (PersonRequest request, ClaimsPrincipal user, Settings settings, CancellationToken ct) =>
            (await settings.AddPersonAsync(request, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(p => Results.Created($"/api/people/{p.Id}", p)))
            .WithTags("Directory").WithSummary("Adds a person to a unit.");

        api.MapPost("/people/{id:long}/disciplines", async (long id, DisciplineRequest request, ClaimsPrincipal user, Settings settings, CancellationToken ct) =>
            (await settings.AddDisciplineAsync(id, request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(d => Results.Created($"/api/people/{id}", new { d.Id, d.PersonId, d.Form, d.From, d.Until, d.Note })))
            .WithTags("Directory").WithSummary("The office records a person's discipline (form, period): nominations for the years it overlaps are refused (NĐ 152 Art.4).");

        api.MapGet("/people/{id:long}/commendations", async (long id, NominationsContexts contexts, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var actor = user.ToActor();
                if (!actor.SeesAllNominations)
                {
                    await using var db = contexts.Create();
                    if (!await db.People.AnyAsync(p => p.Id == id && p.UnitId == actor.UnitId, ct).ConfigureAwait(false))
                        return Results.Problem("Không có cá nhân này trong đơn vị của anh/chị.", statusCode: StatusCodes.Status404NotFound);
                }

                return await RegisterAsync(contexts, c => c.PersonId == id, ct).ConfigureAwait(false);
            })
            .WithTags("Directory").WithSummary("A person's awards register (history); a unit: its own people.");
        api.MapGet("/units/{id}/commendations", (string id, NominationsContexts contexts, ClaimsPrincipal user, CancellationToken ct) =>
                user.ToActor() is var actor && !actor.SeesAllNominations && actor.UnitId != id
                    ? Task.FromResult(Results.Problem("Chỉ xem được khen thưởng của đơn vị mình.", statusCode: StatusCodes.Status404NotFound))
                    : RegisterAsync(contexts, c => c.UnitId == id, ct))
            .WithTags("Directory").WithSummary("A collective's awards register (history); a unit: its own.");

        api.MapGet("/awards", async (NominationsContexts contexts, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            return (await db.AwardKinds.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).OrderBy(a => a.Level).ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => new
            {
                a.Code, a.Name, Category = a.Category.ToString(), Level = a.Level.ToString(), NomineeKinds = a.NomineeKinds.Split(','), a.ProposedBy, a.DecidedBy, a.Standards,
                RequiredDocuments = a.RequiredDocuments.Split(',').Select(d => new { Type = d, Label = DocumentTypes.Labels.GetValueOrDefault(d, d) }),
                a.TimeLimitWorkingDays, VoteRule = a.VoteRule.ToString(), a.VoteThresholdPercent, a.PostingDays, a.PrizeMultipleIndividual, a.PrizeMultipleCollective, a.Basis, a.Active,
            });
        }).WithTags("Catalog").WithSummary("The award catalogue reachable from the commune (domain-rules.md §3.2).");

        api.MapPut("/awards/{code}", async (string code, AwardSettings request, ClaimsPrincipal user, Settings settings, CancellationToken ct) =>
            (await settings.UpdateAwardAsync(code, request, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(Results.Ok))
            .WithTags("Catalog").WithSummary("The office adjusts an award's province-specific values (time limit, vote threshold, posting days, prize multiples).");

        api.MapGet("/decisions", async (NominationsContexts contexts, int? year, string? kind, CancellationToken ct) =>
        {
            await using var db = contexts.Create();
            var query = db.Decisions.AsNoTracking();
            if (year is { } y) query = query.Where(d => d.Year == y);
            if (kind is { Length: > 0 }) query = query.Where(d => d.Kind == kind);
            return (await query.ToListAsync(ct).ConfigureAwait(false)).OrderBy(d => d.Symbol, StringComparer.Ordinal).ThenBy(d => d.Year).ThenBy(d => d.Number)
                .Select(d => new { d.Id, d.Kind, d.DocumentNumber, d.Year, d.Number, d.Symbol, d.Title, d.SignedBy, d.SignedAt, d.SubjectKey, Document = $"/api/decisions/{d.Id}/document" });
        }).WithTags("Decisions").WithSummary("Numbered documents: award decisions (QĐ-UBND), letters to the province (TTr-UBND), council minutes (BB-HĐTĐKT).");

        api.MapPost("/decisions/list", async (ListDecisionRequest request, ClaimsPrincipal user, HttpContext http, ListDecisions lists, CancellationToken ct) =>
            (await lists.DecideAsync(request, user.ToActor(), http.Connection.RemoteIpAddress?.ToString(), ct).ConfigureAwait(false))
                .ToHttp(r => Results.Ok(new { r.Decision.Id, r.Decision.DocumentNumber, r.Decided, r.Skipped, Document = $"/api/decisions/{r.Decision.Id}/document" })))
            .WithTags("Decisions").WithSummary("The chair decides several nominations waiting for the decision in one numbered decision with a list (quyết định kèm danh sách).");

        api.MapGet("/users", async (ClaimsPrincipal user, Settings settings, CancellationToken ct) =>
            user.IsInRole(Roles.Administrator)
                ? Results.Ok(await settings.UsersAsync(ct).ConfigureAwait(false))
                : Results.Problem("Chỉ quản trị viên.", statusCode: StatusCodes.Status403Forbidden))
            .WithTags("Directory").WithSummary("Users and their roles (administrators).");

        api.MapPost("/users", async (UserRequest request, ClaimsPrincipal user, Settings settings, CancellationToken ct) =>
            (await settings.CreateUserAsync(request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(u => Results.Created($"/api/users/{u.UserName}", new { u.UserName, u.DisplayName, u.Roles })))
            .WithTags("Directory").WithSummary("Creates a user with roles (administrators); the password is stored as a PBKDF2 hash.");
    }

    private static async Task<IResult> RegisterAsync(NominationsContexts contexts, System.Linq.Expressions.Expression<Func<Commendation, bool>> filter, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var awards = await db.AwardKinds.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct).ConfigureAwait(false);
        return Results.Ok((await db.Commendations.AsNoTracking().Where(filter).OrderBy(c => c.Year).ToListAsync(ct).ConfigureAwait(false))
            .Select(c => new
            {
                c.Year, c.AwardCode, AwardName = awards.GetValueOrDefault(c.AwardCode), c.NomineeName, c.DecisionNumber, c.DecidedOn, c.Issuer, c.PrizeMoney,
                CommendationType = (c.CommendationType ?? CommendationType.Merit).ToString(), c.CountsTowardChains,
            }));
    }
}
