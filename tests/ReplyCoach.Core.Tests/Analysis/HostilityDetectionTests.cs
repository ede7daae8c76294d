using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class HostilityDetectionTests
{
    [TestCase("What is wrong with you?", "wrong with you")]
    [TestCase("Your e-mails are a waste of my time.", "waste of my time")]
    [TestCase("Are you stupid?", "stupid")]
    [TestCase("You're an idiot for ignoring the tracking e-mail.", "idiot")]
    [TestCase("Listen, you absolute moron, the refund is processed.", "moron")]
    [TestCase("You're honestly the dumbest customer I've dealt with this year.", "dumbest")]
    [TestCase("How stupid can you be?", "stupid")]
    [TestCase("Are you really this thick?", "thick")]
    [TestCase("You're being ridiculous.", "ridiculous")]
    [TestCase("Your request is absurd.", "absurd")]
    [TestCase("That is the most idiotic question I have ever received.", "idiotic")]
    [TestCase("Shut up and read the manual.", "Shut up")]
    [TestCase("Who do you think you are?", "who do you think you are")]
    [TestCase("Honestly, your behaviour disgusts me.", "disgusts me")]
    [TestCase("You've got the memory of a goldfish.", "goldfish")]
    [TestCase("Stop being so obnoxious.", "obnoxious")]
    [TestCase("I'm sick of your constant whining.", "sick of your")]
    public void Detect_InsultOrContempt_FindsHostilityOnTheWords(string sentence, string trigger) =>
        AssertFinds(sentence, ToneCategory.Hostility, trigger);

    [Test]
    public void Detect_DirectInsult_IsStrongerThanUnaimedInsultingWord()
    {
        var aimed = Strongest(Detect("You are a complete idiot."), ToneCategory.Hostility);
        var unaimed = Strongest(Detect("The idiot light on the dashboard is on."), ToneCategory.Hostility);

        Assert.That(aimed, Is.Not.Null);
        Assert.That(aimed!.Strength, Is.GreaterThanOrEqualTo(0.9f));
        Assert.That(unaimed?.Strength ?? 0f, Is.LessThan(aimed.Strength));
    }

    [Test]
    public void Detect_DirectInsult_ReasonSaysItInsultsTheReader()
    {
        var hit = AssertFinds("You are an idiot who never reads our replies.", ToneCategory.Hostility, "idiot");

        Assert.That(hit.Reason, Does.Contain("reader"));
    }

    [TestCase("I was an idiot to miss your email; sorry about that.")]
    [TestCase("Our system was useless yesterday, and we have fixed it.")]
    [TestCase("We had a crazy week, but your order is on its way.")]
    [TestCase("This is a ridiculous delay and I apologise for it.")]
    [TestCase("Your experience sounds terrible, and I want to put it right.")]
    [TestCase("I'll send you the form again.")]
    [TestCase("The dummy account is only for testing.")]
    [TestCase("The idiot-proof setup wizard will guide you.")]
    public void Detect_HarshWordNotAimedAtReader_ShowsNothing(string sentence) =>
        AssertQuiet(sentence, limit: Shown - 0.01f);

    [Test]
    public void Detect_SelfCriticism_SetsSelfDirectedWithoutHit()
    {
        var signals = AssertQuiet("I was stupid to send the wrong invoice.");

        Assert.That(signals.Context.HasFlag(ContextFlags.SelfDirected), Is.True);
    }

    [Test]
    public void Detect_NegatedInsult_SetsNegatedWithoutHit()
    {
        var signals = AssertQuiet("You are not stupid for asking this.");

        Assert.That(signals.Context.HasFlag(ContextFlags.Negated), Is.True);
    }

    [Test]
    public void Detect_ProhibitionOfInsult_StillFindsIt()
    {
        // "Don't be an idiot" is a command, not a denial: the negation does not cancel it.
        AssertFinds("Don't be an idiot.", ToneCategory.Hostility, "idiot");
    }
}
