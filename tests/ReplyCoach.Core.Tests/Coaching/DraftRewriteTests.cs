using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.Facts;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Core.Tests.Coaching.Fakes;

namespace ReplyCoach.Core.Tests.Coaching;

public sealed class DraftRewriteTests
{
    private static readonly DraftAnalyzer Analyzer = TestEngine.Analyzer();
    private static readonly DraftCoach Coach = new(Analyzer);

    private const string Signature = "-- \nAnna Berg\nCustomer Care, Example Ltd\n+44 20 7946 0000\n";
    private const string Quoted = "On Mon, 3 Mar 2025 at 09:12, Sam <sam@example.org> wrote:\n> You idiots lost my parcel 48213!!\n> Fix it or else.\n";

    [Test]
    public void Rewrite_PlainText_LeavesQuotedThreadSignatureAndCleanSentencesByteForByte()
    {
        var agent = "Hi Sam,\n\nThanks for your message. You must have entered the wrong address. The parcel is at the depot.\n\n";
        var draft = agent + Signature + "\n" + Quoted;

        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text), new CoachingContext(Incoming: "Where is my parcel?"));

        var content = result.Rewrite.Content;
        Assert.That(content, Does.EndWith(Signature + "\n" + Quoted), "quoted thread and signature are untouched");
        Assert.That(content, Does.StartWith("Hi Sam,\n\nThanks for your message. "));
        Assert.That(content, Does.Contain(" The parcel is at the depot.\n\n" + Signature));
        Assert.That(content, Does.Contain("It looks like the wrong address may have been entered."), content);
        Assert.That(result.RemainingLevel, Is.EqualTo(RiskLevel.Ok));
        Assert.That(result.Rewrite.Opener, Is.Null, "the incoming message is calm");
    }

    [Test]
    public void Rewrite_Html_EncodesNewTextAndKeepsMarkupQuoteAndSignature()
    {
        var quote = "<blockquote><p>You idiots &amp; your &quot;service&quot;!!</p></blockquote>";
        var signature = "<div class=\"signature\"><p>Anna Berg<br>Example &amp; Co</p></div>";
        var html = "<html><body><p>Hi Sam,</p><p>The <b>stupid</b> form is on R&amp;D's page. You must have missed the &lt;Send&gt; button.</p>" + signature + quote + "</body></html>";

        var result = Coach.Coach(Analyzer.Analyze(html, DraftFormat.Html), new CoachingContext(Incoming: "Where is my parcel?"));

        var content = result.Rewrite.Content;
        Assert.That(content, Does.EndWith(signature + quote + "</body></html>"));
        Assert.That(content, Does.StartWith("<html><body><p>Hi Sam,</p><p>The "));
        Assert.That(content, Does.Contain("R&amp;D's page."), "unchanged entities stay as they were");
        Assert.That(content, Does.Contain("It looks like the &lt;Send&gt; button may have been missed."), "new text is HTML-encoded");
        Assert.That(content, Does.Not.Contain("stupid"));
        Assert.That(content, Does.Contain("<b></b>").Or.Contain("<b>"), "markup inside a replaced range is kept");
        Assert.That(result.Rewrite.Text, Does.Contain("The form is on R&D's page."));

        // Each edit, applied alone to the original, is valid against the original content.
        foreach (var edit in result.Rewrite.Edits)
        {
            Assert.That(edit.OriginalStart + edit.OriginalLength, Is.LessThanOrEqualTo(html.Length));
        }
    }

    [Test]
    public void Rewrite_UpsetCustomerAndNoAcknowledgement_AddsOpenerAfterGreeting()
    {
        var draft = "Hi Sam,\nYou must have dropped the phone. A repair costs £80.";

        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text), new CoachingContext(Incoming: "This is UNACCEPTABLE, third time I write!!"));

        Assert.That(result.IncomingUpset, Is.True);
        Assert.That(result.Rewrite.Opener, Is.EqualTo("I'm sorry for the trouble this has caused."));
        Assert.That(result.Rewrite.Content, Does.StartWith("Hi Sam,\nI'm sorry for the trouble this has caused. It looks like the phone may have been dropped."));
        Assert.That(result.Rewrite.Content, Does.EndWith("A repair costs £80."));
        Assert.That(result.Rewrite.Assessment.Sentences.Select(s => s.Sentence.Text), Does.Contain("I'm sorry for the trouble this has caused."), "the opener is re-scored too");
    }

    [Test]
    public void Rewrite_UpsetCustomerButDraftAlreadyApologises_AddsNoOpener()
    {
        var draft = "I'm sorry about the delay. You must have dropped the phone.";

        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text), new CoachingContext(Incoming: "Worst service ever!!"));

        Assert.That(result.Rewrite.Opener, Is.Null);
        Assert.That(result.Rewrite.Content, Does.StartWith("I'm sorry about the delay. It looks like"));
    }

    [Test]
    public void Rewrite_NoIncomingGiven_UsesTheQuotedMessage()
    {
        var draft = "You must have dropped the phone.\n\n" + Quoted;

        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text));

        Assert.That(result.IncomingUpset, Is.True);
        Assert.That(result.Rewrite.Content, Does.StartWith("I'm sorry for the trouble this has caused. It looks like the phone"));
        Assert.That(result.Rewrite.Content, Does.EndWith(Quoted));
    }

    [Test]
    public void Rewrite_DraftFullOfNumbersIdsAndLinks_KeepsEveryFact()
    {
        var draft =
            "Order #48213 (ticket CS-7731) was charged €49.99 on 2024-03-05, you idiot. " +
            "You must have ignored the email from billing@example.com about invoice INV-2024-0042. " +
            "The damn tracking link https://track.example.com/p/ZX81-4471?ref=mail shows 3 attempts on 4 March at 14:30. " +
            "As I already said, call +44 20 7946 0000 or pay $12.50 by Friday or else. " +
            "Ask Mr Okafor in our returns team, deal with it.";

        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text));

        var missing = FactExtractor.Missing(draft, result.Rewrite.Content);
        Assert.That(missing, Is.Empty, string.Join(", ", missing.Select(f => f.Text)));
        Assert.That(result.Rewrite.Changed, Is.True, string.Join(" | ", result.Notes) + " :: " + string.Join(" || ", result.Rewrite.Sentences.Select(s => s.After)));
        Assert.That(result.RemainingLevel, Is.EqualTo(RiskLevel.Ok), result.Rewrite.Content);
        foreach (var suggestion in result.Spans.SelectMany(s => s.Suggestions))
        {
            var sentence = result.Assessment.Sentences.Single(s => result.Spans.Any(x => x.SentenceIndex == s.Sentence.Index && x.Suggestions.Contains(suggestion))).Sentence.Text;
            Assert.That(FactExtractor.Missing(sentence, suggestion.SentenceAfter), Is.Empty, suggestion.SentenceAfter);
        }
    }

    [Test]
    public void Rewrite_DroppedSentence_TakesItsSpaceWithIt()
    {
        var draft = "Thanks for writing. Did you even know how this works? The fix ships on Monday.";
        var detector = new PhraseDetector((@"did you even know", ToneCategory.Condescension, 0.8f));
        var analyzer = TestEngine.Analyzer(detector);

        var result = new DraftCoach(analyzer).Coach(analyzer.Analyze(draft, DraftFormat.Text));

        Assert.That(result.Rewrite.Content, Is.EqualTo("Thanks for writing. The fix ships on Monday."));
        Assert.That(result.Rewrite.Assessment.Draft.Sentences.Select(s => s.Text), Is.EqualTo(new[] { "Thanks for writing.", "The fix ships on Monday." }));
    }

    [Test]
    public void Rewrite_RebuiltDraft_MapsEveryCharacterToTheRewrittenContent()
    {
        var html = "<p>Hi Sam,</p><p>Pay the <i>fee</i> by Friday or else.</p><p>Thanks &amp; regards</p>";

        var result = Coach.Coach(Analyzer.Analyze(html, DraftFormat.Html), new CoachingContext(Incoming: "ok"));

        var rebuilt = result.Rewrite.Assessment.Draft;
        Assert.That(rebuilt.Original, Is.EqualTo(result.Rewrite.Content));
        foreach (var sentence in rebuilt.Sentences)
        {
            var span = rebuilt.MapToOriginal(sentence.Start, sentence.Length);
            var source = rebuilt.Original.Substring(span.Start, span.Length);
            Assert.That(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(source, "<[^>]*>", string.Empty)), Is.EqualTo(sentence.Text));
        }

        Assert.That(result.Rewrite.Content, Does.Contain("Please pay the <i>fee</i> by Friday."));
    }
}
