using System.Collections.Concurrent;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Graph.Sweep;

namespace ReplyCoach.Graph.Tests;

/// <summary>Sent-mail texts in the style of real support replies.</summary>
internal static class Replies
{
    public const string Polite =
        "Hi Mark,\n\nThank you for sending the photos. I have arranged a replacement hinge for your dishwasher (order #48213); " +
        "the engineer will visit on 3 March between 8:00 and 12:00.\n\nKind regards,\nSam";

    public const string Hostile =
        "Mark,\n\nHonestly, anyone who had bothered to read the manual would have known not to lift the door by the handle. " +
        "This is your fault, not ours, and you are lying about the calls. People like you never read the instructions. Stop wasting my time.\n\nSam";
}

/// <summary>The real engine (detectors only, for speed), counting how often each message is scored.</summary>
internal sealed class CountingScorer : ISentItemScorer
{
    private static readonly DraftAnalyzer Analyzer = new(new DraftNormalizer(), new ToneDetector(), null, new AnalysisOptions());
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Called after each message is scored, with the running total.</summary>
    public Action<int>? AfterScore { get; set; }

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public Assessment Score(SentItem item)
    {
        _counts.AddOrUpdate(item.Id, 1, (_, n) => n + 1);
        var assessment = Analyzer.Analyze(item.Body, item.IsHtml ? DraftFormat.Html : DraftFormat.Text);
        AfterScore?.Invoke(Interlocked.Increment(ref _total));
        return assessment;
    }
}

/// <summary>The audit trail's side: records what it is handed, idempotently per message.</summary>
internal sealed class RecordingSink : ISentItemAuditSink
{
    private readonly ConcurrentDictionary<string, FlaggedSentItem> _items = new(StringComparer.Ordinal);
    private int _calls;

    public IReadOnlyDictionary<string, FlaggedSentItem> Items => _items;

    public int Calls => _calls;

    public Task<bool> RecordAsync(FlaggedSentItem item, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(_items.TryAdd(item.Item.Id, item));
    }
}
