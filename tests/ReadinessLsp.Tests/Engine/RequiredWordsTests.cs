using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using Serilog.Core;

namespace ReadinessLsp.Tests.Engine;

/// <summary>The word prefilter: files without any rule's words skip parsing, and nothing a rule would report is missed.</summary>
public sealed class RequiredWordsTests
{
    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    [Fact]
    public void A_file_without_any_rule_word_is_not_parsed()
    {
        var document = SourceDocument.FromText("/w/OrdersController.cs", "public class OrdersController { void M() { var x = Load(); } }");
        Assert.False(DetectorSet.Default.MayApplyTo(document));
        Assert.Empty(Engine.Analyze(document).Detections);
    }

    [Theory]
    [InlineData("app.UseDeveloperExceptionPage();")]
    [InlineData("app.\\u0055seDeveloperExceptionPage();")]
    [InlineData("app.\\U00000055seDeveloperExceptionPage();")]
    [InlineData("app.@UseDeveloperExceptionPage();")]
    public void Every_spelling_of_a_flagged_call_is_still_analysed(string call)
    {
        var document = SourceDocument.FromText("/w/Program.cs", $"var app = WebApplication.CreateBuilder(args).Build();\n{call}\n");
        Assert.True(DetectorSet.Default.MayApplyTo(document));
        Assert.Single(Engine.Analyze(document).Detections);
    }

    // One detector without words makes every C# file of a workspace be parsed and walked again
    // (about 1.5x Roslyn's parse time instead of a fraction of it), and only a benchmark would notice.
    // A collector may declare none (an empty list): it then only reads files parsed for someone else.
    [Fact]
    public void Every_csharp_detector_and_collector_declares_its_words()
    {
        var missing = DetectorSet.Default.CSharpDetectors.Where(d => d.RequiredWords is not { Count: > 0 }).Select(d => d.GetType().Name)
            .Concat(DetectorSet.Default.CSharpCollectors.Where(c => c.RequiredWords is null).Select(c => c.GetType().Name))
            .ToList();
        Assert.True(missing.Count == 0, "declare RequiredWords on: " + string.Join(", ", missing));
    }
}
