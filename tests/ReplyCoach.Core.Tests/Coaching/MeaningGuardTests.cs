using ReplyCoach.Core.Coaching;

namespace ReplyCoach.Core.Tests.Coaching;

public sealed class MeaningGuardTests
{
    [TestCase("We will not refund this order.", "We are unable to refund this order.", true)]
    [TestCase("We won't refund this order.", "We can't refund this order.", true)]
    [TestCase("We will not refund this order.", "We will refund this order.", false)]
    [TestCase("No refunds after 30 days.", "Refunds are available after 30 days.", false)]
    [TestCase("Your claim was denied.", "Unfortunately your claim was declined.", true)]
    [TestCase("Thanks for writing.", "Thank you for writing.", true)]
    public void KeepsMeaning_RefusalMarkers_MustSurvive(string original, string rewrite, bool expected)
    {
        Assert.That(MeaningGuard.KeepsMeaning(original, rewrite), Is.EqualTo(expected));
    }

    [Test]
    public void KeepsMeaning_NegationInsideTheHostileWords_NeedNotSurvive()
    {
        var original = "You never read anything, and we cannot help.";
        var exempt = new[] { (0, "You never read anything".Length) };

        Assert.That(MeaningGuard.KeepsMeaning(original, "We cannot help.", exempt), Is.True);
        Assert.That(MeaningGuard.KeepsMeaning(original, "We can help.", exempt), Is.False);
    }
}
