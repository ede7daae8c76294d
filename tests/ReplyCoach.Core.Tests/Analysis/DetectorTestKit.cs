using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Analysis;

/// <summary>Runs the real detector over one sentence and reads its findings.</summary>
internal static class DetectorTestKit
{
    /// <summary>Findings at or above this strength are what a person would be shown (the caution threshold).</summary>
    public const float Shown = 0.5f;

    /// <summary>Context cases may leave a trace, but nothing above this.</summary>
    public const float Trace = 0.2f;

    private static readonly ToneDetector Detector = new();

    public static SentenceSignals Detect(string text, string? incoming = null) =>
        Detector.Detect(text, new Sentence(0, 0, text.Length, text), incoming);

    public static string Covered(string text, Evidence hit) => text.Substring(hit.Start, hit.Length);

    /// <summary>The strongest finding of a category, or null.</summary>
    public static Evidence? Strongest(SentenceSignals signals, ToneCategory category) =>
        signals.Hits.Where(h => h.Category == category).OrderByDescending(h => h.Strength).FirstOrDefault();

    /// <summary>Asserts a shown finding of <paramref name="category"/> whose span covers <paramref name="trigger"/>.</summary>
    public static Evidence AssertFinds(string text, ToneCategory category, string trigger, string? incoming = null)
    {
        var signals = Detect(text, incoming);
        var hit = signals.Hits
            .Where(h => h.Category == category && h.Strength >= Shown)
            .FirstOrDefault(h => Covered(text, h).Contains(trigger, StringComparison.OrdinalIgnoreCase));
        Assert.That(hit, Is.Not.Null, $"no {category} hit covering \"{trigger}\" in \"{text}\"; found: {Describe(text, signals)}");
        Assert.That(hit!.Reason, Is.Not.Empty);
        Assert.That(hit.Start, Is.GreaterThanOrEqualTo(0));
        Assert.That(hit.End, Is.LessThanOrEqualTo(text.Length));
        return hit;
    }

    /// <summary>Asserts nothing the detector found in <paramref name="text"/> is stronger than <paramref name="limit"/>.</summary>
    public static SentenceSignals AssertQuiet(string text, float limit = Trace, string? incoming = null)
    {
        var signals = Detect(text, incoming);
        Assert.That(signals.Hits.Where(h => h.Strength > limit), Is.Empty, $"\"{text}\": {Describe(text, signals)}");
        return signals;
    }

    public static string Describe(string text, SentenceSignals signals) =>
        signals.Hits.Count == 0
            ? "nothing"
            : string.Join("; ", signals.Hits.Select(h => $"{h.Category} {h.Strength:0.00} [{Covered(text, h)}] {h.Reason}"));
}
