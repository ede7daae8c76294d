using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.Storage;

/// <summary>The checks every write makes before anything reaches a database.</summary>
internal static class AuditValidation
{
    /// <summary>Throws when a check cannot be stored as given (missing ids, unknown enum values, risks outside 0..1).</summary>
    public static void Check(AuditCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentException.ThrowIfNullOrWhiteSpace(check.CheckId);
        ArgumentException.ThrowIfNullOrWhiteSpace(check.AgentId);
        if (check.CheckId.Length > 200)
        {
            throw new ArgumentException("A check id is at most 200 characters.", nameof(check));
        }

        if (!Enum.IsDefined(check.Level) || !Enum.IsDefined(check.Source) || !Enum.IsDefined(check.Outcome))
        {
            throw new ArgumentException("Unknown level, source or outcome.", nameof(check));
        }

        Probability(check.Risk, nameof(check));
        Probability(check.RiskAtSend, nameof(check));
        ArgumentNullException.ThrowIfNull(check.Categories);
        ArgumentNullException.ThrowIfNull(check.Spans);
        ArgumentNullException.ThrowIfNull(check.Suggestions);
        foreach (var score in check.Categories.Values)
        {
            Probability(score, nameof(check));
        }
    }

    /// <summary>Throws when a risk or score is not between 0 and 1.</summary>
    public static void Probability(double? value, string name)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0 || v > 1))
        {
            throw new ArgumentOutOfRangeException(name, v, "Risks and scores are between 0 and 1.");
        }
    }
}
