namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// The methods a file calls, read from its text without walking its syntax tree: each name
/// followed by an argument list (<c>Seed(</c>, <c>x.Seed(</c>, <c>Seed&lt;T&gt;(</c>), with the
/// capitalised name before it when the receiver looks like a type (<c>Dependencies.Seed(</c>).
/// Comments and string literals are skipped; declarations (<c>void Seed(</c>, <c>Task&lt;int&gt; Seed(</c>)
/// and constructions (<c>new Seed(</c>) are not calls. Call-site models read files the engine
/// parsed but did not walk this way: a walk into every method body costs half a parse.
/// </summary>
internal static class CallNamesInText
{
    // Words after which a name followed by `(` is a call; after any other word (a type: `void Seed(`,
    // `Result Seed(`; `new`) or a generic type's `>` it is declared or constructed.
    private static readonly HashSet<string> ExpressionKeywords =
        ["return", "await", "throw", "else", "in", "case", "yield", "when", "and", "or", "not", "is", "from", "select", "where", "let", "on", "equals", "by"];

    private static readonly HashSet<string> NotCalls =
        ["if", "for", "foreach", "while", "switch", "catch", "using", "lock", "nameof", "typeof", "sizeof", "default", "when", "fixed", "checked", "unchecked", "base", "this", "return", "await", "stackalloc"];

    /// <summary>Calls <paramref name="found"/> with the receiver's type name (or null) and the method name of each call.</summary>
    public static void Scan(ReadOnlySpan<char> text, Action<string?, string> found)
    {
        var keywords = ExpressionKeywords.GetAlternateLookup<ReadOnlySpan<char>>();
        var notCalls = NotCalls.GetAlternateLookup<ReadOnlySpan<char>>();
        var previousWord = ReadOnlySpan<char>.Empty;
        var previousSignificant = '\0';
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = SkipPast(text, i, "\n");
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i = SkipPast(text, i + 2, "*/");
                continue;
            }

            if (c is '"' or '\'')
            {
                i = SkipLiteral(text, i);
                previousSignificant = '"';
                continue;
            }

            if (!IsIdentifierStart(c))
            {
                if (!char.IsWhiteSpace(c))
                {
                    // `=> Seed(` is a call; `Task<int> Seed(` and `string? Seed(` are declarations.
                    previousSignificant = c == '>' && i > 0 && text[i - 1] == '=' ? '='
                        : c == '?' && i > 0 && (IsIdentifierPart(text[i - 1]) || text[i - 1] == '>') ? '>'
                        : c;
                }

                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsIdentifierPart(text[i]))
            {
                i++;
            }

            var name = text[start..i];
            var after = SkipGenericArguments(text, SkipSpaces(text, i));
            if (after < text.Length && text[after] == '(' && !notCalls.Contains(name) &&
                (previousSignificant != 'a' ? previousSignificant is not ('>' or ']') : keywords.Contains(previousWord)))
            {
                found(previousSignificant == '.' ? ReceiverType(text, start - 1) : null, NameStrings.Of(name));
            }

            previousWord = name;
            previousSignificant = 'a';
        }
    }

    // `Dependencies.Seed(`: the capitalised identifier right before the dot, as QualifiedCallSites names a type.
    private static string? ReceiverType(ReadOnlySpan<char> text, int dot)
    {
        var end = dot;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && IsIdentifierPart(text[start - 1]))
        {
            start--;
        }

        return end > start && char.IsUpper(text[start]) ? NameStrings.Of(text[start..end]) : null;
    }

    private static int SkipGenericArguments(ReadOnlySpan<char> text, int i)
    {
        if (i >= text.Length || text[i] != '<')
        {
            return i;
        }

        // Type arguments hold names, dots, commas, brackets, `?` and nested `<>`; anything else means a comparison.
        var depth = 0;
        for (var j = i; j < text.Length && j < i + 256; j++)
        {
            switch (text[j])
            {
                case '<':
                    depth++;
                    break;
                case '>':
                    if (--depth == 0)
                    {
                        return SkipSpaces(text, j + 1);
                    }

                    break;
                case var ch when IsIdentifierPart(ch) || ch is '.' or ',' or ' ' or '?' or '[' or ']' or '(' or ')':
                    break;
                default:
                    return i;
            }
        }

        return i;
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipPast(ReadOnlySpan<char> text, int i, string end)
    {
        var at = text[i..].IndexOf(end, StringComparison.Ordinal);
        return at < 0 ? text.Length : i + at + end.Length;
    }

    // A string or character literal: "..." with escapes, @"..." with doubled quotes, """...""" raw strings.
    private static int SkipLiteral(ReadOnlySpan<char> text, int i)
    {
        var quote = text[i];
        var verbatim = i > 0 && text[i - 1] == '@' || i > 1 && text[i - 1] == '$' && text[i - 2] == '@';
        if (quote == '"' && i + 2 < text.Length && text[i + 1] == '"' && text[i + 2] == '"')
        {
            return SkipPast(text, i + 3, "\"\"\"");
        }

        for (var j = i + 1; j < text.Length; j++)
        {
            if (!verbatim && text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == quote)
            {
                if (verbatim && j + 1 < text.Length && text[j + 1] == quote)
                {
                    j++;
                    continue;
                }

                return j + 1;
            }
            else if (text[j] == '\n' && !verbatim)
            {
                return j;
            }
        }

        return text.Length;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
