namespace ReplyCoach.Training.Data;

/// <summary>
/// Assigns rows to train / validation / test by a seeded hash of their group, so the split is the same on every run
/// and every machine, does not depend on row order, and never separates a toxic sentence from its rewrites.
/// </summary>
internal static class DataSplitter
{
    /// <summary>Share of public rows for validation and for test (the rest trains).</summary>
    public const double PublicHoldShare = 0.10;

    /// <summary>
    /// Share of in-domain corpus rows for validation and for test. Larger than for the public data because the
    /// thresholds are chosen on the in-domain validation rows and every one of them counts.
    /// </summary>
    public const double InDomainHoldShare = 0.20;

    /// <summary>The split of a row.</summary>
    public static DataSplit Assign(LabelledExample example, int seed)
    {
        ArgumentNullException.ThrowIfNull(example);
        var share = example.InDomain ? InDomainHoldShare : PublicHoldShare;
        var u = Unit(seed, example.Source + "\u0001" + example.Group);
        return u < share ? DataSplit.Validation : u < 2 * share ? DataSplit.Test : DataSplit.Train;
    }

    /// <summary>A deterministic number in [0, 1) for a key (FNV-1a, 64-bit, then a final mix).</summary>
    public static double Unit(int seed, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var h = 14695981039346656037UL ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        foreach (var c in key)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        // splitmix64 finaliser: FNV alone leaves the high bits poorly mixed for short keys.
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>
    /// A reproducible subset of at most <paramref name="maxRows"/> rows for fast runs, taking in-domain rows and
    /// public rows in proportion so the small model still sees customer-service text.
    /// </summary>
    public static List<LabelledExample> Subset(IReadOnlyList<LabelledExample> rows, int maxRows, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (maxRows <= 0 || rows.Count <= maxRows)
        {
            return [.. rows];
        }

        return [.. rows
            .OrderBy(r => Unit(seed ^ 0x5bd1e995, r.Source + "\u0001" + r.Group + "\u0001" + r.Text))
            .Take(maxRows)];
    }
}
