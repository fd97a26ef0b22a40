using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// "Supply it from the environment": the committed value becomes <c>""</c> and the variable's name
/// is documented in <c>.env.example</c>. One fix for every rule that finds a credential in a
/// settings file (a secret, a connection-string password).
/// </summary>
internal static class MoveToEnvironmentFix
{
    public static Fix Create(string settingsFile, LinePositionSpan valueRange, string configKey) =>
        new(null, [new FileEdit(settingsFile, valueRange, "\"\"")], new AddEnvTemplateName(settingsFile, configKey));
}
