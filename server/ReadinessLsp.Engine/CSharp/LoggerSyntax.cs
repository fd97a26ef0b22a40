using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>Logging calls and loggers, by name, without a compilation.</summary>
internal static class LoggerSyntax
{
    private static readonly HashSet<string> LoggerTypes = ["ILogger", "Logger"];

    /// <summary>
    /// The name of an <c>ILogger</c> the code at <paramref name="node"/> can use: a parameter of the
    /// method or lambda around it, or a field, property or primary-constructor parameter of its
    /// type. Null when there is none, so a fix that logs has nothing to log with.
    /// </summary>
    public static string? LoggerInScope(SyntaxNode node) => ValuesInScope.Nearest(node, IsLogger);

    /// <summary><c>ILogger</c>, <c>ILogger&lt;T&gt;</c>, <c>Microsoft.Extensions.Logging.ILogger</c>.</summary>
    public static bool IsLogger(TypeSyntax? type) => CSharpFileModel.SimpleName(type) is { } name && LoggerTypes.Contains(name);

    /// <summary>
    /// A call that writes a log line: <c>logger.LogInformation(...)</c>, <c>Log.Error(...)</c> (Serilog),
    /// <c>_log.Warn(...)</c> (NLog, log4net), <c>Console.WriteLine(...)</c>, <c>Debug.WriteLine</c>, <c>Trace.TraceError</c>.
    /// </summary>
    public static bool IsLogCall(InvocationExpressionSyntax call)
    {
        if (call.MethodName() is not { } name)
        {
            return false;
        }

        var receiver = call.Receiver() switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        if (receiver is null)
        {
            return false;
        }

        if (receiver is "Console" or "Debug" or "Trace")
        {
            return name.StartsWith("Write", StringComparison.Ordinal) || name.StartsWith("Trace", StringComparison.Ordinal);
        }

        if (!receiver.Contains("log", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return name.StartsWith("Log", StringComparison.Ordinal) ||
            name is "Information" or "Warning" or "Error" or "Debug" or "Verbose" or "Fatal" or "Info" or "Warn" or "Trace" or "Critical" or "Write" ||
            name.EndsWith("Format", StringComparison.Ordinal);
    }
}
