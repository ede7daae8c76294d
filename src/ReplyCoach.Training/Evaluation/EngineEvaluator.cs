using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Training.Data;

namespace ReplyCoach.Training.Evaluation;

/// <summary>What the full engine said about one labelled text.</summary>
/// <param name="Example">The labelled text.</param>
/// <param name="Risk">The draft risk (the most hostile sentence).</param>
/// <param name="Level">The level at the analyser's thresholds.</param>
/// <param name="TopCategory">The category with the highest score, or null when every score is 0.</param>
/// <param name="Status">Whether the text could be analysed.</param>
public sealed record EngineResult(LabelledExample Example, double Risk, RiskLevel Level, ToneCategory? TopCategory, DraftStatus Status);

/// <summary>
/// Runs labelled texts through the whole engine (normaliser, detectors, model, thresholds) exactly as a draft is
/// scored in the product, and summarises how well the verdicts match the labels.
/// </summary>
public static class EngineEvaluator
{
    /// <summary>Analyses every text (in parallel: the analyser is thread-safe) and returns the results in input order.</summary>
    /// <param name="analyzer">The engine.</param>
    /// <param name="examples">Labelled texts, each analysed as a plain-text draft.</param>
    /// <param name="progress">Receives the number of texts done so far (from several threads; may be null).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static IReadOnlyList<EngineResult> Run(
        DraftAnalyzer analyzer,
        IReadOnlyList<LabelledExample> examples,
        Action<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(examples);
        var results = new EngineResult[examples.Count];
        var done = 0;
        Parallel.For(
            0,
            examples.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                var example = examples[i];
                var assessment = analyzer.Analyze(example.Text, DraftFormat.Text);
                results[i] = new EngineResult(example, assessment.Risk, assessment.Level, TopCategory(assessment.Categories), assessment.Status);
                var n = Interlocked.Increment(ref done);
                if (progress is not null && (n % 64 == 0 || n == examples.Count))
                {
                    progress(n);
                }
            });
        return results;
    }

    /// <summary>Summarises results against their labels at the given thresholds.</summary>
    public static EvaluationSummary Summarize(IReadOnlyList<EngineResult> results, double caution, double hold)
    {
        ArgumentNullException.ThrowIfNull(results);
        var scores = results.Select(r => r.Risk).ToArray();
        var labels = results.Select(r => r.Example.Label).ToArray();

        var confusion = new Dictionary<string, LevelCounts>();
        foreach (var level in Enum.GetValues<RiskLevel>())
        {
            var atLevel = results.Where(r => LevelOf(r.Risk, caution, hold) == level).ToList();
            confusion[ToneCategories.Name(level)] = new LevelCounts(atLevel.Count(r => !r.Example.Label), atLevel.Count(r => r.Example.Label));
        }

        var categories = new Dictionary<string, CategorySummary>();
        foreach (var category in ToneCategories.All)
        {
            var rows = results.Where(r => r.Example.Label && r.Example.Category == category).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var flagged = rows.Where(r => r.Risk >= caution).ToList();
            categories[ToneCategories.Name(category)] = new CategorySummary(
                rows.Count,
                Share(rows.Count(r => r.Risk >= caution), rows.Count),
                Share(rows.Count(r => r.Risk >= hold), rows.Count),
                Share(rows.Count(r => r.TopCategory == category), rows.Count),
                Share(flagged.Count(r => r.TopCategory == category), flagged.Count));
        }

        var withCategory = results.Where(r => r.Example.Label && r.Example.Category is not null).ToList();
        var flaggedWithCategory = withCategory.Where(r => r.Risk >= caution).ToList();

        var kinds = new SortedDictionary<string, KindSummary>(StringComparer.Ordinal);
        foreach (var group in results.Where(r => r.Example.Kind is not null).GroupBy(r => (r.Example.Kind!, r.Example.Label)))
        {
            var rows = group.ToList();
            kinds[$"{group.Key.Item1} ({(group.Key.Label ? 1 : 0)})"] = new KindSummary(
                rows.Count,
                group.Key.Label,
                Share(rows.Count(r => r.Risk >= caution), rows.Count) ?? 0,
                Share(rows.Count(r => r.Risk >= hold), rows.Count) ?? 0);
        }

        return new EvaluationSummary(
            results.Count,
            labels.Count(l => l),
            labels.Count(l => !l),
            NullIfNaN(BinaryMetrics.RocAuc(scores, labels)),
            NullIfNaN(BinaryMetrics.AveragePrecision(scores, labels)),
            AtThreshold.From(BinaryMetrics.At(scores, labels, caution)),
            AtThreshold.From(BinaryMetrics.At(scores, labels, hold)),
            confusion,
            categories,
            Share(withCategory.Count(r => r.TopCategory == r.Example.Category), withCategory.Count),
            Share(flaggedWithCategory.Count(r => r.TopCategory == r.Example.Category), flaggedWithCategory.Count),
            kinds,
            results.Count(r => r.Status != DraftStatus.Ok));
    }

    /// <summary>The category with the highest score; null when none is above 0.</summary>
    public static ToneCategory? TopCategory(IReadOnlyDictionary<ToneCategory, double> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ToneCategory? best = null;
        double bestScore = 0;
        foreach (var category in ToneCategories.All)
        {
            if (categories.TryGetValue(category, out var score) && score > bestScore)
            {
                best = category;
                bestScore = score;
            }
        }

        return best;
    }

    // The level follows from the risk and the thresholds being summarised (as AnalysisOptions.LevelFor does), so
    // results scored without an analyser, or at other thresholds, are summarised the same way.
    private static RiskLevel LevelOf(double risk, double caution, double hold) =>
        risk >= hold ? RiskLevel.Hold : risk >= caution ? RiskLevel.Caution : RiskLevel.Ok;

    private static double? Share(int count, int total) => total == 0 ? null : (double)count / total;

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}

