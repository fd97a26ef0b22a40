using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Rules.DataIntegrity;

/// <summary>
/// RDY3005: <c>Database.EnsureCreated()</c> on a production path: the schema is made once from the
/// model, outside migrations, so the next change to the model can never be applied to the
/// database that holds the users' data. Worse in a context's constructor, where it runs on every
/// request. Silent under a development guard, in tests (both decided by the engine's scope) and for
/// providers without migrations (in-memory, Cosmos), read from the EF model.
/// </summary>
internal sealed class EnsureCreatedDetector : ICSharpDetector, IDeferredResolver<EnsureCreatedDetector.Candidate>
{
    public string RuleId => "RDY3005";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["EnsureCreated"];

    public IReadOnlyCollection<string>? Anchors { get; } = EfSyntax.CallWords(["EnsureCreated", "EnsureCreatedAsync"]);

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var database } } call ||
            call.MethodName() is not ("EnsureCreated" or "EnsureCreatedAsync"))
        {
            return;
        }

        if (ResetsOrMigratesInstead(call))
        {
            return;
        }

        // db.Database.EnsureCreated(), or Database.EnsureCreated() inside the context itself.
        var owner = call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
        var constructor = call.Ancestors().OfType<ConstructorDeclarationSyntax>().FirstOrDefault() is not null;
        string? contextType = database switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Database", Expression: ThisExpressionSyntax or BaseExpressionSyntax } => owner,
            IdentifierNameSyntax { Identifier.ValueText: "Database" } => owner,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Database", Expression: var receiver } => CSharpFileModel.SimpleName(EfFile.Of(context).DeclaredTypeOf(receiver)),
            _ => null,
        };
        context.Defer(this, call.Span, new Candidate(contextType, constructor && contextType == owner), Placeholder);
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        var context = data.Context is not null && ef.IsContext(data.Context) ? data.Context : null;
        var providers = ef.Provider(context);
        if (providers.Count > 0 && providers.All(p => p is EfProvider.InMemory or EfProvider.Cosmos))
        {
            return null;
        }

        // In a constructor of a class that is not a context (a service), it still runs per instance.
        if (data.InConstructor && context is null)
        {
            return null;
        }

        var related = new List<RelatedLocation>();
        if (context is not null && ef.Declaration(context) is { } declared)
        {
            related.Add(new RelatedLocation(declared.Path, declared.Span, $"{context}: its schema is created from the model, outside migrations"));
        }

        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["where"] = data.InConstructor
                    ? $" It is in the constructor of {context}, so it also runs on every request that uses the context: one extra database round trip each time."
                    : string.Empty,
            },
            Related = related,
        };
    }

    // EnsureDeleted first: the reset of a throw-away database (tests, development seeding), never a
    // production start. Or the other branch of the `if` around it migrates: the app uses migrations
    // for its real provider and EnsureCreated for a local one (`if (db.Database.IsSqlite())`).
    private static bool ResetsOrMigratesInstead(InvocationExpressionSyntax call)
    {
        var body = EfSyntax.BodyOf(call);
        if (body is not null && OperationBody.Nodes(body).OfType<InvocationExpressionSyntax>()
            .Any(c => c.SpanStart < call.SpanStart && c.MethodName() is "EnsureDeleted" or "EnsureDeletedAsync"))
        {
            return true;
        }

        for (var node = (SyntaxNode)call; node.Parent is { } parent && parent != body; node = parent)
        {
            if (parent is IfStatementSyntax test)
            {
                var other = node == test.Statement ? (SyntaxNode?)test.Else : test.Statement;
                return other is not null && other.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() is "Migrate" or "MigrateAsync");
            }
        }

        return false;
    }

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    /// <summary>The context whose database is created (null when the code does not say), and whether the call is in its constructor.</summary>
    internal sealed record Candidate(string? Context, bool InConstructor);
}
