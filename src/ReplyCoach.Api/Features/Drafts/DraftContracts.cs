using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>A draft to check.</summary>
/// <param name="Draft">The reply as the agent wrote it: plain text or the HTML body from Outlook.</param>
/// <param name="Format">"auto" (default), "text" or "html".</param>
/// <param name="Incoming">The customer's message being answered, when the add-in has it.</param>
/// <param name="ConversationId">The Outlook conversation id, for context across a thread.</param>
/// <param name="ItemId">
/// The draft's Graph (REST) id when it has been saved (Office.js <c>item.getItemIdAsync</c> converted with
/// <c>convertToRestId</c>). With Graph configured, the on-send check reads the draft's conversation through it when
/// <paramref name="ConversationId"/> is missing.
/// </param>
public sealed record DraftRequest(string? Draft, string? Format = null, string? Incoming = null, string? ConversationId = null, string? ItemId = null);

/// <summary>The assessment of a draft with everything the task pane shows.</summary>
public sealed record AssessResponse(
    string Status,
    string Language,
    string Format,
    double Risk,
    string Level,
    IReadOnlyDictionary<string, double> Categories,
    IReadOnlyList<SpanDto> Spans,
    string Text,
    IReadOnlyList<SuggestionDto> Suggestions,
    RewriteDto? Rewrite,
    CoolingOffDto? CoolingOff,
    ThresholdsDto Thresholds,
    bool Partial,
    OmittedDto Omitted);

/// <summary>
/// What an answer left out to keep the work per draft bounded; all zero for any real e-mail. <c>partial</c> next to it
/// says that the time budget ran out (the answer is the best one so far).
/// </summary>
/// <param name="Spans">Flagged spans beyond the strongest 50 of each category (not listed in <c>spans</c>).</param>
/// <param name="UnscoredSentences">Sentences at the end of the draft that were not scored before the budget ran out.</param>
/// <param name="UncoachedSentences">Flagged sentences with no suggestion and no rewording: beyond the 25 riskiest, or left when the budget ran out.</param>
/// <param name="SpansWithoutSuggestions">Spans of coached sentences offered no suggestion because 50 suggestions had been offered.</param>
public sealed record OmittedDto(int Spans, int UnscoredSentences, int UncoachedSentences, int SpansWithoutSuggestions)
{
    /// <summary>Nothing left out.</summary>
    public static OmittedDto None { get; } = new(0, 0, 0, 0);
}

/// <summary>Flagged words: offsets into the agent's words (<c>text</c>) and into the draft as sent (<c>original*</c>).</summary>
public sealed record SpanDto(
    int Start, int Length, string Text, int OriginalStart, int OriginalLength, string Category, string Reason, double Strength);

/// <summary>
/// One text edit: offsets into the agent's words (<c>start</c>, <c>length</c>, <c>replacement</c>) and into the
/// draft as sent (<c>original*</c>; for HTML, <c>originalReplacement</c> is HTML-encoded and keeps the markup of
/// the replaced range). The add-in applies the <c>original*</c> fields to the body.
/// </summary>
public sealed record EditDto(int Start, int Length, string Replacement, int OriginalStart, int OriginalLength, string OriginalReplacement);

/// <summary>A verified rewording for one flagged span: re-scored lower, every fact and refusal kept.</summary>
/// <param name="Id">Stable within one answer ("s1", "s2"...).</param>
/// <param name="SpanIndex">Index of the flagged span in <c>spans</c>.</param>
/// <param name="Flagged">The flagged words.</param>
/// <param name="SentenceAfter">The sentence after the rewording (empty when the sentence is dropped).</param>
/// <param name="Rationale">Why this wording is better.</param>
/// <param name="Edits">The edits that apply it, in text order.</param>
/// <param name="Source">"built_in" or "language_model".</param>
public sealed record SuggestionDto(
    string Id,
    int SpanIndex,
    string Category,
    string Reason,
    string Flagged,
    string SentenceAfter,
    string Rationale,
    IReadOnlyList<EditDto> Edits,
    double RiskBefore,
    double RiskAfter,
    string Source);

