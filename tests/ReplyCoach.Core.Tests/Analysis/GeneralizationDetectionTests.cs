using ReplyCoach.Core.Analysis;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class GeneralizationDetectionTests
{
    [TestCase("Customers from that country always haggle.", "Customers from that country always haggle")]
    [TestCase("People like you never read the manual.", "People like you")]
    [TestCase("Indians always try to bargain.", "Indians")]
    [TestCase("Women just can't understand technology.", "Women")]
    [TestCase("Old people never read the instructions.", "Old people")]
    [TestCase("Typical American customer.", "American")]
    [TestCase("You people always want something for nothing.", "You people")]
    [TestCase("Muslims are all the same.", "Muslims")]
    [TestCase("Immigrants are lazy.", "Immigrants are lazy")]
    [TestCase("Your generation never reads anything.", "generation")]
    [TestCase("Elderly shoppers usually forget their passwords.", "Elderly shoppers")]
    [TestCase("Blind customers always struggle with our website.", "Blind customers")]
    [TestCase("Landlords like you always dodge the bills.", "Landlords like you")]
    public void Detect_SweepingRemarkAboutAGroup_FindsGeneralization(string sentence, string trigger) =>
        AssertFinds(sentence, ToneCategory.Generalization, trigger);

    [Test]
    public void Detect_NationalityStereotype_ReasonNamesTheDimension()
    {
        var hit = AssertFinds("Germans are always rude.", ToneCategory.Generalization, "Germans");

        Assert.That(hit.Reason, Is.EqualTo("generalises about people by nationality"));
    }

    [TestCase("Our Ramadan opening hours are below.")]
    [TestCase("Customers in Germany are billed in euros.")]
    [TestCase("We offer a senior discount.")]
    [TestCase("Seniors always get 10% off on Tuesdays.")]
    [TestCase("Our Chinese New Year sale starts on Monday.")]
    [TestCase("Our Muslim customers can request halal options at checkout.")]
    [TestCase("Women's sizes are listed in the second table.")]
    [TestCase("Elderly customers can request a printed statement by post.")]
    [TestCase("Black cables are out of stock, but the white ones are available.")]
    [TestCase("We have agents who speak Spanish, French and German.")]
    [TestCase("Many of our customers in India prefer to pay by UPI.")]
    [TestCase("The English manual is attached.")]
    [TestCase("Thank you for your kind words.")]
    [TestCase("We don't discriminate against anyone based on religion or nationality.")]
    [TestCase("It is unfair to say that all customers from one country behave the same way.")]
    [TestCase("Not all Germans are alike, of course.")]
    public void Detect_NeutralMentionOfAGroup_ShowsNothing(string sentence) => AssertQuiet(sentence, limit: 0.3f);
}
