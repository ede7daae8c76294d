using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>What the add-in reports after a flagged check: <c>POST /api/v1/outcomes</c>.</summary>
/// <param name="CheckId">The check id (the <c>X-ReplyCoach-Check-Id</c> the check answered with, or the <c>Idempotency-Key</c> the add-in sent).</param>
/// <param name="Outcome">edited, applied_suggestion, used_rewrite, accepted_delay, sent_anyway or discarded.</param>
/// <param name="RiskAtSend">The risk of what was sent, 0..1, when the add-in re-checked it.</param>
public sealed record OutcomeRequest(string? CheckId, string? Outcome, double? RiskAtSend = null);

/// <summary>The answer to an outcome report.</summary>
/// <param name="Recorded">Whether a flagged check was found and holds this outcome now.</param>
/// <param name="Status">created, duplicate or not_found (the check was not flagged, is not yours, or has expired).</param>
public sealed record OutcomeResponse(bool Recorded, string Status);

/// <summary>A lead's review: <c>POST /api/v1/audit/flags/{id}/review</c>.</summary>
/// <param name="Note">A coaching note, at most 2,000 characters.</param>
public sealed record ReviewRequest(string? Note);

/// <summary><c>POST /api/v1/audit/flags/{id}/false-positive</c>.</summary>
/// <param name="FalsePositive">True to mark (the default), false to take the mark back.</param>
public sealed record FalsePositiveRequest(bool FalsePositive = true);

/// <summary>Who the caller is for the audit views.</summary>
public sealed record AuditMeResponse(string UserId, string? Name, string? Team, string Role, bool DevelopmentMode);

/// <summary>What the dashboard needs before sign-in (anonymous).</summary>
/// <param name="DevelopmentMode">No sign-in needed.</param>
/// <param name="Authority">The Entra ID authority, e.g. https://login.microsoftonline.com/{tenant}/v2.0.</param>
/// <param name="ClientId">The app registration the dashboard signs in with (a single-page application redirect URI).</param>
/// <param name="Scope">The scope to ask for.</param>
public sealed record DashboardConfigResponse(bool DevelopmentMode, string? Authority, string? ClientId, string? Scope);

/// <summary>One flag in the list.</summary>
public sealed record FlagSummaryDto(
    long Id,
    DateTimeOffset CheckedAt,
    string AgentId,
    string? AgentName,
    string? Team,
    string Level,
    double Risk,
    IReadOnlyDictionary<string, double> Categories,
    IReadOnlyList<string> Flagged,
    string Outcome,
    double? RiskAtSend,
    bool Improved,
    string Source,
    bool Reviewed,
    bool FalsePositive,
    bool TextPurged);

/// <summary>A flagged span as kept (text null when redacted or expired).</summary>
public sealed record FlagSpanDto(int Start, int Length, string Category, string Reason, string? Text, string? Sentence);

/// <summary>A suggestion as kept.</summary>
public sealed record FlagSuggestionDto(int SpanIndex, string Rationale, double RiskBefore, double RiskAfter, string? Replacement, string? SentenceAfter);

/// <summary>One flag with everything a lead sees in the detail view.</summary>
public sealed record FlagDetailDto(
    FlagSummaryDto Summary,
    IReadOnlyList<FlagSpanDto> Spans,
    IReadOnlyList<FlagSuggestionDto> Suggestions,
    DateTimeOffset? OutcomeAt,
    string Redaction,
    string? ConversationHash,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy,
    string? CoachingNote,
    string? FalsePositiveBy,
    DateTimeOffset? FalsePositiveAt);

/// <summary>A page of flags.</summary>
public sealed record FlagPageDto(IReadOnlyList<FlagSummaryDto> Items, string? NextCursor);

/// <summary>Counts for one group.</summary>
public sealed record AggregateDto(
    string Key,
    string? DisplayName,
    long Flags,
    long Holds,
    long WithOutcome,
    long Improved,
    double ImprovedShare,
    long SentAnyway,
    long FalsePositives,
    long Reviewed,
    IReadOnlyDictionary<string, long> ByCategory);

/// <summary>Aggregates for one grouping.</summary>
public sealed record AggregatesDto(string GroupBy, IReadOnlyList<AggregateDto> Groups);

/// <summary>Maps store records to the API's shapes.</summary>
internal static class AuditDto
{
    public static FlagSummaryDto Summary(AuditRecord r) => new(
        r.Id,
        r.CheckedAt,
        r.AgentId,
        r.AgentName,
        r.Team,
        ToneCategories.Name(r.Level),
        Math.Round(r.Risk, 4),
        ToneCategories.All.ToDictionary(ToneCategories.Name, c => Math.Round(r.Categories.TryGetValue(c, out var v) ? v : 0, 4)),
        r.Flagged.Select(ToneCategories.Name).ToList(),
        AuditOutcomes.Name(r.Outcome),
        r.RiskAtSend,
        r.Improved,
        AuditExport.SourceName(r.Source),
        r.ReviewedAt is not null,
        r.FalsePositive,
        r.TextPurged);

    public static FlagDetailDto Detail(AuditRecord r) => new(
        Summary(r),
        r.Spans.Select(s => new FlagSpanDto(s.Start, s.Length, ToneCategories.Name(s.Category), s.Reason, s.Text, s.Sentence)).ToList(),
        r.Suggestions.Select(s => new FlagSuggestionDto(s.SpanIndex, s.Rationale, Math.Round(s.RiskBefore, 4), Math.Round(s.RiskAfter, 4), s.Replacement, s.SentenceAfter)).ToList(),
        r.OutcomeAt,
        r.Redaction switch { RedactionPolicy.None => "none", RedactionPolicy.FullSentence => "full_sentence", _ => "spans_only" },
        r.ConversationHash,
        r.ReviewedAt,
        r.ReviewedBy,
        r.CoachingNote,
        r.FalsePositiveBy,
        r.FalsePositiveAt);

    public static AggregateDto Aggregate(AuditAggregate a) => new(
        a.Key, a.DisplayName, a.Flags, a.Holds, a.WithOutcome, a.Improved, Math.Round(a.ImprovedShare, 4), a.SentAnyway, a.FalsePositives, a.Reviewed, a.ByCategory);
}
