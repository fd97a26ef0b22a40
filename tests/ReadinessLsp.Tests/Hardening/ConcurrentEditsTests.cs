using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Server.Lsp;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Protocol;
using ReadinessLsp.Tests.Lsp;
using ReadinessLsp.Tests.Support;
using Serilog.Core;
using LspRange = ReadinessLsp.Server.Protocol.Range;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>
/// Hundreds of edits across several open files, faster than analysis, with hovers and code actions
/// cancelled halfway and rescans of the whole workspace running underneath. Whatever the
/// interleaving, the last diagnostics the client holds for each file are what the engine finds in
/// the files' final texts, and the whole session ends within a watchdog's time (no deadlock).
/// </summary>
public sealed class ConcurrentEditsTests
{
    private static readonly string[] Snippets =
    [
        "app.UseDeveloperExceptionPage();",
        "var key = builder.Configuration[\"Payments:Key\"];",
        "var other = builder.Configuration[\"Mail:From\"];",
        "// a comment",
        "builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));",
    ];

    [Theory]
    [InlineData(1234)]
    [InlineData(99)]
    public async Task Final_diagnostics_match_the_final_texts_after_hundreds_of_concurrent_edits(int seed)
    {
        using var workspace = new TempWorkspace();
        var files = new Dictionary<string, SourceText>
        {
            [workspace.Write("Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n")] = SourceText.From(string.Empty),
            [workspace.Write("Api/Setup.cs", "class Setup { void M(WebApplication app, WebApplicationBuilder builder) {\n}\n}\n")] = SourceText.From(string.Empty),
            [workspace.Write("Api/More.cs", "class More { void M(WebApplication app, WebApplicationBuilder builder) {\n}\n}\n")] = SourceText.From(string.Empty),
            [workspace.Write("appsettings.json", "{\n  \"Mail\": { \"From\": \"x@example.com\" }\n}\n")] = SourceText.From(string.Empty),
        };
        foreach (var path in files.Keys.ToList())
        {
            files[path] = SourceText.From(File.ReadAllText(path));
        }

        using var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var client = LspTestClient.Start(options: new ServerOptions { Debounce = TimeSpan.FromMilliseconds(2), FreshResultTimeout = TimeSpan.FromSeconds(2) });
        await client.InitializeAsync(workspace.Root);
        var versions = files.Keys.ToDictionary(p => p, _ => 1);
        foreach (var (path, text) in files)
        {
            await client.OpenAsync(path, text.ToString());
        }

        var random = new Random(seed);
        var requests = new List<Task>();
        for (var step = 0; step < 400; step++)
        {
            watchdog.Token.ThrowIfCancellationRequested();
            var path = files.Keys.ElementAt(random.Next(files.Count));
            var text = files[path];
            var (change, newText) = path.EndsWith(".json", StringComparison.Ordinal) ? EditSettings(text, random) : EditCode(text, random);
            files[path] = newText;
            await client.ChangeAsync(path, ++versions[path], change);

            if (step % 25 == 0)
            {
                // A rescan underneath, and requests the client gives up on.
                _ = client.RequestAsync<object?>("workspace/executeCommand", new ExecuteCommandParams(Server.Lsp.Handlers.InitializeHandler.RescanCommand, null));
                using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(1, 20)));
                requests.Add(Swallow(client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(path)), new Position(0, 0)), cancelled.Token)));
                requests.Add(Swallow(client.RequestAsync<object>("textDocument/codeAction", new { textDocument = new { uri = DocumentUri.FromPath(path) }, range = new LspRange(new Position(0, 0), new Position(1, 0)), context = new { diagnostics = Array.Empty<object>() } }, cancelled.Token)));
            }
        }

        await Task.WhenAll(requests).WaitAsync(watchdog.Token);

        // The engine on the final texts, as the check command would see them saved.
        foreach (var (path, text) in files)
        {
            File.WriteAllText(path, text.ToString());
        }

        var expected = CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [workspace.Root], Logger.None).Findings
            .GroupBy(f => f.Path)
            .ToDictionary(g => g.Key, g => g.Select(f => $"{f.RuleId}@{f.Range}").Order().ToList());
        Assert.True(expected.Count >= 2, "the edits should leave findings in several files");
        foreach (var path in files.Keys)
        {
            _ = await client.WaitForDiagnosticsAsync(path, p => p.Version == versions[path], timeoutMs: 30000);
            await Task.Delay(50, watchdog.Token);
            var latest = client.Latest(path)!;
            Assert.Equal(versions[path], latest.Version);
            var actual = latest.Diagnostics.Select(d => $"{d.Code}@{TextPositions.ToSpan(d.Range)}").Select(Normalise).Order().ToList();
            Assert.Equal(expected.GetValueOrDefault(path, []).Select(Normalise).Order(), actual);
        }

        // Still serving: a plain hover answers.
        var program = files.Keys.First(p => p.EndsWith("Program.cs", StringComparison.Ordinal));
        await client.RequestAsync<Hover?>("textDocument/hover", new HoverParams(new TextDocumentIdentifier(DocumentUri.FromPath(program)), new Position(0, 0)), watchdog.Token);
    }

    // LinePositionSpan prints as "(l,c)-(l,c)"; the diagnostic side prints its two positions the same way.
    private static string Normalise(string finding) => finding.Replace(" ", string.Empty, StringComparison.Ordinal);

    // Insert a snippet line, or delete a line, inside the code's body.
    private static (TextDocumentContentChangeEvent Change, SourceText Text) EditCode(SourceText text, Random random)
    {
        var lines = text.Lines;
        var line = random.Next(1, Math.Max(2, lines.Count - 1));
        if (random.Next(3) == 0 && lines.Count > 4 && line < lines.Count - 2)
        {
            var span = lines[line].SpanIncludingLineBreak;
            return (Change(line, 0, line + 1, 0, string.Empty), text.WithChanges(new TextChange(span, string.Empty)));
        }

        var snippet = Snippets[random.Next(Snippets.Length)] + "\n";
        return (Change(line, 0, line, 0, snippet), text.WithChanges(new TextChange(new TextSpan(lines[line].Start, 0), snippet)));
    }

    // Toggle a key code reads: defining it clears "read but defined nowhere" in another open file.
    private static (TextDocumentContentChangeEvent Change, SourceText Text) EditSettings(SourceText text, Random random)
    {
        var defined = text.ToString().Contains("Payments", StringComparison.Ordinal);
        var newText = defined
            ? "{\n  \"Mail\": { \"From\": \"x@example.com\" }\n}\n"
            : "{\n  \"Mail\": { \"From\": \"x@example.com\" },\n  \"Payments\": { \"Key\": \"\" }\n}\n";
        var end = text.Lines.GetLinePosition(text.Length);
        return (Change(0, 0, end.Line, end.Character, newText), SourceText.From(newText));
    }

    private static TextDocumentContentChangeEvent Change(int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        new(new LspRange(new Position(startLine, startCharacter), new Position(endLine, endCharacter)), null, text);

    private static async Task Swallow(Task request)
    {
        try
        {
            await request;
        }
        catch (Exception e) when (e is OperationCanceledException or StreamJsonRpc.RemoteInvocationException)
        {
        }
    }
}
