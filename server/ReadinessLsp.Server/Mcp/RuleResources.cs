using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ReadinessLsp.Engine.Analysis;

namespace ReadinessLsp.Server.Mcp;

/// <summary>The rule catalogue as resources: an index, and each rule's documentation by id.</summary>
[McpServerResourceType]
internal sealed class RuleResources(ReadinessEngine engine)
{
    public const string Scheme = "readiness://rules";

    [McpServerResource(UriTemplate = Scheme, Name = "rules", Title = "Readiness rules", MimeType = "text/markdown")]
    [Description("Every rule: id, severity, category and title.")]
    public string Rules() => RuleText.Index(engine.Catalogue);

    [McpServerResource(UriTemplate = Scheme + "/{id}", Name = "rule", Title = "Readiness rule documentation", MimeType = "text/markdown")]
    [Description("One rule's documentation: what it finds, why it matters in production, how to fix it, how to silence it.")]
    public TextResourceContents Rule(string id)
    {
        if (!engine.Catalogue.TryGet(id.Trim().ToUpperInvariant(), out var rule))
        {
            throw new McpException($"No rule '{id}'. {Scheme} lists them.");
        }

        return new TextResourceContents { Uri = $"{Scheme}/{rule.Id}", MimeType = "text/markdown", Text = RuleText.Document(rule) };
    }
}
