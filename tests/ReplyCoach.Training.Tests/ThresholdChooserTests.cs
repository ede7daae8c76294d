using ReplyCoach.Training.Evaluation;

namespace ReplyCoach.Training.Tests;

[TestFixture]
internal sealed class ThresholdChooserTests
{
    // 200 negatives scored 0.001, 0.002, ..., 0.200.
    private static readonly double[] Negatives = [.. Enumerable.Range(1, 200).Select(i => i / 1000.0)];

    [Test]
    public void ForNegativeShare_TwoPercentOf200_AllowsThreeAbove()
    {
        // Under 2% of 200 means at most 3 rows (1.5%); the 4th highest score (0.197) must not reach: 0.198.
        var threshold = ThresholdChooser.ForNegativeShare(Negatives, 0.02);
        Assert.That(threshold, Is.EqualTo(0.198).Within(1e-12));
        Assert.That(Negatives.Count(s => s >= threshold), Is.EqualTo(3));
    }

    [Test]
    public void ForNegativeShare_HalfPercentOf200_AllowsNone()
    {
        // Under 0.5% of 200 is under 1 row: the threshold lies just above the highest negative.
        var threshold = ThresholdChooser.ForNegativeShare(Negatives, 0.005);
        Assert.That(threshold, Is.EqualTo(0.201).Within(1e-12));
        Assert.That(Negatives.Count(s => s >= threshold), Is.Zero);
    }

    [Test]
    public void ForNegativeShare_ScoreBetweenGridSteps_RoundsUpToTheNextStep()
    {
        // One negative of five may reach (under 40%); the second highest, 0.5004, must not: 0.501.
        var threshold = ThresholdChooser.ForNegativeShare([0.1, 0.2, 0.3, 0.5004, 0.9], 0.4);
        Assert.That(threshold, Is.EqualTo(0.501).Within(1e-12));
    }

    [Test]
    public void ForNegativeShare_NoScores_Throws() =>
        Assert.That(() => ThresholdChooser.ForNegativeShare([], 0.02), Throws.ArgumentException);
}
