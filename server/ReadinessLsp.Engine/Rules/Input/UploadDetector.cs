using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Hosting;
using ReadinessLsp.Engine.Model.Http;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>
/// Uploads without limits. RDY4020: an endpoint takes an <c>IFormFile</c> and checks neither its size
/// nor its type. RDY4021: the request size limit switched off (<c>[DisableRequestSizeLimit]</c>,
/// <c>MaxRequestBodySize = null</c>). RDY4022: the whole upload read into memory
/// (<c>file.CopyToAsync(memoryStream)</c>) with no size check before. RDY4023: an upload saved
/// under the client's file name, or under <c>wwwroot</c> with the client's extension, so
/// <c>../</c> escapes the folder or an uploaded <c>.html</c> is served back as a page.
/// </summary>
internal sealed class UploadDetector : ICSharpDetector, IDeferredResolver<UploadDetector.UploadHandler>
{
    private static readonly HashSet<string> FileTypes = ["IFormFile", "IFormFileCollection", "IBrowserFile"];

    private static readonly HashSet<string> FileWrites = ["Create", "OpenWrite", "WriteAllBytes", "WriteAllBytesAsync", "SaveAs", "SaveAsAsync", "Move", "Copy"];

    public string RuleId => "RDY4020";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY4020", "RDY4021", "RDY4022", "RDY4023"];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } =
        [SyntaxKind.MethodDeclaration, SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.Attribute, SyntaxKind.InvocationExpression, SyntaxKind.SimpleAssignmentExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["IFormFile", "IBrowserFile", "DisableRequestSizeLimit", "MaxRequestBodySize", "MultipartBodyLengthLimit"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EndpointIndex), typeof(WebAppIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        switch (node)
        {
            case AttributeSyntax attribute when CSharpFileModel.AttributeName(attribute) == "DisableRequestSizeLimit":
                Report(context, "RDY4021", attribute.Span, "`[DisableRequestSizeLimit]` lets a request be as large as the client wants");
                break;
            case InvocationExpressionSyntax call when call.MethodName() == "DisableRequestSizeLimit" && call.Expression is MemberAccessExpressionSyntax member:
                Report(context, "RDY4021", TextSpan.FromBounds(member.Name.SpanStart, call.Span.End), "`DisableRequestSizeLimit()` lets a request be as large as the client wants");
                break;
            case AssignmentExpressionSyntax assignment when Unlimited(assignment) is { } setting:
                Report(context, "RDY4021", assignment.Span, $"`{setting}` removes the limit on how large a request may be");
                break;
            case MethodDeclarationSyntax or ParenthesizedLambdaExpressionSyntax:
                AnalyzeFunction(node, context);
                break;
        }
    }

    public Detection? Resolve(Detection candidate, UploadHandler data, WorkspaceModels models)
    {
        if (!models.Get<WebAppIndex>().Contains(candidate.Path))
        {
            return null;
        }

        // The size and type check belongs where the request arrives; elsewhere it may be the caller's.
        return !data.MustBeEndpoint || (candidate.Member is { } member && models.Get<EndpointIndex>().ForMember(candidate.Path, member, candidate.Range.Start) is not null)
            ? candidate
            : null;
    }

    private void Report(CSharpContext context, string rule, TextSpan span, string what) =>
        context.Defer(this, span, new UploadHandler(false), new Dictionary<string, string> { ["what"] = what }, ruleId: rule);

    // `MaxRequestBodySize = null`, `MultipartBodyLengthLimit = long.MaxValue`.
    private static string? Unlimited(AssignmentExpressionSyntax assignment)
    {
        var name = assignment.Left switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        if (name is not ("MaxRequestBodySize" or "MultipartBodyLengthLimit" or "ValueLengthLimit"))
        {
            return null;
        }

        return assignment.Right.IsKind(SyntaxKind.NullLiteralExpression) || assignment.Right.ToString().EndsWith("MaxValue", StringComparison.Ordinal)
            ? $"{name} = {assignment.Right}"
            : null;
    }

    private void AnalyzeFunction(SyntaxNode function, CSharpContext context)
    {
        // Most functions take no file: decide from the parameter list before looking inside.
        if (!BoundModels.ParametersOf(function).Any(p => IsFileType(p.Type)) && !(context.Local<FormFilesWord>(this).Present ??= context.Document.ContainsAny(FormFiles)))
        {
            return;
        }

        var files = FileVariables(function);
        if (files.Count == 0)
        {
            return;
        }

        var body = function switch
        {
            MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
            ParenthesizedLambdaExpressionSyntax lambda => lambda.Body,
            _ => null,
        };
        if (body is null)
        {
            return;
        }

        var sizeChecked = ChecksSize(function, body, files);
        var typeChecked = ChecksType(body, files);
        if (!sizeChecked && !typeChecked && BoundModels.IsHandlerShape(function))
        {
            foreach (var parameter in BoundModels.ParametersOf(function).Where(p => files.Contains(p.Identifier.ValueText)))
            {
                context.Defer(
                    this,
                    TextSpan.FromBounds(parameter.Type!.SpanStart, parameter.Identifier.Span.End),
                    new UploadHandler(true),
                    new Dictionary<string, string> { ["what"] = $"`{parameter.Identifier.ValueText}` is accepted with no check of its size or type" },
                    ruleId: "RDY4020");
            }
        }

        foreach (var call in body.Descendants().OfType<InvocationExpressionSyntax>())
        {
            if (!sizeChecked && call.MethodName() is "CopyTo" or "CopyToAsync" && call.Receiver() is IdentifierNameSyntax file && files.Contains(file.Identifier.ValueText) &&
                call.ArgumentList.Arguments.FirstOrDefault()?.Expression is { } target && IsMemoryStream(target, body))
            {
                Report(context, "RDY4022", call.Span, $"`{file.Identifier.ValueText}` is copied whole into a MemoryStream");
            }

            if (IsFileWrite(call) && call.ArgumentList.Arguments.FirstOrDefault()?.Expression is { } path)
            {
                ReportClientName(path, body, files, typeChecked, context);
            }
        }

        foreach (var creation in body.Descendants().OfType<ObjectCreationExpressionSyntax>())
        {
            if (CSharpFileModel.SimpleName(creation.Type) == "FileStream" && creation.ArgumentList?.Arguments.FirstOrDefault()?.Expression is { } path)
            {
                ReportClientName(path, body, files, typeChecked, context);
            }
        }
    }

    private void ReportClientName(ExpressionSyntax path, SyntaxNode body, HashSet<string> files, bool typeChecked, CSharpContext context)
    {
        if (ClientNameIn(path, body, files) is { } how && (how == "name" || (UnderWebRoot(path, body) && !typeChecked)))
        {
            var what = how == "name" ? "the client's file name" : "the client's file extension, under wwwroot";
            Report(context, "RDY4023", path.Span, $"The file is saved with {what}");
        }
    }

    // Parameters typed IFormFile (or a collection of them), and foreach variables over them.
    private static HashSet<string> FileVariables(SyntaxNode function)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in BoundModels.ParametersOf(function))
        {
            if (IsFileType(parameter.Type))
            {
                names.Add(parameter.Identifier.ValueText);
            }
        }

