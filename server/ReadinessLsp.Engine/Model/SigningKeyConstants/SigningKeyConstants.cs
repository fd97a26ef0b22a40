using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.SigningKeyConstants;

/// <summary>A constant or static member passed to <c>new SymmetricSecurityKey(...)</c>, by "Type.Member" (<c>AuthorizationConstants.JWT_SECRET_KEY</c>).</summary>
internal sealed record SigningKeyConstant(string Name);

/// <summary>
/// Records the members of other types that tokens are signed with:
/// <c>new SymmetricSecurityKey(Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY))</c>, directly or through a local.
/// A secret written in one file and used as a signing key in another is the key however it reads.
/// </summary>
internal sealed class SigningKeyConstantCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["SymmetricSecurityKey"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var creation = (BaseObjectCreationExpressionSyntax)node;
        if (creation.ArgumentList is not { Arguments: [var argument, ..] } || !IsKeyCreation(creation))
        {
            return;
        }

        foreach (var name in Members(argument.Expression).Distinct(StringComparer.Ordinal))
        {
            context.Facts.Add(new SigningKeyConstant(name));
        }
    }

    private static IEnumerable<string> Members(ExpressionSyntax expression, bool followLocals = true)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                // `Constants.JwtKey`, not `Encoding.UTF8` nor a call such as `Encoding.UTF8.GetBytes`.
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax type, Name: IdentifierNameSyntax member } access
                    when access.Parent is not InvocationExpressionSyntax && access.Parent is not MemberAccessExpressionSyntax && char.IsUpper(type.Identifier.ValueText[0]):
                    yield return type.Identifier.ValueText + "." + member.Identifier.ValueText;
                    break;
                case IdentifierNameSyntax local when followLocals && local.Parent is not MemberAccessExpressionSyntax && LocalInitializers.Of(local) is { } initializer:
                    foreach (var name in Members(initializer, followLocals: false))
                    {
                        yield return name;
                    }

                    break;
            }
        }
    }

    private static bool IsKeyCreation(BaseObjectCreationExpressionSyntax creation) => creation switch
    {
        ObjectCreationExpressionSyntax explicitNew => CSharpFileModel.SimpleName(explicitNew.Type) == "SymmetricSecurityKey",
        _ => creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }
            && CSharpFileModel.SimpleName(declaration.Type) == "SymmetricSecurityKey",
    };
}

/// <summary>Every "Type.Member" the workspace signs tokens with.</summary>
internal sealed class SigningKeyConstantIndex : IWorkspaceModel<SigningKeyConstantIndex>, IEquatable<SigningKeyConstantIndex>
{
    private readonly HashSet<string> _names;

    private SigningKeyConstantIndex(HashSet<string> names) => _names = names;

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(SigningKeyConstant)];

    public static SigningKeyConstantIndex Build(WorkspaceModels models) =>
        new(new HashSet<string>(models.All<SigningKeyConstant>().Select(c => c.Name), StringComparer.Ordinal));

    public bool IsSigningKey(string typeAndMember) => _names.Contains(typeAndMember);

    public bool Equals(SigningKeyConstantIndex? other) => other is not null && _names.SetEquals(other._names);

    public override bool Equals(object? obj) => Equals(obj as SigningKeyConstantIndex);

    public override int GetHashCode() => _names.Count;
}
