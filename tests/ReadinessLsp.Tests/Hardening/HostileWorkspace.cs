using System.Diagnostics;
using System.Text;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>
/// A workspace of files that try to break a scanner: nesting ten thousand deep, binary and invalid
/// UTF-8 content under source names, unterminated literals, symlink loops, a FIFO and a device
/// behind source names, an unreadable file and a .gitignore written to make regexes backtrack.
/// Beside them, one ordinary Program.cs whose finding proves the scan went on.
/// </summary>
internal static class HostileWorkspace
{
    public const int Depth = 10_000;

    public const string RiskyProgram = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.UseDeveloperExceptionPage();\napp.Run();\n";

    /// <summary>Files the C# parser must not be handed: their nesting would take it minutes.</summary>
    public static readonly string[] TooDeepForTheParser = ["DeepParentheses.cs", "DeepBrackets.cs", "DeepInterpolation.cs", "DeepBlocks.cs"];

    public static void Create(TempWorkspace workspace)
    {
        // Every file names something a rule looks for, so each is really parsed and walked.
        const string prefix = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n";
        workspace.Write("Program.cs", RiskyProgram);
        workspace.Write("DeepParentheses.cs", prefix + "if (" + Repeat("(", Depth) + "app.Environment.IsDevelopment()" + Repeat(")", Depth) + ") { app.UseDeveloperExceptionPage(); }\n");
        workspace.Write("DeepBrackets.cs", prefix + "var x = " + Repeat("[", Depth) + "1" + Repeat("]", Depth) + ";\n");
        workspace.Write("DeepInterpolation.cs", prefix + "var s = " + Repeat("$\"{", Depth) + "1" + Repeat("}\"", Depth) + ";\n");
        workspace.Write("DeepBlocks.cs", "class C { void M(IApplicationBuilder app) {" + Repeat("{", Depth) + "app.UseDeveloperExceptionPage();" + Repeat("}", Depth) + "} }\n");
        workspace.Write("NestedBlocks.cs", "class C { void M(IApplicationBuilder app) {" + Repeat("{", 250) + "app.UseDeveloperExceptionPage();" + Repeat("}", 250) + "} }\n");
        workspace.Write("DeepLambdas.cs", prefix + "Func<object> f = " + Repeat("() => ", Depth) + "app.UseDeveloperExceptionPage();\n");
        workspace.Write("DeepIfs.cs", prefix + Repeat("if (app.Environment.IsDevelopment()) ", Depth) + "app.UseDeveloperExceptionPage();\n");
        workspace.Write("LongCondition.cs", prefix + "if (" + string.Join(" && ", Enumerable.Range(0, Depth).Select(i => "isDevelopment" + i)) + ") { app.UseDeveloperExceptionPage(); }\n");
        workspace.Write("LongSectionChain.cs", prefix + "var v = builder.Configuration" + Repeat(".GetSection(\"a\")", Depth) + "[\"Key\"];\n");
        workspace.Write("LongFluentChain.cs", prefix + "builder.Services.AddCors(o => o.AddPolicy(\"p\", p => p.AllowAnyOrigin()" + Repeat(".AllowAnyHeader()", Depth) + "));\n");
        workspace.Write("LongTernary.cs", prefix + "var z = " + Repeat("isDevelopment ? a : ", 3000) + "app.UseDeveloperExceptionPage();\n");

        // Syntax alone allows a local initialised from itself; following it must end.
        workspace.Write("SelfReferencingSection.cs", prefix + "var section = section.GetSection(\"Jwt\");\nvar key = section[\"Key\"];\n");
        workspace.Write("Unterminated.cs", prefix + "var s = \"never closed\n/* never closed\napp.UseDeveloperExceptionPage();\n");
        workspace.Write("UnterminatedRaw.cs", prefix + "var s = \"\"\"\nraw, never closed\napp.UseDeveloperExceptionPage();\n");
        workspace.Write("appsettings.json", "{\"Logging\": {\"LogLevel\": \"unterminated\n");
        workspace.Write("deep/appsettings.json", "{\"a\":" + Repeat("[", Depth) + Repeat("]", Depth) + "}");
        workspace.Write("deep/appsettings.Production.json", "{" + Repeat("\"a\":{", Depth) + "\"b\":1" + Repeat("}", Depth) + "}");
        workspace.Write("deep/Deep.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">" + Repeat("<a>", Depth) + Repeat("</a>", Depth) + "</Project>");
        workspace.Write("deep/.env", "KEY=\"unterminated\nOTHER=" + Repeat("=", 5000) + "\n");

        var random = new Random(3);
        var binary = new byte[100_000];
        random.NextBytes(binary);
        binary[10] = 0;
        File.WriteAllBytes(Path.Combine(workspace.Root, "Binary.cs"), binary);
        File.WriteAllBytes(Path.Combine(workspace.Root, "HighBytes.cs"), [.. Enumerable.Range(0, 50_000).Select(i => (byte)(0x80 + (i % 0x80)))]);
        File.WriteAllBytes(Path.Combine(workspace.Root, "InvalidUtf8.cs"), [.. Encoding.UTF8.GetBytes(prefix + "var s = \""), 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, .. Encoding.UTF8.GetBytes("\";\napp.UseDeveloperExceptionPage();\n")]);

        // Hand-written .gitignore files never look like this: catastrophic backtracking and a range git rejects.
        workspace.Write(".gitignore", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c\n[z-a]\n[\n");
        workspace.Write(new string('a', 200) + ".cs", prefix);

        Directory.CreateDirectory(Path.Combine(workspace.Root, "loop"));
        Directory.CreateSymbolicLink(Path.Combine(workspace.Root, "loop", "parent"), "..");
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "LoopA.cs"), "LoopB.cs");
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "LoopB.cs"), "LoopA.cs");
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "Zero.cs"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(workspace.Root, "Random.cs"), "/dev/urandom");
        MakeFifo(Path.Combine(workspace.Root, "Fifo.cs"));
        MakeFifo(Path.Combine(workspace.Root, "pipes", ".env"));

        var locked = workspace.Write("Locked.cs", RiskyProgram);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(locked, UnixFileMode.None);
        }
    }

    /// <summary>Root reads any file whatever its mode, so an unreadable file can only be tested as another user.</summary>
    public static bool CanTestUnreadable => !Environment.IsPrivilegedProcess;

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
