using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;
using ReplyCoach.Training.Data;
using ReplyCoach.Training.Evaluation;

namespace ReplyCoach.Training.Tests;

/// <summary>
/// Model quality on data it never saw: the project's held-apart corpus (Corpus/heldout.tsv, 760 sentences, never
/// trained on and never used for a choice), scored by the full engine exactly as a draft is scored.
/// </summary>
[TestFixture]
internal sealed class ModelQualityTests
{
    // Measured with the committed model (see src/ReplyCoach.Ml/Model/metrics.json, "heldout"): ROC AUC 0.949.
    // The floor leaves a margin of 0.03 for a retrained model that is slightly different, not for a broken one.
    private const double AucFloor = 0.92; // measured 0.949 on heldout.tsv (2026-11-23)

    // Measured at the thresholds proposed in metrics.json: 0.83% of label-0 rows reach caution (4 of 480) and 0.21%
    // hold (1 of 480); recall of label-1 rows at caution 68.6%. The limits on civil rows are the product's aims
    // (2% and 0.5%); the recall floor catches a model that stops separating in-domain text.
    private const double MaxPoliteShareAtCaution = 0.02; // measured 0.0083
    private const double MaxPoliteShareAtHold = 0.005; // measured 0.0021
    private const double MinRecallAtCaution = 0.62; // measured 0.686

    private static EvaluationSummary? _summary;

    private static EvaluationSummary Summary()
    {
        if (_summary is not null)
        {
            return _summary;
        }

        var model = ToneModelLoader.LoadBuiltIn() ?? throw new InvalidOperationException("No built-in model is embedded.");
        var thresholds = TrainingReport.FromJson(ToneModelLoader.ReadBuiltInMetrics()!)!.Thresholds!;
        var options = new AnalysisOptions { CautionThreshold = thresholds.Caution, HoldThreshold = thresholds.Hold };
        var analyzer = new DraftAnalyzer(new DraftNormalizer(), new ToneDetector(), model, options);
        var examples = LabelledFile.Read(TestPaths.Heldout, "heldout");
        var results = EngineEvaluator.Run(analyzer, examples);
        return _summary = EngineEvaluator.Summarize(results, options.CautionThreshold, options.HoldThreshold);
    }

    [Test]
    public void FullEngine_HeldoutCorpus_AucAboveMeasuredFloor() =>
        Assert.That(Summary().RocAuc, Is.GreaterThan(AucFloor));

    [Test]
    public void FullEngine_HeldoutCorpusAtProposedCaution_FewPoliteRowsFlagged() =>
        Assert.That(Summary().Caution.FalsePositiveRate, Is.LessThanOrEqualTo(MaxPoliteShareAtCaution));

    [Test]
    public void FullEngine_HeldoutCorpusAtProposedCaution_MostHostileRowsFlagged() =>
        Assert.That(Summary().Caution.Recall, Is.GreaterThanOrEqualTo(MinRecallAtCaution));

    [Test]
    public void FullEngine_HeldoutCorpusAtProposedHold_AlmostNoPoliteRowsHeld() =>
        Assert.That(Summary().Hold.FalsePositiveRate, Is.LessThanOrEqualTo(MaxPoliteShareAtHold));

    [Test]
    public void DefaultThresholds_AreTheOnesProposedForTheBuiltInModel()
    {
        // The engine's defaults must be the thresholds chosen on validation for the model that ships with it.
        var thresholds = TrainingReport.FromJson(ToneModelLoader.ReadBuiltInMetrics()!)!.Thresholds!;
        var defaults = new AnalysisOptions();
        Assert.That(defaults.CautionThreshold, Is.EqualTo(thresholds.Caution).Within(1e-9));
        Assert.That(defaults.HoldThreshold, Is.EqualTo(thresholds.Hold).Within(1e-9));
        Assert.That(defaults.ModelOnlySpanThreshold, Is.LessThanOrEqualTo(defaults.CautionThreshold), "every flagged sentence must show a span");
    }
}
