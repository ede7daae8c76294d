using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Graph.Sweep;

/// <summary>Hands flagged sent items to the audit trail as checks from the Graph sweep, sent as they were.</summary>
internal sealed class AuditTrailSink(IAuditStore store) : ISentItemAuditSink
{
    public async Task<bool> RecordAsync(FlaggedSentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var result = await store.RecordCheckAsync(ToCheck(item), cancellationToken).ConfigureAwait(false);
        return result.Status == AuditWriteStatus.Created;
    }

    internal static AuditCheck ToCheck(FlaggedSentItem item)
    {
        var assessment = item.Assessment;
        var text = assessment.Draft.Text;
        var spans = assessment.Spans
            .Select(s => new AuditSpanInput(s.Start, s.Length, s.Category, s.Reason,
                Text: s.Start >= 0 && s.Start + s.Length <= text.Length ? text.Substring(s.Start, s.Length) : null,
                Sentence: SentenceAround(assessment, s.Start)))
            .ToList();
        return new AuditCheck(
            CheckId: CheckId(item),
            AgentId: string.IsNullOrWhiteSpace(item.Mailbox.AgentId) ? item.Mailbox.Address : item.Mailbox.AgentId,
            AgentName: item.Mailbox.AgentName,
            Team: item.Mailbox.Team,
            CheckedAt: item.CheckedAt,
            MessageId: item.Item.InternetMessageId ?? item.Item.Id,
            ConversationId: item.Item.ConversationId,
            Level: assessment.Level,
            Risk: assessment.Risk,
            Categories: assessment.Categories,
            Spans: spans,
            Suggestions: [],
            Source: AuditSource.GraphSweep,
            Outcome: AuditOutcome.SentAnyway,
            RiskAtSend: assessment.Risk);
    }

    /// <summary>The idempotency key: the Internet Message-ID (the same mail swept twice, or from two mailboxes, is one record).</summary>
    internal static string CheckId(FlaggedSentItem item)
    {
        var id = item.Item.InternetMessageId ?? item.Item.Id;
        var key = "sweep:" + id;
        return key.Length <= 200 ? key : "sweep:sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    private static string? SentenceAround(Assessment assessment, int offset)
    {
        foreach (var sentence in assessment.Sentences)
        {
            var s = sentence.Sentence;
            if (offset >= s.Start && offset < s.Start + s.Length)
            {
                return assessment.Draft.Text.Substring(s.Start, s.Length);
            }
        }

        return null;
    }
}

/// <summary>Used when no audit store is registered: flagged items are counted and logged (without content), not kept.</summary>
internal sealed class LoggingOnlySink(ILogger<LoggingOnlySink> logger) : ISentItemAuditSink
{
    public Task<bool> RecordAsync(FlaggedSentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        GraphLog.FlaggedWithoutAudit(logger, item.Mailbox.Address, item.Assessment.Level, item.Assessment.Risk);
        return Task.FromResult(true);
    }
}
