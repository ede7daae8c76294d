namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>Surface facts about a token that the lexicon cannot know.</summary>
[Flags]
internal enum TokenFlags : ushort
{
    None = 0,
    Capitalized = 1 << 0,
    AllCaps = 1 << 1,
    Obfuscated = 1 << 2,       // f*ck, sh1t: matched by de-obfuscation
    InQuote = 1 << 3,
    Possessive = 1 << 4,       // customer's, women's
    ContractionPiece = 1 << 5, // the "not" of "don't", the "are" of "you're"
    Word = 1 << 6,             // has letters or digits (not punctuation)
    Adverb = 1 << 7,           // an -ly word the lexicon does not classify ("honestly", "frankly")
}

/// <summary>
/// One token of a sentence: a word, a piece of a contraction, or a punctuation mark. Offsets are relative to the
/// sentence. Unmanaged so a sentence's tokens can live on the stack.
/// </summary>
internal struct Token
{
    public int Start;
    public int Length;
    public int Word;
    public WordClass Classes;
    public TokenFlags Flags;
    public int Repeat; // length of a run such as "!!!"

    public readonly int End => Start + Length;

    public readonly bool Is(WordClass classes) => (Classes & classes) != 0;

    public readonly bool Has(TokenFlags flags) => (Flags & flags) != 0;
}
