namespace ReplyCoach.Core.Drafts;

/// <summary>
/// Decides how to read content given as <see cref="DraftFormat.Auto"/>. This only sniffs: MIME headers at the
/// top mean an .eml, a known HTML tag anywhere means HTML; the real parsing happens in the tokenizer and MimeKit.
/// </summary>
internal static class DraftFormatDetector
{
    private const int MaxHeaderLines = 300;

    private static readonly string[] TagNames =
    [
        "html", "head", "body", "div", "p", "br", "span", "table", "tr", "td", "th", "tbody", "ul", "ol", "li", "b", "i",
        "u", "a", "font", "strong", "em", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "meta", "style",
        "pre", "center", "o:p", "section", "article", "title", "sup", "sub", "small",
    ];

    public static DraftFormat Detect(string content)
    {
        var span = content.AsSpan().TrimStart();
        if (LooksLikeMessage(span))
        {
            return DraftFormat.Eml;
        }

        return LooksLikeHtml(span) ? DraftFormat.Html : DraftFormat.Text;
    }

    /// <summary>
    /// RFC 5322 header lines up to an empty line, including at least one header only a real message has
    /// (MIME-Version, Content-Type, Message-ID, Received...). A pasted "From:/Sent:/To:/Subject:" block is not one.
    /// </summary>
    private static bool LooksLikeMessage(ReadOnlySpan<char> span)
    {
        var headers = 0;
        var mimeHeaders = 0;
        var lines = 0;
        while (!span.IsEmpty && lines++ < MaxHeaderLines)
        {
            var newline = span.IndexOf('\n');
            var line = newline < 0 ? span : span[..newline];
            span = newline < 0 ? [] : span[(newline + 1)..];
            line = line.TrimEnd('\r');
            if (line.IsEmpty)
            {
                return headers >= 2 && mimeHeaders >= 1;
            }

            if (line[0] is ' ' or '\t')
            {
                if (headers == 0)
                {
                    return false;
                }

                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsFieldName(line[..colon]))
            {
                return false;
            }

            headers++;
            var name = line[..colon];
            if (name.Equals("MIME-Version", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Message-ID", StringComparison.OrdinalIgnoreCase) || name.Equals("Received", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Return-Path", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
            {
                mimeHeaders++;
            }
        }

        return headers >= 2 && mimeHeaders >= 1;
    }

    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<char> span)
    {
        if (span.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || span.StartsWith("<!--", StringComparison.Ordinal))
        {
            return true;
        }

        var at = span.IndexOf('<');
        while (at >= 0)
        {
            var rest = span[(at + 1)..];
            if (!rest.IsEmpty && rest[0] == '/')
            {
                rest = rest[1..];
            }

            foreach (var tag in TagNames)
            {
                if (rest.Length > tag.Length && rest.StartsWith(tag, StringComparison.OrdinalIgnoreCase)
                    && rest[tag.Length] is '>' or ' ' or '/' or '\t' or '\r' or '\n')
                {
                    return true;
                }
            }

            var next = rest.IndexOf('<');
            if (next < 0)
            {
                return false;
            }

            span = rest[next..];
            at = 0;
        }

        return false;
    }
}
