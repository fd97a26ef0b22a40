using System.Text;

namespace ReadinessLsp.LspBenchmark;

/// <summary>
/// A synthetic ASP.NET Core workspace for the language-server benchmark: services, controllers and
/// models in many folders, appsettings files, a Program.cs with a finding, and one 2,000-line file
/// to edit. Deterministic for a given file count. Kept small and self-contained so it can give way
/// to the shared generator of the scan benchmark.
/// </summary>
internal static class LspWorkspaceGenerator
{
    public const string OpenFile = "src/App/Program.cs";
    public const string LargeFile = "src/App/Services/LargeService.cs";

    public static string Program => """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        app.MapControllers();
        app.Run();
        """;

    public static void Generate(string root, int files)
    {
        Write(root, OpenFile, Program);
        Write(root, LargeFile, LargeService(2000));
        Write(root, "src/App/appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } }, "AllowedHosts": "*" }""");
        Write(root, "src/App/appsettings.Development.json", """{ "Logging": { "LogLevel": { "Default": "Debug" } } }""");
        Write(root, ".gitignore", "bin/\nobj/\n");
        for (var i = 0; i < files - 5; i++)
        {
            var module = $"Module{i / 100:D3}";
            var (folder, text) = (i % 4) switch
            {
                0 => ("Controllers", Controller(module, i)),
                1 => ("Services", Service(module, i)),
                2 => ("Models", Model(module, i)),
                _ => ("Data", Repository(module, i)),
            };
            Write(root, $"src/{module}/{folder}/Type{i}.cs", text);
        }
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

    private static string Controller(string module, int i) => $$"""
        using Microsoft.AspNetCore.Mvc;

        namespace App.{{module}}.Controllers;

        [ApiController]
        [Route("api/{{module.ToLowerInvariant()}}/items{{i}}")]
        public sealed class Type{{i}}Controller(Type{{i + 1}}Service service) : ControllerBase
        {
            [HttpGet("{id:int}")]
            public async Task<IActionResult> Get(int id, CancellationToken cancellationToken)
            {
                var item = await service.FindAsync(id, cancellationToken);
                return item is null ? NotFound() : Ok(item);
            }

            [HttpGet]
            public async Task<IActionResult> List([FromQuery] int page = 1, CancellationToken cancellationToken = default) =>
                Ok(await service.PageAsync(page, 50, cancellationToken));
        }
        """;

    private static string Service(string module, int i) => $$"""
        namespace App.{{module}}.Services;

        public sealed class Type{{i}}Service(ILogger<Type{{i}}Service> logger)
        {
            public Task<object?> FindAsync(int id, CancellationToken cancellationToken)
            {
                logger.LogInformation("Finding {Id}", id);
                return Task.FromResult<object?>(id > 0 ? new { Id = id } : null);
            }

            public Task<IReadOnlyList<object>> PageAsync(int page, int size, CancellationToken cancellationToken)
            {
                var items = Enumerable.Range((page - 1) * size, size).Select(n => (object)new { Id = n }).ToList();
                return Task.FromResult<IReadOnlyList<object>>(items);
            }
        }
        """;

    private static string Model(string module, int i) => $$"""
        using System.ComponentModel.DataAnnotations;

        namespace App.{{module}}.Models;

        public sealed class Type{{i}}
        {
            public int Id { get; set; }

            [Required, MaxLength(200)]
            public string Name { get; set; } = string.Empty;

            public decimal Price { get; set; }

            public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
        }
        """;

    private static string Repository(string module, int i) => $$"""
        namespace App.{{module}}.Data;

        public sealed class Type{{i}}Repository
        {
            private readonly Dictionary<int, string> _items = new();

            public string? Find(int id) => _items.TryGetValue(id, out var value) ? value : null;

            public void Save(int id, string value)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new ArgumentException("A value is required", nameof(value));
                }

                _items[id] = value;
            }
        }
        """;

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
