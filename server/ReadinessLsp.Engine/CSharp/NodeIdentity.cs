using Microsoft.CodeAnalysis;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// Syntax nodes compared by reference, hashed by where they sit and what they are. A node has no
/// value equality, so sets and dictionaries of nodes would fall back to the runtime's identity
/// hash, which is slow the first time it is asked of an object: it has to claim room in the
/// object's header. Red nodes are new objects in every analysis, so nearly every lookup was a
/// first one. Span and kind are already in the node, and two different nodes of one tree rarely
/// share all three (when they do, equality still tells them apart).
/// </summary>
internal sealed class NodeIdentity : IEqualityComparer<SyntaxNode>
{
    public static readonly NodeIdentity Instance = new();

    public bool Equals(SyntaxNode? x, SyntaxNode? y) => ReferenceEquals(x, y);

    public int GetHashCode(SyntaxNode node)
    {
        var span = node.FullSpan;
        return HashCode.Combine(span.Start, span.Length, node.RawKind);
    }
}

/// <summary>A set of syntax nodes by identity (see <see cref="NodeIdentity"/>); a per-file local can be one.</summary>
internal sealed class NodeSet : HashSet<SyntaxNode>
{
    public NodeSet()
        : base(NodeIdentity.Instance)
    {
    }
}

/// <summary>A dictionary keyed by syntax nodes by identity (see <see cref="NodeIdentity"/>); a per-file local can be one.</summary>
internal sealed class NodeMap<TNode, TValue> : Dictionary<TNode, TValue>
    where TNode : SyntaxNode
{
    public NodeMap()
        : base(NodeIdentity.Instance)
    {
    }
}
