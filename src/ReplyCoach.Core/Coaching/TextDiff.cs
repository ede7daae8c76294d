namespace ReplyCoach.Core.Coaching;

/// <summary>A change of one range of a text: replace <see cref="Length"/> characters at <see cref="Start"/> with <see cref="Replacement"/>.</summary>
/// <param name="Start">Offset into the old text.</param>
/// <param name="Length">Characters replaced (0 for an insertion).</param>
/// <param name="Replacement">The new characters (empty for a deletion).</param>
internal readonly record struct Hunk(int Start, int Length, string Replacement);

/// <summary>
/// A word-level difference between two short texts (a sentence and its rewording), so that an edit touches only
/// the words that changed and leaves the markup around the others in place.
/// </summary>
internal static class TextDiff
{
    public static List<Hunk> Diff(string before, string after)
    {
        var hunks = new List<Hunk>();
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return hunks;
        }

        var a = Tokenize(before);
        var b = Tokenize(after);

        // Common prefix and suffix first: most rewrites change a few words in the middle.
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && Same(before, a[prefix], after, b[prefix]))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && Same(before, a[^(suffix + 1)], after, b[^(suffix + 1)]))
        {
            suffix++;
        }

        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = Same(before, a[prefix + i], after, b[prefix + j])
                    ? lcs[i + 1, j + 1] + 1
                    : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        int? hunkOldStart = null;
        var hunkOldEnd = 0;
        int? hunkNewStart = null;
        var hunkNewEnd = 0;
        void Flush()
        {
            if (hunkOldStart is null && hunkNewStart is null)
            {
                return;
            }

            var oldStart = hunkOldStart ?? (prefix + x < a.Count ? a[prefix + x].Start : before.Length);
            var oldEnd = hunkOldStart is null ? oldStart : hunkOldEnd;
            var replacement = hunkNewStart is null ? string.Empty : after[hunkNewStart.Value..hunkNewEnd];
            hunks.Add(new Hunk(oldStart, oldEnd - oldStart, replacement));
            hunkOldStart = null;
            hunkNewStart = null;
        }

        while (x < n || y < m)
        {
            if (x < n && y < m && Same(before, a[prefix + x], after, b[prefix + y]))
            {
                Flush();
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                var token = b[prefix + y];
                hunkNewStart ??= token.Start;
                hunkNewEnd = token.Start + token.Length;
                y++;
            }
            else
            {
                var token = a[prefix + x];
                hunkOldStart ??= token.Start;
                hunkOldEnd = token.Start + token.Length;
                x++;
            }
        }

        Flush();
        return hunks;
    }

    /// <summary>Applies hunks (in text order, not overlapping) to a text.</summary>
    public static string Apply(string text, IReadOnlyList<Hunk> hunks)
    {
        var builder = new System.Text.StringBuilder(text.Length + 64);
        var at = 0;
        foreach (var hunk in hunks)
        {
            builder.Append(text, at, hunk.Start - at).Append(hunk.Replacement);
            at = hunk.Start + hunk.Length;
        }

        return builder.Append(text, at, text.Length - at).ToString();
    }

    private static bool Same(string a, Token x, string b, Token y) =>
        x.Length == y.Length && string.CompareOrdinal(a, x.Start, b, y.Start, x.Length) == 0;

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 3 + 1);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || ((text[i] is '\'' or '’') && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            tokens.Add(new Token(start, i - start));
        }

        return tokens;
    }

    private readonly record struct Token(int Start, int Length);
}
