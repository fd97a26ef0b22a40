using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Hosting;

/// <summary>Something an app sets up once, wherever in its code: a capability whose absence is reported once per app.</summary>
internal enum AppFeature
{
    /// <summary><c>AddHealthChecks</c>, <c>MapHealthChecks</c>, <c>UseHealthChecks</c>, Aspire's service defaults, a mapped <c>/health</c> route.</summary>
    HealthChecks,

    /// <summary>A handler for unhandled exceptions that runs in production: <c>UseExceptionHandler</c>, <c>AddExceptionHandler</c>, exception middleware or filters.</summary>
    ExceptionHandler,

    /// <summary><c>AddHttpClient</c> in any form: <c>IHttpClientFactory</c> can be injected.</summary>
    HttpClientFactory,

    /// <summary><c>ConfigureHttpClientDefaults</c> with a resilience handler or a timeout: every client the factory makes has one.</summary>
    HttpClientDefaults,

    /// <summary>The file builds the web host in top-level statements (<c>var app = builder.Build()</c>).</summary>
    HostBuilder,

    /// <summary>
    /// Models are validated before every action: a global validation filter
    /// (<c>Filters.Add&lt;ValidateModelAttribute&gt;()</c>) or FluentValidation's automatic validation.
    /// </summary>
    MvcValidation,

    /// <summary>Minimal API parameters are validated from their attributes: .NET 10's <c>AddValidation()</c>.</summary>
    MinimalValidation,
}

/// <summary>The app-wide features one file sets up, in a fixed order.</summary>
internal sealed record AppSetup(EquatableArray<AppFeature> Features);
