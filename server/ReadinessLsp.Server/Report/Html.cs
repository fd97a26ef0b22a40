using System.Text;

namespace ReadinessLsp.Server.Report;

/// <summary>Escaping for text and attribute values: the only way workspace text enters the page.</summary>
internal static class Html
{
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    public static string Plural(int n, string noun) => $"{n:N0} {noun}{(n == 1 ? string.Empty : "s")}";
}
