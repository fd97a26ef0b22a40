using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// Records the shape of every class, record and interface: bases, properties, constructor
/// dependencies, and the EF Core attributes on them (<c>[Key]</c>, <c>[Index]</c>,
/// <c>[Timestamp]</c>, <c>[ConcurrencyCheck]</c>, <c>[Keyless]</c>). Which types are contexts,
/// entities or configuration classes is the model's decision, made from every file.
/// </summary>
internal sealed class EfTypeCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> CollectionTypes = new(StringComparer.Ordinal)
    {
        "List", "IList", "ICollection", "IEnumerable", "HashSet", "ISet", "IReadOnlyCollection", "IReadOnlyList", "Collection",
        "ObservableCollection", "IReadOnlySet", "SortedSet",
    };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ClassDeclaration, SyntaxKind.RecordDeclaration, SyntaxKind.InterfaceDeclaration];

    // Entities are plain classes with settable properties: a settable `Id` is what nearly all of
    // them share, and what request and response records (`{ get; init; }`) do not; others derive
    // from a base entity. Contexts, configuration classes and the services that take a context name
    // it (AppDbContext). Every other file is neither parsed nor walked for this collector.
    private static readonly string[] Words =
    [
        "DbContext", "DataContext", "DbSet", "Id { get; set; }", "Id {get;set;}", "Id { get; private set; }", "Id { get; protected set; }",
        "Id { get; internal set; }", "Id { get; init; }", "BaseEntity", "AuditableEntity", ": Entity", "IEntity", "EntityBase", "[Key", "[Index", "[PrimaryKey",
        "Timestamp", "ConcurrencyCheck", "IdentityUser", "EntityTypeConfiguration",
    ];

    private static readonly SearchValues<string> WordSearch = SearchValues.Create(Words, StringComparison.Ordinal);

    public IReadOnlyCollection<string>? RequiredWords => Words;

    public IReadOnlyCollection<string>? Anchors => Words;

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var type = (TypeDeclarationSyntax)node;
        if (type.Modifiers.Any(SyntaxKind.StaticKeyword) || !OwnWords(type, context))
        {
            return;
        }

        var name = type.Identifier.ValueText;
        var bases = type.BaseList?.Types
            .Select(b => new EfTypeRef(CSharpFileModel.SimpleName(b.Type) ?? b.Type.ToString(), CSharpFileModel.FirstTypeArgument(b.Type)))
            .ToEquatableArray() ?? EquatableArray<EfTypeRef>.Empty;
        var properties = new List<EfProperty>();
        var constructorTypes = new List<string>();
        if (type.ParameterList is { } primary)
        {
            foreach (var parameter in primary.Parameters)
            {
                if (parameter.Type is not null)
                {
                    constructorTypes.Add(CSharpFileModel.SimpleName(parameter.Type)!);
                    if (type is RecordDeclarationSyntax)
                    {
                        properties.Add(Property(parameter.Identifier.ValueText, parameter.Type, EfPropertyFlags.None));
                    }
                }
            }
        }

        foreach (var member in type.Members)
        {
            switch (member)
            {
                case PropertyDeclarationSyntax property when !property.Modifiers.Any(SyntaxKind.StaticKeyword):
                    properties.Add(Property(property.Identifier.ValueText, property.Type, FlagsOf(property)));
                    PropertyAttributes(property, name, context);
                    break;
                case ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword):
                    constructorTypes.AddRange(constructor.ParameterList.Parameters.Where(p => p.Type is not null).Select(p => CSharpFileModel.SimpleName(p.Type)!));
                    break;
            }
        }

        TypeAttributes(type, name, context);
        if (properties.Count == 0 && bases.Count == 0 && constructorTypes.Count == 0)
        {
            return;
        }

        var kind = type switch
        {
            InterfaceDeclarationSyntax => EfTypeKind.Interface,
            RecordDeclarationSyntax => EfTypeKind.Record,
            _ => EfTypeKind.Class,
        };
        context.Facts.Add(new EfTypeFact(
            name,
            kind,
            context.Path,
            context.RangeOf(type.Identifier.Span),
            bases,
            properties.ToEquatableArray(),
            constructorTypes.Distinct(StringComparer.Ordinal).ToEquatableArray()));
    }

    // A walked file hands over every type; only those with one of the words count, as when anchored.
    private static bool OwnWords(TypeDeclarationSyntax type, CSharpContext context) =>
        TextSearch.ContainsAny(context.Text, type.Span, WordSearch);

    private static EfProperty Property(string name, TypeSyntax type, EfPropertyFlags flags)
    {
        var simple = type switch
        {
            ArrayTypeSyntax array => CSharpFileModel.SimpleName(array.ElementType) + "[]",
            NullableTypeSyntax { ElementType: ArrayTypeSyntax array } => CSharpFileModel.SimpleName(array.ElementType) + "[]",
            _ => CSharpFileModel.SimpleName(type) ?? type.ToString(),
        };
        var element = type switch
        {
            ArrayTypeSyntax array => CSharpFileModel.SimpleName(array.ElementType),
            NullableTypeSyntax { ElementType: ArrayTypeSyntax array } => CSharpFileModel.SimpleName(array.ElementType),
            _ => CSharpFileModel.FirstTypeArgument(type),
        };
        if (simple is "DbSet" or "IDbSet")
        {
            flags |= EfPropertyFlags.DbSet;
        }
        else if (element is not null && (CollectionTypes.Contains(simple) || simple.EndsWith("[]", StringComparison.Ordinal)))
        {
            flags |= EfPropertyFlags.Collection;
        }

        return new EfProperty(name, simple, element, flags);
    }

    private static EfPropertyFlags FlagsOf(PropertyDeclarationSyntax property)
    {
        var flags = EfPropertyFlags.None;
        if (property.Modifiers.Any(SyntaxKind.VirtualKeyword) || property.Modifiers.Any(SyntaxKind.OverrideKeyword))
        {
            flags |= EfPropertyFlags.Virtual;
        }

        foreach (var attribute in CSharpFileModel.AttributesOf(property))
        {
            flags |= CSharpFileModel.AttributeName(attribute) switch
            {
                "Key" => EfPropertyFlags.Key,
                "NotMapped" => EfPropertyFlags.NotMapped,
                _ => EfPropertyFlags.None,
            };
        }

        // Only a getter with a body and no setter: computed, not a column.
        if (property.ExpressionBody is not null ||
            (property.AccessorList is { } accessors && accessors.Accessors.All(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)) &&
             accessors.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null)))
        {
            flags |= EfPropertyFlags.NotMapped;
        }

        return flags;
    }

    // [Timestamp], [ConcurrencyCheck] on a property: configuration of the entity that declares it.
    private static void PropertyAttributes(PropertyDeclarationSyntax property, string entity, CSharpContext context)
    {
        foreach (var attribute in CSharpFileModel.AttributesOf(property))
        {
            var kind = CSharpFileModel.AttributeName(attribute) switch
            {
                "Timestamp" => EfConfigKind.RowVersion,
                "ConcurrencyCheck" => EfConfigKind.ConcurrencyToken,
                _ => (EfConfigKind?)null,
            };
            if (kind is { } found)
            {
                context.Facts.Add(new EfConfigFact(entity, found, new[] { property.Identifier.ValueText }, entity, EfConfigSource.Attribute, context.Path, context.RangeOf(attribute.Span)));
            }
        }
    }

    // [Index(nameof(Email), IsUnique = true)], [PrimaryKey(nameof(A), nameof(B))], [Keyless] on the class.
    private static void TypeAttributes(TypeDeclarationSyntax type, string entity, CSharpContext context)
    {
        foreach (var attribute in CSharpFileModel.AttributesOf(type))
        {
            var name = CSharpFileModel.AttributeName(attribute);
            if (name is not ("Index" or "PrimaryKey" or "Keyless"))
            {
                continue;
            }

            var arguments = attribute.ArgumentList?.Arguments ?? default;
            var properties = arguments.Where(a => a.NameEquals is null && a.NameColon is null)
                .Select(a => EfSyntax.NameOf(a.Expression)).OfType<string>().ToEquatableArray();
            var unique = arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == "IsUnique" && a.Expression.IsBooleanLiteral(true));
            var kind = name switch
            {
                "PrimaryKey" => EfConfigKind.Key,
                "Keyless" => EfConfigKind.Keyless,
                _ => unique ? EfConfigKind.UniqueIndex : EfConfigKind.Index,
            };
            context.Facts.Add(new EfConfigFact(entity, kind, properties, entity, EfConfigSource.Attribute, context.Path, context.RangeOf(attribute.Span)));
        }
    }
}
