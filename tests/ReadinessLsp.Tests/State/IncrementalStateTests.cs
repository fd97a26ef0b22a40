using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.State;

/// <summary>
/// The cost of a change follows the change: equal text gives equal facts, a change that moves a
/// fact without changing it re-resolves only its own file, and a change that alters a model
/// re-resolves the files that read it.
/// </summary>
public sealed class IncrementalStateTests
{
    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    [Fact]
    public void Analysing_the_same_text_twice_gives_equal_facts_for_every_collector()
    {
        var sample = Path.Combine(RepoPaths.Samples, "VibeShop");
        var loader = new DocumentLoader(DocumentLoader.DefaultMaxFileBytes, Logger.None);
        var files = new FileLister([], Logger.None).Scan(sample).ToList();
        var types = new HashSet<Type>();
        foreach (var file in files)
        {
            var first = Engine.Analyze(loader.Load(file.Path).Document!).Facts;
            var second = Engine.Analyze(loader.Load(file.Path).Document!).Facts;
            Assert.True(first.SameAs(second), $"facts of {file.Path} differ between two analyses of the same text");
            types.UnionWith(first.Types);
        }

        // The sample exercises the collectors whose facts hold collections and spans.
        Assert.Contains(typeof(ReadinessLsp.Engine.Model.AppConfig.ConfigRead), types);
        Assert.Contains(typeof(ReadinessLsp.Engine.Model.Projects.ProjectFact), types);
        Assert.Contains(typeof(ReadinessLsp.Engine.Model.Scope.CallSites), types);
        Assert.Contains(typeof(ReadinessLsp.Engine.Model.Data.EfTypeFact), types);
        Assert.Contains(typeof(ReadinessLsp.Engine.Model.Data.EfConfigFact), types);
        Assert.Contains(typeof(ReadinessLsp.Engine.Model.Data.DataAccessMethod), types);
    }

    [Fact]
    public void A_blank_line_above_a_configuration_read_re_resolves_only_that_file()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", "{ \"Mail\": { \"From\": \"shop@example.com\" } }");
        workspace.Write("Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar key = builder.Configuration[\"Stripe:ApiKey\"];\n");
        workspace.Write("Services/Mailer.cs", "class Mailer(IConfiguration config) { string Key => config[\"Mail:Password\"]; }\n");
        var state = Load(workspace.Root);
        Assert.Equal(2, state.AllFindings.Count(f => f.RuleId == "RDY2150"));

        var program = PathNormalizer.Normalize(Path.Combine(workspace.Root, "Program.cs"));
        var moved = Engine.Analyze(SourceDocument.FromText(program, "var builder = WebApplication.CreateBuilder(args);\n\nvar key = builder.Configuration[\"Stripe:ApiKey\"];\n"));
        var change = state.With([moved], []);

