using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// The explainable layer: grammar-aware lexicons and patterns that find hostile, blaming, generalising,
/// threatening, condescending, dismissive and profane words in a sentence, and the context that changes how they
/// read (negation, conditionals, reported speech, quotation, apologies, retractions, empathy, self-direction,
/// shouting). Every hit covers the words that carry it and says why in plain words.
/// </summary>
/// <remarks>
/// Lexicons and rules are compiled once per process and shared; the detector holds no mutable state, so one
/// instance can serve any number of threads. A sentence is tokenized once into stack memory; the only
/// allocations are the returned hits and feature vector.
/// </remarks>
public sealed class ToneDetector : ISentenceDetector
{
    private readonly DetectorEngine _engine;

    /// <summary>Creates the detector (the first instance in a process compiles the shared lexicons and rules).</summary>
    public ToneDetector() => _engine = DetectorEngine.Instance;

    /// <inheritdoc />
    public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming)
    {
        ArgumentNullException.ThrowIfNull(draftText);
        ArgumentNullException.ThrowIfNull(sentence);
        return _engine.Analyze(draftText, sentence, incoming);
    }
}
