using System.Text.Json.Nodes;
using CsCheck;

namespace ThiDua.Workflows.Cli.Tests;

/// <summary>
/// Property: whatever a file becomes by random damage — keys removed, values replaced by other JSON, types renamed,
/// text cut or spliced — <c>thidua validate</c> answers 0 or 2 with its summary line, and never crashes.
/// </summary>
public sealed class ValidateFuzzTests
{
    private static readonly List<string> Corpus =
    [
        .. Directory.GetFiles(RepositoryPaths.ElsaCompat, "*.json").Where(f => !f.EndsWith("expected.json", StringComparison.Ordinal)),
        .. Directory.GetFiles(RepositoryPaths.Workflows, "*.json", SearchOption.AllDirectories),
        .. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "ThiDua.Workflows.Engine.Tests", "Workflows", "activities"), "*.json"),
    ];

    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(""), JsonValue.Create("Elsa.Unknown"),
        JsonValue.Create(true), new JsonArray(), new JsonObject(), new JsonArray(JsonValue.Create(1), null),
        new JsonObject { ["type"] = "JavaScript", ["value"] = "(" }, new JsonObject { ["expression"] = null },
        new JsonObject { ["id"] = "x", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray((JsonNode?)null) },
    ];

    [Fact]
    public void Validate_NeverCrashes_OnRandomDamageToRealWorkflowFiles()
    {
        Assert.True(Corpus.Count > 20);
        var folder = Directory.CreateTempSubdirectory("thidua-fuzz-").FullName;
        Gen.Select(Gen.Int[0, Corpus.Count - 1], Gen.Int[0, 3], Gen.Int)
            .Sample((file, damage, seed) =>
            {
                var random = new Random(seed);
                var text = Damage(File.ReadAllText(Corpus[file]), damage, random);
                var path = Path.Combine(folder, $"{seed & 0x7fffffff}.json");
                File.WriteAllText(path, text);
                var result = CliHarness.RunInProcessAsync("validate", path).GetAwaiter().GetResult();
                return result.ExitCode is 0 or 2
                    && (result.Error.Contains("file(s) valid.", StringComparison.Ordinal) || result.Error.Contains("problem(s) in 1 file(s).", StringComparison.Ordinal));
            }, iter: 1000, threads: 1);
    }

    private static string Damage(string text, int kind, Random random)
    {
        switch (kind)
        {
            case 0: // cut the text somewhere
                return text[..random.Next(text.Length)];
            case 1: // splice a stray character in
                var at = random.Next(text.Length);
                const string stray = "{}[]\",:0aé\\";
                return text[..at] + stray[random.Next(stray.Length)] + text[at..];
            default: // damage the JSON tree: 1 to 5 nodes removed or replaced
                var root = JsonNode.Parse(text)!;
                for (var i = random.Next(1, 6); i > 0; i--) DamageNode(root, random, kind == 2);
                return root.ToJsonString();
        }
    }

    private static void DamageNode(JsonNode root, Random random, bool remove)
    {
        var nodes = new List<JsonNode>();
        var stack = new Stack<JsonNode>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            nodes.Add(node);
            foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] })
                if (child is not null) stack.Push(child);
        }

        var target = nodes[random.Next(nodes.Count)];
        if (target.Parent is JsonObject parent)
        {
            var key = parent.First(p => ReferenceEquals(p.Value, target)).Key;
            if (remove) parent.Remove(key);
            else parent[key] = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        }
        else if (target.Parent is JsonArray array)
        {
            var index = array.IndexOf(target);
            if (remove) array.RemoveAt(index);
            else array[index] = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        }
    }
}
