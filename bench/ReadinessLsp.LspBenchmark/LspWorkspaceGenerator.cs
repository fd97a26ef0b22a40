using System.Text;
using ReadinessLsp.Benchmarks.Synthetic;

namespace ReadinessLsp.LspBenchmark;

/// <summary>
/// The language-server benchmark's workspace: the scan benchmark's synthetic ASP.NET Core workspace
/// (the same generator, linked in), a Program.cs with a finding to open, and one 2,000-line file
/// to edit. Deterministic for a given file count.
/// </summary>
internal static class LspWorkspaceGenerator
{
    public const string OpenFile = "src/App/Program.cs";
    public const string LargeFile = "src/App/Services/LargeService.cs";

    /// <summary>The first generated project's Program.cs and DbContext.</summary>
    public static string ProjectProgram => Path.Combine(FirstProject, "Program.cs");

    public static string ProjectDbContext => Path.Combine(FirstProject, "Data", "AppDbContext.cs");

    private static string FirstProject => SyntheticWorkspaceGenerator.ProjectFolder(0);

    public static string Program => """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        app.MapControllers();
        app.Run();
        """;

    /// <summary>The scan benchmark's workspace, plus the document to open and the 2,000-line file to edit.</summary>
    public static void Generate(string root, int files)
    {
        new SyntheticWorkspaceGenerator(Math.Max(1, files - 2)).Generate(root);
        Write(root, OpenFile, Program);
        Write(root, LargeFile, LargeService(2000));
    }

    public static string LargeService(int lines)
    {
        var sb = new StringBuilder("namespace App.Services;\n\npublic sealed class LargeService\n{\n");
        var method = 0;
        while (CountLines(sb) < lines - 12)
        {
            sb.Append($"    // Step {method}: keeps a running total for report {method}.\n");
            sb.Append($"    public int Compute{method}(int[] values)\n    {{\n        var total = 0;\n");
            sb.Append("        foreach (var value in values)\n        {\n            total += value * 2;\n        }\n\n");
            sb.Append("        return total;\n    }\n\n");
            method++;
        }

        sb.Append("    public void Configure(WebApplication app)\n    {\n        app.UseDeveloperExceptionPage();\n    }\n}\n");
        return sb.ToString();
    }

    private static int CountLines(StringBuilder sb)
    {
        var count = 0;
        for (var i = 0; i < sb.Length; i++)
        {
            if (sb[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
