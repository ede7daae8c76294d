using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

/// <summary>De-escalation and context: harsh words that are someone else's, taken back, apologised for or negated.</summary>
public sealed class ContextDetectionTests
{
    [TestCase("You wrote that you felt ignored.", ContextFlags.ReportedSpeech)]
    [TestCase("You said our service is a 'scam'.", ContextFlags.ReportedSpeech | ContextFlags.Quotation)]
    [TestCase("I understand you feel we lied to you.", ContextFlags.Empathy | ContextFlags.ReportedSpeech)]
    [TestCase("You called our staff useless idiots, and I understand why you are upset.", ContextFlags.ReportedSpeech)]
    [TestCase("According to you, the agent was rude and incompetent.", ContextFlags.ReportedSpeech)]
    [TestCase("I'm sorry my last reply was rude.", ContextFlags.Apology | ContextFlags.SelfDirected)]
    [TestCase("I apologise for calling your question stupid; that was unprofessional.", ContextFlags.Apology)]
    [TestCase("I shouldn't have called your request ridiculous.", ContextFlags.Retraction)]
    [TestCase("Calling your complaint a joke was uncalled for.", ContextFlags.Retraction)]
    [TestCase("I take back what I said about your email being pointless.", ContextFlags.Retraction)]
    [TestCase("I understand how frustrating this is.", ContextFlags.Empathy)]
    [TestCase("I can see why you would be upset.", ContextFlags.Empathy)]
    [TestCase("This was our mistake.", ContextFlags.SelfDirected)]
    [TestCase("We messed up, and we are sorry.", ContextFlags.SelfDirected | ContextFlags.Apology)]
    [TestCase("You are not at fault.", ContextFlags.Negated)]
    [TestCase("I'm not saying you lied.", ContextFlags.Negated)]
    [TestCase("If the seal is broken, the warranty does not apply.", ContextFlags.Hedged)]
    public void Detect_DeEscalationOrContext_IsQuietAndSetsFlags(string sentence, ContextFlags expected)
    {
        var signals = AssertQuiet(sentence);

        Assert.That(signals.Context & expected, Is.EqualTo(expected), $"flags were {signals.Context}");
    }

    [Test]
    public void Detect_ApologyThenBlame_StillFindsTheBlameAfterBut()
    {
        AssertFinds("I'm sorry, but you must have dropped it.", ToneCategory.Blame, "dropped");
    }

    [Test]
    public void Detect_EmpathyThenInsult_StillFindsTheInsultAfterBut()
    {
        AssertFinds("I understand you're upset, but you are being an idiot.", ToneCategory.Hostility, "idiot");
    }

    [Test]
    public void Detect_HarshWordsInQuotes_AreWeakAndFlagged()
    {
        var signals = AssertQuiet("The word \"idiot\" in your subject line was flagged by our filter.", limit: 0.3f);

        Assert.That(signals.Context.HasFlag(ContextFlags.Quotation), Is.True);
    }

    [Test]
    public void Detect_CustomerWordsEchoedAndFramed_TreatedAsReportedSpeech()
    {
        const string incoming = "Your service is a total scam and your staff are useless.";

        var signals = AssertQuiet("You called it a scam, and I want to show you the refund we issued.", incoming: incoming);

        Assert.That(signals.Context.HasFlag(ContextFlags.ReportedSpeech), Is.True);
    }

    [Test]
    public void Detect_EchoOfCustomerWordWithQuotes_IsQuiet()
    {
        const string incoming = "Your agents are useless.";

        AssertQuiet("Regarding the \"useless\" agents: both have been retrained.", incoming: incoming);
    }

    [Test]
    public void Detect_SameInsultWithoutFraming_IsStillFoundDespiteIncoming()
    {
        const string incoming = "Your agents are useless.";

        AssertFinds("You are useless.", ToneCategory.Hostility, "useless", incoming);
    }

    [Test]
    public void Detect_AddressedSentence_SetsAddressesReader()
    {
        Assert.That(Detect("Your refund is on its way.").Context.HasFlag(ContextFlags.AddressesReader), Is.True);
        Assert.That(Detect("The refund is on its way.").Context.HasFlag(ContextFlags.AddressesReader), Is.False);
    }

    [TestCase("Thank you for contacting us about your order.")]
    [TestCase("I'm sorry to hear that your parcel arrived damaged.")]
    [TestCase("We have issued a full refund to your original payment method.")]
    [TestCase("You are absolutely right, and I apologise.")]
    [TestCase("As I mentioned in my previous email, the refund was processed on Monday.")]
    [TestCase("It looks like the order was shipped to an old address.")]
    [TestCase("You may have missed our email, so I'm resending it.")]
    [TestCase("Should you need anything else, just reply to this email.")]
    [TestCase("You mentioned that the agent was rude to you, and I'm very sorry about that.")]
    [TestCase("There's no need to apologise!")]
    [TestCase("Don't worry, nobody will charge you twice.")]
    [TestCase("I can confirm that we never received the payment.")]
    [TestCase("We take fraud seriously and will review the transaction.")]
    public void Detect_OrdinaryPoliteReply_ShowsNothing(string sentence) => AssertQuiet(sentence, limit: 0.4f);
}
