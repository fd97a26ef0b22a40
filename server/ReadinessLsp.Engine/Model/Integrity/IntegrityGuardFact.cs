using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Integrity;

/// <summary>What an app-wide guard does for every request or command it wraps.</summary>
internal enum IntegrityGuardKind
{
    /// <summary>De-duplicates requests by a client key (an idempotency filter or middleware, a request manager).</summary>
    Idempotency,

    /// <summary>Runs each request or command in a transaction (a MediatR behaviour, an action filter, a middleware).</summary>
    Transaction,
}

/// <summary>A type of the workspace that guards every request or command it wraps: <see cref="IntegrityGuardKind"/>.</summary>
internal sealed record IntegrityGuardFact(IntegrityGuardKind Kind, string Type, string Path, FactSpan Span);
