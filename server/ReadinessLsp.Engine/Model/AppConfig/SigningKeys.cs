using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// A configuration value the app signs or validates its tokens with: the key read inside
/// <c>new SymmetricSecurityKey(...)</c> (<see cref="Key"/>), or a member of an options class bound from
/// configuration elsewhere (<see cref="OptionsType"/>.<see cref="Member"/>, e.g. <c>JwtSettings.Secret</c>).
/// </summary>
internal sealed record SigningKeySource(string? Key, string? OptionsType, string? Member);

/// <summary>
/// An options class bound to a configuration section: <c>Configure&lt;JwtSettings&gt;(config.GetSection("Jwt"))</c>.
/// The section is a literal (<see cref="Section"/>) or a string constant named
/// "Type.Name" (<see cref="SectionConstant"/>, <c>GetSection(JwtSettings.SectionName)</c>).
/// </summary>
internal sealed record OptionsBinding(string Type, string? Section, string? SectionConstant = null);

/// <summary>A string constant (<c>public const string SectionName = "Jwt";</c> in <c>JwtSettings</c>), by "Type.Name".</summary>
internal sealed record StringConstant(string Name, string Value);

/// <summary>Records the string constants of a type, so settings bound through a constant section name can be followed.</summary>
internal sealed class StringConstantCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.FieldDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["const string"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var field = (FieldDeclarationSyntax)node;
        if (!field.Modifiers.Any(SyntaxKind.ConstKeyword) || field.Parent is not TypeDeclarationSyntax type)
        {
            return;
        }

        foreach (var variable in field.Declaration.Variables)
        {
            if (variable.Initializer?.Value.StringLiteralValue() is { } value)
            {
                context.Facts.Add(new StringConstant(type.Identifier.ValueText + "." + variable.Identifier.ValueText, value));
            }
        }
    }
}

