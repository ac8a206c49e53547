using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Model;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;

namespace ThiDua.Workflows.Engine.Tests;

/// <summary>Collects the lines written by Elsa.WriteLine, per instance, in delivery order.</summary>
public sealed class LineSink
{
    private readonly Lock _gate = new();
    private readonly List<(string InstanceId, string Text)> _lines = [];

    public void Add(string instanceId, string text)
    {
        lock (_gate) _lines.Add((instanceId, text));
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_gate) return _lines.Select(l => l.Text).ToList();
        }
    }

    public IReadOnlyList<string> Of(string instanceId)
    {
        lock (_gate) return _lines.Where(l => l.InstanceId == instanceId).Select(l => l.Text).ToList();
    }
}

/// <summary>The outbox handler for <see cref="WriteLine.OutboxKind"/>: hands every line to the <see cref="LineSink"/>.</summary>
public sealed class LineCollector(LineSink sink) : IOutboxHandler
{
    public string Kind => WriteLine.OutboxKind;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        sink.Add(message.WorkflowInstanceId, message.Payload["text"]?.GetValue<string>() ?? "<null>");
        return Task.CompletedTask;
    }
}

/// <summary>A runtime on the in-memory store with a fake clock and a line collector.</summary>
public sealed class TestHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public TestHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Lines);
        services.AddWorkflowEngine().AddOutboxHandler<LineCollector>();
        _provider = services.BuildServiceProvider();
        Runtime = _provider.GetRequiredService<IWorkflowRuntime>();
        Store = _provider.GetRequiredService<IWorkflowStore>();
        Registry = _provider.GetRequiredService<ActivityRegistry>();
        Definitions = _provider.GetRequiredService<IDefinitionStore>();
    }

    public IDefinitionStore Definitions { get; }

    /// <summary>Stores workflow files as published definitions (children a test's parent runs).</summary>
    public async Task PublishAsync(params string[] workflowFiles)
    {
        foreach (var file in workflowFiles) await PublishJsonAsync(TestFiles.ReadWorkflow(file));
    }

    /// <summary>Stores definition JSON as a published version.</summary>
    public async Task PublishJsonAsync(string json)
    {
        var definition = ElsaJsonReader.ReadOrThrow(json);
        await Definitions.SaveAsync(definition, DefinitionSaveMode.AsIs);
        await Definitions.SetPublishedAsync(definition.Id, true);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public LineSink Lines { get; } = new();

    public IWorkflowRuntime Runtime { get; }

    public IWorkflowStore Store { get; }

    public ActivityRegistry Registry { get; }

    public Task<WorkflowRunResult> StartAsync(string workflowFile, JsonObject? input = null, string? correlationId = null) =>
        Runtime.StartAsync(TestFiles.LoadWorkflow(workflowFile), new StartOptions(input, correlationId));

    /// <summary>Moves the fake clock and resumes the timers that are due; returns how many ran.</summary>
    public Task<int> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return Runtime.ResumeDueTimersAsync(Store, Time.GetUtcNow());
    }

    public Task<IReadOnlyList<Bookmark>> BookmarksOfAsync(string instanceId) =>
        Store.FindBookmarksAsync(new BookmarkQuery(WorkflowInstanceId: instanceId));

    public async Task<WorkflowInstance> InstanceAsync(string instanceId) =>
        await Store.FindInstanceAsync(instanceId) ?? throw new InvalidOperationException($"instance {instanceId} not in the store");

    public void Dispose() => _provider.Dispose();
}

/// <summary>Where the test workflows, the shared Elsa samples and the repository's workflows are.</summary>
public static class TestFiles
{
    public static string WorkflowsDirectory => Path.Combine(AppContext.BaseDirectory, "Workflows");

    public static string ReadWorkflow(string file) => File.ReadAllText(Path.Combine(WorkflowsDirectory, file));

    public static WorkflowDefinition LoadWorkflow(string file) => ElsaJsonReader.ReadOrThrow(ReadWorkflow(file));

    /// <summary>The shared Elsa compatibility samples: walks up from the test binaries to a directory holding <c>shared/elsa-compat</c>.</summary>
    public static string ElsaCompatDirectory { get; } = FindElsaCompat();

    /// <summary>The repository root (the directory with ThiDua.Workflows.sln).</summary>
    public static string RepositoryRoot { get; } = FindUp(d => File.Exists(Path.Combine(d, "ThiDua.Workflows.sln")))
        ?? throw new DirectoryNotFoundException("ThiDua.Workflows.sln not found above " + AppContext.BaseDirectory);

    private static string FindElsaCompat()
    {
        var found = FindUp(d => Directory.Exists(Path.Combine(d, "shared", "elsa-compat"))
                                || Directory.Exists(Path.Combine(d, "..", "shared", "elsa-compat")));
        if (found is null)
            throw new DirectoryNotFoundException("shared/elsa-compat not found above " + AppContext.BaseDirectory);
        var direct = Path.Combine(found, "shared", "elsa-compat");
        return Path.GetFullPath(Directory.Exists(direct) ? direct : Path.Combine(found, "..", "shared", "elsa-compat"));
    }

    private static string? FindUp(Func<string, bool> match)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (match(dir.FullName)) return dir.FullName;
        return null;
    }
}
