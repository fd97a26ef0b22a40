using System.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Lsp.Conversion;

/// <summary>
/// File paths to <c>file://</c> URIs and back, spelled as VS Code spells them: every byte outside
/// the unreserved set and '/' percent-encoded as UTF-8, a Windows drive letter lower-cased with its
/// colon encoded (<c>file:///c%3A/src/a.cs</c>). Parsing accepts any encoding a client sends.
/// </summary>
internal static class DocumentUri
{
    public static string FromPath(string path)
    {
        var full = PathNormalizer.Normalize(path).Replace('\\', '/');
        if (full.Length >= 2 && full[1] == ':' && char.IsAsciiLetter(full[0]))
        {
            full = "/" + char.ToLowerInvariant(full[0]) + full[1..];
        }
        else if (full.StartsWith("//", StringComparison.Ordinal))
        {
            // UNC path: \\server\share\x -> file://server/share/x
            var slash = full.IndexOf('/', 2);
            var host = slash < 0 ? full[2..] : full[2..slash];
            return "file://" + host + Encode(slash < 0 ? "/" : full[slash..]);
        }

        return "file://" + Encode(full);
    }

    /// <summary>The local path of a file URI, or null for other schemes (untitled:, git:, ...).</summary>
    public static string? ToPath(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = uri[5..];
        string host = string.Empty;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            rest = rest[2..];
            var slash = rest.IndexOf('/');
            host = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? "/" : rest[slash..];
        }

        var path = Uri.UnescapeDataString(rest);
        if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':')
        {
            path = path[1..];
            if (OperatingSystem.IsWindows())
            {
                path = char.ToUpperInvariant(path[0]) + path[1..].Replace('/', '\\');
            }
        }
        else if (host.Length > 0 && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            path = "//" + host + path;
        }

        try
        {
            return PathNormalizer.Normalize(OperatingSystem.IsWindows() ? path.Replace('/', '\\') : path);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Encode(string path)
    {
        var sb = new StringBuilder(path.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
