using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>What a handler's signature and body say: where each parameter comes from, and whether it writes data or broadcasts.</summary>
internal static class HandlerSyntax
{
    private static readonly HashSet<string> SimpleTypes = new(StringComparer.Ordinal)
    {
        "int", "long", "short", "byte", "uint", "ulong", "ushort", "sbyte", "Guid", "string", "bool", "decimal", "double", "float",
        "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "char", "Int32", "Int64", "String", "Boolean", "Decimal",
        "Ulid", "Uri",
    };

    private static readonly HashSet<string> ServerTypes = new(StringComparer.Ordinal)
    {
        "CancellationToken", "HttpContext", "HttpRequest", "HttpResponse", "ClaimsPrincipal", "IServiceProvider", "ISender", "IMediator",
        "IPublisher", "IConfiguration", "IWebHostEnvironment", "IHostEnvironment", "LinkGenerator", "IAuthorizationService",
    };

    private static readonly string[] ServerTypeSuffixes =
    [
        "DbContext", "Context", "Service", "Services", "Repository", "Manager", "Logger", "Sender", "Provider", "Factory", "Client", "Options",
        "Mediator", "Bus", "Cache", "Accessor", "Handler", "Store", "Generator", "Hasher", "Validator", "Queries", "Query", "Helper",
    ];

    private static readonly HashSet<string> WriteCalls = new(StringComparer.Ordinal)
    {
        "SaveChanges", "SaveChangesAsync", "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync",
        "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync", "ExecuteSql", "ExecuteSqlAsync",
        "ExecuteNonQuery", "ExecuteNonQueryAsync", "AddToRoleAsync", "AddToRolesAsync", "RemoveFromRoleAsync", "RemoveFromRolesAsync",
        "ChangePasswordAsync", "ResetPasswordAsync", "SetLockoutEndDateAsync", "CommitAsync", "Commit",
    };

    private static readonly string[] WritePrefixes = ["Add", "Create", "Update", "Delete", "Remove", "Insert", "Save", "Upsert"];

    /// <summary>
    /// The parameters of a handler with where each comes from: an explicit <c>[From*]</c> attribute,
    /// a name the route declares, a simple type (query), a service-like type (the server), or a
    /// complex type (the body).
    /// </summary>
    public static EquatableArray<HandlerParameter> Parameters(ParameterListSyntax? list, IReadOnlyCollection<string> routeParameters)
    {
        if (list is null || list.Parameters.Count == 0)
        {
            return EquatableArray<HandlerParameter>.Empty;
        }

        var parameters = new HandlerParameter[list.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = Parameter(list.Parameters[i], routeParameters);
        }

        return new EquatableArray<HandlerParameter>(parameters);
    }

    public static HandlerParameter Parameter(ParameterSyntax parameter, IReadOnlyCollection<string> routeParameters)
    {
        var name = parameter.Identifier.ValueText;
        var type = parameter.Type?.ToString() ?? string.Empty;
        return new HandlerParameter(name, type, SourceOf(parameter, name, routeParameters));
    }

    private static ParameterSource SourceOf(ParameterSyntax parameter, string name, IReadOnlyCollection<string> routeParameters)
    {
        foreach (var list in parameter.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                switch (CSharpFileModel.AttributeName(attribute))
                {
                    case "FromRoute":
                        return ParameterSource.Route;
                    case "FromQuery":
                        return ParameterSource.Query;
                    case "FromBody":
                        return ParameterSource.Body;
                    case "FromForm":
                        return ParameterSource.Form;
                    case "FromHeader":
                        return ParameterSource.Header;
                    case "FromServices" or "FromKeyedServices":
                        return ParameterSource.Server;
                    case "AsParameters":
                        return ParameterSource.Unknown;
                }
            }
        }

        if (routeParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return ParameterSource.Route;
        }

        var typeName = CSharpFileModel.SimpleName(parameter.Type) ?? string.Empty;
        if (ServerTypes.Contains(typeName) || typeName.StartsWith("ILogger", StringComparison.Ordinal) ||
            ServerTypeSuffixes.Any(s => typeName.EndsWith(s, StringComparison.Ordinal)) ||
            (typeName.Length > 2 && typeName[0] == 'I' && char.IsUpper(typeName[1]) && !typeName.StartsWith("IForm", StringComparison.Ordinal) && !typeName.StartsWith("IEnumerable", StringComparison.Ordinal)))
        {
            return ParameterSource.Server;
        }

        if (typeName.StartsWith("IForm", StringComparison.Ordinal))
        {
            return ParameterSource.Form;
        }

