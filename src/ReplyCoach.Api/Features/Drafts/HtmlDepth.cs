namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// A cheap scan of element nesting, run before the HTML parser sees a draft: markup nested thousands deep is an
/// attack or a broken client, and would cost deep recursion downstream. Elements whose end tag is optional
/// (p, li, td...) are not counted, so sloppy but ordinary HTML passes.
/// </summary>
internal static class HtmlDepth
{
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "td", "th", "tr", "option", "dt", "dd", "o:p", "!doctype",
    };

    public static bool Exceeds(string html, int maxDepth)
    {
        var depth = 0;
        var i = html.IndexOf('<');
        while (i >= 0 && i < html.Length - 1)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                i = html.IndexOf('<', end + 3);
                continue;
            }

            var next = html[i + 1];
            var close = html.IndexOf('>', i + 1);
            if (close < 0)
            {
                break;
            }

            if (next == '/')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (char.IsLetter(next) && html[close - 1] != '/')
            {
                var nameEnd = i + 1;
                while (nameEnd < close && !char.IsWhiteSpace(html[nameEnd]) && html[nameEnd] != '/')
                {
                    nameEnd++;
                }

                if (!NotNesting.Contains(html[(i + 1)..nameEnd]) && ++depth > maxDepth)
                {
                    return true;
                }
            }

            i = html.IndexOf('<', close + 1);
        }

        return false;
    }
}
