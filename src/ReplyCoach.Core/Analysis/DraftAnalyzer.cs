using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Analysis;

/// <summary>
/// The analysis engine: runs the explainable detectors on every sentence of the agent's words, feeds their
/// findings with the text to the trained model (when one is loaded), and combines both into calibrated scores
/// with the spans and reasons that explain them. Stateless and safe to share between threads.
/// </summary>
public sealed class DraftAnalyzer
{

    private readonly IDraftNormalizer _normalizer;
    private readonly ISentenceDetector _detector;
    private readonly IToneModel? _model;
    private readonly AnalysisOptions _options;

    /// <summary>Creates the engine.</summary>
    /// <param name="normalizer">Turns drafts into the agent's own words.</param>
    /// <param name="detector">The explainable layer.</param>
    /// <param name="model">The trained model, or null to score with the detectors alone.</param>
    /// <param name="options">Thresholds.</param>
    public DraftAnalyzer(IDraftNormalizer normalizer, ISentenceDetector detector, IToneModel? model, AnalysisOptions options)
    {
        _normalizer = normalizer ?? throw new ArgumentNullException(nameof(normalizer));
        _detector = detector ?? throw new ArgumentNullException(nameof(detector));
        _model = model;
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The thresholds in force.</summary>
    public AnalysisOptions Options => _options;

    /// <summary>Whether a trained model takes part in scoring.</summary>
    public bool HasModel => _model is not null;

    /// <summary>Normalises a draft (the agent's words, split into sentences) without analysing it.</summary>
    /// <param name="content">Plain text, HTML or a whole .eml.</param>
    /// <param name="format">How to read it.</param>
    public NormalizedDraft Normalize(string content, DraftFormat format = DraftFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(content);
        return _normalizer.Normalize(content, format);
    }

    /// <summary>Normalises and analyses a draft.</summary>
    /// <param name="content">Plain text, HTML or a whole .eml.</param>
    /// <param name="format">How to read it.</param>
    /// <param name="incoming">The customer's message being answered; when null, the quoted message in the draft is used.</param>
    /// <param name="stop">See <see cref="Analyze(NormalizedDraft, string?, CancellationToken)"/>.</param>
    public Assessment Analyze(string content, DraftFormat format = DraftFormat.Auto, string? incoming = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Analyze(_normalizer.Normalize(content, format), incoming, stop);
    }

    /// <summary>Analyses an already normalised draft.</summary>
    /// <param name="draft">The normalised draft.</param>
    /// <param name="incoming">The customer's message being answered; when null, the quoted message in the draft is used.</param>
    /// <param name="stop">
    /// A time budget (or any reason to stop): once it is cancelled no further sentence is scored, and the assessment of
    /// the sentences scored so far is returned, with the rest counted in <see cref="Assessment.UnscoredSentences"/>.
    /// It never throws for it.
    /// </param>
    public Assessment Analyze(NormalizedDraft draft, string? incoming = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Status != DraftStatus.Ok || draft.Sentences.Count == 0)
        {
            return new Assessment(draft, 0, RiskLevel.Ok, CategoryScores.Zero, [], []);
        }

        incoming ??= draft.QuotedMessage;
        var sentences = new SentenceAssessment[draft.Sentences.Count];
        var categories = new double[ToneCategories.Count];
        var spans = new List<Evidence>();
        double risk = 0;
        var unscored = 0;

        for (var i = 0; i < sentences.Length; i++)
        {
            if (stop.IsCancellationRequested)
            {
                // The best answer so far: what is left stays unscored (risk 0), and the caller is told how much.
                unscored = sentences.Length - i;
                for (; i < sentences.Length; i++)
                {
                    sentences[i] = new SentenceAssessment(draft.Sentences[i], 0, CategoryScores.Zero, [], ContextFlags.None, null);
                }

                break;
            }

            var assessed = AnalyzeSentence(draft.Text, draft.Sentences[i], incoming);
            sentences[i] = assessed;
            risk = Math.Max(risk, assessed.Risk);
            for (var k = 0; k < categories.Length; k++)
            {
                categories[k] = Math.Max(categories[k], assessed.Categories[(ToneCategory)k]);
            }

            if (assessed.Risk >= _options.CautionThreshold)
            {
                spans.AddRange(assessed.Hits);
            }
        }

        var omitted = LimitSpans(spans, _options.MaxSpansPerCategory);
        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        return new Assessment(draft, risk, _options.LevelFor(risk), new CategoryScores(categories), spans, sentences)
        {
            UnscoredSentences = unscored,
            OmittedSpans = omitted,
        };
    }

