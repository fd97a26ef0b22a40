using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReadinessLsp.Engine.Config.Compose;

/// <summary>
/// The environment variables a Docker Compose file gives its services (<c>services.*.environment</c>,
/// as a list of <c>NAME=value</c> or a map): settings the app receives in the containers it runs in,
/// so a key defined only there is not "defined nowhere". A file YAML cannot read yields nothing.
/// </summary>
internal sealed class ComposeEnvironment
{
    private ComposeEnvironment(IReadOnlyList<ComposeVariable> variables) => Variables = variables;

    public IReadOnlyList<ComposeVariable> Variables { get; }

    public static ComposeEnvironment Parse(SourceDocument document)
    {
        var variables = new List<ComposeVariable>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(document.Text.ToString()));
            foreach (var yaml in stream.Documents)
            {
                if (yaml.RootNode is YamlMappingNode root && Child(root, "services") is YamlMappingNode services)
                {
                    foreach (var service in services.Children.Values.OfType<YamlMappingNode>())
                    {
                        Read(Child(service, "environment"), variables);
                    }
                }
            }
        }
        catch (YamlException)
        {
            // Not valid YAML: nothing is defined by it, and it is not this tool's job to report it.
        }

        return new ComposeEnvironment(variables);
    }

    private static void Read(YamlNode? environment, List<ComposeVariable> variables)
    {
        switch (environment)
        {
            case YamlSequenceNode list:
                foreach (var item in list.Children.OfType<YamlScalarNode>())
                {
                    var text = item.Value ?? string.Empty;
                    var equals = text.IndexOf('=');
                    var name = equals < 0 ? text : text[..equals];
                    Add(variables, name, equals < 0 ? string.Empty : text[(equals + 1)..], item);
                }

                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode name)
                    {
                        Add(variables, name.Value ?? string.Empty, (value as YamlScalarNode)?.Value ?? string.Empty, name);
                    }
                }

                break;
        }
    }

    private static void Add(List<ComposeVariable> variables, string name, string value, YamlScalarNode node)
    {
        name = name.Trim();
        if (name.Length == 0)
        {
            return;
        }

        // YamlDotNet marks are 1-based; the name starts where the scalar does (after any quote).
        var start = new LinePosition((int)node.Start.Line - 1, (int)node.Start.Column - 1);
        var quoted = node.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted ? 1 : 0;
        var from = new LinePosition(start.Line, start.Character + quoted);
        variables.Add(new ComposeVariable(name, value, new LinePositionSpan(from, new LinePosition(from.Line, from.Character + name.Length))));
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;
}

/// <summary>One variable a Compose service sets, with the range of its name.</summary>
internal sealed record ComposeVariable(string Name, string Value, LinePositionSpan NameRange);
