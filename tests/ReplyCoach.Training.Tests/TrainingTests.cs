using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;
using ReplyCoach.Training.Data;

namespace ReplyCoach.Training.Tests;

/// <summary>A fast training run on a small subset (what CI can afford): it completes, and what it writes loads.</summary>
[TestFixture]
internal sealed class TrainingTests
{
    // Measured on 2026-12-08: this run (2,000 rows, seed 42) reaches ROC AUC 0.834 on its 176 public test rows. Other
    // seeds gave 0.800-0.871 on the same subset size, which is how far a changed corpus or platform can move it; the
    // floor sits below that spread, and far above chance (0.5), so a subset model that stops learning fails.
    private const double MinSubsetAuc = 0.78;

    [Test]
    public void Train_TwoThousandRows_WritesAModelThatLoadsAndScores()
    {
        var datasets = TestPaths.RequireDatasets();
        var output = Path.Combine(Path.GetTempPath(), "replycoach-train-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var trainer = new ToneTrainer(new ToneDetector(), new DraftNormalizer(), TimeProvider.System);
            var result = trainer.Train(new TrainingOptions
            {
                DatasetsFolder = datasets,
                CorpusPath = TestPaths.CorpusTrain,
                HeldoutPath = string.Empty,
                MaxRows = 2000,
                Seed = 42,
            });
            var modelPath = result.Save(output);

            var model = ToneModelLoader.Load(modelPath);
            Assert.That(((ToneModel)model).IsCompiled, Is.True, ((ToneModel)model).CompileFailure);
            var sentence = "You are an idiot.";
            var output1 = model.Predict(sentence, new float[DetectorFeatures.Count]);
            Assert.That(output1.Probability, Is.InRange(0f, 1f));
            Assert.That(output1.CategoryProbabilities, Has.Length.EqualTo(ToneCategories.Count));

            var report = TrainingReport.FromJson(File.ReadAllText(Path.Combine(output, TrainingResult.MetricsFileName)))!;
            Assert.That(report.Rows["train"].Rows + report.Rows["validation"].Rows + report.Rows["test"].Rows, Is.EqualTo(2000));
            Assert.That(report.Thresholds!.Hold, Is.GreaterThanOrEqualTo(report.Thresholds.Caution));
            Assert.That(report.Test["public"].RocAuc, Is.GreaterThan(MinSubsetAuc));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Test]
    public void Train_HeldoutGivenAsCorpus_RefusesToTrainOnIt()
    {
        var datasets = TestPaths.RequireDatasets();
        var trainer = new ToneTrainer(new ToneDetector(), null, TimeProvider.System);
        Assert.That(
            () => trainer.Train(new TrainingOptions { DatasetsFolder = datasets, CorpusPath = TestPaths.Heldout, HeldoutPath = TestPaths.Heldout, MaxRows = 500 }),
            Throws.TypeOf<DataException>().With.Message.Contains("never be trained on"));
    }
}
