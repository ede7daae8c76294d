using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml.Data;
using ReplyCoach.Ml.Evaluation;
using ReplyCoach.Ml.Training;

namespace ReplyCoach.Ml.Tests;

/// <summary>
/// Model quality on data it never saw: the project's held-apart corpus (Corpus/heldout.tsv, 760 sentences, never
/// trained on and never used for a choice), scored by the full engine exactly as a draft is scored.
/// </summary>
[TestFixture]
internal sealed class ModelQualityTests
{
    // Measured with the committed model (see src/ReplyCoach.Ml/Model/metrics.json, "heldout"): ROC AUC 0.932.
    // The floor leaves a margin of 0.03 for a retrained model that is slightly different, not for a broken one.
    private const double AucFloor = 0.90; // measured 0.932 on heldout.tsv (2026-11-23)

    // Measured at the thresholds proposed in metrics.json: 3.75% of label-0 rows reach caution, recall of
    // label-1 rows 71.1%. The floors below catch a model that stops separating in-domain text.
    private const double MaxPoliteShareAtCaution = 0.06; // measured 0.0375
    private const double MinRecallAtCaution = 0.65; // measured 0.711

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
}
