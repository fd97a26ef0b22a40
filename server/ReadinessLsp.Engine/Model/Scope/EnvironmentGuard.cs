using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.Scope;

/// <summary>
/// Answers "does this code only run in Development?" for every rule that flags debug behaviour.
/// Users have complained loudly about tools that miss real guards, so this recognises the shapes
/// people write: <c>if (env.IsDevelopment())</c>, <c>if (!env.IsProduction())</c>, a stored bool
/// (<c>var isDev = env.IsDevelopment(); if (isDev)</c>), the <c>else</c> of a production check, an
/// early <c>return</c> when not in development, a ternary, and Startup's <c>ConfigureDevelopment</c>.
/// </summary>
internal static class EnvironmentGuard
{
    private const int MaxStoredBoolDepth = 3;

    // Real guards nest a few levels; a condition nested deeper (generated or hostile code) is not
    // read, which keeps the recursion below off the stack's limit.
    private const int MaxConditionNesting = 64;

    // A scope's local variables by name, first declaration only: built once per scope, so a file
    // with thousands of flags in its conditions is not searched once per flag.
    private static readonly ConditionalWeakTable<SyntaxNode, Dictionary<string, VariableDeclaratorSyntax>> FirstLocals = new();

    private enum Scope
    {
        Unknown,
        DevelopmentOnly,
        NotDevelopment,
    }

    public static bool IsDevelopmentOnly(SyntaxNode node)
    {
        SyntaxNode child = node;
        for (var parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IfStatementSyntax ifStatement when child == ifStatement.Statement:
                    if (Classify(ifStatement.Condition, 0) == Scope.DevelopmentOnly)
                    {
                        return true;
                    }

                    break;
                case ElseClauseSyntax { Parent: IfStatementSyntax owner }:
                    if (Classify(owner.Condition, 0) == Scope.NotDevelopment)
                    {
                        return true;
                    }

                    break;
                case ConditionalExpressionSyntax conditional:
                    var scope = Classify(conditional.Condition, 0);
                    if ((child == conditional.WhenTrue && scope == Scope.DevelopmentOnly) ||
                        (child == conditional.WhenFalse && scope == Scope.NotDevelopment))
                    {
                        return true;
                    }

                    break;
                case BlockSyntax block when child is StatementSyntax statement:
                    if (EarlyExitBefore(block.Statements, statement))
                    {
                        return true;
                    }

                    break;
                case CompilationUnitSyntax unit when child is GlobalStatementSyntax global:
                    if (EarlyExitBefore(unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement), global.Statement))
                    {
                        return true;
                    }

                    break;
                case BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    if (IsDevelopmentConventionMethod(parent))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// The expression to test the environment with where <paramref name="node"/> is, for fixes:
    /// <c>env</c> when a parameter of a host-environment type is in scope, otherwise
    /// <c>app.Environment</c> when <c>app</c> is the built <c>WebApplication</c>. Null when neither is known.
    /// </summary>
    public static string? EnvironmentExpression(SyntaxNode node, ExpressionSyntax? appReceiver, CSharpFileModel file)
    {
        foreach (var method in node.AncestorsAndSelf().OfType<BaseMethodDeclarationSyntax>())
        {
            var parameter = method.ParameterList.Parameters.FirstOrDefault(p => IsEnvironmentType(p.Type));
            if (parameter is not null)
            {
                return parameter.Identifier.ValueText;
            }
        }

        if (appReceiver is IdentifierNameSyntax app && file.AppNames.Contains(app.Identifier.ValueText))
        {
            return $"{app.Identifier.ValueText}.Environment";
        }

        return null;
    }

    private static bool IsEnvironmentType(TypeSyntax? type) =>
        CSharpFileModel.SimpleName(type) is "IWebHostEnvironment" or "IHostEnvironment" or "IHostingEnvironment" or "IWebHostingEnvironment";

    private static bool IsDevelopmentConventionMethod(SyntaxNode method)
    {
        var name = method switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            LocalFunctionStatementSyntax f => f.Identifier.ValueText,
            _ => string.Empty,
        };

        // ASP.NET Core's Startup convention: Configure{Environment} runs only in that environment.
        return name is "ConfigureDevelopment" or "ConfigureDevelopmentServices";
    }

