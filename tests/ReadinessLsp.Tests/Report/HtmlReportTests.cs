using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Report;

/// <summary>
/// The HTML report of the sample: every finding present, nothing loaded or linked from outside the
/// page, every secret masked as in the other outputs, and a CSP that allows exactly its own style and script.
/// </summary>
public sealed partial class HtmlReportTests
{
    private static readonly Lazy<(string Html, JsonElement[] Findings)> Sample = new(() =>
    {
        var sample = Path.Combine(RepoPaths.Samples, "VibeShop");
        var (_, html, _) = CliRunner.Check(sample, "--format", "html", "--fail-on", "never");
        var (_, json, _) = CliRunner.Check(sample, "--format", "json", "--fail-on", "never");
        using var document = JsonDocument.Parse(json);
        return (html, document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone()).ToArray());
    });

    private static string Html => Sample.Value.Html;

    [Fact]
    public void Every_finding_is_present_with_its_message_and_location()
    {
        var findings = Sample.Value.Findings;
        Assert.NotEmpty(findings);
        Assert.Equal(findings.Length, Regex.Matches(Html, "<details class=\"finding ").Count);
        foreach (var finding in findings)
        {
            var where = $"<span class=\"where\">{finding.GetProperty("path").GetString()}:{finding.GetProperty("line").GetInt32()}</span>";
            Assert.Contains(where, Html, StringComparison.Ordinal);
            Assert.Contains(finding.GetProperty("message").GetString()!, Decode(Html), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Nothing_is_loaded_or_linked_from_outside_the_page()
    {
        foreach (Match attribute in UrlAttribute().Matches(Html))
        {
            var value = attribute.Groups["value"].Value;
            Assert.True(value.StartsWith('#'), $"{attribute.Value} leaves the page");
        }

        Assert.DoesNotContain("@import", Html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"url\(\s*['""]?(?!data:)", Html);
        Assert.DoesNotContain("<link", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", Html, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Regex.Matches(Html, "<script"));
    }

    [Fact]
    public void The_content_security_policy_allows_exactly_the_page_s_own_style_and_script()
    {
        var csp = Regex.Match(Html, "http-equiv=\"Content-Security-Policy\" content=\"(?<csp>[^\"]+)\"").Groups["csp"].Value;
        Assert.StartsWith("default-src 'none'", csp, StringComparison.Ordinal);
        var style = Regex.Match(Html, "<style>(?<s>.*?)</style>", RegexOptions.Singleline).Groups["s"].Value;
        var script = Regex.Match(Html, "<script>(?<s>.*?)</script>", RegexOptions.Singleline).Groups["s"].Value;
        Assert.Contains($"style-src 'sha256-{Hash(style)}'", csp, StringComparison.Ordinal);
        Assert.Contains($"script-src 'sha256-{Hash(script)}'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", Html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\son[a-z]+=""", Html);
    }

    [Fact]
    public void Every_secret_in_the_sample_is_masked()
    {
        var secrets = SampleSecrets().ToList();
        Assert.Contains(secrets, s => s.StartsWith("sk_live_", StringComparison.Ordinal));
        var text = Decode(Html);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // Masked the way every other output masks them.
        Assert.Contains("sk_live_****** (56 chars)", text, StringComparison.Ordinal);
        Assert.Contains("Su****** (14 chars)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_counts_chart_and_sections_come_in_reading_order()
    {
        var order = new[] { "id=\"verdict\"", "class=\"counts\"", "id=\"chart\"", "id=\"findings\"", "id=\"endpoints\"", "id=\"configuration\"", "id=\"checklist\"", "id=\"run\"" }
            .Select(marker => Html.IndexOf(marker, StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Matches("<h1 id=\"verdict-h\">Not ready: ", Html);
        foreach (var family in new[] { "Access control", "Secrets and configuration", "Data integrity", "Database scale", "Input", "Failure handling" })
        {
            Assert.Contains($">{family}</text>", Html, StringComparison.Ordinal);
        }

        foreach (var item in new[] { "Backups", "Monitoring and alerts", "load test", "Secrets rotated" })
        {
            Assert.Contains(item, Html, StringComparison.Ordinal);
        }

        Assert.Contains("<dt>Tool</dt>", Html, StringComparison.Ordinal);
        Assert.Contains("<dt>Time taken</dt>", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_open_to_the_explanation_the_fix_as_a_diff_and_the_suppression_comment()
    {
        var finding = Regex.Match(Html, "<details class=\"finding sev-error\"[^>]*>.*?RDY2001.*?</details>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(finding);
        Assert.Contains("<div class=\"hover\"><p><strong>", finding, StringComparison.Ordinal);
        Assert.Contains("<span class=\"add\">", finding, StringComparison.Ordinal);
        Assert.Contains("if (app.Environment.IsDevelopment())", Decode(finding), StringComparison.Ordinal);
        Assert.Contains("// readiness-ignore RDY2001: &lt;reason&gt;", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_map_lists_every_endpoint_open_and_data_changing_ones_first()
    {
        var section = Regex.Match(Html, "<section id=\"endpoints\".*?</section>", RegexOptions.Singleline).Value;
        var rows = Regex.Matches(section, "<tr class=\"(?<class>ep-(?!closed)[a-z-]+)\">(?<row>.*?)</tr>", RegexOptions.Singleline);
        var summary = Regex.Match(section, "<p class=\"endpoint-summary\">(?<n>\\d+) endpoints; (?<open>\\d+) can be called without signing in");
        var total = int.Parse(summary.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var open = int.Parse(summary.Groups["open"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 20, $"only {total} endpoints in the sample");

        // Every endpoint anyone can call has a row; the others are listed under what protects them.
        Assert.Equal(open, rows.Count);
        Assert.Equal(total - open, Regex.Matches(section, "<li><span class=\"verb").Count);

        // The sample's delete with no authentication at all comes first and stands out.
        Assert.Equal("ep-danger", rows[0].Groups["class"].Value);
        Assert.Contains(">DELETE</span><code class=\"route\">/api/messages/{id:int}</code>", rows[0].Value, StringComparison.Ordinal);
        Assert.Contains("Anyone can change data here", rows[0].Value, StringComparison.Ordinal);

        // Open on purpose, signed in, and restricted to a role, each with its reason.
        var webhook = rows.Single(r => r.Value.Contains("/api/webhooks/stripe", StringComparison.Ordinal)).Value;
        Assert.Contains("Anyone (on purpose)", webhook, StringComparison.Ordinal);
        Assert.Contains("AllowAnonymous()", webhook, StringComparison.Ordinal);
        var admin = Regex.Match(section, "<tr class=\"ep-closed\"><th scope=\"row\"><span class=\"access a-restricted\">(?<who>[^<]+)</span>.*?</tr>", RegexOptions.Singleline);
        Assert.Contains("role Admin", admin.Groups["who"].Value, StringComparison.Ordinal);
        Assert.Contains("/api/admin/users/{id:int}", admin.Value, StringComparison.Ordinal);
        Assert.Contains("No rate limiting in this app", section, StringComparison.Ordinal);

        // Open endpoints before signed-in ones.
        Assert.True(section.LastIndexOf("ep-open", StringComparison.Ordinal) < section.IndexOf("ep-closed", StringComparison.Ordinal));
        Assert.Contains("<a href=\"#endpoints\">Who can call what</a>: ", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_by_environment_shows_what_production_lacks_masked()
    {
        var section = Regex.Match(Html, "<section id=\"configuration\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("<code>Stripe:WebhookSecret</code>", section, StringComparison.Ordinal);
        Assert.Contains("Defined nowhere.", section, StringComparison.Ordinal);
        Assert.Contains("<code>STRIPE_SECRET_KEY</code>", section, StringComparison.Ordinal);
        Assert.Contains("sk_live_****** (56 chars)", section, StringComparison.Ordinal);
        Assert.Contains("Missing in Production.", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>PORT</code>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_format_is_accepted_and_written_to_the_output_file()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", "var b = WebApplication.CreateBuilder(args);\nvar app = b.Build();\napp.UseDeveloperExceptionPage();\n");
        var output = Path.Combine(workspace.Root, "report.html");
        var (exit, stdout, stderr) = CliRunner.Check(workspace.Root, "--format", "html", "--output", output);
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Empty(stderr);
        Assert.StartsWith("<!doctype html>", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_details_name_rules_switched_off_and_files_skipped_with_the_reason()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("readiness.json", "{ \"rules\": { \"RDY2002\": \"off\", \"RDY2001\": \"warning\" } }");
        workspace.Write("Program.cs", "var b = WebApplication.CreateBuilder(args);\nvar app = b.Build();\napp.UseDeveloperExceptionPage();\n");
        workspace.Write("Big.cs", "// " + new string('x', 4096) + "\n");
        var (_, html, _) = CliRunner.Check(workspace.Root, "--format", "html", "--max-file-size", "2");
        var run = Regex.Match(html, "<section id=\"run\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("<li><code>RDY2002</code> — CORS allows any website</li>", run, StringComparison.Ordinal);
        Assert.Contains("<code>RDY2001</code> → warning", run, StringComparison.Ordinal);
        Assert.Matches("<li><code>Big.cs</code> — [^<]+</li>", run);
        Assert.Contains("<dt>Files analysed</dt>", run, StringComparison.Ordinal);
        Assert.Matches("Nearly ready: 1 problem will hurt", html);
    }

    // Every value in the sample's settings and .env files that the engine calls a secret, and every connection-string password.
    private static IEnumerable<string> SampleSecrets()
    {
        var sample = Path.Combine(RepoPaths.Samples, "VibeShop");
        foreach (var file in Directory.GetFiles(sample, "appsettings*.json").Append(Path.Combine(sample, ".env")))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var pair = Regex.Match(line, @"""(?<key>[^""]+)""\s*:\s*""(?<value>[^""]+)""|^(?:export\s+)?(?<key>[A-Z_]+)=""?(?<value>[^""]+)""?");
                if (!pair.Success)
                {
                    continue;
                }

                var value = pair.Groups["value"].Value.Replace(@"\\", @"\", StringComparison.Ordinal);
                if (SecretClassifier.Classify(pair.Groups["key"].Value, value) is { } verdict)
                {
                    yield return verdict.Secret;
                }

                if (Regex.Match(value, "Password=(?<p>[^;]+)", RegexOptions.IgnoreCase) is { Success: true } password)
                {
                    yield return password.Groups["p"].Value;
                }
            }
        }
    }

    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    private static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"\b(?:src|href|action|srcset|xlink:href)\s*=\s*[""'](?<value>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();
}
