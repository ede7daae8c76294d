using System.Text;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Drafts;

internal sealed class HtmlExtractionTests : NormalizerTestBase
{
    [Test]
    public void Normalize_EntitiesInText_AreDecoded()
    {
        var draft = Normalize("<p>Fish &amp; chips cost &pound;9&nbsp;&ndash; you&#8217;re welcome &#x1F600; &lt;ok&gt; &quot;yes&quot;</p>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Fish & chips cost £9 – you’re welcome 😀 <ok> \"yes\""));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_LegacyEntityWithoutSemicolon_IsDecodedLikeABrowser()
    {
        var draft = Normalize("<p>A &amp B &copy 2025 and AT&T &notit; here</p>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("A & B © 2025 and AT&T ¬it; here"));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void MapToOriginal_EntityCharacter_SpansTheWholeReference()
    {
        const string html = "<p>Tom &amp; Jerry</p>";
        var draft = Normalize(html, DraftFormat.Html);
        var ampersand = draft.Text.IndexOf('&');

        var span = draft.MapToOriginal(ampersand, 1);

        Assert.That(html.Substring(span.Start, span.Length), Is.EqualTo("&amp;"));
    }

    [Test]
    public void MapToOriginal_LiteralAmpersand_SpansOneCharacter()
    {
        const string html = "<p>Tom & Jerry; Mike</p>";
        var draft = Normalize(html, DraftFormat.Html);
        var ampersand = draft.Text.IndexOf('&');

        var span = draft.MapToOriginal(ampersand, 1);

        Assert.That(span.Length, Is.EqualTo(1));
    }

    [Test]
    public void Normalize_BrAndParagraphs_BecomeLineBreaks()
    {
        var draft = Normalize("<p>First line<br>second line</p><p>New paragraph</p><div>In a div</div>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("First line\nsecond line\nNew paragraph\nIn a div"));
    }

    [Test]
    public void Normalize_OutlookEmptyParagraphs_BecomeBlankLines()
    {
        var draft = Normalize("<p class=MsoNormal>One.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Two.<o:p></o:p></p>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("One.\n\nTwo."));
    }

    [Test]
    public void Normalize_GmailDivBr_BecomesBlankLine()
    {
        var draft = Normalize("<div dir=\"ltr\"><div>Hello Anna,</div><div><br></div><div>We have shipped it.</div></div>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Hello Anna,\n\nWe have shipped it."));
    }

    [Test]
    public void Normalize_ListItems_BecomeBulletedLinesAndSentences()
    {
        var draft = Normalize("<p>Options:</p><ul><li>Repair it</li><li>Replace it<li>Refund it</ul><ol><li>First step</li></ol>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Options:\n• Repair it\n• Replace it\n• Refund it\n• First step"));
        Assert.That(draft.Sentences.Select(s => s.Text), Is.EqualTo(new[] { "Options:", "Repair it", "Replace it", "Refund it", "First step" }));
        AssertSentencesRoundTrip(draft);
    }

    [Test]
    public void Normalize_WordListParagraphs_ShowOneBulletPerItem()
    {
        const string html = "<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Check the fuse.<o:p></o:p></p>"
            + "<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp; </span></span><![endif]>Restart it.<o:p></o:p></p>";

        var draft = Normalize(html, DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("• Check the fuse.\n• Restart it."));
        Assert.That(draft.Sentences.Select(s => s.Text), Is.EqualTo(new[] { "Check the fuse.", "Restart it." }));
    }

    [Test]
    public void Normalize_StyleScriptHeadAndTitle_AreDropped()
    {
        const string html = "<html><head><title>Re: order</title><style>p { color: red; }</style><script>alert('x')</script></head><body><p>Visible text.</p><script>var y = '<p>no</p>';</script></body></html>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Visible text."));
    }

