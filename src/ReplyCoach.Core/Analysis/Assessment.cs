using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Analysis;

/// <summary>What the engine concluded about one sentence.</summary>
/// <param name="Sentence">The sentence.</param>
/// <param name="Risk">Calibrated probability that the sentence reads as hostile, 0..1.</param>
/// <param name="Categories">Score per category, 0..1 (all seven present).</param>
/// <param name="Hits">Evidence found by the detectors (before any threshold).</param>
/// <param name="Context">Context signals found in the sentence.</param>
/// <param name="ModelProbability">What the trained model said, or null when no model is loaded.</param>
public sealed record SentenceAssessment(
    Sentence Sentence,
    double Risk,
    IReadOnlyDictionary<ToneCategory, double> Categories,
    IReadOnlyList<Evidence> Hits,
    ContextFlags Context,
    double? ModelProbability);

/// <summary>The engine's verdict on a draft: overall risk, level, per-category scores and the spans that explain them.</summary>
/// <param name="Draft">The normalised draft the offsets refer to.</param>
/// <param name="Risk">Overall risk, 0..1: the risk of the most hostile sentence.</param>
/// <param name="Level">What ReplyCoach should do.</param>
/// <param name="Categories">Score per category, 0..1 (all seven present).</param>
/// <param name="Spans">
/// Evidence in the sentences at or above the caution threshold, in text order; offsets into <see cref="NormalizedDraft.Text"/>.
/// At most <see cref="AnalysisOptions.MaxSpansPerCategory"/> of each category (the strongest; see <see cref="OmittedSpans"/>).
/// </param>
/// <param name="Sentences">Per-sentence detail.</param>
public sealed record Assessment(
    NormalizedDraft Draft,
    double Risk,
    RiskLevel Level,
    IReadOnlyDictionary<ToneCategory, double> Categories,
    IReadOnlyList<Evidence> Spans,
    IReadOnlyList<SentenceAssessment> Sentences)
{
    /// <summary>Whether the draft could be analysed at all.</summary>
    public DraftStatus Status => Draft.Status;

    /// <summary>
    /// Sentences at the end of the draft that were not scored because the analysis was stopped (its time budget ran
    /// out); they are in <see cref="Sentences"/> with risk 0. Zero for a complete analysis.
    /// </summary>
    public int UnscoredSentences { get; init; }

    /// <summary>
    /// Flagged spans left out of <see cref="Spans"/>: beyond the strongest <see cref="AnalysisOptions.MaxSpansPerCategory"/>
    /// of each category. Zero for any ordinary e-mail.
    /// </summary>
    public int OmittedSpans { get; init; }

    /// <summary>Whether the analysis stopped before every sentence was scored (the verdict is the best one so far).</summary>
    public bool Partial => UnscoredSentences > 0;

    /// <summary>Maps an evidence span to the range of the original content (HTML source or text) it covers.</summary>
    public TextSpan ToOriginal(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Draft.MapToOriginal(evidence.Start, evidence.Length);
    }
}
