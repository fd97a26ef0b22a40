using Microsoft.CodeAnalysis;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// Every node of the file being analysed, in document order, with where each node's subtree
/// ends: the descendants of any node are then a slice of one array. Many rules read the same
/// handler body (the loads, the writes, the saves, what is returned), and a Roslyn descendant
/// walk costs about as much each time as the first; a profile of the full scan put those walks
/// among its largest costs. One walk fills the index; every later read is an array slice.
/// </summary>
/// <remarks>
/// The index is ambient for the thread analysing the file (<see cref="Enter"/>), so the many
/// static syntax helpers need no new parameter. A node of any other tree (a fix reading another
/// file, resolve-time code) gets Roslyn's own walk: same nodes, same order.
/// </remarks>
internal sealed class NodeIndex
{
    [ThreadStatic]
    private static NodeIndex? current;

    private readonly SyntaxNode _root;
    private SyntaxNode[]? _nodes;
    private int[]? _starts;
    private int[]? _ends;

    private NodeIndex(SyntaxNode root) => _root = root;

    /// <summary>Makes <paramref name="root"/>'s index the one this thread reads until the scope ends; it is filled on first use.</summary>
    public static Scope Enter(SyntaxNode root)
    {
        var previous = current;
        current = new NodeIndex(root);
        return new Scope(previous);
    }

    /// <summary>The index of the file this thread analyses, if <paramref name="node"/> belongs to it.</summary>
    public static NodeIndex? For(SyntaxNode node) =>
        current is { } index && ReferenceEquals(index._root.SyntaxTree, node.SyntaxTree) ? index : null;

    /// <summary>Every node of the tree, the root first, in document order (as <c>DescendantNodesAndSelf()</c>).</summary>
    public ArraySegment<SyntaxNode> All
    {
        get
        {
            Fill();
            return new ArraySegment<SyntaxNode>(_nodes!);
        }
    }

    /// <summary>The descendants of <paramref name="node"/>, in document order (as <c>DescendantNodes()</c>).</summary>
    public ArraySegment<SyntaxNode> DescendantsOf(SyntaxNode node)
    {
        var at = IndexOf(node);
        return at < 0 ? new ArraySegment<SyntaxNode>([.. node.DescendantNodes()]) : new ArraySegment<SyntaxNode>(_nodes!, at + 1, _ends![at] - at - 1);
    }

    /// <summary>As <c>DescendantNodes(descendIntoChildren)</c>: a node is listed, and its children only when <paramref name="descendInto"/> says so.</summary>
    public IEnumerable<SyntaxNode> DescendantsOf(SyntaxNode node, Func<SyntaxNode, bool> descendInto)
    {
        var at = IndexOf(node);
        if (at < 0)
        {
            foreach (var descendant in node.DescendantNodes(descendInto))
            {
                yield return descendant;
            }

            yield break;
        }

        if (!descendInto(node))
        {
            yield break;
        }

        var nodes = _nodes!;
        var ends = _ends!;
        for (int i = at + 1, end = ends[at]; i < end;)
        {
            var descendant = nodes[i];
            yield return descendant;
            i = descendInto(descendant) ? i + 1 : ends[i];
        }
    }

    private int IndexOf(SyntaxNode node)
    {
        Fill();
        var start = node.FullSpan.Start;
        var at = Array.BinarySearch(_starts!, start);
        if (at < 0)
        {
            return -1;
        }

        // Several nodes may start at one position (a statement, its expression, the expression's
        // first name): go back to the first of them, then forward to this one.
        while (at > 0 && _starts![at - 1] == start)
        {
            at--;
        }

        for (; at < _nodes!.Length && _starts![at] == start; at++)
        {
            if (ReferenceEquals(_nodes[at], node))
            {
                return at;
            }
        }

        return -1;
    }

    private void Fill()
    {
        if (_nodes is not null)
        {
            return;
        }

        var nodes = new List<SyntaxNode>(1024);
        var ends = new List<int>(1024);
        // The nodes whose subtree is still open, innermost last: a node closes every open node that is not its parent.
        var open = new Stack<int>();
        foreach (var node in _root.DescendantNodesAndSelf())
        {
            var index = nodes.Count;
            while (open.Count > 0 && !ReferenceEquals(nodes[open.Peek()], node.Parent))
            {
                ends[open.Pop()] = index;
            }

            nodes.Add(node);
            ends.Add(0);
            open.Push(index);
        }

        while (open.Count > 0)
        {
            ends[open.Pop()] = nodes.Count;
        }

        _nodes = [.. nodes];
        _ends = [.. ends];
        _starts = new int[_nodes.Length];
        for (var i = 0; i < _nodes.Length; i++)
        {
            _starts[i] = _nodes[i].FullSpan.Start;
        }
    }

    /// <summary>Restores the index that was current before <see cref="Enter"/>.</summary>
    internal readonly struct Scope(NodeIndex? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }
}

/// <summary>Descendant walks that read the analysed file's <see cref="NodeIndex"/> when there is one.</summary>
internal static class NodeWalks
{
    /// <summary>As <c>DescendantNodes()</c>.</summary>
    public static ArraySegment<SyntaxNode> Descendants(this SyntaxNode node) =>
        NodeIndex.For(node) is { } index ? index.DescendantsOf(node) : new ArraySegment<SyntaxNode>([.. node.DescendantNodes()]);

    /// <summary>As <c>DescendantNodes(descendIntoChildren)</c>.</summary>
    public static IEnumerable<SyntaxNode> Descendants(this SyntaxNode node, Func<SyntaxNode, bool> descendInto) =>
        NodeIndex.For(node) is { } index ? index.DescendantsOf(node, descendInto) : node.DescendantNodes(descendInto);
}
