using System.Text;
using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Coaching.Fakes;

/// <summary>
/// A small hand-written normaliser for coaching tests, so they do not depend on the real one's exact choices:
/// plain text maps one to one; HTML loses its tags and decodes a few entities; a line "-- " starts the signature
/// and a line "On ... wrote:" or a &lt;blockquote&gt; starts the quoted thread.
/// </summary>
internal sealed partial class TestNormalizer : IDraftNormalizer
{
    public static TestNormalizer Instance { get; } = new();

    public NormalizedDraft Normalize(string content, DraftFormat format = DraftFormat.Auto)
    {
        if (format == DraftFormat.Auto)
        {
            format = content.Contains("<p", StringComparison.OrdinalIgnoreCase) || content.Contains("<div", StringComparison.OrdinalIgnoreCase) ? DraftFormat.Html : DraftFormat.Text;
        }

        return format == DraftFormat.Html ? Html(content) : Text(content);
    }

    public NormalizedDraft NormalizeEml(Stream message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private static NormalizedDraft Text(string content)
    {
        var stripped = new List<StrippedPart>();
        var end = content.Length;
        foreach (Match m in ThreadStart().Matches(content))
        {
            if (m.Index < end)
            {
                end = m.Index;
            }
        }

        var cuts = ThreadStart().Matches(content).Select(m => m.Index).Append(content.Length).Order().ToArray();
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            var part = content[cuts[i]..cuts[i + 1]];
            var kind = part.StartsWith("-- ", StringComparison.Ordinal) ? StrippedKind.Signature : StrippedKind.QuotedThread;
            stripped.Add(new StrippedPart(kind, part.Trim(), new TextSpan(cuts[i], cuts[i + 1] - cuts[i])));
        }

        var textEnd = end;
        while (textEnd > 0 && char.IsWhiteSpace(content[textEnd - 1]))
        {
            textEnd--;
        }

        var text = content[..textEnd];
        return new NormalizedDraft(content, DraftFormat.Text, text, [.. Enumerable.Range(0, text.Length)], Split(text), stripped, Status(text), "en");
    }

    private static NormalizedDraft Html(string content)
    {
        var quoteAt = content.IndexOf("<blockquote", StringComparison.OrdinalIgnoreCase);
        var signatureAt = content.IndexOf("<div class=\"signature\"", StringComparison.OrdinalIgnoreCase);
        var agentEnd = new[] { quoteAt, signatureAt, content.Length }.Where(i => i >= 0).Min();
        var text = new StringBuilder();
        var offsets = new List<int>();
        var i = 0;
        while (i < agentEnd)
        {
            if (content[i] == '<')
            {
                var close = content.IndexOf('>', i);
                var tag = content[i..(close + 1)].ToLowerInvariant();
                if ((tag.StartsWith("</p", StringComparison.Ordinal) || tag.StartsWith("<br", StringComparison.Ordinal)) && text.Length > 0 && text[^1] != '\n')
                {
                    text.Append('\n');
                    offsets.Add(i);
                }

                i = close + 1;
                continue;
            }

            if (content[i] == '&')
            {
                var semi = content.IndexOf(';', i);
                var entity = content[i..(semi + 1)];
                text.Append(entity switch { "&amp;" => '&', "&lt;" => '<', "&gt;" => '>', "&nbsp;" => ' ', "&#39;" => '\'', "&quot;" => '"', _ => '?' });
                offsets.Add(i);
                i = semi + 1;
                continue;
            }

            text.Append(content[i]);
            offsets.Add(i);
            i++;
        }

        while (text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            text.Length--;
            offsets.RemoveAt(offsets.Count - 1);
        }

        var stripped = new List<StrippedPart>();
        if (signatureAt >= 0)
        {
            var signatureEnd = quoteAt > signatureAt ? quoteAt : content.Length;
            stripped.Add(new StrippedPart(StrippedKind.Signature, "signature", new TextSpan(signatureAt, signatureEnd - signatureAt)));
        }

        if (quoteAt >= 0)
        {
            var quoted = TagPattern().Replace(content[quoteAt..], " ").Trim();
            stripped.Add(new StrippedPart(StrippedKind.QuotedThread, quoted, new TextSpan(quoteAt, content.Length - quoteAt)));
        }

        var plain = text.ToString();
        return new NormalizedDraft(content, DraftFormat.Html, plain, [.. offsets], Split(plain), stripped, Status(plain), "en");
    }

    private static List<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        foreach (Match m in SentencePattern().Matches(text))
        {
            var start = m.Index;
            var length = m.Length;
            while (length > 0 && char.IsWhiteSpace(text[start + length - 1]))
            {
                length--;
            }

            if (length > 0)
            {
                sentences.Add(new Sentence(sentences.Count, start, length, text.Substring(start, length)));
            }
        }

        return sentences;
    }

    private static DraftStatus Status(string text) => string.IsNullOrWhiteSpace(text) ? DraftStatus.Empty : DraftStatus.Ok;

    [GeneratedRegex(@"(?m)^(?:-- $|On .+ wrote:$)")]
    private static partial Regex ThreadStart();

    [GeneratedRegex(@"\S[^\n]*?(?:[.!?]+(?=\s|$)|(?=\n)|$)")]
    private static partial Regex SentencePattern();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex TagPattern();
}

/// <summary>Engines for coaching tests.</summary>
internal static class TestEngine
{
    public static DraftAnalyzer Analyzer(ISentenceDetector? detector = null, IDraftNormalizer? normalizer = null) =>
        new(normalizer ?? TestNormalizer.Instance, detector ?? PhraseDetector.Default, model: null, new AnalysisOptions());
}
