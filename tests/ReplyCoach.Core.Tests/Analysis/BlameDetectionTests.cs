using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class BlameDetectionTests
{
    [TestCase("You must have dropped it.", "must have dropped")]
    [TestCase("Stop pretending you followed the steps.", "pretending")]
    [TestCase("That never happened and you know it.", "you know it")]
    [TestCase("Obviously you didn't read the instructions.", "didn't read")]
    [TestCase("You must've broken it yourself.", "broken")]
    [TestCase("You obviously dropped the phone.", "dropped")]
    [TestCase("You're lying about the delivery date.", "lying")]
    [TestCase("It is entirely your own fault.", "your own fault")]
    [TestCase("You only have yourself to blame.", "yourself to blame")]
    [TestCase("You are clearly trying to get a free replacement.", "trying to get a free")]
    [TestCase("If you had actually read the instructions, this would not have happened.", "had actually read")]
    [TestCase("Your story keeps changing.", "story keeps changing")]
    [TestCase("We don't believe your story.", "believe")]
    [TestCase("Did you really think we would not notice the serial number?", "think we would not notice")]
    [TestCase("Stop inventing conversations with our drivers.", "inventing")]
    [TestCase("The screen cracked because you dropped it on the tiles.", "because you dropped")]
    public void Detect_AccusationOfFaultOrLying_FindsBlame(string sentence, string trigger) =>
        AssertFinds(sentence, ToneCategory.Blame, trigger);

    [Test]
    public void Detect_MustHaveDropped_StrengthIsHighButBelowAnInsult()
    {
        var hit = AssertFinds("You must have dropped it.", ToneCategory.Blame, "dropped");

        Assert.That(hit.Strength, Is.InRange(0.7f, 0.9f));
    }

    [Test]
    public void Detect_CallingTheCustomerALiar_ReasonSaysNotTellingTheTruth()
    {
        var hit = AssertFinds("You are lying.", ToneCategory.Blame, "lying");

        Assert.That(hit.Reason, Is.EqualTo("tells the customer they are not telling the truth"));
    }

    [Test]
    public void Detect_ConditionalPolicy_IsQuietAndHedged()
    {
        var signals = AssertQuiet("If the seal is broken, the warranty does not apply.");

        Assert.That(signals.Context.HasFlag(ContextFlags.Hedged), Is.True);
    }

    [Test]
    public void Detect_ConditionalAccusationInPolicy_IsQuiet()
    {
        AssertQuiet("If you dropped the device, the damage is not covered by the warranty.");
    }

    [Test]
    public void Detect_NotAtFault_IsQuietAndNegated()
    {
        var signals = AssertQuiet("You are not at fault.");

        Assert.That(signals.Context.HasFlag(ContextFlags.Negated), Is.True);
    }

    [Test]
    public void Detect_NotSayingYouLied_IsQuietAndNegated()
    {
        var signals = AssertQuiet("I'm not saying you lied.");

        Assert.That(signals.Context.HasFlag(ContextFlags.Negated), Is.True);
    }

    [TestCase("Damage caused by misuse is not covered by the warranty.")]
    [TestCase("The device shows signs of water damage, which is not covered.")]
    [TestCase("The technician found that the device had been opened, which voids the warranty.")]
    [TestCase("The guarantee is not cancelled just because you removed the back panel.")]
    [TestCase("It's not your fault that the package was delayed.")]
    [TestCase("You didn't do anything wrong.")]
    [TestCase("You must have been very frustrated.")]
    [TestCase("You dropped off the parcel at the wrong depot, so I have asked them to forward it.")]
    public void Detect_FactOrReassurance_IsQuiet(string sentence) => AssertQuiet(sentence, limit: Shown - 0.01f);
}
