using ReplyCoach.Core.Coaching.Evaluation;

namespace ReplyCoach.Core.Tests.Coaching;

public sealed class ChrFTests
{
    // Reference values published with the sacreBLEU-based chrF metric (char order 6, β 2).
    [Test]
    public void Sentence_KnownPair_MatchesSacreBleu()
    {
        var score = ChrF.Sentence(
            "The relationship between Obama and Netanyahu is not exactly friendly.",
            "The ties between Obama and Netanyahu are not particularly friendly.");

        Assert.That(score, Is.EqualTo(61.576379378113785).Within(1e-9));
    }

    [Test]
    public void Score_KnownCorpus_MatchesSacreBleu()
    {
        var chrF = new ChrF();
        chrF.Add("The relationship between cats and dogs is not exactly friendly.", ["The relationship between dogs and cats is not exactly friendly."]);
        chrF.Add("a good bookshop is just a genteel black hole that knows how to read.", ["A good bookshop is just a genteel Black Hole that knows how to read."]);

        Assert.That(chrF.Score, Is.EqualTo(84.64214891738334).Within(1e-9));
        Assert.That(chrF.Count, Is.EqualTo(2));
    }

    [Test]
    public void Sentence_Identical_Is100AndDisjointIs0()
    {
        Assert.That(ChrF.Sentence("same words", "same words"), Is.EqualTo(100).Within(1e-9));
        Assert.That(ChrF.Sentence("abc", "xyz"), Is.Zero);
    }

    [Test]
    public void Add_SeveralReferences_UsesTheBestOne()
    {
        var best = ChrF.Sentence("he was brave too", "he was brave too", "completely different");

        Assert.That(best, Is.EqualTo(100).Within(1e-9));
    }
}
