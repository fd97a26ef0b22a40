using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// The nodes of the file being analysed, in document order, with where each node's subtree ends:
/// the descendants of a node are then a slice of one array. Many rules read the same handler body
/// (the loads, the writes, the saves, what is returned), and a Roslyn descendant walk costs about
/// as much each time as the first; a profile of the full scan put those walks among its largest
/// costs. The first read of most of a member (a method's body) indexes that member; every later
/// read of it, or of anything inside it, is an array slice.
/// </summary>
/// <remarks>
/// The index is ambient for the thread analysing the file (<see cref="Enter"/>), so the many
/// static syntax helpers need no new parameter. A node of any other tree (a fix reading another
/// file, resolve-time code), one above every member (a type, a namespace) or one in a very large
/// member gets Roslyn's own walk: same nodes, same order.
/// </remarks>
internal sealed class NodeIndex
{
    [ThreadStatic]
    private static NodeIndex? current;

    private readonly SyntaxNode _root;
    private NodeMap<SyntaxNode, Subtree?>? _members;

    private NodeIndex(SyntaxNode root) => _root = root;

    /// <summary>Makes <paramref name="root"/>'s index the one this thread reads until the scope ends; it is filled as it is used.</summary>
    public static Scope Enter(SyntaxNode root)
    {
        var previous = current;
        current = new NodeIndex(root);
        return new Scope(previous);
    }

    /// <summary>The index of the file this thread analyses, if <paramref name="node"/> belongs to it.</summary>
    public static NodeIndex? For(SyntaxNode node) =>
        current is { } index && ReferenceEquals(index._root.SyntaxTree, node.SyntaxTree) ? index : null;

    /// <summary>The descendants of <paramref name="node"/>, in document order (as <c>DescendantNodes()</c>).</summary>
    public IEnumerable<SyntaxNode> DescendantsOf(SyntaxNode node) =>
        SubtreeOf(node) is { } tree && tree.IndexOf(node) is var at and >= 0 ? tree.DescendantsAt(at) : node.DescendantNodes();

    /// <summary>
    /// As <c>DescendantNodes(descendIntoChildren)</c>: a node is listed, and its children only when
    /// <paramref name="descendInto"/> says so. A walk of most of a member (a body, skipping its
    /// lambdas) fills the member's index like a full read: what it skips is small, and the rules that
    /// read a repository method's body after it (the loads, the saves, what is returned) then read
    /// slices (measured: the synthetic workspace's scan 5% faster).
    /// </summary>
    public IEnumerable<SyntaxNode> DescendantsOf(SyntaxNode node, Func<SyntaxNode, bool> descendInto) =>
        SubtreeOf(node) is { } tree && tree.IndexOf(node) is var at and >= 0 ? tree.DescendantsAt(at, descendInto) : node.DescendantNodes(descendInto);

    private Subtree? SubtreeOf(SyntaxNode node)
    {
        if (MemberOf(node) is not { } member)
        {
            return null;
        }

        _members ??= [];
        if (!_members.TryGetValue(member, out var tree))
        {
            // Index a member when most of it is read (its body): a read of one small expression in
            // a member no one reads whole is cheaper as a walk of that expression alone.
            if (node.FullSpan.Length * 2 < member.FullSpan.Length)
            {
                return null;
            }

            // A member too large to index in arrays that stay off the large object heap is walked each time.
            tree = member.FullSpan.Length <= Subtree.MaxCharacters ? new Subtree(member) : null;
            _members[member] = tree;
        }

        return tree;
    }

    // The method, constructor, property, field or top-level statement holding the node; null above them.
    private static SyntaxNode? MemberOf(SyntaxNode node)
    {
        for (SyntaxNode? at = node; at is not null; at = at.Parent)
        {
            if (at is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>Restores the index that was current before <see cref="Enter"/>.</summary>
    internal readonly struct Scope(NodeIndex? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }

    /// <summary>One subtree's nodes in document order, and the index just past each one's own subtree.</summary>
    private sealed class Subtree
    {
        /// <summary>
        /// Members longer than this are not indexed: their lists would land on the large object heap
        /// (85,000 bytes), whose collections are full ones. About one node per five or six characters.
        /// </summary>
        public const int MaxCharacters = 40_000;

        // Lists as filled, not copied to arrays: the index lives only while its file is analysed.
        private readonly List<SyntaxNode> _nodes;
        private readonly List<int> _ends;

        public Subtree(SyntaxNode root)
        {
            // About one node per five or six characters of C#: sized once rather than grown by doubling.
            var expected = (root.FullSpan.Length / 5) + 16;
            _nodes = new List<SyntaxNode>(expected);
            _ends = new List<int>(expected);
            // The nodes whose subtree is still open, innermost last: a node closes every open node that is not its parent.
            var open = new Stack<int>();
            foreach (var node in root.DescendantNodesAndSelf())
            {
                var index = _nodes.Count;
                while (open.Count > 0 && !ReferenceEquals(_nodes[open.Peek()], node.Parent))
                {
                    _ends[open.Pop()] = index;
                }

                _nodes.Add(node);
                _ends.Add(0);
                open.Push(index);
            }

            while (open.Count > 0)
            {
                _ends[open.Pop()] = _nodes.Count;
            }
        }

        public int IndexOf(SyntaxNode node)
        {
            // Nodes start in document order: the first that starts at or after the node, then forward to the node
            // itself (a statement, its expression and the expression's first name start at one position).
            var start = node.FullSpan.Start;
            int low = 0, high = _nodes.Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (_nodes[middle].FullSpan.Start < start)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            for (var at = low; at < _nodes.Count && _nodes[at].FullSpan.Start == start; at++)
            {
                if (ReferenceEquals(_nodes[at], node))
                {
                    return at;
                }
            }

            return -1;
        }

        public IEnumerable<SyntaxNode> DescendantsAt(int at)
        {
            for (int i = at + 1, end = _ends[at]; i < end; i++)
            {
                yield return _nodes[i];
            }
        }

        public IEnumerable<SyntaxNode> DescendantsAt(int at, Func<SyntaxNode, bool> descendInto)
        {
            if (!descendInto(_nodes[at]))
            {
                yield break;
            }

            for (int i = at + 1, end = _ends[at]; i < end;)
            {
                var descendant = _nodes[i];
                yield return descendant;
                i = descendInto(descendant) ? i + 1 : _ends[i];
            }
        }
    }
}

/// <summary>Descendant walks that read the analysed file's <see cref="NodeIndex"/> when there is one.</summary>
internal static class NodeWalks
{
    /// <summary>As <c>DescendantNodes()</c>.</summary>
    public static IEnumerable<SyntaxNode> Descendants(this SyntaxNode node) =>
        NodeIndex.For(node) is { } index ? index.DescendantsOf(node) : node.DescendantNodes();

    /// <summary>As <c>DescendantNodes(descendIntoChildren)</c>.</summary>
    public static IEnumerable<SyntaxNode> Descendants(this SyntaxNode node, Func<SyntaxNode, bool> descendInto) =>
        NodeIndex.For(node) is { } index ? index.DescendantsOf(node, descendInto) : node.DescendantNodes(descendInto);
}
