namespace ReadinessLsp.Server.Protocol;

internal sealed record WorkDoneProgressCreateParams(string Token);

internal sealed record ProgressParams(string Token, object Value);

internal sealed record WorkDoneProgressBegin(string Title, bool Cancellable, string? Message, int? Percentage)
{
    public string Kind => "begin";
}

internal sealed record WorkDoneProgressReport(string? Message, int? Percentage)
{
    public string Kind => "report";
}

internal sealed record WorkDoneProgressEnd(string? Message)
{
    public string Kind => "end";
}
