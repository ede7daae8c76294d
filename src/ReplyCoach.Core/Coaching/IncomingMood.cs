using System.Text.RegularExpressions;

namespace ReplyCoach.Core.Coaching;

/// <summary>Reads the customer's message for signs that they are upset, and the agent's draft for an acknowledgement of it.</summary>
public static partial class IncomingMood
{
    /// <summary>Whether the customer's message reads as upset (angry words, shouting, repeated exclamation marks, swearing).</summary>
    public static bool IsUpset(string? incoming)
    {
        if (string.IsNullOrWhiteSpace(incoming))
        {
            return false;
        }

        if (UpsetWords().IsMatch(incoming) || incoming.Contains("!!", StringComparison.Ordinal))
        {
            return true;
        }

        int letters = 0, capitals = 0;
        foreach (var c in incoming)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    capitals++;
                }
            }
        }

        return letters >= 20 && capitals >= letters * 0.5;
    }

    /// <summary>Whether the agent's words already acknowledge the customer's feelings or apologise.</summary>
    public static bool HasAcknowledgement(string text) => Acknowledgement().IsMatch(text);

    [GeneratedRegex(@"\b(?:unacceptable|ridiculous|disgusting|disgraceful|outrageous|furious|angry|livid|annoyed|frustrat\w*|upset|disappointed|fed\s+up|sick\s+(?:and\s+tired\s+)?of|worst|terrible|horrible|awful|appalling|useless|incompetent|scam|rip[- ]?off|pathetic|never\s+again|still\s+(?:waiting|not|no)|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+time|how\s+(?:many\s+times|much\s+longer)|nobody\s+(?:has\s+)?(?:answered|responded|helped|replied)|no\s+one\s+(?:has\s+)?(?:answered|responded|helped|replied)|waste\s+of\s+(?:time|money)|lawyer|legal\s+action|trading\s+standards|chargeback|fuck\w*|shit\w*|damn\w*|wtf)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpsetWords();

    [GeneratedRegex(@"\b(?:sorry|apologi[sz]e|apologies|I\s+understand|I\s+can\s+(?:see|imagine|understand)|I\s+hear\s+you|I\s+appreciate|I\s+reali[sz]e|I\s+know\s+(?:this|how|it)|that\s+must\s+(?:be|have\s+been)|(?:thank\s+you|thanks)\s+for\s+(?:your\s+patience|bearing\s+with|waiting|raising|letting|flagging|getting\s+in\s+touch|reaching\s+out)|frustrating|regret\s+(?:that|the))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Acknowledgement();
}
