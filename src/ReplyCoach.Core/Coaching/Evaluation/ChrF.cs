namespace ReplyCoach.Core.Coaching.Evaluation;

/// <summary>
/// chrF, the character n-gram F-score (Popović 2015): character n-grams of order 1 to 6 with whitespace removed,
/// precision and recall averaged over the orders present, combined with β = 2 (recall weighs twice as much).
/// Same numbers as sacreBLEU's chrF (char_order 6, word_order 0, β 2). With several references, each sentence
/// counts against the reference it matches best.
/// </summary>
public sealed class ChrF
{
    /// <summary>Highest n-gram order.</summary>
    public const int Order = 6;

    /// <summary>Weight of recall against precision.</summary>
    public const double Beta = 2;

    private readonly long[] _totals = new long[Order * 3];

    /// <summary>Number of sentences added.</summary>
    public int Count { get; private set; }

    /// <summary>The corpus-level score so far, 0..100.</summary>
    public double Score => FromStatistics(_totals);

    /// <summary>Adds one hypothesis with its references to the corpus score; returns its sentence-level score.</summary>
    public double Add(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference is needed.", nameof(references));
        }

        long[]? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var reference in references)
        {
            var stats = Statistics(hypothesis, reference);
            var score = FromStatistics(stats);
            if (score > bestScore)
            {
                best = stats;
                bestScore = score;
            }
        }

        for (var i = 0; i < _totals.Length; i++)
        {
            _totals[i] += best![i];
        }

        Count++;
        return bestScore;
    }

    /// <summary>The sentence-level chrF of a hypothesis against its best reference, 0..100.</summary>
    public static double Sentence(string hypothesis, params IReadOnlyList<string> references) => new ChrF().Add(hypothesis, references);

    /// <summary>Per order: hypothesis n-grams, reference n-grams, matching n-grams.</summary>
    internal static long[] Statistics(string hypothesis, string reference)
    {
        var stats = new long[Order * 3];
        var h = StripWhitespace(hypothesis);
        var r = StripWhitespace(reference);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 1; n <= Order; n++)
        {
            counts.Clear();
            long referenceCount = 0;
            for (var i = 0; i + n <= r.Length; i++)
            {
                var gram = r.Substring(i, n);
                counts[gram] = counts.GetValueOrDefault(gram) + 1;
                referenceCount++;
            }

            long hypothesisCount = 0, matches = 0;
            for (var i = 0; i + n <= h.Length; i++)
            {
                hypothesisCount++;
                var gram = h.Substring(i, n);
                if (counts.TryGetValue(gram, out var left) && left > 0)
                {
                    matches++;
                    counts[gram] = left - 1;
                }
            }

            stats[3 * (n - 1)] = hypothesisCount;
            stats[3 * (n - 1) + 1] = referenceCount;
            stats[3 * (n - 1) + 2] = matches;
        }

        return stats;
    }

    internal static double FromStatistics(IReadOnlyList<long> stats)
    {
        double precision = 0, recall = 0;
        var effective = 0;
        for (var i = 0; i < Order; i++)
        {
            var hypothesis = stats[3 * i];
            var reference = stats[3 * i + 1];
            var matches = stats[3 * i + 2];
            if (hypothesis > 0 && reference > 0)
            {
                precision += (double)matches / hypothesis;
                recall += (double)matches / reference;
                effective++;
            }
        }

        if (effective == 0)
        {
            return 0;
        }

        precision /= effective;
        recall /= effective;
        const double factor = Beta * Beta;
        return precision + recall == 0 ? 0 : 100 * (1 + factor) * precision * recall / (factor * precision + recall);
    }

    private static string StripWhitespace(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
