using ThiDua.Workflows.Engine.Serialization;

namespace ThiDua.Workflows.Engine.Stores;

/// <summary>The result of importing one file of a workflows folder.</summary>
public sealed record ImportedWorkflow(string File, DefinitionVersion Version);

/// <summary>
/// Loads the files of <c>workflows/</c> as published definitions at start-up: an unchanged file keeps its version,
/// a changed one becomes the next version (instances under way stay on theirs). An invalid file stops the import
/// with every problem named, before anything is published.
/// </summary>
public static class WorkflowFolder
{
    public static async Task<IReadOnlyList<ImportedWorkflow>> ImportAsync(IDefinitionStore store, string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder)) return [];
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var definitions = new List<(string File, Model.WorkflowDefinition Definition)>();
        var problems = new List<DefinitionProblem>();
        foreach (var file in files)
        {
            var read = ElsaJsonReader.Read(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
            problems.AddRange(read.Problems.Select(p => p with { Path = $"{file}: {p.Path}" }));
            if (read.Definition is not null) definitions.Add((file, read.Definition));
        }

        if (problems.Count > 0) throw new InvalidDefinitionException(problems);

        var imported = new List<ImportedWorkflow>();
        foreach (var (file, definition) in definitions)
            imported.Add(new ImportedWorkflow(file, await store.ImportAsync(definition, cancellationToken).ConfigureAwait(false)));
        return imported;
    }
}
