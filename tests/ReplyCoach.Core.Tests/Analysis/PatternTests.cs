using ReplyCoach.Core.Analysis.Detectors;

namespace ReplyCoach.Core.Tests.Analysis;

public sealed class PatternTests
{
    // Compiles the pattern into a fresh word table with the lexicon, then tokenizes the text with that same table.
    private static int Match(string pattern, string text) => Match(pattern, text, out _);

    private static int Match(string pattern, string text, out string marked)
    {
        var builder = new WordTableBuilder();
        Lexicon.Register(builder);
        var program = PatternCompiler.Compile(pattern, builder);
        var lexicon = Lexicon.Freeze(builder);

        var lower = new char[text.Length];
        Tokenizer.Fold(text, lower);
        var tokens = new Token[Tokenizer.MaxTokens(text)];
        var n = Tokenizer.Tokenize(text, lower, tokens, lexicon);
        for (var start = 0; start < n; start++)
        {
            var end = PatternMatcher.Match(program, tokens.AsSpan(0, n), start, out var ms, out var me);
            if (end >= 0)
            {
                var from = tokens[ms >= 0 ? ms : start].Start;
                var to = tokens[(me >= 0 ? me : end) - 1].End;
                marked = text[from..to];
                return start;
            }
        }

        marked = string.Empty;
        return -1;
    }

    [Test]
    public void Compile_Contraction_MatchesBothSpellings()
    {
        Assert.That(Match("you are @insultN", "you're an idiot"), Is.EqualTo(-1), "the determiner is not in the pattern");
        Assert.That(Match("you are ?@det @insultN", "you're an idiot", out _), Is.EqualTo(0));
        Assert.That(Match("you are ?@det @insultN", "you are an idiot", out _), Is.EqualTo(0));
    }

    [Test]
    public void Compile_Alternatives_MatchAnyOfThem()
    {
        Assert.That(Match("(see you in court / take you to court)", "we will take you to court", out var marked), Is.EqualTo(2));
        Assert.That(marked, Is.EqualTo("take you to court"));
    }

    [Test]
    public void Compile_Marks_LimitTheHighlightedWords()
    {
        Match("[ you must have ] @blamev", "you must have dropped it", out var marked);

        Assert.That(marked, Is.EqualTo("you must have"));
    }

    [Test]
    public void Compile_Gap_DoesNotCrossNegation()
    {
        Assert.That(Match("we * report you", "we will report you", out _), Is.EqualTo(0));
        Assert.That(Match("we * report you", "we will not report you", out _), Is.EqualTo(-1));
    }

    [Test]
    public void Compile_ClauseStartAnchor_RequiresStartOrPunctuation()
    {
        Assert.That(Match("^ whatever @end", "Whatever.", out _), Is.EqualTo(0));
        Assert.That(Match("^ whatever @end", "do whatever.", out _), Is.EqualTo(-1));
    }

    [Test]
    public void Compile_NotNext_RejectsTheListedFollower()
    {
        Assert.That(Match("you dropped !off", "you dropped off the parcel", out _), Is.EqualTo(-1));
        Assert.That(Match("you dropped !off", "you dropped the parcel", out _), Is.EqualTo(0));
    }

    [Test]
    public void Compile_LongAlternativeList_UsesDispatchAndStillMatchesEachAlternative()
    {
        const string pattern = "(alpha / beta / gamma / delta / epsilon / you are) @insultN";
        Assert.That(Match(pattern, "delta idiot", out _), Is.EqualTo(0));
        Assert.That(Match(pattern, "you're idiot", out _), Is.EqualTo(0));
        Assert.That(Match(pattern, "omega idiot", out _), Is.EqualTo(-1));
    }

    [TestCase("(unclosed")]
    [TestCase("@nosuchclass")]
    [TestCase("* starts with a gap")]
    public void Compile_BadPattern_Throws(string pattern) =>
        Assert.That(() => PatternCompiler.Analyze(PatternCompiler.Compile(pattern, new WordTableBuilder()), pattern), Throws.InstanceOf<FormatException>());

    [Test]
    public void Engine_AllRulesCompile_AndThereAreHundreds()
    {
        Assert.That(DetectorEngine.Instance.RuleCount, Is.GreaterThan(400));
    }
}
