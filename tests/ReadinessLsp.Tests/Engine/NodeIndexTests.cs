using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Engine;

/// <summary>
/// The node index answers exactly what Roslyn's own walks answer: the same nodes in the same order,
/// for every node of a file, with and without a predicate that skips subtrees, in broken code too.
/// </summary>
public sealed class NodeIndexTests
{
    private static readonly string[] Sources =
    [
        RealFixture(),
        """
        public class Broken
        {
            public void M(int id
            {
                var x = db.Orders.Where(o => o.Id == ).ToList(;
                if (x is { Count: > 0 } && ) return
            }
            public int P { get => _p; set { _p = value; } }
        """,
        """
        var app = builder.Build();
        app.MapGet("/a/{id}", async (int id, Db db) => await db.Items.FindAsync(id));
        int Local(int n) => n switch { 0 => 1, _ => n * Local(n - 1) };
        """,
    ];

    [Fact]
    public void Descendants_of_every_node_match_roslyn_in_order()
    {
        foreach (var source in Sources)
        {
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            using (NodeIndex.Enter(root))
            {
                foreach (var node in root.DescendantNodesAndSelf())
                {
                    Assert.Equal(node.DescendantNodes(), node.Descendants());
                }
            }
        }
    }

    [Fact]
    public void Walks_that_skip_lambdas_and_bodies_match_roslyn_once_members_are_indexed()
    {
        Func<SyntaxNode, bool>[] predicates =
        [
            static n => n is not AnonymousFunctionExpressionSyntax,
            static n => n is not (BlockSyntax or ArrowExpressionClauseSyntax),
            static n => n is not LocalFunctionStatementSyntax,
        ];
        foreach (var source in Sources)
        {
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            using (NodeIndex.Enter(root))
            {
                // Index every member first (a whole-body read does), so the predicate walks read the index.
                foreach (var member in root.DescendantNodes().OfType<MemberDeclarationSyntax>())
                {
                    _ = member.Descendants().Count();
                }

                foreach (var node in root.DescendantNodesAndSelf())
                {
                    foreach (var predicate in predicates)
                    {
                        Assert.Equal(node.DescendantNodes(predicate), node.Descendants(predicate));
                    }
                }
            }
        }
    }

    [Fact]
    public void A_node_of_another_tree_gets_roslyns_walk()
    {
        var analysed = CSharpSyntaxTree.ParseText("class A { void M() { var a = 1; } }").GetRoot();
        var other = CSharpSyntaxTree.ParseText("class B { void N() { Call(b); } }").GetRoot();
        using (NodeIndex.Enter(analysed))
        {
            var method = other.DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
            Assert.Equal(method.DescendantNodes(), method.Descendants());
        }
    }

    private static string RealFixture()
    {
        var folder = Path.Combine(RepoPaths.Root, "samples", "VibeShop");
        var largest = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).First();
        return File.ReadAllText(largest);
    }
}
