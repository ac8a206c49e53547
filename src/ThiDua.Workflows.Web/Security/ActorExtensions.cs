using System.Security.Claims;
using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Security;

public static class ActorExtensions
{
    /// <summary>The signed-in user as the domain sees them.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
        user.FindFirstValue("unit"));
}
