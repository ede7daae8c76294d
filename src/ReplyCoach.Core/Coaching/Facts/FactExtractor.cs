using System.Text.RegularExpressions;

namespace ReplyCoach.Core.Coaching.Facts;

/// <summary>The kinds of fact a rewrite must keep.</summary>
public enum FactKind
{
    /// <summary>A web address.</summary>
    Url,
    /// <summary>An e-mail address.</summary>
    Email,
    /// <summary>A sum of money ("€20", "19.99 USD").</summary>
    Amount,
    /// <summary>A date or a weekday ("2024-03-05", "5 March", "Friday").</summary>
    Date,
    /// <summary>A time of day ("3pm", "15:30").</summary>
    Time,
    /// <summary>An order, ticket, case or product id ("#48213", "ORD-7731", "A7X9").</summary>
    Identifier,
    /// <summary>Any other number.</summary>
    Number,
    /// <summary>A name of a person, company, product or place.</summary>
    Name,
}

/// <summary>A fact found in a text.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">The fact as written.</param>
/// <param name="Start">Offset in the text it was found in.</param>
/// <param name="Length">Length in characters.</param>
public sealed record Fact(FactKind Kind, string Text, int Start, int Length)
{
    /// <summary>Offset just past the fact.</summary>
    public int End => Start + Length;
}

/// <summary>
/// Finds the facts in a text (numbers, amounts, dates, times, ids, URLs, e-mail addresses and names) and checks
/// that a rewrite keeps every one of them. Names are found by capitalisation, so they are compared without regard
/// to case: turning shouting into sentence case keeps them.
/// </summary>
public static partial class FactExtractor
{
    /// <summary>Finds the facts in <paramref name="text"/>, in text order, without overlaps.</summary>
    public static IReadOnlyList<Fact> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var facts = new List<Fact>();
        if (text.Length == 0)
        {
            return facts;
        }

