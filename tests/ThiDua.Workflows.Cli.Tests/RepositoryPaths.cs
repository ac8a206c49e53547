namespace ThiDua.Workflows.Cli.Tests;

/// <summary>Finds the repository root (the folder with ThiDua.Workflows.sln) and shared/ beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ElsaCompat => Path.GetFullPath(Path.Combine(Root, "..", "shared", "elsa-compat"));

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "thidua.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThiDua.Workflows.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ThiDua.Workflows.sln not found above " + AppContext.BaseDirectory);
    }
}
