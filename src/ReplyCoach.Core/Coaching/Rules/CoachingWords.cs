using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis.Detectors;

namespace ReplyCoach.Core.Coaching;

/// <summary>
/// The words the coach's own rules need: the detectors' insult lists as regular-expression alternations for the
/// rewrite rules, and the lists the detectors have no use for (swearing used as an intensifier, words that are not
/// names, titles, abbreviations kept in capitals). Insults and swear words are listed once, in the detectors'
/// <see cref="Lexicon"/>: a word added there is both detected and reworded.
/// </summary>
internal static class CoachingWords
{
    /// <summary>The nouns that insult wherever they are aimed, singular and plural ("idiot", "idiots").</summary>
    public static readonly string InsultNouns = Alternation(Lexicon.InsultNounForms());

    /// <summary>The plural insult nouns ("idiots").</summary>
    public static readonly string InsultNounPlurals = Alternation(Lexicon.InsultNounPlurals());

    /// <summary>The adjectives that insult a person or what they wrote ("stupid").</summary>
    public static readonly string InsultAdjectives = Alternation(Lexicon.InsultAdjectiveForms());

    /// <summary>Swear words used as intensifiers before another word.</summary>
    public const string ProfaneIntensifiers =
        "fucking|fuckin|fricking|effing|freaking|frigging|bloody|damn|damned|goddamn|goddamned|bleeding|sodding|flipping|friggin|freakin";

    /// <summary>Words that are not names even when capitalised mid-sentence.</summary>
    public static readonly FrozenSet<string> NotNames = FrozenSet.ToFrozenSet(
        [
            "I", "I'm", "I'll", "I've", "I'd", "I’m", "I’ll", "I’ve", "I’d", "OK", "Ok", "Hi", "Hello", "Dear", "Hey", "Thanks", "Thank",
            "Please", "Regards", "Best", "Kind", "Cheers", "Sorry", "Yes", "No", "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Madam",
            "PS", "FYI", "ASAP", "NOT", "NO", "YES", "ALL", "THE", "AND", "YOU", "YOUR", "WE", "OUR", "IS", "ARE", "IT", "TO", "OF",
            "DO", "DON'T", "CAN", "WILL", "NEVER", "NOW", "STOP", "PLEASE", "READ", "AGAIN", "THIS", "THAT", "ME", "MY", "WHAT", "WHY",
        ],
        StringComparer.Ordinal);

    /// <summary>Titles that precede a name.</summary>
    public static readonly FrozenSet<string> Titles = FrozenSet.ToFrozenSet(
        ["Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Madam", "Mx"], StringComparer.Ordinal);

    /// <summary>
    /// Abbreviations kept in capitals when shouting is turned into sentence case. Stricter than the detectors' list
    /// of all-capital tokens that are not shouting: that one errs towards "not shouting" (IT, US, AM may be
    /// abbreviations), this one towards lower case ("PLEASE READ IT" must become "Please read it").
    /// </summary>
    public static readonly FrozenSet<string> Acronyms = FrozenSet.ToFrozenSet(
        [
            "ID", "IDS", "PDF", "URL", "USB", "UPS", "DHL", "TNT", "FAQ", "VAT", "EU", "UK", "USA", "API", "SMS", "PIN", "IBAN",
            "BIC", "CEO", "CTO", "HR", "PO", "RMA", "SKU", "GDPR", "ETA", "UTC", "GMT", "CET", "PST", "TV", "PC",
        ],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> HostileWords = Lexicon.HostileWordForms().ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a word is an insult or a swear word (not a name, whatever its capitals).</summary>
    public static bool IsHostileWord(string word) => HostileWords.Contains(word);

    // Longest first, so that a word is never cut short by a shorter one it starts with where no boundary follows.
    private static string Alternation(IEnumerable<string> words) =>
        string.Join("|", words.OrderByDescending(static w => w.Length).ThenBy(static w => w, StringComparer.Ordinal).Select(Regex.Escape));
}
