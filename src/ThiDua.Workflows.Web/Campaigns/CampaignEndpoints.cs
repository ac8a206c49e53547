using ThiDua.Workflows.Nominations.Services;
using System.Security.Claims;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Campaigns;

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

        group.MapPost("/plans/{unitId}/submit", async (string unitId, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
            {
                var ownUnit = user.FindFirstValue("unit");
                if (!user.IsInRole(Roles.Office) && !user.IsInRole(Roles.OfficeHead) && ownUnit != unitId)
                    return Results.Problem($"Người dùng không thuộc đơn vị '{unitId}'.", statusCode: StatusCodes.Status403Forbidden);
                return await campaigns.SubmitPlanAsync(unitId, user.Identity!.Name!, ct)
                    ? Results.Ok(new { unitId, submitted = true })
                    : Results.Problem($"Đơn vị '{unitId}' không có kế hoạch đang chờ nộp (đã nộp, hoặc chưa được giao).", statusCode: StatusCodes.Status409Conflict);
            })
            .WithSummary("Records that a unit submitted its implementation plan.");
    }
}
