using System.Reflection;
using System.Text.RegularExpressions;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Fixtures;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Engine;

/// <summary>
/// Promises every detector keeps, checked for all of them at once: no state that changes (one
/// instance serves every file on every thread), the file kinds its YAML names, and messages whose
/// placeholders are all filled.
/// </summary>
public sealed partial class DetectorContractTests
{
    private static readonly Dictionary<FileKind, string> KindNames = new()
    {
        [FileKind.CSharp] = "csharp",
        [FileKind.AppSettings] = "appsettings",
        [FileKind.EnvFile] = "env",
        [FileKind.LaunchSettings] = "launchsettings",
        [FileKind.ComposeFile] = "compose",
    };

    [Fact]
    public void Detectors_and_collectors_hold_no_state_that_changes()
    {
        var set = DetectorSet.Default;
        var types = set.All.Cast<object>().Concat(set.CSharpCollectors).Concat(set.DocumentCollectors).Select(o => o.GetType()).Distinct();
        var mutable = types
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => (Type: t, Field: f)))
            .Where(x => !x.Field.IsInitOnly)
            .Select(x => $"{x.Type.Name}.{x.Field.Name}")
            .ToList();
        Assert.True(mutable.Count == 0, "fields that can change after construction: " + string.Join(", ", mutable));
    }

    [Fact]
    public void Each_rule_applies_to_the_file_kinds_its_detector_reads()
    {
        var catalogue = RuleCatalogue.Default;
        foreach (var detector in DetectorSet.Default.All)
        {
            var kinds = detector switch
            {
                ICSharpDetector => ["csharp"],
                IDocumentDetector document => document.FileKinds.Select(k => KindNames[k]).ToList(),
                _ => [],
            };
            foreach (var id in detector.RuleIds)
            {
                Assert.True(catalogue.TryGet(id, out var rule), $"{detector.GetType().Name} reports {id}, which has no YAML");
                Assert.True(rule!.AppliesTo.Order().SequenceEqual(kinds.Order()), $"{id}: appliesTo [{string.Join(", ", rule.AppliesTo)}] but {detector.GetType().Name} reads [{string.Join(", ", kinds)}]");
            }
        }
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in FixtureCase.All().Where(f => f.IsPositive))
        {
            data.Add(fixture.Id);
        }

        return data;
    }

    // A placeholder the rule declares ({key}, {setting}) left in a message or hover would ship as is.
    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_placeholder_of_a_finding_s_message_and_hover_is_filled(string id)
    {
        var fixture = FixtureCase.Load(id);
        using var workspace = new TempWorkspace();
        fixture.Materialise(workspace.Root);
        var run = CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [workspace.Root], Logger.None);
        Assert.NotEmpty(run.Findings);
        foreach (var finding in run.Findings)
        {
            var declared = Placeholder().Matches(finding.Rule.MessageTemplate + finding.Rule.HoverMarkdown).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            var left = declared.Where(p => finding.Message.Contains(p, StringComparison.Ordinal) || finding.HoverMarkdown.Contains(p, StringComparison.Ordinal)).ToList();
            Assert.True(left.Count == 0, $"{finding.RuleId} at {finding.Path}: unfilled {string.Join(", ", left)} in \"{finding.Message}\"");
        }
    }

    [Fact]
    public void The_sample_s_messages_are_all_filled()
    {
        var run = CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [Path.Combine(RepoPaths.Samples, "VibeShop")], Logger.None);
        foreach (var finding in run.Findings)
        {
            foreach (Match placeholder in Placeholder().Matches(finding.Rule.MessageTemplate))
            {
                Assert.DoesNotContain(placeholder.Value, finding.Message, StringComparison.Ordinal);
            }
        }
    }

    [GeneratedRegex(@"\{[a-zA-Z][a-zA-Z0-9]*\}")]
    private static partial Regex Placeholder();
}
