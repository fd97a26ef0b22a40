using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>
/// RDY4001: SQL text built from values with <c>+</c>, <c>string.Format</c> or <c>$"..."</c> and sent
/// as raw SQL: EF Core's <c>FromSqlRaw</c>, <c>ExecuteSqlRaw</c>, <c>SqlQueryRaw</c>, an ADO.NET
/// command's text, a Dapper query. A value spliced into SQL is code the caller writes. Silent for
/// the parameterised forms (<c>FromSql($"...")</c>, <c>FromSqlInterpolated</c>, <c>ExecuteSql</c>),
/// constant text, numbers, and names the code itself supplies in identifier positions
/// (<c>$"[{Schema}].[{Table}_Read]"</c>). The fix turns <c>FromSqlRaw($"...")</c> into the
/// parameterised form when every value sits where a parameter can go.
/// </summary>
internal sealed class SqlFromStringsDetector : ICSharpDetector
{
    private static readonly Dictionary<string, string> EfRaw = new(StringComparer.Ordinal)
    {
        ["FromSqlRaw"] = "FromSqlInterpolated",
        ["ExecuteSqlRaw"] = "ExecuteSqlInterpolated",
        ["ExecuteSqlRawAsync"] = "ExecuteSqlInterpolatedAsync",
        ["SqlQueryRaw"] = "SqlQuery",
    };

    private static readonly HashSet<string> NumericTypes = new(StringComparer.Ordinal)
    {
        "int", "long", "short", "byte", "uint", "ulong", "decimal", "double", "float", "bool", "Guid", "DateTime", "DateTimeOffset", "DateOnly",
        "Int32", "Int64", "Boolean", "Decimal", "Double", "int?", "long?", "Guid?", "bool?", "decimal?", "DateTime?",
    };

    // SQL just before a value: a comparison, a list, a quote, LIKE, IN, VALUES, SET, LIMIT.
    private static readonly string[] ValueEndings = ["=", "<", ">", "(", ",", "'", "%", " LIKE", " IN", " VALUES", " SET", " LIMIT", " OFFSET", " TOP", "N'"];

