using System.Reflection;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>What the designer and validator know of an activity type: its name, ports and inputs.</summary>
public sealed record ActivityDescriptor(
    string TypeName,
    Type ClrType,
    string Category,
    string DisplayName,
    string? Description,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<IInputDescriptor> Inputs)
{
    public static ActivityDescriptor Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [Activity] attribute naming its type.", nameof(type));
        var inputs = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(IInputDescriptor).IsAssignableFrom(f.FieldType))
            .Select(f => (IInputDescriptor)f.GetValue(null)!)
            .ToList();
        var displayName = attribute.DisplayName ?? attribute.TypeName[(attribute.TypeName.LastIndexOf('.') + 1)..];
        return new ActivityDescriptor(attribute.TypeName, type, attribute.Category, displayName, attribute.Description, attribute.Outcomes, inputs);
    }
}
