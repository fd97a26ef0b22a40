namespace ReadinessLsp.Tests.Sample;

/// <summary>
/// <c>samples/VibeShop/expected-findings.txt</c>: what the tool must find in the sample app
/// (<c>[found]</c>), the risks the sample holds that no rule finds yet (<c>[not yet]</c>), the
/// correct code next to each risk that must stay silent (<c>[must stay silent]</c>), and rules the
/// sample does not show, with why (<c>[absent]</c>). One entry per line:
/// <c>RULE path where</c>, where "where" is the C# member (<c>OrdersController.Get</c>, or
/// <c>Program</c> for top-level statements) or the setting a configuration finding is about.
/// In <c>[not yet]</c> and <c>[must stay silent]</c> RULE may be a risk name or <c>*</c> (any rule);
/// text after <c>#</c> is a comment.
/// </summary>
internal sealed class AnswerKey
{
    public static readonly string[] Sections = ["found", "not yet", "must stay silent", "absent"];

    private AnswerKey(string[] lines, Dictionary<string, List<Entry>> sections)
    {
        Lines = lines;
        Entries = sections;
    }

    public string[] Lines { get; }

    public IReadOnlyDictionary<string, List<Entry>> Entries { get; }

    public IReadOnlyList<Entry> this[string section] => Entries.TryGetValue(section, out var list) ? list : [];

    public static AnswerKey Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var sections = Sections.ToDictionary(s => s, _ => new List<Entry>());
        string? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = line[1..^1];
                Assert.True(sections.ContainsKey(current), $"unknown section [{current}] in {path}");
                continue;
            }

            Assert.True(current is not null, $"entry before any section in {path}: {raw}");
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(parts.Length == 3, $"expected 'RULE path where' in {path}: {raw}");
            sections[current!].Add(new Entry(parts[0], parts[1], parts[2], raw.Contains('#') ? raw[(raw.IndexOf('#') + 1)..].Trim() : string.Empty));
        }

        return new AnswerKey(lines, sections);
    }

    /// <summary>The file with its [found] section replaced by <paramref name="found"/>, comments of kept entries preserved.</summary>
    public string WithFound(IEnumerable<Entry> found)
    {
        var comments = this["found"].GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Comment);
        var output = new List<string>();
        var skipping = false;
        foreach (var line in Lines)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                if (skipping)
                {
                    output.Add(string.Empty);
                }

                skipping = trimmed == "[found]";
                output.Add(line);
                if (skipping)
                {
                    output.AddRange(found.Select(e => comments.TryGetValue(e.Key, out var c) && c.Length > 0 ? $"{e.Key}  # {c}" : e.Key));
                }

                continue;
            }

            if (!skipping || (trimmed.StartsWith('#') && !output[^1].StartsWith("RDY", StringComparison.Ordinal)))
            {
                output.Add(line);
            }
        }

        return string.Join('\n', output).TrimEnd() + "\n";
    }

    internal sealed record Entry(string Rule, string Path, string Where, string Comment = "")
    {
        public string Key => $"{Rule} {Path} {Where}";

        public bool Matches(Entry actual) =>
            (Rule == "*" || Rule == actual.Rule) && Path == actual.Path && Where == actual.Where;
    }
}
