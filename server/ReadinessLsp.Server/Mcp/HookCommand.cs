using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using Serilog;
using Serilog.Events;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// <c>readiness hook [DIR]</c>: a post-edit hook for agents that run a command after each edit
/// (Claude Code's <c>PostToolUse</c>). Reads the hook's JSON on stdin, checks the edited file with
/// the whole workspace's knowledge, and answers in the hook's format: with errors or warnings, a
/// <c>"decision": "block"</c> whose reason lists what to fix first (the agent sees it at once);
/// with only hints, the same list as additional context; when clean, nothing. It exits 0 whenever
/// it could check (the agent reads the JSON only then), and 1 with a line on stderr when the input
/// is not a hook's JSON.
/// </summary>
internal static class HookCommand
{
    private const int MaxListed = 8;

    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        JsonNode? input;
        try
        {
            input = JsonNode.Parse(stdin.ReadToEnd());
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"readiness hook: stdin is not the hook's JSON: {e.Message}");
            return 1;
        }

        var edited = EditedFile(input);
        if (edited is null)
        {
            return 0; // not a file edit (a shell command, a search): nothing to check
        }

        var folder = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("CLAUDE_PROJECT_DIR") ?? (string?)input?["cwd"] ?? Environment.CurrentDirectory;
        if (!Directory.Exists(folder))
        {
            stderr.WriteLine($"readiness hook: folder '{folder}' does not exist");
            return 1;
        }

        var root = PathNormalizer.Normalize(folder);
        var path = PathNormalizer.Normalize(Path.IsPathRooted(edited) ? edited : Path.Combine(root, edited));
        if (!PathNormalizer.IsBelow(root, path) || FileClassifier.Classify(path) == FileKind.Other)
        {
            return 0;
        }

        using var log = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
        var run = CheckRun.Check(ReadinessEngine.CreateDefault(log), [WorkspaceRoot.Load(root).Root], log);
        var findings = FindingOrder.MostSevereFirst(run.State.FindingsOf(path));
        if (findings.Count == 0)
        {
            return 0;
        }

        var report = Report(run.State, findings);
        var answer = findings[0].Severity <= Severity.Warning
            ? new JsonObject { ["decision"] = "block", ["reason"] = report }
            : new JsonObject { ["hookSpecificOutput"] = new JsonObject { ["hookEventName"] = (string?)input?["hook_event_name"] ?? "PostToolUse", ["additionalContext"] = report } };
        stdout.WriteLine(answer.ToJsonString(Output));
        return 0;
    }

    /// <summary>The edited file's path from Claude Code's <c>tool_input.file_path</c>, or the same field at the top level.</summary>
    private static string? EditedFile(JsonNode? input)
    {
        var toolInput = input?["tool_input"];
        foreach (var candidate in new[] { toolInput?["file_path"], toolInput?["path"], input?["file_path"] })
        {
            if (candidate is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text;
            }
        }

        return null;
    }

    private static string Report(WorkspaceState state, IReadOnlyList<Engine.Findings.Finding> findings)
    {
        var text = new StringBuilder();
        var items = findings.Select(f => FindingItem.Of(state, f, DiskTextSource.Instance)).ToList();
        text.Append($"Readiness: {items[0].Path} has {Plural(findings.Count, "finding")} ({FindingOrder.Counts(FindingOrder.BySeverity(findings))}). Fix these first:\n");
        foreach (var (item, finding) in items.Zip(findings).Take(MaxListed))
        {
            text.Append(item.ToLine()).Append('\n');
            if (item.Fix is null && RuleText.WhatToDo(finding.HoverMarkdown) is { } whatToDo)
            {
                text.Append("  what to do: ").Append(FirstSentence(whatToDo)).Append('\n');
            }
        }

        if (findings.Count > MaxListed)
        {
            text.Append($"...and {findings.Count - MaxListed} more.\n");
        }

        text.Append("With the readiness MCP server: explain_finding(id) says why, get_fix(id) gives the edit, check_files confirms.");
        return text.ToString();
    }

    private static string FirstSentence(string text)
    {
        var flat = string.Join(' ', text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var end = flat.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? flat : flat[..(end + 1)];
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