/// <summary>One flagged sentence in the full rewrite.</summary>
public sealed record SentenceRewriteDto(int SentenceIndex, string Before, string After, string Rationale, double RiskBefore, double RiskAfter, bool Fixed);

/// <summary>The verified full rewrite: flagged sentences reworded, everything else exactly as it was.</summary>
/// <param name="Text">The rewritten agent's words.</param>
/// <param name="Edits">The edits that turn the draft as sent into the rewrite.</param>
/// <param name="RiskBefore">The draft's risk.</param>
/// <param name="RiskAfter">The rewrite's risk, re-scored by the engine.</param>
/// <param name="LevelAfter">The rewrite's level.</param>
/// <param name="Changed">Whether the rewrite changes anything.</param>
/// <param name="Sentences">What happened to each flagged sentence.</param>
public sealed record RewriteDto(
    string Text,
    IReadOnlyList<EditDto> Edits,
    double RiskBefore,
    double RiskAfter,
    string LevelAfter,
    bool Changed,
    IReadOnlyList<SentenceRewriteDto> Sentences);

/// <summary>Advice to wait before sending.</summary>
/// <param name="Minutes">How long to wait.</param>
/// <param name="SendAt">When to send (moved into the recipient's working hours when they are known).</param>
/// <param name="Advice">The reasons as one paragraph.</param>
/// <param name="Reasons">Why, one sentence each.</param>
public sealed record CoolingOffDto(int Minutes, DateTimeOffset SendAt, string Advice, IReadOnlyList<string> Reasons);

/// <summary>The thresholds in force, so the task pane can draw them.</summary>
public sealed record ThresholdsDto(double Caution, double Hold);

/// <summary>The result of <c>POST /api/v1/rewrite</c>.</summary>
public sealed record RewriteResponse(
    string Status, string Level, double Risk, RewriteDto? Rewrite, IReadOnlyList<SuggestionDto> Suggestions, bool Partial, OmittedDto Omitted);

/// <summary>The on-send decision for the Smart Alert.</summary>
/// <param name="Action">"allow" or "prompt".</param>
/// <param name="Reason">
/// Why: "ok", "caution", "hold", "empty", "unsupported_language"; or, letting the mail go unchecked, "timeout" (the
/// budget ran out), "busy" (no place in the on-send lane within the budget) or "error".
/// </param>
/// <param name="Message">Plain text for <c>errorMessage</c>, at most 500 characters.</param>
/// <param name="MessageMarkdown">The same for <c>errorMessageMarkdown</c>, at most 500 characters.</param>
/// <param name="SuggestedDelayMinutes">How long to wait before sending, when prompting.</param>
/// <param name="TaskPaneUrl">The task pane, for "Review in ReplyCoach".</param>
/// <param name="Level">The draft's level ("ok" when it was not scored).</param>
/// <param name="Risk">The draft's risk (0 when it was not scored).</param>
/// <param name="SuggestedSendAt">When prompting: when to send (now plus the delay, moved into the recipient's working hours when known).</param>
/// <param name="Context">
/// The thread context read from Microsoft Graph for this check: "complete", "partial", "timed_out" or "unavailable";
/// absent when none was asked for (Graph off, or no conversation or item id in the request).
/// </param>
public sealed record SendCheckResponse(
    string Action,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageMarkdown,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SuggestedDelayMinutes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TaskPaneUrl,
    string Level,
    double Risk,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SuggestedSendAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Context = null);

/// <summary>Who the caller is.</summary>
public sealed record MeResponse(string Name, IReadOnlyList<string> Roles, bool DevelopmentMode);

/// <summary>The engine settings in force (for team leads).</summary>
public sealed record SettingsResponse(
    ThresholdsDto Thresholds,
    bool ModelLoaded,
    int MaxDraftChars,
    int SendCheckBudgetMilliseconds,
    int AssessBudgetMilliseconds,
    int RateLimitCharacters,
    int RateLimitWindowSeconds);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, MaxDepth = 32)]
[JsonSerializable(typeof(DraftRequest))]
internal sealed partial class ApiJson : JsonSerializerContext;
