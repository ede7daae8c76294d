using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Coaching.Fakes;

/// <summary>A hand-written detector for coaching tests: fixed phrases per category, nothing clever.</summary>
internal sealed class PhraseDetector : ISentenceDetector
{
    private readonly (Regex Pattern, ToneCategory Category, float Strength)[] _rules;

    public PhraseDetector(params (string Pattern, ToneCategory Category, float Strength)[] rules)
    {
        _rules = [.. rules.Select(r => (new Regex(r.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), r.Category, r.Strength))];
    }

    /// <summary>One or two phrases per category, enough to exercise every rewriting rule.</summary>
    public static PhraseDetector Default { get; } = new(
        (@"\b(?:idiot|moron)s?\b", ToneCategory.Hostility, 0.9f),
        (@"\bstupid\b", ToneCategory.Hostility, 0.8f),
        (@"\bare you blind\b", ToneCategory.Hostility, 0.85f),
        (@"\bwhat is wrong with you\b", ToneCategory.Hostility, 0.85f),
        (@"\byou must have \w+", ToneCategory.Blame, 0.8f),
        (@"\byou (?:didn't|did not|never) \w+", ToneCategory.Blame, 0.7f),
        (@"\byou(?:'re| are) lying\b", ToneCategory.Blame, 0.9f),
        (@"\bstop pretending\b", ToneCategory.Blame, 0.8f),
        (@"\byou people\b", ToneCategory.Generalization, 0.9f),
        (@"\bcustomers from that country always\b", ToneCategory.Generalization, 0.9f),
        (@"\bor else\b", ToneCategory.Threat, 0.85f),
        (@"\bsue you\b", ToneCategory.Threat, 0.9f),
        (@"\byou will regret\b", ToneCategory.Threat, 0.9f),
        (@"\bas I already said\b", ToneCategory.Condescension, 0.7f),
        (@"\bdid you even\b", ToneCategory.Condescension, 0.75f),
        (@"\bobviously\b", ToneCategory.Condescension, 0.6f),
        (@"\bnot rocket science\b", ToneCategory.Condescension, 0.75f),
        (@"\bnot my problem\b", ToneCategory.Dismissiveness, 0.8f),
        (@"\bthis conversation is over\b", ToneCategory.Dismissiveness, 0.8f),
        (@"\bdeal with it\b", ToneCategory.Dismissiveness, 0.75f),
        (@"\b(?:damn|fucking|shit|crap)\b", ToneCategory.Profanity, 0.85f),
        (@"\bwhat the hell\b", ToneCategory.Profanity, 0.8f));

    /// <summary>How many sentences were examined (to see that rewordings are re-scored).</summary>
    public int Calls => _calls;

    private int _calls;

    public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming)
    {
        Interlocked.Increment(ref _calls);
        Assert.That(draftText.Substring(sentence.Start, sentence.Length), Is.EqualTo(sentence.Text), "the sentence must lie in the draft text at its offsets");
        var hits = new List<Evidence>();
        foreach (var (pattern, category, strength) in _rules)
        {
            foreach (Match match in pattern.Matches(sentence.Text))
            {
                hits.Add(new Evidence(sentence.Start + match.Index, match.Length, category, "test reason: " + ToneCategories.Name(category), strength));
            }
        }

        var context = ContextFlags.None;
        if (IsShouting(sentence.Text))
        {
            context |= ContextFlags.Shouting;
            hits.Add(new Evidence(sentence.Start, sentence.Length, ToneCategory.Hostility, "test reason: shouting", 0.7f));
        }

        return new SentenceSignals(hits, context, DetectorFeatures.Build(hits, context));
    }

    private static bool IsShouting(string text)
    {
        var letters = text.Count(char.IsLetter);
        return letters >= 8 && text.Count(char.IsUpper) >= letters * 0.7;
    }
}

/// <summary>A detector that finds hostility in whatever a rewording adds, to see that verification refuses it.</summary>
internal sealed class SpitefulDetector(ISentenceDetector inner, string trigger) : ISentenceDetector
{
    public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming)
    {
        var signals = inner.Detect(draftText, sentence, incoming);
        var at = sentence.Text.IndexOf(trigger, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return signals;
        }

        List<Evidence> hits = [.. signals.Hits, new Evidence(sentence.Start + at, trigger.Length, ToneCategory.Hostility, "test reason: spite", 0.99f)];
        return signals with { Hits = hits, Features = DetectorFeatures.Build(hits, signals.Context) };
    }
}
