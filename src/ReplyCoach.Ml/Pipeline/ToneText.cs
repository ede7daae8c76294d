using System.Text;
using System.Text.RegularExpressions;

namespace ReplyCoach.Ml.Pipeline;

/// <summary>
/// The one text clean-up applied before featurisation, both to training rows and to sentences at inference, so
/// that the model never sees a form of text at run time that it was not trained on.
/// </summary>
public static partial class ToneText
{
    /// <summary>
    /// Cleans and normalises a text: typographic quotes to plain ones, placeholders and links removed, lower case,
    /// no diacritics, no digits (order numbers and amounts say nothing about tone), spacing tidied.
    /// </summary>
    /// <remarks>
    /// The normalisation is done here rather than by ML.NET's NormalizeText: the word and the character branches of
    /// the pipeline both read the normalised text, and ML.NET recomputes a column for every consumer, so a
    /// NormalizeText step ran twice per sentence.
    /// </remarks>
    public static string Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            // Combining marks go; so do digits (order numbers and amounts say nothing about tone).
            if (char.IsAsciiDigit(raw) || raw is >= '\u0300' and <= '\u036F')
            {
                continue;
            }

            var c = FoldDiacritic(raw);

            sb.Append(c switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '\u2032' or '`' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u2033' => '"',
                '\u2013' or '\u2014' => '-',
                '\u00A0' or '\t' or '\r' or '\n' => ' ',
                _ => char.ToLowerInvariant(c),
            });
        }

        var s = sb.ToString();

        // Tweets carry "@user" and link placeholders on most rows; they say nothing about tone but would teach the
        // model that "looks like a tweet" means "more likely hostile". (Each regex runs only when its trigger is
        // present: a draft sentence rarely has any, and this runs for every sentence the engine scores.)
        if (s.AsSpan().IndexOfAny(PlaceholderTriggers) >= 0 || s.Contains("url", StringComparison.Ordinal) || s.Contains("http", StringComparison.Ordinal) || s.Contains("www.", StringComparison.Ordinal))
        {
            s = Placeholders().Replace(s, " ");
        }

        if (s.Contains('&', StringComparison.Ordinal))
        {
            s = s.Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }

        // ParaDetox is tokenised ("you idiot ."); drafts are not. Joining punctuation back makes both look alike.
        if (HasSpaceBeforePunctuation(s))
        {
            s = SpaceBeforePunctuation().Replace(s, "$1");
        }

        if (s.Contains("  ", StringComparison.Ordinal))
        {
            s = Spaces().Replace(s, " ");
        }

        return s.Trim();
    }

    private static readonly System.Buffers.SearchValues<char> PlaceholderTriggers = System.Buffers.SearchValues.Create("@<[]=");

    private static bool HasSpaceBeforePunctuation(string s)
    {
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i - 1] == ' ' && s[i] is '.' or ',' or '!' or '?' or ';' or ':' or ')')
            {
                return true;
            }
        }

        return false;
    }

    // "café" -> "cafe" for the Latin-1 and Latin Extended-A letters. A table, not string.Normalize: the build runs
    // with InvariantGlobalization, where Unicode normalisation of non-ASCII text is not available.
    private const string Latin1Folds = "AAAAAAACEEEEIIIIDNOOOOO\u00D7OUUUUY\u00DE\u00DFaaaaaaaceeeeiiiidnooooo\u00F7ouuuuy\u00FEy";
    private const string LatinExtendedAFolds =
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

    private static char FoldDiacritic(char c) => c switch
    {
        >= '\u00C0' and <= '\u00FF' => Latin1Folds[c - '\u00C0'],
        >= '\u0100' and <= '\u017F' => LatinExtendedAFolds[c - '\u0100'],
        _ => c,
    };

    // Applied after lower-casing, so the placeholders are matched in lower case.
    [GeneratedRegex(@"@user\b|<url>|\burl\b|https?://\S+|www\.\S+|\[\[|\]\]|={2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"\s+([.,!?;:)](?:\s|$))", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
