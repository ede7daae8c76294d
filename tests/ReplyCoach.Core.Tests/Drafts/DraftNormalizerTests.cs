using System.Text;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Drafts;

internal sealed class DraftNormalizerTests : NormalizerTestBase
{
    static DraftNormalizerTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Test]
    public void Normalize_NullContent_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Normalizer.Normalize(null!));
    }

    [Test]
    public void NormalizeEml_NullStream_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Normalizer.NormalizeEml(null!));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\r\n\t \n")]
    [TestCase("<html><body><p>&nbsp;</p><div><br></div></body></html>")]
    [TestCase("\u200B\uFEFF\u00A0")]
    public void Normalize_NothingWritten_IsEmpty(string content)
    {
        var draft = Normalize(content);

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Empty));
        Assert.That(draft.Text, Is.Empty);
        Assert.That(draft.Sentences, Is.Empty);
        Assert.That(draft.Language, Is.EqualTo("und"));
    }

    [TestCase("Plain reply. Nothing special.", DraftFormat.Text)]
    [TestCase("I <3 this & a < b > c", DraftFormat.Text)]
    [TestCase("<p>Hello</p>", DraftFormat.Html)]
    [TestCase("Hello<br>there", DraftFormat.Html)]
    [TestCase("<!DOCTYPE html><html><body>x</body></html>", DraftFormat.Html)]
    [TestCase("From: Ann <ann@example.com>\nSent: Monday\nTo: Support\nSubject: Hi\n\nHello", DraftFormat.Text)]
    [TestCase("MIME-Version: 1.0\r\nFrom: a@example.com\r\nContent-Type: text/plain\r\n\r\nHi there.", DraftFormat.Eml)]
    public void Normalize_Auto_DetectsTheFormat(string content, DraftFormat expected)
    {
        var draft = Normalize(content);

        Assert.That(draft.Format, Is.EqualTo(expected));
    }

    [Test]
    public void Normalize_PlainText_MapsEveryWordBack()
    {
        var draft = Normalize("Hello   Anna,\r\n\r\nYour\torder #123 ships today.  Thanks!\r\n");

        Assert.That(draft.Text, Is.EqualTo("Hello Anna,\n\nYour order #123 ships today. Thanks!"));
        AssertWordsRoundTrip(draft);
    }

    [TestCase("polite.txt")]
    [TestCase("firm-refusal.txt")]
    [TestCase("hostile.txt")]
    [TestCase("outlook-reply.html")]
    [TestCase("gmail-reply.html")]
    [TestCase("apple-reply.html")]
    public void Normalize_Sample_RoundTripsEverySentenceAndWord(string sample)
    {
        var draft = Normalize(Samples.Read(sample));

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Ok));
        Assert.That(draft.Language, Is.EqualTo("en"));
        Assert.That(draft.Sentences, Is.Not.Empty);
        Assert.That(draft.QuotedMessage, Is.Not.Null.And.Not.Empty);
        AssertSentencesRoundTrip(draft);
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_OutlookSample_SentencesMatchTheHostileParagraphs()
    {
        var draft = Normalize(Samples.Read("outlook-reply.html"));
        var texts = draft.Sentences.Select(s => s.Text).ToList();

        Assert.That(texts, Does.Contain("People like you always expect something for nothing."));
        Assert.That(texts, Does.Contain("A technician visit costs $129.99 and must be paid in advance."));
        Assert.That(texts, Does.Contain("Refunds are only possible within 30 days of delivery, i.e. before 16 March."));
        Assert.That(texts, Does.Contain("If you want the visit, reply with a time between 8:00 a.m. and 12:30 p.m. on a weekday & we’ll see what we can do."));
    }

    [Test]
    public void NormalizeEml_SampleFile_UsesTheHtmlPartAndDecodesWindows1252()
    {
        using var stream = File.OpenRead(Samples.PathOf("reply-with-thread.eml"));

        var draft = Normalizer.NormalizeEml(stream);

        Assert.That(draft.Format, Is.EqualTo(DraftFormat.Eml));
        Assert.That(draft.BodyFormat, Is.EqualTo(DraftFormat.Html));
        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Ok));
        Assert.That(draft.Text, Does.StartWith("Hi Zoë,"));
        Assert.That(draft.Text, Does.Contain("I’m sorry the crème brûlée torch stopped working after only two weeks – that’s not"));
        Assert.That(draft.Text, Does.Contain("€6.50"));
        Assert.That(draft.Stripped.Select(p => p.Kind), Is.EqualTo(new[] { StrippedKind.Signature, StrippedKind.QuotedThread }));
        Assert.That(draft.QuotedMessage, Does.StartWith("Hello, the torch I bought for €39.90 won’t ignite anymore."));
        AssertWordsRoundTrip(draft);
    }

    [TestCase("iso-8859-1", "quoted-printable")]
    [TestCase("windows-1252", "base64")]
    [TestCase("windows-1252", "8bit")]
    public void NormalizeEml_NonUtf8PlainTextPart_DecodesTheCharset(string charset, string transferEncoding)
    {
        const string body = "Grüße aus Köln: your café order is ready. Thank you, Zoë!\n\n-- \nJörg";
        var encoding = Encoding.GetEncoding(charset);
        var bytes = encoding.GetBytes(body.Replace("\n", "\r\n"));
        var encoded = transferEncoding switch
        {
            "base64" => Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks),
            "quoted-printable" => QuotedPrintable(bytes),
            _ => null,
        };
        var header = $"From: shop@example.com\r\nTo: zoe@example.com\r\nSubject: Order\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: {transferEncoding}\r\n\r\n";
        var message = encoded is null
            ? [.. Encoding.ASCII.GetBytes(header), .. bytes]
            : Encoding.ASCII.GetBytes(header + encoded);

        var draft = NormalizeEml(message);

        Assert.That(draft.BodyFormat, Is.EqualTo(DraftFormat.Text));
        Assert.That(draft.Text, Is.EqualTo("Grüße aus Köln: your café order is ready. Thank you, Zoë!"));
        Assert.That(draft.Stripped.Single().Text, Is.EqualTo("--\nJörg"));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void Normalize_EmlAsString_PrefersHtmlOverText()
    {
        const string eml = "From: a@example.com\r\nTo: b@example.com\r\nSubject: Re: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain version.\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML&nbsp;version.</p>\r\n--b1--\r\n";

        var draft = Normalize(eml);

        Assert.That(draft.Format, Is.EqualTo(DraftFormat.Eml));
        Assert.That(draft.Text, Is.EqualTo("HTML version."));
        Assert.That(draft.Original, Does.Contain("<p>HTML&nbsp;version.</p>"));
        AssertWordsRoundTrip(draft);
    }

    [Test]
    public void NormalizeEml_NoTextParts_IsEmpty()
    {
        var message = Encoding.ASCII.GetBytes("From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n");

        var draft = NormalizeEml(message);

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Empty));
    }

    [Test]
    public void NormalizeEml_Garbage_DoesNotThrow()
    {
        var random = new Random(42);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);

        var draft = NormalizeEml(bytes);

        Assert.That(draft.Format, Is.EqualTo(DraftFormat.Eml));
    }

    [Test]
    public void NormalizeEml_Cancelled_ThrowsOperationCanceled()
    {
        using var stream = File.OpenRead(Samples.PathOf("reply-with-thread.eml"));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Catch<OperationCanceledException>(() => Normalizer.NormalizeEml(stream, cancellation.Token));
    }

    private const string Markup = "<>/&;#=\"' \r\n!-?[]";

    [TestCase(DraftFormat.Auto)]
    [TestCase(DraftFormat.Text)]
    [TestCase(DraftFormat.Html)]
    [TestCase(DraftFormat.Eml)]
    public void Normalize_BinaryGarbage_DoesNotThrow(DraftFormat format)
    {
        var random = new Random(7);
        for (var round = 0; round < 20; round++)
        {
            var chars = new char[random.Next(1, 5000)];
            for (var i = 0; i < chars.Length; i++)
            {
                // Mostly markup-ish characters, so the tokenizer goes through many states.
                chars[i] = random.Next(6) switch
                {
                    0 => Markup[random.Next(Markup.Length)],
                    1 => (char)random.Next(0, 0x20),
                    2 => (char)random.Next(0xD800, 0xE000),
                    3 => (char)random.Next(0x80, 0x3000),
                    _ => (char)random.Next(0x20, 0x7F),
                };
            }

            var draft = Normalize(new string(chars), format);

            AssertInvariants(draft);
        }
    }

    [TestCase("outlook-reply.html")]
    [TestCase("gmail-reply.html")]
    [TestCase("apple-reply.html")]
    [TestCase("hostile.txt")]
    public void Normalize_MutatedSample_DoesNotThrowAndRoundTripsWords(string sample)
    {
        var content = Samples.Read(sample);
        var random = new Random(sample.Length);
        for (var round = 0; round < 150; round++)
        {
            var mutated = (round % 3) switch
            {
                0 => content[..random.Next(content.Length)],
                1 => content.Remove(random.Next(content.Length - 40), random.Next(1, 40)),
                _ => content.Insert(random.Next(content.Length), Markup[random.Next(Markup.Length)].ToString()),
            };

            var draft = Normalize(mutated);

            AssertInvariants(draft);
            if (draft.BodyFormat == DraftFormat.Text)
            {
                AssertWordsRoundTrip(draft);
            }
        }
    }

    [Test]
    public void Normalize_BytesDecodedAsUtf8_DoesNotThrow()
    {
        var random = new Random(3);
        var bytes = new byte[50_000];
        random.NextBytes(bytes);

        var draft = Normalize(Encoding.UTF8.GetString(bytes));

        AssertInvariants(draft);
    }

    [Test]
    public void Normalize_OneMegabyteHtmlDraft_CompletesWithSentences()
    {
        var paragraph = "<p class=MsoNormal>We checked order #48213 again on 14&nbsp;February and the hinge was fine. Please don&#8217;t lift the door by the handle.<o:p></o:p></p>\r\n";
        var html = new StringBuilder("<html><body>");
        while (html.Length < 1_000_000)
        {
            html.Append(paragraph);
        }

        html.Append("</body></html>");

        // How fast is for NormalizationBenchmarks; here, that a draft this large is read to the end.
        var draft = Normalize(html.ToString());

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Ok));
        Assert.That(draft.Sentences.Count, Is.GreaterThan(10_000));
        AssertSentencesRoundTrip(Normalize(html.ToString(0, 20_000) + "</body></html>"));
    }

    [Test]
    public void Normalize_OneMegabytePlainTextThread_Completes()
    {
        var builder = new StringBuilder("Reply on top. We are on it.\n\n");
        while (builder.Length < 1_000_000)
        {
            builder.Append("> Quoted line with some words in it and an order number 12345.\n");
        }

        var draft = Normalize(builder.ToString());

        Assert.That(draft.Text, Is.EqualTo("Reply on top. We are on it."));
        Assert.That(draft.Stripped.Single().Kind, Is.EqualTo(StrippedKind.QuotedThread));
    }

    [Test]
    public void Normalize_OneMegabyteWithoutLineBreaks_CompletesWithBoundedSentences()
    {
        var text = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 40_000));

        var draft = Normalize(text);

        Assert.That(draft.Sentences.Count, Is.GreaterThan(100));
        Assert.That(draft.Sentences.Max(s => s.Length), Is.LessThanOrEqualTo(1000));
    }

    [TestCase("Sehr geehrte Frau Keller,\n\nvielen Dank für Ihre Nachricht. Wir haben Ihre Bestellung storniert und den Betrag erstattet.\n\nMit freundlichen Grüßen\nJonas", "de")]
    [TestCase("Bonjour Madame,\n\nMerci pour votre message. Nous avons bien reçu votre commande et elle sera expédiée demain.\n\nCordialement", "fr")]
    [TestCase("Hola Carlos,\n\ngracias por tu mensaje. Hemos enviado el pedido y llegará el lunes. Saludos.", "es")]
    [TestCase("Здравствуйте! Ваш заказ отправлен сегодня и прибудет в понедельник.", "ru")]
    [TestCase("ご注文ありがとうございます。商品は明日発送されます。", "ja")]
    [TestCase("Beste meneer, bedankt voor uw bericht. Wij hebben het pakket vandaag met de post verstuurd.", "nl")]
    public void Normalize_NonEnglishReply_IsUnsupportedLanguage(string text, string language)
    {
        var draft = Normalize(text);

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.UnsupportedLanguage));
        Assert.That(draft.Language, Is.EqualTo(language));
    }

    [TestCase("Thanks!")]
    [TestCase("OK")]
    [TestCase("Order #A-20931 / SKU 7731-0042")]
    [TestCase("Hi Jürgen, your order from München was shipped today. Danke for waiting!")]
    [TestCase("Dear Señor Pérez, we have received your request and will reply by Monday.")]
    public void Normalize_EnglishOrTooShortToTell_IsOk(string text)
    {
        var draft = Normalize(text);

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Ok));
    }

    [Test]
    public void Normalize_EnglishReplyToFrenchCustomer_IsEnglish()
    {
        const string text = "Hi Margaux,\n\nWe have shipped your order today.\n\nLe lun. 3 mars 2025 à 09:00, Margaux <m@example.fr> a écrit :\n> Bonjour, où est ma commande ? Merci de votre aide.";

        var draft = Normalize(text);

        Assert.That(draft.Status, Is.EqualTo(DraftStatus.Ok));
        Assert.That(draft.Language, Is.EqualTo("en"));
        Assert.That(draft.QuotedMessage, Does.StartWith("Bonjour"));
    }

    [Test]
    public void MapToOriginal_OutOfRange_Throws()
    {
        var draft = Normalize("Short text.");

        Assert.Throws<ArgumentOutOfRangeException>(() => draft.MapToOriginal(5, 100));
    }

    [Test]
    public void MapToOriginal_EmptyRange_ReturnsAPosition()
    {
        var draft = Normalize("<p>Hello world.</p>");

        var span = draft.MapToOriginal(draft.Text.Length, 0);

        Assert.That(span.Length, Is.EqualTo(0));
    }

    [Test]
    public void Normalize_SharedInstanceOnManyThreads_GivesTheSameResult()
    {
        var html = Samples.Read("outlook-reply.html");
        var expected = Normalizer.Normalize(html).Text;
        var results = new string[64];

        Parallel.For(0, results.Length, i => results[i] = Normalizer.Normalize(html).Text);

        Assert.That(results, Is.All.EqualTo(expected));
    }

    private static string QuotedPrintable(byte[] bytes)
    {
        var builder = new StringBuilder();
        var lineLength = 0;
        foreach (var b in bytes)
        {
            var token = b is (byte)'\r' or (byte)'\n' || (b >= 33 && b <= 126 && b != (byte)'=') || b == (byte)' '
                ? ((char)b).ToString()
                : $"={b:X2}";
            if (token is "\r" or "\n")
            {
                builder.Append(token);
                lineLength = 0;
                continue;
            }

            if (lineLength + token.Length > 72)
            {
                builder.Append("=\r\n");
                lineLength = 0;
            }

            builder.Append(token);
            lineLength += token.Length;
        }

        return builder.ToString();
    }
}
