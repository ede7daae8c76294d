using ReplyCoach.Training.Evaluation;

namespace ReplyCoach.Training.Tests;

// Expected values are worked out by hand in the comments (they agree with scikit-learn's roc_auc_score and
// average_precision_score on the same inputs).
[TestFixture]
internal sealed class BinaryMetricsTests
{
    // Scores 0.1(-) 0.35(+) 0.4(-) 0.8(+). Pairs (+,-) ranked right: (0.35,0.1) (0.8,0.1) (0.8,0.4) = 3 of 4.
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] Labels = [false, false, true, true];

    [Test]
    public void RocAuc_ClassicFourRows_IsThreeQuarters() =>
        Assert.That(BinaryMetrics.RocAuc(Scores, Labels), Is.EqualTo(0.75).Within(1e-12));

    [Test]
    public void RocAuc_PerfectRanking_IsOne() =>
        Assert.That(BinaryMetrics.RocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), Is.EqualTo(1.0));

    [Test]
    public void RocAuc_InvertedRanking_IsZero() =>
        Assert.That(BinaryMetrics.RocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]), Is.EqualTo(0.0));

    [Test]
    public void RocAuc_TiedScores_CountHalf()
    {
        // (+0.5,-0.5) tie = 1/2, (+0.5,-0.2) = 1, (+0.9,-0.5) = 1, (+0.9,-0.2) = 1: 3.5 of 4.
        Assert.That(BinaryMetrics.RocAuc([0.5, 0.5, 0.2, 0.9], [true, false, false, true]), Is.EqualTo(0.875).Within(1e-12));
    }

    [Test]
    public void RocAuc_OneClassOnly_IsNaN() =>
        Assert.That(BinaryMetrics.RocAuc([0.1, 0.9], [true, true]), Is.NaN);

    [Test]
    public void RocAuc_MismatchedLengths_Throws() =>
        Assert.That(() => BinaryMetrics.RocAuc([0.1, 0.9], [true]), Throws.ArgumentException);

    [Test]
    public void RocCurve_ClassicFourRows_StepsThroughEveryScore()
    {
        // Thresholds 0.8: (0, 1/2); 0.4: (1/2, 1/2); 0.35: (1/2, 1); 0.1: (1, 1).
        var curve = BinaryMetrics.RocCurve(Scores, Labels);
        Assert.That(curve.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)), Is.EqualTo(new[]
        {
            (0.0, 0.0), (0.0, 0.5), (0.5, 0.5), (0.5, 1.0), (1.0, 1.0),
        }));
    }

    [Test]
    public void PrecisionRecallCurve_ClassicFourRows_MatchesHandCount()
    {
        // 0.8: 1 TP 0 FP -> R 1/2 P 1; 0.4: 1 TP 1 FP -> R 1/2 P 1/2; 0.35: 2 TP 1 FP -> R 1 P 2/3; 0.1: R 1 P 1/2.
        var curve = BinaryMetrics.PrecisionRecallCurve(Scores, Labels);
        Assert.That(curve.Select(p => p.Threshold), Is.EqualTo(new[] { 0.8, 0.4, 0.35, 0.1 }));
        Assert.That(curve.Select(p => p.Recall), Is.EqualTo(new[] { 0.5, 0.5, 1.0, 1.0 }));
        Assert.That(curve.Select(p => p.Precision), Is.EqualTo(new[] { 1.0, 0.5, 2.0 / 3, 0.5 }).Within(1e-12));
    }

    [Test]
    public void AveragePrecision_ClassicFourRows_IsFiveSixths()
    {
        // Recall gains: 1/2 at precision 1, then 1/2 at precision 2/3: 1/2 + 1/3 = 5/6.
        Assert.That(BinaryMetrics.AveragePrecision(Scores, Labels), Is.EqualTo(5.0 / 6).Within(1e-12));
    }

    [Test]
    public void AveragePrecision_NoPositives_IsNaN() =>
        Assert.That(BinaryMetrics.AveragePrecision([0.2, 0.3], [false, false]), Is.NaN);

    [Test]
    public void At_ThresholdEqualToAScore_CountsThatScoreAsFlagged()
    {
        var counts = BinaryMetrics.At(Scores, Labels, 0.35);
        Assert.That((counts.TruePositives, counts.FalsePositives, counts.TrueNegatives, counts.FalseNegatives), Is.EqualTo((2, 1, 1, 0)));
        Assert.That(counts.Precision, Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(counts.Recall, Is.EqualTo(1.0));
        Assert.That(counts.FalsePositiveRate, Is.EqualTo(0.5));
    }

    [Test]
    public void At_ThresholdAboveEveryScore_HasNoPrecision()
    {
        var counts = BinaryMetrics.At(Scores, Labels, 0.95);
        Assert.That(counts.Precision, Is.Null);
        Assert.That(counts.Recall, Is.EqualTo(0.0));
        Assert.That(counts.FalsePositiveRate, Is.EqualTo(0.0));
    }
}
