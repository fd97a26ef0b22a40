using System.Globalization;

namespace ReadinessLsp.Server.Fuzz;

/// <summary>What a fuzz run did and found. A run passes with no crash, hang, wrong or missing answer, or logged error.</summary>
internal sealed class FuzzTally
{
    private const int MaxProblems = 20;

    public long MessagesSent { get; set; }

    public long BytesSent { get; set; }

    public SortedDictionary<string, long> FramesByKind { get; } = new(StringComparer.Ordinal);

    public int ServersStarted { get; set; }

    /// <summary>Rounds in which a normal session worked after a batch: diagnostics, hover and the quick fix.</summary>
    public int SessionsVerified { get; set; }

    public long AnswersChecked { get; set; }

    public int WrongAnswers { get; set; }

    public int MissingAnswers { get; set; }

    public long NullIdErrors { get; set; }

    public int Crashes { get; set; }

    public int Hangs { get; set; }

    public int ErrorsLogged { get; set; }

    public long PeakResidentBytes { get; set; }

    public TimeSpan Elapsed { get; set; }

    public List<string> Problems { get; } = [];

    public bool Passed => Crashes == 0 && Hangs == 0 && WrongAnswers == 0 && MissingAnswers == 0 && ErrorsLogged == 0 && SessionsVerified > 0;

    public void Sent(FuzzFrame frame)
    {
        MessagesSent++;
        BytesSent += frame.Length;
        FramesByKind[frame.Kind] = FramesByKind.GetValueOrDefault(frame.Kind) + 1;
    }

    public void Problem(string text)
    {
        if (Problems.Count < MaxProblems)
        {
            Problems.Add(text);
        }
    }

    public void Write(TextWriter output, int seed, string mode)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"readiness fuzz: seed {seed}, {Elapsed.TotalSeconds:0} s, {mode}"));
        output.WriteLine(string.Create(c, $"  messages sent       {MessagesSent:N0} ({BytesSent / 1024.0 / 1024.0:N1} MB)"));
        output.WriteLine(string.Create(c, $"  frames by kind      {string.Join(", ", FramesByKind.Select(k => $"{k.Key} {k.Value:N0}"))}"));
        output.WriteLine(string.Create(c, $"  servers started     {ServersStarted:N0}"));
        output.WriteLine(string.Create(c, $"  sessions verified   {SessionsVerified:N0} (diagnostics, hover and quick fix after each batch)"));
        output.WriteLine(string.Create(c, $"  answers checked     {AnswersChecked:N0} ({WrongAnswers} wrong, {MissingAnswers} missing; {NullIdErrors:N0} null-id errors)"));
        output.WriteLine(string.Create(c, $"  crashes             {Crashes}"));
        output.WriteLine(string.Create(c, $"  hangs               {Hangs}"));
        output.WriteLine(string.Create(c, $"  errors logged       {ErrorsLogged}"));
        output.WriteLine(string.Create(c, $"  peak RSS            {PeakResidentBytes / 1024.0 / 1024.0:N0} MB"));
        foreach (var problem in Problems)
        {
            output.WriteLine(string.Create(c, $"  problem: {problem}"));
        }

        output.WriteLine(Passed ? "  result              passed" : "  result              FAILED");
    }
}