        var elementType = parameter.Type is NullableTypeSyntax nullable ? nullable.ElementType : parameter.Type;
        return elementType is PredefinedTypeSyntax || SimpleTypes.Contains(typeName) || elementType is ArrayTypeSyntax { ElementType: PredefinedTypeSyntax }
            ? ParameterSource.Query
            : ParameterSource.Body;
    }

    /// <summary>
    /// Whether code saves or deletes data: EF Core's <c>SaveChanges</c> and bulk updates, raw SQL
    /// commands, Identity's role and password changes, or an asynchronous call named like a write
    /// (<c>_orders.DeleteAsync(id)</c>).
    /// </summary>
    public static bool Writes(SyntaxNode? body) =>
        body is not null && body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(IsWrite);

    /// <summary>
    /// <see cref="Writes(SyntaxNode?)"/>, first asking the document's text: a body that spells none
    /// of the write calls' words is not walked.
    /// </summary>
    public static bool Writes(SyntaxNode? body, Workspace.SourceDocument document)
    {
        if (body is null)
        {
            return false;
        }

        if (document.Content is not { } content || body.SpanStart > content.Length)
        {
            return Writes(body);
        }

        var text = content.AsSpan(body.SpanStart, Math.Min(body.Span.Length, content.Length - body.SpanStart));
        if (text.Contains(UnicodeEscape, StringComparison.Ordinal))
        {
            return Writes(body); // a name spelled with \u escapes is not in the text as written
        }

        // Every write call's name spells one of the words: look at the calls around them rather
        // than at every node of the body.
        for (var offset = 0; offset < text.Length;)
        {
            var at = text[offset..].IndexOfAny(WriteWords);
            if (at < 0)
            {
                return false;
            }

            var position = body.SpanStart + offset + at;
            var token = body.FindToken(position);
            if (token.Parent is SimpleNameSyntax name && CallNamed(name) is { } call && body.Span.Contains(call.Span) && IsWrite(call))
            {
                return true;
            }

            offset = Math.Max(offset + at + 1, token.Span.End - body.SpanStart);
        }

        return false;
    }

    private const string UnicodeEscape = "\\u";

    private static readonly object WritesKey = new();

    /// <summary>
    /// <see cref="Writes(SyntaxNode?, Workspace.SourceDocument)"/>, read once per body and file: the
    /// endpoint collectors and the endpoint rules ask about the same handlers.
    /// </summary>
    public static bool Writes(SyntaxNode? body, Analysis.AnalysisContext context)
    {
        if (body is null)
        {
            return false;
        }

        var known = context.Local<Dictionary<int, bool>>(WritesKey);
        if (!known.TryGetValue(body.SpanStart, out var writes))
        {
            known[body.SpanStart] = writes = Writes(body, context.Document);
        }

        return writes;
    }

    // The call whose method name is `name`: `Save()`, `db.Save()`, `db?.Save()`.
    private static InvocationExpressionSyntax? CallNamed(SimpleNameSyntax name) => name.Parent switch
    {
        InvocationExpressionSyntax call when call.Expression == name => call,
        MemberAccessExpressionSyntax member when member.Name == name && member.Parent is InvocationExpressionSyntax call && call.Expression == member => call,
        MemberBindingExpressionSyntax binding when binding.Name == name && binding.Parent is InvocationExpressionSyntax call && call.Expression == binding => call,
        _ => null,
    };

    private static readonly System.Buffers.SearchValues<string> WriteWords = System.Buffers.SearchValues.Create(
        ["SaveChanges", "Execute", "RoleAsync", "RolesAsync", "PasswordAsync", "LockoutEnd", "Commit", "Add", "Create", "Update", "Delete", "Remove", "Insert", "Save", "Upsert"],
        StringComparison.Ordinal);

    public static bool IsWrite(InvocationExpressionSyntax call)
    {
        var name = call.MethodName();
        if (name is null)
        {
            return false;
        }

        if (WriteCalls.Contains(name))
        {
            return true;
        }

        if (!name.EndsWith("Async", StringComparison.Ordinal) || call.Receiver() is null)
        {
            return false;
        }

        foreach (var prefix in WritePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length && char.IsUpper(name[prefix.Length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a hub method sends to other connections (<c>Clients.All.SendAsync</c>, <c>Clients.Group(g).Receive(...)</c>).</summary>
    public static bool Broadcasts(SyntaxNode? body) =>
        body is not null && body.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(m =>
            m.Expression is IdentifierNameSyntax { Identifier.ValueText: "Clients" } &&
            m.Name.Identifier.ValueText is "All" or "Others" or "Group" or "Groups" or "OthersInGroup" or "AllExcept" or "Users" or "User" or "Clients" or "GroupExcept");

    /// <summary>The body of a method or lambda (block or expression).</summary>
    public static SyntaxNode? BodyOf(SyntaxNode handler) => handler switch
    {
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
        LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
        AnonymousFunctionExpressionSyntax lambda => lambda.Body,
        _ => null,
    };
}
