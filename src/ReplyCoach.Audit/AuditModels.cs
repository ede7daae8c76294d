using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit;

/// <summary>What the agent finally did with a flagged draft.</summary>
public enum AuditOutcome
{
    /// <summary>Nothing reported yet.</summary>
    Pending,
    /// <summary>Edited the draft themselves.</summary>
    Edited,
    /// <summary>Applied one of the suggestions for a flagged span.</summary>
    AppliedSuggestion,
    /// <summary>Used the full rewrite.</summary>
    UsedRewrite,
    /// <summary>Accepted the cooling-off delay.</summary>
    AcceptedDelay,
    /// <summary>Sent it as it was.</summary>
    SentAnyway,
    /// <summary>Discarded the draft.</summary>
    Discarded,
}

/// <summary>Where a flagged check came from.</summary>
public enum AuditSource
{
    /// <summary>The task pane's check (<c>/api/v1/assess</c> and friends).</summary>
    Assess,
    /// <summary>The on-send Smart Alert check.</summary>
    SendCheck,
    /// <summary>The Graph sweep over sent items (mail that went out without, or past, the add-in).</summary>
    GraphSweep,
    /// <summary>Anything else (imports, tools).</summary>
    Other,
}

/// <summary>How much of the draft's text the audit trail keeps.</summary>
public enum RedactionPolicy
{
    /// <summary>The flagged words and the suggested replacement words only (the default).</summary>
    SpansOnly,
    /// <summary>No draft text at all: offsets, categories, reasons and scores only.</summary>
    None,
    /// <summary>The whole sentence around each flagged span, and the whole suggested sentence.</summary>
    FullSentence,
}

/// <summary>A flagged span as the engine reported it. Text fields are kept or dropped by the redaction policy.</summary>
/// <param name="Start">Offset into the agent's normalised text.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Category">The category.</param>
/// <param name="Reason">The engine's one-line reason (engine text, never draft text; always kept).</param>
/// <param name="Text">The flagged words; kept unless the policy is <see cref="RedactionPolicy.None"/>.</param>
/// <param name="Sentence">The sentence containing the span; kept only under <see cref="RedactionPolicy.FullSentence"/>.</param>
public sealed record AuditSpanInput(int Start, int Length, ToneCategory Category, string Reason, string? Text = null, string? Sentence = null);

/// <summary>A suggestion that was offered for a span.</summary>
/// <param name="SpanIndex">Index into <see cref="AuditCheck.Spans"/> of the span it rewords, or -1 for the full rewrite.</param>
/// <param name="Rationale">Why this wording is better (engine text; always kept).</param>
/// <param name="RiskBefore">The sentence's risk before.</param>
/// <param name="RiskAfter">The sentence's risk after, re-scored.</param>
/// <param name="Replacement">The words that replace the flagged span; kept unless the policy is <see cref="RedactionPolicy.None"/>.</param>
/// <param name="SentenceAfter">The whole suggested sentence; kept only under <see cref="RedactionPolicy.FullSentence"/>.</param>
public sealed record AuditSuggestionInput(int SpanIndex, string Rationale, double RiskBefore, double RiskAfter, string? Replacement = null, string? SentenceAfter = null);

/// <summary>A check that reached caution or hold, as handed to <see cref="IAuditStore.RecordCheckAsync"/>.</summary>
/// <param name="CheckId">The idempotency key: the check id the service gave the client (or, for the Graph sweep, e.g. <c>"sweep:" + internetMessageId</c>). At most 200 characters.</param>
/// <param name="AgentId">The agent's stable id (Entra object id).</param>
/// <param name="AgentName">A display name for the lead's list (name or UPN), or null.</param>
/// <param name="Team">The agent's team (the token's team claim), or null when the agent has none.</param>
/// <param name="CheckedAt">When the check ran (from the caller's <see cref="TimeProvider"/>).</param>
/// <param name="MessageId">The raw message id, or null; stored only as a keyed hash.</param>
/// <param name="ConversationId">The raw conversation id, or null; stored only as a keyed hash.</param>
/// <param name="Level">Caution or hold (ok is not recorded).</param>
/// <param name="Risk">The overall risk, 0..1.</param>
/// <param name="Categories">Score per category, 0..1.</param>
/// <param name="Spans">The flagged spans.</param>
/// <param name="Suggestions">The suggestions offered.</param>
/// <param name="Source">Which path recorded it.</param>
/// <param name="Outcome">The outcome, when already known (the Graph sweep records <see cref="AuditOutcome.SentAnyway"/>).</param>
/// <param name="RiskAtSend">The risk of what was sent, when already known.</param>
public sealed record AuditCheck(
    string CheckId,
    string AgentId,
    string? AgentName,
    string? Team,
    DateTimeOffset CheckedAt,
    string? MessageId,
    string? ConversationId,
    RiskLevel Level,
    double Risk,
    IReadOnlyDictionary<ToneCategory, double> Categories,
    IReadOnlyList<AuditSpanInput> Spans,
    IReadOnlyList<AuditSuggestionInput> Suggestions,
    AuditSource Source = AuditSource.Assess,
    AuditOutcome Outcome = AuditOutcome.Pending,
    double? RiskAtSend = null);

