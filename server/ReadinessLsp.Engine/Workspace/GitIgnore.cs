using System.Text;
using System.Text.RegularExpressions;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// The patterns of one <c>.gitignore</c> file, matched as git does: relative to the folder that holds
/// the file, last matching pattern wins, <c>!</c> re-includes, a trailing slash matches folders only.
/// </summary>
internal sealed class GitIgnore
{
    // Hand-written .gitignore files have a few hundred lines at most; past this many the rest are
    // not read, which bounds what a generated or hostile one costs on every path of the scan.
    private const int MaxPatterns = 1000;

    private readonly List<Pattern> _patterns = [];

    public GitIgnore(string baseDirectory, string content)
    {
        BaseDirectory = baseDirectory;
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            line = TrimUnescapedTrailingSpaces(line);
            var negated = line.StartsWith('!');
            if (negated)
            {
                line = line[1..];
            }
            else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
            {
                line = line[1..];
            }

            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0)
            {
                continue;
            }

            // A pattern with a slash anywhere but the end is anchored to the .gitignore's folder.
            var anchored = line.Contains('/');
            line = line.TrimStart('/');
            if (_patterns.Count == MaxPatterns)
            {
                break;
            }

            if (Pattern.Create(ToRegex(line, anchored), RequiredText(line), negated, directoryOnly) is { } pattern)
            {
                _patterns.Add(pattern);
            }
        }
    }

    /// <summary>The folder holding the .gitignore file; patterns are relative to it.</summary>
    public string BaseDirectory { get; }

    /// <summary>
    /// <c>true</c> when ignored, <c>false</c> when explicitly re-included, <c>null</c> when no pattern matches.
    /// </summary>
    /// <param name="relativePath">Path relative to <see cref="BaseDirectory"/>, with forward slashes.</param>
    public bool? Match(string relativePath, bool isDirectory)
    {
        bool? result = null;
        foreach (var pattern in _patterns)
        {
            if (pattern.DirectoryOnly && !isDirectory)
            {
                continue;
            }

            if (pattern.IsMatch(relativePath))
            {
                result = !pattern.Negated;
            }
        }

        return result;
    }

    private static string TrimUnescapedTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && (end < 2 || line[end - 2] != '\\'))
        {
            end--;
        }

        return line[..end];
    }

    // The longest run of plain characters in the glob: a path without it cannot match, and checking
    // that first skips the regex for nearly every (pattern, path) pair of a long .gitignore.
    private static string RequiredText(string pattern)
    {
        var longest = string.Empty;
        var current = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c is '*' or '?' || (c == '[' && pattern.IndexOf(']', i + 1) > i))
            {
                longest = current.Length > longest.Length ? current.ToString() : longest;
                current.Clear();
                // "**/" may match nothing at all, its slash included.
                i = c == '[' ? pattern.IndexOf(']', i + 1) : pattern.AsSpan(i).StartsWith("**/") ? i + 2 : i;
                continue;
            }

            current.Append(c == '\\' && i + 1 < pattern.Length ? pattern[++i] : c);
        }

        return current.Length > longest.Length ? current.ToString() : longest;
    }

    private static string ToRegex(string pattern, bool anchored)
    {
        var sb = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    // "**/" matches zero or more folders; a trailing "**" matches everything inside.
                    if (i + 2 < pattern.Length && pattern[i + 2] == '/')
                    {
                        sb.Append("(?:.*/)?");
                        i += 2;
                    }
                    else
                    {
                        sb.Append(".*");
                        i++;
                    }

                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close > i)
                    {
                        var set = pattern[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal);
                        sb.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                        i = close;
                    }
                    else
                    {
                        sb.Append("\\[");
                    }

                    break;
                case '\\' when i + 1 < pattern.Length:
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        // A match on a folder also covers everything below it.
        sb.Append("(?:/.*)?$");
        return sb.ToString();
    }

    /// <summary>
    /// One pattern's regex. The patterns come from the repository: "*a*a*a*a*a*c" against a long
    /// name makes a backtracking regex run for minutes, so a match that takes too long switches
    /// the pattern to the linear-time engine (slower to build, which is why it is not the
    /// default). A pattern git would reject (a range like [z-a]) is left out, not fatal.
    /// </summary>
    private sealed class Pattern
    {
        private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(20);

        private readonly string _pattern;
        private readonly string _required;
        private Regex _regex;

        private Pattern(string pattern, string required, Regex regex, bool negated, bool directoryOnly)
        {
            _pattern = pattern;
            _required = required;
            _regex = regex;
            Negated = negated;
            DirectoryOnly = directoryOnly;
        }

        public bool Negated { get; }

        public bool DirectoryOnly { get; }

        public static Pattern? Create(string pattern, string required, bool negated, bool directoryOnly)
        {
            try
            {
                return new Pattern(pattern, required, new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout), negated, directoryOnly);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        public bool IsMatch(string path)
        {
            if (!path.Contains(_required, StringComparison.Ordinal))
            {
                return false;
            }

            try
            {
                return _regex.IsMatch(path);
            }
            catch (RegexMatchTimeoutException)
            {
                _regex = new Regex(_pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
                return _regex.IsMatch(path);
            }
        }
    }
}
