using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class DismissivenessDetectionTests
{
    [TestCase("This conversation is over.", "conversation is over")]
    [TestCase("Not my problem.", "Not my problem")]
    [TestCase("Take it up with someone who cares.", "someone who cares")]
    [TestCase("Stop wasting my time.", "wasting my time")]
    [TestCase("That's your problem, not ours.", "your problem")]
    [TestCase("Frankly, I don't care.", "don't care")]
    [TestCase("Deal with it.", "Deal with it")]
    [TestCase("We have better things to do than answer your questions.", "better things to do")]
    [TestCase("Stop emailing us.", "Stop emailing us")]
    [TestCase("Figure it out yourself.", "Figure it out yourself")]
    [TestCase("Whatever.", "Whatever")]
    [TestCase("Go ahead and complain, see if we care.", "see if we care")]
    [TestCase("All of your emails get deleted unread.", "deleted unread")]
    [TestCase("We are closing this chat now.", "closing this chat")]
    public void Detect_RefusalToEngage_FindsDismissiveness(string sentence, string trigger) =>
        AssertFinds(sentence, ToneCategory.Dismissiveness, trigger);

    [TestCase("We are unable to refund opened software.")]
    [TestCase("Unfortunately, we cannot accept returns after 30 days.")]
    [TestCase("That is outside our warranty terms, I'm afraid.")]
    [TestCase("It's not my area, but I have passed your question on to billing.")]
    [TestCase("No problem at all, happy to help!")]
    [TestCase("Please do not reply to this email.")]
    [TestCase("You can stop receiving these emails by clicking unsubscribe.")]
    [TestCase("Please take it up with your bank if the charge still appears.")]
    [TestCase("This conversation has been very helpful, thank you.")]
    [TestCase("Whatever you decide, we will support you.")]
    public void Detect_FirmButPoliteRefusal_ShowsNothing(string sentence) => AssertQuiet(sentence, limit: Shown - 0.01f);
}
