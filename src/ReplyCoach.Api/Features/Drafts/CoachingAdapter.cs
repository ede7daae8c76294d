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

    public bool UsesLanguageModel => _languageModel;

    public Task<LanguageModelRewordings> ProposeAsync(Assessment assessment, CancellationToken cancellationToken) =>
        _languageModel ? coach.ProposeAsync(assessment, cancellationToken) : Task.FromResult(LanguageModelRewordings.None);

    public CoachingResult Coach(Assessment assessment, string? incoming, LanguageModelRewordings rewordings, CancellationToken stop)
    {
        // The cooling-off advice is made in Shape, with the agent's recent flags; the core's own is not used.
        var result = coach.Coach(assessment, new CoachingContext(Incoming: incoming), rewordings, stop);
        if (_languageModel && rewordings != LanguageModelRewordings.None && result.Rewrite.Sentences.Count > 0)
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

        return result;
    }

    public Coaching Shape(Assessment assessment, CoachingResult result, string? incoming, int recentFlaggedDrafts)
    {
        var suggestions = new List<SuggestionDto>();
        var index = SpanIndex(assessment.Spans);
        for (var i = 0; i < result.Spans.Count; i++)
        {
            var span = result.Spans[i];
            foreach (var suggestion in span.Suggestions)
            {
                suggestions.Add(new SuggestionDto(
                    "s" + (suggestions.Count + 1),
                    index.TryGetValue(span.Span, out var at) ? at : -1,
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
        return new Coaching(suggestions, rewriteDto, CoolingOff(assessment, incoming, recentFlaggedDrafts), result.Partial, result.UncoachedSentences,
            result.SpansWithoutSuggestions);
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

    // The first index of each span in the answer's list (a span's suggestions point at it), found once per answer.
    private static Dictionary<Evidence, int> SpanIndex(IReadOnlyList<Evidence> spans)
    {
        var index = new Dictionary<Evidence, int>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            index.TryAdd(spans[i], i);
        }

        return index;
    }

    private static EditDto ToDto(TextEdit edit) =>
        new(edit.Start, edit.Length, edit.Replacement, edit.OriginalStart, edit.OriginalLength, edit.OriginalReplacement);

    private static string SourceName(RewriteSource source) => source == RewriteSource.LanguageModel ? "language_model" : "built_in";
}
