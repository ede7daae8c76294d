using System.Text.RegularExpressions;

namespace ReplyCoach.Core.Coaching;

/// <summary>
/// Checks that a rewrite keeps the agent's meaning where it matters most: a refusal stays a refusal. Every
/// negation or refusal marker outside the hostile words themselves must still be there after rewording (the
/// rewrite may say it differently: "can't" for "won't", "unable to" for "will not").
/// </summary>
public static partial class MeaningGuard
{
    /// <summary>Counts the negation and refusal markers in a text, skipping the given ranges.</summary>
    /// <param name="text">The text.</param>
    /// <param name="exempt">Ranges whose markers do not count (the hostile words being removed).</param>
    public static int CountMarkers(string text, IReadOnlyList<(int Start, int Length)>? exempt = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (Match match in MarkerPattern().Matches(text))
        {
            if (exempt is not null && Overlaps(match.Index, match.Length, exempt))
            {
                continue;
            }

            count++;
        }

        return count;
    }

    /// <summary>Whether the text says no: it contains at least one negation or refusal marker.</summary>
    public static bool IsRefusal(string text) => CountMarkers(text) > 0;

    /// <summary>Whether <paramref name="rewrite"/> keeps every marker of <paramref name="original"/> outside the exempt ranges.</summary>
    public static bool KeepsMeaning(string original, string rewrite, IReadOnlyList<(int Start, int Length)>? exempt = null) =>
        CountMarkers(rewrite) >= CountMarkers(original, exempt);

    private static bool Overlaps(int start, int length, IReadOnlyList<(int Start, int Length)> ranges)
    {
        foreach (var (s, l) in ranges)
        {
            if (start < s + l && s < start + length)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\b(?:not|no|never|cannot|nothing|none|neither|nor|without|unable|impossible|ineligible|refus(?:e|ed|es|ing)|declin(?:e|ed|es|ing)|den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|no longer)\b|n['’]t\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
