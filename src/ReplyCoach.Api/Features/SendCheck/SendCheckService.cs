using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Api.Features.SendCheck;

/// <summary>
/// Decides whether Outlook should prompt before sending. Only a draft at the hold level prompts (precision before
/// recall); anything slow or failing lets the mail go, because a tone coach must never lose or hold up mail.
/// </summary>
internal sealed class SendCheckService(DraftEngine engine, TimeProvider time, IOptions<ServiceOptions> options, ILogger<SendCheckService> logger)
{
    /// <summary>Outlook's limit for <c>errorMessage</c> and <c>errorMessageMarkdown</c>.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>The delay suggested when the coaching layer gives none.</summary>
    public const int DefaultDelayMinutes = 10;

    private readonly int _budgetMs = options.Value.SendCheckBudgetMilliseconds;

    public async Task<SendCheckResponse> DecideAsync(DraftRequest request, DraftFormat format, string origin, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        SendCheckResponse decision;
        try
        {
            var work = Task.Run(() => Evaluate(request, format, origin, abandon.Token), abandon.Token);
            decision = await work.WaitAsync(TimeSpan.FromMilliseconds(_budgetMs), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            await abandon.CancelAsync();
            ApiLog.SendCheckTimedOut(logger, _budgetMs);
            decision = Allow("timeout");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ApiLog.SendCheckFailed(logger, e.GetType().Name, e);
            decision = Allow("error");
        }

        ApiLog.SendChecked(logger, decision.Action, decision.Reason, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return decision;
    }

    private SendCheckResponse Evaluate(DraftRequest request, DraftFormat format, string origin, CancellationToken cancellationToken)
    {
        var assessment = engine.Analyze(request, format);
        cancellationToken.ThrowIfCancellationRequested();
        if (assessment.Status != DraftStatus.Ok)
        {
            return Allow(DraftEngine.StatusName(assessment.Status));
        }

        var level = ToneCategories.Name(assessment.Level);
        var risk = DraftEngine.Round(assessment.Risk);
        if (assessment.Level != RiskLevel.Hold)
        {
            return new SendCheckResponse("allow", level, null, null, null, null, level, risk);
        }

        var delay = engine.Coach.CoolingOff(assessment, DraftEngine.Incoming(request) ?? assessment.Draft.QuotedMessage)?.Minutes ?? DefaultDelayMinutes;
        var (message, markdown) = Messages(assessment, delay);
        return new SendCheckResponse("prompt", level, message, markdown, delay, origin + "/taskpane.html", level, risk);
    }

    private static SendCheckResponse Allow(string reason) => new("allow", reason, null, null, null, null, "ok", 0);

    /// <summary>The Smart Alert text, plain and Markdown, each at most 500 characters.</summary>
    internal static (string Plain, string Markdown) Messages(Assessment assessment, int delayMinutes)
    {
        var draft = assessment.Draft;
        var top = assessment.Categories.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Take(2).Select(c => Describe(c.Key)).ToList();
        var how = top.Count == 0 ? "hostile" : string.Join(" and ", top);
        var examples = assessment.Spans
            .OrderByDescending(s => s.Strength)
            .Take(2)
            .Select(s => (Words: Clip(draft.Text.Substring(s.Start, s.Length), 60), s.Reason))
            .ToList();

        var plain = new StringBuilder($"This reply may come across as {how}.");
        foreach (var (words, reason) in examples)
        {
            plain.Append($" \"{words}\" {reason}.");
        }

        plain.Append($" Consider rewording it, or wait {delayMinutes} minutes before sending. Select Review in ReplyCoach for suggested wording.");

        var markdown = new StringBuilder($"**This reply may come across as {how}.**\n\n");
        foreach (var (words, reason) in examples)
        {
            markdown.Append($"- \"{EscapeMarkdown(words)}\": {EscapeMarkdown(reason)}\n");
        }

        markdown.Append($"\nConsider rewording it, or wait **{delayMinutes} minutes** before sending. Select **Review in ReplyCoach** for suggested wording.");
        return (Fit(plain.ToString(), how, delayMinutes, false), Fit(markdown.ToString(), how, delayMinutes, true));
    }

    // Examples go first when the message is too long; the advice at the end must survive.
    private static string Fit(string message, string how, int delayMinutes, bool markdown)
    {
        if (message.Length <= MaxMessageLength)
        {
            return message;
        }

        var shortMessage = markdown
            ? $"**This reply may come across as {how}.**\n\nConsider rewording it, or wait **{delayMinutes} minutes** before sending. Select **Review in ReplyCoach** for suggested wording."
            : $"This reply may come across as {how}. Consider rewording it, or wait {delayMinutes} minutes before sending. Select Review in ReplyCoach for suggested wording.";
        return shortMessage.Length <= MaxMessageLength ? shortMessage : shortMessage[..(MaxMessageLength - 1)] + "…";
    }

    private static string Clip(string text, int max)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)].TrimEnd() + "…";
    }

    private static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if ("\\`*_[]#<>|~".Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string Describe(ToneCategory category) => category switch
    {
        ToneCategory.Hostility => "hostile",
        ToneCategory.Blame => "blaming the customer",
        ToneCategory.Generalization => "generalising about a group of people",
        ToneCategory.Threat => "threatening",
        ToneCategory.Condescension => "condescending",
        ToneCategory.Dismissiveness => "dismissive",
        ToneCategory.Profanity => "crude",
        _ => "hostile",
    };
}
