using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Drafts;

internal sealed class ThreadStrippingTests : NormalizerTestBase
{
    private const string OutlookWebReply =
        "<html><head><style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style></head>"
        + "<body dir=\"ltr\"><div class=\"elementToProof\" style=\"font-family: Aptos, sans-serif; font-size: 12pt;\">Hi Lena,</div>"
        + "<div class=\"elementToProof\" style=\"font-size: 12pt;\"><br></div>"
        + "<div class=\"elementToProof\" style=\"font-size: 12pt;\">The invoice was corrected this morning. You can download it from your account.</div>"
        + "<div id=\"Signature\"><div>Karim Haddad</div><div>Billing | Finch Software</div></div>"
        + "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">"
        + "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\"><b>From:</b> Lena Vogt &lt;lena.vogt@example.de&gt;<br>"
        + "<b>Sent:</b> Thursday, March 6, 2025 11:02<br><b>To:</b> Billing &lt;billing@finch.example.com&gt;<br><b>Subject:</b> Wrong VAT on invoice 2025-0117</font><div>&nbsp;</div></div>"
        + "<div dir=\"ltr\">Hello, the VAT on invoice 2025-0117 is wrong. Please fix it.</div>"
        + "</body></html>";

    [Test]
    public void Normalize_OutlookDesktopSample_KeepsOnlyTheAgentsWords()
    {
        var draft = Normalize(Samples.Read("outlook-reply.html"));

        Assert.That(draft.Format, Is.EqualTo(DraftFormat.Html));
        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Ok));
        Assert.That(draft.Text, Does.StartWith("Mark,\n\nI have read your e-mail three times now"));
        Assert.That(draft.Text, Does.EndWith("we’ll see what we can do."));
        Assert.That(draft.Text, Does.Not.Contain("Dana Whitfield"));
        Assert.That(draft.Text, Does.Not.Contain("dishwasher I ordered"));
        Assert.That(draft.Stripped.Select(p => p.Kind), Is.EqualTo(new[] { StrippedKind.Signature, StrippedKind.QuotedThread }));
        Assert.That(draft.QuotedMessage, Does.StartWith("Hello,\n\nThe dishwasher I ordered arrived with a broken door hinge."));
        Assert.That(draft.Stripped[1].Text, Does.StartWith("From: Mark Jensen <mark.jensen@example.net>\nSent: Monday, March 3, 2025 9:12 PM"));
    }

    [Test]
    public void Normalize_OutlookDesktopSample_StrippedSpansPointAtTheOriginal()
    {
        var draft = Normalize(Samples.Read("outlook-reply.html"));

        foreach (var part in draft.Stripped)
        {
            var visible = WithoutWhitespace(VisibleText(draft.Original.Substring(part.Original.Start, part.Original.Length)));
            Assert.That(visible, Is.EqualTo(WithoutWhitespace(part.Text)));
        }
    }

    [Test]
    public void Normalize_OutlookWebReply_StripsSignatureAndThread()
    {
        var draft = Normalize(OutlookWebReply);

        Assert.That(draft.Text, Is.EqualTo("Hi Lena,\n\nThe invoice was corrected this morning. You can download it from your account."));
        Assert.That(draft.Stripped.Select(p => p.Kind), Is.EqualTo(new[] { StrippedKind.Signature, StrippedKind.QuotedThread }));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Hello, the VAT on invoice 2025-0117 is wrong. Please fix it."));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_OutlookHrHeaderWithoutMarkup_IsRecognisedFromText()
    {
        const string html = "<div>Please see the answer below.</div><hr><p><b>From:</b> Ann &lt;ann@example.com&gt;<br><b>Sent:</b> Monday<br><b>To:</b> Support<br><b>Subject:</b> Question</p><p>Is it in stock?</p>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Please see the answer below."));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Is it in stock?"));
    }

    [Test]
    public void Normalize_GmailSample_StripsSignatureAndSplitsNestedQuotes()
    {
        var draft = Normalize(Samples.Read("gmail-reply.html"));

        Assert.That(draft.Text, Does.StartWith("Hi Priya,\n\nAs I explained in my last e-mail"));
        Assert.That(draft.Text, Does.EndWith("that would save everybody some time."));
        Assert.That(draft.Stripped.Select(p => p.Kind), Is.EqualTo(new[] { StrippedKind.Signature, StrippedKind.QuotedThread, StrippedKind.QuotedThread }));
        Assert.That(draft.Stripped[0].Text, Does.Contain("Tom Okafor"));
        Assert.That(draft.Stripped[1].Text, Does.StartWith("On Wed, 5 Mar 2025 at 09:14, Priya Raman"));
        Assert.That(draft.QuotedMessage, Does.StartWith("Hello Tom,"));
        Assert.That(draft.QuotedMessage, Does.Not.Contain("Your charger (order #A-20931) shipped"));
        Assert.That(draft.Stripped[2].Text, Does.Contain("Your charger (order #A-20931) shipped"));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_AppleMailSample_StripsCitedBlockquote()
    {
        var draft = Normalize(Samples.Read("apple-reply.html"));

        Assert.That(draft.Text, Does.EndWith("Is there anything else I can help with?"));
        Assert.That(draft.Stripped.Select(p => p.Kind), Is.EqualTo(new[] { StrippedKind.Signature, StrippedKind.QuotedThread }));
        Assert.That(draft.QuotedMessage, Does.StartWith("Hello Sam,"));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_AttributionAboveCitedBlockquote_IsPartOfTheQuote()
    {
        const string html = "<div>Yes, that works for us.</div><div><br></div><div>On 6 Mar 2025, at 18:22, Sofia &lt;sofia@example.com&gt; wrote:</div><blockquote type=\"cite\"><div>Can you collect it on Monday?</div></blockquote>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Yes, that works for us."));
        Assert.That(draft.Stripped, Has.Count.EqualTo(1));
        Assert.That(draft.Stripped[0].Text, Does.StartWith("On 6 Mar 2025"));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Can you collect it on Monday?"));
    }

    [Test]
    public void Normalize_InterleavedBlockquoteAnswers_KeepsTheAgentsAnswers()
    {
        const string html = "<div>On Tue, 4 Mar 2025 at 10:02, Ann &lt;ann@example.com&gt; wrote:</div><blockquote type=\"cite\">Does it come in blue?</blockquote><div>Yes, it does.</div><blockquote type=\"cite\">And in red?</blockquote><div>No, sorry.</div>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Yes, it does.\n\nNo, sorry."));
        Assert.That(draft.Stripped, Has.Count.EqualTo(2));
    }

    [Test]
    public void Normalize_PlainBlockquoteWithoutAttribution_IsTheAgentsOwnText()
    {
        const string html = "<div>Our policy says:</div><blockquote>Returns are accepted within 30 days.</blockquote><div>So we can take it back.</div>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Our policy says:\nReturns are accepted within 30 days.\nSo we can take it back."));
        Assert.That(draft.Stripped, Is.Empty);
    }

    [Test]
    public void Normalize_PlainTextWithGreaterThanQuotes_StripsQuotedLinesOnly()
    {
        const string text = "Answers inline.\n\nOn Mon, 3 Mar 2025 at 09:00, Ann <ann@example.com> wrote:\n> Is it in stock?\n\nYes, two left.\n\n> When can you ship?\n>> older quote\n\nTomorrow.";

        var draft = Normalize(text);

        Assert.That(draft.Text, Is.EqualTo("Answers inline.\n\nYes, two left.\n\nTomorrow."));
        Assert.That(draft.Stripped, Has.Count.EqualTo(2));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Is it in stock?"));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_AttributionWrappedOverTwoLines_IsRecognised()
    {
        const string text = "Sure, done.\n\nOn Mon, Mar 3, 2025 at 9:12 PM Mark Jensen <mark.jensen@example.net>\nwrote:\n> Please cancel my order.";

        var draft = Normalize(text);

        Assert.That(draft.Text, Is.EqualTo("Sure, done."));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Please cancel my order."));
    }

    [Test]
    public void Normalize_AttributionWithoutQuoteMarks_StripsToTheEnd()
    {
        const string text = "Thanks, I'll check.\n\nOn Mon, 3 Mar 2025 at 09:00, Ann <ann@example.com> wrote:\nIs it in stock?\nAnn";

        var draft = Normalize(text);

        Assert.That(draft.Text, Is.EqualTo("Thanks, I'll check."));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Is it in stock?\nAnn"));
    }

    [Test]
    public void Normalize_OriginalMessageSeparator_StripsTheThread()
    {
        var draft = Normalize(Samples.Read("hostile.txt"));

        Assert.That(draft.Text, Does.EndWith("Marcus"));
        Assert.That(draft.Stripped, Has.Count.EqualTo(1));
        Assert.That(draft.Stripped[0].Text, Does.StartWith("-----Original Message-----\nFrom: Ryan Cole"));
        Assert.That(draft.QuotedMessage, Does.StartWith("My router drops the connection every evening."));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_OutlookPlainTextRule_StaysWithTheHeaderBlock()
    {
        var draft = Normalize(Samples.Read("firm-refusal.txt"));

        Assert.That(draft.Stripped.Select(p => p.Kind), Is.EqualTo(new[] { StrippedKind.Signature, StrippedKind.QuotedThread }));
        Assert.That(draft.Stripped[1].Text, Does.StartWith("________________________________\nFrom: Diego Alvarez"));
        Assert.That(draft.QuotedMessage, Does.StartWith("Hi, the base of the lamp I bought cracked."));
    }

    [Test]
    public void Normalize_NestedOutlookThread_SplitsOnePartPerMessage()
    {
        const string text = "Done.\n\nFrom: B <b@example.com>\nSent: Tuesday\nTo: Support\nSubject: RE: Help\n\nSecond message.\n\nFrom: Support\nSent: Monday\nTo: B\nSubject: Help\n\nFirst reply.\n\n-----Original Message-----\nFrom: B\nDate: Sunday\nSubject: Help\n\nOriginal question.";

        var draft = Normalize(text);

        Assert.That(draft.Text, Is.EqualTo("Done."));
        Assert.That(draft.Stripped.Select(p => p.Message), Is.EqualTo(new[] { "Second message.", "First reply.", "Original question." }));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Second message."));
    }

    [Test]
    public void Normalize_SentenceStartingWithFrom_IsNotAHeader()
    {
        const string text = "From: our records, the parcel was delivered on Monday.\nTo: be sure, I have asked the courier for a photo.\nThanks for waiting.";

        var draft = Normalize(text);

        Assert.That(draft.Stripped, Is.Empty);
        Assert.That(draft.Sentences, Has.Count.EqualTo(3));
    }

    [Test]
    public void Normalize_GmailForwardedMessage_IsForwardedKind()
    {
        const string html = "<div dir=\"ltr\">Hi team, can someone take this one?</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">---------- Forwarded message ---------<br>From: <strong class=\"gmail_sendername\">Ann</strong> &lt;ann@example.com&gt;<br>Date: Mon, 3 Mar 2025 at 09:00<br>Subject: Broken lid<br>To: &lt;support@example.com&gt;<br></div><br><br><div dir=\"ltr\">The lid is broken.</div></div>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Hi team, can someone take this one?"));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.ForwardedMessage));
        Assert.That(draft.QuotedMessage, Is.EqualTo("The lid is broken."));
    }

    [Test]
    public void Normalize_AppleBeginForwardedMessage_IsForwardedKind()
    {
        const string text = "FYI, see below.\n\nBegin forwarded message:\n\nFrom: Ann <ann@example.com>\nSubject: Broken lid\nDate: 3 March 2025 at 09:00:00 GMT\nTo: support@example.com\n\nThe lid is broken.";

        var draft = Normalize(text);

        Assert.That(draft.Text, Is.EqualTo("FYI, see below."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.ForwardedMessage));
        Assert.That(draft.QuotedMessage, Is.EqualTo("The lid is broken."));
    }

    [Test]
    public void Normalize_DashDashSignature_IsStripped()
    {
        var draft = Normalize("We have refunded you.\n\n-- \nJo Smith\nACME Support\nhttps://acme.example.com");

        Assert.That(draft.Text, Is.EqualTo("We have refunded you."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.Signature));
        Assert.That(draft.Stripped.Single().Text, Is.EqualTo("--\nJo Smith\nACME Support\nhttps://acme.example.com"));
    }

    [TestCase("Best regards,")]
    [TestCase("Kind regards")]
    [TestCase("Thanks!")]
    [TestCase("Cheers,")]
    [TestCase("Thank you,")]
    [TestCase("Sincerely,")]
    public void Normalize_SignOffBlock_IsStripped(string closing)
    {
        var draft = Normalize($"Your order ships today.\n\n{closing}\nJo Smith\nSenior Agent | ACME Ltd\nPhone +1 555 0100");

        Assert.That(draft.Text, Is.EqualTo("Your order ships today."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.Signature));
    }

    [Test]
    public void Normalize_ClosingWithNameOnSameLine_IsStripped()
    {
        var draft = Normalize("Your order ships today.\nCheers, Dana");

        Assert.That(draft.Text, Is.EqualTo("Your order ships today."));
    }

    [TestCase("Thanks!")]
    [TestCase("Thank you so much")]
    public void Normalize_ReplyThatIsOnlyAClosing_IsKept(string reply)
    {
        var draft = Normalize(reply + "\n\n-----Original Message-----\nFrom: Ann\nSent: Monday\nTo: Support\nSubject: Hi\n\nIt works now.");

        Assert.That(draft.Text, Is.EqualTo(reply));
        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Ok));
    }

    [Test]
    public void Normalize_ThanksSentenceInBody_IsKept()
    {
        var draft = Normalize("Thanks for your patience.\nYour order ships today.\nThank you for choosing us, we appreciate it.");

        Assert.That(draft.Stripped, Is.Empty);
        Assert.That(draft.Sentences, Has.Count.EqualTo(3));
    }

    [Test]
    public void Normalize_ClosingFollowedByLongText_IsNotASignature()
    {
        const string text = "Thanks,\nI looked at the logs and found that the device restarted 14 times yesterday between 9 and 11 p.m.\nThat points to the power supply.\nPlease send a photo of the label.\nWe will then ship a new one.\nIt usually arrives in two days.\nThe old one can go in the same box.\nSorry again for the trouble.";

        var draft = Normalize(text);

        Assert.That(draft.Stripped, Is.Empty);
    }

    [Test]
    public void Normalize_MobileSignature_IsStripped()
    {
        var draft = Normalize("On my way to the warehouse, will check.\n\nSent from my iPhone");

        Assert.That(draft.Text, Is.EqualTo("On my way to the warehouse, will check."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.Signature));
    }

    [TestCase("This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please delete it.")]
    [TestCase("CONFIDENTIALITY NOTICE: The contents of this email message are intended for the named recipient only.")]
    [TestCase("DISCLAIMER: This message is for the addressee only.")]
    [TestCase("The information contained in this email is confidential.")]
    public void Normalize_LegalDisclaimer_IsStripped(string disclaimer)
    {
        var draft = Normalize($"Your replacement is on its way.\n\nRegards,\nJo\n\n{disclaimer}\nSecond paragraph of legal text.");

        Assert.That(draft.Text, Is.EqualTo("Your replacement is on its way."));
        Assert.That(draft.Stripped.Select(p => p.Kind), Is.EqualTo(new[] { StrippedKind.Signature, StrippedKind.Disclaimer }));
        Assert.That(draft.Stripped[1].Text, Does.StartWith(disclaimer));
    }

    [Test]
    public void Normalize_SentenceMentioningIntent_IsNotADisclaimer()
    {
        var draft = Normalize("This message is intended to clarify the refund steps.\nPlease read it carefully.");

        Assert.That(draft.Stripped, Is.Empty);
    }

    [Test]
    public void Normalize_GmailSignatureElement_IsStripped()
    {
        const string html = "<div dir=\"ltr\">It is fixed now.<br clear=\"all\"><div><br></div><span class=\"gmail_signature_prefix\">-- </span><br><div dir=\"ltr\" class=\"gmail_signature\">Jo<br>ACME</div></div>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("It is fixed now."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.Signature));
    }

    [Test]
    public void Normalize_OutlookMailAutoSigBookmark_StartsTheSignature()
    {
        const string html = "<p class=MsoNormal>Fixed in release 4.2.<o:p></o:p></p><p class=MsoNormal><a name=\"_MailAutoSig\">Jo Smith<o:p></o:p></a></p><p class=MsoNormal>Escalations team<o:p></o:p></p><p class=MsoNormal>ACME Corporation, Building 7, 1200 Industrial Parkway, Springfield<o:p></o:p></p>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Fixed in release 4.2."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.Signature));
    }

    [Test]
    public void Normalize_EmptyMailAutoSigBookmark_StartsTheSignature()
    {
        const string html = "<p class=MsoNormal>Fixed in release 4.2.<o:p></o:p></p><p class=MsoNormal><a name=\"_MailAutoSig\"></a>Jo Smith, Escalations team, ACME Corporation, Building 7, 1200 Industrial Parkway<o:p></o:p></p>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Fixed in release 4.2."));
    }

    [Test]
    public void Normalize_CustomersSignatureInsideQuote_StaysInTheQuotedMessage()
    {
        const string html = "<div dir=\"ltr\">Done, it is refunded.</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, 3 Mar 2025 at 09:00, Ann &lt;ann@example.com&gt; wrote:<br></div><blockquote class=\"gmail_quote\"><div>Please refund me.</div><div class=\"gmail_signature\">Ann Lee<br>Lee Bakery</div><div>PS: order 42.</div></blockquote></div>";

        var draft = Normalize(html);

        Assert.That(draft.Text, Is.EqualTo("Done, it is refunded."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.QuotedThread));
        Assert.That(draft.QuotedMessage, Is.EqualTo("Please refund me.\nAnn Lee\nLee Bakery\nPS: order 42."));
    }

    [Test]
    public void Normalize_OnlyQuoteAndSignature_IsEmpty()
    {
        const string text = "Best regards,\nJo\n\n-----Original Message-----\nFrom: Ann\nSent: Monday\nTo: Support\nSubject: Hi\n\nHello?";

        var draft = Normalize(text);

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Empty));
        Assert.That(draft.Text, Is.Empty);
        Assert.That(draft.Sentences, Is.Empty);
        Assert.That(draft.QuotedMessage, Is.EqualTo("Hello?"));
    }
}