/// <summary>
/// Records where signing keys come from and which sections options classes are bound to, for
/// <see cref="SigningKeyIndex"/>: <c>new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config["Jwt:Key"]))</c>,
/// the same through a local (<c>var key = config["Jwt:Key"]</c>), through options
/// (<c>_jwt.Value.Secret</c>), or through a section read into an object (<c>config.GetSection("Jwt").Get&lt;JwtOptions&gt;()</c>).
/// </summary>
internal sealed class SigningKeyCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> OptionsWrappers = ["IOptions", "IOptionsMonitor", "IOptionsSnapshot"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ObjectCreationExpression, SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["SymmetricSecurityKey", "Configure", "AddOptions", "GetSection", "GetRequiredSection", "Bind"];

    // The key's creation, and the binding calls (a section's Get<T>() is found from its GetSection).
    public IReadOnlyCollection<string>? Anchors { get; } = ["SymmetricSecurityKey", "Configure", "AddOptions", "GetSection", "GetRequiredSection", "Bind"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        switch (node)
        {
            case ObjectCreationExpressionSyntax { ArgumentList.Arguments: [var argument, ..] } creation when CSharpFileModel.SimpleName(creation.Type) == "SymmetricSecurityKey":
                foreach (var source in Sources(argument.Expression, context, followLocals: true).Distinct())
                {
                    context.Facts.Add(source);
                }

                break;
            case InvocationExpressionSyntax call when Binding(call, context) is { } binding:
                context.Facts.Add(binding);
                break;
        }
    }

    private static IEnumerable<SigningKeySource> Sources(ExpressionSyntax expression, CSharpContext context, bool followLocals)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case ElementAccessExpressionSyntax or InvocationExpressionSyntax when ConfigReadFinder.Find(node) is { Kind: ConfigReadKind.Value or ConfigReadKind.EnvironmentVariable } read:
                    yield return new SigningKeySource(read.Key, null, null);
                    break;

                // A value read from an object (jwt.Key, _options.Value.Secret), not a method called on it nor the start of a longer access.
                case MemberAccessExpressionSyntax access when !IsCalled(access) && access.Parent is not (MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or ConditionalAccessExpressionSyntax):
                    if (OptionsMember(access, context) is { } source)
                    {
                        yield return source;
                    }

                    break;

                // A local holding the key or its bytes: var key = Encoding.UTF8.GetBytes(config["Jwt:Key"]).
                case IdentifierNameSyntax local when followLocals && local.Parent is not MemberAccessExpressionSyntax && LocalInitializers.Of(local) is { } initializer:
                    foreach (var throughLocal in Sources(initializer, context, followLocals: false))
                    {
                        yield return throughLocal;
                    }

                    break;
            }
        }
    }

    private static bool IsCalled(MemberAccessExpressionSyntax access) => access.Parent is InvocationExpressionSyntax call && call.Expression == access;

    // jwt.Key where jwt = config.GetSection("Jwt").Get<T>(); _options.Value.Secret where _options is IOptions<JwtSettings>; settings.Secret where settings is JwtSettings.
    private static SigningKeySource? OptionsMember(MemberAccessExpressionSyntax access, CSharpContext context)
    {
        var member = access.Name.Identifier.ValueText;
        var receiver = access.Expression;
        if (receiver is IdentifierNameSyntax local && LocalInitializers.Of(local) is InvocationExpressionSyntax initializer && SectionRead(initializer) is { } section)
        {
            return new SigningKeySource(section + ":" + member, null, null);
        }

        if (receiver is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" or "CurrentValue" } unwrapped)
        {
            receiver = unwrapped.Expression;
        }

        var type = context.Model.DeclaredTypeOf(receiver);
        var name = CSharpFileModel.SimpleName(type);
        if (name is not null && OptionsWrappers.Contains(name))
        {
            name = CSharpFileModel.FirstTypeArgument(type);
        }

        return name is null || name is "string" or "String" or "IConfiguration" or "IConfigurationSection" or "Encoding" ? null : new SigningKeySource(null, name, member);
    }

    // config.GetSection("Jwt").Get<T>() / .Get<T>()! : the section the object is read from.
    private static string? SectionRead(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Get", Expression: InvocationExpressionSyntax section } &&
        ConfigReadFinder.Find(section) is { Kind: ConfigReadKind.Section } read
            ? read.Key
            : null;

    private static OptionsBinding? Binding(InvocationExpressionSyntax call, CSharpContext context)
    {
        switch (call.Expression)
        {
            // services.Configure<JwtSettings>(config.GetSection("Jwt"))
            case MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Configure", TypeArgumentList.Arguments: [var type] } }:
                return call.ArgumentList.Arguments.Select(a => SectionOf(a.Expression)).FirstOrDefault(s => s is not null) is { } configured
                    ? new OptionsBinding(CSharpFileModel.SimpleName(type)!, configured.Literal, configured.Constant)
                    : null;

            // services.AddOptions<JwtSettings>().Bind(config.GetSection("Jwt")) / .BindConfiguration("Jwt")
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Bind" or "BindConfiguration" } when
                call.FluentChain().FirstOrDefault(c => c.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "AddOptions" } }) is
                { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: [var bound] } } }:
                var section = call.MethodName() == "BindConfiguration"
                    ? call.ArgumentList.Arguments.FirstOrDefault() is { } name ? Name(name.Expression) : null
                    : call.ArgumentList.Arguments.Select(a => SectionOf(a.Expression)).FirstOrDefault(s => s is not null);
                return section is null ? null : new OptionsBinding(CSharpFileModel.SimpleName(bound)!, section.Value.Literal, section.Value.Constant);

            // config.Bind("Jwt", settings) / config.Bind(JwtSettings.SectionName, settings)
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Bind" } when call.ArgumentList.Arguments is [var key, var target] &&
                Name(key.Expression) is { } bindKey && CSharpFileModel.SimpleName(context.Model.DeclaredTypeOf(target.Expression)) is { } targetType:
                return new OptionsBinding(targetType, bindKey.Literal, bindKey.Constant);

            // config.GetSection("Jwt").Get<JwtSettings>()
            case MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Get", TypeArgumentList.Arguments: [var read] }, Expression: var receiver } when SectionOf(receiver) is { } from:
                return new OptionsBinding(CSharpFileModel.SimpleName(read)!, from.Literal, from.Constant);
            default:
                return null;
        }
    }

    // config.GetSection("Jwt") or config.GetSection(JwtSettings.SectionName): the section, as a literal or a constant's name.
    private static (string? Literal, string? Constant)? SectionOf(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { ArgumentList.Arguments: [var argument] } call && call.MethodName() is "GetSection" or "GetRequiredSection"
            ? Name(argument.Expression)
            : null;

    // "Jwt", nameof(JwtSettings), JwtSettings.SectionName.
    private static (string? Literal, string? Constant)? Name(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => (literal.Token.ValueText, null),
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: [var named] } =>
            (named.Expression switch { MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText, IdentifierNameSyntax i => i.Identifier.ValueText, _ => null }, null),
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax type, Name: IdentifierNameSyntax member } => (null, type.Identifier.ValueText + "." + member.Identifier.ValueText),
        _ => null,
    };
}

/// <summary>
/// The configuration keys that hold the app's token signing key. A value under such a key is the key
/// itself, however it looks: a sentence that reads like a placeholder is still what every token is
/// signed with, and anyone who reads it can sign their own.
/// </summary>
internal sealed class SigningKeyIndex : IWorkspaceModel<SigningKeyIndex>, IEquatable<SigningKeyIndex>
{
    private readonly HashSet<string> _keys;

    private SigningKeyIndex(HashSet<string> keys) => _keys = keys;

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(SigningKeySource), typeof(OptionsBinding), typeof(StringConstant)];

    public static SigningKeyIndex Build(WorkspaceModels models)
    {
        var keys = new HashSet<string>(models.All<SigningKeySource>().Select(s => s.Key).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var members = models.All<SigningKeySource>().Where(s => s.OptionsType is not null).ToList();
        if (members.Count == 0)
        {
            return new SigningKeyIndex(keys);
        }

        var constants = models.All<StringConstant>().GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var bindings = models.All<OptionsBinding>().ToLookup(b => b.Type, StringComparer.Ordinal);
        foreach (var member in members)
        {
            foreach (var binding in bindings[member.OptionsType!])
            {
                var section = binding.Section ?? (binding.SectionConstant is { } constant ? constants.GetValueOrDefault(constant) : null);
                if (section is not null)
                {
                    keys.Add(section + ":" + member.Member);
                }
            }
        }

        return new SigningKeyIndex(keys);
    }

    public bool IsSigningKey(string configKey) => _keys.Contains(configKey);

    public bool Equals(SigningKeyIndex? other) => other is not null && _keys.SetEquals(other._keys);

    public override bool Equals(object? obj) => Equals(obj as SigningKeyIndex);

    public override int GetHashCode() => _keys.Count;
}
