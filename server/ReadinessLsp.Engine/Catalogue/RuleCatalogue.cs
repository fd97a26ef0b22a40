using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ReadinessLsp.Engine.Catalogue;

/// <summary>
/// Every rule the engine knows, loaded from the YAML files embedded from <c>rules/</c> and
/// validated at start: a bad file stops the load with a message naming file and field.
/// </summary>
internal sealed partial class RuleCatalogue
{
    public const string DocsBaseUri = "https://github.com/readiness-lsp/readiness-lsp/blob/main/README.md";

    public static readonly IReadOnlyList<string> FileKinds = ["csharp", "appsettings", "env", "launchsettings"];

    private static readonly Lazy<RuleCatalogue> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, RuleDescriptor> _byId;

    public RuleCatalogue(IEnumerable<RuleDescriptor> rules)
    {
        _byId = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            if (!_byId.TryAdd(rule.Id, rule))
            {
                throw new RuleCatalogueException(rule.SourceFile, "id", $"{rule.Id} is also defined in {_byId[rule.Id].SourceFile}");
            }
        }

        Rules = [.. _byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    public IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>The catalogue shipped inside the engine.</summary>
    public static RuleCatalogue Default => Embedded.Value;

    public RuleDescriptor this[string id] => _byId[id];

    public bool TryGet(string id, out RuleDescriptor rule) => _byId.TryGetValue(id, out rule!);

    /// <summary>Parses and validates one rule file. <paramref name="fileName"/> is used in errors and checked against the id.</summary>
    public static RuleDescriptor Parse(string fileName, string yaml)
    {
        RuleFile file;
        try
        {
            file = Deserializer.Deserialize<RuleFile>(yaml) ?? throw new RuleCatalogueException(fileName, "(file)", "the file is empty");
        }
        catch (YamlException e)
        {
            var field = e.InnerException?.Message ?? e.Message;
            var match = PropertyNotFound().Match(field);
            throw match.Success
                ? new RuleCatalogueException(fileName, match.Groups[1].Value, $"unknown field (line {e.Start.Line})")
                : new RuleCatalogueException(fileName, "(yaml)", $"line {e.Start.Line}, column {e.Start.Column}: {field}");
        }

        return Validate(fileName, file);
    }

    private static RuleDescriptor Validate(string fileName, RuleFile file)
    {
        var id = Required(fileName, "id", file.Id);
        if (!RuleId().IsMatch(id))
        {
            throw new RuleCatalogueException(fileName, "id", $"'{id}' must look like RDY1234");
        }

        var name = Path.GetFileName(fileName);
        if (!name.StartsWith(id + ".", StringComparison.Ordinal))
        {
            throw new RuleCatalogueException(fileName, "id", $"'{id}' must match the file name ({id}.slug.yaml)");
        }

        var slug = name[(id.Length + 1)..].Replace(".yaml", string.Empty, StringComparison.Ordinal);
        var title = Required(fileName, "title", file.Title);
        var severityText = Required(fileName, "severity", file.Severity);
        if (!SeverityNames.TryParse(severityText, out var severity))
        {
            throw new RuleCatalogueException(fileName, "severity", $"'{severityText}' is not one of {string.Join(", ", SeverityNames.All)}");
        }

        var category = Required(fileName, "category", file.Category);
        if (!RuleCategory.All.Contains(category))
        {
            throw new RuleCatalogueException(fileName, "category", $"'{category}' is not one of {string.Join(", ", RuleCategory.All)}");
        }

        var appliesTo = file.AppliesTo ?? throw new RuleCatalogueException(fileName, "appliesTo", "is required");
        var unknownKind = appliesTo.FirstOrDefault(k => !FileKinds.Contains(k));
        if (appliesTo.Count == 0 || unknownKind is not null)
        {
            throw new RuleCatalogueException(fileName, "appliesTo", $"must list one or more of {string.Join(", ", FileKinds)}");
        }

        RuleFixText? fix = null;
        if (file.Fix is not null)
        {
            fix = new RuleFixText(Required(fileName, "fix.title", file.Fix.Title), Required(fileName, "fix.description", file.Fix.Description));
        }

        var docs = Required(fileName, "docs", file.Docs);
        if (!Anchor().IsMatch(docs))
        {
            throw new RuleCatalogueException(fileName, "docs", $"'{docs}' must be a lowercase anchor (letters, digits, dashes)");
        }

        var message = Required(fileName, "message", file.Message).Trim();
        var hover = Required(fileName, "hover", file.Hover).Trim();
        var examples = file.Examples ?? [];
        var unexampled = Placeholder().Matches(message + hover).Select(m => m.Groups[1].Value).FirstOrDefault(p => !examples.ContainsKey(p));
        if (unexampled is not null)
        {
            // Without an example, documentation rendered outside a finding would show a raw "{name}".
            throw new RuleCatalogueException(fileName, "examples", $"needs an example value for the placeholder {{{unexampled}}}");
        }

        return new RuleDescriptor(
            id,
            slug,
            title,
            severity,
            category,
            appliesTo,
            message,
            Required(fileName, "summary", file.Summary).Trim(),
            hover,
            fix,
            examples,
            docs,
            fileName,
            file.EnabledByDefault ?? true);
    }

    private static string Required(string fileName, string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new RuleCatalogueException(fileName, field, "is required") : value;

    private static RuleCatalogue LoadEmbedded()
    {
        var assembly = typeof(RuleCatalogue).Assembly;
        var rules = new List<RuleDescriptor>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            rules.Add(Parse(name, reader.ReadToEnd()));
        }

        return new RuleCatalogue(rules);
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    [GeneratedRegex("^RDY[1-9][0-9]{3}$")]
    private static partial Regex RuleId();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("Property '([^']+)' not found")]
    private static partial Regex PropertyNotFound();
}
