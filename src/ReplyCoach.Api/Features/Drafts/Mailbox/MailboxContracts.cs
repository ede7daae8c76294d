using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>Options for <c>POST /api/v1/drafts/{id}/review</c>; the body may be empty.</summary>
/// <param name="Tag">Tag the draft with the category when it is flagged (default true).</param>
/// <param name="Category">The category to use instead of the configured one.</param>
public sealed record DraftReviewRequest(bool? Tag = null, string? Category = null);

/// <summary>The review of a draft in the mailbox: the assessment with its thread context, and what was done.</summary>
/// <param name="MessageId">The draft.</param>
/// <param name="Assessment">The assessment, as <c>/api/v1/assess</c> gives it, scored with the customer's message as context.</param>
/// <param name="Tagged">Whether the draft now carries the category.</param>
/// <param name="Category">The category, when tagged.</param>
/// <param name="TagProblem">Why tagging failed, when it did (the review itself still stands).</param>
/// <param name="Context">What was read around the draft.</param>
public sealed record DraftReviewResponse(
    string MessageId,
    AssessResponse Assessment,
    bool Tagged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TagProblem,
    ThreadContextDto Context);

/// <summary>The thread context of a reviewed draft.</summary>
/// <param name="Status">"complete", "partial", "timed_out" or "unavailable".</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="IncomingReceivedAt">When the customer's latest message arrived.</param>
/// <param name="ReplyDelayMinutes">How long ago that was.</param>
/// <param name="Recipient">The recipient's (or, failing that, the agent's) time zone and working hours.</param>
public sealed record ThreadContextDto(
    string Status,
    string? ConversationId,
    DateTimeOffset? IncomingReceivedAt,
    double? ReplyDelayMinutes,
    RecipientScheduleDto? Recipient);

/// <summary>A time zone and working hours.</summary>
/// <param name="Address">Whose.</param>
/// <param name="Source">"recipient" or "agent".</param>
/// <param name="TimeZone">The time zone as the mailbox has it.</param>
/// <param name="WorkingDays">Working days, e.g. "monday".</param>
/// <param name="Start">Start of the working day, HH:mm.</param>
/// <param name="End">End of the working day, HH:mm.</param>
public sealed record RecipientScheduleDto(string Address, string Source, string? TimeZone, IReadOnlyList<string> WorkingDays, string? Start, string? End);

/// <summary>A cooling-off send: <c>POST /api/v1/drafts/{id}/defer</c>. Give minutes or a time; neither: the suggested delay.</summary>
/// <param name="Minutes">Minutes from now.</param>
/// <param name="SendAt">The time to send.</param>
public sealed record DeferRequest(int? Minutes = null, DateTimeOffset? SendAt = null);

/// <summary>A send that Exchange holds until <paramref name="SendAt"/>.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="SendAt">When it goes out (UTC).</param>
public sealed record DeferResponse(string MessageId, DateTimeOffset SendAt);

/// <summary>A scheduled send that was called off; the message is back in Drafts.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Cancelled">Always true.</param>
public sealed record CancelDeferResponse(string MessageId, bool Cancelled);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, MaxDepth = 8)]
[JsonSerializable(typeof(DraftReviewRequest))]
[JsonSerializable(typeof(DeferRequest))]
internal sealed partial class MailboxJson : JsonSerializerContext;