    // `if (!env.IsDevelopment()) return;` earlier in the same block means what follows runs only in development.
    private static bool EarlyExitBefore(IEnumerable<StatementSyntax> statements, StatementSyntax target)
    {
        foreach (var statement in statements)
        {
            if (statement == target)
            {
                return false;
            }

            if (statement is IfStatementSyntax { Else: null } check &&
                ExitsUnconditionally(check.Statement) &&
                Classify(check.Condition, 0) == Scope.NotDevelopment)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ExitsUnconditionally(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax block => block.Statements.LastOrDefault() is ReturnStatementSyntax or ThrowStatementSyntax,
        _ => false,
    };

    private static Scope Classify(ExpressionSyntax condition, int depth, int nesting = 0) => nesting > MaxConditionNesting ? Scope.Unknown : condition switch
    {
        ParenthesizedExpressionSyntax p => Classify(p.Expression, depth, nesting + 1),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not => Invert(Classify(not.Operand, depth, nesting + 1)),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and => Both(Classify(and.Left, depth, nesting + 1), Classify(and.Right, depth, nesting + 1), either: true),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or => Both(Classify(or.Left, depth, nesting + 1), Classify(or.Right, depth, nesting + 1), either: false),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } equality => ClassifyEquality(equality, depth, nesting + 1),
        InvocationExpressionSyntax call => ClassifyCall(call),
        IdentifierNameSyntax or MemberAccessExpressionSyntax => ClassifyStoredBool(condition, depth),
        _ => Scope.Unknown,
    };

    private static Scope ClassifyCall(InvocationExpressionSyntax call) => call.MethodName() switch
    {
        "IsDevelopment" => Scope.DevelopmentOnly,
        "IsProduction" or "IsStaging" => Scope.NotDevelopment,
        "IsEnvironment" => ClassifyEnvironmentName(call.ArgumentList.Arguments.FirstOrDefault()?.Expression),
        _ => Scope.Unknown,
    };

    private static Scope ClassifyEquality(BinaryExpressionSyntax equality, int depth, int nesting)
    {
        var negate = equality.IsKind(SyntaxKind.NotEqualsExpression);
        Scope scope;
        if (equality.Right.IsBooleanLiteral(true) || equality.Right.IsBooleanLiteral(false))
        {
            // `IsDevelopment() == false` reads as a negation.
            scope = Classify(equality.Left, depth, nesting);
            negate ^= equality.Right.IsBooleanLiteral(false);
        }
        else if (equality.Left.ToString().EndsWith("EnvironmentName", StringComparison.Ordinal))
        {
            scope = ClassifyEnvironmentName(equality.Right);
        }
        else if (equality.Right.ToString().EndsWith("EnvironmentName", StringComparison.Ordinal))
        {
            scope = ClassifyEnvironmentName(equality.Left);
        }
        else
        {
            return Scope.Unknown;
        }

        return negate ? Invert(scope) : scope;
    }

    // The same reading of names as appsettings overlays and launch profiles: "Local" or "Docker"
    // is the author's machine, "Staging" is a server like Production, a name that says neither
    // ("Blue") guards nothing we can vouch for.
    private static Scope ClassifyEnvironmentName(ExpressionSyntax? name)
    {
        var value = name?.StringLiteralValue() ?? (name as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText;
        return string.IsNullOrEmpty(value) ? Scope.Unknown : EnvironmentNames.Classify(value) switch
        {
            EnvironmentKind.Development => Scope.DevelopmentOnly,
            EnvironmentKind.Production or EnvironmentKind.Staging => Scope.NotDevelopment,
            _ => Scope.Unknown,
        };
    }

    // `isDev`, `_isDevelopment`, `Env.IsDev`: a stored flag. Follow a local's initializer when there
    // is one; otherwise trust the name, since a flag called isDevelopment that means anything else
    // would surprise its own authors too.
    private static Scope ClassifyStoredBool(ExpressionSyntax expression, int depth)
    {
        var name = expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : ((IdentifierNameSyntax)expression).Identifier.ValueText;
        if (depth < MaxStoredBoolDepth && expression is IdentifierNameSyntax && FindLocalInitializer(expression, name) is { } initializer)
        {
            var scope = Classify(initializer, depth + 1);
            if (scope != Scope.Unknown)
            {
                return scope;
            }
        }

        var lower = name.ToLowerInvariant();
        if (lower.Contains("isdev", StringComparison.Ordinal) || lower.Contains("development", StringComparison.Ordinal) || lower is "dev" or "_dev")
        {
            return Scope.DevelopmentOnly;
        }

        return lower.Contains("isprod", StringComparison.Ordinal) || lower.Contains("production", StringComparison.Ordinal) ? Scope.NotDevelopment : Scope.Unknown;
    }

    private static ExpressionSyntax? FindLocalInitializer(SyntaxNode from, string name)
    {
        var scope = from.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax or AnonymousFunctionExpressionSyntax);
        if (scope is null || !FirstLocals.GetValue(scope, IndexLocals).TryGetValue(name, out var declarator))
        {
            return null;
        }

        // Later declarations of the name start later still: only the first can come before the use.
        return declarator.SpanStart < from.SpanStart ? declarator.Initializer?.Value : null;
    }

    private static Dictionary<string, VariableDeclaratorSyntax> IndexLocals(SyntaxNode scope)
    {
        var first = new Dictionary<string, VariableDeclaratorSyntax>(StringComparer.Ordinal);
        foreach (var declarator in scope.Descendants(n => n is not TypeDeclarationSyntax).OfType<VariableDeclaratorSyntax>())
        {
            first.TryAdd(declarator.Identifier.ValueText, declarator);
        }

        return first;
    }

    private static Scope Invert(Scope scope) => scope switch
    {
        Scope.DevelopmentOnly => Scope.NotDevelopment,
        Scope.NotDevelopment => Scope.DevelopmentOnly,
        _ => Scope.Unknown,
    };

    // For `a && b` one side suffices; for `a || b` both sides must agree.
    private static Scope Both(Scope left, Scope right, bool either)
    {
        if (either)
        {
            return left != Scope.Unknown ? left : right;
        }

        return left == right ? left : Scope.Unknown;
    }
}
