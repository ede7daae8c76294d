using ReplyCoach.Ml.Pipeline;

namespace ReplyCoach.Training;

/// <summary>What <c>replycoach train</c> trains on and how.</summary>
public sealed record TrainingOptions
{
    /// <summary>The public datasets folder; null to look it up (see <see cref="Data.PublicDatasets.Locate"/>).</summary>
    public string? DatasetsFolder { get; init; }

    /// <summary>The in-domain training corpus (TSV or JSONL); null for the repository's Corpus/train.tsv.</summary>
    public string? CorpusPath { get; init; }

    /// <summary>
    /// The held-apart in-domain corpus, only ever evaluated on; null for the repository's Corpus/heldout.tsv, empty
    /// string to skip it.
    /// </summary>
    public string? HeldoutPath { get; init; }

    /// <summary>Seed of the split, the subset and ML.NET.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Train on a reproducible subset of at most this many rows (0: all rows). For fast CI runs.</summary>
    public int MaxRows { get; init; }

    /// <summary>Weight of each in-domain corpus row; null to weigh the corpus as <see cref="InDomainWeightShare"/> of the public rows.</summary>
    public double? CorpusWeight { get; init; }

    /// <summary>When <see cref="CorpusWeight"/> is null: the total weight of the in-domain rows relative to the public rows.</summary>
    public double InDomainWeightShare { get; init; } = 2;

    /// <summary>Product aim: share of polite in-domain sentences that may reach caution (strictly under).</summary>
    public double CautionAim { get; init; } = 0.02;

    /// <summary>Product aim: share of polite in-domain sentences that may reach hold (strictly under).</summary>
    public double HoldAim { get; init; } = 0.005;

    /// <summary>Pipeline settings (regularisation, n-gram length...).</summary>
    public TonePipelineSettings Settings { get; init; } = TonePipelineSettings.Default;
}

/// <summary>A step of training, for progress display.</summary>
/// <param name="Stage">What is happening.</param>
/// <param name="Fraction">How far the stage is, 0..1, or null when it cannot tell.</param>
public sealed record TrainingProgress(string Stage, double? Fraction);
