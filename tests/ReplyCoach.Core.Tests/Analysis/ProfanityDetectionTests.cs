using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class ProfanityDetectionTests
{
    [TestCase("This is bullshit.", "bullshit")]
    [TestCase("What the f*ck is this?", "f*ck")]
    [TestCase("What a load of sh1t.", "sh1t")]
    [TestCase("F**k this.", "F**k")]
    [TestCase("Holy sh*t, what a mess.", "sh*t")]
    [TestCase("What the fck is wrong with you?", "fck")]
    [TestCase("You're a pain in the a$$.", "a$$")]
    [TestCase("What the hell did you do to it?", "hell")]
    [TestCase("The damn printer jammed again.", "damn")]
    public void Detect_SwearWord_FindsProfanityOnTheWord(string sentence, string trigger)
    {
        var hit = AssertFinds(sentence, ToneCategory.Profanity, trigger);

        Assert.That(hit.Length, Is.EqualTo(trigger.Length), "the span is the swear word itself");
    }

    [Test]
    public void Detect_MaskedSwearWord_SaysItIsDisguised()
    {
        var hit = AssertFinds("What the f*ck is this?", ToneCategory.Profanity, "f*ck");

        Assert.That(hit.Reason, Is.EqualTo("uses a disguised swear word"));
    }

    [TestCase("Please assess the class of the glass before passing it on.")]
    [TestCase("Dick Smith from our Hull office will call you.")]
    [TestCase("The Samsung A55 and the MP3 player ship tomorrow.")]
    [TestCase("Your order #4521 costs $50 with 20% off.")]
    [TestCase("Scunthorpe and Penistone depots are closed today.")]
    public void Detect_InnocentWordsAndNames_ShowNothing(string sentence) => AssertQuiet(sentence);

    [Test]
    public void Detect_QuotedSwearWordOfTheCustomer_IsWeak()
    {
        const string Text = "You wrote that our service is \"shit\", and I'm sorry you feel that way.";
        var signals = Detect(Text);

        Assert.That(signals.Hits.Where(h => h.Strength >= Shown), Is.Empty, Describe(Text, signals));
        Assert.That(signals.Context.HasFlag(ContextFlags.Quotation), Is.True);
    }
}
