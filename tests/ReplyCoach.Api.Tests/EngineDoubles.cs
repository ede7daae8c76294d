using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;

namespace ReplyCoach.Api.Tests;

/// <summary>The real engine with a detector that is slow or broken, to test that the on-send check fails open.</summary>
internal static class EngineDoubles
{
    public static Action<IServiceCollection> WithDetector(ISentenceDetector detector) => services =>
    {
        services.RemoveAll<DraftAnalyzer>();
        services.AddSingleton(new DraftAnalyzer(new DraftNormalizer(), detector, ToneModelLoader.LoadBuiltIn(), new AnalysisOptions()));
    };

    /// <summary>Takes <paramref name="delay"/> on every sentence before answering like the real detectors.</summary>
    public sealed class SlowDetector(TimeSpan delay) : ISentenceDetector
    {
        private readonly ToneDetector _real = new();

        public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming)
        {
            Thread.Sleep(delay);
            return _real.Detect(draftText, sentence, incoming);
        }
    }

    /// <summary>Throws on every sentence.</summary>
    public sealed class BrokenDetector : ISentenceDetector
    {
        public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming) =>
            throw new InvalidOperationException("detector failed");
    }
}