    [TestCase("<div style=\"display:none\">secret</div>")]
    [TestCase("<div style=\"DISPLAY: None !important\">secret</div>")]
    [TestCase("<span hidden>secret</span>")]
    [TestCase("<span style='mso-hide:all'>secret</span>")]
    [TestCase("<p style=\"visibility:hidden\">secret <b>bold</b></p>")]
    public void Normalize_HiddenElements_AreDropped(string hidden)
    {
        var draft = Normalize("<div>Shown before.</div>" + hidden + "<div>Shown after.</div>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Shown before.\nShown after."));
    }

    [Test]
    public void Normalize_NestedSpansInHiddenElement_StayHiddenUntilItsEnd()
    {
        var draft = Normalize("<span style=\"display:none\">a<span>b</span>c</span>d", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("d"));
    }

    [Test]
    public void Normalize_DisplayPropertyLookalike_IsNotHidden()
    {
        var draft = Normalize("<div style=\"mso-display:none-ish; x-display: nonesuch\">Still here.</div>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Still here."));
    }

    [Test]
    public void Normalize_WhitespaceInSource_IsCollapsed()
    {
        var draft = Normalize("<p>  Lots   of\r\n\t spaces \n here.  </p>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Lots of spaces here."));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_PreElement_KeepsLineBreaks()
    {
        var draft = Normalize("<pre>line one\nline two</pre>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("line one\nline two"));
    }

    [Test]
    public void Normalize_TableCells_BecomeLines()
    {
        var draft = Normalize("<table><tr><td>Order</td><td>#123</td></tr><tr><td>Total</td><td>$5.00</td></tr></table>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Order\n#123\nTotal\n$5.00"));
    }

    [TestCase("<p>Unclosed <b>bold <i>italic</p><p>Next")]
    [TestCase("<div><p>a</div></p></span></br>b")]
    [TestCase("<<p>>x</p>< p>y <3 z</")]
    [TestCase("<p attr=\"unterminated>text")]
    [TestCase("<!-- never closed <p>hidden")]
    [TestCase("</p></div></body></html>")]
    [TestCase("<p>a</>b<//>c</ >d")]
    [TestCase("<![CDATA[x]]><?xml version=\"1.0\"?><p>text</p>")]
    [TestCase("<head><p>body without closing head</p>")]
    [TestCase("<table><tr>text in a table<td>cell</table>")]
    public void Normalize_OddHtml_DoesNotThrowAndKeepsInvariants(string html)
    {
        var draft = Normalize(html, DraftFormat.Html);

        Assert.That(draft.Format, Is.EqualTo(DraftFormat.Html));
        AssertSentencesRoundTrip(draft);
    }

    [Test]
    public void Normalize_MisnestedTags_KeepAllVisibleWords()
    {
        var draft = Normalize("<p>Unclosed <b>bold <i>italic</p><p>Next paragraph", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Unclosed bold italic\nNext paragraph"));
    }

    [Test]
    public void Normalize_TextInHeadWithoutBody_IsShown()
    {
        var draft = Normalize("<html><head><meta charset=utf-8>Hello there.</html>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Hello there."));
    }

    [Test]
    public void Normalize_DeeplyNestedHtml_Completes()
    {
        const int depth = 10_000;
        var html = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            html.Append(i % 2 == 0 ? "<div>" : "<span>");
        }

        html.Append("Deep text. Still readable.");
        for (var i = depth - 1; i >= 0; i--)
        {
            html.Append(i % 2 == 0 ? "</div>" : "</span>");
        }

        html.Append("<p>After.</p>");

        var draft = Normalize(html.ToString(), DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Deep text. Still readable.\nAfter."));
        AssertSentencesRoundTrip(draft);
    }

    [Test]
    public void Normalize_DeeplyNestedUnclosedTags_Completes()
    {
        var html = string.Concat(Enumerable.Repeat("<div><b>", 10_000)) + "Bottom." + string.Concat(Enumerable.Repeat("</span>", 10_000));

        var draft = Normalize(html, DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Bottom."));
    }

    [Test]
    public void Normalize_CrLfSource_MapsPastCarriageReturns()
    {
        const string html = "<p>First\r\nline.</p>\r\n<p>Second&nbsp;line with caf&eacute;.</p>";

        var draft = Normalize(html, DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("First line.\nSecond line with café."));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_NullCharactersInHtml_AreDropped()
    {
        var draft = Normalize("<p>Nu\0ll in\0 text.</p>", DraftFormat.Html);

        Assert.That(draft.Text, Is.EqualTo("Null in text."));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_SyntheticLineBreak_MapsToTheTagThatCausedIt()
    {
        const string html = "<p>One</p><p>Two</p>";
        var draft = Normalize(html, DraftFormat.Html);
        var lineBreak = draft.Text.IndexOf('\n');

        var span = draft.MapToOriginal(lineBreak, 1);

        Assert.That(html[span.Start], Is.EqualTo('<'));
    }

    [TestCase("<div><div><p>Nested text.</p></div></div>", 3)]
    [TestCase("<html><body><div><span>Text.</span></div></body></html>", 2)]
    [TestCase("<p>One<p>Two<p>Three", 1)]
    [TestCase("<ul><li>One<li>Two<li>Three</ul>", 2)]
    [TestCase("<p>Line<br>break<br/>and<hr><img src=x>image.</p>", 1)]
    public void Normalize_Html_MarkupDepthIsTheDepthOfTheBuiltTree(string html, int depth) =>
        Assert.That(Normalize(html, DraftFormat.Html).MarkupDepth, Is.EqualTo(depth));

    [TestCase("<div/>")]
    [TestCase("<span />")]
    [TestCase("<x-unknown>")]
    [TestCase("<o:p/>")]
    [TestCase("<blink>")]
    public void Normalize_SelfClosingOrUnknownTagsRepeated_NestLikeInABrowser(string tag)
    {
        // A slash does not close a non-void HTML element, and an unknown element nests like any other.
        var html = string.Concat(Enumerable.Repeat(tag, 300)) + "Deep text.";

        Assert.That(Normalize(html, DraftFormat.Html).MarkupDepth, Is.EqualTo(300));
    }

    [Test]
    public void Normalize_PlainText_HasNoMarkupDepth() =>
        Assert.That(Normalize("<div> is not markup in a text draft.", DraftFormat.Text).MarkupDepth, Is.Zero);
}
