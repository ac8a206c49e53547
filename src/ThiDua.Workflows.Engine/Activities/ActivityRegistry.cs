using Microsoft.Extensions.DependencyInjection;

namespace ThiDua.Workflows.Engine.Activities;

/// <summary>A registered activity type (added by <c>AddActivity&lt;T&gt;()</c>).</summary>
public sealed record ActivityRegistration(Type ActivityType);

/// <summary>The activity types this runtime can run, by type name, each created once with its dependencies.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityDescriptor> _descriptors;
    private readonly Dictionary<string, Lazy<IActivity>> _activities;

    public ActivityRegistry(IServiceProvider services, IEnumerable<ActivityRegistration> registrations)
    {
        _descriptors = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        _activities = new Dictionary<string, Lazy<IActivity>>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            var descriptor = ActivityDescriptor.Describe(registration.ActivityType);
            _descriptors[descriptor.TypeName] = descriptor;
            _activities[descriptor.TypeName] = new Lazy<IActivity>(
                () => (IActivity)ActivatorUtilities.CreateInstance(services, registration.ActivityType));
        }
    }

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => _descriptors.Values;

    public bool IsKnown(string typeName) => _descriptors.ContainsKey(typeName);

    /// <summary>True when the runtime can run this node: a known type, or a workflow used as an activity.</summary>
    public bool IsKnown(Model.ActivityNode node) => IsKnown(node.Type) || WorkflowDefinitionActivity.RefersToDefinition(node);

    public ActivityDescriptor? Describe(string typeName) => _descriptors.GetValueOrDefault(typeName);

    /// <summary>The activity for a type name, or null when this runtime does not know it.</summary>
    public IActivity? Resolve(string typeName) => _activities.TryGetValue(typeName, out var a) ? a.Value : null;
}
