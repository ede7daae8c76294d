using ReplyCoach.Ml.Pipeline;

namespace ReplyCoach.Ml.Tests;

/// <summary>The one text clean-up applied before featurisation, in training and at inference.</summary>
[TestFixture]
internal sealed class ToneTextTests
{
    [Test]
    public void Prepare_TweetPlaceholdersAndTokenisedPunctuation_AreCleaned() =>
        Assert.That(ToneText.Prepare("@user you\u2019re  wrong , see <url> &amp; stop !"), Is.EqualTo("you're wrong, see & stop!"));

    [Test]
    public void Prepare_CaseDiacriticsAndDigits_AreNormalised() =>
        Assert.That(ToneText.Prepare("Your CAFÉ order 58213 is late."), Is.EqualTo("your cafe order is late."));
}
