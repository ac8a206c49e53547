using ThiDua.Workflows.Nominations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Workflows.Engine.Activities;
using ThiDua.Workflows.Engine.Hosting;
using ThiDua.Workflows.Engine.Runtime;
using ThiDua.Workflows.Engine.Serialization;
using ThiDua.Workflows.Engine.Stores;
using ThiDua.Workflows.Engine.Validation;
using ThiDua.Workflows.Persistence;
using ThiDua.Workflows.Scheduling;

namespace ThiDua.Workflows.Cli;

/// <summary>
/// <c>thidua run FILE [--input NAME=VALUE]... [--event NAME]...</c> and <c>thidua validate PATH...</c>,
/// with the output and exit codes of architecture.md. Writers and clock are injected so tests run it in-process.
/// </summary>
public sealed class ThiDuaCli(TextWriter stdout, TextWriter stderr, TimeProvider clock)
{
    private const string Usage = """
        Usage:
          thidua run FILE [--input NAME=VALUE]... [--event NAME]... [--db FILE] [--workflows DIR]...
              Runs one workflow file in memory. Each Elsa.WriteLine prints a line; timers wait in real time;
              --event NAME is delivered when the workflow waits for that event. The last line is the status.
              A waiting HTTP endpoint is printed as "waiting: HTTP METHOD /workflows/PATH". Timers and --event reach
              child instances the run waits for as well.
              Workflows it runs as children are looked up among the definitions in FILE's folder (in memory only)
              and in each --workflows DIR (JSON files that are not workflow definitions are ignored).
              --db FILE runs it on a SQLite database file (created or upgraded) instead of in memory.
              Exit code: 0 Finished, 3 Suspended, 1 Faulted or Cancelled, 2 invalid input.
          thidua validate PATH...
              Checks workflow files or folders of them (*.json). Prints FILE: JSON-PATH: message per problem.
              Exit code: 0 valid, 2 problems found.
          thidua backup --db FILE [--db FILE]... --to DIR
              A consistent online copy of SQLite databases (the web host may keep running) into a new folder under
              DIR, with a manifest of SHA-256 sums; each copy passes SQLite's integrity check.
          thidua restore --from BACKUP-DIR --to DATA-DIR
              Restores a backup into a data folder that holds none of its databases; checks the manifest and the
              integrity of what it restored. Exit code: 0 restored, 1 failed, 2 invalid input.
          thidua audit verify (--db FILE | --postgres CONNECTION)
              Walks the audit trail's hash chain and reports the first entry that was edited or removed.
              Exit code: 0 intact, 1 broken, 2 invalid input.
          thidua templates write --to DIR
              Writes the default document templates (.docx with named content controls) into DIR; the repository
              keeps them in src/ThiDua.Workflows.Nominations/Documents/Templates.
        """;

