using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// Static calls a file makes by type name (<c>Dependencies.ConfigureServices(...)</c> as
/// "Dependencies.ConfigureServices"), split by whether they sit under a development guard. Method
/// names alone confuse <c>Dependencies.ConfigureServices</c> with <c>builder.ConfigureServices</c>;
/// with the type, a setting read in a helper only one app calls in development is known to be a
/// development setting for that app.
/// </summary>
internal sealed record QualifiedCallSites(EquatableArray<string> UnderDevelopmentGuard, EquatableArray<string> Elsewhere);

/// <summary>Records <see cref="QualifiedCallSites"/> from files parsed for other reasons (no required words of its own): from the walk, or from the text of a file nobody walked.</summary>
internal sealed class QualifiedCallSiteCollector : ICSharpFactCollector
{
    private static readonly SearchValues<string> GuardWords =
        SearchValues.Create(["IsDevelopment", "IsEnvironment", "EnvironmentName", "IsProduction", "IsStaging", "isDev"], StringComparison.OrdinalIgnoreCase);

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: SimpleNameSyntax method, Expression: var receiver } } ||
            TypeName(receiver) is not { } type)
        {
            return;
        }

        var calls = context.Local<Calls>(this);
        calls.MayHaveGuards ??= context.Document.ContainsAny(GuardWords);
        (calls.MayHaveGuards == true && EnvironmentGuard.IsDevelopmentOnly(node) ? calls.Guarded : calls.Elsewhere).Add(type + "." + method.Identifier.ValueText);
    }

    public void Complete(CSharpContext context)
    {
        var calls = context.Local<Calls>(this);
        if (!context.BodiesWalked)
        {
            Scope.CallSiteCollector.ReadUnwalked(context, (type, name) => { if (type is not null) calls.Elsewhere.Add(type + "." + name); }, node => Collect(node, context));
        }

        if (calls.Guarded.Count + calls.Elsewhere.Count > 0)
        {
            context.Facts.Add(new QualifiedCallSites(calls.Guarded.Order(StringComparer.Ordinal).ToEquatableArray(), calls.Elsewhere.Order(StringComparer.Ordinal).ToEquatableArray()));
        }
    }

    // A receiver that names a type: PascalCase (Dependencies, Infrastructure.Dependencies), not a local or a field.
    private static string? TypeName(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax { Identifier.ValueText: var name } when name.Length > 0 && char.IsUpper(name[0]) => name,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax } when name.Length > 0 && char.IsUpper(name[0]) => name,
        _ => null,
    };

    private sealed class Calls
    {

        public bool? MayHaveGuards { get; set; }

        public HashSet<string> Guarded { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Elsewhere { get; } = new(StringComparer.Ordinal);
    }
}
