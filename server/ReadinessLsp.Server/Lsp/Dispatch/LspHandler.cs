namespace ReadinessLsp.Server.Lsp.Dispatch;

/// <summary>Marks a method with no params (shutdown, exit).</summary>
internal sealed record NoParams;

/// <summary>Something registered under one LSP method name.</summary>
internal interface ILspHandler
{
    string Method { get; }

    /// <summary>
    /// Mutating handlers run one at a time, in the order the client sent them (text sync, config,
    /// watched files). The others run concurrently on the latest state.
    /// </summary>
    bool Mutates { get; }
}

internal abstract class LspRequestHandler<TParams, TResult> : ILspHandler
{
    public abstract string Method { get; }

    public virtual bool Mutates => false;

    public abstract Task<TResult> HandleAsync(TParams request, CancellationToken cancellationToken);
}

internal abstract class LspNotificationHandler<TParams> : ILspHandler
{
    public abstract string Method { get; }

    public virtual bool Mutates => true;

    public abstract Task HandleAsync(TParams notification, CancellationToken cancellationToken);
}
