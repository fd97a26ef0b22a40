using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// One file's answers to the EF questions its rules and collectors ask, each computed once: the
/// LINQ chain behind a call (several rules look at the same query) and the declared type of a name
/// within a method (a method names <c>_db</c> a dozen times). Per file and analysis, never shared.
/// </summary>
internal sealed class EfFile
{
    private static readonly object Key = new();

    private readonly NodeMap<SyntaxNode, QueryChain?> _chains = [];
    private readonly Dictionary<(SyntaxNode? Scope, string Name), TypeSyntax?> _types = new(ScopedName.Instance);
    private CSharpFileModel? _model;

    public CSharpFileModel Model => _model!;

    public static EfFile Of(CSharpContext context)
    {
        var file = context.Local<EfFile>(Key);
        file._model ??= context.Model;
        return file;
    }

    /// <summary>For code that has a file model but no analysis context (a fix reading another file).</summary>
    public static EfFile For(CSharpFileModel model) => new() { _model = model };

    /// <summary>The declared type of <c>db</c>, <c>_db</c> or <c>this._db</c> where it is used (see <see cref="CSharpFileModel.DeclaredTypeOf"/>).</summary>
    public TypeSyntax? DeclaredTypeOf(ExpressionSyntax expression)
    {
        var name = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => "this." + member.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        // A name means one thing within a method: the same local, parameter or field.
        var scope = expression is IdentifierNameSyntax ? EfSyntax.BodyOf(expression) : expression.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (!_types.TryGetValue((scope, name), out var type))
        {
            _types[(scope, name)] = type = Model.DeclaredTypeOf(expression);
        }

        return type;
    }

    /// <summary>The query chain ending at <paramref name="expression"/> (see <see cref="EfSyntax.ChainOf"/>).</summary>
    public QueryChain? ChainOf(ExpressionSyntax expression)
    {
        if (!_chains.TryGetValue(expression, out var chain))
        {
            _chains[expression] = chain = EfSyntax.ChainOf(expression, this);
        }

        return chain;
    }

    /// <summary>A name within a scope; the scope by identity (see <see cref="NodeIdentity"/>).</summary>
    private sealed class ScopedName : IEqualityComparer<(SyntaxNode? Scope, string Name)>
    {
        public static readonly ScopedName Instance = new();

        public bool Equals((SyntaxNode? Scope, string Name) x, (SyntaxNode? Scope, string Name) y) =>
            ReferenceEquals(x.Scope, y.Scope) && string.Equals(x.Name, y.Name, StringComparison.Ordinal);

        public int GetHashCode((SyntaxNode? Scope, string Name) key) =>
            HashCode.Combine(key.Scope is null ? 0 : NodeIdentity.Instance.GetHashCode(key.Scope), key.Name);
    }
}
