using Microsoft.Extensions.Options;
using ReplyCoach.Api.Hosting;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.CoolingOff;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>The coaching layer of ReplyCoach.Core, shaped for the API.</summary>
internal sealed class CoachingAdapter(
    DraftCoach coach,
    CoolingOffPolicy coolingOff,
    IOptions<CoachingOptions> options,
    ILogger<LanguageModelSetup.HttpLanguageModelRewriter> logger) : IDraftCoach
{
    private readonly bool _languageModel = options.Value.LanguageModel.Enabled;

    public Task<Coaching> CoachAsync(Assessment assessment, string? incoming, int recentFlaggedDrafts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var context = new CoachingContext(Incoming: incoming, RecentFlaggedDrafts: recentFlaggedDrafts);
        return Task.FromResult(Shape(assessment, coach.Coach(assessment, context), incoming, recentFlaggedDrafts));
    }

    public async Task<Coaching> CoachWithLanguageModelAsync(Assessment assessment, string? incoming, int recentFlaggedDrafts, CancellationToken cancellationToken)
    {
        var result = await coach.CoachAsync(assessment, new CoachingContext(Incoming: incoming, RecentFlaggedDrafts: recentFlaggedDrafts), cancellationToken);
        if (_languageModel && result.Rewrite.Sentences.Count > 0)
        {
            var flagged = result.Rewrite.Sentences.Count;
            var used = result.Rewrite.Sentences.Count(static s => s.Source == RewriteSource.LanguageModel);
            if (result.Notes.Count > 0)
            {
                ApiLog.LanguageModelFellBack(logger, flagged - used, flagged, string.Join(" ", result.Notes));
            }
            else
            {
                ApiLog.LanguageModelUsed(logger, used, flagged);
            }
        }

        return Shape(assessment, result, incoming, recentFlaggedDrafts);
    }

    private Coaching Shape(Assessment assessment, CoachingResult result, string? incoming, int recentFlaggedDrafts)
    {
        var suggestions = new List<SuggestionDto>();
        for (var i = 0; i < result.Spans.Count; i++)
        {
            var span = result.Spans[i];
            var index = IndexOf(assessment.Spans, span.Span);
            foreach (var suggestion in span.Suggestions)
            {
                suggestions.Add(new SuggestionDto(
                    "s" + (suggestions.Count + 1),
                    index,
                    ToneCategories.Name(span.Span.Category),
                    span.Span.Reason,
                    span.Text,
                    suggestion.SentenceAfter,
                    suggestion.Rationale,
                    suggestion.Edits.Select(ToDto).ToList(),
                    DraftEngine.Round(suggestion.RiskBefore),
                    DraftEngine.Round(suggestion.RiskAfter),
                    SourceName(suggestion.Source)));
            }
        }

        var rewrite = result.Rewrite;
        var rewriteDto = new RewriteDto(
            rewrite.Text,
            rewrite.Edits.Select(ToDto).ToList(),
            DraftEngine.Round(assessment.Risk),
            DraftEngine.Round(result.RemainingRisk),
            ToneCategories.Name(result.RemainingLevel),
            rewrite.Changed,
            rewrite.Sentences.Select(s => new SentenceRewriteDto(s.SentenceIndex, s.Before, s.After, s.Rationale,
                DraftEngine.Round(s.RiskBefore), DraftEngine.Round(s.RiskAfter), s.Fixed)).ToList());
        return new Coaching(suggestions, rewriteDto, CoolingOff(assessment, incoming, recentFlaggedDrafts));
    }

    public CoolingOffDto? CoolingOff(Assessment assessment, string? incoming, int recentFlaggedDrafts)
    {
        if (assessment.Level == RiskLevel.Ok)
        {
            return null;
        }

        var advice = coolingOff.Advise(new CoolingOffRequest(
            assessment.Level, assessment.Categories, IncomingMood.IsUpset(incoming), RecentFlaggedDrafts: recentFlaggedDrafts));
        return advice.Minutes <= 0 ? null : new CoolingOffDto(advice.Minutes, advice.SendAt, string.Join(" ", advice.Reasons), advice.Reasons);
    }

    private static int IndexOf(IReadOnlyList<Evidence> spans, Evidence evidence)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            if (spans[i] == evidence)
            {
                return i;
            }
        }

        return -1;
    }

    private static EditDto ToDto(TextEdit edit) =>
        new(edit.Start, edit.Length, edit.Replacement, edit.OriginalStart, edit.OriginalLength, edit.OriginalReplacement);

    private static string SourceName(RewriteSource source) => source == RewriteSource.LanguageModel ? "language_model" : "built_in";
}
