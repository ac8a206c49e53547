namespace ThiDua.Workflows.Engine.Serialization;

/// <summary>A problem found in a definition file: where (a JSON path such as <c>$.root.activities[2].text</c>) and what.</summary>
public sealed record DefinitionProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when a definition cannot be loaded or run; carries every problem found.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : Exception("Invalid workflow definition: " + string.Join("; ", problems.Select(p => p.ToString())))
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}
