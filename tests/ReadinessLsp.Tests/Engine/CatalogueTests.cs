using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Server.Cli;
using ReadinessLsp.Tests.Fixtures;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Engine;

/// <summary>The catalogue is data; these tests keep data, detectors, fixtures and the README in step.</summary>
public sealed class CatalogueTests
{
    private static readonly RuleCatalogue Catalogue = RuleCatalogue.Default;

    [Fact]
    public void Every_rule_file_in_the_repository_is_embedded_and_valid()
    {
        var files = Directory.GetFiles(RepoPaths.Rules, "*.yaml", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var rule = RuleCatalogue.Parse(Path.GetRelativePath(RepoPaths.Root, file), File.ReadAllText(file));
            Assert.True(Catalogue.TryGet(rule.Id, out _), $"{file} is not embedded in the engine");
        }

        Assert.Equal(files.Length, Catalogue.Rules.Count);
    }

    [Fact]
    public void Rule_files_live_in_the_folder_of_their_category()
    {
        foreach (var rule in Catalogue.Rules)
        {
            Assert.Equal($"rules/{rule.Category}/{rule.Id}.{rule.Slug}.yaml", rule.SourceFile);
        }
    }

    // rules/README.md: each category's block for new ids, and the ids that shipped before the blocks.
    private static readonly Dictionary<string, (int From, int To)[]> IdBlocks = new()
    {
        ["access-control"] = [(1004, 1099)],
        ["secrets"] = [(1101, 1199)],
        ["configuration"] = [(2004, 2099), (2151, 2199)],
        ["data-integrity"] = [(3001, 3099)],
        ["database-scale"] = [(3101, 3199)],
        ["input"] = [(4001, 4099)],
        ["resilience"] = [(5001, 5099)],
        ["observability"] = [(5101, 5199)],
    };

    private static readonly HashSet<string> ShippedIds =
    [
        "RDY1001", "RDY1002", "RDY1003", "RDY2001", "RDY2002", "RDY2003", "RDY2101", "RDY2102", "RDY2103", "RDY2104", "RDY2110",
        "RDY2111", "RDY2112", "RDY2113", "RDY2114", "RDY2120", "RDY2121", "RDY2122", "RDY2130", "RDY2140", "RDY2150",
    ];

    [Fact]
    public void New_rule_ids_sit_in_their_category_block()
    {
        var outside = Catalogue.Rules
            .Where(r => !ShippedIds.Contains(r.Id))
            .Where(r => !IdBlocks.TryGetValue(r.Category, out var blocks) || !blocks.Any(b => int.Parse(r.Id[3..], System.Globalization.CultureInfo.InvariantCulture) is var n && n >= b.From && n <= b.To))
            .Select(r => $"{r.Id} ({r.Category})")
            .ToList();
        Assert.True(outside.Count == 0, "ids outside their category's block in rules/README.md: " + string.Join(", ", outside));
        Assert.Equal(IdBlocks.Keys.Order(), RuleCategory.All.Order());
    }

    [Fact]
    public void Detectors_live_in_the_folder_of_their_rules_category()
    {
        var misplaced = DetectorSet.Default.All
            .Select(d => (Detector: d, Category: Catalogue.TryGet(d.RuleId, out var rule) ? rule.Category : null))
            .Where(x => x.Category is not null && x.Detector.GetType().Namespace != "ReadinessLsp.Engine.Rules." + Pascal(x.Category))
            .Select(x => $"{x.Detector.GetType().Name} ({x.Category})")
            .ToList();
        Assert.True(misplaced.Count == 0, "detectors outside Rules/<Category of their first rule>: " + string.Join(", ", misplaced));
    }

    private static string Pascal(string slug) => string.Concat(slug.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [Fact]
    public void Every_rule_has_exactly_one_detector_and_every_detector_a_rule()
    {
        var detectors = DetectorSet.Default.All.SelectMany(d => d.RuleIds).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var rule in Catalogue.Rules)
        {
            Assert.True(detectors.TryGetValue(rule.Id, out var count), $"{rule.Id} has no detector");
            Assert.True(count == 1, $"{rule.Id} has {count} detectors");
        }

        foreach (var id in detectors.Keys)
        {
            Assert.True(Catalogue.TryGet(id, out _), $"detector for {id} has no rule file");
        }
    }

    [Fact]
    public void Every_rule_has_positive_and_negative_fixtures()
    {
        var cases = FixtureCase.All().ToList();
        foreach (var rule in Catalogue.Rules)
        {
            var own = cases.Where(c => c.Rule == rule.Id).ToList();
            Assert.True(own.Any(c => c.IsPositive), $"{rule.Id} has no positive fixture under tests/fixtures/{rule.Id}/");
            Assert.True(own.Any(c => !c.IsPositive), $"{rule.Id} has no negative fixture under tests/fixtures/{rule.Id}/");
        }

        Assert.All(cases, c => Assert.True(Catalogue.TryGet(c.Rule, out _), $"fixture folder {c.Rule} names no rule"));
    }

    [Fact]
    public void Rules_with_a_fix_have_a_fixed_fixture()
    {
        var cases = FixtureCase.All().ToList();
        foreach (var rule in Catalogue.Rules.Where(r => r.Fix is not null))
        {
            Assert.True(cases.Any(c => c.Rule == rule.Id && c.Expected.Count > 0), $"{rule.Id} declares a fix but no fixture has a .fixed file");
        }
    }

    [Fact]
    public void Readme_rules_table_is_current()
    {
        var readme = File.ReadAllText(RepoPaths.Readme).Replace("\r\n", "\n", StringComparison.Ordinal);
        const string start = "<!-- rules-table:start -->\n";
        const string end = "<!-- rules-table:end -->";
        var from = readme.IndexOf(start, StringComparison.Ordinal);
        var to = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "README.md needs the rules table between rules-table markers");
        // When this fails after adding or changing a rule: scripts/update-rules-table.sh
        Assert.Equal(RulesCommand.Markdown(Catalogue), readme[(from + start.Length)..to]);
    }

    [Theory]
    [InlineData("id: RDY1234\n", "title")]
    [InlineData("id: RDY9999\ntitle: t\nseverity: critical\n", "severity")]
    [InlineData("id: RDY9999\ntitle: t\nseverity: error\ncategory: fun\n", "category")]
    [InlineData("id: RDY9999\ntitle: t\nseverity: error\ncategory: input\nappliesTo: [python]\n", "appliesTo")]
    [InlineData("id: RDY9999\ntitle: t\ncolour: red\n", "colour")]
    [InlineData("id: X1\n", "id")]
    public void An_invalid_rule_file_names_the_file_and_the_field(string yaml, string field)
    {
        var fileName = yaml.Contains("RDY1234", StringComparison.Ordinal) ? "rules/x/RDY1234.x.yaml" : "rules/x/RDY9999.x.yaml";
        var error = Assert.Throws<RuleCatalogueException>(() => RuleCatalogue.Parse(fileName, yaml));
        Assert.Equal(field, error.Field);
        Assert.StartsWith(fileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hover_text_starts_with_plain_words_not_code()
    {
        foreach (var rule in Catalogue.Rules)
        {
            Assert.StartsWith("**", rule.HoverMarkdown, StringComparison.Ordinal);
            Assert.DoesNotContain("`", rule.HoverMarkdown.Split('\n')[0], StringComparison.Ordinal);
        }
    }
}
