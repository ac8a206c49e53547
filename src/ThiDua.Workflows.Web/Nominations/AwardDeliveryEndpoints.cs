using System.Security.Claims;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Scheduling.Calendar;
using ThiDua.Workflows.Web.Security;

namespace ThiDua.Workflows.Web.Nominations;

/// <summary>Stage A7 over REST: the awards of a year with their certificate and prize money, and the office's records of both.</summary>
public static class AwardDeliveryEndpoints
{
    public static void MapAwardDelivery(this WebApplication app)
    {
        var group = app.MapGroup("/api/commendations").WithTags("Commendations").RequireAuthorization(Roles.Office);

        group.MapGet("/", async (int? year, AwardDelivery delivery, WorkingCalendar days, TimeProvider clock, CancellationToken ct) =>
            await delivery.ListAsync(year ?? days.LocalDate(clock.GetUtcNow()).Year, ct).ConfigureAwait(false))
            .WithSummary("The awards decided in a year (default: this one), each with its certificate hand-over and prize payment, if recorded.");

        group.MapPost("/{id:long}/handover", async (long id, HandoverRequest request, ClaimsPrincipal user, AwardDelivery delivery, CancellationToken ct) =>
            (await delivery.HandOverAsync(id, request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(c => Results.Ok(new { c.Id, c.CertificateHandedOverOn, c.CertificateReceivedBy })))
            .WithSummary("Records the certificate handed over (handedOverOn, receivedBy); once.");

        group.MapPost("/{id:long}/payment", async (long id, PrizePaymentRequest request, ClaimsPrincipal user, AwardDelivery delivery, CancellationToken ct) =>
            (await delivery.PayAsync(id, request, user.ToActor(), ct).ConfigureAwait(false))
                .ToHttp(c => Results.Ok(new { c.Id, c.PrizePaidOn, c.PrizePaidAmount, c.PrizeFund, c.PrizeVoucher, c.PrizePaidBy })))
            .WithSummary("Records the prize money paid (paidOn, amount — the decision's —, fund, voucher, paidBy); once.");
    }
}
