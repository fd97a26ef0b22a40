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

    [Fact]
    public void Every_rule_has_exactly_one_detector_and_every_detector_a_rule()
    {
        var detectors = DetectorSet.Default.All.GroupBy(d => d.RuleId).ToDictionary(g => g.Key, g => g.Count());
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
