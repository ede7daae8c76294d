using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching.CoolingOff;
using ReplyCoach.Core.Coaching.Facts;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Coaching;

/// <summary>Where a rewording came from.</summary>
public enum RewriteSource
{
    /// <summary>The built-in, rule-based rewriter.</summary>
    BuiltIn,
    /// <summary>A configured language model (verified the same way).</summary>
    LanguageModel,
}

/// <summary>
/// One text edit, with offsets both into the normalised text and into the original content, so a client can
/// apply it to either (the Outlook add-in applies <see cref="OriginalStart"/>/<see cref="OriginalLength"/>/<see cref="OriginalReplacement"/>
/// to the HTML body).
/// </summary>
/// <param name="Start">Offset into <see cref="NormalizedDraft.Text"/>.</param>
/// <param name="Length">Characters of the normalised text replaced (0 for an insertion).</param>
/// <param name="Replacement">The new plain text.</param>
/// <param name="OriginalStart">Offset into <see cref="NormalizedDraft.Original"/>.</param>
/// <param name="OriginalLength">Characters of the original replaced.</param>
/// <param name="OriginalReplacement">The new content for the original: HTML-encoded for an HTML body, with any markup of the replaced range kept.</param>
public sealed record TextEdit(int Start, int Length, string Replacement, int OriginalStart, int OriginalLength, string OriginalReplacement);

/// <summary>A verified rewording for one flagged span.</summary>
/// <param name="SentenceAfter">The whole sentence after the suggestion is applied (empty when the sentence is dropped).</param>
/// <param name="Rationale">Why this wording is better, in a few words ("states the fact without accusing").</param>
/// <param name="Edits">The edits that apply it, in text order.</param>
/// <param name="RiskBefore">The sentence's risk before.</param>
/// <param name="RiskAfter">The sentence's risk after, re-scored by the engine.</param>
/// <param name="Source">Which rewriter proposed it.</param>
public sealed record Suggestion(
    string SentenceAfter,
    string Rationale,
    IReadOnlyList<TextEdit> Edits,
    double RiskBefore,
    double RiskAfter,
    RewriteSource Source);

/// <summary>A flagged span with its suggestions.</summary>
/// <param name="Span">The evidence (offsets into the normalised text).</param>
/// <param name="Original">Where the span lies in the original content.</param>
/// <param name="Text">The flagged words.</param>
/// <param name="SentenceIndex">The sentence it belongs to.</param>
/// <param name="Suggestions">Verified suggestions, best first; empty when none could be verified.</param>
public sealed record SpanCoaching(Evidence Span, TextSpan Original, string Text, int SentenceIndex, IReadOnlyList<Suggestion> Suggestions);

/// <summary>How one flagged sentence was handled by the full rewrite.</summary>
/// <param name="SentenceIndex">Index of the sentence in the original draft.</param>
/// <param name="Before">The sentence as written.</param>
/// <param name="After">The sentence as rewritten (equal to <paramref name="Before"/> when it could not be fixed; empty when dropped).</param>
/// <param name="Rationale">Why it was reworded this way, or why not.</param>
/// <param name="RiskBefore">Its risk before.</param>
/// <param name="RiskAfter">Its risk after, re-scored.</param>
/// <param name="Source">Which rewriter produced <paramref name="After"/>.</param>
/// <param name="Fixed">Whether it fell below the caution threshold.</param>
public sealed record SentenceRewrite(
    int SentenceIndex,
    string Before,
    string After,
    string Rationale,
    double RiskBefore,
    double RiskAfter,
    RewriteSource Source,
    bool Fixed);

/// <summary>The full rewrite of a draft: flagged sentences reworded, everything else byte-for-byte as it was.</summary>
/// <param name="Content">The rewritten original content (HTML or plain text, same format as the input).</param>
/// <param name="Text">The rewritten agent's words (normalised).</param>
/// <param name="Edits">The edits that turn the original into <paramref name="Content"/>, in text order.</param>
/// <param name="Sentences">What happened to each flagged sentence.</param>
/// <param name="Opener">The acknowledgement added at the start, or null.</param>
/// <param name="Assessment">The engine's verdict on the rewrite (re-scored).</param>
public sealed record DraftRewrite(
    string Content,
    string Text,
    IReadOnlyList<TextEdit> Edits,
    IReadOnlyList<SentenceRewrite> Sentences,
    string? Opener,
    Assessment Assessment)
{
    /// <summary>Whether the rewrite changes anything.</summary>
    public bool Changed => Edits.Count > 0;
}

