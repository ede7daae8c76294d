using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class ThreatDetectionTests
{
    [TestCase("We will report you to your bank.", "report you")]
    [TestCase("Keep this up and we'll see you in court.", "see you in court")]
    [TestCase("I'd be careful what you post about us.", "careful what")]
    [TestCase("It would be a shame if your account got suspended.", "shame if")]
    [TestCase("We will take legal action against you.", "legal action")]
    [TestCase("Our lawyers will be in touch.", "lawyers will be in touch")]
    [TestCase("You'll regret this.", "regret")]
    [TestCase("Consider this your final warning.", "final warning")]
    [TestCase("If you post that review, we will sue you.", "sue you")]
    [TestCase("Publish that clip and you will never be welcome in our shops again.", "Publish that clip")]
    [TestCase("If you dispute the charge, we will close every account you hold with us.", "dispute")]
    [TestCase("Funny things tend to happen to customers who make this much noise.", "Funny things")]
    [TestCase("I'd hate for your replacement order to go missing somewhere.", "hate for your")]
    [TestCase("You have no idea who you are talking to.", "who you are talking to")]
    public void Detect_LegalRetaliatoryOrVeiledThreat_FindsThreat(string sentence, string trigger) =>
        AssertFinds(sentence, ToneCategory.Threat, trigger);

    [Test]
    public void Detect_LegalThreat_ReasonSaysLegalAction()
    {
        var hit = AssertFinds("We will sue you.", ToneCategory.Threat, "sue");

        Assert.That(hit.Reason, Is.EqualTo("threatens legal action"));
    }

    [Test]
    public void Detect_ConditionalThreat_IsNotCancelledByTheCondition()
    {
        var hit = AssertFinds("If you do that again, we will report you to the police.", ToneCategory.Threat, "report you");

        Assert.That(hit.Strength, Is.GreaterThanOrEqualTo(0.8f));
    }

    [TestCase("We will not take any legal action.")]
    [TestCase("We will contact the police on your behalf if you wish.")]
    [TestCase("You may want to contact the police and your bank about the stolen card.")]
    [TestCase("If your card was stolen, please report it to your bank immediately.")]
    [TestCase("Please be careful when handling the battery.")]
    [TestCase("If you continue to experience issues, please contact us again.")]
    [TestCase("If you keep getting this error, please clear your browser cache.")]
    [TestCase("We will close your ticket once we hear back from you.")]
    [TestCase("Keep up the good work on your project!")]
    [TestCase("Our legal team has reviewed your request and approved it.")]
    [TestCase("Click the link and we'll send you a new code.")]
    [TestCase("You said we threatened to close your account.")]
    public void Detect_PoliteWarningOrHelp_ShowsNothing(string sentence) => AssertQuiet(sentence, limit: 0.4f);
}
