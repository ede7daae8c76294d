using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Graph.Context;

namespace ReplyCoach.Graph.Sweep;

/// <summary>A sweep of one mailbox's Sent Items.</summary>
/// <param name="Mailbox">The mailbox and its agent.</param>
/// <param name="Since">For a first sweep (or with <paramref name="Restart"/>): read mail sent from this time on; default: the configured look-back.</param>
/// <param name="Restart">Forget the saved delta link and start over (mail already handed to the audit trail is not recorded twice: the trail is idempotent).</param>
/// <param name="EstimateTotal">Read the folder's item count first, for a progress bar (one more request).</param>
public sealed record SweepRequest(SweepMailbox Mailbox, DateTimeOffset? Since = null, bool Restart = false, bool EstimateTotal = false);

/// <summary>Progress of a running sweep.</summary>
/// <param name="Mailbox">The mailbox.</param>
/// <param name="Pages">Delta pages done.</param>
/// <param name="Scored">Messages scored.</param>
/// <param name="Flagged">Messages flagged and handed to the audit trail.</param>
/// <param name="Total">Messages expected, when known.</param>
public sealed record SweepProgress(string Mailbox, int Pages, int Scored, int Flagged, int? Total);

/// <summary>What a sweep did.</summary>
/// <param name="Mailbox">The mailbox.</param>
/// <param name="Outcome">Ok, or why it stopped (it resumes from its last page next time).</param>
/// <param name="Detail">A sentence about the outcome.</param>
/// <param name="Pages">Delta pages processed.</param>
/// <param name="Scored">Messages scored.</param>
/// <param name="Flagged">Messages at caution or hold, handed to the audit trail.</param>
/// <param name="Skipped">Messages seen before (already scored), not scored again.</param>
/// <param name="Removed">Removal notices in the delta (moved or deleted mail).</param>
/// <param name="Resumed">Whether it continued a sweep that had stopped part-way.</param>
/// <param name="Complete">Whether it reached the end (a new delta link is saved).</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Requests">HTTP attempts sent to Graph during the sweep (retries included).</param>
public sealed record SweepReport(
    string Mailbox,
    GraphStatus Outcome,
    string? Detail,
    int Pages,
    int Scored,
    int Flagged,
    int Skipped,
    int Removed,
    bool Resumed,
    bool Complete,
    TimeSpan Elapsed,
    long Requests);

/// <summary>A message from Sent Items.</summary>
/// <param name="Id">The message id.</param>
/// <param name="InternetMessageId">The Internet Message-ID header, stable across mailboxes.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Body">The body as sent.</param>
/// <param name="IsHtml">Whether the body is HTML.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="To">Its To recipients.</param>
public sealed record SentItem(string Id, string? InternetMessageId, string? ConversationId, string Body, bool IsHtml, DateTimeOffset? SentAt, IReadOnlyList<MailPerson> To);

/// <summary>A sent message the engine flagged.</summary>
/// <param name="Mailbox">The mailbox and its agent.</param>
/// <param name="Item">The message.</param>
/// <param name="Assessment">The engine's assessment.</param>
/// <param name="CheckedAt">When it was scored.</param>
public sealed record FlaggedSentItem(SweepMailbox Mailbox, SentItem Item, Assessment Assessment, DateTimeOffset CheckedAt);

/// <summary>Scores what was sent.</summary>
public interface ISentItemScorer
{
    /// <summary>The engine's assessment of a sent message.</summary>
    Assessment Score(SentItem item);
}

/// <summary>Where flagged sent items go: the audit trail.</summary>
public interface ISentItemAuditSink
{
    /// <summary>Records a flagged item; idempotent per message. True when it was new.</summary>
    Task<bool> RecordAsync(FlaggedSentItem item, CancellationToken cancellationToken = default);
}

/// <summary>Scores with the engine.</summary>
internal sealed class DraftAnalyzerScorer(DraftAnalyzer analyzer) : ISentItemScorer
{
    public Assessment Score(SentItem item) => analyzer.Analyze(item.Body, item.IsHtml ? DraftFormat.Html : DraftFormat.Text);
}
