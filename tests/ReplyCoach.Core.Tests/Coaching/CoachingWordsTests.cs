using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.Facts;

namespace ReplyCoach.Core.Tests.Coaching;

/// <summary>The coach reads the detectors' insult lists instead of keeping its own.</summary>
public sealed class CoachingWordsTests
{
    // "dunce" and "ignoramus" were missing from the coach's former list of its own.
    [TestCase("dunce")]
    [TestCase("ignoramus")]
    [TestCase("idiots")]
    public void InsultNouns_NounOfTheDetectorsLexicon_IsMatched(string noun) =>
        Assert.That(Regex.IsMatch(noun, $"^(?:{CoachingWords.InsultNouns})$"), Is.True);

    [Test]
    public void InsultNouns_EveryFormTheDetectorsList_IsMatched() =>
        Assert.That(Lexicon.InsultNounForms().Where(f => !Regex.IsMatch(f, $"^(?:{CoachingWords.InsultNouns})$")), Is.Empty);

    [Test]
    public void Extract_CapitalisedInsultOfTheDetectorsLexicon_IsNotTakenForAName() =>
        Assert.That(FactExtractor.Extract("Listen, Dunce, the form from Anna is attached.").Where(f => f.Kind == FactKind.Name).Select(f => f.Text), Is.EqualTo(new[] { "Anna" }));
}
