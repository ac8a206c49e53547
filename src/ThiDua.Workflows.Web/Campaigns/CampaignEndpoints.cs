using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ThiDua.Workflows.Nominations;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Web.Nominations;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Campaigns;

public sealed record UnitReportBody(string? UnitId, int? Year, Dictionary<long, string>? Items);

public sealed record ReportReviewBody(bool? Accept, string? Note);

public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/campaign").WithTags("Campaign").RequireAuthorization();

        group.MapGet("/plans", (CampaignService campaigns, CancellationToken ct) => campaigns.PlanStatusesAsync(ct))
            .WithSummary("Each unit's implementation plan: submitted or still due.");

        group.MapPost("/plans/start", async (CampaignService campaigns, CancellationToken ct) =>
                Results.Ok(new { started = await campaigns.StartPlanDeadlinesAsync(ct) }))
            .RequireAuthorization(Roles.Office)
            .WithSummary("Starts the plan deadline of every configured unit (units already started are left alone).");

        // Multipart without an antiforgery token: the auth cookie is SameSite=Lax, so a cross-site form cannot post it.
        group.MapPost("/plans/{unitId}/submit", async (string unitId, HttpRequest http, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
            {
                var ownUnit = user.FindFirstValue("unit");
                if (!user.IsInRole(Roles.Office) && !user.IsInRole(Roles.OfficeHead) && ownUnit != unitId)
                    return Results.Problem($"Người dùng không thuộc đơn vị '{unitId}'.", statusCode: StatusCodes.Status403Forbidden);
                var file = http.HasFormContentType ? (await http.ReadFormAsync(ct).ConfigureAwait(false)).Files.GetFile("file") : null;
                byte[]? content = null;
                if (file is not null)
                {
                    await using var stream = file.OpenReadStream();
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
                    content = buffer.ToArray();
                }

                return (await campaigns.SubmitPlanAsync(unitId, user.Identity!.Name!, file is null ? null : NominationEndpoints.FileNameOf(file), content, ct).ConfigureAwait(false))
                    .ToHttp(p => Results.Ok(new { unitId, submitted = true, planId = p.Id, p.FileName }));
            })
            .DisableAntiforgery()
            .WithSummary("A unit sends its implementation plan (multipart, field file: PDF or Word); the office then accepts it or returns it (its task reviewPlan).");

        group.MapGet("/plans/{unitId}/file", async (string unitId, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
            {
                var actor = user.ToActor();
                if (!actor.SeesAllNominations && actor.UnitId != unitId) return Results.NotFound();
                return await campaigns.LatestPlanAsync(unitId, ct).ConfigureAwait(false) is { } plan ? Results.File(plan.Content, plan.ContentType, plan.FileName) : Results.NotFound();
            })
            .WithSummary("The latest plan file a unit sent (the unit itself, the office, the council and the chair).");

        var movement = app.MapGroup("/api/campaigns/{campaignId}").WithTags("Campaign").RequireAuthorization();
        movement.MapGet("/reports", async (string campaignId, int? year, ClaimsPrincipal user, MovementService service, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            if (year is not { } y) return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["Chọn năm báo cáo."] });
            if (y is < 2000 or > 2100) return Results.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["Năm không hợp lệ."] });
            // The office, the council and the chair see every unit's state and report; a unit its own reports.
            return actor.SeesAllNominations
                ? Results.Ok(new { States = await service.StatesAsync(campaignId, y, ct).ConfigureAwait(false), Reports = await service.ReportsAsync(campaignId, y, y, null, ct).ConfigureAwait(false) })
                : Results.Ok(new { States = Array.Empty<UnitReportState>(), Reports = actor.UnitId is null ? [] : await service.ReportsAsync(campaignId, y, y, actor.UnitId, ct).ConfigureAwait(false) });
        }).WithSummary("The units' reports on the movement's contents for a year, and which units have not reported.");

        movement.MapPost("/reports", async (string campaignId, UnitReportBody body, ClaimsPrincipal user, MovementService service, CancellationToken ct) =>
            (await service.SubmitAsync(campaignId, body.UnitId, new UnitReportRequest(body.Year, body.Items, null, null), user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(r => Results.Ok(new { r.Id, r.UnitId, r.Year, r.Status })))
            .WithSummary("A unit reports for a year on the movement's contents (items: content id → what it did); again until the office accepts it.");

        movement.MapPost("/reports/{reportId}/review", async (string campaignId, string reportId, ReportReviewBody body, ClaimsPrincipal user, MovementService service, CancellationToken ct) =>
            body.Accept is not { } accept
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["accept"] = ["Chọn tiếp nhận (true) hoặc trả lại (false)."] })
                : (await service.ReviewAsync(reportId, accept, body.Note, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(r => Results.Ok(new { r.Id, r.Status })))
            .WithSummary("The office accepts a unit's report or returns it with what to add.");

        movement.MapGet("/reports/{reportId}/file", async (string campaignId, string reportId, ClaimsPrincipal user, NominationsContexts contexts, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            await using var db = contexts.Create();
            var report = await db.UnitReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.CampaignId == campaignId, ct).ConfigureAwait(false);
            if (report?.FileContent is null || (!actor.SeesAllNominations && actor.UnitId != report.UnitId)) return Results.NotFound();
            return Results.File(report.FileContent, report.FileContentType ?? "application/octet-stream", report.FileName);
        }).WithSummary("The file a unit attached to its report.");

        movement.MapGet("/reviews/{year:int}", async (string campaignId, int year, ClaimsPrincipal user, MovementService service, CancellationToken ct) =>
        {
            if (!user.ToActor().SeesAllNominations) return Results.Problem("Tổng hợp sơ kết, tổng kết dành cho Phòng Văn hóa - Xã hội, Hội đồng và lãnh đạo xã.", statusCode: StatusCodes.Status403Forbidden);
            return await service.CollectReviewAsync(campaignId, year, ct).ConfigureAwait(false) is { } review ? Results.Ok(review) : Results.NotFound();
        }).WithSummary("What the review ending in that year collects (2027 interim, 2030 final): the units' reports, the units that never reported, the awards of the period.");
    }
}