    private async Task<int> WriteTemplatesAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args is not ["write", "--to", var folder]) return await FailUsageAsync("templates write needs --to DIR").ConfigureAwait(false);
        Directory.CreateDirectory(folder);
        foreach (var kind in ThiDua.Workflows.Nominations.Documents.DocumentTemplates.All)
        {
            var path = Path.Combine(folder, kind.FileName);
            await File.WriteAllBytesAsync(path, ThiDua.Workflows.Nominations.Documents.DocumentTemplates.BuildDefault(kind), cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"{path}: {kind.Name}").ConfigureAwait(false);
        }

        return ExitCodes.Finished;
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? ExitCodes.InvalidInput : ExitCodes.Finished;
        }

        return args[0] switch
        {
            "run" => await RunWorkflowAsync(args[1..], cancellationToken).ConfigureAwait(false),
            "validate" => await ValidateAsync(args[1..]).ConfigureAwait(false),
            "backup" or "restore" or "audit" => await new MaintenanceCommands(stdout, stderr, clock, FailUsageAsync).RunAsync(args, cancellationToken).ConfigureAwait(false),
            "templates" => await WriteTemplatesAsync(args[1..], cancellationToken).ConfigureAwait(false),
            _ => await FailUsageAsync($"unknown command '{args[0]}'").ConfigureAwait(false),
        };
    }

    private async Task<int> RunWorkflowAsync(string[] args, CancellationToken cancellationToken)
    {
        string? file = null;
        string? database = null;
        var input = new JsonObject();
        var events = new List<string>();
        var folders = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--input" when i + 1 < args.Length:
                    var pair = args[++i];
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) return await FailUsageAsync($"--input: expected NAME=VALUE, got '{pair}'").ConfigureAwait(false);
                    input[pair[..eq]] = ParseValue(pair[(eq + 1)..]);
                    break;
                case "--event" when i + 1 < args.Length:
                    events.Add(args[++i]);
                    break;
                case "--db" when i + 1 < args.Length:
                    database = args[++i];
                    break;
                case "--workflows" when i + 1 < args.Length:
                    folders.Add(args[++i]);
                    break;
                case "--input" or "--event" or "--db" or "--workflows":
                    return await FailUsageAsync($"{args[i]}: a value is missing").ConfigureAwait(false);
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
                        return await FailUsageAsync($"unexpected argument '{args[i]}'").ConfigureAwait(false);
                    file = args[i];
                    break;
            }
        }

        if (file is null) return await FailUsageAsync("run: a workflow FILE is required").ConfigureAwait(false);
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"{file}: $: file not found").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        await using var services = BuildServices(database);
        var registry = services.GetRequiredService<ActivityRegistry>();
        var read = ElsaJsonReader.Read(json);
        var problems = read.Problems.ToList();
        if (read.Definition is not null)
            problems.AddRange(WorkflowValidator.Validate(read.Definition, registry, checkActivityTypes: false));
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                await stderr.WriteLineAsync($"{file}: {problem}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        var store = services.GetRequiredService<IWorkflowStore>();
        var definition = read.Definition!;
        if (database is not null)
        {
            // On a database the file is imported like workflows/ at start-up: a changed file becomes a new version.
            await services.GetRequiredService<WorkflowDatabase>().MigrateAsync(cancellationToken).ConfigureAwait(false);
            var definitions = services.GetRequiredService<IDefinitionStore>();
            var version = await definitions.ImportAsync(definition, cancellationToken).ConfigureAwait(false);
            definition = (await definitions.FindVersionAsync(version.Id, cancellationToken).ConfigureAwait(false))!;
        }

        // In memory, the file's folder is searched for children too; on a database (which a web host may share) only the
        // folders named with --workflows are imported, so unrelated files next to FILE are never published there.
        var childFolders = database is null ? folders.Prepend(Path.GetDirectoryName(Path.GetFullPath(file))!).ToList() : folders;
        await ImportChildDefinitionsAsync(services.GetRequiredService<IDefinitionStore>(), childFolders, definition.DefinitionId, cancellationToken).ConfigureAwait(false);
        var started = (await runtime.StartAsync(definition, new StartOptions(input), CancellationToken.None).ConfigureAwait(false)).Instance;
        // Children report back through the outbox after the start returned: read the instance as it stands now.
        var instance = await store.FindInstanceAsync(started.Id, CancellationToken.None).ConfigureAwait(false) ?? started;
        try
        {
            instance = await DriveAsync(runtime, store, instance, events, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            instance = (await runtime.CancelAsync(instance.Id, CancellationToken.None).ConfigureAwait(false))?.Instance ?? instance;
        }

        return await ReportAsync(instance).ConfigureAwait(false);
    }

    // Delivers the requested events when the run waits for them, and lets timers fire in real time — of the started
    // instance and of the child instances it waits for.
    private async Task<WorkflowInstance> DriveAsync(IWorkflowRuntime runtime, IWorkflowStore store, WorkflowInstance instance, List<string> events, CancellationToken cancellationToken)
    {
        while (instance.Status == WorkflowStatus.Suspended)
        {
            var waiting = await WaitingInRunAsync(store, instance.Id).ConfigureAwait(false);
            var awaited = events.Select(name => (Name: name, Bookmark: waiting.FirstOrDefault(b => b.Hash == Stimulus.Event(name).Hash)))
                .FirstOrDefault(e => e.Bookmark is not null);
            if (awaited.Bookmark is not null)
            {
                events.Remove(awaited.Name);
                await runtime.PublishEventAsync(awaited.Name, workflowInstanceId: awaited.Bookmark.WorkflowInstanceId, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            else if (waiting.Where(b => b.ResumeAt is not null).MinBy(b => b.ResumeAt) is { } next)
            {
                var wait = next.ResumeAt!.Value - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
                await runtime.ResumeDueTimersAsync(store, clock.GetUtcNow(), next.WorkflowInstanceId, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                break; // waits for something this command cannot deliver
            }

            instance = await store.FindInstanceAsync(instance.Id, CancellationToken.None).ConfigureAwait(false) ?? instance;
        }

        return instance;
    }

    // The bookmarks of the run: the started instance and every instance started as its child (transitively).
    private static async Task<List<Bookmark>> WaitingInRunAsync(IWorkflowStore store, string rootId)
    {
        var found = new List<Bookmark>();
        var pending = new Queue<string>([rootId]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var id = pending.Dequeue();
            if (!seen.Add(id)) continue;
            var bookmarks = await store.FindBookmarksAsync(new BookmarkQuery(WorkflowInstanceId: id), CancellationToken.None).ConfigureAwait(false);
            found.AddRange(bookmarks);
            foreach (var child in bookmarks.Where(b => b.Name == ChildWorkflowMessages.BookmarkName))
                if (child.Payload["childInstanceId"]?.GetValue<string>() is { } childId) pending.Enqueue(childId);
        }

        return found;
    }

    // Every workflow definition next to the file and in --workflows folders becomes a published version the run can
    // start as a child; other JSON (settings, samples of other formats) is skipped.
    private static async Task ImportChildDefinitionsAsync(IDefinitionStore definitions, List<string> folders, string runningDefinitionId, CancellationToken cancellationToken)
    {
        var directories = folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal);
        foreach (var directory in directories.Where(Directory.Exists))
        {
            foreach (var candidate in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                var read = ElsaJsonReader.Read(await File.ReadAllTextAsync(candidate, cancellationToken).ConfigureAwait(false));
                if (!read.Succeeded || read.Definition!.DefinitionId == runningDefinitionId) continue;
                await definitions.ImportAsync(read.Definition, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ReportAsync(WorkflowInstance instance)
    {
        if (instance.Status == WorkflowStatus.Suspended)
            foreach (var bookmark in instance.Bookmarks.Where(b => b.Name == HttpEndpoint.TypeName))
                await stdout.WriteLineAsync($"waiting: HTTP {bookmark.Payload["method"]} /workflows/{bookmark.Payload["path"]}").ConfigureAwait(false);

        var (line, code) = instance.Status switch
        {
            WorkflowStatus.Finished => ("status: Finished", ExitCodes.Finished),
            WorkflowStatus.Suspended => ("status: Suspended", ExitCodes.Suspended),
            WorkflowStatus.Cancelled => ("status: Cancelled", ExitCodes.Cancelled),
            _ => ($"status: Faulted: {instance.FaultMessage}", ExitCodes.Faulted),
        };
        await stdout.WriteLineAsync(line).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        return code;
    }

    private async Task<int> ValidateAsync(string[] paths)
    {
        if (paths.Length == 0) return await FailUsageAsync("validate: at least one PATH is required").ConfigureAwait(false);
        await using var services = BuildServices();
        var registry = services.GetRequiredService<ActivityRegistry>();
        int files = 0, problems = 0;
        foreach (var path in paths)
        {
            IEnumerable<string> targets;
            if (Directory.Exists(path))
                targets = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
            else if (File.Exists(path))
                targets = [path];
            else
            {
                await stdout.WriteLineAsync($"{path}: $: file or folder not found").ConfigureAwait(false);
                problems++;
                continue;
            }

            foreach (var file in targets)
            {
                files++;
                foreach (var problem in WorkflowValidator.Validate(await File.ReadAllTextAsync(file).ConfigureAwait(false), registry))
                {
                    problems++;
                    await stdout.WriteLineAsync($"{file}: {problem}").ConfigureAwait(false);
                }
            }
        }

        await stderr.WriteLineAsync(problems == 0 ? $"{files} file(s) valid." : $"{problems} problem(s) in {files} file(s).").ConfigureAwait(false);
        return problems == 0 ? ExitCodes.Finished : ExitCodes.InvalidInput;
    }

    private async Task<int> FailUsageAsync(string message)
    {
        await stderr.WriteLineAsync($"thidua: {message}").ConfigureAwait(false);
        await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
        return ExitCodes.InvalidInput;
    }

    private ServiceProvider BuildServices(string? database = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<IOutboxHandler>(new ConsoleLineHandler(stdout));
        var engine = services.AddWorkflowEngine().AddTaskActivities().AddNominationActivities();
        if (database is not null) engine.AddEfCoreStore(o => o.SqliteFile = database);
        return services.BuildServiceProvider();
    }

    // Numbers, booleans, null and JSON objects/arrays are taken as JSON; anything else is text.
    private static JsonNode? ParseValue(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            return node;
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>Prints each Elsa.WriteLine line to standard output once its burst has committed.</summary>
    private sealed class ConsoleLineHandler(TextWriter output) : IOutboxHandler
    {
        public string Kind => WriteLine.OutboxKind;

        public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            await output.WriteLineAsync(message.Payload["text"]?.GetValue<string>() ?? "").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
