using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Fixtures;

/// <summary>
/// One fixture: <c>tests/fixtures/RULE/case/</c>, a small workspace whose files carry markers for
/// RULE. <c>dot.</c> at the start of a name becomes <c>.</c> when materialised (so fixture
/// <c>.gitignore</c> files never affect the repository); <c>X.fixed</c> is X after the rule's fixes.
/// <c>dot.git/index</c> lists the paths git tracks, one per line, and is materialised as a real
/// binary git index, so cases can say which files are already committed.
/// </summary>
internal sealed class FixtureCase
{
    public const string FixedSuffix = ".fixed";

    /// <summary>The git index of a fixture, written from its list of tracked paths.</summary>
    public const string GitIndex = ".git/index";

    private FixtureCase(string rule, string name, string folder)
    {
        Rule = rule;
        Name = name;
        Folder = folder;
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Materialised(Path.GetRelativePath(folder, file));
            if (relative.EndsWith(FixedSuffix, StringComparison.Ordinal))
            {
                Expected[relative[..^FixedSuffix.Length]] = File.ReadAllText(file);
            }
            else
            {
                Files[relative] = MarkedText.Parse(File.ReadAllText(file));
            }
        }
    }

    public string Rule { get; }

    public string Name { get; }

    public string Folder { get; }

    /// <summary>Source files by materialised relative path.</summary>
    public SortedDictionary<string, MarkedText> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Expected text after fixes, by materialised relative path.</summary>
    public SortedDictionary<string, string> Expected { get; } = new(StringComparer.Ordinal);

    public string Id => $"{Rule}/{Name}";

    public bool IsPositive => Files.Values.Any(f => f.Markers.Any(m => m.Rule == Rule));

    public static IEnumerable<FixtureCase> All() =>
        Directory.Exists(RepoPaths.Fixtures)
            ? Directory.GetDirectories(RepoPaths.Fixtures).Order(StringComparer.Ordinal)
                .SelectMany(rule => Directory.GetDirectories(rule).Order(StringComparer.Ordinal)
                    .Select(c => new FixtureCase(Path.GetFileName(rule), Path.GetFileName(c), c)))
            : [];

    public static FixtureCase Load(string id)
    {
        var parts = id.Split('/');
        return new FixtureCase(parts[0], parts[1], Path.Combine(RepoPaths.Fixtures, parts[0], parts[1]));
    }

    /// <summary>Writes the stripped files into <paramref name="root"/>.</summary>
    public void Materialise(string root)
    {
        foreach (var (relative, marked) in Files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (relative == GitIndex)
            {
                File.WriteAllBytes(path, GitIndexWriter.Write(marked.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            }
            else
            {
                File.WriteAllText(path, marked.Text);
            }
        }
    }

    private static string Materialised(string relative) =>
        string.Join('/', relative.Replace('\\', '/').Split('/').Select(part => part.StartsWith("dot.", StringComparison.Ordinal) ? part[3..] : part));
}
