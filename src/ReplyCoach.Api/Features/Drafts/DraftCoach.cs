using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>What the coaching layer adds to an assessment.</summary>
internal sealed record Coaching(IReadOnlyList<SuggestionDto> Suggestions, RewriteDto? Rewrite, CoolingOffDto? CoolingOff)
{
    public static Coaching None { get; } = new([], null, null);
}

/// <summary>The seam between the web service and the coaching layer (suggestions, verified rewrite, cooling-off advice).</summary>
internal interface IDraftCoach
{
    /// <summary>
    /// Suggestions, rewrite and cooling-off advice for an assessed draft, from the built-in rewriter (never waits on a
    /// language model). <paramref name="recentFlaggedDrafts"/>: how many of the agent's checks were flagged lately
    /// (<see cref="Audit.RecentFlags"/>), which lengthens the cooling-off advice.
    /// </summary>
    Task<Coaching> CoachAsync(Assessment assessment, string? incoming, int recentFlaggedDrafts, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="CoachAsync"/>, asking the configured language model first (verified, and bounded by its timeout,
    /// with the built-in rewriter as the fallback). Only for callers that can wait: never the on-send check.
    /// </summary>
    Task<Coaching> CoachWithLanguageModelAsync(Assessment assessment, string? incoming, int recentFlaggedDrafts, CancellationToken cancellationToken);

    /// <summary>Only the cooling-off advice (cheap).</summary>
    CoolingOffDto? CoolingOff(Assessment assessment, string? incoming, int recentFlaggedDrafts);
}
