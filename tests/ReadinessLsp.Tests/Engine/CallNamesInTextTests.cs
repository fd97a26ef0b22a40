using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Tests.Engine;

/// <summary>Calls read from text: what a call-site model sees in a file nobody walks.</summary>
public sealed class CallNamesInTextTests
{
    [Fact]
    public void Calls_are_found_and_declarations_constructions_comments_and_strings_are_not()
    {
        const string text = """
            public async Task<IActionResult> Create(int id) // Commented(x)
            {
                var user = await _users.FindAsync(id);
                Seed<User>(user);
                Dependencies.ConfigureServices(services);
                var list = items.Where(x => Check(x)).ToList();
                var other = new Widget(1);
                /* Hidden(y) */ var s = "Quoted(z)"; var v = @"Verbatim(""q"")";
                if (a < b) { return Ok(Map(user)); }
            }
            void Helper() { }
            string? Nullable() => null;
            """;
        var found = new List<string>();
        CallNamesInText.Scan(text, (type, name) => found.Add(type is null ? name : type + "." + name));

        Assert.Equal(["FindAsync", "Seed", "Dependencies.ConfigureServices", "Where", "Check", "ToList", "Ok", "Map"], found);
    }
}
