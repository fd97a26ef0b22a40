using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.Projects;

/// <summary>
/// Start-up code that refuses to run in Production: <c>if (app.Environment.IsProduction()) throw
/// new InvalidOperationException("The seeder must not run in production");</c> in top-level
/// statements, <c>Main</c>, or a Startup class. The whole project is then development-only
/// (<see cref="ProjectIndex.ScopeOf"/>): a test-data tool or a local playground, not what ships.
/// Only a throw that is the whole guarded statement under a bare environment test counts;
/// <c>if (env.IsProduction() &amp;&amp; key is null) throw ...</c> is a check of production settings.
/// </summary>
internal sealed class ProductionRefusalCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> StartupMethods = new(StringComparer.Ordinal) { "Main", "ConfigureServices", "Configure" };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ThrowStatement];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["IsProduction", "IsDevelopment"];

    public IReadOnlyCollection<string>? Anchors { get; } = ["throw"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var thrown = (ThrowStatementSyntax)node;
        var guarded = thrown.Parent is BlockSyntax { Statements.Count: 1 } block ? block : (SyntaxNode)thrown;
        if (guarded.Parent is IfStatementSyntax { Else: null } test && test.Statement == guarded && TrueInProduction(test.Condition) && InStartup(test))
        {
            context.Facts.Add(new ProductionRefusal(context.Path));
        }
    }

    // `env.IsProduction()`, `!app.Environment.IsDevelopment()`, `IsDevelopment() == false`: true whenever the app runs in Production.
    private static bool TrueInProduction(ExpressionSyntax condition)
    {
        while (condition is ParenthesizedExpressionSyntax parenthesized)
        {
            condition = parenthesized.Expression;
        }

        return condition switch
        {
            InvocationExpressionSyntax call => call.MethodName() == "IsProduction",
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: InvocationExpressionSyntax call } => call.MethodName() == "IsDevelopment",
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression, Left: InvocationExpressionSyntax call, Right: var value } =>
                call.MethodName() == "IsDevelopment" && value.IsKind(SyntaxKind.FalseLiteralExpression),
            _ => false,
        };
    }

    private static bool InStartup(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is GlobalStatementSyntax or BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax) switch
        {
            GlobalStatementSyntax => true,
            MethodDeclarationSyntax method => StartupMethods.Contains(method.Identifier.ValueText),
            ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText == "Startup",
            _ => false,
        };
}

/// <summary>A file whose start-up code throws when the environment is Production.</summary>
internal sealed record ProductionRefusal(string Path);
