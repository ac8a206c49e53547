namespace ThiDua.Workflows.Engine.Activities;

/// <summary>Names an activity type as it appears in workflow files (e.g. <c>Elsa.WriteLine</c>) and describes it for the designer.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string typeName) : Attribute
{
    public string TypeName { get; } = typeName;

    public string Category { get; init; } = "Misc";

    public string? Description { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The flow ports (outcomes) the activity can complete with. Activities whose outcomes come from their inputs leave extra ones out.</summary>
    public string[] Outcomes { get; init; } = [ActivityOutcomes.Done];
}

public static class ActivityOutcomes
{
    public const string Done = "Done";
}
