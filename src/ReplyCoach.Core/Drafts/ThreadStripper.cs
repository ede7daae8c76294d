using System.Buffers;
using System.Text;

namespace ReplyCoach.Core.Drafts;

/// <summary>The agent's own words, with the offset map, and what was removed around them.</summary>
internal readonly record struct StripResult(string Text, int[] Map, IReadOnlyList<StrippedPart> Stripped);

/// <summary>
/// Splits the extracted text of a draft into the agent's words and the parts the agent did not write for this
/// reply: the quoted thread, forwarded messages, the signature and disclaimers. Works on whole lines, combining
/// what the markup said (regions from the HTML extractor) with what the text says (reply headers, "On ... wrote:",
/// "&gt;" quotes, sign-offs). Most replies are top-posted, so a reply header or separator removes everything after
/// it; "&gt;" quotes and quote elements remove only themselves, so interleaved answers keep the agent's words.
/// </summary>
internal ref struct ThreadStripper
{
    private const int MaxSignOffLines = 6;

    private readonly ReadOnlySpan<char> _text;
    private readonly ReadOnlySpan<int> _map;
    private readonly string _original;
    private readonly bool _originalIsHtml;
    private readonly Span<int> _starts;
    private readonly Span<int> _ends;
    private readonly Span<LineKind> _kinds;
    private readonly Span<LineFlags> _flags;
    private readonly int _count;

    private ThreadStripper(
        ReadOnlySpan<char> text,
        ReadOnlySpan<int> map,
        string original,
        bool originalIsHtml,
        Span<int> starts,
        Span<int> ends,
        Span<LineKind> kinds,
        Span<LineFlags> flags)
    {
        _text = text;
        _map = map;
        _original = original;
        _originalIsHtml = originalIsHtml;
        _starts = starts;
        _ends = ends;
        _kinds = kinds;
        _flags = flags;
        _count = starts.Length;
    }

    private enum LineKind : byte
    {
        Agent,
        Quote,
        Forward,
        Signature,
        Disclaimer,
    }

    [Flags]
    private enum LineFlags : byte
    {
        None = 0,
        SplitBefore = 1,
        Candidate = 2,
        SignatureStart = 4,
    }

    private readonly LineReader Lines => new(_text, _starts, _ends);

    /// <summary>Removes thread, signature and disclaimers from <paramref name="extracted"/>.</summary>
    /// <param name="extracted">The whole draft as normalised text with its offset map.</param>
    /// <param name="regions">What the markup identified (empty for plain text).</param>
    /// <param name="original">The content the offsets point into.</param>
    /// <param name="originalIsHtml">Whether <paramref name="original"/> is HTML (entities span several characters).</param>
    public static StripResult Strip(TextBuilder extracted, List<StructuralRegion> regions, string original, bool originalIsHtml)
    {
        var text = extracted.Chars;
        var count = text.Length == 0 ? 0 : text.Count('\n') + 1;
        var lineBuffer = ArrayPool<int>.Shared.Rent(Math.Max(1, count * 2));
        var kindBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, count * 2));
        try
        {
            var starts = lineBuffer.AsSpan(0, count);
            var ends = lineBuffer.AsSpan(count, count);
            var kinds = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, LineKind>(kindBuffer.AsSpan(0, count));
            var flags = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, LineFlags>(kindBuffer.AsSpan(count, count));
            kinds.Clear();
            flags.Clear();

            var start = 0;
            for (var i = 0; i < count; i++)
            {
                var newline = text[start..].IndexOf('\n');
                var end = newline < 0 ? text.Length : start + newline;
                starts[i] = start;
                ends[i] = end;
                start = end + 1;
            }

            var stripper = new ThreadStripper(text, extracted.Map, original, originalIsHtml, starts, ends, kinds, flags);
            return stripper.Run(regions);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lineBuffer);
            ArrayPool<byte>.Shared.Return(kindBuffer);
        }
    }

    private StripResult Run(List<StructuralRegion> regions)
    {
        var toEnd = ApplyRegions(regions);
        toEnd = ApplyTextSeparators(toEnd);
        MarkToEnd(toEnd);
        SplitMessages();
        MarkSignaturesAndDisclaimers();
        var stripped = BuildParts();
        var (text, map) = BuildAgentText();
        return new StripResult(text, map, stripped);
    }

    /// <summary>Marks quote and signature elements; returns the first line of a quote that runs to the end.</summary>
    private int ApplyRegions(List<StructuralRegion> regions)
    {
        var toEnd = _count;
        foreach (var region in regions)
        {
            if (region.Kind == RegionKind.QuoteToEnd)
            {
                toEnd = Math.Min(toEnd, LineAt(region.Start));
                continue;
            }

            if (region.Kind == RegionKind.SignatureStart)
            {
                // Often an empty bookmark (<a name="_MailAutoSig"></a>): only where it sits matters.
                var line = LineAt(region.Start);
                if (line < _count)
                {
                    _flags[line] |= LineFlags.SignatureStart;
                }

                continue;
            }

            var end = region.End < 0 ? _text.Length : region.End;
            if (end <= region.Start)
            {
                continue;
            }

            var first = LineAt(region.Start);
            var last = LineAt(end - 1);
            if (first >= _count)
            {
                continue;
            }

            switch (region.Kind)
            {
                case RegionKind.QuoteBlock:
                    MarkQuoteBlock(first, last);
                    break;
                case RegionKind.QuoteCandidate:
                    for (var i = first; i <= last; i++)
                    {
                        _flags[i] |= LineFlags.Candidate;
                    }

                    break;
                case RegionKind.SignatureBlock:
                    MarkAgentLines(first, last, LineKind.Signature);
                    break;
                case RegionKind.SignatureBlockIfShort:
                    if (last - first < 6 && _ends[last] - _starts[first] <= 300)
                    {
                        MarkAgentLines(first, last, LineKind.Signature);
                    }

                    break;
            }
        }

        return toEnd;
    }

    private void MarkQuoteBlock(int first, int last)
    {
        if (IsAlreadyStripped(first, last))
        {
            // A quote nested in one already marked (Gmail nests every earlier message); SplitMessages splits it.
            return;
        }

        // The attribution usually sits just above the quote ("On ... wrote:" then <blockquote type="cite">).
        var previous = PreviousNonBlank(first - 1);
        if (previous >= 0 && _kinds[previous] == LineKind.Agent)
        {
            var lines = Lines;
            if (ThreadRules.IsAttribution(lines, previous, out var count) && previous + count - 1 < first)
            {
                first = previous;
            }
            else if (previous > 0 && _kinds[previous - 1] == LineKind.Agent && ThreadRules.IsAttribution(lines, previous - 1, out count)
                     && count == 2)
            {
                first = previous - 1;
            }
        }

        var kind = IsForwardStart(first) ? LineKind.Forward : LineKind.Quote;
        for (var i = first; i <= last; i++)
        {
            if (_kinds[i] == LineKind.Agent)
            {
                _kinds[i] = kind;
            }
        }

        _flags[first] |= LineFlags.SplitBefore;
    }

    /// <summary>Looks for separators in the agent's part: reply headers, attributions, "&gt;" quotes.</summary>
    private int ApplyTextSeparators(int toEnd)
    {
        var lines = Lines;
        for (var i = 0; i < toEnd; i++)
        {
            if (_kinds[i] != LineKind.Agent)
            {
                continue;
            }

            var line = lines[i];
            if (line.IsEmpty)
            {
                continue;
            }

            if (ThreadRules.IsForwardMarker(line) || ThreadRules.IsOriginalMessageMarker(line)
                || ThreadRules.IsHeaderBlock(lines, i, out _, out _))
            {
                return IncludeRuleAbove(i);
            }

            if (ThreadRules.IsAttribution(lines, i, out var count))
            {
                var next = NextNonBlank(i + count);
                if (next < _count && (ThreadRules.IsQuotedLine(lines[next]) || (_flags[next] & LineFlags.Candidate) != 0))
                {
                    var last = ThreadRules.IsQuotedLine(lines[next]) ? EndOfQuotedBlock(next) : EndOfCandidate(next);
                    MarkQuoteBlock(i, last);
                    i = last;
                    continue;
                }

                if (next < _count && _kinds[next] is LineKind.Quote or LineKind.Forward)
                {
                    MarkQuoteBlock(i, i + count - 1);
                    _flags[next] &= ~LineFlags.SplitBefore;
                    i += count - 1;
                    continue;
                }

                return IncludeRuleAbove(i);
            }

            if (ThreadRules.IsQuotedLine(line))
            {
                var last = EndOfQuotedBlock(i);
                MarkQuoteBlock(i, last);
                i = last;
            }
        }

        return toEnd;
    }

    private int IncludeRuleAbove(int line)
    {
        var previous = line - 1;
        return previous >= 0 && _kinds[previous] == _kinds[line] && ThreadRules.IsRule(Lines[previous]) ? previous : line;
    }

    private void MarkToEnd(int toEnd)
    {
        if (toEnd >= _count)
        {
            return;
        }

        var first = NextNonBlank(toEnd);
        var kind = first < _count && IsForwardStart(first) ? LineKind.Forward : LineKind.Quote;
        for (var i = toEnd; i < _count; i++)
        {
            _kinds[i] = kind;
        }

        _flags[toEnd] |= LineFlags.SplitBefore;
    }

    /// <summary>
    /// One part per quoted message, so the first part is the message being answered: inside quoted text, a reply
    /// header, attribution or separator after the first message's own header starts a new part.
    /// </summary>
    private void SplitMessages()
    {
        var lines = Lines;
        var inQuote = false;
        for (var i = 0; i < _count; i++)
        {
            var kind = _kinds[i];
            if (kind is not (LineKind.Quote or LineKind.Forward))
            {
                if (kind != LineKind.Agent || _starts[i] != _ends[i])
                {
                    inQuote = false;
                }

                continue;
            }

            if (!inQuote || (_flags[i] & LineFlags.SplitBefore) != 0)
            {
                // The start of a part: its own separator and header belong to it.
                inQuote = true;
                _flags[i] |= LineFlags.SplitBefore;
                i = Math.Max(i, LastHeaderLine(i));
                continue;
            }

            var line = lines[i];
            if (line.IsEmpty || (!char.IsLetter(line[0]) && line[0] is not ('-' or '*' or '_')))
            {
                continue;
            }

            if (ThreadRules.IsForwardMarker(line) || ThreadRules.IsOriginalMessageMarker(line)
                || ThreadRules.IsHeaderBlock(lines, i, out _, out _) || ThreadRules.IsAttribution(lines, i, out _))
            {
                _flags[IncludeRuleAbove(i)] |= LineFlags.SplitBefore;
                i = LastHeaderLine(i);
            }
        }
    }

    /// <summary>The last line of the separator, attribution and header block starting at <paramref name="first"/>.</summary>
    private readonly int LastHeaderLine(int first) => FirstBodyLine(first, _count - 1) - 1;

    /// <summary>Signatures, sign-off blocks and disclaimers at the end of each stretch of the agent's text.</summary>
    private void MarkSignaturesAndDisclaimers()
    {
        var lines = Lines;
        var i = 0;
        while (i < _count)
        {
            if (_kinds[i] != LineKind.Agent)
            {
                i++;
                continue;
            }

            var segmentEnd = i;
            while (segmentEnd < _count && _kinds[segmentEnd] == LineKind.Agent)
            {
                segmentEnd++;
            }

            MarkSegment(lines, i, segmentEnd);
            i = segmentEnd;
        }
    }

    private void MarkSegment(LineReader lines, int first, int end)
    {
        var signatureStart = end;
        var disclaimerStart = end;
        for (var i = first; i < end; i++)
        {
            var line = lines[i];
            if (line.IsEmpty)
            {
                continue;
            }

            if (disclaimerStart == end && ThreadRules.IsDisclaimerStart(line))
            {
                disclaimerStart = i;
                break;
            }

            if (signatureStart == end && ((_flags[i] & LineFlags.SignatureStart) != 0 || ThreadRules.IsSignatureDelimiter(line)))
            {
                signatureStart = i;
            }
            else if (signatureStart == end && ThreadRules.IsMobileSignature(line))
            {
                _kinds[i] = LineKind.Signature;
            }
        }

        if (disclaimerStart < end)
        {
            Mark(disclaimerStart, end - 1, LineKind.Disclaimer);
        }

        var bodyEnd = Math.Min(signatureStart, disclaimerStart);
        if (signatureStart < disclaimerStart)
        {
            Mark(signatureStart, disclaimerStart - 1, LineKind.Signature);
        }

        // A sign-off ("Best regards,") followed by at most six short lines (name, title, company, phone).
        var following = 0;
        for (var i = bodyEnd - 1; i >= first; i--)
        {
            var line = lines[i];
            if (line.IsEmpty || _kinds[i] != LineKind.Agent)
            {
                continue;
            }

            if (ThreadRules.IsClosing(line))
            {
                // A reply that is nothing but "Thanks!" is the agent's message, not a sign-off.
                if (following > 0 || HasTextBefore(first, i))
                {
                    Mark(i, bodyEnd - 1, LineKind.Signature);
                }

                return;
            }

            if (++following > MaxSignOffLines || !ThreadRules.IsSignatureLine(line))
            {
                return;
            }
        }
    }

    private readonly bool HasTextBefore(int first, int line)
    {
        for (var i = first; i < line; i++)
        {
            if (_starts[i] != _ends[i] && _kinds[i] == LineKind.Agent)
            {
                return true;
            }
        }

        return false;
    }

    private List<StrippedPart> BuildParts()
    {
        var parts = new List<StrippedPart>();
        var groupStart = -1;
        var groupEnd = -1;
        var groupKind = LineKind.Agent;
        for (var i = 0; i < _count; i++)
        {
            var kind = _kinds[i];
            var blank = _starts[i] == _ends[i];
            if (blank)
            {
                continue;
            }

            if (kind == LineKind.Agent)
            {
                Flush(parts, groupStart, groupEnd, groupKind);
                groupStart = -1;
                continue;
            }

            if (groupStart >= 0 && kind == groupKind && (_flags[i] & LineFlags.SplitBefore) == 0)
            {
                groupEnd = i;
                continue;
            }

            Flush(parts, groupStart, groupEnd, groupKind);
            groupStart = i;
            groupEnd = i;
            groupKind = kind;
        }

        Flush(parts, groupStart, groupEnd, groupKind);
        return parts;
    }

    private readonly void Flush(List<StrippedPart> parts, int first, int last, LineKind kind)
    {
        if (first < 0)
        {
            return;
        }

        var partKind = kind switch
        {
            LineKind.Forward => StrippedKind.ForwardedMessage,
            LineKind.Signature => StrippedKind.Signature,
            LineKind.Disclaimer => StrippedKind.Disclaimer,
            _ => StrippedKind.QuotedThread,
        };

        var text = JoinLines(first, last);
        var startOffset = _map[_starts[first]];
        var lastChar = _ends[last] - 1;
        var endOffset = _map[lastChar] + OriginalWidth(_map[lastChar]);
        if (endOffset < startOffset)
        {
            // Foster-parented or reordered markup; keep the span well-formed.
            endOffset = startOffset;
        }

        string? message = null;
        if (partKind is StrippedKind.QuotedThread or StrippedKind.ForwardedMessage)
        {
            var body = FirstBodyLine(first, last);
            message = body <= last ? JoinLines(body, last, stripQuoteMarkers: true) : string.Empty;
        }

        parts.Add(new StrippedPart(partKind, text, new TextSpan(startOffset, endOffset - startOffset)) { Message = message });
    }

    /// <summary>The first line of a quoted part after its separator, attribution or header block.</summary>
    private readonly int FirstBodyLine(int first, int last)
    {
        var lines = Lines;
        var i = first;
        while (i <= last)
        {
            var line = lines[i];
            if (line.IsEmpty || ThreadRules.IsRule(line) || ThreadRules.IsForwardMarker(line) || ThreadRules.IsOriginalMessageMarker(line))
            {
                i++;
            }
            else if (ThreadRules.IsHeaderBlock(lines, i, out var count, out _) || ThreadRules.IsAttribution(lines, i, out count))
            {
                i += count;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private readonly string JoinLines(int first, int last, bool stripQuoteMarkers = false)
    {
        var length = 0;
        var previousBlank = false;
        for (var i = first; i <= last; i++)
        {
            var blank = _starts[i] == _ends[i];
            if (blank && previousBlank)
            {
                continue;
            }

            length += _ends[i] - _starts[i] + (i > first ? 1 : 0);
            previousBlank = blank;
        }

        var builder = new StringBuilder(length);
        previousBlank = false;
        for (var i = first; i <= last; i++)
        {
            var blank = _starts[i] == _ends[i];
            if (blank && previousBlank)
            {
                continue;
            }

            if (i > first)
            {
                builder.Append('\n');
            }

            var line = _text[_starts[i].._ends[i]];
            if (stripQuoteMarkers && ThreadRules.IsQuotedLine(line))
            {
                line = line.TrimStart("> ");
            }

            builder.Append(line);
            previousBlank = blank;
        }

        return builder.ToString();
    }

    private readonly (string Text, int[] Map) BuildAgentText()
    {
        // First pass sizes the result exactly, so the text and its map are allocated once.
        var length = 0;
        var pendingBreaks = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_kinds[i] != LineKind.Agent)
            {
                pendingBreaks = length > 0 ? 2 : 0;
                continue;
            }

            var lineLength = _ends[i] - _starts[i];
            if (lineLength == 0)
            {
                pendingBreaks = length > 0 ? Math.Max(pendingBreaks, 2) : 0;
                continue;
            }

            if (length > 0)
            {
                length += Math.Max(pendingBreaks, 1);
            }

            length += lineLength;
            pendingBreaks = 1;
        }

        if (length == 0)
        {
            return (string.Empty, []);
        }

        var map = new int[length];
        var chars = ArrayPool<char>.Shared.Rent(length);
        try
        {
            Fill(chars, map);
            return (new string(chars, 0, length), map);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private readonly void Fill(Span<char> chars, int[] map)
    {
        var written = 0;
        var pendingBreaks = 0;
        var previousEnd = -1;
        for (var i = 0; i < _count; i++)
        {
            if (_kinds[i] != LineKind.Agent)
            {
                pendingBreaks = written > 0 ? 2 : 0;
                continue;
            }

            var start = _starts[i];
            var end = _ends[i];
            if (start == end)
            {
                pendingBreaks = written > 0 ? Math.Max(pendingBreaks, 2) : 0;
                continue;
            }

            if (written > 0)
            {
                // Line breaks map to the break that ended the previous kept line.
                var breakOffset = previousEnd < _map.Length ? _map[previousEnd] : _map[previousEnd - 1];
                for (var k = Math.Max(pendingBreaks, 1); k > 0; k--)
                {
                    chars[written] = '\n';
                    map[written++] = breakOffset;
                }
            }

            _text[start..end].CopyTo(chars[written..]);
            _map[start..end].CopyTo(map.AsSpan(written));
            written += end - start;
            previousEnd = end;
            pendingBreaks = 1;
        }
    }

    private readonly int OriginalWidth(int offset)
    {
        if ((uint)offset >= (uint)_original.Length)
        {
            return 0;
        }

        if (_originalIsHtml && _original[offset] == '&')
        {
            return HtmlCharacterReference.Measure(_original, offset);
        }

        return char.IsHighSurrogate(_original[offset]) && offset + 1 < _original.Length ? 2 : 1;
    }

    private readonly bool IsAlreadyStripped(int first, int last)
    {
        for (var i = first; i <= last && i < _count; i++)
        {
            if (_kinds[i] == LineKind.Agent && _starts[i] != _ends[i])
            {
                return false;
            }
        }

        return true;
    }

    // A signature element inside a quoted message (the customer's own) stays part of that message.
    private void MarkAgentLines(int first, int last, LineKind kind)
    {
        for (var i = first; i <= last && i < _count; i++)
        {
            if (_kinds[i] == LineKind.Agent)
            {
                _kinds[i] = kind;
            }
        }
    }

    private void Mark(int first, int last, LineKind kind)
    {
        for (var i = first; i <= last && i < _count; i++)
        {
            _kinds[i] = kind;
        }
    }

    private readonly bool IsForwardStart(int line)
    {
        var lines = Lines;
        line = NextNonBlank(line);
        if (line >= _count)
        {
            return false;
        }

        var text = lines[line];
        if (ThreadRules.IsForwardMarker(text))
        {
            return true;
        }

        if (ThreadRules.IsRule(text))
        {
            line = NextNonBlank(line + 1);
        }

        return ThreadRules.IsHeaderBlock(lines, line, out _, out var forwarded) && forwarded;
    }

    private readonly int EndOfQuotedBlock(int first)
    {
        var lines = Lines;
        var last = first;
        for (var i = first + 1; i < _count; i++)
        {
            var line = lines[i];
            if (ThreadRules.IsQuotedLine(line))
            {
                last = i;
            }
            else if (!line.IsEmpty)
            {
                break;
            }
        }

        return last;
    }

    private readonly int EndOfCandidate(int first)
    {
        var last = first;
        while (last + 1 < _count && (_flags[last + 1] & LineFlags.Candidate) != 0)
        {
            last++;
        }

        return last;
    }

    private readonly int NextNonBlank(int line)
    {
        while (line < _count && _starts[line] == _ends[line])
        {
            line++;
        }

        return line;
    }

    private readonly int PreviousNonBlank(int line)
    {
        while (line >= 0 && _starts[line] == _ends[line])
        {
            line--;
        }

        return line;
    }

    /// <summary>The line holding text offset <paramref name="offset"/>; the line count when past the end.</summary>
    private readonly int LineAt(int offset)
    {
        if (offset >= _text.Length)
        {
            return _count;
        }

        var index = _starts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }
}
