using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// How long a written-down lifetime is: <c>DateTime.UtcNow.AddDays(30)</c>, <c>AddHours(72)</c>,
/// <c>AddMonths(1)</c>, <c>TimeSpan.FromDays(90)</c>, <c>Add(TimeSpan.FromDays(7))</c>. Only numbers
/// written in the code count; a lifetime read from configuration is the deployment's choice.
/// </summary>
internal static class LifetimeSyntax
{
    /// <summary>The span <paramref name="expression"/> stands for, or null when it is not a constant lifetime.</summary>
    public static TimeSpan? Of(ExpressionSyntax expression)
    {
        expression = Unwrapped(expression);
        if (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "UtcDateTime" or "DateTime" or "LocalDateTime" } conversion)
        {
            return Of(conversion.Expression);
        }

        if (expression is not InvocationExpressionSyntax { ArgumentList.Arguments: [var argument] } call || call.MethodName() is not { } method)
        {
            return null;
        }

        if (method == "Add" && !IsNow(call.Receiver()))
        {
            return null;
        }

        if (method == "Add")
        {
            return Of(argument.Expression);
        }

        if (Number(argument.Expression) is not { } n)
        {
            return null;
        }

        var unit = method switch
        {
            "AddYears" or "FromYears" => TimeSpan.FromDays(365),
            "AddMonths" or "FromMonths" => TimeSpan.FromDays(30),
            "AddDays" or "FromDays" => TimeSpan.FromDays(1),
            "AddHours" or "FromHours" => TimeSpan.FromHours(1),
            "AddMinutes" or "FromMinutes" => TimeSpan.FromMinutes(1),
            "AddSeconds" or "FromSeconds" => TimeSpan.FromSeconds(1),
            _ => (TimeSpan?)null,
        };
        var fromNow = method.StartsWith("Add", StringComparison.Ordinal);
        if (unit is null || (fromNow ? !IsNow(call.Receiver()) : call.Receiver()?.ToString() != "TimeSpan"))
        {
            return null;
        }

        return unit.Value * n;
    }

    /// <summary>"30 days", "1 year", "12 hours": how a person would say it.</summary>
    public static string Describe(TimeSpan span) =>
        span.TotalDays >= 365 && span.TotalDays % 365 == 0 ? Plural(span.TotalDays / 365, "year")
        : span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? Plural(span.TotalDays, "day")
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? Plural(span.TotalHours, "hour")
        : Plural(Math.Round(span.TotalMinutes), "minute");

    private static string Plural(double n, string unit) => n == 1 ? $"1 {unit}" : $"{n:0} {unit}s";

    // `DateTime.UtcNow`, `DateTime.Now`, `DateTimeOffset.UtcNow`, `_clock.UtcNow`, `TimeProvider.GetUtcNow()`.
    private static bool IsNow(ExpressionSyntax? receiver) => Unwrapped(receiver) switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "UtcNow" or "Now" or "Today" } => true,
        InvocationExpressionSyntax now => now.MethodName() is "GetUtcNow" or "GetNow",
        IdentifierNameSyntax { Identifier.ValueText: var name } => name.Contains("now", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static double? Number(ExpressionSyntax expression) => Unwrapped(expression) switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal => Convert.ToDouble(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.MultiplyExpression } product when Number(product.Left) is { } a && Number(product.Right) is { } b => a * b,
        _ => null,
    };

    private static ExpressionSyntax Unwrapped(ExpressionSyntax? expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression!;
    }
}
