using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Core.Coaching.LanguageModel;

/// <summary>Words flagged in a sentence, as the rewriter is told about them.</summary>
/// <param name="Text">The words.</param>
/// <param name="Category">Their category.</param>
/// <param name="Reason">Why they were flagged.</param>
public sealed record FlaggedPhrase(string Text, ToneCategory Category, string Reason);

/// <summary>A request to reword one flagged sentence.</summary>
/// <param name="Sentence">The sentence.</param>
/// <param name="Flagged">What was flagged in it.</param>
public sealed record SentenceRewriteRequest(string Sentence, IReadOnlyList<FlaggedPhrase> Flagged);

/// <summary>
/// An external rewriter (a language model). Its answer is only a proposal: the coach verifies it like any other
/// rewording and falls back to the built-in rewriter when it is late, fails or does not pass.
/// </summary>
public interface ISentenceRewriter
{
    /// <summary>Rewords one sentence; null when it has nothing to offer.</summary>
    Task<string?> RewriteAsync(SentenceRewriteRequest request, CancellationToken cancellationToken);
}
