using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Config.Env;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// Recognises configuration reads in syntax alone: <c>Configuration["A:B"]</c>,
/// <c>GetConnectionString("Db")</c>, <c>GetSection("Jwt")</c>, <c>GetValue&lt;T&gt;("k")</c>,
/// <c>BindConfiguration("X")</c>, <c>Environment.GetEnvironmentVariable("X")</c>, and whether the
/// code supplies a fallback (<c>??</c>, a default argument, a null check on the result).
/// Shared by the fact collector (for hovers) and the missing-setting rule, so both agree.
/// </summary>
internal static class ConfigReadFinder
{
    public static readonly IReadOnlyCollection<SyntaxKind> NodeKinds = [SyntaxKind.ElementAccessExpression, SyntaxKind.InvocationExpression];

    /// <summary>
    /// A file with none of these (compared ignoring case) has no read this finder recognises: an
    /// indexer read needs a name containing "config" or "cfg", or a GetSection receiver; the
    /// calls are named. The engine skips such files.
    /// </summary>
    public static readonly IReadOnlyCollection<string> RequiredWords =
        ["config", "cfg", "GetConnectionString", "GetSection", "GetRequiredSection", "GetValue", "GetEnvironmentVariable", "Bind"];

    public static ConfigReadSite? Find(SyntaxNode node) => node switch
    {
        ElementAccessExpressionSyntax access => FromIndexer(access),
        InvocationExpressionSyntax call => FromInvocation(call),
        _ => null,
    };

    private static ConfigReadSite? FromIndexer(ElementAccessExpressionSyntax access)
    {
        if (access.ArgumentList.Arguments.Count != 1 || access.ArgumentList.Arguments[0].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
        {
            return null;
        }

        string key;
        if (SectionPrefix(access.Expression) is { } prefix)
        {
            key = prefix + ":" + literal.Token.ValueText;
        }
        else if (IsConfigurationName(access.Expression))
        {
            key = literal.Token.ValueText;
        }
        else
        {
            return null;
        }

        return Site(key, literal, ConfigReadKind.Value, HasFallback(access));
    }

    private static ConfigReadSite? FromInvocation(InvocationExpressionSyntax call)
    {
        var (name, receiver, generic) = call.Expression switch
        {
            MemberAccessExpressionSyntax m => (m.Name.Identifier.ValueText, m.Expression, m.Name is GenericNameSyntax),
            GenericNameSyntax g => (g.Identifier.ValueText, null, true),
            IdentifierNameSyntax i => (i.Identifier.ValueText, null, false),
            _ => (string.Empty, null, false),
        };

        // Cheap name test first: this runs for every call in the workspace.
        if (name is not ("GetConnectionString" or "GetSection" or "GetRequiredSection" or "GetValue" or "BindConfiguration" or "GetEnvironmentVariable" or "Bind"))
        {
            return null;
        }

        var args = call.ArgumentList.Arguments;
        if (args.Count == 0 || args[0].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal || args[0].NameColon is not null)
        {
            return null;
        }

        var text = literal.Token.ValueText;
        var prefix = receiver is null ? null : SectionPrefix(receiver);
        string Scoped(string key) => prefix is null ? key : prefix + ":" + key;
        switch (name)
        {
            case "GetConnectionString" when args.Count == 1:
                return Site(Scoped("ConnectionStrings:" + text), literal, ConfigReadKind.Value, HasFallback(call));
            case "GetSection" or "GetRequiredSection" when args.Count == 1:
                // A section read further (["B"], GetValue, GetSection) is reported by the outer read.
                if (call.Parent is ElementAccessExpressionSyntax || call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetValue" or "GetSection" or "GetRequiredSection" or "GetConnectionString" or "Value" or "Exists" or "GetChildren" } ||
                    call.Parent is ConditionalAccessExpressionSyntax)
                {
                    return null;
                }

                return Site(Scoped(text), literal, ConfigReadKind.Section, HasFallback(call));
            case "GetValue" when generic || prefix is not null || (receiver is not null && IsConfigurationName(receiver)):
                return Site(Scoped(text), literal, ConfigReadKind.Value, args.Count > 1 || HasFallback(call));
            case "BindConfiguration" when args.Count >= 1:
                return Site(text, literal, ConfigReadKind.Section, HasDefault: false);
            case "Bind" when args.Count == 2 && receiver is not null && IsConfigurationName(receiver):
                return Site(Scoped(text), literal, ConfigReadKind.Section, HasDefault: false);
            case "GetEnvironmentVariable" when args.Count == 1 && receiver is IdentifierNameSyntax { Identifier.ValueText: "Environment" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Environment" }:
                return Site(EnvNames.ToConfigKey(text), literal, ConfigReadKind.EnvironmentVariable, HasFallback(call));
            default:
                return null;
        }
    }

    private static ConfigReadSite? Site(string key, LiteralExpressionSyntax literal, ConfigReadKind kind, bool HasDefault) =>
        key.Length == 0 || key.Contains('{') ? null : new ConfigReadSite(key, literal.Span, kind, HasDefault);

    /// <summary>"A" for <c>config.GetSection("A")</c>, nested sections joined: the prefix of keys read from it.</summary>
    private static string? SectionPrefix(ExpressionSyntax expression)
    {
        if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetSection" or "GetRequiredSection" } member } call &&
            call.ArgumentList.Arguments.Count == 1 &&
            call.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
        {
            var outer = SectionPrefix(member.Expression);
            return outer is null ? literal.Token.ValueText : outer + ":" + literal.Token.ValueText;
        }

        return null;
    }

    /// <summary><c>Configuration</c>, <c>_config</c>, <c>builder.Configuration</c>, <c>configuration</c>: names of IConfiguration.</summary>
    private static bool IsConfigurationName(ExpressionSyntax expression)
    {
        var name = expression switch
        {
            IdentifierNameSyntax i => i.Identifier.ValueText,
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
            _ => null,
        };
        return name is not null && (name.Contains("config", StringComparison.OrdinalIgnoreCase) || name is "Config" or "cfg" or "_cfg");
    }

    /// <summary>
    /// Whether the code copes with a missing value: <c>?? "x"</c>, <c>is { } v</c>, a null or
    /// IsNullOrEmpty check on the result or on the local it is stored in.
    /// </summary>
    private static bool HasFallback(ExpressionSyntax read)
    {
        SyntaxNode current = read;
        while (current.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } or CastExpressionSyntax)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == current:
                // "?? throw" is a fail-fast, not a default: the setting is still needed in production.
                return coalesce.Right is not ThrowExpressionSyntax;
            case IsPatternExpressionSyntax:
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression }:
            case ConditionalAccessExpressionSyntax:
                return true;
            case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax check } when IsNullCheckCall(check):
                return true;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                return LocalIsNullChecked(declarator);
            default:
                return false;
        }
    }

    private static bool IsNullCheckCall(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace" or "ThrowIfNull" };

    private static bool LocalIsNullChecked(VariableDeclaratorSyntax declarator)
    {
        var name = declarator.Identifier.ValueText;
        var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<CompilationUnitSyntax>();
        if (scope is null)
        {
            return false;
        }

        foreach (var use in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (use.Identifier.ValueText != name || use.SpanStart < declarator.Span.End)
            {
                continue;
            }

            var parent = use.Parent;
            if (parent is IsPatternExpressionSyntax ||
                parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression or (int)SyntaxKind.CoalesceExpression } ||
                parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax check } && IsNullCheckCall(check))
            {
                return true;
            }
        }

        return false;
    }
}
