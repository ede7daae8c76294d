using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class CondescensionDetectionTests
{
    [TestCase("Let me explain this slowly.", "explain this slowly")]
    [TestCase("As anyone who can read would know, the port is on the left.", "anyone who can read")]
    [TestCase("Wow, congratulations on finally opening the manual.", "congratulations on finally")]
    [TestCase("I'll use small words.", "small words")]
    [TestCase("Let me spell it out for you.", "spell it out")]
    [TestCase("It's not rocket science.", "rocket science")]
    [TestCase("Even a child could set this up.", "Even a child")]
    [TestCase("What part of \"no refunds\" do you not understand?", "What part of")]
    [TestCase("Did you even read my last email?", "even read")]
    [TestCase("Learn to read.", "Learn to read")]
    [TestCase("Surely even you can see the problem.", "even you")]
    [TestCase("In case you didn't notice, the button is green.", "didn't notice")]
    [TestCase("Nice try, genius.", "genius")]
    [TestCase("Should I draw you a diagram?", "draw you a diagram")]
    [TestCase("No need to worry your pretty little head about the settings.", "pretty little head")]
    [TestCase("Allow me to educate you about how invoices work.", "educate you")]
    public void Detect_PatronisingOrSarcastic_FindsCondescension(string sentence, string trigger) =>
        AssertFinds(sentence, ToneCategory.Condescension, trigger);

    [Test]
    public void Detect_MildObviously_IsWeak()
    {
        var hit = Strongest(Detect("Obviously you need to charge it first."), ToneCategory.Condescension);

        Assert.That(hit, Is.Not.Null);
        Assert.That(hit!.Strength, Is.InRange(0.2f, 0.45f));
    }

    [TestCase("Let me explain how the billing cycle works.")]
    [TestCase("I will explain this step by step so that it's easier to follow.")]
    [TestCase("We can go one step at a time, and I will stay on the line until it works.")]
    [TestCase("It's really simple to reset: hold the button for ten seconds.")]
    [TestCase("Here is a simple guide to get started.")]
    [TestCase("Obviously we will refund the delivery fee.")]
    [TestCase("Have you considered trying the reset?")]
    [TestCase("Dear Customer, thank you for your message.")]
    [TestCase("Thank you for your patience while we looked into this.")]
    public void Detect_PlainHelpfulExplanation_ShowsNothing(string sentence) => AssertQuiet(sentence, limit: Shown - 0.01f);
}
