using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>
/// Puts the service's own flagged checks into the audit store. Call it from a check endpoint after the result
/// is known: it records checks at caution or hold, answers with the check id in <c>X-ReplyCoach-Check-Id</c>
/// (the add-in reports the outcome under it), and fails open: a slow or broken store costs the agent nothing
/// (the write gives up after <see cref="AuditOptions.WriteTimeoutMilliseconds"/> and is logged without text).
/// </summary>
/// <remarks>
/// The client may send <c>Idempotency-Key</c> (or <c>X-ReplyCoach-Check-Id</c>) with the check; a retried request
/// with the same key is recorded once. Keys are kept per agent, so one agent's key can never touch another's record.
/// Stateless: safe with any number of service instances.
/// </remarks>
internal sealed partial class AuditRecorder(
    IAuditStore store, IOptions<AuditOptions> options, RecentFlags recentFlags, TimeProvider time, ILogger<AuditRecorder> logger)
{
    public const string CheckIdHeader = "X-ReplyCoach-Check-Id";
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Records a task-pane check from its response. Returns the check id when the check was flagged and recorded.</summary>
    public Task<string?> RecordAsync(HttpContext http, AuditSource source, AssessResponse response, string? conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(response);
        if (!TryLevel(response.Level, out var level) || level == RiskLevel.Ok || response.Status != "ok")
        {
            return Task.FromResult<string?>(null);
        }

        var text = response.Text ?? "";
        var spans = response.Spans.Select(s =>
        {
            ToneCategories.TryParse(s.Category, out var category);
            return new AuditSpanInput(s.Start, s.Length, category, s.Reason, s.Text, SentenceAround(text, s.Start, s.Length));
        }).ToList();
        var suggestions = response.Suggestions.Select(Suggestion).ToList();
        if (response.Rewrite is { Changed: true } rewrite)
        {
            // The rewrite's text is the whole reply: only its scores are kept.
            suggestions.Add(new AuditSuggestionInput(-1, "full rewrite", Math.Clamp(rewrite.RiskBefore, 0, 1), Math.Clamp(rewrite.RiskAfter, 0, 1)));
        }

        var categories = new Dictionary<ToneCategory, double>();
        foreach (var (name, score) in response.Categories)
        {
            if (ToneCategories.TryParse(name, out var category))
            {
                categories[category] = score;
            }
        }

        return RecordAsync(http, new CheckInputs(source, level, response.Risk, categories, spans, suggestions, conversationId, null), cancellationToken);
    }

    /// <summary>Records a check from the engine's assessment (e.g. the on-send check). Returns the check id when recorded.</summary>
    public Task<string?> RecordAsync(
        HttpContext http,
        AuditSource source,
        Assessment assessment,
        IReadOnlyList<SuggestionDto>? suggestions,
        string? conversationId,
        string? messageId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(assessment);
        if (!IsFlagged(assessment))
        {
            return Task.FromResult<string?>(null);
        }

        var offered = (suggestions ?? []).Select(Suggestion).ToList();
        return RecordAsync(http, Inputs(source, assessment, offered, conversationId, messageId), cancellationToken);
    }

    /// <summary>
    /// Starts recording a flagged check without tying the write to the request (the on-send check): the caller and
    /// the check id are taken from the request now, the write runs on by itself, bounded by
    /// <see cref="AuditOptions.WriteTimeoutMilliseconds"/> and not by the request, and never touches the request
    /// again. The caller waits for <see cref="DetachedAuditWrite.Written"/> as long as its own budget allows, then
    /// answers either way. Null when nothing is recorded (not flagged, audit off, nobody signed in).
    /// </summary>
    public DetachedAuditWrite? StartRecording(HttpContext http, AuditSource source, Assessment assessment, string? conversationId, string? messageId)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(assessment);
        if (!IsFlagged(assessment) || Target(http) is not { } target)
        {
            return null;
        }

        // On the pool: a store that blocks before its first await must not hold up the check.
        var inputs = Inputs(source, assessment, [], conversationId, messageId);
        var written = Task.Run(() => WriteAsync(target.Caller, target.ClientKey, inputs, CancellationToken.None));
        return new DetachedAuditWrite(target.ClientKey, written);
    }

    private static bool IsFlagged(Assessment assessment) => assessment.Level != RiskLevel.Ok && assessment.Status == Core.Drafts.DraftStatus.Ok;

    private static CheckInputs Inputs(
        AuditSource source, Assessment assessment, IReadOnlyList<AuditSuggestionInput> suggestions, string? conversationId, string? messageId)
    {
        var text = assessment.Draft.Text;
        var spans = assessment.Spans.Select(s =>
        {
            var sentence = assessment.Sentences.FirstOrDefault(x => x.Sentence.Start <= s.Start && s.Start < x.Sentence.End)?.Sentence.Text;
            return new AuditSpanInput(s.Start, s.Length, s.Category, s.Reason, text.Substring(s.Start, s.Length), sentence);
        }).ToList();
        return new CheckInputs(source, assessment.Level, assessment.Risk, assessment.Categories, spans, suggestions, conversationId, messageId);
    }

    /// <summary>The key a check is stored under: the client's key (or a new one) within the agent's own namespace.</summary>
    internal static string StoredCheckId(string agentId, string clientCheckId) => $"a:{agentId}:{clientCheckId}";

    private async Task<string?> RecordAsync(HttpContext http, CheckInputs inputs, CancellationToken cancellationToken)
    {
        if (Target(http) is not { } target)
        {
            return null;
        }

        var recorded = await WriteAsync(target.Caller, target.ClientKey, inputs, cancellationToken);
        if (recorded && !http.Response.HasStarted)
        {
            http.Response.Headers[CheckIdHeader] = target.ClientKey;
        }

        return recorded ? target.ClientKey : null;
    }

    // Who is recording, under which key: read from the request before any write starts.
    private (AuditCaller Caller, string ClientKey)? Target(HttpContext http)
    {
        var caller = AuditCaller.From(http);
        return options.Value.Enabled && caller is not null ? (caller, ClientKey(http.Request) ?? Guid.NewGuid().ToString("N")) : null;
    }

    // True when the check is in the store (created now or by an earlier attempt with the same key).
    private async Task<bool> WriteAsync(AuditCaller caller, string clientKey, CheckInputs inputs, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(settings.WriteTimeoutMilliseconds));
            var check = new AuditCheck(
                StoredCheckId(caller.UserId, clientKey),
                caller.UserId,
                caller.Name,
                caller.Team,
                time.GetUtcNow(),
                inputs.MessageId,
                inputs.ConversationId,
                inputs.Level,
                Math.Clamp(inputs.Risk, 0, 1),
                inputs.Categories.ToDictionary(kv => kv.Key, kv => Math.Clamp(kv.Value, 0, 1)),
                inputs.Spans,
                inputs.Suggestions,
                inputs.Source);
            var result = await store.RecordCheckAsync(check, timeout.Token);
            ApiLog.AuditRecorded(logger, ToneCategories.Name(inputs.Level), result.Status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (result.Status == AuditWriteStatus.Created)
            {
                recentFlags.Noted(caller.UserId);
            }

            return result.Status is AuditWriteStatus.Created or AuditWriteStatus.Duplicate;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Fail open: the check still answers; only the audit record is missing.
            ApiLog.AuditRecordFailed(logger, e.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, e);
            return false;
        }
    }

    private static string? ClientKey(HttpRequest request)
    {
        var key = request.Headers[IdempotencyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            key = request.Headers[CheckIdHeader].ToString();
        }

        key = key.Trim();
        return key.Length > 0 && ClientKeyPattern().IsMatch(key) ? key : null;
    }

    private static AuditSuggestionInput Suggestion(SuggestionDto s)
    {
        // The replacement words of the edits (what the agent was offered instead of the flagged words).
        var replacement = string.Join(" … ", s.Edits.Select(e => e.Replacement).Where(r => !string.IsNullOrWhiteSpace(r)));
        return new AuditSuggestionInput(
            s.SpanIndex,
            s.Rationale,
            Math.Clamp(s.RiskBefore, 0, 1),
            Math.Clamp(s.RiskAfter, 0, 1),
            replacement.Length == 0 ? null : replacement,
            string.IsNullOrWhiteSpace(s.SentenceAfter) ? null : s.SentenceAfter);
    }

    private static string? SentenceAround(string text, int start, int length)
    {
        if (start < 0 || length < 0 || start + length > text.Length)
        {
            return null;
        }

        var (from, to) = SentenceBounds(text, start, length);
        return text[from..to].Trim();
    }

    // The sentence around a range: back to the previous sentence end or line break, forward to the next.
    private static (int Start, int End) SentenceBounds(string text, int start, int length)
    {
        var from = start;
        while (from > 0 && !IsBoundary(text[from - 1]) && start - from < 1000)
        {
            from--;
        }

        var to = Math.Min(text.Length, start + length);
        while (to < text.Length && to - start < 1000)
        {
            var c = text[to];
            to++;
            if (IsBoundary(c))
            {
                break;
            }
        }

        return (from, to);
    }

    private static bool IsBoundary(char c) => c is '.' or '!' or '?' or '\n' or '\r';

    private static bool TryLevel(string? name, out RiskLevel level)
    {
        level = name switch { "caution" => RiskLevel.Caution, "hold" => RiskLevel.Hold, _ => RiskLevel.Ok };
        return name is "ok" or "caution" or "hold";
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{8,100}$")]
    private static partial Regex ClientKeyPattern();

    // What one flagged check records, whichever path produced it.
    private sealed record CheckInputs(
        AuditSource Source,
        RiskLevel Level,
        double Risk,
        IReadOnlyDictionary<ToneCategory, double> Categories,
        IReadOnlyList<AuditSpanInput> Spans,
        IReadOnlyList<AuditSuggestionInput> Suggestions,
        string? ConversationId,
        string? MessageId);
}

/// <summary>A flagged check being written off the request's path.</summary>
/// <param name="CheckId">The client's check id (its <c>Idempotency-Key</c>, or a new one) for <c>X-ReplyCoach-Check-Id</c>.</param>
/// <param name="Written">Completes with true once the check is in the store, false when the write failed or timed out; never faults.</param>
internal sealed record DetachedAuditWrite(string CheckId, Task<bool> Written);
