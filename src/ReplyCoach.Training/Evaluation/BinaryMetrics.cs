namespace ReplyCoach.Training.Evaluation;

/// <summary>A point of the ROC curve.</summary>
/// <param name="Threshold">Scores at or above this count as positive.</param>
/// <param name="FalsePositiveRate">Share of negatives at or above the threshold.</param>
/// <param name="TruePositiveRate">Share of positives at or above the threshold (recall).</param>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>A point of the precision-recall curve.</summary>
/// <param name="Threshold">Scores at or above this count as positive.</param>
/// <param name="Recall">Share of positives at or above the threshold.</param>
/// <param name="Precision">Share of rows at or above the threshold that are positive.</param>
public readonly record struct PrPoint(double Threshold, double Recall, double Precision);

/// <summary>Counts and rates at one threshold.</summary>
/// <param name="Threshold">Scores at or above this count as positive.</param>
/// <param name="TruePositives">Positives at or above.</param>
/// <param name="FalsePositives">Negatives at or above.</param>
/// <param name="TrueNegatives">Negatives below.</param>
/// <param name="FalseNegatives">Positives below.</param>
public readonly record struct ThresholdCounts(double Threshold, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>Number of positives.</summary>
    public int Positives => TruePositives + FalseNegatives;

    /// <summary>Number of negatives.</summary>
    public int Negatives => FalsePositives + TrueNegatives;

    /// <summary>TP / (TP + FP); null when nothing reaches the threshold.</summary>
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / positives; null when there are no positives.</summary>
    public double? Recall => Positives == 0 ? null : (double)TruePositives / Positives;

    /// <summary>FP / negatives; null when there are no negatives.</summary>
    public double? FalsePositiveRate => Negatives == 0 ? null : (double)FalsePositives / Negatives;
}

/// <summary>
/// Ranking metrics for a binary scorer: ROC AUC (ties count half, as in the Mann-Whitney statistic), the ROC and
/// precision-recall curves with one point per distinct score, average precision (step-wise, as scikit-learn), and
/// counts at a threshold. A threshold t classifies score &gt;= t as positive, as the engine does.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Area under the ROC curve; NaN when either class is absent.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        Check(scores, labels);
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Mid-ranks of the positives: AUC = (sum of ranks - P(P+1)/2) / (P N).
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        var k = 0;
        while (k < order.Length)
        {
            var end = k;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[k]])
            {
                end++;
            }

            var midRank = (k + end + 2) / 2.0; // ranks are 1-based
            for (var j = k; j <= end; j++)
            {
                if (labels[order[j]])
                {
                    rankSum += midRank;
                }
            }

            k = end + 1;
        }

        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>The ROC curve from (0, 0) to (1, 1), one point per distinct score, thresholds descending.</summary>
    public static IReadOnlyList<RocPoint> RocCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        Check(scores, labels);
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        foreach (var (threshold, tp, fp) in Sweep(scores, labels))
        {
            points.Add(new RocPoint(threshold, negatives == 0 ? 0 : (double)fp / negatives, positives == 0 ? 0 : (double)tp / positives));
        }

        return points;
    }

    /// <summary>The precision-recall curve, one point per distinct score, thresholds descending (recall rising).</summary>
    public static IReadOnlyList<PrPoint> PrecisionRecallCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        Check(scores, labels);
        var positives = labels.Count(l => l);
        var points = new List<PrPoint>();
        foreach (var (threshold, tp, fp) in Sweep(scores, labels))
        {
            points.Add(new PrPoint(threshold, positives == 0 ? 0 : (double)tp / positives, (double)tp / (tp + fp)));
        }

        return points;
    }

    /// <summary>Average precision: the sum over thresholds of (recall gained) × (precision there); NaN without positives.</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (!labels.Any(l => l))
        {
            return double.NaN;
        }

        double ap = 0, previousRecall = 0;
        foreach (var point in PrecisionRecallCurve(scores, labels))
        {
            ap += (point.Recall - previousRecall) * point.Precision;
            previousRecall = point.Recall;
        }

        return ap;
    }

    /// <summary>Counts at a threshold (score &gt;= threshold is positive).</summary>
    public static ThresholdCounts At(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        Check(scores, labels);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var flagged = scores[i] >= threshold;
            if (labels[i])
            {
                if (flagged)
                {
                    tp++;
                }
                else
                {
                    fn++;
                }
            }
            else if (flagged)
            {
                fp++;
            }
            else
            {
                tn++;
            }
        }

        return new ThresholdCounts(threshold, tp, fp, tn, fn);
    }

    // Cumulative (TP, FP) after taking every row with score >= each distinct score, highest first.
    private static IEnumerable<(double Threshold, int TruePositives, int FalsePositives)> Sweep(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        int tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (labels[order[k]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (k + 1 == order.Length || scores[order[k + 1]] != scores[order[k]])
            {
                yield return (scores[order[k]], tp, fp);
            }
        }
    }

    private static void Check(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException("There must be one label per score.", nameof(labels));
        }

        foreach (var s in scores)
        {
            if (double.IsNaN(s))
            {
                throw new ArgumentException("Scores must not be NaN.", nameof(scores));
            }
        }
    }
}