/// <summary>What the agent did with a flagged check.</summary>
/// <param name="CheckId">The check id (as in <see cref="AuditCheck.CheckId"/>).</param>
/// <param name="AgentId">The agent reporting it; must be the agent who made the check.</param>
/// <param name="Outcome">What they did.</param>
/// <param name="RiskAtSend">The risk of the text that was sent (re-scored), or null when not sent or unknown.</param>
/// <param name="ReportedAt">When (from the caller's <see cref="TimeProvider"/>).</param>
public sealed record AuditOutcomeReport(string CheckId, string AgentId, AuditOutcome Outcome, double? RiskAtSend, DateTimeOffset ReportedAt);

/// <summary>Whether a write changed anything.</summary>
public enum AuditWriteStatus
{
    /// <summary>A new record was written (or an outcome was set or changed).</summary>
    Created,
    /// <summary>The same write had already happened; nothing changed.</summary>
    Duplicate,
    /// <summary>No such flagged check for this agent.</summary>
    NotFound,
    /// <summary>The check was below caution and is not audited.</summary>
    NotFlagged,
}

/// <summary>The result of a write.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Id">The record's id, when there is one.</param>
public sealed record AuditWriteResult(AuditWriteStatus Status, long? Id);

/// <summary>Who is asking, which limits what they see.</summary>
/// <param name="Kind">Agent (own records), lead (own team's) or everything (command line, retention).</param>
/// <param name="Value">The agent id or the team; empty for <see cref="AuditScopeKind.All"/>.</param>
public sealed record AuditScope(AuditScopeKind Kind, string Value)
{
    /// <summary>Everything: for the command line run by an operator on the store itself.</summary>
    public static AuditScope All { get; } = new(AuditScopeKind.All, "");

    /// <summary>One agent's own records.</summary>
    public static AuditScope Agent(string agentId) => new(AuditScopeKind.Agent, agentId);

    /// <summary>One team's records.</summary>
    public static AuditScope Team(string team) => new(AuditScopeKind.Team, team);
}

/// <summary>The kinds of <see cref="AuditScope"/>.</summary>
public enum AuditScopeKind
{
    /// <summary>An agent's own records.</summary>
    Agent,
    /// <summary>A team's records.</summary>
    Team,
    /// <summary>Every record.</summary>
    All,
}

/// <summary>Filters shared by list, aggregate and export. Null means "any".</summary>
/// <param name="AgentId">One agent.</param>
/// <param name="Team">One team (within the scope).</param>
/// <param name="Category">Records flagged for this category.</param>
/// <param name="Level">Caution or hold.</param>
/// <param name="Outcome">One outcome (Pending for "not reported").</param>
/// <param name="From">Checked at or after (inclusive).</param>
/// <param name="To">Checked before (exclusive).</param>
/// <param name="Reviewed">Reviewed or not.</param>
/// <param name="FalsePositive">Marked false positive or not.</param>
public sealed record AuditFilter(
    string? AgentId = null,
    string? Team = null,
    ToneCategory? Category = null,
    RiskLevel? Level = null,
    AuditOutcome? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool? Reviewed = null,
    bool? FalsePositive = null);

/// <summary>A page request. Keyset paging: pass the previous page's <see cref="AuditPage.NextCursor"/>.</summary>
/// <param name="Filter">The filter.</param>
/// <param name="PageSize">1..500.</param>
/// <param name="Cursor">Null for the first page.</param>
public sealed record AuditQuery(AuditFilter Filter, int PageSize = 50, string? Cursor = null);

