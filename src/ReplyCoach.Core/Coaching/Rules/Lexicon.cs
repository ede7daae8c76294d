using System.Collections.Frozen;

namespace ReplyCoach.Core.Coaching;

/// <summary>Word lists shared by the fact extractor and the built-in rewriter.</summary>
internal static class Lexicon
{
    /// <summary>Insult nouns ("idiot").</summary>
    public const string InsultNouns =
        "idiots?|morons?|fools?|imbeciles?|clowns?|losers?|jerks?|dumbass(?:es)?|dimwits?|halfwits?|nitwits?|cretins?|twits?|muppets?|numpties|numpty|" +
        "airheads?|trolls?|dolts?|buffoons?|nincompoops?|simpletons?|retards?|scum|freaks?|weirdos?|whiners?|crybab(?:y|ies)|karens?|geniuses|genius|einstein";

    /// <summary>Insulting adjectives ("stupid").</summary>
    public const string InsultAdjectives =
        "stupid|dumb|idiotic|moronic|ridiculous|pathetic|absurd|ludicrous|laughable|lame|useless|worthless|silly|ignorant|incompetent|" +
        "clueless|brainless|crazy|insane|nonsensical|asinine|pointless|lazy|arrogant|entitled|dense|thick|hopeless|deluded|delusional|childish|petty|whiny";

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

    /// <summary>Acronyms kept in capitals when shouting is turned into sentence case.</summary>
    public static readonly FrozenSet<string> Acronyms = FrozenSet.ToFrozenSet(
        [
            "ID", "IDS", "PDF", "URL", "USB", "UPS", "DHL", "TNT", "FAQ", "VAT", "EU", "UK", "USA", "API", "SMS", "PIN", "IBAN",
            "BIC", "CEO", "CTO", "HR", "PO", "RMA", "SKU", "GDPR", "ETA", "UTC", "GMT", "CET", "PST", "TV", "PC",
        ],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> HostileWords = FrozenSet.ToFrozenSet(
        (InsultNouns + "|" + InsultAdjectives + "|" + ProfaneIntensifiers + "|fuck|shit|crap|hell|bullshit|wtf|ffs|asshole|arsehole|bastard|bitch|dick|prick|twat|wanker|bollocks|pissed|piss")
            .Split('|')
            .Select(static w => w.Replace("(?:es)?", string.Empty, StringComparison.Ordinal).Replace("s?", string.Empty, StringComparison.Ordinal).Replace("(?:y|ies)", "y", StringComparison.Ordinal)),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a word is an insult or a swear word (not a name, whatever its capitals).</summary>
    public static bool IsHostileWord(string word) => HostileWords.Contains(word);
}
