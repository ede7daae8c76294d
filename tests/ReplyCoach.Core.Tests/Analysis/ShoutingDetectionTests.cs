using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class ShoutingDetectionTests
{
    [Test]
    public void Detect_CapitalsAddressedToReader_FlagsShoutingAndAddsALittleHostility()
    {
        const string text = "PLEASE READ THE FAQ BEFORE YOU WRITE TO US AGAIN.";
        var signals = Detect(text);

        Assert.That(signals.Context.HasFlag(ContextFlags.Shouting), Is.True);
        var hit = Strongest(signals, ToneCategory.Hostility);
        Assert.That(hit, Is.Not.Null);
        Assert.That(hit!.Strength, Is.InRange(0.2f, 0.5f));
        Assert.That(Covered(text, hit), Does.Contain("READ"));
    }

    [Test]
    public void Detect_ExclamationRun_FlagsShouting()
    {
        var signals = Detect("Why are you still emailing us?!?!");

        Assert.That(signals.Context.HasFlag(ContextFlags.Shouting), Is.True);
    }

    [Test]
    public void Detect_CapitalsNotAddressedToReader_FlagsShoutingWithoutHit()
    {
        var signals = Detect("THE WAREHOUSE IS CLOSED ON MONDAY.");

        Assert.That(signals.Context.HasFlag(ContextFlags.Shouting), Is.True);
        Assert.That(signals.Hits, Is.Empty);
    }

    [TestCase("Your USB ID and the UPS tracking number are in the FAQ.")]
    [TestCase("Please send the PDF to our HR team ASAP.")]
    [TestCase("OK, thanks!")]
    [TestCase("Great news!")]
    public void Detect_AcronymsOrSingleExclamation_AreNotShouting(string sentence)
    {
        var signals = Detect(sentence);

        Assert.That(signals.Context.HasFlag(ContextFlags.Shouting), Is.False);
        Assert.That(signals.Hits, Is.Empty);
    }

    [Test]
    public void Detect_ShoutedInsult_StillFindsTheInsult()
    {
        AssertFinds("YOU ARE AN IDIOT!!!", ToneCategory.Hostility, "IDIOT");
    }
}
