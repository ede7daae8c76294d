using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Drafts;

internal sealed class SentenceSplitterTests : NormalizerTestBase
{
    private string[] Sentences(string text)
    {
        var draft = Normalize(text, DraftFormat.Text);
        AssertWordsRoundTrip(draft);
        return draft.Sentences.Select(s => s.Text).ToArray();
    }

    [Test]
    public void Split_SimpleSentences_SplitsOnTerminators()
    {
        Assert.That(Sentences("We shipped it. It arrives Monday! Any questions?"),
            Is.EqualTo(new[] { "We shipped it.", "It arrives Monday!", "Any questions?" }));
    }

    [TestCase("Please bring ID, e.g. a passport. We check it at the desk.", "Please bring ID, e.g. a passport.")]
    [TestCase("Use the web form, i.e. the one on our site. Then wait.", "Use the web form, i.e. the one on our site.")]
    [TestCase("Mr. Smith and Mrs. Jones called. Dr. Lee too.", "Mr. Smith and Mrs. Jones called.")]
    [TestCase("Your ticket is No. 5512 in the queue. Please wait.", "Your ticket is No. 5512 in the queue.")]
    [TestCase("It was Acme vs. Globex in the end. Nobody won.", "It was Acme vs. Globex in the end.")]
    [TestCase("It takes approx. 3 days to arrive. Sorry.", "It takes approx. 3 days to arrive.")]
    [TestCase("We sell cables, plugs, etc. and adapters too. Ask us.", "We sell cables, plugs, etc. and adapters too.")]
    [TestCase("Acme Inc. has confirmed it. Globex Ltd. has not.", "Acme Inc. has confirmed it.")]
    [TestCase("Call me at 10:30 a.m. tomorrow. I'm in all day.", "Call me at 10:30 a.m. tomorrow.")]
    [TestCase("The firmware is version 3.5 now. Update it.", "The firmware is version 3.5 now.")]
    [TestCase("The repair costs $129.99 in total. Pay online.", "The repair costs $129.99 in total.")]
    [TestCase("Visit https://example.com/help?id=4.2&x=1 for details. Thanks.", "Visit https://example.com/help?id=4.2&x=1 for details.")]
    [TestCase("Write to jo.smith@example.co.uk about it. She knows.", "Write to jo.smith@example.co.uk about it.")]
    [TestCase("I waited... Nothing happened. Then it worked.", "I waited...")]
    [TestCase("Well… maybe it will work. We'll see.", "Well… maybe it will work.")]
    [TestCase("Are you kidding me?! Read it again.", "Are you kidding me?!")]
    [TestCase("This is unacceptable!!! Fix it.", "This is unacceptable!!!")]
    [TestCase("He said \"we are closed.\" Then he left.", "He said \"we are closed.\"")]
    [TestCase("(See the attached invoice.) It is paid.", "(See the attached invoice.)")]
    [TestCase("She wrote “it’s broken.” We replaced it.", "She wrote “it’s broken.”")]
    [TestCase("Great news! 🎉 Your refund is done.", "Great news! 🎉")]
    [TestCase("Thanks for waiting 🙏 We shipped it today.", "Thanks for waiting 🙏")]
    [TestCase("Contact J. Smith in billing. He can help.", "Contact J. Smith in billing.")]
    public void Split_EdgeCase_FirstSentenceIsWhole(string text, string first)
    {
        var sentences = Sentences(text);

        Assert.That(sentences[0], Is.EqualTo(first));
        Assert.That(sentences, Has.Length.EqualTo(2).Or.Length.EqualTo(3));
    }

    [Test]
    public void Split_AmPmAtEndOfSentence_EndsTheSentence()
    {
        Assert.That(Sentences("The store opens at 9 a.m. Please come early."),
            Is.EqualTo(new[] { "The store opens at 9 a.m.", "Please come early." }));
    }

    [Test]
    public void Split_Paragraphs_AreBoundaries()
    {
        Assert.That(Sentences("Hi Anna,\n\nthe parcel is here\n\nsee the photo"),
            Is.EqualTo(new[] { "Hi Anna,", "the parcel is here", "see the photo" }));
    }

    [Test]
    public void Split_WrappedPlainTextLine_IsOneSentence()
    {
        Assert.That(Sentences("I have read your e-mail three times now and I\nstill cannot find the order number. Please send it."),
            Is.EqualTo(new[] { "I have read your e-mail three times now and I\nstill cannot find the order number.", "Please send it." }));
    }

    [Test]
    public void Split_LinesWithoutPunctuation_AreSeparateSentences()
    {
        Assert.That(Sentences("Order received\nPayment pending\nShipping soon"),
            Is.EqualTo(new[] { "Order received", "Payment pending", "Shipping soon" }));
    }

    [Test]
    public void Split_BulletAndNumberedItems_AreSentencesWithoutMarkers()
    {
        Assert.That(Sentences("Next steps:\n- Restart the router\n* Check the cable\n1. Call us\n2) Wait a day"),
            Is.EqualTo(new[] { "Next steps:", "Restart the router", "Check the cable", "Call us", "Wait a day" }));
    }

    [Test]
    public void Split_GreetingLine_IsItsOwnSentence()
    {
        Assert.That(Sentences("Hi Mark,\nthanks for writing. We are on it."),
            Is.EqualTo(new[] { "Hi Mark,", "thanks for writing.", "We are on it." }));
    }

    [Test]
    public void Split_LowercaseAfterFullStop_IsNotABoundary()
    {
        Assert.That(Sentences("See fig. and table 2 for details."), Is.EqualTo(new[] { "See fig. and table 2 for details." }));
    }

    [Test]
    public void Split_PunctuationOnlyLines_AreNotSentences()
    {
        Assert.That(Sentences("Done.\n---\n!!!\n...\nNext."), Is.EqualTo(new[] { "Done.", "Next." }));
    }

    [Test]
    public void Split_VeryLongRunWithoutPunctuation_IsCutIntoBoundedSentences()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 2000));

        var sentences = Sentences(text);

        Assert.That(sentences.Length, Is.GreaterThan(1));
        Assert.That(sentences.Max(s => s.Length), Is.LessThanOrEqualTo(1000));
        Assert.That(string.Join(' ', sentences), Is.EqualTo(text));
    }

    [Test]
    public void Split_Emoji_AreNotCutInHalf()
    {
        var sentences = Sentences("Love it 😍😍 Great job! 👍🏽 Thanks");

        Assert.That(sentences, Is.EqualTo(new[] { "Love it 😍😍", "Great job! 👍🏽", "Thanks" }));
    }
}
