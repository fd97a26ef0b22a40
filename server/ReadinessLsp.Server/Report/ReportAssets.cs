using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace ReadinessLsp.Server.Report;

/// <summary>The page's skeleton, style, script and checklist, embedded in the server assembly.</summary>
internal static class ReportAssets
{
    private static readonly Lazy<string> LazyTemplate = new(() => Read("report.html"));
    private static readonly Lazy<string> LazyStyle = new(() => Read("report.css"));
    private static readonly Lazy<string> LazyScript = new(() => Read("report.js"));
    private static readonly Lazy<string> LazyChecklist = new(() => Read("checklist.md"));

    public static string Template => LazyTemplate.Value;

    public static string Style => LazyStyle.Value;

    public static string Script => LazyScript.Value;

    public static string Checklist => LazyChecklist.Value;

    /// <summary>
    /// The page's content security policy: nothing may load from anywhere, and only this page's own
    /// style and script (by hash) may run, so the page is the same in a browser and a webview.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; img-src data:; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; base-uri 'none'; form-action 'none'";

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ReadinessLsp.Report.{name}")
            ?? throw new InvalidOperationException($"The report asset {name} is not embedded in the server.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