/// <summary>One page of records (summaries: no spans or suggestions).</summary>
/// <param name="Items">Newest first.</param>
/// <param name="NextCursor">Pass as <see cref="AuditQuery.Cursor"/> for the next page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? NextCursor);

/// <summary>A flagged span as stored; <see cref="Text"/>/<see cref="Sentence"/> are null when redacted or past text retention.</summary>
public sealed record AuditSpan(int Start, int Length, ToneCategory Category, string Reason, string? Text, string? Sentence);

/// <summary>A suggestion as stored; text fields are null when redacted or past text retention.</summary>
public sealed record AuditSuggestion(int SpanIndex, string Rationale, double RiskBefore, double RiskAfter, string? Replacement, string? SentenceAfter);

/// <summary>A stored record.</summary>
/// <param name="Id">The record id (for the lead API).</param>
/// <param name="CheckId">The idempotency key it was recorded under.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="AgentName">The agent's display name, when known.</param>
/// <param name="Team">The team, when known.</param>
/// <param name="CheckedAt">When the check ran (UTC).</param>
/// <param name="MessageHash">Keyed hash of the message id (hex), or null.</param>
/// <param name="ConversationHash">Keyed hash of the conversation id (hex), or null.</param>
/// <param name="Level">Caution or hold.</param>
/// <param name="Risk">Overall risk.</param>
/// <param name="Categories">Score per category (all seven).</param>
/// <param name="Flagged">The categories that had a flagged span.</param>
/// <param name="Source">Which path recorded it.</param>
/// <param name="Outcome">What the agent did.</param>
/// <param name="RiskAtSend">The risk of what was sent.</param>
/// <param name="OutcomeAt">When the outcome was reported.</param>
/// <param name="Redaction">The policy the text was kept under.</param>
/// <param name="TextPurged">Whether the text retention period has removed its text.</param>
/// <param name="ReviewedAt">When a lead reviewed it.</param>
/// <param name="ReviewedBy">Who reviewed it.</param>
/// <param name="CoachingNote">The lead's coaching note.</param>
/// <param name="FalsePositive">Whether a lead marked it a false positive.</param>
/// <param name="FalsePositiveBy">Who marked it.</param>
/// <param name="FalsePositiveAt">When.</param>
/// <param name="Spans">The spans (empty in list pages).</param>
/// <param name="Suggestions">The suggestions (empty in list pages).</param>
public sealed record AuditRecord(
    long Id,
    string CheckId,
    string AgentId,
    string? AgentName,
    string? Team,
    DateTimeOffset CheckedAt,
    string? MessageHash,
    string? ConversationHash,
    RiskLevel Level,
    double Risk,
    IReadOnlyDictionary<ToneCategory, double> Categories,
    IReadOnlyList<ToneCategory> Flagged,
    AuditSource Source,
    AuditOutcome Outcome,
    double? RiskAtSend,
    DateTimeOffset? OutcomeAt,
    RedactionPolicy Redaction,
    bool TextPurged,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy,
    string? CoachingNote,
    bool FalsePositive,
    string? FalsePositiveBy,
    DateTimeOffset? FalsePositiveAt,
    IReadOnlyList<AuditSpan> Spans,
    IReadOnlyList<AuditSuggestion> Suggestions)
{
    /// <summary>
    /// Whether the agent improved the draft before sending: edited it, applied a suggestion or used the rewrite,
    /// and (when known) what went out scored lower than what was flagged.
    /// </summary>
    public bool Improved => AuditOutcomes.IsImproved(Outcome, Risk, RiskAtSend);
}

/// <summary>A lead's review.</summary>
/// <param name="ReviewedBy">The lead's id.</param>
/// <param name="Note">A coaching note (at most 2,000 characters), or null.</param>
/// <param name="At">When.</param>
public sealed record AuditReview(string ReviewedBy, string? Note, DateTimeOffset At);

/// <summary>A lead's false-positive mark.</summary>
/// <param name="MarkedBy">The lead's id.</param>
/// <param name="FalsePositive">True to mark, false to take the mark back.</param>
/// <param name="At">When.</param>
public sealed record AuditFalsePositive(string MarkedBy, bool FalsePositive, DateTimeOffset At);

