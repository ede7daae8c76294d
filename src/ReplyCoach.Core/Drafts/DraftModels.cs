namespace ReplyCoach.Core.Drafts;

/// <summary>How the content of a draft is encoded.</summary>
public enum DraftFormat
{
    /// <summary>Decide from the content: MIME headers mean <see cref="Eml"/>, markup means <see cref="Html"/>, else <see cref="Text"/>.</summary>
    Auto,
    /// <summary>Plain text.</summary>
    Text,
    /// <summary>An HTML body as Outlook produces it.</summary>
    Html,
    /// <summary>A whole RFC 822 message (.eml).</summary>
    Eml,
}

/// <summary>Whether the agent's own words could be analysed.</summary>
public enum DraftStatus
{
    /// <summary>English text the engine can analyse.</summary>
    Ok,
    /// <summary>Nothing written by the agent (empty, whitespace, or only quoted thread and signature).</summary>
    Empty,
    /// <summary>The agent's words are not in a supported language (English only for now).</summary>
    UnsupportedLanguage,
}

/// <summary>What kind of text was removed because the agent did not write it for this reply.</summary>
public enum StrippedKind
{
    /// <summary>An earlier message in the thread (the customer's words, usually).</summary>
    QuotedThread,
    /// <summary>A forwarded message.</summary>
    ForwardedMessage,
    /// <summary>The agent's signature or sign-off block.</summary>
    Signature,
    /// <summary>A legal or confidentiality disclaimer.</summary>
    Disclaimer,
}

/// <summary>A half-open range of characters.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;
}

/// <summary>A part of the draft that was removed before analysis.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its text, normalised the same way as the agent's words.</param>
/// <param name="Original">Where it lies in <see cref="NormalizedDraft.Original"/>.</param>
public sealed record StrippedPart(StrippedKind Kind, string Text, TextSpan Original)
{
    /// <summary>
    /// For a quoted or forwarded message, its body without the separator, attribution line or From/Sent/To/Subject
    /// block in front of it; null for signatures and disclaimers.
    /// </summary>
    public string? Message { get; init; }
}

/// <summary>One sentence of the agent's words.</summary>
/// <param name="Index">Position among the sentences, from 0.</param>
/// <param name="Start">Offset into <see cref="NormalizedDraft.Text"/>.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Text">The sentence itself (equal to the substring of the normalised text).</param>
public sealed record Sentence(int Index, int Start, int Length, string Text)
{
    /// <summary>Offset just past the sentence.</summary>
    public int End => Start + Length;
}