        var taken = new bool[text.Length];
        Add(facts, taken, text, UrlPattern(), FactKind.Url, trimTrailing: true);
        Add(facts, taken, text, EmailPattern(), FactKind.Email, trimTrailing: true);
        Add(facts, taken, text, AmountPattern(), FactKind.Amount, trimTrailing: false);
        Add(facts, taken, text, DatePattern(), FactKind.Date, trimTrailing: false);
        Add(facts, taken, text, TimePattern(), FactKind.Time, trimTrailing: false);
        Add(facts, taken, text, IdentifierPattern(), FactKind.Identifier, trimTrailing: false);
        Add(facts, taken, text, NumberPattern(), FactKind.Number, trimTrailing: false);
        AddNames(facts, taken, text);
        facts.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return facts;
    }

    /// <summary>The facts of <paramref name="original"/> that <paramref name="rewrite"/> does not contain.</summary>
    /// <param name="original">The text before rewording.</param>
    /// <param name="rewrite">The reworded text.</param>
    /// <param name="exempt">Ranges of <paramref name="original"/> whose names need not survive (the group named in a sweeping remark, an insult).</param>
    public static IReadOnlyList<Fact> Missing(string original, string rewrite, IReadOnlyList<(int Start, int Length)>? exempt = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(rewrite);
        return Missing(Extract(original), rewrite, exempt);
    }

    /// <summary>The facts of a list that <paramref name="rewrite"/> does not contain.</summary>
    public static IReadOnlyList<Fact> Missing(IReadOnlyList<Fact> facts, string rewrite, IReadOnlyList<(int Start, int Length)>? exempt = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rewrite);
        List<Fact>? missing = null;
        foreach (var fact in facts)
        {
            if (fact.Kind == FactKind.Name && exempt is not null && IsInside(fact, exempt))
            {
                continue;
            }

            if (!Contains(rewrite, fact))
            {
                (missing ??= []).Add(fact);
            }
        }

        return missing ?? (IReadOnlyList<Fact>)[];
    }

    /// <summary>Whether <paramref name="text"/> contains the fact as a whole token.</summary>
    public static bool Contains(string text, Fact fact)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fact);
        var comparison = fact.Kind is FactKind.Url ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var at = 0;
        while (at <= text.Length - fact.Text.Length)
        {
            var found = text.IndexOf(fact.Text, at, comparison);
            if (found < 0)
            {
                return false;
            }

            if (IsWholeToken(text, found, fact.Text.Length))
            {
                return true;
            }

            at = found + 1;
        }

        return false;
    }

    private static bool IsInside(Fact fact, IReadOnlyList<(int Start, int Length)> ranges)
    {
        foreach (var (start, length) in ranges)
        {
            if (fact.Start >= start && fact.End <= start + length)
            {
                return true;
            }
        }

        return false;
    }

    // "20" must not be found inside "120" or "20.5", a name not inside a longer word.
    private static bool IsWholeToken(string text, int start, int length)
    {
        var before = start > 0 ? text[start - 1] : ' ';
        var end = start + length;
        var after = end < text.Length ? text[end] : ' ';
        if (char.IsLetterOrDigit(before) && char.IsLetterOrDigit(text[start]))
        {
            return false;
        }

        if (char.IsLetterOrDigit(after) && char.IsLetterOrDigit(text[end - 1]))
        {
            return false;
        }

        if (char.IsDigit(text[end - 1]) && after is '.' or ',' && end + 1 < text.Length && char.IsDigit(text[end + 1]))
        {
            return false;
        }

        return !(char.IsDigit(text[start]) && before is '.' or ',' && start >= 2 && char.IsDigit(text[start - 2]));
    }

    private static void Add(List<Fact> facts, bool[] taken, string text, Regex pattern, FactKind kind, bool trimTrailing)
    {
        foreach (Match match in pattern.Matches(text))
        {
            var start = match.Index;
            var length = match.Length;
            if (trimTrailing)
            {
                while (length > 0 && ".,;:!?)]}'\"’”>".Contains(text[start + length - 1], StringComparison.Ordinal))
                {
                    length--;
                }
            }

            // A fact is a whole token ("$ 4" in "$ 4share" is not one), so that finding it again means the same thing.
            if (length == 0 || IsTaken(taken, start, length) || !IsWholeToken(text, start, length))
            {
                continue;
            }

            Array.Fill(taken, true, start, length);
            facts.Add(new Fact(kind, text.Substring(start, length), start, length));
        }
    }

    private static bool IsTaken(bool[] taken, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (taken[i])
            {
                return true;
            }
        }

        return false;
    }

    private static void AddNames(List<Fact> facts, bool[] taken, string text)
    {
        var capsLetters = 0;
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    capsLetters++;
                }
            }
        }

        // In shouted text capitals say nothing about names.
        var shouted = letters >= 8 && capsLetters >= letters * 0.6;
        foreach (Match match in WordPattern().Matches(text))
        {
            var word = match.Value;
            if (IsTaken(taken, match.Index, match.Length) || !char.IsUpper(word[0]) || word.Length < 2)
            {
                continue;
            }

            var allCaps = IsAllCaps(word);
            if (allCaps && (shouted || word.Length > 6))
            {
                continue;
            }

            if (CoachingWords.NotNames.Contains(word) || CoachingWords.IsHostileWord(word))
            {
                continue;
            }

            if (!allCaps && IsSentenceInitial(text, match.Index) && !FollowsTitle(text, match.Index))
            {
                continue;
            }

            facts.Add(new Fact(FactKind.Name, word, match.Index, match.Length));
        }
    }

    private static bool IsAllCaps(string word)
    {
        foreach (var c in word)
        {
            if (char.IsLetter(c) && !char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSentenceInitial(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && (text[i] is ' ' or '\t' or '"' or '\'' or '(' or '“' or '‘' or '*' or '-' or '•'))
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or '\r' or ':' or '…';
    }

    private static bool FollowsTitle(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        if (i >= 0 && text[i] == '.')
        {
            i--;
        }

        var end = i + 1;
        while (i >= 0 && char.IsLetter(text[i]))
        {
            i--;
        }

        return end > i + 1 && CoachingWords.Titles.Contains(text[(i + 1)..end]);
    }

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|CHF|AUD|CAD|dollars?|euros?|pounds?|cents?|pence)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(?:,?\s+\d{4})?|(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"#[A-Za-z0-9][A-Za-z0-9\-_/]*|\b(?=[A-Za-z0-9\-_/]*\d)(?=[A-Za-z0-9\-_/]*[A-Za-z])[A-Za-z0-9]+(?:[\-_/][A-Za-z0-9]+)*\b", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"(?<![\w.])\+?\d+(?:[.,]\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b\p{L}[\p{L}'’\-]*\p{L}|\b\p{L}\b", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
