namespace ThiDua.Workflows.Web.Hosting;

/// <summary>
/// Finds the repository's shared folders (<c>appsettings/</c>, <c>workflows/</c>) from where the host runs:
/// the content root or any folder above it (so <c>dotnet run --project src/ThiDua.Workflows.Web</c> finds them).
/// </summary>
public static class AppFolders
{
    public static string? Find(string start, string name)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate)) return candidate;
        }

        return null;
    }
}
