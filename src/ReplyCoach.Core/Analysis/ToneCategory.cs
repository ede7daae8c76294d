namespace ReplyCoach.Core.Analysis;

/// <summary>The ways a reply can read as hostile.</summary>
public enum ToneCategory
{
    /// <summary>Insults, contempt, aggression.</summary>
    Hostility,
    /// <summary>Telling the customer they are lying or at fault.</summary>
    Blame,
    /// <summary>Statements about a group of people (race, religion, nationality, gender, age, disability...).</summary>
    Generalization,
    /// <summary>Legal or retaliatory threats and intimidation.</summary>
    Threat,
    /// <summary>Patronising, sarcastic or lecturing.</summary>
    Condescension,
    /// <summary>Refusing to engage.</summary>
    Dismissiveness,
    /// <summary>Swearing and obscenity.</summary>
    Profanity,
}

/// <summary>How strongly ReplyCoach should react to a draft.</summary>
public enum RiskLevel
{
    /// <summary>Nothing to say.</summary>
    Ok,
    /// <summary>Coach in the task pane.</summary>
    Caution,
    /// <summary>Prompt before sending.</summary>
    Hold,
}

/// <summary>Names and lists of the categories, as they appear in JSON and reports.</summary>
public static class ToneCategories
{
    /// <summary>Every category, in a fixed order.</summary>
    public static IReadOnlyList<ToneCategory> All { get; } = Enum.GetValues<ToneCategory>();

    /// <summary>Number of categories.</summary>
    public const int Count = 7;

    /// <summary>The lower-case name used in JSON ("hostility", "blame", ...).</summary>
    public static string Name(ToneCategory category) => category switch
    {
        ToneCategory.Hostility => "hostility",
        ToneCategory.Blame => "blame",
        ToneCategory.Generalization => "generalization",
        ToneCategory.Threat => "threat",
        ToneCategory.Condescension => "condescension",
        ToneCategory.Dismissiveness => "dismissiveness",
        ToneCategory.Profanity => "profanity",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown category."),
    };

    /// <summary>Parses a lower-case name; false when it is not a category.</summary>
    public static bool TryParse(string? name, out ToneCategory category)
    {
        foreach (var c in All)
        {
            if (string.Equals(Name(c), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = c;
                return true;
            }
        }

        category = default;
        return false;
    }

    /// <summary>The lower-case name of a level ("ok", "caution", "hold").</summary>
    public static string Name(RiskLevel level) => level switch
    {
        RiskLevel.Ok => "ok",
        RiskLevel.Caution => "caution",
        RiskLevel.Hold => "hold",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level."),
    };
}