        Assert.Equal([program], change.Affected);
        Assert.Empty(change.ChangedModels);
        Assert.Equal(2, change.State.FindingsOf(program)[0].Range.Start.Line);
    }

    [Fact]
    public void Typing_in_a_file_keeps_the_models_built_from_its_unchanged_position_free_facts()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\nif (app.Environment.IsDevelopment()) { Seeder.SeedDatabase(app); }\napp.Run();\n");
        workspace.Write("Seeder.cs", "static class Seeder { public static void SeedDatabase(WebApplication app) { } }\n");
        const string Controller = "[ApiController] public class OrdersController(AppDb db) : ControllerBase { [HttpGet] public async Task<IActionResult> Get() { var orders = await db.Orders.Take(20).ToListAsync(); BODY return Ok(orders); } }\n";
        workspace.Write("OrdersController.cs", Controller.Replace("BODY", ""));
        var state = Load(workspace.Root);
        var before = state.Models.Get<DevelopmentOnlyMethods>();
        Assert.True(before.Contains("Seeder.SeedDatabase"));
        var controller = PathNormalizer.Normalize(Path.Combine(workspace.Root, "OrdersController.cs"));
        Assert.True(state.File(controller)!.Facts.Has(typeof(CallSites)));

        // A character typed inside a method: the file's call sites are the same, and carry no position.
        var typed = state.With([Engine.Analyze(SourceDocument.FromText(controller, Controller.Replace("BODY", "/* x */")))], []).State;
        Assert.Same(before, typed.Models.Get<DevelopmentOnlyMethods>());
        Assert.Same(state.Models.All<CallSites>(), typed.Models.All<CallSites>());

        // A new unguarded call changes them: rebuilt, and the method now runs in production.
        var called = typed.With([Engine.Analyze(SourceDocument.FromText(controller, Controller.Replace("BODY", "Seeder.SeedDatabase(null);")))], []).State;
        Assert.NotSame(before, called.Models.Get<DevelopmentOnlyMethods>());
        Assert.NotSame(typed.Models.All<CallSites>(), called.Models.All<CallSites>());
        Assert.False(called.Models.Get<DevelopmentOnlyMethods>().Contains("Seeder.SeedDatabase"));
    }

    [Fact]
    public void Facts_that_carry_a_span_are_known_from_those_that_do_not()
    {
        Assert.False(FactPositions.Carry(typeof(CallSites)));
        Assert.True(FactPositions.Carry(typeof(ReadinessLsp.Engine.Model.AppConfig.ConfigRead)));
        Assert.True(FactPositions.Carry(typeof(EquatableArray<ReadinessLsp.Engine.Model.AppConfig.ConfigRead>)));
    }

    [Fact]
    public void Defining_a_key_re_resolves_the_files_that_read_configuration_and_no_others()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", "{ \"Mail\": { \"From\": \"shop@example.com\" } }");
        workspace.Write("Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar key = builder.Configuration[\"Stripe:ApiKey\"];\napp.UseDeveloperExceptionPage();\n");
        workspace.Write("Startup.cs", "class Startup { void Configure(IApplicationBuilder app) { app.UseDeveloperExceptionPage(); } }\n");
        var state = Load(workspace.Root);

        var settings = PathNormalizer.Normalize(Path.Combine(workspace.Root, "appsettings.json"));
        var defined = Engine.Analyze(SourceDocument.FromText(settings, "{ \"Mail\": { \"From\": \"shop@example.com\" }, \"Stripe\": { \"ApiKey\": \"\" } }"));
        var change = state.With([defined], []);

        var program = PathNormalizer.Normalize(Path.Combine(workspace.Root, "Program.cs"));
        Assert.Equal(new[] { settings, program }.Order(), change.Affected.Order());
        Assert.DoesNotContain(change.State.FindingsOf(program), f => f.RuleId == "RDY2150");
    }

    // A model rebuilt after an edit that changed nothing still has readers: the next real change must reach them.
    [Fact]
    public void A_change_after_an_edit_that_changed_nothing_still_reaches_the_files_that_read_the_model()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", "{ \"Logging\": {} }");
        workspace.Write("Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar key = builder.Configuration[\"Stripe:ApiKey\"];\n");
        var state = Load(workspace.Root);
        var settings = PathNormalizer.Normalize(Path.Combine(workspace.Root, "appsettings.json"));
        var program = PathNormalizer.Normalize(Path.Combine(workspace.Root, "Program.cs"));

        state = state.With([Engine.Analyze(SourceDocument.FromText(settings, "{ \"Logging\": {}  }"))], []).State;
        var change = state.With([Engine.Analyze(SourceDocument.FromText(settings, "{ \"Logging\": {}, \"Stripe\": { \"ApiKey\": \"\" } }"))], []);

        Assert.Contains(program, change.Affected);
        Assert.Empty(change.State.FindingsOf(program));
    }

    [Fact]
    public void Facts_that_hold_collections_compare_by_value()
    {
        var a = new ReadinessLsp.Engine.Model.Scope.CallSites(new[] { "A", "B" }.ToEquatableArray(), EquatableArray<string>.Empty);
        var b = new ReadinessLsp.Engine.Model.Scope.CallSites(new[] { "A", "B" }.ToEquatableArray(), EquatableArray<string>.Empty);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    private static WorkspaceState Load(string root) =>
        CheckRun.Check(Engine, [new WorkspaceRoot(PathNormalizer.Normalize(root), ReadinessSettings.Default)], Logger.None).State;
}
