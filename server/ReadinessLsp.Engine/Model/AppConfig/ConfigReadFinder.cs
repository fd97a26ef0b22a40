using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

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
        ["config", "cfg", "GetConnectionString", "GetSection", "GetRequiredSection", "GetValue", "GetEnvironmentVariable", "Bind",
         "DbContext", "DataSource", "Redis", "RabbitMQ", "Kafka", "MongoDB", "AzureBlob", "ServiceBus"];

    /// <summary>
    /// Words around every read this finder recognises, written exactly: a string indexer (the
    /// receiver may be a local holding a section), and the calls by name.
    /// </summary>
    public static readonly IReadOnlyCollection<string> Anchors =
        ["[\"", "[@\"", "GetConnectionString", "GetSection", "GetRequiredSection", "GetValue", "Bind", "GetEnvironmentVariable",
         "DbContext", "DataSource", "Client", "AddRabbitMQ", "AddKafka", "AddRedis", "AddMongoDB", "AddAzure"];

    public static ConfigReadSite? Find(SyntaxNode node) => node switch
    {
        ElementAccessExpressionSyntax access => FromIndexer(access),
        InvocationExpressionSyntax call => FromInvocation(call),
        _ => null,
    };

    /// <summary>
    /// The JSON file an <c>AddJsonFile("path", ...)</c> call loads, as written, and whether it is optional;
    /// null for any other node.
    /// </summary>
    public static (string Path, bool Optional)? JsonFileLoad(SyntaxNode node)
    {
        if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddJsonFile" } } call ||
            call.ArgumentList.Arguments.Count == 0 || call.ArgumentList.Arguments[0].Expression.StringLiteralValue() is not { Length: > 0 } path)
        {
            return null;
        }

        var optional = call.ArgumentList.Arguments.Skip(1)
            .FirstOrDefault(a => a.NameColon is null ? a == call.ArgumentList.Arguments[1] : a.NameColon.Name.Identifier.ValueText == "optional")
            ?.Expression.IsBooleanLiteral(true) == true;
        return (path, optional);
    }

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

        return Site(key, literal, ConfigReadKind.Value, HasFallback(access), ConfigShape.Text, access);
    }

    private static ConfigReadSite? FromInvocation(InvocationExpressionSyntax call)
    {
        var (name, receiver, generic) = call.Expression switch
        {
            MemberAccessExpressionSyntax m => (m.Name.Identifier.ValueText, m.Expression, m.Name as GenericNameSyntax),
            GenericNameSyntax g => (g.Identifier.ValueText, null, g),
            IdentifierNameSyntax i => (i.Identifier.ValueText, null, null),
            _ => (string.Empty, null, null),
        };

        // Cheap name test first: this runs for every call in the workspace.
        if (name is not ("GetConnectionString" or "GetSection" or "GetRequiredSection" or "GetValue" or "BindConfiguration" or "GetEnvironmentVariable" or "Bind") &&
            !IsClientIntegration(name))
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
                return Site(Scoped("ConnectionStrings:" + text), literal, ConfigReadKind.Value, HasFallback(call), ConfigShape.Text, call);
            case "GetSection" or "GetRequiredSection" when args.Count == 1:
                // A section read further (["B"], GetValue, GetSection) is reported by the outer read.
                if (call.Parent is ElementAccessExpressionSyntax || call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetValue" or "GetSection" or "GetRequiredSection" or "GetConnectionString" } ||
                    call.Parent is ConditionalAccessExpressionSyntax)
                {
                    return null;
                }

                // Asking whether it exists, listing its children or reading its own value copes with absence.
                if (call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exists" or "GetChildren" or "Value" } probe)
                {
                    var kind = probe.Name.Identifier.ValueText == "Value" ? ConfigReadKind.Value : ConfigReadKind.Section;
                    var shape = probe.Name.Identifier.ValueText == "GetChildren" ? ConfigShape.List : kind == ConfigReadKind.Value ? ConfigShape.Text : ConfigShape.Object;
                    return Site(Scoped(text), literal, kind, HasDefault: true, shape, call);
                }

                return Site(Scoped(text), literal, ConfigReadKind.Section, HasFallback(call), SectionShape(call), call);
            case "GetValue" when generic is not null || prefix is not null || (receiver is not null && IsConfigurationName(receiver)):
                return Site(Scoped(text), literal, ConfigReadKind.Value, args.Count > 1 || HasFallback(call), ShapeOf(generic?.TypeArgumentList.Arguments.FirstOrDefault()), call);
            case "BindConfiguration" when args.Count >= 1:
                return Site(text, literal, ConfigReadKind.Section, HasDefault: false, ConfigShape.Object, call);
            case "Bind" when args.Count == 2 && receiver is not null && IsConfigurationName(receiver):
                return Site(Scoped(text), literal, ConfigReadKind.Section, HasDefault: false, ConfigShape.Object, call);
            case "GetEnvironmentVariable" when args.Count == 1 && receiver is IdentifierNameSyntax { Identifier.ValueText: "Environment" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Environment" }:
                return Site(EnvNames.ToConfigKey(text), literal, ConfigReadKind.EnvironmentVariable, HasFallback(call), ConfigShape.Text, call);
            case var _ when IsClientIntegration(name) && receiver is not null && args.Count >= 1:
                // builder.AddNpgsqlDbContext<T>("catalogdb"): an Aspire client reads ConnectionStrings:catalogdb, usually given by the app host.
                return Site("ConnectionStrings:" + text, literal, ConfigReadKind.Value, HasDefault: true, ConfigShape.Text, call);
            default:
                return null;
        }
    }

    // Aspire client integrations: AddSqlServerDbContext, AddNpgsqlDataSource, AddRedisClient, AddRabbitMQClient, ...
    private static bool IsClientIntegration(string name) =>
        name.StartsWith("Add", StringComparison.Ordinal) && name.Length > 3 &&
        (name.EndsWith("DbContext", StringComparison.Ordinal) && name != "AddDbContext" && name != "AddPooledDbContext" ||
         name.EndsWith("DataSource", StringComparison.Ordinal) || name.EndsWith("Client", StringComparison.Ordinal) && name.Contains("Redis", StringComparison.Ordinal) ||
         name is "AddRabbitMQClient" or "AddKafkaProducer" or "AddKafkaConsumer" or "AddRedisDistributedCache" or "AddRedisOutputCache" or "AddMongoDBClient" or "AddAzureBlobClient" or "AddAzureServiceBusClient");

    private static ConfigReadSite? Site(string key, LiteralExpressionSyntax literal, ConfigReadKind kind, bool HasDefault, ConfigShape shape, ExpressionSyntax read) =>
        key.Length == 0 || key.Contains('{')
            ? null
            : new ConfigReadSite(key, literal.Span, kind, HasDefault, shape, PreferredKeys(read), IsPresenceCheck(read), FailsFast(read));

    // `config["X"] != null`, `is null`, IsNullOrEmpty(config["X"]), GetSection("X").Exists(): whether the key is set, not what it says.
    private static bool IsPresenceCheck(ExpressionSyntax read)
    {
        var current = Unwrap(read);
        return current.Parent switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } compare =>
                (compare.Left == current ? compare.Right : compare.Left).IsKind(SyntaxKind.NullLiteralExpression),
            IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } or UnaryPatternSyntax { Pattern: ConstantPatternSyntax } } => true,
            ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax check } => check.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace" },
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exists" } => true,
            _ => false,
        };
    }

    // `config["X"] ?? throw ...` and GetRequiredSection("X"): a missing value stops the code right there, with the key's name.
    private static bool FailsFast(ExpressionSyntax read) =>
        Unwrap(read).Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } ||
        read is InvocationExpressionSyntax call && call.MethodName() == "GetRequiredSection";

    private static SyntaxNode Unwrap(SyntaxNode node)
    {
        while (node.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } or CastExpressionSyntax)
        {
            node = node.Parent;
        }

        return node;
    }

    // GetSection("X").Get<string[]>() reads a list; Get<Options>(), Bind, Configure<T>(...) an object.
    private static ConfigShape SectionShape(InvocationExpressionSyntax call) =>
        call.Parent is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Get", TypeArgumentList.Arguments: [var type] } }
            ? ShapeOf(type) is var shape && shape is ConfigShape.List or ConfigShape.Text ? shape : ConfigShape.Object
            : ConfigShape.Object;

    private static ConfigShape ShapeOf(TypeSyntax? type)
    {
        switch (type)
        {
            case null:
                return ConfigShape.Text;
            case NullableTypeSyntax nullable:
                return ShapeOf(nullable.ElementType);
            case ArrayTypeSyntax:
                return ConfigShape.List;
        }

        var name = CSharp.CSharpFileModel.SimpleName(type);
        return name switch
        {
            "string" or "String" => ConfigShape.Text,
            "int" or "long" or "short" or "byte" or "uint" or "ulong" or "ushort" or "double" or "float" or "decimal" or
            "Int32" or "Int64" or "Int16" or "Double" or "Single" or "Decimal" => ConfigShape.Number,
            "bool" or "Boolean" => ConfigShape.Boolean,
            "List" or "IList" or "IEnumerable" or "ICollection" or "IReadOnlyList" or "IReadOnlyCollection" or "HashSet" or "ISet" or "IReadOnlySet" => ConfigShape.List,
            "Dictionary" or "IDictionary" or "IReadOnlyDictionary" => ConfigShape.Object,
            _ => ConfigShape.Other,
        };
    }

    /// <summary>
    /// The keys read before this one in a <c>??</c> chain: in <c>a ?? (cond ? b : null) ?? c</c>, reading
    /// <c>c</c> prefers <c>a</c> and <c>b</c>. Only those reads decide whether this value is ever used.
    /// </summary>
    private static EquatableArray<string> PreferredKeys(ExpressionSyntax read)
    {
        List<string>? keys = null;
        SyntaxNode current = read;
        while (current.Parent is { } parent)
        {
            if (parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce && coalesce.Right == current)
            {
                foreach (var node in coalesce.Left.DescendantNodesAndSelf())
                {
                    if (node is ElementAccessExpressionSyntax or InvocationExpressionSyntax && Find(node) is { } earlier && earlier.Kind != ConfigReadKind.EnvironmentVariable)
                    {
                        (keys ??= []).Add(earlier.Key);
                    }
                }
            }
            else if (parent is not (ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax or ConditionalExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }) ||
                     parent is ConditionalExpressionSyntax conditional && conditional.Condition == current)
            {
                break;
            }

            current = parent;
        }

        return keys is null ? EquatableArray<string>.Empty : keys.ToEquatableArray();
    }

    private const int MaxSectionDepth = 32;

    /// <summary>"A" for <c>config.GetSection("A")</c>, nested sections joined: the prefix of keys read from it.</summary>
    private static string? SectionPrefix(ExpressionSyntax expression)
    {
        // Walked, not recursed, and given up past a depth no configuration has: a chain of
        // thousands of GetSection calls would otherwise cost time cubic in its length, and a local
        // initialised from itself (syntax alone allows it) would recurse until the stack ran out.
        var names = new List<string>();
        var current = expression;
        for (var step = 0; step < MaxSectionDepth; step++)
        {
            // var jwt = config.GetSection("Jwt"); ... jwt["Key"]
            if (current is IdentifierNameSyntax local && !IsConfigurationName(local) && LocalInitializers.Of(local) is InvocationExpressionSyntax initializer)
            {
                current = initializer;
            }

            if (current is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetSection" or "GetRequiredSection" } member } call ||
                call.ArgumentList.Arguments.Count != 1 ||
                call.ArgumentList.Arguments[0].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
            {
                names.Reverse();
                return names.Count == 0 ? null : string.Join(':', names);
            }

            names.Add(literal.Token.ValueText);
            current = member.Expression;
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

        foreach (var use in scope.Descendants().OfType<IdentifierNameSyntax>())
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
