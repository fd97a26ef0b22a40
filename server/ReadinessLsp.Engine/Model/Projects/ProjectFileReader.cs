using System.Xml;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Projects;

/// <summary>
/// Reads <c>.csproj</c> and solution files as data. Project files of an untrusted repository can
/// run code when MSBuild evaluates them, so they are only ever parsed as XML (no DTDs, no external
/// entities, no imports followed) and property values with <c>$(...)</c> are left unresolved.
/// </summary>
internal static class ProjectFileReader
{
    private static readonly XmlReaderSettings Safe = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersInDocument = 16 * 1024 * 1024,
    };

    /// <summary>The project's facts, or null when the file is not readable XML (it would not build either).</summary>
    public static ProjectFact? ReadProject(string path, string text)
    {
        var document = Load(text);
        if (document?.DocumentElement is not { } root || root.LocalName != "Project")
        {
            return null;
        }

        var folder = System.IO.Path.GetDirectoryName(path)!;
        var sdk = root.GetAttribute("Sdk");
        var packages = new List<string>();
        var projects = new List<string>();
        var declaredTest = false;
        foreach (var element in root.SelectNodes("//*")!.OfType<XmlElement>())
        {
            switch (element.LocalName)
            {
                case "Sdk" when string.IsNullOrEmpty(sdk):
                    sdk = element.GetAttribute("Name");
                    break;
                case "Import" when string.IsNullOrEmpty(sdk) && element.GetAttribute("Sdk") is { Length: > 0 } imported:
                    sdk = imported;
                    break;
                case "PackageReference":
                    var package = Include(element) ?? element.GetAttribute("Update");
                    if (!string.IsNullOrEmpty(package))
                    {
                        packages.Add(package);
                    }

                    break;
                case "ProjectReference" when Include(element) is { } reference && !reference.Contains("$(", StringComparison.Ordinal):
                    projects.Add(Resolve(folder, reference));
                    break;
                case "IsTestProject":
                    declaredTest = element.InnerText.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
                    break;
            }
        }

        return new ProjectFact(path, sdk ?? string.Empty, declaredTest, packages.Distinct(StringComparer.OrdinalIgnoreCase).ToEquatableArray(), projects.ToEquatableArray());
    }

    /// <summary>The project files a solution includes: <c>.sln</c> text lines, <c>.slnx</c> XML, <c>.slnf</c> JSON.</summary>
    public static SolutionFact ReadSolution(string path, string text)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var projects = new List<string>();
        if (path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var element in Load(text)?.SelectNodes("//*[local-name()='Project']")?.OfType<XmlElement>() ?? [])
            {
                if (element.GetAttribute("Path") is { Length: > 0 } project)
                {
                    projects.Add(Resolve(folder, project));
                }
            }
        }
        else if (path.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase))
        {
            projects.AddRange(SolutionFilterProjects(folder, text));
        }
        else
        {
            // Project("{type-guid}") = "Name", "src\Api\Api.csproj", "{project-guid}"
            foreach (var line in text.Split('\n'))
            {
                if (!line.StartsWith("Project(", StringComparison.Ordinal))
                {
                    continue;
                }

                var parts = line.Split('"');
                if (parts.Length > 5 && parts[5].EndsWith("proj", StringComparison.OrdinalIgnoreCase))
                {
                    projects.Add(Resolve(folder, parts[5]));
                }
            }
        }

        return new SolutionFact(path, projects.ToEquatableArray());
    }

    private static IEnumerable<string> SolutionFilterProjects(string folder, string text)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (json.RootElement.TryGetProperty("solution", out var solution) &&
                solution.TryGetProperty("path", out var solutionPath) && solutionPath.GetString() is { } slnPath &&
                solution.TryGetProperty("projects", out var projects) && projects.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                var slnFolder = System.IO.Path.GetDirectoryName(Resolve(folder, slnPath))!;
                return [.. projects.EnumerateArray().Select(p => p.GetString()).OfType<string>().Select(p => Resolve(slnFolder, p))];
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return [];
    }

    private static string? Include(XmlElement element) =>
        element.GetAttribute("Include") is { Length: > 0 } include ? include : null;

    private static string Resolve(string folder, string relative) =>
        Workspace.PathNormalizer.Normalize(System.IO.Path.Combine(folder, relative.Replace('\\', System.IO.Path.DirectorySeparatorChar)));

    private static XmlDocument? Load(string text)
    {
        try
        {
            var document = new XmlDocument { XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(text), Safe);
            document.Load(reader);
            return document;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
