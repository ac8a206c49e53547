using System.Reflection;

namespace ThiDua.Workflows.Nominations.Tests;

/// <summary>The modules depend one way, as architecture.md draws them: Scheduling and Notifications side by side over Persistence.</summary>
public sealed class ProjectGraphTests
{
    private static HashSet<string> References(Type inAssembly) =>
        inAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void SchedulingAndNotifications_StandSideBySide_OverPersistence()
    {
        var scheduling = References(typeof(Scheduling.SchedulingOptions));
        var notifications = References(typeof(Notifications.MailOptions));
        Assert.DoesNotContain("ThiDua.Workflows.Notifications", scheduling);
        Assert.DoesNotContain("ThiDua.Workflows.Scheduling", notifications);
        Assert.Contains("ThiDua.Workflows.Persistence", scheduling);
        Assert.Contains("ThiDua.Workflows.Persistence", notifications);
        Assert.DoesNotContain(References(typeof(Persistence.StoreOptions)), r => r.StartsWith("Hangfire", StringComparison.Ordinal) || r == "MailKit");
    }

    [Fact]
    public void TheEngine_KnowsNothingOfTheDatabaseJobsMailOrTheWeb()
    {
        var engine = References(typeof(Engine.Runtime.TaskMessages));
        Assert.DoesNotContain(engine, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || r.StartsWith("Hangfire", StringComparison.Ordinal) || r is "MailKit" or "MimeKit" || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || r.StartsWith("ThiDua.Workflows.", StringComparison.Ordinal));
    }
}