    public string RuleId => "RDY4001";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } =
        [SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression, SyntaxKind.SimpleAssignmentExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["SqlRaw", "SqlQueryRaw", "Command", "Dapper"];

    public IReadOnlyCollection<string>? Anchors { get; } =
        [.. EfSyntax.CallWords([.. EfRaw.Keys, .. EfSyntax.DapperCalls]), .. EfSyntax.CommandTypes.Select(t => t + "("), "CommandText"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var (sql, api, call) = node switch
        {
            InvocationExpressionSyntax invocation => SqlOfCall(invocation, context),
            ObjectCreationExpressionSyntax { ArgumentList.Arguments: [var first, ..] } creation when
                CSharpFileModel.SimpleName(creation.Type) is { } type && EfSyntax.CommandTypes.Contains(type) => (first.Expression, type, null),
            AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CommandText" } or IdentifierNameSyntax { Identifier.ValueText: "CommandText" } } assignment =>
                (assignment.Right, "CommandText", null),
            _ => (null, null, null),
        };
        if (sql is null || api is null || EfSyntax.BodyOf(node) is not { } body)
        {
            return;
        }

        var pieces = new List<Piece>();
        if (Pieces(sql, body, pieces, 0) is not { } how)
        {
            return;
        }

        var risky = pieces.Where(p => IsRisky(p, body, context)).ToList();
        if (risky.Count == 0)
        {
            return;
        }

        context.Report(
            sql.Span,
            new Dictionary<string, string>
            {
                ["api"] = api,
                ["how"] = how,
                ["value"] = Short(risky[0].Value.ToString()),
            },
            call is not null && Fix(call, sql, pieces, context) is { } fix ? [fix] : null);
    }

    private static (ExpressionSyntax? Sql, string? Api, InvocationExpressionSyntax? Call) SqlOfCall(InvocationExpressionSyntax call, CSharpContext context)
    {
        // db.Users.FromSqlRaw(...), or db.Users?.FromSqlRaw(...), whose receiver is the conditional access's.
        var receiver = call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Expression,
            MemberBindingExpressionSyntax => call.Ancestors().OfType<ConditionalAccessExpressionSyntax>().FirstOrDefault(a => a.WhenNotNull.Span.Contains(call.Span))?.Expression,
            _ => null,
        };
        if (call.MethodName() is not { } name || receiver is null)
        {
            return (null, null, null);
        }

        var argument = call.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "sql") ?? call.ArgumentList.Arguments.FirstOrDefault();
        if (argument is null)
        {
            return (null, null, null);
        }

        if (EfRaw.ContainsKey(name))
        {
            return (argument.Expression, name, call);
        }

        return EfSyntax.DapperCalls.Contains(name) && IsConnection(receiver, EfFile.Of(context)) ? (argument.Expression, $"Dapper's {name}", null) : (null, null, null);
    }

    // A connection by declared type, by name, or made right there.
    private static bool IsConnection(ExpressionSyntax receiver, EfFile file)
    {
        if (file.DeclaredTypeOf(receiver) is { } declared)
        {
            var type = CSharpFileModel.SimpleName(declared) ?? string.Empty;
            return type.Contains("Connection", StringComparison.Ordinal) || type.Contains("Transaction", StringComparison.Ordinal);
        }

        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            InvocationExpressionSyntax invocation => invocation.MethodName(),
            ObjectCreationExpressionSyntax creation => CSharpFileModel.SimpleName(creation.Type),
            _ => null,
        };
        return name is not null && (name.Contains("conn", StringComparison.OrdinalIgnoreCase) || name.Contains("Connection", StringComparison.Ordinal));
    }

    /// <summary>
    /// The values spliced into the SQL with the text before each, and how it was built; null when
    /// the text is one constant (nothing spliced), or when it is not built here at all.
    /// </summary>
    private static string? Pieces(ExpressionSyntax sql, SyntaxNode body, List<Piece> pieces, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        switch (sql)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Pieces(parenthesized.Expression, body, pieces, depth + 1);
            case InterpolatedStringExpressionSyntax interpolated:
                var text = string.Empty;
                foreach (var content in interpolated.Contents)
                {
                    switch (content)
                    {
                        case InterpolatedStringTextSyntax literal:
                            text += literal.TextToken.ValueText;
                            break;
                        case InterpolationSyntax hole:
                            pieces.Add(new Piece(text, hole.Expression, hole));
                            text = string.Empty;
                            break;
                    }
                }

                return pieces.Count > 0 ? "string interpolation" : null;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                var before = string.Empty;
                var spliced = false;
                foreach (var operand in Operands(binary))
                {
                    if (operand.StringLiteralValue() is { } constant)
                    {
                        before += constant;
                        continue;
                    }

                    if (operand is InterpolatedStringExpressionSyntax inner)
                    {
                        var innerPieces = new List<Piece>();
                        Pieces(inner, body, innerPieces, depth + 1);
                        pieces.AddRange(innerPieces.Select((p, i) => i == 0 ? p with { Before = before + p.Before } : p));
                        before = string.Concat(inner.Contents.Reverse().TakeWhile(c => c is InterpolatedStringTextSyntax).Reverse().OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText));
                        spliced |= innerPieces.Count > 0;
                        continue;
                    }

                    pieces.Add(new Piece(before, operand, null));
                    before = string.Empty;
                    spliced = true;
                }

                return spliced ? "concatenation" : null;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" }, Name.Identifier.ValueText: "Format" } } format
                when format.ArgumentList.Arguments.Count > 1 && format.ArgumentList.Arguments[0].Expression.StringLiteralValue() is { } template:
                for (var i = 1; i < format.ArgumentList.Arguments.Count; i++)
                {
                    var marker = template.IndexOf("{" + (i - 1), StringComparison.Ordinal);
                    pieces.Add(new Piece(marker < 0 ? string.Empty : template[..marker], format.ArgumentList.Arguments[i].Expression, null));
                }

                return "string.Format";
            case IdentifierNameSyntax local when depth == 0 && ResponseSyntaxLocal(local, body) is { } value:
                var how = Pieces(value, body, pieces, depth + 1);
                foreach (var appended in Appended(local, body))
                {
                    how ??= Pieces(appended, body, pieces, depth + 1) is not null || appended.StringLiteralValue() is null ? "concatenation" : null;
                    if (appended.StringLiteralValue() is null && appended is not InterpolatedStringExpressionSyntax && appended is not BinaryExpressionSyntax)
                    {
                        pieces.Add(new Piece(string.Empty, appended, null));
                    }
                }

                return how;
            default:
                return null;
        }
    }

    private static ExpressionSyntax? ResponseSyntaxLocal(IdentifierNameSyntax local, SyntaxNode body) =>
        DatabaseScale.ResponseSyntax.LastValueOf(local, body);

    // `sql += " AND x = '" + value + "'"` between the declaration and the use.
    private static IEnumerable<ExpressionSyntax> Appended(IdentifierNameSyntax use, SyntaxNode body) =>
        (body is AnonymousFunctionExpressionSyntax lambda ? lambda.Body : body).Descendants(n => n is not AnonymousFunctionExpressionSyntax)
            .OfType<AssignmentExpressionSyntax>()
            .Where(a => a.IsKind(SyntaxKind.AddAssignmentExpression) && a.SpanStart < use.SpanStart &&
                a.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == use.Identifier.ValueText)
            .Select(a => a.Right);

    private static IEnumerable<ExpressionSyntax> Operands(BinaryExpressionSyntax binary)
    {
        var stack = new Stack<ExpressionSyntax>();
        stack.Push(binary);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is BinaryExpressionSyntax add && add.IsKind(SyntaxKind.AddExpression))
            {
                stack.Push(add.Right);
                stack.Push(add.Left);
            }
            else if (current is ParenthesizedExpressionSyntax { Expression: BinaryExpressionSyntax inner } && inner.IsKind(SyntaxKind.AddExpression))
            {
                stack.Push(inner);
            }
            else
            {
                yield return current;
            }
        }
    }

    // A value that can change the SQL: not a constant or a number, and either where a value goes
    // (a comparison, a list, quotes) or handed in by the caller (a parameter, or one of its members).
    private static bool IsRisky(Piece piece, SyntaxNode body, CSharpContext context)
    {
        var value = piece.Value;
        if (IsConstant(value) || IsNumeric(value, context))
        {
            return false;
        }

        return IsValuePosition(piece.Before) || FromParameter(value, body);
    }

    private static bool IsValuePosition(string before)
    {
        var trimmed = before.TrimEnd();
        return ValueEndings.Any(e => trimmed.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    private static bool FromParameter(ExpressionSyntax value, SyntaxNode body)
    {
        var root = value;
        while (root is MemberAccessExpressionSyntax access)
        {
            root = access.Expression;
        }

        if (root is not IdentifierNameSyntax { Identifier.ValueText: var name })
        {
            return false;
        }

        var parameters = body switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters.Select(p => p.Identifier.ValueText),
            LocalFunctionStatementSyntax local => local.ParameterList.Parameters.Select(p => p.Identifier.ValueText),
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters.Select(p => p.Identifier.ValueText),
            SimpleLambdaExpressionSyntax simple => [simple.Parameter.Identifier.ValueText],
            _ => [],
        };
        return parameters.Contains(name, StringComparer.Ordinal);
    }

    private static bool IsConstant(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax => true,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } => true,
        TypeOfExpressionSyntax => true,
        IdentifierNameSyntax identifier => IsConstName(identifier.Identifier.ValueText) || IsDeclaredConstant(identifier),
        MemberAccessExpressionSyntax member => IsConstName(member.Name.Identifier.ValueText) || member.Name.Identifier.ValueText is "Length" or "Count",
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.OfType<InterpolationSyntax>().All(h => IsConstant(h.Expression)),
        _ => false,
    };

    // `const string Table = "Orders";` or a static readonly field set to a literal, in the type or the body.
    private static bool IsDeclaredConstant(IdentifierNameSyntax identifier)
    {
        var name = identifier.Identifier.ValueText;
        if (identifier.Ancestors().OfType<BlockSyntax>().Any(b => b.Statements.OfType<LocalDeclarationStatementSyntax>()
            .Any(l => l.IsConst && l.Declaration.Variables.Any(v => v.Identifier.ValueText == name))))
        {
            return true;
        }

        return identifier.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Members.OfType<FieldDeclarationSyntax>()
            .Any(f => (f.Modifiers.Any(SyntaxKind.ConstKeyword) || (f.Modifiers.Any(SyntaxKind.StaticKeyword) && f.Modifiers.Any(SyntaxKind.ReadOnlyKeyword))) &&
                f.Declaration.Variables.Any(v => v.Identifier.ValueText == name && (f.Modifiers.Any(SyntaxKind.ConstKeyword) || v.Initializer?.Value is LiteralExpressionSyntax))) == true;
    }

    // TABLE_NAME, and PascalCase constants in a Constants/Tables class are written ALL_CAPS or read through a type.
    private static bool IsConstName(string name) => name.Length > 1 && name.All(c => char.IsUpper(c) || c == '_' || char.IsDigit(c));

    private static bool IsNumeric(ExpressionSyntax value, CSharpContext context)
    {
        var declared = value is IdentifierNameSyntax or MemberAccessExpressionSyntax ? EfFile.Of(context).DeclaredTypeOf(value)?.ToString() : null;
        return declared is not null && NumericTypes.Contains(declared);
    }

    // FromSqlRaw($"... = '{status}'") → FromSqlInterpolated($"... = {status}"): only when every hole
    // sits where a parameter can go, bare or quoted whole.
    private static Fix? Fix(InvocationExpressionSyntax call, ExpressionSyntax sql, IReadOnlyList<Piece> pieces, CSharpContext context)
    {
        if (sql is not InterpolatedStringExpressionSyntax interpolated || call.ArgumentList.Arguments.Count != 1 ||
            call.Expression is not MemberAccessExpressionSyntax member || !EfRaw.TryGetValue(member.Name.Identifier.ValueText, out var parameterised) ||
            interpolated.StringStartToken.ValueText.Contains('@', StringComparison.Ordinal) || interpolated.StringStartToken.ValueText.Contains("\"\"\"", StringComparison.Ordinal))
        {
            return null;
        }

        var text = new System.Text.StringBuilder("$\"");
        var contents = interpolated.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case InterpolatedStringTextSyntax literal:
                    text.Append(literal.TextToken.Text);
                    break;
                case InterpolationSyntax hole:
                    if (hole.AlignmentClause is not null || hole.FormatClause is not null)
                    {
                        return null;
                    }

                    var before = i > 0 && contents[i - 1] is InterpolatedStringTextSyntax b ? b.TextToken.Text : string.Empty;
                    var after = i + 1 < contents.Count && contents[i + 1] is InterpolatedStringTextSyntax a ? a.TextToken.Text : string.Empty;
                    var quoted = before.EndsWith('\'') && after.StartsWith('\'');
                    if (!quoted && (!IsValuePosition(before) || before.TrimEnd().EndsWith('\'') || before.TrimEnd().EndsWith('%')))
                    {
                        return null;
                    }

                    if (quoted)
                    {
                        text.Length -= 1; // the opening quote, already appended
                    }

                    text.Append('{').Append(hole.Expression.ToString()).Append('}');
                    if (quoted)
                    {
                        // Skip the closing quote: the next literal starts with it.
                        if (contents[i + 1] is InterpolatedStringTextSyntax next)
                        {
                            text.Append(next.TextToken.Text[1..]);
                            i++;
                        }
                    }

                    break;
            }
        }

        text.Append('"');
        var replaced = call.ToString()[..(member.Name.SpanStart - call.SpanStart)] + parameterised + "(" + text + ")";
        return context.Replace(call.Span, replaced, $"Use {parameterised}, which sends the values as parameters");
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..37] + "...";

    /// <summary>A value spliced into SQL, and the SQL text just before it.</summary>
    private sealed record Piece(string Before, ExpressionSyntax Value, InterpolationSyntax? Hole);
}