/// <summary>Everything the coaching layer says about a draft.</summary>
/// <param name="Assessment">The verdict on the draft as written.</param>
/// <param name="Spans">Every flagged span with its verified suggestions.</param>
/// <param name="Rewrite">The verified full rewrite (unchanged content when nothing could be improved).</param>
/// <param name="RemainingRisk">The risk of the rewrite.</param>
/// <param name="RemainingLevel">The level of the rewrite.</param>
/// <param name="Unfixed">Flagged spans whose sentence is still at or above the caution threshold after rewriting.</param>
/// <param name="IncomingUpset">Whether the customer's message reads as upset.</param>
/// <param name="CoolingOff">The cooling-off advice, when a cooling-off policy was given.</param>
/// <param name="Notes">Things the agent or an operator should know (a language model that timed out, a rewrite that was dropped). Never contains draft text.</param>
public sealed record CoachingResult(
    Assessment Assessment,
    IReadOnlyList<SpanCoaching> Spans,
    DraftRewrite Rewrite,
    double RemainingRisk,
    RiskLevel RemainingLevel,
    IReadOnlyList<Evidence> Unfixed,
    bool IncomingUpset,
    CoolingOffAdvice? CoolingOff,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether coaching stopped at its time budget before every selected sentence was coached (the result is the best so far).</summary>
    public bool Partial { get; init; }

    /// <summary>
    /// Flagged sentences that got neither suggestions nor a rewording: beyond <see cref="CoachingOptions.MaxCoachedSentences"/>
    /// (the riskiest are coached), or left when the budget ran out. Their spans are in <see cref="Spans"/> without
    /// suggestions and in <see cref="Unfixed"/>. Zero for any ordinary e-mail.
    /// </summary>
    public int UncoachedSentences { get; init; }

    /// <summary>Spans of coached sentences offered no suggestion because <see cref="CoachingOptions.MaxSuggestions"/> had been reached.</summary>
    public int SpansWithoutSuggestions { get; init; }
}

/// <summary>What a language model proposed for the coached sentences (<see cref="DraftCoach.ProposeAsync"/>), before verification.</summary>
/// <param name="Proposals">A rewording per sentence index, for the sentences it answered.</param>
/// <param name="Notes">Why sentences got none (late, failed, no answer); never draft text.</param>
public sealed record LanguageModelRewordings(IReadOnlyDictionary<int, string> Proposals, IReadOnlyList<string> Notes)
{
    /// <summary>No language model, nothing proposed.</summary>
    public static LanguageModelRewordings None { get; } = new(new Dictionary<int, string>(), []);
}

/// <summary>What the coach knows about the situation beyond the draft.</summary>
/// <param name="Incoming">The customer's message being answered; when null, the quoted message in the draft is used.</param>
/// <param name="IncomingReceivedAt">When the customer's message arrived.</param>
/// <param name="RecentFlaggedDrafts">How many of this agent's drafts were flagged recently (the caller decides the window).</param>
/// <param name="Recipient">The recipient's time zone and working hours, when known.</param>
public sealed record CoachingContext(
    string? Incoming = null,
    DateTimeOffset? IncomingReceivedAt = null,
    int RecentFlaggedDrafts = 0,
    RecipientSchedule? Recipient = null);

/// <summary>The verdict of the fact and meaning checks on one rewording.</summary>
/// <param name="MissingFacts">Facts of the original the rewording lost.</param>
/// <param name="KeepsMeaning">Whether every negation or refusal marker survived.</param>
public sealed record VerificationResult(IReadOnlyList<Fact> MissingFacts, bool KeepsMeaning)
{
    /// <summary>Whether the rewording may be offered (before the risk check).</summary>
    public bool Passed => MissingFacts.Count == 0 && KeepsMeaning;
}
