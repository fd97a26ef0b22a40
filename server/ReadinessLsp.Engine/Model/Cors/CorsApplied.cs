namespace ReadinessLsp.Engine.Model.Cors;

/// <summary>
/// A place that applies a CORS policy to requests: <c>app.UseCors(...)</c>, <c>.RequireCors(...)</c> or
/// <c>[EnableCors(...)]</c>. <see cref="Policy"/> is the policy's name, "" for the default policy, null
/// when it is not a literal (a constant or a variable: it may be any policy). <see cref="DevelopmentOnly"/>
/// when the code runs only under a development guard.
/// </summary>
internal sealed record CorsApplied(string? Policy, bool DevelopmentOnly);