/// <summary>What to group aggregates by.</summary>
public enum AuditGrouping
{
    /// <summary>Per agent.</summary>
    Agent,
    /// <summary>Per team.</summary>
    Team,
    /// <summary>Per category (a record flagged for two categories counts in both).</summary>
    Category,
    /// <summary>Per week (Monday 00:00 UTC), and within it per category.</summary>
    Week,
}

/// <summary>An aggregate request.</summary>
public sealed record AuditAggregateQuery(AuditFilter Filter, AuditGrouping GroupBy);

/// <summary>Counts for one group.</summary>
/// <param name="Key">The agent id, team, category name, or the week's Monday as yyyy-MM-dd.</param>
/// <param name="Flags">Flagged records.</param>
/// <param name="Holds">Of which at level hold.</param>
/// <param name="WithOutcome">Records with a reported outcome other than discarded (the denominator of the improved share).</param>
/// <param name="Improved">Records improved before sending.</param>
/// <param name="SentAnyway">Records sent as they were.</param>
/// <param name="FalsePositives">Records marked false positive.</param>
/// <param name="Reviewed">Records reviewed.</param>
/// <param name="ByCategory">For <see cref="AuditGrouping.Week"/> and <see cref="AuditGrouping.Agent"/>/<see cref="AuditGrouping.Team"/>: flags per category name.</param>
public sealed record AuditAggregate(
    string Key,
    long Flags,
    long Holds,
    long WithOutcome,
    long Improved,
    long SentAnyway,
    long FalsePositives,
    long Reviewed,
    IReadOnlyDictionary<string, long> ByCategory)
{
    /// <summary>For <see cref="AuditGrouping.Agent"/>: the agent's display name, when known.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Share of records with an outcome that were improved before sending, 0..1 (0 when none).</summary>
    public double ImprovedShare => WithOutcome == 0 ? 0 : (double)Improved / WithOutcome;
}

/// <summary>A retention run.</summary>
/// <param name="Now">The current time (from the caller's <see cref="TimeProvider"/>).</param>
/// <param name="TextRetention">Text older than this is dropped; null uses the configured period.</param>
/// <param name="RecordRetention">Records older than this are deleted; null uses the configured period.</param>
public sealed record AuditPurgeRequest(DateTimeOffset Now, TimeSpan? TextRetention = null, TimeSpan? RecordRetention = null);

/// <summary>What a retention run removed.</summary>
/// <param name="TextsPurged">Records whose text was dropped.</param>
/// <param name="RecordsDeleted">Records deleted.</param>
public sealed record AuditPurgeResult(int TextsPurged, int RecordsDeleted);

/// <summary>Outcome names and rules shared by the engines, the API and the command line.</summary>
public static class AuditOutcomes
{
    /// <summary>The snake_case name used in JSON, CSV and the database ("sent_anyway").</summary>
    public static string Name(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Pending => "pending",
        AuditOutcome.Edited => "edited",
        AuditOutcome.AppliedSuggestion => "applied_suggestion",
        AuditOutcome.UsedRewrite => "used_rewrite",
        AuditOutcome.AcceptedDelay => "accepted_delay",
        AuditOutcome.SentAnyway => "sent_anyway",
        AuditOutcome.Discarded => "discarded",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    /// <summary>Parses a snake_case (or PascalCase) name; false when unknown.</summary>
    public static bool TryParse(string? name, out AuditOutcome outcome)
    {
        var n = name?.Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse(n, ignoreCase: true, out outcome) && Enum.IsDefined(outcome) && !int.TryParse(n, out _);
    }

    /// <summary>The outcomes that change the text before it goes out.</summary>
    public static bool ChangesText(AuditOutcome outcome) =>
        outcome is AuditOutcome.Edited or AuditOutcome.AppliedSuggestion or AuditOutcome.UsedRewrite;

    /// <summary>Improved: the text was changed and, when the risk at send is known, it went down.</summary>
    public static bool IsImproved(AuditOutcome outcome, double risk, double? riskAtSend) =>
        ChangesText(outcome) && (riskAtSend is null || riskAtSend < risk);

    /// <summary>Counts toward the improved share's denominator: an outcome is known and the draft was not discarded.</summary>
    public static bool CountsTowardShare(AuditOutcome outcome) =>
        outcome is not (AuditOutcome.Pending or AuditOutcome.Discarded);
}
