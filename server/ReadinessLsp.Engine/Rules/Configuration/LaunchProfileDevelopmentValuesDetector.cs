using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2130: a launch profile meant to behave like Production carries Development values: a
/// profile named for production that sets <c>ASPNETCORE_ENVIRONMENT=Development</c>, or a
/// non-Development profile that turns on detailed errors or Debug logging.
/// </summary>
internal sealed class LaunchProfileDevelopmentValuesDetector : IDocumentDetector
{
    public string RuleId => "RDY2130";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.LaunchSettings];

    public void Analyze(DocumentContext context)
    {
        foreach (var variable in LaunchProfiles.Read(context.Document))
        {
            var value = variable.Entry.Value;
            var name = variable.Name;
            string? safe = null;
            if (IsEnvironmentVariable(name) && variable.Profile.IsDevelopment && variable.Profile.Name.Contains("prod", StringComparison.OrdinalIgnoreCase))
            {
                safe = "Production";
            }
            else if (!variable.Profile.IsDevelopment && (name.Equals("ASPNETCORE_DETAILEDERRORS", StringComparison.OrdinalIgnoreCase) || name.EndsWith("__DetailedErrors", StringComparison.OrdinalIgnoreCase)) &&
                (value.Text.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Text == "1"))
            {
                safe = "false";
            }
            else if (!variable.Profile.IsDevelopment && value.Kind == JsonNodeKind.String &&
                Config.LogLevels.IsVerbose(value.Text) && Config.LogLevels.IsLogLevelKey(Config.Env.EnvNames.ToConfigKey(name)))
            {
                safe = "Information";
            }

            if (safe is null)
            {
                continue;
            }

            var span = value.Kind == JsonNodeKind.String ? value.ContentSpan : value.Span;
            var replacement = value.Kind == JsonNodeKind.String || safe != "false" ? safe : "false";
            context.Report(
                span,
                new Dictionary<string, string> { ["profile"] = variable.Profile.Name, ["name"] = name, ["value"] = value.Text, ["environment"] = variable.Profile.Environment },
                [context.Replace(span, replacement)]);
        }
    }

    private static bool IsEnvironmentVariable(string name) =>
        name.Equals("ASPNETCORE_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || name.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);
}
