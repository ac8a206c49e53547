using ThiDua.Workflows.Nominations.Services;
using Hangfire.Dashboard;

namespace ThiDua.Workflows.Web.Security;

/// <summary>The Hangfire dashboard is for administrators only (others get 403; anonymous visitors 401).</summary>
public sealed class AdministratorsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(Roles.Administrator);
}
