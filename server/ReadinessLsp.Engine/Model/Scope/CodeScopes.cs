namespace ReadinessLsp.Engine.Model.Scope;

/// <summary>
/// Where a piece of code or configuration runs. Rules report in <see cref="Production"/> only
/// unless they opt in to more (a rule about test hygiene would add <see cref="Tests"/>).
/// </summary>
[Flags]
internal enum CodeScopes
{
    None = 0,

    /// <summary>Runs in the deployed app.</summary>
    Production = 1,

    /// <summary>Behind an environment guard, in a Development-only method, or <c>[Conditional("DEBUG")]</c>.</summary>
    DevelopmentOnly = 2,

    /// <summary>In a test project.</summary>
    Tests = 4,

    /// <summary>Generated code (<c>*.g.cs</c>, <c>*.Designer.cs</c>, an <c>&lt;auto-generated&gt;</c> header).</summary>
    Generated = 8,

    /// <summary>EF Core migrations and model snapshots.</summary>
    Migrations = 16,

    /// <summary>A project that the repository's solutions leave out, or a folder of another ecosystem (a JavaScript app's .env).</summary>
    NotShipped = 32,
}
