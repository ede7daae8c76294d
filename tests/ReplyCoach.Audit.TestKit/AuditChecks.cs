using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.TestKit;

/// <summary>Builds realistic flagged checks for the audit store's tests and its scale measurement.</summary>
public static class AuditChecks
{
    /// <summary>When a check happened unless the caller says otherwise: a Monday morning.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A flagged check with one span of <paramref name="category"/> (and one more per <paramref name="more"/>) and one suggestion.</summary>
    public static AuditCheck Flagged(
        string checkId,
        string agent = "agent-1",
        string? team = "team-a",
        DateTimeOffset? at = null,
        RiskLevel level = RiskLevel.Hold,
        double risk = 0.91,
        ToneCategory category = ToneCategory.Blame,
        string spanText = "you clearly did not read",
        string sentence = "Honestly, you clearly did not read the instructions I sent.",
        string replacement = "the instructions may have been easy to miss",
        string? messageId = null,
        string? conversationId = null,
        AuditOutcome outcome = AuditOutcome.Pending,
        double? riskAtSend = null,
        params ToneCategory[] more)
    {
        var spans = new List<AuditSpanInput> { new(10, spanText.Length, category, "tells the customer they are at fault", spanText, sentence) };
        spans.AddRange(more.Select((c, i) => new AuditSpanInput(80 + (i * 10), 5, c, "extra reason", "extra", sentence)));
        var categories = ToneCategories.All.ToDictionary(c => c, c => c == category ? risk : more.Contains(c) ? 0.6 : 0.05);
        return new AuditCheck(
            checkId,
            agent,
            agent + " name",
            team,
            at ?? Start,
            messageId ?? "AAMkAG-message-" + checkId,
            conversationId ?? "AAQkAG-conversation-" + checkId,
            level,
            risk,
            categories,
            spans,
            [new AuditSuggestionInput(0, "states the fact without blame", risk, 0.12, replacement, "Honestly, " + replacement + ".")],
            AuditSource.Assess,
            outcome,
            riskAtSend);
    }
}
