using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>What the coaching layer adds to an assessment.</summary>
/// <param name="Partial">Whether coaching stopped at the time budget (the suggestions and rewrite are the best so far).</param>
/// <param name="UncoachedSentences">Flagged sentences with no suggestion and no rewording (beyond the cap, or past the budget).</param>
/// <param name="SpansWithoutSuggestions">Spans of coached sentences offered none because the suggestion cap was reached.</param>
internal sealed record Coaching(
    IReadOnlyList<SuggestionDto> Suggestions,
    RewriteDto? Rewrite,
    CoolingOffDto? CoolingOff,
    bool Partial = false,
    int UncoachedSentences = 0,
    int SpansWithoutSuggestions = 0)
{
    public static Coaching None { get; } = new([], null, null);
}

/// <summary>
/// The seam between the web service and the coaching layer (suggestions, verified rewrite, cooling-off advice), in the
/// steps the service schedules apart: waiting for a language model (outside any lane), the engine's work (in a lane,
/// under a time budget), and shaping the answer.
/// </summary>
internal interface IDraftCoach
{
    /// <summary>Whether a language model is configured (<see cref="ProposeAsync"/> asks it).</summary>
    bool UsesLanguageModel { get; }

    /// <summary>
    /// Asks the configured language model (none configured: nothing) to reword the sentences that will be coached; only
    /// waits, bounded by its timeout. Only for callers that can wait: never the on-send check.
    /// </summary>
    Task<LanguageModelRewordings> ProposeAsync(Assessment assessment, CancellationToken cancellationToken);

    /// <summary>
    /// Suggestions and the verified rewrite with the built-in rewriter and <paramref name="rewordings"/> (CPU work);
    /// stops at <paramref name="stop"/> with the best result so far.
    /// </summary>
    CoachingResult Coach(Assessment assessment, string? incoming, LanguageModelRewordings rewordings, CancellationToken stop);

    /// <summary>
    /// The coaching as the API answers it, with cooling-off advice that <paramref name="recentFlaggedDrafts"/> (how many of
    /// the agent's checks were flagged lately, <see cref="Audit.RecentFlags"/>) lengthens.
    /// </summary>
    Coaching Shape(Assessment assessment, CoachingResult result, string? incoming, int recentFlaggedDrafts);

    /// <summary>Only the cooling-off advice (cheap).</summary>
    CoolingOffDto? CoolingOff(Assessment assessment, string? incoming, int recentFlaggedDrafts);
}
