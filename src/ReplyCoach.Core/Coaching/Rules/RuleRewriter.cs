using System.Text;
using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Core.Coaching.Rules;

/// <summary>A flagged range of a sentence (offsets relative to the sentence).</summary>
/// <param name="Start">Offset in the sentence.</param>
/// <param name="Length">Length.</param>
/// <param name="Category">Its category.</param>
internal readonly record struct LocalSpan(int Start, int Length, ToneCategory Category)
{
    public int End => Start + Length;

    public bool Overlaps(int start, int length) => start < End && Start < start + length;
}

/// <summary>A proposed rewording of one sentence, not yet verified.</summary>
/// <param name="Text">The sentence after rewording (empty: drop the sentence).</param>
/// <param name="Rationale">Why.</param>
/// <param name="Touched">Ranges of the original sentence the rules replaced (their names and negations need not survive).</param>
internal sealed record Candidate(string Text, string Rationale, IReadOnlyList<(int Start, int Length)> Touched);

/// <summary>
/// The built-in rewriter: explainable, rule-based transformations on the flagged spans and the structure of the
/// sentence. Every candidate it proposes is verified by the coach before it is offered.
/// </summary>
internal static partial class RuleRewriter
{
    /// <summary>Candidates for one flagged span, best first.</summary>
    public static IEnumerable<Candidate> ForSpan(string sentence, LocalSpan span, bool shouting, IReadOnlySet<string> knownNames)
    {
        var wholeSentence = span.Length >= sentence.Trim().Length * 0.8;
        var matches = FindMatches(sentence, [span], onlyOverlapping: !wholeSentence);
        if (matches.Count > 0)
        {
            yield return Apply(sentence, matches, shouting, knownNames);
            if (matches.Count > 1)
            {
                foreach (var single in matches)
                {
                    yield return Apply(sentence, [single], shouting, knownNames);
                }
            }
        }

        if (shouting)
        {
            yield return new Candidate(Tidy(SentenceCase(sentence, knownNames), sentence, shouting: true), "writes in sentence case instead of capitals", []);
        }

        if (!wholeSentence && span.Category is ToneCategory.Hostility or ToneCategory.Profanity or ToneCategory.Condescension && WordCount(sentence, span.Start, span.Length) <= 4)
        {
            var deleted = DeleteRange(sentence, span.Start, span.Length);
            yield return new Candidate(Tidy(shouting ? SentenceCase(deleted, knownNames) : deleted, sentence, shouting), DeleteRationale(span.Category), [(span.Start, span.Length)]);
        }

        if (!wholeSentence && DropClauses(sentence, [span]) is { } dropped)
        {
            yield return new Candidate(
                Tidy(shouting ? SentenceCase(dropped.Text, knownNames) : dropped.Text, sentence, shouting),
                dropped.Text.Length == 0 ? SentenceRationale(span.Category) : ClauseRationale(span.Category),
                []);
        }

        yield return new Candidate(string.Empty, SentenceRationale(span.Category), []);
    }

    /// <summary>Candidates for the whole sentence (all its spans at once), best first.</summary>
    public static IEnumerable<Candidate> ForSentence(string sentence, IReadOnlyList<LocalSpan> spans, bool shouting, IReadOnlySet<string> knownNames)
    {
        var partial = spans.Where(s => s.Length < sentence.Trim().Length * 0.8).ToArray();
        var matches = FindMatches(sentence, spans, onlyOverlapping: false);
        var uncovered = partial.Where(s => !matches.Any(m => s.Overlaps(m.Match.Index, m.Match.Length))).ToArray();

        // 1. The rules, plus deletion of the flagged words no rule covers (insults, swearing, sarcasm markers).
        var deletable = uncovered
            .Where(s => s.Category is ToneCategory.Hostility or ToneCategory.Profanity or ToneCategory.Condescension && WordCount(sentence, s.Start, s.Length) <= 4)
            .ToArray();
        var first = Apply(sentence, matches, shouting, knownNames, deletable);
        if (matches.Count > 0 || deletable.Length > 0 || shouting)
        {
            yield return first;
        }

        // 2. The rules, then drop the clauses that still hold flagged words.
        var rest = uncovered.Except(deletable).ToArray();
        if (rest.Length > 0 && DropClauses(sentence, rest) is { } dropped && dropped.Text.Length > 0)
        {
            var reworked = Apply(dropped.Text, FindMatches(dropped.Text, [], onlyOverlapping: false), shouting, knownNames);
            yield return reworked with
            {
                Rationale = Join(reworked.Rationale, ClauseRationale(rest[0].Category)),
                Touched = MapBack(reworked.Touched, dropped.Kept),
            };
        }

        // 3. Drop every clause with a flagged word.
        if (partial.Length > 0 && DropClauses(sentence, partial) is { } clauses && clauses.Text.Length > 0)
        {
            yield return new Candidate(Tidy(shouting ? SentenceCase(clauses.Text, knownNames) : clauses.Text, sentence, shouting), ClauseRationale(partial[0].Category), []);
        }

        // 4. Drop the sentence (verification refuses this when it carries a fact or a refusal).
        yield return new Candidate(string.Empty, SentenceRationale(spans.Count > 0 ? spans[0].Category : ToneCategory.Hostility), []);
    }

