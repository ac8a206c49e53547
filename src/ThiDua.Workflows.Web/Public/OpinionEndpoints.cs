using Microsoft.AspNetCore.Antiforgery;
using ThiDua.Workflows.Nominations.Services;
using ThiDua.Workflows.Web.Presentation;

namespace ThiDua.Workflows.Web.Public;

/// <summary>
/// A citizen's opinion on a posted nomination (lấy ý kiến): no account, limited per address so a script cannot flood
/// it. The address is logged for abuse control and never stored with the opinion, so the nominating unit cannot see it.
/// </summary>
public static partial class OpinionEndpoints
{
    public const string RateLimitPolicy = "public-opinion";

    public static void MapPublicOpinions(this WebApplication app)
    {
        app.MapPost("/public-posting/{id}", async (string id, HttpContext http, NominationService nominations, IAntiforgery antiforgery, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
                return Results.Redirect(Flash.To("/public-posting", "form-expired"));
            var form = await http.Request.ReadFormAsync(ct).ConfigureAwait(false);
            var name = form["name"].ToString().Trim();
            var from = name.Length == 0 ? "Người dân (không ghi tên)" : name[..Math.Min(name.Length, 120)];
            var result = await nominations.AddObjectionAsync(id, form["text"].ToString(), from, http.Connection.RemoteIpAddress?.ToString(), ct).ConfigureAwait(false);
            var log = logs.CreateLogger(typeof(OpinionEndpoints));
            if (result.Ok) OpinionReceived(log, id, http.Connection.RemoteIpAddress);
            var code = result.Problem switch
            {
                DomainProblem.None => "opinion",
                DomainProblem.Invalid => "opinion-invalid",
                DomainProblem.NotFound => "not-found",
                _ => "opinion-closed",
            };
            // 303: the browser follows with a GET, so a refresh does not send the opinion again.
            return Results.Redirect(Flash.To("/public-posting", code), permanent: false, preserveMethod: false);
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Public opinion on nomination {NominationId} from {Address}")]
    private static partial void OpinionReceived(ILogger logger, string nominationId, System.Net.IPAddress? address);
}