    /// <summary>
    /// Keeps the strongest <paramref name="perCategory"/> spans of each category (the earlier one of two equally
    /// strong), removes the rest from <paramref name="spans"/> and returns how many were removed. The order of what is
    /// kept is not preserved; callers sort afterwards.
    /// </summary>
    internal static int LimitSpans(List<Evidence> spans, int perCategory)
    {
        Span<int> counts = stackalloc int[ToneCategories.Count];
        var over = false;
        foreach (var span in spans)
        {
            over |= ++counts[(int)span.Category] > perCategory;
        }

        if (!over)
        {
            return 0;
        }

        var ranked = new int[spans.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = i;
        }

        Array.Sort(ranked, (x, y) =>
        {
            var a = spans[x];
            var b = spans[y];
            var order = a.Category.CompareTo(b.Category);
            order = order != 0 ? order : b.Strength.CompareTo(a.Strength);
            order = order != 0 ? order : a.Start.CompareTo(b.Start);
            return order != 0 ? order : x.CompareTo(y);
        });

        var keep = new bool[spans.Count];
        var taken = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            taken = i > 0 && spans[ranked[i]].Category == spans[ranked[i - 1]].Category ? taken + 1 : 1;
            keep[ranked[i]] = taken <= perCategory;
        }

        var before = spans.Count;
        var next = 0;
        for (var i = 0; i < before; i++)
        {
            if (keep[i])
            {
                spans[next++] = spans[i];
            }
        }

        spans.RemoveRange(next, before - next);
        return before - next;
    }

    /// <summary>Scores one sentence of a draft (used by the coaching layer to re-score rewrites).</summary>
    public SentenceAssessment AnalyzeSentence(string draftText, Sentence sentence, string? incoming)
    {
        ArgumentNullException.ThrowIfNull(draftText);
        ArgumentNullException.ThrowIfNull(sentence);
        var signals = _detector.Detect(draftText, sentence, incoming);
        var hits = signals.Hits;

        double risk;
        double? modelProbability = null;
        float[]? categoryProbabilities = null;
        if (_model is not null)
        {
            // The category head is only needed to name a sentence the detectors found nothing in.
            var categoryFloor = hits.Count > 0 ? float.PositiveInfinity : (float)_options.ModelCategoryFloor;
            var output = _model.Predict(sentence.Text, signals.Features, categoryFloor);
            modelProbability = output.Probability;
            categoryProbabilities = output.CategoryProbabilities;
            risk = output.Probability;
        }
        else
        {
            risk = 0;
            foreach (var hit in hits)
            {
                risk = Math.Max(risk, hit.Strength);
            }
        }

        var scores = new double[ToneCategories.Count];
        if (hits.Count > 0)
        {
            float strongest = 0;
            foreach (var hit in hits)
            {
                strongest = Math.Max(strongest, hit.Strength);
            }

            foreach (var hit in hits)
            {
                var share = strongest > 0 ? hit.Strength / strongest : 1;
                scores[(int)hit.Category] = Math.Max(scores[(int)hit.Category], risk * share);
            }
        }
        else if (risk > 0 && (_model is null || risk >= _options.ModelCategoryFloor))
        {
            var category = AttributeWithoutEvidence(categoryProbabilities, scores, risk);
            if (risk >= _options.ModelOnlySpanThreshold)
            {
                // The model saw something no pattern explains: point at the sentence as a whole, and say so.
                hits = [new Evidence(sentence.Start, sentence.Length, category, ModelOnlyReason(category), (float)risk)];
            }
        }

        return new SentenceAssessment(sentence, risk, new CategoryScores(scores), hits, signals.Context, modelProbability);
    }

    private static ToneCategory AttributeWithoutEvidence(float[]? categoryProbabilities, double[] scores, double risk)
    {
        if (categoryProbabilities is null || categoryProbabilities.Length != ToneCategories.Count)
        {
            scores[(int)ToneCategory.Hostility] = risk;
            return ToneCategory.Hostility;
        }

        var best = 0;
        for (var k = 1; k < categoryProbabilities.Length; k++)
        {
            if (categoryProbabilities[k] > categoryProbabilities[best])
            {
                best = k;
            }
        }

        var top = Math.Max(categoryProbabilities[best], 1e-6f);
        for (var k = 0; k < categoryProbabilities.Length; k++)
        {
            scores[k] = risk * categoryProbabilities[k] / top;
        }

        return (ToneCategory)best;
    }

    /// <summary>The reason shown for a sentence flagged by the model alone.</summary>
    public static string ModelOnlyReason(ToneCategory category) => category switch
    {
        ToneCategory.Hostility => "the sentence as a whole reads as hostile toward the reader",
        ToneCategory.Blame => "the sentence as a whole reads as blaming the customer",
        ToneCategory.Generalization => "the sentence as a whole reads as a sweeping remark about a group of people",
        ToneCategory.Threat => "the sentence as a whole reads as a threat",
        ToneCategory.Condescension => "the sentence as a whole reads as talking down to the reader",
        ToneCategory.Dismissiveness => "the sentence as a whole reads as refusing to engage",
        ToneCategory.Profanity => "the sentence as a whole reads as crude or obscene",
        _ => "the sentence as a whole reads as hostile",
    };
}
