using Microsoft.ML.Data;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Ml.Pipeline;

/// <summary>What the model reads for one sentence: its (prepared) text and the detector features.</summary>
public sealed class ToneInput
{
    /// <summary>The sentence, after <see cref="ToneText.Prepare"/>.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The detector features (<see cref="Core.Analysis.DetectorFeatures"/> layout).</summary>
    [VectorType(Core.Analysis.DetectorFeatures.Count)]
    public float[] DetectorFeatures { get; set; } = new float[Core.Analysis.DetectorFeatures.Count];
}

/// <summary>A labelled training row: <see cref="ToneInput"/> plus label, weight and category.</summary>
public sealed class ToneTrainingRow
{
    /// <summary>The sentence, after <see cref="ToneText.Prepare"/>.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The detector features.</summary>
    [VectorType(Core.Analysis.DetectorFeatures.Count)]
    public float[] DetectorFeatures { get; set; } = new float[Core.Analysis.DetectorFeatures.Count];

    /// <summary>True when the sentence reads as hostile.</summary>
    public bool Label { get; set; }

    /// <summary>How much the row counts in training.</summary>
    public float Weight { get; set; } = 1f;

    /// <summary>The category name (<see cref="ToneCategories.Name(ToneCategory)"/>), or empty when unknown or not hostile.</summary>
    public string Category { get; set; } = string.Empty;

    /// <summary>True for rows of the project's own customer-service corpus.</summary>
    public bool InDomain { get; set; }
}

/// <summary>What the scoring chain produces for one sentence.</summary>
public sealed class ToneScore
{
    /// <summary>Calibrated probability that the sentence reads as hostile (from the binary head and its calibrator).</summary>
    [ColumnName(TonePipeline.ProbabilityColumn)]
    public float Probability { get; set; }

    /// <summary>Probability of each category given hostility, in <see cref="ToneCategory"/> order (from the category head).</summary>
    [ColumnName(TonePipeline.CategoryScoreColumn)]
    public float[] CategoryScores { get; set; } = [];
}
