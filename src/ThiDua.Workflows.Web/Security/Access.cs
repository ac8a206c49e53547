using ThiDua.Workflows.Nominations.Services;

namespace ThiDua.Workflows.Web.Security;

/// <summary>Which areas a person's roles open (menus and pages use the same answers).</summary>
public static class Access
{
    public static bool CanPropose(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsOffice || (actor.Is(Roles.UnitSubmitter) && actor.UnitId is not null);
    }

    public static bool CanSeeCouncil(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsOffice || actor.Is(Roles.CouncilMember) || actor.Is(Roles.CouncilSecretary) || actor.Is(Roles.Chair);
    }

    public static bool CanRunCouncil(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsOffice || actor.Is(Roles.CouncilSecretary) || actor.Is(Roles.Chair);
    }

    public static bool CanSeeDecisions(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsOffice || actor.Is(Roles.Chair);
    }

    public static bool CanOpenSettings(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsOffice || actor.Is(Roles.Chair);
    }

    /// <summary>Designing workflow paths is the office's work (and the administrator's).</summary>
    public static bool CanDesign(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsOffice;
    }

    public static bool CanSign(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Is(Roles.Chair);
    }
}
