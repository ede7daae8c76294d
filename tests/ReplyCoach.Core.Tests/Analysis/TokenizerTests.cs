using ReplyCoach.Core.Analysis.Detectors;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class TokenizerTests
{
    private static readonly Lexicon Lexicon = DetectorEngine.Instance.Lexicon;

    private static (Token[] Tokens, string Lower) Tokenize(string text)
    {
        var lower = new char[text.Length];
        Tokenizer.Fold(text, lower);
        var tokens = new Token[Tokenizer.MaxTokens(text)];
        var n = Tokenizer.Tokenize(text, lower, tokens, Lexicon);
        return (tokens[..n], new string(lower));
    }

    private static string[] Words((Token[] Tokens, string Lower) t) =>
        t.Tokens.Select(k => k.Word >= 0 ? Lexicon.Words[k.Word].Text : t.Lower.Substring(k.Start, k.Length)).ToArray();

    [Test]
    public void Tokenize_Contractions_SplitIntoTheirWords()
    {
        var words = Words(Tokenize("You're sure you can't? I'd say it's fine, don't you think."));

        Assert.That(words, Is.EqualTo(new[] { "you", "are", "sure", "you", "can", "not", "?", "i", "would", "say", "it", "is", "fine", ",", "do", "not", "you", "think", "." }));
    }

    [Test]
    public void Tokenize_CurlyApostrophe_IsTreatedAsAnApostrophe()
    {
        Assert.That(Words(Tokenize("You\u2019re")), Is.EqualTo(new[] { "you", "are" }));
    }

    [Test]
    public void Tokenize_ContractionPieces_ShareTheOriginalCharacters()
    {
        var (tokens, _) = Tokenize("don't");

        Assert.That(tokens.Select(t => (t.Start, t.Length)), Is.EqualTo(new[] { (0, 2), (2, 3) }));
    }

    [Test]
    public void Tokenize_Possessive_KeepsTheNounAndMarksIt()
    {
        var (tokens, lower) = Tokenize("the customer's order");

        var customer = tokens[1];
        Assert.That(lower.Substring(customer.Start, customer.Length), Is.EqualTo("customer"));
        Assert.That(customer.Has(TokenFlags.Possessive), Is.True);
    }

    [TestCase("f*ck", "fuck")]
    [TestCase("f**k", "fuck")]
    [TestCase("sh1t", "shit")]
    [TestCase("a$$", "ass")]
    [TestCase("b1tch", "bitch")]
    [TestCase("f@ck", "fuck")]
    public void Tokenize_MaskedSwearWord_ResolvesToTheWord(string masked, string word)
    {
        var (tokens, _) = Tokenize(masked);

        Assert.That(tokens, Has.Length.EqualTo(1));
        Assert.That(Lexicon.Words[tokens[0].Word].Text, Is.EqualTo(word));
        Assert.That(tokens[0].Has(TokenFlags.Obfuscated), Is.True);
    }

    [TestCase("mp3")]
    [TestCase("A55")]
    [TestCase("4g")]
    public void Tokenize_ModelNumbers_AreNotMistakenForSwearWords(string text)
    {
        var (tokens, _) = Tokenize(text);

        Assert.That(tokens.Any(t => t.Is(WordClass.Profanity)), Is.False);
    }

    [Test]
    public void Tokenize_QuotedWords_AreMarkedInQuote()
    {
        var (tokens, lower) = Tokenize("you called it a \"scam\" today");

        var scam = tokens.Single(t => lower.Substring(t.Start, t.Length) == "scam");
        var today = tokens.Single(t => lower.Substring(t.Start, t.Length) == "today");
        Assert.That(scam.Has(TokenFlags.InQuote), Is.True);
        Assert.That(today.Has(TokenFlags.InQuote), Is.False);
    }

    [Test]
    public void Tokenize_UnclosedQuote_MarksNothing()
    {
        var (tokens, _) = Tokenize("he said \"you are an idiot");

        Assert.That(tokens.Any(t => t.Has(TokenFlags.InQuote)), Is.False);
    }

    [Test]
    public void Tokenize_PluralPossessiveApostrophe_IsNotAQuote()
    {
        var (tokens, _) = Tokenize("the customers' orders and 'this'");

        Assert.That(tokens.Count(t => t.Is(WordClass.Quote)), Is.EqualTo(2));
    }

    [Test]
    public void Tokenize_HyphenatedWord_IsFoundWithOrWithoutTheHyphen()
    {
        var hyphen = Tokenize("e-mail").Tokens.Single();
        var plain = Tokenize("email").Tokens.Single();

        Assert.That(hyphen.Word, Is.EqualTo(plain.Word));
    }

    [Test]
    public void Tokenize_ExclamationRun_IsOneTokenWithItsLength()
    {
        var (tokens, _) = Tokenize("no!!!");

        Assert.That(tokens[^1].Repeat, Is.EqualTo(3));
    }

    [Test]
    public void MaxTokens_IsAnUpperBoundForAwkwardText()
    {
        const string text = "a,b;c don't-won't e.g. f*ck!!! 'x' \"y\" z's";
        var (tokens, _) = Tokenize(text);

        Assert.That(tokens.Length, Is.LessThanOrEqualTo(Tokenizer.MaxTokens(text)));
    }
}
