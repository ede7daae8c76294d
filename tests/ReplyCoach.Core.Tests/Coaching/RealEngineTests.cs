using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.Facts;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Coaching;

/// <summary>
/// The coach over the real normaliser and detectors (no trained model). These assert properties, not exact wording
/// of the detectors; every draft meant to be flagged is asserted to be flagged, so a detector regression fails here.
/// </summary>
public sealed class RealEngineTests
{
    private static readonly DraftNormalizer Normalizer = new();
    private static readonly DraftAnalyzer Analyzer = new(Normalizer, new ToneDetector(), null, new AnalysisOptions());
    private static readonly DraftCoach Coach = new(Analyzer);

    private static readonly string[] Flagged =
    [
        "Read the manual, you idiot.",
        "Are you blind? The button is on the left.",
        "You must have dropped the phone.",
        "You are lying about the delivery of order 48213.",
        "Stop pretending you followed the steps.",
        "You people never read anything we send.",
        "Customers from that country always haggle over the price.",
        "Pay the invoice of $120 by Friday or else.",
        "If you don't pay, we will sue you.",
        "Did you even try restarting the router?",
        "It's not rocket science, just plug it in.",
        "That is not my problem, talk to the billing team.",
        "This conversation is over.",
        "The refund was declined, deal with it.",
        "What the hell did you do to the router?",
        "No, we will not refund you, idiot.",
        "I will make sure you never get a refund.",
        "Stop emailing us about order 5521.",
        "This is your fault for not reading the terms.",
    ];

    [TestCaseSource(nameof(Flagged))]
    public void Coach_RealEngine_RewriteFallsBelowCautionAndKeepsFacts(string draft)
    {
        var assessment = Analyzer.Analyze(draft, DraftFormat.Text);
        Assert.That(assessment.Level, Is.Not.EqualTo(RiskLevel.Ok), "the detectors do not flag this draft");

        var result = Coach.Coach(assessment);

        Assert.That(result.RemainingRisk, Is.LessThan(assessment.Risk), result.Rewrite.Content);
        Assert.That(result.RemainingLevel == RiskLevel.Ok || result.Unfixed.Count > 0, Is.True, "what is still flagged is listed as unfixed");
        Assert.That(FactExtractor.Missing(draft, result.Rewrite.Content).Where(f => f.Kind != FactKind.Name), Is.Empty);
        Assert.That(result.Spans, Has.All.Matches<SpanCoaching>(s => s!.Suggestions.Count > 0));
    }

    [Test]
    public void Coach_RealEngineFlaggedSet_MostRewritesFallBelowCaution()
    {
        var flagged = Flagged.Select(d => Analyzer.Analyze(d, DraftFormat.Text)).Where(a => a.Level != RiskLevel.Ok).ToArray();
        Assert.That(flagged, Has.Length.EqualTo(Flagged.Length), "the detectors flag every draft of the set");

        var fixedCount = flagged.Count(a => Coach.Coach(a).RemainingLevel == RiskLevel.Ok);

        Assert.That(fixedCount, Is.GreaterThanOrEqualTo(flagged.Length * 0.8), $"{fixedCount} of {flagged.Length}");
    }

    [Test]
    public void Coach_RealNormaliserPlainTextThread_QuotedThreadAndSignatureUnchanged()
    {
        var draft =
            "Hi Sam,\n\nYou must have dropped the phone, you idiot. The repair for order 48213 costs £80.\n\n" +
            "Best regards,\nAnna Berg\nCustomer Care\n\n" +
            "On Mon, 3 Mar 2025 at 09:12, Sam Lee <sam@example.org> wrote:\n> You lost my parcel!!\n> Fix it or else.\n";
        var assessment = Analyzer.Analyze(draft, DraftFormat.Text);
        Assert.That(assessment.Level, Is.Not.EqualTo(RiskLevel.Ok));

        var result = Coach.Coach(assessment);

        var content = result.Rewrite.Content;
        var tailStart = draft.IndexOf("Best regards", StringComparison.Ordinal);
        Assert.That(content, Does.EndWith(draft[tailStart..]));
        Assert.That(content, Does.StartWith("Hi Sam,\n\n"));
        Assert.That(content, Does.Contain("The repair for order 48213 costs £80.\n\nBest regards"));
        foreach (var part in assessment.Draft.Stripped)
        {
            var moved = result.Rewrite.Assessment.Draft.Stripped.Single(p => p.Kind == part.Kind && p.Text == part.Text);
            Assert.That(content.Substring(moved.Original.Start, moved.Original.Length), Is.EqualTo(draft.Substring(part.Original.Start, part.Original.Length)));
        }

        var renormalised = Normalizer.Normalize(content, DraftFormat.Text);
        Assert.That(renormalised.Text, Is.EqualTo(result.Rewrite.Text), "the rebuilt draft agrees with normalising the rewrite again");
    }

    [Test]
    public void Coach_RealNormaliserOutlookHtml_OnlyTheFlaggedWordsChange()
    {
        var quoted =
            "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\"><font face=\"Calibri\"><b>From:</b> Sam Lee &lt;sam@example.org&gt;<br><b>Sent:</b> Monday, March 3, 2025 9:12 AM<br><b>Subject:</b> Parcel</font></div>" +
            "<div><p>You lost my parcel &amp; nobody answers!!</p></div>";
        var html =
            "<html><head><meta charset=\"utf-8\"></head><body><div><p>Hi Sam,</p>" +
            "<p>What the hell did you do to the router? The <b>replacement</b> for order 48213 ships on Friday &amp; costs €0.</p>" +
            "<p>Kind regards,<br>Anna</p></div>" + quoted + "</body></html>";
        var assessment = Analyzer.Analyze(html, DraftFormat.Html);
        Assert.That(assessment.Level, Is.Not.EqualTo(RiskLevel.Ok));

        var result = Coach.Coach(assessment, new CoachingContext(Incoming: "Where is my parcel?"));

        var content = result.Rewrite.Content;
        Assert.That(content, Does.EndWith(quoted + "</body></html>"));
        Assert.That(content, Does.Contain("<p>What did you do to the router? The <b>replacement</b> for order 48213 ships on Friday &amp; costs €0.</p>"));
        Assert.That(content.Replace("What did you do", "What the hell did you do", StringComparison.Ordinal), Is.EqualTo(html));
        var renormalised = Normalizer.Normalize(content, DraftFormat.Html);
        Assert.That(renormalised.Text, Is.EqualTo(result.Rewrite.Text));
    }

    [Test]
    public void Coach_RealEngineCivilReply_PassesSilently()
    {
        var draft = "Hi Sam, thanks for your patience. I'm afraid we cannot refund order 48213 because it was bought over 90 days ago. Our returns team can help with a repair.";

        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text));

        Assert.That(result.Spans, Is.Empty);
        Assert.That(result.Rewrite.Changed, Is.False);
    }

    [TestCase("No, we will not refund you, idiot.")]
    [TestCase("I will make sure you never get a refund.")]
    [TestCase("That is not my problem, talk to the billing team.")]
    public void Coach_RealEngineRefusal_StaysARefusal(string draft)
    {
        var assessment = Analyzer.Analyze(draft, DraftFormat.Text);
        Assert.That(assessment.Level, Is.Not.EqualTo(RiskLevel.Ok));

        var result = Coach.Coach(assessment);

        Assert.That(result.Rewrite.Changed, Is.True);
        Assert.That(MeaningGuard.IsRefusal(result.Rewrite.Content), Is.True, result.Rewrite.Content);
    }
}
