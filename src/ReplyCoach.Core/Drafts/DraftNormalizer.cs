using System.Text;
using MimeKit;

namespace ReplyCoach.Core.Drafts;

/// <summary>
/// Turns a draft (plain text, an Outlook HTML body or a whole .eml) into the agent's own words: visible text with
/// every character mapped back to the content it came from, the quoted thread, forwarded messages, signature and
/// disclaimers removed (and kept aside), split into sentences, with a language check.
/// Stateless and safe to share between threads. It never throws on content: a draft it cannot make sense of
/// comes back as <see cref="DraftStatus.Empty"/>, so the add-in fails open.
/// </summary>
public sealed class DraftNormalizer : IDraftNormalizer
{
    private static long s_fallbacks;

    static DraftNormalizer()
    {
        // .NET ships only the Unicode and Latin-1 encodings by default. Without the code-page provider MimeKit reads
        // windows-1252 (what Outlook on Windows still sends) as Latin-1 and loses ’ – € and friends.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>How many drafts needed the last-resort path because the normal one failed (for tests and diagnostics).</summary>
    internal static long FallbackCount => Interlocked.Read(ref s_fallbacks);

    /// <summary>Called with the exception whenever the last-resort path is taken (tests use it to surface bugs).</summary>
    internal static Action<Exception>? FallbackObserver { get; set; }

    /// <inheritdoc />
    public NormalizedDraft Normalize(string content, DraftFormat format = DraftFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (format == DraftFormat.Auto)
        {
            format = DraftFormatDetector.Detect(content);
        }

        if (format == DraftFormat.Eml)
        {
            return NormalizeEmlText(content);
        }

        return NormalizeBody(content, format, format);
    }

    /// <inheritdoc />
    public NormalizedDraft NormalizeEml(Stream message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        MimeMessage parsed;
        try
        {
            parsed = MimeMessage.Load(message, cancellationToken);
        }
        catch (Exception exception) when (exception is FormatException or ParseException or DecoderFallbackException)
        {
            return EmptyDraft(string.Empty, DraftFormat.Eml, DraftFormat.Text);
        }

        return NormalizeMessage(parsed);
    }

    private NormalizedDraft NormalizeEmlText(string content)
    {
        MimeMessage parsed;
        try
        {
            // The caller already decoded the file; MIME parts are 7-bit or UTF-8 in practice, so UTF-8 round-trips.
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content), writable: false);
            parsed = MimeMessage.Load(stream);
        }
        catch (Exception exception) when (exception is FormatException or ParseException or DecoderFallbackException)
        {
            return NormalizeBody(content, DraftFormat.Text, DraftFormat.Text);
        }

        return NormalizeMessage(parsed);
    }

    private NormalizedDraft NormalizeMessage(MimeMessage message)
    {
        string? html;
        string? text;
        try
        {
            // HtmlBody/TextBody pick the right part of multipart/alternative and decode its charset and transfer encoding.
            html = message.HtmlBody;
            text = message.TextBody;
        }
        catch (Exception exception) when (exception is FormatException or ParseException or DecoderFallbackException or NotSupportedException)
        {
            return EmptyDraft(string.Empty, DraftFormat.Eml, DraftFormat.Text);
        }

        if (!string.IsNullOrWhiteSpace(html))
        {
            return NormalizeBody(html, DraftFormat.Eml, DraftFormat.Html);
        }

        return text is not null
            ? NormalizeBody(text, DraftFormat.Eml, DraftFormat.Text)
            : EmptyDraft(string.Empty, DraftFormat.Eml, DraftFormat.Text);
    }

    private static NormalizedDraft NormalizeBody(string body, DraftFormat format, DraftFormat bodyFormat)
    {
        try
        {
            return Run(body, format, bodyFormat);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // Never lose a draft to a bug in here: fall back to reading it as plain text, then to nothing.
            Interlocked.Increment(ref s_fallbacks);
            FallbackObserver?.Invoke(exception);
            try
            {
                return Run(body, format, DraftFormat.Text);
            }
            catch (Exception inner) when (inner is not (OutOfMemoryException or OperationCanceledException))
            {
                return EmptyDraft(body, format, bodyFormat);
            }
        }
    }

    private static NormalizedDraft Run(string body, DraftFormat format, DraftFormat bodyFormat)
    {
        var isHtml = bodyFormat == DraftFormat.Html;
        StripResult result;
        var markupDepth = 0;
        using (var extracted = new TextBuilder(body.Length + 16))
        {
            var regions = new List<StructuralRegion>();
            if (isHtml)
            {
                markupDepth = HtmlTextExtractor.Extract(body, extracted, regions);
            }
            else
            {
                ExtractPlainText(body, extracted);
            }

            result = ThreadStripper.Strip(extracted, regions, body, isHtml);
        }

        var sentences = SentenceSplitter.Split(result.Text);
        DraftStatus status;
        string language;
        if (sentences.Count == 0)
        {
            status = DraftStatus.Empty;
            language = "und";
        }
        else
        {
            var (guess, supported) = LanguageGuess.Guess(result.Text);
            status = supported ? DraftStatus.Ok : DraftStatus.UnsupportedLanguage;
            language = guess;
        }

        return new NormalizedDraft(body, format, result.Text, result.Map, sentences, result.Stripped, status, language, bodyFormat)
        {
            MarkupDepth = markupDepth,
        };
    }

    /// <summary>Plain text: line endings folded to '\n', whitespace collapsed within lines, invisible characters dropped.</summary>
    private static void ExtractPlainText(string text, TextBuilder output)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var run = text.AsSpan(i).IndexOfAnyExcept(TextBuilder.PlainRunCharacters);
            run = run < 0 ? text.Length - i : run;
            if (run >= 4)
            {
                output.AppendPlainRun(text.AsSpan(i, run), i);
                i += run - 1;
                continue;
            }

            var c = text[i];
            if (c == '\r')
            {
                output.AppendLineBreak(i);
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                continue;
            }

            output.AppendText(c, i, keepLineBreaks: true);
        }

        output.TrimTrailingSpace();
    }

    private static NormalizedDraft EmptyDraft(string original, DraftFormat format, DraftFormat bodyFormat) =>
        new(original, format, string.Empty, [], [], [], DraftStatus.Empty, "und", bodyFormat);
}
