using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.Env;

/// <summary>
/// A <c>.env</c> file read the way dotenv libraries read it: <c>export</c> prefixes, comments,
/// single, double and backtick quotes (values may span lines), escapes in double quotes, inline
/// <c># comments</c> after unquoted values, and <c>${VAR}</c> references. Never throws: a line it
/// cannot read is skipped.
/// </summary>
internal sealed partial class EnvFile
{
    private EnvFile(IReadOnlyList<EnvEntry> entries) => Entries = entries;

    public IReadOnlyList<EnvEntry> Entries { get; }

    public static EnvFile Parse(SourceDocument document) => Parse(document.Text.ToString());

    public static EnvFile Parse(string text)
    {
        var entries = new List<EnvEntry>();
        var pos = 0;
        while (pos < text.Length)
        {
            var lineEnd = LineEnd(text, pos);
            var i = SkipBlanks(text, pos, lineEnd);
            if (i >= lineEnd || text[i] == '#')
            {
                pos = Next(text, lineEnd);
                continue;
            }

            if (string.CompareOrdinal(text, i, "export ", 0, 7) == 0)
            {
                i = SkipBlanks(text, i + 7, lineEnd);
            }

            var nameStart = i;
            while (i < lineEnd && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
            {
                i++;
            }

            var nameEnd = i;
            i = SkipBlanks(text, i, lineEnd);
            if (nameEnd == nameStart || i >= lineEnd || text[i] != '=')
            {
                pos = Next(text, lineEnd);
                continue;
            }

            var name = text[nameStart..nameEnd];
            i = SkipBlanks(text, i + 1, lineEnd);
            var (value, valueSpan, quote, end) = ReadValue(text, i, lineEnd);
            var references = quote == '\'' ? [] : References(value);
            entries.Add(new EnvEntry(name, TextSpan.FromBounds(nameStart, nameEnd), value, valueSpan, quote, references));
            pos = Next(text, LineEnd(text, end));
        }

        return new EnvFile(entries);
    }

    public EnvEntry? Find(string name) => Entries.LastOrDefault(e => e.Name == name);

    private static (string Value, TextSpan Span, char? Quote, int End) ReadValue(string text, int start, int lineEnd)
    {
        if (start < lineEnd && text[start] is '"' or '\'' or '`')
        {
            var quote = text[start];
            var close = FindClosingQuote(text, start + 1, quote);
            if (close >= 0)
            {
                var raw = text[(start + 1)..close];
                var value = quote == '"' ? Unescape(raw) : raw;
                return (value, TextSpan.FromBounds(start + 1, close), quote, close + 1);
            }

            // An unclosed quote: dotenv reads the rest of the line literally.
        }

        var valueEnd = lineEnd;
        for (var j = start; j < lineEnd; j++)
        {
            // An inline comment needs whitespace before the '#': "a#b" is a value.
            if (text[j] == '#' && (j == start || char.IsWhiteSpace(text[j - 1])))
            {
                valueEnd = j;
                break;
            }
        }

        while (valueEnd > start && char.IsWhiteSpace(text[valueEnd - 1]))
        {
            valueEnd--;
        }

        return (text[start..valueEnd], TextSpan.FromBounds(start, valueEnd), null, lineEnd);
    }

    private static int FindClosingQuote(string text, int from, char quote)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\\' && quote == '"')
            {
                j++;
                continue;
            }

            if (text[j] == quote)
            {
                return j;
            }
        }

        return -1;
    }

    private static string Unescape(string raw)
    {
        if (!raw.Contains('\\'))
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var j = 0; j < raw.Length; j++)
        {
            if (raw[j] == '\\' && j + 1 < raw.Length)
            {
                j++;
                sb.Append(raw[j] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var c => c });
            }
            else
            {
                sb.Append(raw[j]);
            }
        }

        return sb.ToString();
    }

    private static IReadOnlyList<string> References(string value) =>
        value.Contains('$') ? [.. Reference().Matches(value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)] : [];

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        end = end < 0 ? text.Length : end;
        return end > from && text[end - 1] == '\r' ? end - 1 : end;
    }

    private static int Next(string text, int lineEnd)
    {
        var n = text.IndexOf('\n', lineEnd);
        return n < 0 ? text.Length : n + 1;
    }

    private static int SkipBlanks(string text, int i, int end)
    {
        while (i < end && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=?+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();
}

/// <summary>
/// One <c>NAME=value</c> of a .env file. <see cref="ValueSpan"/> covers the value without its quotes;
/// <see cref="Value"/> is decoded. <see cref="References"/> names the variables it expands.
/// </summary>
internal sealed record EnvEntry(string Name, TextSpan NameSpan, string Value, TextSpan ValueSpan, char? Quote, IReadOnlyList<string> References)
{
    /// <summary>The configuration key .NET maps this variable to: <c>A__B</c> becomes <c>A:B</c>.</summary>
    public string ConfigKey => EnvNames.ToConfigKey(Name);
}

/// <summary>How environment variable names map onto configuration keys.</summary>
internal static class EnvNames
{
    public static string ToConfigKey(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    public static string FromConfigKey(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
