using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplyCoach.Audit.Storage;

/// <summary>The parameters of <see cref="AuditQueryBuilder.InsertFlag"/>: one flagged check as stored.</summary>
internal sealed class InsertRow
{
    public required string CheckId { get; init; }
    public required string AgentId { get; init; }
    public string? AgentName { get; init; }
    public required string Team { get; init; }
    public long CheckedAt { get; init; }
    public long Week { get; init; }
    public string? MessageHash { get; init; }
    public string? ConversationHash { get; init; }
    public int Level { get; init; }
    public double Risk { get; init; }
    public double SHostility { get; init; }
    public double SBlame { get; init; }
    public double SGeneralization { get; init; }
    public double SThreat { get; init; }
    public double SCondescension { get; init; }
    public double SDismissiveness { get; init; }
    public double SProfanity { get; init; }
    public int FlaggedMask { get; init; }
    public int Source { get; init; }
    public int Outcome { get; init; }
    public double? RiskAtSend { get; init; }
    public long? OutcomeAt { get; init; }
    public int Improved { get; init; }
    public int Counted { get; init; }
    public int Redaction { get; init; }
    public int TextPurged { get; init; }
    public required string Detail { get; init; }
}

/// <summary>A row of <c>audit_flag</c> as read by <see cref="AuditQueryBuilder.FlagColumns"/>.</summary>
internal sealed class FlagRow
{
    public long Id { get; set; }
    public string CheckId { get; set; } = "";
    public string AgentId { get; set; } = "";
    public string? AgentName { get; set; }
    public string? Team { get; set; }
    public long CheckedAt { get; set; }
    public string? MessageHash { get; set; }
    public string? ConversationHash { get; set; }
    public int Level { get; set; }
    public double Risk { get; set; }
    public double SHostility { get; set; }
    public double SBlame { get; set; }
    public double SGeneralization { get; set; }
    public double SThreat { get; set; }
    public double SCondescension { get; set; }
    public double SDismissiveness { get; set; }
    public double SProfanity { get; set; }
    public int FlaggedMask { get; set; }
    public int Source { get; set; }
    public int Outcome { get; set; }
    public double? RiskAtSend { get; set; }
    public long? OutcomeAt { get; set; }
    public int Redaction { get; set; }
    public int TextPurged { get; set; }
    public long? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? CoachingNote { get; set; }
    public int FalsePositive { get; set; }
    public string? FpBy { get; set; }
    public long? FpAt { get; set; }
    public string Detail { get; set; } = "";
}

/// <summary>What recording an outcome needs to know about the flag it reports on.</summary>
internal sealed class OutcomeRow
{
    public long Id { get; set; }
    public int Outcome { get; set; }
    public double Risk { get; set; }
    public double? RiskAtSend { get; set; }
}

/// <summary>One group of an aggregate query, before the groups of one key are folded together.</summary>
internal sealed class AggregateRow
{
    public string? GroupKey { get; set; }
    public string? DisplayName { get; set; }
    public int Mask { get; set; }
    public long Flags { get; set; }
    public long Holds { get; set; }
    public long WithOutcome { get; set; }
    public long Improved { get; set; }
    public long SentAnyway { get; set; }
    public long FalsePositives { get; set; }
    public long Reviewed { get; set; }
    public long C0 { get; set; }
    public long C1 { get; set; }
    public long C2 { get; set; }
    public long C3 { get; set; }
    public long C4 { get; set; }
    public long C5 { get; set; }
    public long C6 { get; set; }
}

/// <summary>The text-free part of a record's spans and suggestions, kept as JSON in <c>audit_flag.detail</c>.</summary>
internal sealed record StoredDetail(List<StoredSpan> Spans, List<StoredSuggestion> Suggestions);

internal sealed record StoredSpan(int Start, int Length, int Category, string Reason);

internal sealed record StoredSuggestion(int SpanIndex, string Rationale, double RiskBefore, double RiskAfter);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredDetail))]
internal sealed partial class AuditJson : JsonSerializerContext;
