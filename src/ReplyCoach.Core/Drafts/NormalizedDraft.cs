namespace ReplyCoach.Core.Drafts;

/// <summary>
/// The agent's own words from a draft, ready for analysis: plain text with quoted thread, signature and
/// disclaimers removed, split into sentences, with a map from every character back to the original content.
/// </summary>
public sealed class NormalizedDraft
{
    private readonly int[] _originalOffsets;

    /// <summary>Creates a normalised draft.</summary>
    /// <param name="original">The content as given (the HTML source, the plain text, or the decoded body of an .eml).</param>
    /// <param name="format">The format the content was read as (never <see cref="DraftFormat.Auto"/>).</param>
    /// <param name="text">The agent's own words as plain text.</param>
    /// <param name="originalOffsets">For each character of <paramref name="text"/>, the offset in <paramref name="original"/> of the character it came from (same length as <paramref name="text"/>).</param>
    /// <param name="sentences">The sentences of <paramref name="text"/>, in order.</param>
    /// <param name="stripped">What was removed.</param>
    /// <param name="status">Whether the text can be analysed.</param>
    /// <param name="language">An ISO 639-1 code, or "und" when it could not be told.</param>
    public NormalizedDraft(
        string original,
        DraftFormat format,
        string text,
        int[] originalOffsets,
        IReadOnlyList<Sentence> sentences,
        IReadOnlyList<StrippedPart> stripped,
        DraftStatus status,
        string language)
        : this(original, format, text, originalOffsets, sentences, stripped, status, language, format == DraftFormat.Html ? DraftFormat.Html : DraftFormat.Text)
    {
    }

    /// <summary>Creates a normalised draft whose <see cref="Original"/> may be HTML even though the draft was an .eml.</summary>
    /// <param name="original">The content as given (the HTML source, the plain text, or the decoded body of an .eml).</param>
    /// <param name="format">The format the content was read as (never <see cref="DraftFormat.Auto"/>).</param>
    /// <param name="text">The agent's own words as plain text.</param>
    /// <param name="originalOffsets">For each character of <paramref name="text"/>, the offset in <paramref name="original"/> of the character it came from (same length as <paramref name="text"/>).</param>
    /// <param name="sentences">The sentences of <paramref name="text"/>, in order.</param>
    /// <param name="stripped">What was removed.</param>
    /// <param name="status">Whether the text can be analysed.</param>
    /// <param name="language">An ISO 639-1 code, or "und" when it could not be told.</param>
    /// <param name="bodyFormat">How <paramref name="original"/> is written: <see cref="DraftFormat.Html"/> or <see cref="DraftFormat.Text"/>.</param>
    public NormalizedDraft(
        string original,
        DraftFormat format,
        string text,
        int[] originalOffsets,
        IReadOnlyList<Sentence> sentences,
        IReadOnlyList<StrippedPart> stripped,
        DraftStatus status,
        string language,
        DraftFormat bodyFormat)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(originalOffsets);
        if (originalOffsets.Length != text.Length)
        {
            throw new ArgumentException("There must be one original offset per character of the text.", nameof(originalOffsets));
        }

        Original = original;
        Format = format;
        Text = text;
        _originalOffsets = originalOffsets;
        Sentences = sentences;
        Stripped = stripped;
        Status = status;
        Language = language;
        BodyFormat = bodyFormat == DraftFormat.Html ? DraftFormat.Html : DraftFormat.Text;
    }

    /// <summary>The content as given (for an .eml, the decoded body part that was used).</summary>
    public string Original { get; }

    /// <summary>
    /// For an HTML body, the deepest nesting of elements in the tree the extractor built (0 for plain text); callers
    /// that limit nesting check this rather than scanning the markup themselves.
    /// </summary>
    public int MarkupDepth { get; init; }

    /// <summary>The format the content was read as.</summary>
    public DraftFormat Format { get; }

    /// <summary>
    /// How <see cref="Original"/> is written: <see cref="DraftFormat.Html"/> or <see cref="DraftFormat.Text"/>
    /// (for an .eml, the format of the body part that was used).
    /// </summary>
    public DraftFormat BodyFormat { get; }

    /// <summary>The agent's own words, as plain text.</summary>
    public string Text { get; }

    /// <summary>The sentences of <see cref="Text"/>.</summary>
    public IReadOnlyList<Sentence> Sentences { get; }

    /// <summary>The parts removed before analysis, in document order.</summary>
    public IReadOnlyList<StrippedPart> Stripped { get; }

    /// <summary>Whether the agent's words can be analysed.</summary>
    public DraftStatus Status { get; }

    /// <summary>ISO 639-1 code of the language of <see cref="Text"/>, or "und".</summary>
    public string Language { get; }

    /// <summary>The text of the first quoted message (usually the customer's), or null when there is none.</summary>
    /// <remarks>Without the reply header or attribution line in front of it, when one was recognised.</remarks>
    public string? QuotedMessage =>
        Stripped.FirstOrDefault(p => p.Kind is StrippedKind.QuotedThread or StrippedKind.ForwardedMessage) is { } part
            ? string.IsNullOrWhiteSpace(part.Message) ? part.Text : part.Message
            : null;

    /// <summary>
    /// Maps a range of <see cref="Text"/> to the range of <see cref="Original"/> it came from: from the original
    /// position of its first character to just past the original position of its last one.
    /// </summary>
    public TextSpan MapToOriginal(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "The range lies outside the normalised text.");
        }

        if (length == 0)
        {
            var at = start < _originalOffsets.Length ? _originalOffsets[start] : Original.Length;
            return new TextSpan(at, 0);
        }

        var first = _originalOffsets[start];
        var last = _originalOffsets[start + length - 1];
        var end = Math.Max(first, last + OriginalCharWidth(last));
        return new TextSpan(first, end - first);
    }

    // An HTML character reference such as "&amp;" is one character of text but several of the original; a literal
    // '&' (as in "A & B") is one. Measured with the same rules the normaliser decoded it with.
    private int OriginalCharWidth(int originalOffset)
    {
        if ((uint)originalOffset >= (uint)Original.Length)
        {
            return 0;
        }

        if (BodyFormat == DraftFormat.Html && Original[originalOffset] == '&')
        {
            return HtmlCharacterReference.Measure(Original, originalOffset);
        }

        return char.IsHighSurrogate(Original[originalOffset]) && originalOffset + 1 < Original.Length ? 2 : 1;
    }
}

/// <summary>Turns a draft into the agent's own words.</summary>
public interface IDraftNormalizer
{
    /// <summary>Normalises content given as a string.</summary>
    NormalizedDraft Normalize(string content, DraftFormat format = DraftFormat.Auto);

    /// <summary>Normalises an .eml message read from a stream (charsets decoded).</summary>
    NormalizedDraft NormalizeEml(Stream message, CancellationToken cancellationToken = default);
}
