using ReplyCoach.Core.Coaching.Facts;

namespace ReplyCoach.Core.Tests.Coaching;

public sealed class FactExtractorTests
{
    [Test]
    public void Extract_DraftFullOfFacts_FindsEveryKind()
    {
        var text = "Hi Anna, order #48213 (ticket CS-7731) was charged €49.99 on 2024-03-05 at 3pm; " +
                   "see https://shop.example.com/orders/48213?x=1. Write to billing@example.com or call +49 30 1234567. Mr Okafor approved 3 items on Friday.";

        var facts = FactExtractor.Extract(text);
        var byKind = facts.ToLookup(f => f.Kind, f => f.Text);

        Assert.That(byKind[FactKind.Url], Is.EquivalentTo(new[] { "https://shop.example.com/orders/48213?x=1" }));
        Assert.That(byKind[FactKind.Email], Is.EquivalentTo(new[] { "billing@example.com" }));
        Assert.That(byKind[FactKind.Amount], Is.EquivalentTo(new[] { "€49.99" }));
        Assert.That(byKind[FactKind.Date], Is.EquivalentTo(new[] { "2024-03-05", "Friday" }));
        Assert.That(byKind[FactKind.Time], Is.EquivalentTo(new[] { "3pm" }));
        Assert.That(byKind[FactKind.Identifier], Is.EquivalentTo(new[] { "#48213", "CS-7731" }));
        Assert.That(byKind[FactKind.Number], Is.EquivalentTo(new[] { "+49", "30", "1234567", "3" }));
        Assert.That(byKind[FactKind.Name], Is.EquivalentTo(new[] { "Anna", "Okafor" }));
    }

    [Test]
    public void Missing_RewriteDropsANumber_ReportsIt()
    {
        var missing = FactExtractor.Missing("Your refund of €20 for order 4411 is on its way.", "Your refund for order 4411 is on its way.");

        Assert.That(missing.Select(f => f.Text), Is.EqualTo(new[] { "€20" }));
    }

    [TestCase("order 4411", "order 44110")]
    [TestCase("order 4411", "order 4411.5")]
    [TestCase("€20", "€200")]
    [TestCase("ask Anna", "ask Annabel")]
    public void Missing_FactOnlyInsideALongerToken_IsStillMissing(string original, string rewrite)
    {
        Assert.That(FactExtractor.Missing(original, rewrite), Has.Count.EqualTo(1));
    }

    [Test]
    public void Missing_NameInSentenceCase_IsKept()
    {
        Assert.That(FactExtractor.Missing("Please ask Anna in billing.", "please ask ANNA in billing."), Is.Empty);
    }

    [Test]
    public void Missing_NameInsideExemptRange_IsNotRequired()
    {
        var original = "Customers from Germany always haggle.";
        var at = original.IndexOf("Germany", StringComparison.Ordinal);

        Assert.That(FactExtractor.Missing(original, "Let's look at your case.", [(0, at + 7)]), Is.Empty);
        Assert.That(FactExtractor.Missing(original, "Let's look at your case."), Has.Count.EqualTo(1));
    }

    [Test]
    public void Extract_ShoutedText_HasNoNamesFromCapitals()
    {
        var facts = FactExtractor.Extract("WHY DID YOU NOT READ THE EMAIL ABOUT ORDER 5521");

        Assert.That(facts.Select(f => f.Kind), Is.EqualTo(new[] { FactKind.Number }));
    }

    [Test]
    public void Extract_InsultInCapitals_IsNotAName()
    {
        Assert.That(FactExtractor.Extract("Listen, you IDIOT, it broke."), Is.Empty);
    }
}
