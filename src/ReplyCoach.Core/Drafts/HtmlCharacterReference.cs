using AngleSharp.Common;
using AngleSharp.Html;

namespace ReplyCoach.Core.Drafts;

/// <summary>
/// Decodes HTML character references (&amp;amp; &amp;#8217; &amp;#x41; and the legacy ones without a semicolon)
/// the way the HTML standard does for text content, using AngleSharp's entity table. We decode them ourselves,
/// rather than let the tokenizer do it, because we need to know how many source characters each one spans.
/// </summary>
internal static class HtmlCharacterReference
{
    // The longest entity name in the table ("CounterClockwiseContourIntegral") is 31 characters.
    private const int MaxNameLength = 32;

    // Legacy entities (decoded even without ';') are at most 6 characters long ("middot", "frac12").
    private const int MaxLegacyNameLength = 6;

    /// <summary>
    /// Decodes the reference that starts at <paramref name="text"/>[<paramref name="at"/>] (an '&amp;').
    /// Returns the number of source characters it spans, or 0 when the '&amp;' is a literal ampersand.
    /// </summary>
    /// <param name="text">The text holding the reference.</param>
    /// <param name="at">The offset of the '&amp;'.</param>
    /// <param name="decoded">Receives up to two UTF-16 code units; a named reference may need a string.</param>
    /// <param name="written">How many code units of <paramref name="decoded"/> were written.</param>
    /// <param name="symbol">For named references, the replacement text (then <paramref name="written"/> is 0).</param>
    public static int Decode(ReadOnlyMemory<char> text, int at, Span<char> decoded, out int written, out string? symbol)
    {
        written = 0;
        symbol = null;
        var span = text.Span;
        if (at + 1 >= span.Length)
        {
            return 0;
        }

        return span[at + 1] == '#'
            ? DecodeNumeric(span, at, decoded, out written)
            : DecodeNamed(text, at, out symbol);
    }

    /// <summary>Number of source characters of the reference at <paramref name="at"/>, or 1 when there is none.</summary>
    public static int Measure(string text, int at)
    {
        if (at < 0 || at >= text.Length || text[at] != '&')
        {
            return 1;
        }

        Span<char> scratch = stackalloc char[2];
        var length = Decode(text.AsMemory(), at, scratch, out _, out _);
        return length == 0 ? 1 : length;
    }

    private static int DecodeNumeric(ReadOnlySpan<char> span, int at, Span<char> decoded, out int written)
    {
        written = 0;
        var i = at + 2;
        var hex = i < span.Length && (span[i] == 'x' || span[i] == 'X');
        if (hex)
        {
            i++;
        }

        var digitsStart = i;
        var value = 0;
        while (i < span.Length)
        {
            var digit = HexValue(span[i], hex);
            if (digit < 0)
            {
                break;
            }

            // Saturate: anything past U+10FFFF decodes to U+FFFD anyway.
            value = value > 0x10FFFF ? value : (value * (hex ? 16 : 10)) + digit;
            i++;
        }

        if (i == digitsStart)
        {
            return 0;
        }

        if (i < span.Length && span[i] == ';')
        {
            i++;
        }

        if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            decoded[0] = '\uFFFD';
            written = 1;
        }
        else if (value >= 0x80 && value <= 0x9F && HtmlEntityProvider.IsInCharacterTable(value))
        {
            // The HTML standard remaps C1 controls to what Windows-1252 meant by them (&#146; is a right quote).
            var mapped = HtmlEntityProvider.GetSymbolFromTable(value);
            decoded[0] = string.IsNullOrEmpty(mapped) ? '\uFFFD' : mapped[0];
            written = 1;
        }
        else if (value <= 0xFFFF)
        {
            decoded[0] = (char)value;
            written = 1;
        }
        else
        {
            value -= 0x10000;
            decoded[0] = (char)(0xD800 + (value >> 10));
            decoded[1] = (char)(0xDC00 + (value & 0x3FF));
            written = 2;
        }

        return i - at;
    }

    private static int DecodeNamed(ReadOnlyMemory<char> text, int at, out string? symbol)
    {
        symbol = null;
        var span = text.Span;
        var start = at + 1;
        var end = start;
        while (end < span.Length && end - start < MaxNameLength && char.IsAsciiLetterOrDigit(span[end]))
        {
            end++;
        }

        if (end == start)
        {
            return 0;
        }

        var resolver = HtmlEntityProvider.ResolverExtended;
        if (end < span.Length && span[end] == ';')
        {
            var withSemicolon = resolver.GetSymbol(new StringOrMemory(text.Slice(start, end - start + 1)));
            if (!string.IsNullOrEmpty(withSemicolon))
            {
                symbol = withSemicolon;
                return end - at + 1;
            }
        }

        // Legacy references such as "&amp" or "&nbsp" work without a semicolon, matching the longest prefix.
        for (var length = Math.Min(end - start, MaxLegacyNameLength); length >= 2; length--)
        {
            var legacy = resolver.GetSymbol(new StringOrMemory(text.Slice(start, length)));
            if (!string.IsNullOrEmpty(legacy))
            {
                symbol = legacy;
                return length + 1;
            }
        }

        return 0;
    }

    private static int HexValue(char c, bool hex)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }

        if (!hex)
        {
            return -1;
        }

        return c switch
        {
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
    }
}
