using System.Buffers;
using System.Runtime.CompilerServices;

namespace ReplyCoach.Core.Drafts;

/// <summary>
/// A growable buffer of text in which every character remembers the offset in the original content it came from.
/// Whitespace is collapsed as it is appended, so the extractors never need a second pass. Buffers come from the
/// shared array pool: a normalisation allocates only its results.
/// </summary>
internal sealed class TextBuilder : IDisposable
{
    /// <summary>Characters <see cref="AppendPlainRun"/> can take: printable ASCII and space, except '&amp;'.</summary>
    public static readonly SearchValues<char> PlainRunCharacters =
        SearchValues.Create(" !\"#$%'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private char[] _chars;
    private int[] _map;

    public TextBuilder(int capacityHint)
    {
        var capacity = Math.Clamp(capacityHint, 64, 1 << 20);
        _chars = ArrayPool<char>.Shared.Rent(capacity);
        _map = ArrayPool<int>.Shared.Rent(capacity);
    }

    /// <summary>Number of characters written.</summary>
    public int Length { get; private set; }

    /// <summary>How many no-break spaces have been seen, so an HTML block holding only "&amp;nbsp;" can become an empty line.</summary>
    public int NoBreakSpaces { get; private set; }

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public ReadOnlySpan<int> Map => _map.AsSpan(0, Length);

    /// <summary>The last character, or a line break when empty (so leading whitespace is dropped).</summary>
    public char Last => Length > 0 ? _chars[Length - 1] : '\n';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(char c, int source)
    {
        if (Length == _chars.Length)
        {
            Grow(Length + 1);
        }

        _chars[Length] = c;
        _map[Length] = source;
        Length++;
    }

    /// <summary>
    /// Appends one character of running text: whitespace runs become one space (none at the start of a line),
    /// invisible format characters and control characters are dropped. With <paramref name="keepLineBreaks"/>
    /// (plain text, &lt;pre&gt;) a line feed is a line break; a carriage return must already be folded by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendText(char c, int source, bool keepLineBreaks)
    {
        if (c > ' ' && c < 0x7F)
        {
            Append(c, source);
            return;
        }

        AppendTextSlow(c, source, keepLineBreaks);
    }

    private void AppendTextSlow(char c, int source, bool keepLineBreaks)
    {
        if (c == '\n' && keepLineBreaks)
        {
            AppendLineBreak(source);
            return;
        }

        if (IsCollapsibleSpace(c))
        {
            if (c == '\u00A0')
            {
                NoBreakSpaces++;
            }

            var last = Last;
            if (last != ' ' && last != '\n')
            {
                Append(' ', source);
            }

            return;
        }

        if (IsDropped(c))
        {
            return;
        }

        Append(c, source);
    }

    /// <summary>
    /// Appends a run of printable ASCII and spaces (no '&amp;', no line breaks) that sits verbatim in the source at
    /// <paramref name="source"/>, collapsing doubled spaces. One tight loop instead of a call per character: most
    /// of a draft is such runs.
    /// </summary>
    public void AppendPlainRun(ReadOnlySpan<char> run, int source)
    {
        if (Length + run.Length > _chars.Length)
        {
            Grow(Length + run.Length);
        }

        var chars = _chars;
        var map = _map;
        var length = Length;
        var last = length > 0 ? chars[length - 1] : '\n';
        for (var k = 0; k < run.Length; k++)
        {
            var c = run[k];
            if (c == ' ' && (last == ' ' || last == '\n'))
            {
                continue;
            }

            chars[length] = c;
            map[length] = source + k;
            length++;
            last = c;
        }

        Length = length;
    }

    /// <summary>Starts a new line unless one was just started (block boundaries).</summary>
    public void EnsureLineBreak(int source)
    {
        if (Length == 0)
        {
            return;
        }

        TrimTrailingSpace();
        if (_chars[Length - 1] != '\n')
        {
            Append('\n', source);
        }
    }

    /// <summary>Always ends the current line (a &lt;br&gt; or a line feed in plain text).</summary>
    public void AppendLineBreak(int source)
    {
        TrimTrailingSpace();
        Append('\n', source);
    }

    /// <summary>Adds an empty line, but never more than one in a row.</summary>
    public void AppendEmptyLine(int source)
    {
        EnsureLineBreak(source);
        if (Length >= 2 && _chars[Length - 1] == '\n' && _chars[Length - 2] == '\n')
        {
            return;
        }

        if (Length > 0)
        {
            Append('\n', source);
        }
    }

    public void TrimTrailingSpace()
    {
        while (Length > 0 && _chars[Length - 1] == ' ')
        {
            Length--;
        }
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        ArrayPool<int>.Shared.Return(_map);
        _chars = [];
        _map = [];
    }

    /// <summary>Whitespace that HTML rendering (and our plain-text view) folds into one space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCollapsibleSpace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '\u00A0' or '\u1680' or '\u202F' or '\u205F' or '\u3000' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' => true,
        _ => false,
    };

    // Zero-width and control characters carry no words; keeping them would only split words for the detectors.
    // U+200D (zero-width joiner) and variation selectors stay: they are part of emoji sequences.
    private static bool IsDropped(char c) => c switch
    {
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\u00AD' or '\u200B' or '\u200C' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    private void Grow(int needed)
    {
        var size = Math.Max(needed, _chars.Length * 2);
        var chars = ArrayPool<char>.Shared.Rent(size);
        var map = ArrayPool<int>.Shared.Rent(size);
        _chars.AsSpan(0, Length).CopyTo(chars);
        _map.AsSpan(0, Length).CopyTo(map);
        ArrayPool<char>.Shared.Return(_chars);
        ArrayPool<int>.Shared.Return(_map);
        _chars = chars;
        _map = map;
    }
}
