using System.Collections.Frozen;
using System.Globalization;

namespace ReplyCoach.Core.Drafts;

/// <summary>
/// Splits the agent's words into sentences with offsets. Rule-based, because e-mail is full of things a naive
/// split on ". " gets wrong: abbreviations (e.g., Mr., approx.), amounts and versions (3.5, $129.99), times
/// (10:30 a.m.), URLs and addresses, ellipses, "?!", closing quotes after the full stop, emoji and list items.
/// A line break ends a sentence unless the next line obviously continues it (plain text wrapped at 72 columns).
/// </summary>
internal static class SentenceSplitter
{
    /// <summary>Longer runs without punctuation are cut at a space, so one pasted log cannot become one huge "sentence".</summary>
    internal const int MaxSentenceLength = 1000;

    // Never end a sentence ("Mr. Smith", "e.g. Outlook").
    private static readonly FrozenSet<string> NeverFinal = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "mr", "mrs", "ms", "mx", "dr", "prof", "vs", "e.g", "i.e", "eg", "ie", "cf", "viz", "approx", "incl", "dept",
        "attn", "capt", "gen", "sgt", "rev", "hon", "messrs", "mme", "mlle", "resp", "esp", "w.r.t");

    // End a sentence only when no number follows ("No. 5", "Jan. 14", "ext. 221").
    private static readonly FrozenSet<string> BeforeNumber = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "no", "nos", "nr", "tel", "ext", "p", "pp", "vol", "ref", "fig", "art", "sec", "ch", "ca", "ph", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "est", "op", "para");

    // End a sentence only when a capital letter follows ("at 10 a.m. Please call", but "Acme Inc. has").
    private static readonly FrozenSet<string> MaybeFinal = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "etc", "a.m", "p.m", "am", "pm", "inc", "ltd", "co", "corp", "llc", "plc", "jr", "sr", "st", "ave", "rd", "blvd",
        "min", "mins", "hr", "hrs", "sec", "secs", "u.s", "u.k", "e.u", "u.s.a", "al", "bros", "dept", "gmbh");

    /// <summary>Splits <paramref name="text"/> into sentences.</summary>
    public static List<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>(Math.Min(256, (text.Length / 60) + 1));
        var start = 0;
        var length = text.Length;
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (IsLineBoundary(text, i))
                {
                    Emit(text, start, i, sentences);
                    start = i + 1;
                }

                continue;
            }

            if (c is '.' or '!' or '?' or '…' or '‼' or '⁇' or '⁈' or '⁉')
            {
                var runEnd = i + 1;
                while (runEnd < length && text[runEnd] is '.' or '!' or '?' or '…' or '‼' or '⁇' or '⁈' or '⁉')
                {
                    runEnd++;
                }

                var end = runEnd;
                while (end < length && IsCloser(text[end]))
                {
                    end++;
                }

                end = IncludeTrailingEmoji(text, end);
                if (IsBoundary(text, start, i, runEnd, end))
                {
                    Emit(text, start, end, sentences);
                    start = end;
                }

                i = end - 1;
                continue;
            }

            if (IsEmojiStart(text, i))
            {
                // "Thanks for waiting 🙏 We shipped it today": an emoji between two sentences ends the first.
                var end = SkipEmoji(text, i);
                var next = SkipSpaces(text, end);
                if (next > end && next < length && char.IsUpper(text[next]) && !IsLineStartOnly(text, start, i))
                {
                    Emit(text, start, end, sentences);
                    start = end;
                }

                i = end - 1;
            }
        }

        Emit(text, start, length, sentences);
        return sentences;
    }

    private static bool IsLineStartOnly(string text, int start, int at) => text.AsSpan(start, at - start).IsWhiteSpace();

    /// <summary>Whether the line break at <paramref name="at"/> ends a sentence.</summary>
    private static bool IsLineBoundary(string text, int at)
    {
        if (at + 1 >= text.Length || text[at + 1] == '\n' || at == 0)
        {
            return true;
        }

        // Lines are trimmed, so the character before the break is the last one of the line.
        var last = text[at - 1];
        if (last is '.' or '!' or '?' or '…' or ':' or ';' or ',' || IsCloser(last))
        {
            return true;
        }

        // A line that goes on in lower case is a wrapped sentence ("... and I\nstill can't believe").
        var next = text[at + 1];
        return !char.IsLower(next) || IsListMarkerAt(text, at + 1, out _);
    }

    private static bool IsBoundary(string text, int sentenceStart, int runStart, int runEnd, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            // "3.5", "example.com", "e.g.,", "?!x" and "a.m.," are not ends of sentences.
            return false;
        }

        var nextIndex = SkipSpaces(text, end);
        if (nextIndex >= text.Length || text[nextIndex] == '\n')
        {
            return true;
        }

        var next = text[nextIndex];
        var run = text.AsSpan(runStart, runEnd - runStart);
        var isEllipsis = run.Contains('…') || run.StartsWith("..");
        if (isEllipsis)
        {
            // "I waited... Nothing happened." but "Well... maybe".
            return char.IsUpper(next) || char.IsDigit(next) || IsOpener(next);
        }

        if (run.ContainsAny("!?‼⁇⁈⁉"))
        {
            return !char.IsLower(next);
        }

        // A single full stop: look at the word in front of it.
        var word = WordBefore(text, sentenceStart, runStart);
        if (word.IsEmpty)
        {
            return !char.IsLower(next);
        }

        if (IsAllDigits(word) && word.Length <= 3 && IsLineStart(text, sentenceStart, runStart - word.Length))
        {
            // "1. First item" in a numbered list.
            return false;
        }

        if (word.Length == 1 && char.IsUpper(word[0]) && char.IsUpper(next))
        {
            // An initial: "J. Smith".
            return false;
        }

        var lookup = NeverFinal.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(word))
        {
            return false;
        }

        if (BeforeNumber.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
        {
            return !char.IsDigit(next) && !char.IsLower(next);
        }

        if (MaybeFinal.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) || word.Contains('.'))
        {
            return char.IsUpper(next);
        }

        return !char.IsLower(next);
    }

    /// <summary>The word right before a full stop, including inner dots ("e.g", "a.m", "U.S").</summary>
    private static ReadOnlySpan<char> WordBefore(string text, int sentenceStart, int dot)
    {
        var start = dot;
        while (start > sentenceStart && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        return text.AsSpan(start, dot - start).Trim('.');
    }

    private static bool IsLineStart(string text, int sentenceStart, int at)
    {
        var before = at - 1;
        while (before >= sentenceStart && text[before] == ' ')
        {
            before--;
        }

        return before < sentenceStart || text[before] == '\n' || text[before] is '•' or '·' or '▪' or '◦' or '‣' or '∙';
    }

    private static void Emit(string text, int start, int end, List<Sentence> sentences)
    {
        while (start < end && (char.IsWhiteSpace(text[start]) || IsBulletAt(text, start, end)))
        {
            start++;
        }

        if (start < end && IsListMarkerAt(text, start, out var markerLength) && start + markerLength < end)
        {
            start += markerLength;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end <= start || !HasWordCharacter(text.AsSpan(start, end - start)))
        {
            return;
        }

        while (end - start > MaxSentenceLength)
        {
            var cut = CutPoint(text, start, start + MaxSentenceLength);
            Add(text, start, cut, sentences);
            start = cut;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        if (end > start)
        {
            Add(text, start, end, sentences);
        }
    }

    private static void Add(string text, int start, int end, List<Sentence> sentences)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new Sentence(sentences.Count, start, end - start, text.Substring(start, end - start)));
        }
    }

    private static int CutPoint(string text, int start, int limit)
    {
        var space = text.AsSpan(start, limit - start).LastIndexOf(' ');
        var cut = space > 0 ? start + space : limit;
        if (char.IsLowSurrogate(text[cut]) && cut > start + 1)
        {
            cut--;
        }

        return cut;
    }

    // A bullet the extractor wrote for a list item, or one typed in plain text ("- ", "* ").
    private static bool IsBulletAt(string text, int at, int end)
    {
        var c = text[at];
        if (c is '•' or '·' or '▪' or '◦' or '‣' or '∙' or '●' or '○' or '■' or '□' or '➢' or '➤' or '►')
        {
            return true;
        }

        return c is '-' or '*' or '–' or '—' or 'o' && at + 1 < end && text[at + 1] == ' '
            && (at == 0 || text[at - 1] == '\n');
    }

    /// <summary>"1. ", "2) ", "a) " at the start of a line.</summary>
    private static bool IsListMarkerAt(string text, int at, out int length)
    {
        length = 0;
        var i = at;
        while (i < text.Length && i - at < 3 && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == at && i < text.Length && char.IsAsciiLetterLower(text[i]) && i + 1 < text.Length && text[i + 1] == ')')
        {
            i++;
        }

        if (i == at || i + 1 >= text.Length || text[i] is not ('.' or ')') || text[i + 1] != ' ')
        {
            return false;
        }

        length = i + 2 - at;
        return true;
    }

    private static bool HasWordCharacter(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or '”' or '’' or '»' or '›' or ')' or ']' or '}' or '」' or '』';

    private static bool IsOpener(char c) => c is '"' or '\'' or '“' or '‘' or '«' or '(' or '[';

    private static int SkipSpaces(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }

    // "Great, thanks! 😊 See you": the emoji belongs to the sentence it follows.
    private static int IncludeTrailingEmoji(string text, int end)
    {
        var next = SkipSpaces(text, end);
        if (next < text.Length && IsEmojiStart(text, next))
        {
            return SkipEmoji(text, next);
        }

        return end;
    }

    private static bool IsEmojiStart(string text, int at)
    {
        var c = text[at];
        if (char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
        {
            var codePoint = char.ConvertToUtf32(c, text[at + 1]);
            return codePoint is >= 0x1F000 and <= 0x1FAFF;
        }

        return c is >= '\u2600' and <= '\u27BF' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol;
    }

    private static int SkipEmoji(string text, int at)
    {
        while (at < text.Length)
        {
            var c = text[at];
            if (IsEmojiStart(text, at))
            {
                at += char.IsHighSurrogate(c) ? 2 : 1;
            }
            else if (c is '\u200D' or '\uFE0F' or '\u20E3')
            {
                at++;
            }
            else if (c == ' ' && at + 1 < text.Length && IsEmojiStart(text, at + 1))
            {
                at++;
            }
            else
            {
                break;
            }
        }

        return at;
    }
}
