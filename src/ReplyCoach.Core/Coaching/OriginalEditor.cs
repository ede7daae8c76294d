using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Coaching;

/// <summary>
/// Turns edits of the normalised text into edits of the original content (the HTML source or the plain text), and
/// applies them. In HTML the new words are HTML-encoded, and markup inside a replaced range is kept (after the new
/// words), so the document stays well formed and nothing outside the edited words changes by a byte.
/// </summary>
internal static partial class OriginalEditor
{
    /// <summary>Whether the original content of a draft is HTML (an .eml body may be either).</summary>
    public static bool IsHtml(NormalizedDraft draft) => draft.BodyFormat == DraftFormat.Html;

    /// <summary>Makes the full edit (both offsets) for a change of the normalised text.</summary>
    /// <param name="draft">The draft.</param>
    /// <param name="start">Offset into <see cref="NormalizedDraft.Text"/>.</param>
    /// <param name="length">Characters replaced.</param>
    /// <param name="replacement">New plain text.</param>
    /// <param name="html">Whether the original is HTML.</param>
    /// <param name="insertBefore">For an insertion: anchor it before the character at <paramref name="start"/> rather than after the one before.</param>
    public static TextEdit ToEdit(NormalizedDraft draft, int start, int length, string replacement, bool html, bool insertBefore = false)
    {
        var original = draft.Original;
        int originalStart, originalEnd;
        if (length > 0)
        {
            var span = draft.MapToOriginal(start, length);
            originalStart = span.Start;
            originalEnd = span.End;
        }
        else
        {
            var text = draft.Text;
            var before = insertBefore || start == 0 || (start < text.Length && char.IsWhiteSpace(text[start - 1]));
            if (before && start < text.Length)
            {
                originalStart = draft.MapToOriginal(start, 0).Start;
            }
            else if (start > 0)
            {
                originalStart = draft.MapToOriginal(start - 1, 1).End;
            }
            else
            {
                originalStart = draft.MapToOriginal(0, 0).Start;
            }

            originalEnd = originalStart;
        }

        var originalReplacement = replacement;
        if (html)
        {
            originalStart = OutsideTag(original, originalStart, backwards: true);
            originalEnd = length > 0 ? OutsideTag(original, originalEnd, backwards: false) : originalStart;
            originalReplacement = Encode(replacement) + KeptMarkup(original, originalStart, originalEnd);
        }

        return new TextEdit(start, length, replacement, originalStart, originalEnd - originalStart, originalReplacement);
    }

    /// <summary>HTML-encodes plain text (quotes left as they are; they need no encoding in element content).</summary>
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\u00A0") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '&' => builder.Append("&amp;"),
                '\u00A0' => builder.Append("&nbsp;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Applies edits (sorted, not overlapping in the original) to the original content.</summary>
    public static string ApplyToOriginal(string original, IReadOnlyList<TextEdit> edits)
    {
        var builder = new StringBuilder(original.Length + 256);
        var at = 0;
        foreach (var edit in edits.OrderBy(static e => e.OriginalStart).ThenBy(static e => e.OriginalLength))
        {
            if (edit.OriginalStart < at)
            {
                throw new InvalidOperationException("Edits overlap in the original content.");
            }

            builder.Append(original, at, edit.OriginalStart - at).Append(edit.OriginalReplacement);
            at = edit.OriginalStart + edit.OriginalLength;
        }

        return builder.Append(original, at, original.Length - at).ToString();
    }

    /// <summary>
    /// Builds the normalised draft of the edited content without normalising it again: the text with the edits
    /// applied, a character map into the edited original, the sentences shifted or replaced, and the stripped parts
    /// (quoted thread, signature) moved but unchanged.
    /// </summary>
    /// <param name="draft">The draft before editing.</param>
    /// <param name="edits">The edits, sorted by <see cref="TextEdit.Start"/>.</param>
    /// <param name="newOriginal">The original with the edits applied.</param>
    /// <param name="sentences">The sentences of the new text (offsets into the new text).</param>
    public static NormalizedDraft Rebuild(NormalizedDraft draft, IReadOnlyList<TextEdit> edits, string newOriginal, IReadOnlyList<Sentence> sentences)
    {
        var text = draft.Text;
        var newText = new StringBuilder(text.Length + 256);
        var offsets = new List<int>(text.Length + 256);
        var oldOffsets = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            oldOffsets[i] = draft.MapToOriginal(i, 1).Start;
        }

        // Original-content shift per edit, in original order (an insertion anchored "after" may sort differently).
        var byOriginal = edits.OrderBy(static e => e.OriginalStart).ToArray();
        var shifts = new int[byOriginal.Length + 1];
        for (var k = 0; k < byOriginal.Length; k++)
        {
            shifts[k + 1] = shifts[k] + byOriginal[k].OriginalReplacement.Length - byOriginal[k].OriginalLength;
        }

        // Edits wholly before an offset, and insertions at it, move it.
        int ShiftAt(int originalOffset)
        {
            var lo = 0;
            var hi = byOriginal.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                var edit = byOriginal[mid];
                if (edit.OriginalStart + edit.OriginalLength <= originalOffset)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return shifts[lo];
        }

        var at = 0;
        foreach (var edit in edits)
        {
            for (var i = at; i < edit.Start; i++)
            {
                newText.Append(text[i]);
                offsets.Add(oldOffsets[i] + ShiftAt(oldOffsets[i]));
            }

            var newOriginalStart = edit.OriginalStart + ShiftAt(edit.OriginalStart) - (edit.OriginalLength == 0 ? edit.OriginalReplacement.Length : 0);
            var position = newOriginalStart;
            var plain = edit.OriginalReplacement.StartsWith(edit.Replacement, StringComparison.Ordinal);
            foreach (var c in edit.Replacement)
            {
                newText.Append(c);
                offsets.Add(Math.Min(position, Math.Max(0, newOriginal.Length - 1)));
                position += plain ? 1 : Encode(c.ToString()).Length;
            }

            at = edit.Start + edit.Length;
        }

        for (var i = at; i < text.Length; i++)
        {
            newText.Append(text[i]);
            offsets.Add(oldOffsets[i] + ShiftAt(oldOffsets[i]));
        }

        var stripped = draft.Stripped
            .Select(p => p with { Original = new TextSpan(p.Original.Start + ShiftAt(p.Original.Start), p.Original.Length) })
            .ToArray();
        return new NormalizedDraft(newOriginal, draft.Format, newText.ToString(), [.. offsets], sentences, stripped, draft.Status, draft.Language, draft.BodyFormat);
    }

    // Moves an offset that falls inside a tag ("<b|r>") to the tag's edge, so an edit never cuts markup.
    private static int OutsideTag(string html, int offset, bool backwards)
    {
        if (offset <= 0 || offset >= html.Length)
        {
            return offset;
        }

        for (var i = offset - 1; i >= 0 && offset - i < 4096; i--)
        {
            if (html[i] == '>')
            {
                return offset;
            }

            if (html[i] == '<')
            {
                if (backwards)
                {
                    return i;
                }

                var close = html.IndexOf('>', offset);
                return close < 0 ? offset : close + 1;
            }
        }

        return offset;
    }

    private static string KeptMarkup(string html, int start, int end)
    {
        if (end <= start || html.AsSpan(start, end - start).IndexOf('<') < 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (Match tag in TagPattern().Matches(html.Substring(start, end - start)))
        {
            builder.Append(tag.Value);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"<!--.*?-->|<[^>]*>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
