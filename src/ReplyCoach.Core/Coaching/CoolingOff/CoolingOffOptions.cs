using System.ComponentModel.DataAnnotations;

namespace ReplyCoach.Core.Coaching.CoolingOff;

/// <summary>Weights and thresholds of the cooling-off advice (configuration section "CoolingOff").</summary>
public sealed class CoolingOffOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "CoolingOff";

    /// <summary>Minutes to wait for a draft at the caution level.</summary>
    [Range(0, 240)]
    public int CautionMinutes { get; set; } = 5;

    /// <summary>Minutes to wait for a draft at the hold level.</summary>
    [Range(0, 240)]
    public int HoldMinutes { get; set; } = 15;

    /// <summary>Extra minutes when the draft threatens.</summary>
    [Range(0, 240)]
    public int ThreatMinutes { get; set; } = 10;

    /// <summary>Extra minutes when the draft generalises about a group.</summary>
    [Range(0, 240)]
    public int GeneralizationMinutes { get; set; } = 10;

    /// <summary>Extra minutes for each other category present.</summary>
    [Range(0, 60)]
    public int OtherCategoryMinutes { get; set; } = 2;

    /// <summary>Category score at or above which a category counts as present.</summary>
    [Range(0.0, 1.0)]
    public double CategoryThreshold { get; set; } = 0.5;

    /// <summary>An answer to an upset message within this many minutes of its arrival counts as fast.</summary>
    [Range(0, 1440)]
    public int FastReplyWindowMinutes { get; set; } = 15;

    /// <summary>Extra minutes for a fast answer to an upset message.</summary>
    [Range(0, 240)]
    public int FastReplyMinutes { get; set; } = 5;

    /// <summary>Recently flagged drafts that add nothing (one bad moment is not a pattern).</summary>
    [Range(0, 100)]
    public int RecentFlaggedAllowance { get; set; } = 1;

    /// <summary>Extra minutes per recently flagged draft beyond the allowance.</summary>
    [Range(0, 60)]
    public int RecentFlaggedMinutesEach { get; set; } = 3;

    /// <summary>Most extra minutes from recently flagged drafts.</summary>
    [Range(0, 240)]
    public int RecentFlaggedMaxMinutes { get; set; } = 15;

    /// <summary>The longest cooling-off delay advised.</summary>
    [Range(1, 1440)]
    public int MaxMinutes { get; set; } = 60;

    /// <summary>Working hours assumed when the recipient's time zone is known but their hours are not: start of day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:00")]
    public TimeSpan DefaultWorkdayStart { get; set; } = TimeSpan.FromHours(9);

    /// <summary>Working hours assumed when only the time zone is known: end of day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "23:59:59")]
    public TimeSpan DefaultWorkdayEnd { get; set; } = TimeSpan.FromHours(18);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HoldMinutes < CautionMinutes)
        {
            yield return new ValidationResult("HoldMinutes must not be lower than CautionMinutes.", [nameof(HoldMinutes), nameof(CautionMinutes)]);
        }

        if (MaxMinutes < HoldMinutes)
        {
            yield return new ValidationResult("MaxMinutes must not be lower than HoldMinutes.", [nameof(MaxMinutes), nameof(HoldMinutes)]);
        }

        if (DefaultWorkdayEnd <= DefaultWorkdayStart)
        {
            yield return new ValidationResult("DefaultWorkdayEnd must be later than DefaultWorkdayStart.", [nameof(DefaultWorkdayEnd), nameof(DefaultWorkdayStart)]);
        }
    }
}
