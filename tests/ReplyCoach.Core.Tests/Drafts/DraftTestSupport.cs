using System.Text;
using AngleSharp.Html.Parser;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Drafts;

/// <summary>Finds the repository's samples/ folder by walking up to ReplyCoach.sln.</summary>
internal static class Samples
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(string name) => Path.Combine(Root.Value, "samples", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReplyCoach.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ReplyCoach.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// Normalises through the public API and fails the test if the normaliser had to fall back to its last-resort
/// path: that path exists so production never throws, but here it would hide a bug.
/// </summary>
internal abstract class NormalizerTestBase
{
    private static readonly HtmlParser ReferenceParser = new();

    protected DraftNormalizer Normalizer { get; } = new();

    protected NormalizedDraft Normalize(string content, DraftFormat format = DraftFormat.Auto)
    {
        var before = DraftNormalizer.FallbackCount;
        Exception? failure = null;
        DraftNormalizer.FallbackObserver = exception => failure = exception;
        try
        {
            var draft = Normalizer.Normalize(content, format);
            Assert.That(failure, Is.Null, () => "The normaliser fell back: " + failure);
            Assert.That(DraftNormalizer.FallbackCount, Is.EqualTo(before), "The normaliser fell back to its last-resort path.");
            AssertInvariants(draft);
            return draft;
        }
        finally
        {
            DraftNormalizer.FallbackObserver = null;
        }
    }

    protected NormalizedDraft NormalizeEml(byte[] message)
    {
        using var stream = new MemoryStream(message);
        var draft = Normalizer.NormalizeEml(stream);
        AssertInvariants(draft);
        return draft;
    }

    /// <summary>What every draft must satisfy whatever the input.</summary>
    protected static void AssertInvariants(NormalizedDraft draft)
    {
        var previousEnd = 0;
        foreach (var sentence in draft.Sentences)
        {
            Assert.That(sentence.Start, Is.GreaterThanOrEqualTo(previousEnd), "Sentences must be in order and not overlap.");
            Assert.That(sentence.Text, Is.EqualTo(draft.Text.Substring(sentence.Start, sentence.Length)));
            Assert.That(sentence.Text, Is.EqualTo(sentence.Text.Trim()), "Sentences are trimmed.");
            Assert.That(sentence.Length, Is.GreaterThan(0));
            previousEnd = sentence.End;
        }

        for (var i = 0; i < draft.Sentences.Count; i++)
        {
            Assert.That(draft.Sentences[i].Index, Is.EqualTo(i));
        }

        foreach (var part in draft.Stripped)
        {
            Assert.That(part.Original.Start, Is.GreaterThanOrEqualTo(0));
            Assert.That(part.Original.End, Is.LessThanOrEqualTo(draft.Original.Length));
        }

        if (draft.Text.Length > 0)
        {
            var whole = draft.MapToOriginal(0, draft.Text.Length);
            Assert.That(whole.End, Is.LessThanOrEqualTo(draft.Original.Length));
        }
    }

    /// <summary>Every sentence, mapped back, covers the same words in the original.</summary>
    protected static void AssertSentencesRoundTrip(NormalizedDraft draft)
    {
        foreach (var sentence in draft.Sentences)
        {
            AssertRoundTrip(draft, sentence.Start, sentence.Length);
        }
    }

    /// <summary>Every word of every sentence, mapped back on its own, is that word in the original.</summary>
    protected static void AssertWordsRoundTrip(NormalizedDraft draft)
    {
        var text = draft.Text;
        foreach (var sentence in draft.Sentences)
        {
            var i = sentence.Start;
            while (i < sentence.End)
            {
                while (i < sentence.End && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                var start = i;
                while (i < sentence.End && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i > start)
                {
                    AssertRoundTrip(draft, start, i - start);
                }
            }
        }
    }

    protected static void AssertRoundTrip(NormalizedDraft draft, int start, int length)
    {
        var expected = Collapse(draft.Text.Substring(start, length));
        var span = draft.MapToOriginal(start, length);
        var slice = draft.Original.Substring(span.Start, span.Length);
        if (draft.BodyFormat == DraftFormat.Html)
        {
            // TextContent puts no whitespace at block boundaries (<br>, </p>), so compare the visible characters.
            Assert.That(WithoutWhitespace(VisibleText(slice)), Is.EqualTo(WithoutWhitespace(expected)), () => $"Original slice [{span.Start}, {span.End}) was \"{slice}\"");
        }
        else
        {
            Assert.That(Collapse(slice), Is.EqualTo(expected), () => $"Original slice [{span.Start}, {span.End}) was \"{slice}\"");
        }
    }

    /// <summary>The text a browser would show for an HTML fragment (a reference independent of the normaliser).</summary>
    protected static string VisibleText(string html) =>
        ReferenceParser.ParseDocument("<!DOCTYPE html><body>" + html).Body?.TextContent ?? string.Empty;

    protected static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Whitespace (including no-break spaces and line breaks) folded to single spaces.</summary>
    protected static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