    /// <summary>Whether a sentence is shouted: most of its letters are capitals.</summary>
    public static bool IsShouting(string sentence)
    {
        int letters = 0, capitals = 0, capsWords = 0;
        var wordCaps = true;
        var wordLetters = 0;
        foreach (var c in sentence)
        {
            if (char.IsLetter(c))
            {
                letters++;
                wordLetters++;
                if (char.IsUpper(c))
                {
                    capitals++;
                }
                else
                {
                    wordCaps = false;
                }
            }
            else
            {
                if (wordLetters >= 2 && wordCaps)
                {
                    capsWords++;
                }

                wordCaps = true;
                wordLetters = 0;
            }
        }

        if (wordLetters >= 2 && wordCaps)
        {
            capsWords++;
        }

        return letters >= 6 && capsWords >= 2 && capitals >= letters * 0.6;
    }

    /// <summary>Sentence case: capitals kept only for "I", acronyms, known names and the first letter of each sentence.</summary>
    public static string SentenceCase(string text, IReadOnlySet<string> knownNames)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        var sentenceStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetter(c))
            {
                if (c is '.' or '!' or '?')
                {
                    sentenceStart = true;
                }

                builder.Append(c);
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '’'))
            {
                i++;
            }

            var word = text[start..i];
            string cased;
            if (word == "I" || word.StartsWith("I'", StringComparison.Ordinal) || word.StartsWith("I’", StringComparison.Ordinal))
            {
                cased = "I" + word[1..].ToLowerInvariant();
            }
            else if (CoachingWords.Acronyms.Contains(word) && word.Length > 1 && IsAllCaps(word))
            {
                cased = word;
            }
            else if (knownNames.Contains(word))
            {
                cased = KnownName(word, knownNames);
            }
            else if (IsAllCaps(word))
            {
                cased = word.ToLowerInvariant();
            }
            else
            {
                cased = word;
            }

            if (sentenceStart && cased.Length > 0)
            {
                cased = char.ToUpperInvariant(cased[0]) + cased[1..];
            }

            sentenceStart = false;
            builder.Append(cased);
        }

        // Exclamation marks that shout become a full stop; a question keeps its question mark.
        return ExclamationRun().Replace(builder.ToString(), static m => m.Value.Contains('?', StringComparison.Ordinal) ? "?" : ".");
    }

    /// <summary>Repairs what removing words leaves behind: double spaces, stray commas, a lower-case start, a missing full stop.</summary>
    public static string Tidy(string text, string original, bool shouting = false)
    {
        var s = Spaces().Replace(text, " ");
        s = SpaceBeforePunctuation().Replace(s, "$1");
        s = RepeatedSeparators().Replace(s, "$1");
        s = SeparatorBeforeEnd().Replace(s, "$1");
        s = RepeatedEnd().Replace(s, static m => m.Value.Contains('?', StringComparison.Ordinal) ? "?" : m.Value[..1]);
        s = EmptyBrackets().Replace(s, string.Empty);
        s = s.Trim();
        s = LeadingJunk().Replace(s, string.Empty);
        s = LeadingConnector().Replace(s, string.Empty);
        s = TrailingConnector().Replace(s, "$1");
        s = TrailingSeparator().Replace(s, string.Empty).Trim();
        if (!HasContent(s) || IsFragment(s, original))
        {
            return string.Empty;
        }

        s = Capitalise(s);
        var terminal = Terminal(original);
        if (terminal is not null && !EndsSentence(s))
        {
            s += shouting && terminal == '!' ? '.' : terminal.Value;
        }

        return s;
    }

    private static List<(RewriteRule Rule, Match Match, RuleOutput Output)> FindMatches(string sentence, IReadOnlyList<LocalSpan> spans, bool onlyOverlapping)
    {
        var found = new List<(RewriteRule Rule, Match Match, RuleOutput Output)>();
        var taken = new List<(int Start, int End)>();
        var wholeSentenceOnly = spans.All(s => s.Length >= sentence.Trim().Length * 0.8);
        foreach (var (rule, match, output) in AllMatches(sentence))
        {
            var overlapsSpan = spans.Any(s => s.Overlaps(match.Index, match.Length));
            if ((onlyOverlapping || rule.SpanOnly) && !overlapsSpan)
            {
                continue;
            }

            // A whole-sentence span says nothing about which common word is the problem.
            if (rule.SpanOnly && wholeSentenceOnly)
            {
                continue;
            }

            if (taken.Any(t => match.Index < t.End && t.Start < match.Index + match.Length))
            {
                continue;
            }

            taken.Add((match.Index, match.Index + match.Length));
            found.Add((rule, match, output));
        }

        found.Sort(static (a, b) => a.Match.Index.CompareTo(b.Match.Index));
        return found;
    }

    // Every rule is run once per sentence: the coach asks for the same sentence once per span and once for the rewrite.
    [ThreadStatic]
    private static (string Sentence, List<(RewriteRule Rule, Match Match, RuleOutput Output)> Matches)? t_lastMatches;

    private static List<(RewriteRule Rule, Match Match, RuleOutput Output)> AllMatches(string sentence)
    {
        if (t_lastMatches is { } last && string.Equals(last.Sentence, sentence, StringComparison.Ordinal))
        {
            return last.Matches;
        }

        var all = new List<(RewriteRule Rule, Match Match, RuleOutput Output)>();
        foreach (var rule in RewriteRules.All)
        {
            try
            {
                foreach (Match match in rule.Pattern.Matches(sentence))
                {
                    if (match.Length > 0 && rule.Rewrite(match, sentence) is { } output)
                    {
                        all.Add((rule, match, output));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological sentence: this rule has nothing to offer for it.
            }
        }

        t_lastMatches = (sentence, all);
        return all;
    }

    private static Candidate Apply(
        string sentence,
        IReadOnlyList<(RewriteRule Rule, Match Match, RuleOutput Output)> matches,
        bool shouting,
        IReadOnlySet<string> knownNames,
        IReadOnlyList<LocalSpan>? deletions = null)
    {
        var edits = new List<(int Start, int Length, string Replacement)>();
        var rationales = new List<string>();
        var appends = new List<string>();
        var polite = false;
        foreach (var (rule, match, output) in matches)
        {
            var replacement = output.Replacement;
            if (replacement.Length > 0 && match.Index > 0 && char.IsLetterOrDigit(sentence[match.Index - 1]))
            {
                replacement = " " + replacement;
            }

            if (replacement.Length > 0 && !replacement.EndsWith(' ') && match.Index + match.Length < sentence.Length && char.IsLetterOrDigit(sentence[match.Index + match.Length]))
            {
                replacement += " ";
            }

            edits.Add((match.Index, match.Length, replacement));
            if (!rationales.Contains(rule.Rationale))
            {
                rationales.Add(rule.Rationale);
            }

            if (output.Append is { } append && !appends.Contains(append))
            {
                appends.Add(append);
            }

            polite |= output.Polite;
        }

        foreach (var span in deletions ?? [])
        {
            if (edits.Any(e => span.Start < e.Start + e.Length && e.Start < span.End))
            {
                continue;
            }

            var (start, length) = WordRange(sentence, span.Start, span.Length);
            edits.Add((start, length, string.Empty));
            var why = DeleteRationale(span.Category);
            if (!rationales.Contains(why))
            {
                rationales.Add(why);
            }
        }

        edits.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var builder = new StringBuilder(sentence.Length + 64);
        var at = 0;
        foreach (var (start, length, replacement) in edits)
        {
            if (start < at)
            {
                continue;
            }

            builder.Append(sentence, at, start - at).Append(replacement);
            at = start + length;
        }

        builder.Append(sentence, at, sentence.Length - at);
        var text = builder.ToString();
        if (shouting)
        {
            text = SentenceCase(text, knownNames);
            rationales.Add("writes in sentence case instead of capitals");
        }

        text = Tidy(text, sentence, shouting);
        if (polite && text.Length > 0)
        {
            text = RewriteRules.Politely(text);
        }

        if (appends.Count > 0 && text.Length > 0)
        {
            text = (EndsSentence(text) ? text : text + ".") + " " + string.Join(' ', appends);
        }

        return new Candidate(text, rationales.Count > 0 ? string.Join("; ", rationales) : "drops the flagged words", [.. edits.Select(static e => (e.Start, e.Length))]);
    }

    // Removes the clauses (between commas, semicolons, dashes and conjunctions) that hold a flagged span.
    private static (string Text, IReadOnlyList<(int Start, int Length)> Removed, IReadOnlyList<(int OldStart, int NewStart, int Length)> Kept)? DropClauses(string sentence, IReadOnlyList<LocalSpan> spans)
    {
        var bounds = new List<int> { 0 };
        foreach (Match m in ClauseBoundary().Matches(sentence))
        {
            bounds.Add(m.Index);
        }

        bounds.Add(sentence.Length);
        var removed = new List<(int Start, int Length)>();
        var kept = new List<(int OldStart, int NewStart, int Length)>();
        var builder = new StringBuilder(sentence.Length);
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            var start = bounds[i];
            var end = bounds[i + 1];
            if (end <= start)
            {
                continue;
            }

            if (spans.Any(s => s.Overlaps(start, end - start)))
            {
                removed.Add((start, end - start));
            }
            else
            {
                kept.Add((start, builder.Length, end - start));
                builder.Append(sentence, start, end - start);
            }
        }

        if (removed.Count == 0 || removed.Count == bounds.Count - 1 && kept.Count == 0)
        {
            return removed.Count == 0 ? null : (string.Empty, removed, kept);
        }

        var text = Tidy(builder.ToString(), sentence);
        return (WordCount(text, 0, text.Length) < 3 ? string.Empty : text, removed, kept);
    }

    private static IReadOnlyList<(int Start, int Length)> MapBack(IReadOnlyList<(int Start, int Length)> touched, IReadOnlyList<(int OldStart, int NewStart, int Length)> kept)
    {
        var mapped = new List<(int Start, int Length)>();
        foreach (var (start, length) in touched)
        {
            foreach (var piece in kept)
            {
                if (start >= piece.NewStart && start < piece.NewStart + piece.Length)
                {
                    mapped.Add((piece.OldStart + start - piece.NewStart, length));
                    break;
                }
            }
        }

        return mapped;
    }

    private static string DeleteRange(string sentence, int start, int length)
    {
        var (s, l) = WordRange(sentence, start, length);
        var end = s + l;

        // "..., you idiot" goes as a whole: the "you" and the comma belong to the insult.
        var before = sentence[..s].TrimEnd();
        if (before.EndsWith("you", StringComparison.OrdinalIgnoreCase) && (before.Length == 3 || !char.IsLetter(before[^4])))
        {
            s = before.Length - 3;
            before = sentence[..s].TrimEnd();
        }

        if (before.EndsWith(',') && (end >= sentence.Length || !char.IsLetterOrDigit(sentence[end])))
        {
            s = before.Length - 1;
        }

        return string.Concat(sentence.AsSpan(0, s), " ", sentence.AsSpan(end));
    }

    // Widens a range to whole words and the space after them.
    private static (int Start, int Length) WordRange(string sentence, int start, int length)
    {
        var s = Math.Clamp(start, 0, sentence.Length);
        var e = Math.Clamp(start + length, s, sentence.Length);
        while (s > 0 && char.IsLetterOrDigit(sentence[s - 1]))
        {
            s--;
        }

        while (e < sentence.Length && char.IsLetterOrDigit(sentence[e]))
        {
            e++;
        }

        while (e < sentence.Length && sentence[e] == ' ')
        {
            e++;
        }

        return (s, e - s);
    }

    private static int WordCount(string text, int start, int length)
    {
        var count = 0;
        var inWord = false;
        for (var i = start; i < start + length && i < text.Length; i++)
        {
            var letter = char.IsLetterOrDigit(text[i]);
            if (letter && !inWord)
            {
                count++;
            }

            inWord = letter;
        }

        return count;
    }

    private static string KnownName(string word, IReadOnlySet<string> knownNames)
    {
        foreach (var name in knownNames)
        {
            if (name.Equals(word, StringComparison.OrdinalIgnoreCase) && !IsAllCaps(name))
            {
                return name;
            }
        }

        return IsAllCaps(word) ? char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant() : word;
    }

    private static bool IsAllCaps(string word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (!char.IsUpper(c))
                {
                    return false;
                }
            }
        }

        return letters > 0;
    }

    private static bool HasContent(string s)
    {
        var words = 0;
        foreach (Match w in Word().Matches(s))
        {
            if (!Filler().IsMatch(w.Value))
            {
                words++;
            }
        }

        return words > 0;
    }

    // What removing words can leave that is no sentence: "It's.", a bare "If you don't pay."
    private static bool IsFragment(string s, string original)
    {
        var words = Word().Matches(s);
        if (words.Count < 2 && WordCount(original, 0, original.Length) > 2 && !(words.Count == 1 && LoneWord().IsMatch(words[0].Value)))
        {
            return true;
        }

        return LoneCondition().IsMatch(s);
    }

    private static string Capitalise(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsLetter(s[i]))
            {
                return char.IsUpper(s[i]) ? s : string.Concat(s.AsSpan(0, i), char.ToUpperInvariant(s[i]).ToString(), s.AsSpan(i + 1));
            }

            if (char.IsDigit(s[i]))
            {
                return s;
            }
        }

        return s;
    }

    private static char? Terminal(string sentence)
    {
        var t = sentence.TrimEnd().TrimEnd('"', '\'', '’', '”', ')');
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '…' ? t[^1] : null;
    }

    private static bool EndsSentence(string s)
    {
        var t = s.TrimEnd().TrimEnd('"', '\'', '’', '”', ')');
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '…';
    }

    private static string Join(string a, string b) => a.Contains(b, StringComparison.Ordinal) ? a : a + "; " + b;

    private static string DeleteRationale(ToneCategory category) => category switch
    {
        ToneCategory.Profanity => "drops the swearing",
        ToneCategory.Condescension => "drops the patronising words",
        _ => "drops the insulting words; the request stands on its own",
    };

    private static string ClauseRationale(ToneCategory category) => category switch
    {
        ToneCategory.Blame => "drops the accusation; the rest says what is needed",
        ToneCategory.Generalization => "drops the remark about a group; the rest is about this case",
        ToneCategory.Threat => "drops the threat; the rest states the next step",
        ToneCategory.Dismissiveness => "drops the brush-off; the rest keeps the answer",
        ToneCategory.Condescension => "drops the patronising remark",
        ToneCategory.Profanity => "drops the swearing",
        _ => "drops the hostile remark; the rest says what is needed",
    };

    private static string SentenceRationale(ToneCategory category) => category switch
    {
        ToneCategory.Generalization => "drops the remark about a group: it carries no information about this case",
        ToneCategory.Threat => "drops the threat: it adds no information",
        _ => "drops the sentence: it adds no information, only tone",
    };

    [GeneratedRegex(@"[ \t\u00A0]{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[ \t]+([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"([,;:])(?:\s*[,;:])+")]
    private static partial Regex RepeatedSeparators();

    [GeneratedRegex(@"[,;:\-–—]\s*([.!?])")]
    private static partial Regex SeparatorBeforeEnd();

    [GeneratedRegex(@"[!?]{2,}")]
    private static partial Regex RepeatedEnd();

    [GeneratedRegex(@"\(\s*\)")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"^(?:[,;:.!?\-–—]+\s*)+")]
    private static partial Regex LeadingJunk();

    [GeneratedRegex(@"^(?:and|but|so|or|then)\b[\s,]*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingConnector();

    [GeneratedRegex(@"[\s,]*\b(?:and|but|so|or|because|since)\s*([.!?]?)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingConnector();

    [GeneratedRegex(@"[\s,;:\-–—]+$")]
    private static partial Regex TrailingSeparator();

    [GeneratedRegex(@"[!?]*![!?]*")]
    private static partial Regex ExclamationRun();

    [GeneratedRegex(@"\s*(?:[,;:()]|\s[-–—]\s|\b(?:but|and\s+(?=you\b|I\b|we\b)|so|because|although|though|whereas|otherwise)\b)")]
    private static partial Regex ClauseBoundary();

    [GeneratedRegex(@"^(?:no|yes|thanks|ok|okay|sure|understood|noted)$", RegexOptions.IgnoreCase)]
    private static partial Regex LoneWord();

    [GeneratedRegex(@"^(?:if|unless|when|because|since)\b[^,;:]*[.!?]?$", RegexOptions.IgnoreCase)]
    private static partial Regex LoneCondition();

    [GeneratedRegex(@"[\p{L}\p{N}'’]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^(?:please|ok|okay|so|well|now|then|just|and|oh|thanks|hey|look|listen|seriously|honestly|again|also)$", RegexOptions.IgnoreCase)]
    private static partial Regex Filler();
}
