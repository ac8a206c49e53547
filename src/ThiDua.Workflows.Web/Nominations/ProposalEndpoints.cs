using System.Security.Claims;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Nominations;

/// <summary>List proposals: a unit's văn bản đề nghị with its danh sách (REST, JSON; other tools rely on these addresses).</summary>
public static class ProposalEndpoints
{
    public static void MapProposals(this WebApplication app)
    {
        var group = app.MapGroup("/api/proposals").WithTags("Proposals").RequireAuthorization();

        group.MapGet("/", (ClaimsPrincipal user, ProposalService proposals, string? unitId, int? year, string? status, CancellationToken ct) =>
            proposals.ListAsync(user.ToActor(), unitId, year, status, ct))
            .WithSummary("A unit's list proposals (văn bản đề nghị): the unit its own, the office, council and chair all; filters unit, year, status.");

        group.MapGet("/{id}", async (string id, ClaimsPrincipal user, ProposalService proposals, CancellationToken ct) =>
            await proposals.DetailAsync(id, user.ToActor(), ct).ConfigureAwait(false) is { } detail ? Results.Ok(detail) : Results.NotFound())
            .WithSummary("One list proposal with its nominees: status of each, the council's result, the decision number.");

        group.MapPost("/", async (ProposalRequest request, ClaimsPrincipal user, ProposalService proposals, CancellationToken ct) =>
            (await proposals.CreateAsync(request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(p => Results.Created($"/api/proposals/{p.Id}", new { p.Id, p.Status, p.Title, p.Year })))
            .WithSummary("A unit drafts one văn bản đề nghị with its danh sách (nominees: people, collectives, households), in one transaction; each line's error is named nominees[i].field.");

        group.MapPost("/{id}/submit", async (string id, ClaimsPrincipal user, ProposalService proposals, CancellationToken ct) =>
            (await proposals.SubmitAsync(id, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(p => Results.Ok(new { p.Id, p.Status })))
            .WithSummary("Sends the list to the commune: its one path starts; takes effect once.");

        group.MapPost("/{id}/nominees/{nominationId}/review", async (string id, string nominationId, NomineeReviewRequest request, ClaimsPrincipal user, ProposalService proposals, CancellationToken ct) =>
            (await proposals.ReviewNomineeAsync(id, nominationId, request, user.ToActor(), ct).ConfigureAwait(false)).ToHttp(n => Results.Ok(new { n.Id, n.Status })))
            .WithSummary("The office accepts (Accept), returns to the unit (Return, with a note) or refuses (Refuse, with a note) one nominee of the list.");
    }
}
