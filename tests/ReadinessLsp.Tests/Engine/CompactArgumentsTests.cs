using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Tests.Engine;

/// <summary>A detection's arguments kept compact read as the dictionary they came from.</summary>
public sealed class CompactArgumentsTests
{
    [Fact]
    public void Compact_arguments_keep_the_order_and_the_lookups_of_the_dictionary()
    {
        var given = new Dictionary<string, string> { ["kind"] = "password", ["masked"] = "hu****42", ["name"] = "SmtpPassword" };
        var compact = CompactArguments.Of(given);

        Assert.IsType<CompactArguments>(compact);
        Assert.Equal(given.ToList(), compact.ToList());
        Assert.Equal("hu****42", compact["masked"]);
        Assert.Equal("SmtpPassword", compact.GetValueOrDefault("name"));
        Assert.False(compact.ContainsKey("Name")); // ordinal, as the dictionaries detectors build
        Assert.Equal("fallback", compact.GetValueOrDefault("how", "fallback"));
        Assert.Throws<KeyNotFoundException>(() => compact["missing"]);
        Assert.Equal(["kind", "masked", "name"], compact.Keys);
        Assert.Same(compact, CompactArguments.Of(compact));
    }

    [Fact]
    public void Empty_and_large_argument_sets_are_kept_as_given()
    {
        var empty = new Dictionary<string, string>();
        var large = Enumerable.Range(0, 40).ToDictionary(i => $"k{i}", i => $"v{i}");

        Assert.Same(empty, CompactArguments.Of(empty));
        Assert.Same(large, CompactArguments.Of(large));
    }
}
