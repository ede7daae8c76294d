using BenchmarkDotNet.Attributes;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Benchmarks;

/// <summary>
/// The explainable detectors alone on a 300-word reply of 20 sentences (a polite reply with a few hostile
/// sentences), so their share of the engine's budget is visible. Target: well under 40 µs per draft.
/// Run: dotnet run -c Release --project tests/ReplyCoach.Benchmarks -- --filter '*Detector*'
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    /// <summary>About 300 words in 20 sentences; four of them are hostile in different ways.</summary>
    public const string Draft =
        "Hi Maria, thank you for getting back to us so quickly about order 58213. " +
        "I have looked into the delivery history and I can see that the parcel left our warehouse on the 3rd of March. " +
        "The courier marked it as delivered on the 6th, but I understand that nothing arrived at your door. " +
        "I am sorry for the trouble this has caused, especially since the blender was meant to be a birthday present. " +
        "To be honest, people like you never read the tracking page before writing to us. " +
        "I have opened a claim with the courier, and they usually answer within two working days. " +
        "While we wait, I would like to offer you a replacement that can be sent out tomorrow morning. " +
        "If you prefer a refund instead, just reply to this email and I will arrange it straight away. " +
        "Frankly, this is the third time you have wasted my time with a complaint like this. " +
        "Please check with your neighbours and your building's reception, as couriers sometimes leave parcels there. " +
        "If the parcel turns up later, you are welcome to keep it or send it back with the prepaid label. " +
        "You can find the label in your account under Orders, then Returns. " +
        "I have also added a note to your account so that any colleague can see the whole story. " +
        "Keep posting those reviews and we'll close your account for good. " +
        "Stop pretending you followed the steps, because you obviously did not. " +
        "If anything else is unclear, I am happy to walk you through it on the phone. " +
        "You can reach me directly on 020 7946 0958 between nine and five. " +
        "Thanks again for your patience while we sort this out. " +
        "I will write again as soon as the courier replies. " +
        "Kind regards and have a lovely weekend.";

    private readonly ToneDetector _detector = new();
    private Sentence[] _sentences = [];

    /// <summary>Splits the draft once (the normaliser's job in the real pipeline) and warms the shared lexicons.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < Draft.Length; i++)
        {
            if (Draft[i] == '.' && (i + 1 == Draft.Length || Draft[i + 1] == ' '))
            {
                sentences.Add(new Sentence(sentences.Count, start, i + 1 - start, Draft[start..(i + 1)]));
                start = i + 2;
            }
        }

        _sentences = [.. sentences];
        _ = _detector.Detect(Draft, _sentences[0], null);
    }

    /// <summary>All detectors over every sentence of the draft, as the analyser runs them.</summary>
    [Benchmark]
    public int DetectDraft()
    {
        var hits = 0;
        foreach (var sentence in _sentences)
        {
            hits += _detector.Detect(Draft, sentence, null).Hits.Count;
        }

        return hits;
    }

    /// <summary>One hostile sentence, for the per-sentence cost.</summary>
    [Benchmark]
    public SentenceSignals DetectHostileSentence() => _detector.Detect(Draft, _sentences[14], null);
}
