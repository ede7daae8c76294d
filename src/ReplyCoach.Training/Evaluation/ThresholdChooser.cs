namespace ReplyCoach.Training.Evaluation;

/// <summary>Chooses a threshold from measured scores against a product aim.</summary>
internal static class ThresholdChooser
{
    /// <summary>Thresholds are given to this many decimals (1/1000).</summary>
    public const double Step = 0.001;

    /// <summary>
    /// The lowest threshold (on a 0.001 grid) at which strictly fewer than <paramref name="maxShare"/> of the
    /// negative scores reach it. The lowest such threshold keeps recall as high as the aim allows.
    /// </summary>
    /// <param name="negativeScores">Scores of rows that must not be flagged.</param>
    /// <param name="maxShare">The aim, e.g. 0.02 for "under 2%".</param>
    /// <returns>The threshold, at most 1 (when even 1 is reached too often the aim cannot be met and 1 is returned).</returns>
    public static double ForNegativeShare(IReadOnlyList<double> negativeScores, double maxShare)
    {
        ArgumentNullException.ThrowIfNull(negativeScores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxShare);
        if (negativeScores.Count == 0)
        {
            throw new ArgumentException("There are no negative scores to choose a threshold from.", nameof(negativeScores));
        }

        var sorted = negativeScores.OrderByDescending(s => s).ToArray();
        var n = sorted.Length;

        // The largest number of negatives allowed to reach the threshold: k / n < maxShare.
        var allowed = (int)Math.Ceiling(maxShare * n - 1e-9) - 1;
        if (allowed >= n)
        {
            return 0;
        }

        // The threshold must lie above the (allowed+1)-th highest negative score.
        var mustExceed = sorted[Math.Max(allowed, 0)];
        var threshold = Math.Floor(mustExceed / Step + 1e-9) * Step + Step;
        return Math.Min(Math.Round(threshold, 3), 1.0);
    }
}