/// <summary>Rows at one level, by label.</summary>
/// <param name="Label0">Rows labelled not hostile.</param>
/// <param name="Label1">Rows labelled hostile.</param>
public sealed record LevelCounts(int Label0, int Label1);

/// <summary>Figures for one category of hostile rows.</summary>
/// <param name="Rows">Hostile rows of this category.</param>
/// <param name="RecallAtCaution">Share reaching caution.</param>
/// <param name="RecallAtHold">Share reaching hold.</param>
/// <param name="CategoryAccuracy">Share whose top category is this one.</param>
/// <param name="CategoryAccuracyWhenFlagged">The same among those reaching caution (what an agent would see).</param>
public sealed record CategorySummary(int Rows, double? RecallAtCaution, double? RecallAtHold, double? CategoryAccuracy, double? CategoryAccuracyWhenFlagged);

/// <summary>Figures for one row kind of a corpus.</summary>
/// <param name="Rows">Rows of this kind.</param>
/// <param name="Hostile">Their label.</param>
/// <param name="ShareAtCaution">Share reaching caution.</param>
/// <param name="ShareAtHold">Share reaching hold.</param>
public sealed record KindSummary(int Rows, bool Hostile, double ShareAtCaution, double ShareAtHold);

/// <summary>Counts and rates at one threshold, ready for JSON.</summary>
/// <param name="Threshold">The threshold.</param>
/// <param name="Precision">TP / flagged (null when nothing is flagged).</param>
/// <param name="Recall">Share of hostile rows flagged.</param>
/// <param name="FalsePositiveRate">Share of non-hostile rows flagged.</param>
/// <param name="TruePositives">Hostile rows flagged.</param>
/// <param name="FalsePositives">Non-hostile rows flagged.</param>
/// <param name="TrueNegatives">Non-hostile rows passed.</param>
/// <param name="FalseNegatives">Hostile rows passed.</param>
public sealed record AtThreshold(double Threshold, double? Precision, double? Recall, double? FalsePositiveRate, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>Converts counts.</summary>
    public static AtThreshold From(ThresholdCounts c) =>
        new(c.Threshold, c.Precision, c.Recall, c.FalsePositiveRate, c.TruePositives, c.FalsePositives, c.TrueNegatives, c.FalseNegatives);
}

/// <summary>How well the engine's verdicts match the labels of a file.</summary>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="Positives">Rows labelled hostile.</param>
/// <param name="Negatives">Rows labelled not hostile.</param>
/// <param name="RocAuc">Area under the ROC curve of the draft risk.</param>
/// <param name="AveragePrecision">Area under the precision-recall curve (step-wise).</param>
/// <param name="Caution">Figures at the caution threshold.</param>
/// <param name="Hold">Figures at the hold threshold.</param>
/// <param name="Confusion">Rows per level ("ok", "caution", "hold") and label.</param>
/// <param name="Categories">Per labelled category of hostile rows.</param>
/// <param name="CategoryAccuracy">Share of hostile rows with a labelled category whose top category matches it.</param>
/// <param name="CategoryAccuracyWhenFlagged">The same among rows that reached caution.</param>
/// <param name="Kinds">Per row kind and label, when the file gives kinds.</param>
/// <param name="NotAnalysed">Rows the normaliser found empty or not English (they score 0).</param>
public sealed record EvaluationSummary(
    int Rows,
    int Positives,
    int Negatives,
    double? RocAuc,
    double? AveragePrecision,
    AtThreshold Caution,
    AtThreshold Hold,
    IReadOnlyDictionary<string, LevelCounts> Confusion,
    IReadOnlyDictionary<string, CategorySummary> Categories,
    double? CategoryAccuracy,
    double? CategoryAccuracyWhenFlagged,
    IReadOnlyDictionary<string, KindSummary> Kinds,
    int NotAnalysed);