        foreach (var loop in function.Descendants().OfType<ForEachStatementSyntax>())
        {
            if (IsFileType(loop.Type) || (loop.Expression is IdentifierNameSyntax source && names.Contains(source.Identifier.ValueText)) ||
                loop.Expression.ToString().EndsWith("Form.Files", StringComparison.Ordinal))
            {
                names.Add(loop.Identifier.ValueText);
            }
        }

        return names;
    }

    private static bool IsFileType(TypeSyntax? type) =>
        type is not null && (CSharpFileModel.SimpleName(type) is { } name && FileTypes.Contains(name) ||
            CSharpFileModel.FirstTypeArgument(type) is { } element && FileTypes.Contains(element) ||
            type is ArrayTypeSyntax { ElementType: var arrayElement } && CSharpFileModel.SimpleName(arrayElement) is { } e && FileTypes.Contains(e));

    // `file.Length > MaxSize`, `[RequestSizeLimit(...)]`, `[RequestFormLimits(...)]`.
    private static bool ChecksSize(SyntaxNode function, SyntaxNode body, HashSet<string> files)
    {
        var attributes = function is MethodDeclarationSyntax method
            ? CSharpFileModel.AttributesOf(method).Concat(method.Parent is TypeDeclarationSyntax type ? CSharpFileModel.AttributesOf(type) : [])
            : [];
        if (attributes.Select(CSharpFileModel.AttributeName).Any(a => a is "RequestSizeLimit" or "RequestFormLimits"))
        {
            return true;
        }

        return body.Descendants().OfType<MemberAccessExpressionSyntax>().Any(m =>
            m.Name.Identifier.ValueText is "Length" or "Size" && m.Expression is IdentifierNameSyntax owner && files.Contains(owner.Identifier.ValueText));
    }

    // `file.ContentType`, `Path.GetExtension(file.FileName)` compared with an allow-list, `file.FileName.EndsWith(".png")`.
    private static bool ChecksType(SyntaxNode body, HashSet<string> files)
    {
        foreach (var access in body.Descendants().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Expression is IdentifierNameSyntax owner && files.Contains(owner.Identifier.ValueText) && access.Name.Identifier.ValueText == "ContentType")
            {
                return true;
            }
        }

        foreach (var call in body.Descendants().OfType<InvocationExpressionSyntax>())
        {
            if (call.MethodName() is "Contains" or "EndsWith" or "Any" or "IsValidExtension" or "IsAllowed" &&
                call.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() == "GetExtension") ||
                call.MethodName() == "EndsWith" && call.Receiver()?.ToString().EndsWith("FileName", StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        // `var extension = Path.GetExtension(file.FileName); if (!allowed.Contains(extension)) ...`
        var extensionLocals = body.Descendants().OfType<VariableDeclaratorSyntax>()
            .Where(v => v.Initializer?.Value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() == "GetExtension") == true)
            .Select(v => v.Identifier.ValueText)
            .ToHashSet(StringComparer.Ordinal);
        return extensionLocals.Count > 0 && body.Descendants().OfType<InvocationExpressionSyntax>().Any(c =>
            c.MethodName() is "Contains" or "EndsWith" or "Any" or "Equals" &&
            c.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => extensionLocals.Contains(i.Identifier.ValueText)));
    }

    private static bool IsMemoryStream(ExpressionSyntax target, SyntaxNode body) => target switch
    {
        ObjectCreationExpressionSyntax creation => CSharpFileModel.SimpleName(creation.Type) == "MemoryStream",
        IdentifierNameSyntax name => body.Descendants().OfType<VariableDeclaratorSyntax>().Any(v =>
            v.Identifier.ValueText == name.Identifier.ValueText && v.Initializer?.Value is ObjectCreationExpressionSyntax creation && CSharpFileModel.SimpleName(creation.Type) == "MemoryStream"),
        _ => false,
    };

    // `new FileStream(path, FileMode.Create)`, `File.Create(path)`, `File.WriteAllBytesAsync(path, ...)`.
    private static bool IsFileWrite(InvocationExpressionSyntax call) =>
        call.Receiver() is IdentifierNameSyntax { Identifier.ValueText: "File" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "File" } &&
        call.MethodName() is { } name && FileWrites.Contains(name);

    // Whether the path carries the client's file name ("name") or only its extension ("extension"), directly or through locals.
    private static string? ClientNameIn(ExpressionSyntax path, SyntaxNode body, HashSet<string> files, int depth = 0)
    {
        foreach (var access in path.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Name.Identifier.ValueText == "FileName" && access.Expression is IdentifierNameSyntax owner && files.Contains(owner.Identifier.ValueText))
            {
                return access.Ancestors().TakeWhile(a => a != path.Parent).OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() == "GetExtension") ? "extension" : "name";
            }
        }

        if (depth > 3)
        {
            return null;
        }

        foreach (var name in path.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var declarator = body.Descendants().OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.ValueText == name.Identifier.ValueText);
            if (declarator?.Initializer?.Value is { } value && ClientNameIn(value, body, files, depth + 1) is { } how)
            {
                return how;
            }
        }

        return null;
    }

    private static bool UnderWebRoot(ExpressionSyntax path, SyntaxNode body, int depth = 0)
    {
        var text = path.ToString();
        if (text.Contains("wwwroot", StringComparison.OrdinalIgnoreCase) || text.Contains("WebRootPath", StringComparison.Ordinal))
        {
            return true;
        }

        return depth <= 3 && path.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name =>
            body.Descendants().OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.ValueText == name.Identifier.ValueText)?.Initializer?.Value is { } value &&
            UnderWebRoot(value, body, depth + 1));
    }

    private static readonly System.Buffers.SearchValues<string> FormFiles = System.Buffers.SearchValues.Create(["Form.Files"], StringComparison.Ordinal);

    private sealed class FormFilesWord
    {
        public bool? Present { get; set; }
    }

    /// <summary>Whether the finding needs the function to be a request handler (the size and type check), or holds anywhere in a web app.</summary>
    internal sealed record UploadHandler(bool MustBeEndpoint);
}
