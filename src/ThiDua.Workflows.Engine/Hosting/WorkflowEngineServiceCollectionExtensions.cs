using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Engine.Hosting;

/// <summary>The engine's registration; adapters (stores, scheduling, mail) chain on it.</summary>
public interface IWorkflowEngineBuilder
{
    IServiceCollection Services { get; }
}

public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime with the Elsa activities, in-memory stores (replace them with a durable store) and the
    /// system clock (replace <see cref="TimeProvider"/> in tests).
    /// </summary>
    public static IWorkflowEngineBuilder AddWorkflowEngine(this IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null)
    {
        var options = new WorkflowRuntimeOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(NullLogger<>)));
        services.TryAddSingleton<IWorkflowStore, InMemoryWorkflowStore>();
        services.TryAddSingleton<IDefinitionStore, InMemoryDefinitionStore>();
        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton<InlineOutboxDispatcher>();
        services.TryAddSingleton<IOutboxDispatcher>(sp => sp.GetRequiredService<InlineOutboxDispatcher>());
        services.TryAddSingleton<IWorkflowRuntime, WorkflowRuntime>();

        foreach (var kind in new[] { ChildWorkflowMessages.StartKind, ChildWorkflowMessages.CompletedKind, ChildWorkflowMessages.CancelKind })
            services.AddSingleton<IOutboxHandler>(sp => new ChildWorkflowHandler(sp, kind));

        var builder = new WorkflowEngineBuilder(services);
        foreach (var type in ElsaActivities) builder.AddActivity(type);
        return builder;
    }

    /// <summary>Registers a domain activity: one class with an <see cref="ActivityAttribute"/> implementing <see cref="IActivity"/>.</summary>
    public static IWorkflowEngineBuilder AddActivity<TActivity>(this IWorkflowEngineBuilder builder) where TActivity : class, IActivity =>
        builder.AddActivity(typeof(TActivity));

    public static IWorkflowEngineBuilder AddActivity(this IWorkflowEngineBuilder builder, Type activityType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!typeof(IActivity).IsAssignableFrom(activityType))
            throw new ArgumentException($"{activityType.Name} does not implement IActivity.", nameof(activityType));
        ActivityDescriptor.Describe(activityType); // fails early when the [Activity] attribute is missing
        builder.Services.AddSingleton(new ActivityRegistration(activityType));
        return builder;
    }

    public static IWorkflowEngineBuilder AddOutboxHandler<THandler>(this IWorkflowEngineBuilder builder) where THandler : class, IOutboxHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IOutboxHandler, THandler>();
        return builder;
    }

    /// <summary>The Elsa 3 activity types this runtime supports.</summary>
    public static IReadOnlyList<Type> ElsaActivities { get; } =
    [
        typeof(Flowchart), typeof(FlowNode), typeof(Start), typeof(End), typeof(Finish), typeof(WriteLine),
        typeof(SetVariable), typeof(SetName), typeof(Correlate), typeof(FlowDecision), typeof(FlowSwitch),
        typeof(FlowFork), typeof(FlowJoin), typeof(Delay), typeof(StartAt), typeof(Activities.Timer),
        typeof(Event), typeof(Fault), typeof(Sequence), typeof(If), typeof(While), typeof(ForEach),
        typeof(ParallelForEach), typeof(Break), typeof(SetOutput), typeof(Complete), typeof(RunJavaScript), typeof(Cron),
        typeof(HttpEndpoint), typeof(WriteHttpResponse), typeof(ExecuteWorkflow), typeof(DispatchWorkflow),
        typeof(WorkflowDefinitionActivity),
    ];

    private sealed class WorkflowEngineBuilder(IServiceCollection services) : IWorkflowEngineBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
