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

    [Fact]
    public void A_name_read_in_many_files_is_one_string()
    {
        var names = new List<string>();
        CallNamesInText.Scan("a.SaveChangesAsync(); Repository.SaveChangesAsync();", (type, name) => names.Add(name));
        CallNamesInText.Scan(new string("b.SaveChangesAsync();".ToCharArray()), (type, name) => names.Add(name));

        Assert.Equal(3, names.Count);
        Assert.All(names, n => Assert.Same(names[0], n));
        Assert.Equal("SaveChangesAsync", names[0]);
        Assert.Same(NameStrings.Of("Find"), NameStrings.Of("FindAsync".AsSpan(0, 4)));
    }
}
