using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Tests.Engine;

/// <summary>Attributes read from members, parameters and lambdas, by name without the suffix, in every list.</summary>
public sealed class AttributeReadingTests
{
    [Fact]
    public void Attributes_are_found_in_every_list_with_or_without_the_suffix()
    {
        var root = CSharpSyntaxTree.ParseText("""
            [ApiController][Route("api/x"), Microsoft.AspNetCore.Authorization.AuthorizeAttribute]
            class XController
            {
                public void Plain([FromServices] IClock clock) { }
                [HttpPost, NonAction] public void Post() { }
            }
            """).GetRoot();
        var type = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
        var plain = root.DescendantNodes().OfType<MethodDeclarationSyntax>().First();
        var post = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Last();

        Assert.True(CSharpFileModel.HasAttribute(type, "Authorize"));
        Assert.True(CSharpFileModel.HasAttribute(type, static name => name.StartsWith("Rou", StringComparison.Ordinal)));
        Assert.False(CSharpFileModel.HasAttribute(type, "HttpPost"));
        Assert.Equal(["ApiController", "Route", "Authorize"], CSharpFileModel.AttributesOf(type).Select(CSharpFileModel.AttributeName));
        Assert.Empty(CSharpFileModel.AttributesOf(plain));
        Assert.True(CSharpFileModel.HasAttribute(plain.ParameterList.Parameters[0], "FromServices"));
        Assert.True(CSharpFileModel.HasAttribute(post, "NonAction"));
        Assert.False(CSharpFileModel.HasAttribute(root, "NonAction")); // a node that holds no attribute lists
    }
}
