using System.Text;
using System.Text.RegularExpressions;

namespace ReplyCoach.Ml.Pipeline;

/// <summary>
/// The one text clean-up applied before featurisation, both to training rows and to sentences at inference, so
/// that the model never sees a form of text at run time that it was not trained on.
/// </summary>
internal static partial class ToneText
{
    /// <summary>Cleans a text: typographic quotes to plain ones, placeholders and links removed, spacing tidied.</summary>
    public static string Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '\u2032' or '`' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u2033' => '"',
                '\u2013' or '\u2014' => '-',
                '\u00A0' or '\t' or '\r' or '\n' => ' ',
                _ => c,
            });
        }

        var s = sb.ToString();

        // Tweets carry "@user" and link placeholders on most rows; they say nothing about tone but would teach the
        // model that "looks like a tweet" means "more likely hostile".
        s = Placeholders().Replace(s, " ");
        s = s.Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal);

        // ParaDetox is tokenised ("you idiot ."); drafts are not. Joining punctuation back makes both look alike.
        s = SpaceBeforePunctuation().Replace(s, "$1");
        s = Spaces().Replace(s, " ");
        return s.Trim();
    }

    [GeneratedRegex(@"@user\b|@USER\b|<url>|\bURL\b|https?://\S+|www\.\S+|\[\[|\]\]|={2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"\s+([.,!?;:)](?:\s|$))", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
