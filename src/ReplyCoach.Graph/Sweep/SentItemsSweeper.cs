using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.MailFolders.Item.Messages.Delta;
using ReplyCoach.Core.Analysis;
using RiskLevel = ReplyCoach.Core.Analysis.RiskLevel;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Graph.Context;
using ReplyCoach.Graph.Hosting;
using ReplyCoach.Graph.Resilience;

namespace ReplyCoach.Graph.Sweep;

/// <summary>Reads what agents actually sent and hands what reads as hostile to the audit trail.</summary>
public interface ISentItemsSweeper
{
    /// <summary>
    /// Reads the mailbox's Sent Items incrementally (delta query, resuming from the saved link), scores each new
    /// message once and hands the flagged ones to the audit trail. A failure stops the sweep where it is; the
    /// next sweep resumes from the last page saved, and messages already handled on that page are not handled again.
    /// </summary>
    Task<SweepReport> SweepAsync(SweepRequest request, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>The Graph implementation.</summary>
internal sealed class SentItemsSweeper(
    GraphClientProvider clients,
    ISweepStateStore store,
    ISentItemScorer scorer,
    ISentItemAuditSink sink,
    GraphTraffic traffic,
    IOptions<GraphOptions> options,
    TimeProvider time,
    ILogger<SentItemsSweeper> logger) : ISentItemsSweeper
{
    private static readonly string[] Fields =
        ["id", "internetMessageId", "conversationId", "body", "sentDateTime", "receivedDateTime", "toRecipients"];

    private readonly SweepOptions _options = options.Value.Sweep;

    public async Task<SweepReport> SweepAsync(SweepRequest request, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mailbox = request.Mailbox;
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox.Address);
        var started = time.GetTimestamp();
        var requestsBefore = traffic.Attempts;
        var run = new Run(mailbox.Address);

        using var sweepLock = store.TryLock(mailbox.Address);
        if (sweepLock is null)
        {
            return run.Report(GraphStatus.Conflict, "Another sweep of this mailbox is running.", false, Elapsed(), 0);
        }

        var state = await store.LoadAsync(mailbox.Address, cancellationToken).ConfigureAwait(false);
        var checkpoint = request.Restart ? SweepCheckpoint.Empty : state.Checkpoint;
        var done = request.Restart ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(state.DoneInPage, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var resumed = checkpoint.Link is not null && !checkpoint.LinkIsDelta;
        if (checkpoint.Link is null)
        {
            var since = request.Since ?? now - _options.InitialLookback;
            checkpoint = checkpoint with { Since = since, RoundIncremental = false, RoundStartedAt = now, PreviousRoundStartedAt = null, LinkIsDelta = false };
        }
        else if (checkpoint.LinkIsDelta)
        {
            checkpoint = checkpoint with { RoundIncremental = true, PreviousRoundStartedAt = checkpoint.RoundStartedAt, RoundStartedAt = now, LinkIsDelta = false };
        }

        GraphLog.SweepStarted(logger, mailbox.Address, resumed, checkpoint.RoundIncremental);
        var access = GraphAccess.App(mailbox.Address);
        int? total = null;
        if (request.EstimateTotal && !checkpoint.RoundIncremental)
        {
            var count = await GraphCall.RunAsync("count sent items", logger, time, ct =>
                clients.For(access).Users[mailbox.Address].MailFolders["sentitems"].GetAsync(rc => rc.QueryParameters.Select = ["totalItemCount"], ct),
                cancellationToken).ConfigureAwait(false);
            total = count.IsOk ? count.Value?.TotalItemCount : null;
        }

        progress?.Report(new SweepProgress(mailbox.Address, 0, 0, 0, total));
        var recent = new Dictionary<string, DateTimeOffset>(checkpoint.Recent, StringComparer.Ordinal);
        var pageTask = FetchAsync(access, checkpoint, cancellationToken);
        while (true)
        {
            var page = await pageTask.ConfigureAwait(false);
            if (!page.IsOk)
            {
                GraphLog.SweepStopped(logger, mailbox.Address, page.Status, run.Pages);
                return run.Report(page.Status, page.Detail, resumed, Elapsed(), traffic.Attempts - requestsBefore);
            }

            var response = page.Value!;
            var next = response.OdataNextLink;
            var delta = response.OdataDeltaLink;
            if (next is null && delta is null)
            {
                return run.Report(GraphStatus.Malformed, "A delta page had neither a next link nor a delta link.", resumed, Elapsed(), traffic.Attempts - requestsBefore);
            }

            // The next page is read while this one is scored: network and CPU overlap; the checkpoint still
            // moves only after this page is done.
            pageTask = next is not null ? FetchAsync(access, checkpoint with { Link = next }, cancellationToken) : Task.FromResult(GraphResult.Ok<DeltaGetResponse>(null!));

            foreach (var message in response.Value ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = message.Id;
                if (string.IsNullOrEmpty(id))
                {
                    continue;
                }

                if (message.AdditionalData?.ContainsKey("@removed") == true)
                {
                    run.Removed++;
                    continue;
                }

                if (done.Contains(id) || IsKnownChange(checkpoint, recent, id, message))
                {
                    run.Skipped++;
                    continue;
                }

                var item = ToSentItem(message, id);
                var assessment = scorer.Score(item);
                run.Scored++;
                if (assessment.Status == DraftStatus.Ok && assessment.Level != RiskLevel.Ok)
                {
                    await sink.RecordAsync(new FlaggedSentItem(mailbox, item, assessment, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                    run.Flagged++;
                }

                // Once handed over, the message is noted as done even if the sweep is being stopped: stopping
                // between two messages must not make the next sweep handle this one again.
                done.Add(id);
                await store.MarkDoneAsync(mailbox.Address, checkpoint.Generation, id, CancellationToken.None).ConfigureAwait(false);
                if (item.SentAt is { } sentAt)
                {
                    recent[id] = sentAt;
                }
            }

            run.Pages++;
            var keepFrom = (checkpoint.RoundStartedAt ?? now) - _options.DedupeWindow;
            foreach (var stale in recent.Where(r => r.Value < keepFrom).Select(r => r.Key).ToList())
            {
                recent.Remove(stale);
            }

            checkpoint = checkpoint with
            {
                Link = next ?? delta,
                LinkIsDelta = next is null,
                Generation = checkpoint.Generation + 1,
                Recent = new Dictionary<string, DateTimeOffset>(recent, StringComparer.Ordinal),
                LastCompletedAt = next is null ? time.GetUtcNow() : checkpoint.LastCompletedAt,
            };
            await store.SaveAsync(mailbox.Address, checkpoint, CancellationToken.None).ConfigureAwait(false);
            done.Clear();
            progress?.Report(new SweepProgress(mailbox.Address, run.Pages, run.Scored, run.Flagged, total));
            if (next is null)
            {
                var report = run.Report(GraphStatus.Ok, null, resumed, Elapsed(), traffic.Attempts - requestsBefore) with { Complete = true };
                GraphLog.SweepCompleted(logger, mailbox.Address, report.Pages, report.Scored, report.Flagged, report.Elapsed.TotalSeconds);
                return report;
            }
        }

        TimeSpan Elapsed() => time.GetElapsedTime(started);
    }

    // A later round reports changes to mail already scored (a category set, a flag): those are not new sends.
    private bool IsKnownChange(SweepCheckpoint checkpoint, Dictionary<string, DateTimeOffset> recent, string id, Message message)
    {
        if (!checkpoint.RoundIncremental)
        {
            return false;
        }

        if (recent.ContainsKey(id))
        {
            return true;
        }

        var sentAt = message.SentDateTime ?? message.ReceivedDateTime;
        return sentAt is not null && checkpoint.PreviousRoundStartedAt is { } previous && sentAt < previous - _options.DedupeWindow;
    }

    private Task<GraphResult<DeltaGetResponse>> FetchAsync(GraphAccess access, SweepCheckpoint checkpoint, CancellationToken cancellationToken) =>
        GraphCall.RunAsync("read sent items", logger, time, async ct =>
        {
            var builder = clients.For(access).Users[access.Mailbox].MailFolders["sentitems"].Messages.Delta;
            var pageSize = "odata.maxpagesize=" + _options.PageSize.ToString(CultureInfo.InvariantCulture);
            var response = checkpoint.Link is { } link
                ? await builder.WithUrl(link).GetAsDeltaGetResponseAsync(rc => rc.Headers.Add("Prefer", pageSize), ct).ConfigureAwait(false)
                : await builder.GetAsDeltaGetResponseAsync(rc =>
                {
                    rc.QueryParameters.Select = Fields;
                    if (checkpoint.Since is { } since)
                    {
                        rc.QueryParameters.Filter = "receivedDateTime ge " + since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    }

                    rc.Headers.Add("Prefer", pageSize);
                }, ct).ConfigureAwait(false);
            return response ?? throw new InvalidOperationException("Graph returned no delta page.");
        }, cancellationToken);

    private static SentItem ToSentItem(Message message, string id) => new(
        id,
        message.InternetMessageId,
        message.ConversationId,
        message.Body?.Content ?? "",
        message.Body?.ContentType != BodyType.Text,
        message.SentDateTime ?? message.ReceivedDateTime,
        (message.ToRecipients ?? []).Select(ThreadContextService.ToPerson).OfType<MailPerson>().ToList());

    private sealed class Run(string mailbox)
    {
        public int Pages;
        public int Scored;
        public int Flagged;
        public int Skipped;
        public int Removed;

        public SweepReport Report(GraphStatus outcome, string? detail, bool resumed, TimeSpan elapsed, long requests) =>
            new(mailbox, outcome, detail, Pages, Scored, Flagged, Skipped, Removed, resumed, Complete: false, elapsed, requests);
    }
}
