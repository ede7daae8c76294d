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

    /// <summary>
    /// Holds every sentence that contains <see cref="Marker"/> until <see cref="Release"/> (at most a minute), so a test
    /// can keep a lane busy for as long as it needs; every other sentence goes straight to the real detectors.
    /// </summary>
    public sealed class GateDetector : ISentenceDetector, IDisposable
    {
        public const string Marker = "Holdthelane";

        private readonly ToneDetector _real = new();
        private readonly ManualResetEventSlim _open = new(false);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a sentence with the marker is being held.</summary>
        public Task Entered => _entered.Task;

        public void Release() => _open.Set();

        public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming)
        {
            if (sentence.Text.Contains(Marker, StringComparison.Ordinal))
            {
                _entered.TrySetResult();
                _open.Wait(TimeSpan.FromMinutes(1));
            }

            return _real.Detect(draftText, sentence, incoming);
        }

        public void Dispose()
        {
            _open.Set();
            _open.Dispose();
        }
    }
}
