using System.ComponentModel.DataAnnotations;

namespace ReplyCoach.Core.Analysis;

/// <summary>Thresholds of the engine. Defaults were chosen from measurements on held-apart data (see the README).</summary>
public sealed class AnalysisOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Analysis";

    /// <summary>Risk at or above which the task pane coaches.</summary>
    [Range(0.0, 1.0)]
    public double CautionThreshold { get; set; } = 0.495;

    /// <summary>Risk at or above which the agent is prompted before sending.</summary>
    [Range(0.0, 1.0)]
    public double HoldThreshold { get; set; } = 0.829;

    /// <summary>Sentences whose model probability is at least this, with no detector evidence, get a whole-sentence span.</summary>
    [Range(0.0, 1.0)]
    public double ModelOnlySpanThreshold { get; set; } = 0.49;

    /// <summary>
    /// Sentences with no detector evidence whose model probability is below this are not attributed to a category
    /// (their risk still counts); the model's category head is not run for them, which saves time on civil text.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ModelCategoryFloor { get; set; } = 0.15;

    /// <summary>
    /// Most flagged spans reported per category: the strongest are kept, the others only counted
    /// (<see cref="Assessment.OmittedSpans"/>). A 300-word reply has about 20 sentences; no real e-mail comes near
    /// this, but a draft of thousands of insults would otherwise make an answer of megabytes.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSpansPerCategory { get; set; } = 50;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HoldThreshold < CautionThreshold)
        {
            yield return new ValidationResult(
                "HoldThreshold must not be lower than CautionThreshold.",
                [nameof(HoldThreshold), nameof(CautionThreshold)]);
        }
    }

    /// <summary>The level for a risk.</summary>
    public RiskLevel LevelFor(double risk) =>
        risk >= HoldThreshold ? RiskLevel.Hold : risk >= CautionThreshold ? RiskLevel.Caution : RiskLevel.Ok;
}
