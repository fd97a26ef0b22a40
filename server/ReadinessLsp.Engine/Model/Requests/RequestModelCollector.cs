using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Requests;

/// <summary>
/// Records the request models a file declares (<see cref="ModelTypeFact"/>) and FluentValidation
/// validators (<see cref="ValidatorFact"/>); <see cref="RangeCheckCollector"/> adds the range
/// checks on amounts and quantities (<see cref="RangeChecks"/>). A file is read for this alone when it names a validation attribute,
/// a validator or a secret, or declares or compares an amount (<c>Quantity { get; set; }</c>,
/// <c>Amount &lt;= 0</c>: the bare words are in most files of a shop); a model nobody parsed is
/// treated as unknown, not as unchecked.
/// </summary>
internal sealed class RequestModelCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> ValidationAttributes =
    [
        "Required", "Range", "StringLength", "MaxLength", "MinLength", "Length", "EmailAddress", "Phone", "Url", "RegularExpression", "Compare",
        "CreditCard", "AllowedValues", "DeniedValues", "Base64String", "Positive", "NotEmpty", "NotNull",
    ];

    private static readonly HashSet<string> RangeAttributes = ["Range", "Positive", "PositiveNumber", "NonNegative", "MinValue", "GreaterThan"];

    private static readonly HashSet<string> NumericTypes = ["int", "long", "short", "decimal", "double", "float", "uint", "ulong", "Int32", "Int64", "Decimal", "Double", "Single"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ClassDeclaration, SyntaxKind.RecordDeclaration];

    public static IReadOnlyCollection<string> Words { get; } =
    [
        .. SensitiveNames.Words, "[Required", "[Range", "[StringLength", "[MaxLength", "[MinLength",
        "[EmailAddress", "[RegularExpression", "IValidatableObject", "AbstractValidator", "IdentityUser", .. AmountNames.DeclarationWords,
    ];

    public IReadOnlyCollection<string>? RequiredWords => Words;

    public void Collect(SyntaxNode node, CSharpContext context) => CollectType((TypeDeclarationSyntax)node, context);

    private void CollectType(TypeDeclarationSyntax type, CSharpContext context)
    {
        if (type.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return;
        }

        var bases = type.BaseList?.Types.Select(b => b.Type).ToList() ?? [];
        foreach (var validated in bases.Where(b => CSharpFileModel.SimpleName(b) is "AbstractValidator" or "Validator" or "IValidator"))
        {
            if (CSharpFileModel.FirstTypeArgument(validated) is { } model)
            {
                context.Facts.Add(new ValidatorFact(model));
            }
        }

        var properties = new List<ModelProperty>();
        if (type is RecordDeclarationSyntax { ParameterList: { } positional })
        {
            properties.AddRange(positional.Parameters.Where(p => p.Type is not null).Select(p => Property(p.Identifier.ValueText, p.Type!, p.AttributeLists)));
        }

        foreach (var property in type.Members.OfType<PropertyDeclarationSyntax>())
        {
            if (!property.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                properties.Add(Property(property.Identifier.ValueText, property.Type, property.AttributeLists));
            }
        }

        // Only what the rules ask about: validation, amounts, secrets. Any other type is as good as unknown.
        var baseNames = bases.Select(b => CSharpFileModel.SimpleName(b) ?? b.ToString()).ToEquatableArray();
        if (properties.Any(p => p.Validated || (p.Numeric && AmountNames.IsAmount(p.Name)) || SensitiveNames.KindOf(p.Name) is not null) ||
            baseNames.Any(b => b is "IValidatableObject" || b.StartsWith("IdentityUser", StringComparison.Ordinal)))
        {
            context.Facts.Add(new ModelTypeFact(
                type.Identifier.ValueText,
                type is RecordDeclarationSyntax,
                baseNames.Contains("IValidatableObject"),
                baseNames,
                properties.ToEquatableArray()));
        }
    }

    private static ModelProperty Property(string name, TypeSyntax type, SyntaxList<AttributeListSyntax> attributeLists)
    {
        bool validated = false, ranged = false;
        foreach (var list in attributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var attributeName = CSharpFileModel.AttributeName(attribute);
                validated |= ValidationAttributes.Contains(attributeName) || attributeName.EndsWith("Validation", StringComparison.Ordinal);
                ranged |= RangeAttributes.Contains(attributeName);
            }
        }

        var typeName = CSharpFileModel.SimpleName(type is NullableTypeSyntax nullable ? nullable.ElementType : type) ?? string.Empty;
        return new ModelProperty(name, NumericTypes.Contains(typeName), validated, ranged);
    }
}
