using BenchmarkDotNet.Attributes;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;

namespace ReplyCoach.Benchmarks;

/// <summary>
/// The worst a single draft can ask of the engine: 200,000 characters (the service's <c>MaxDraftChars</c>) in which
/// every sentence is flagged, through the path <c>POST /api/v1/assess</c> takes (normalise, analyse with the built-in
/// model, coach with the built-in rewriter), with the default caps and no time budget, so what is timed is the bounded
/// work itself. One thread, warm. Run:
/// <c>dotnet run -c Release --project tests/ReplyCoach.Benchmarks -- --filter '*WorstCase*'</c>.
/// </summary>
[MemoryDiagnoser]
public class WorstCaseBenchmarks
{
    /// <summary>The service's default <c>MaxDraftChars</c>.</summary>
    public const int SizeLimit = 200_000;

    private DraftAnalyzer _analyzer = null!;
    private DraftCoach _coach = null!;
    private string _draft = null!;

    /// <summary>
    /// <c>insults</c>: 18,181 short insults ("You idiot. ", text); <c>long-sentences</c>: an 86-character hostile sentence
    /// 2,325 times (text); <c>html-insults</c>: 8,331 insulting paragraphs of an HTML body.
    /// </summary>
    [Params("insults", "long-sentences", "html-insults")]
    public string Draft { get; set; } = "insults";

    [GlobalSetup]
    public void Setup()
    {
        var model = ToneModelLoader.LoadBuiltIn() ?? throw new InvalidOperationException("No built-in model is embedded.");
        _analyzer = new DraftAnalyzer(new DraftNormalizer(), new ToneDetector(), model, new AnalysisOptions());
        _coach = new DraftCoach(_analyzer);
        _draft = Make(Draft);
        var assessment = _analyzer.Analyze(_draft);
        var result = _coach.Coach(assessment);
        Console.WriteLine(
            $"// {Draft}: {_draft.Length:N0} characters, {assessment.Draft.Sentences.Count:N0} sentences, " +
            $"{assessment.Sentences.Count(s => s.Risk >= _analyzer.Options.CautionThreshold):N0} flagged; spans listed {assessment.Spans.Count}, " +
            $"left out {assessment.OmittedSpans:N0}; coached {result.Rewrite.Sentences.Count}, uncoached {result.UncoachedSentences:N0}; " +
            $"suggestions {result.Spans.Sum(s => s.Suggestions.Count)}");
    }

    /// <summary>A worst-case draft of exactly <see cref="SizeLimit"/> characters or just under.</summary>
    public static string Make(string kind)
    {
        var (unit, prefix, suffix) = kind switch
        {
            "insults" => ("You idiot. ", "", ""),
            "long-sentences" => ("Honestly, you are lying about the calls again and you are wasting my time, you moron. ", "", ""),
            "html-insults" => ("<p>You are an idiot.</p>", "<html><body><div>", "</div></body></html>"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "insults, long-sentences or html-insults"),
        };
        var count = (SizeLimit - prefix.Length - suffix.Length) / unit.Length;
        return prefix + string.Concat(Enumerable.Repeat(unit, count)) + suffix;
    }

    /// <summary>Normalise and analyse (what the on-send check does).</summary>
    [Benchmark]
    public Assessment Analyze() => _analyzer.Analyze(_draft);

    /// <summary>Normalise, analyse and coach (what assess does with the built-in rewriter).</summary>
    [Benchmark]
    public CoachingResult AnalyzeAndCoach() => _coach.Coach(_analyzer.Analyze(_draft));
}
