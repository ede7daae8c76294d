using System.Collections.Frozen;

namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// The word lists behind the detectors, frozen once at start-up. Content lives in the partial files
/// (Lexicon.Insults.cs, Lexicon.Groups.cs, Lexicon.Verbs.cs); this file holds the function words, contraction
/// handling and the lookups the tokenizer needs.
/// </summary>
internal sealed partial class Lexicon
{
    private readonly FrozenDictionary<string, (int First, int Second)>.AlternateLookup<ReadOnlySpan<char>> _fused;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _acronyms;
    private readonly (string Form, int Id)[] _profanityForms;

    private Lexicon(WordTableBuilder builder, WordTable words)
    {
        Words = words;
        Not = builder.Id("not");
        Is = builder.Id("is");
        Us = builder.Id("us");
        Have = builder.Id("have");

        var fused = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var (form, first, second) in FusedForms)
        {
            fused[form] = (builder.Id(first), builder.Id(second));
        }

        _fused = fused.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _acronyms = Acronyms.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        var forms = new List<(string, int)>();
        foreach (var (word, _) in ProfanityWords)
        {
            forms.Add((word, builder.Id(word)));
        }

        _profanityForms = [.. forms];
    }

    public WordTable Words { get; }

    public int Not { get; }

    public int Is { get; }

    public int Us { get; }

    public int Have { get; }

    /// <summary>Creates the lexicon and registers its words in <paramref name="builder"/>; call <see cref="Freeze"/> after rules are compiled.</summary>
    public static void Register(WordTableBuilder builder)
    {
        RegisterFunctionWords(builder);
        RegisterInsults(builder);
        RegisterProfanity(builder);
        RegisterGroups(builder);
        RegisterVerbsAndNouns(builder);
    }

    public static Lexicon Freeze(WordTableBuilder builder) => new(builder, builder.Build());

    /// <summary>"dont", "youre": contractions typed without the apostrophe, split like their spelled forms.</summary>
    public bool TryFused(ReadOnlySpan<char> lower, out int first, out int second)
    {
        if (_fused.TryGetValue(lower, out var pair))
        {
            (first, second) = pair;
            return true;
        }

        first = second = -1;
        return false;
    }

    /// <summary>Whether an all-capital token is an abbreviation rather than shouting (USB, FAQ).</summary>
    public bool IsAcronym(ReadOnlySpan<char> lower) => _acronyms.Contains(lower);

    /// <summary>Matches a masked swear word ("f*ck", "sh**") against the swear words of the same length.</summary>
    public int MatchMasked(ReadOnlySpan<char> lower)
    {
        foreach (var (form, id) in _profanityForms)
        {
            if (form.Length != lower.Length)
            {
                continue;
            }

            var ok = true;
            var known = 0;
            for (var i = 0; i < form.Length && ok; i++)
            {
                var c = lower[i];
                if (c is '*' or '#' or '_' or '%')
                {
                    continue;
                }

                known++;
                ok = c == form[i];
            }

            // One visible letter is not enough evidence ("s***" could be many words); the first must be visible.
            if (ok && known >= 1 && lower[0] == form[0] && (known >= 2 || form.Length <= 4))
            {
                return id;
            }
        }

        return -1;
    }

    private static readonly (string Form, string First, string Second)[] FusedForms =
    [
        ("dont", "do", "not"), ("doesnt", "does", "not"), ("didnt", "did", "not"), ("isnt", "is", "not"),
        ("arent", "are", "not"), ("wasnt", "was", "not"), ("werent", "were", "not"), ("cant", "can", "not"),
        ("cannot", "can", "not"), ("couldnt", "could", "not"), ("shouldnt", "should", "not"),
        ("wouldnt", "would", "not"), ("havent", "have", "not"), ("hasnt", "has", "not"), ("hadnt", "had", "not"),
        ("mustnt", "must", "not"), ("youre", "you", "are"), ("ur", "your", "your"), ("im", "i", "am"),
        ("ive", "i", "have"), ("youve", "you", "have"), ("youll", "you", "will"), ("youd", "you", "would"),
        ("thats", "that", "is"), ("whats", "what", "is"), ("theyre", "they", "are"), ("weve", "we", "have"),
        ("wouldve", "would", "have"), ("shouldve", "should", "have"), ("couldve", "could", "have"),
        ("mustve", "must", "have"), ("gonna", "going", "to"), ("wanna", "want", "to"), ("gotta", "got", "to"),
        ("dunno", "do", "not"),
    ];

    // Capitalised abbreviations that are not shouting. Short all-caps tokens not listed here still count.
    private static readonly string[] Acronyms =
    [
        "usb", "id", "faq", "faqs", "ups", "dhl", "fedex", "usps", "pdf", "url", "it", "ok", "ceo", "cto", "cfo",
        "vat", "uk", "us", "usa", "eu", "pin", "sim", "tv", "pc", "ip", "asap", "fyi", "imei", "gb", "mb", "kb",
        "tb", "ssd", "hdd", "hdmi", "ram", "cpu", "gpu", "os", "ios", "api", "sms", "mms", "nfc", "gps", "led",
        "lcd", "dvd", "cd", "iban", "bic", "swift", "sku", "rma", "sla", "crm", "erp", "hr", "qa", "ai", "vpn",
        "wifi", "wi-fi", "lan", "wan", "dns", "http", "https", "ssl", "tls", "sso", "mfa", "otp", "eta", "po",
        "am", "pm", "gmt", "utc", "est", "pst", "cet", "bst", "nhs", "irs", "hmrc", "gdpr", "hipaa", "pci",
        "dpd", "tnt", "gls", "aws", "ibm", "hp", "lg", "amd", "nyc", "la", "ny", "dc", "ca", "tx", "cod",
        "iso", "ce", "fcc", "ul", "ac", "dc", "pdt", "edt", "eur", "usd", "gbp", "aud", "cad", "jpy", "chf",
        "sr", "jr", "ltd", "llc", "inc", "plc", "gmbh", "bv", "co", "nb", "ps", "pps", "re", "fw", "fwd", "cc",
        "bcc", "csv", "xml", "json", "html", "xls", "xlsx", "doc", "docx", "zip", "jpg", "jpeg", "png", "gif",
        "mp3", "mp4", "4g", "5g", "lte", "esim", "ssn", "dob", "ein", "tin", "nin", "nhs", "dvla", "mot",
        "rsvp", "tba", "tbc", "tbd", "n/a", "na", "ooo", "q1", "q2", "q3", "q4", "kpi", "roi", "b2b", "b2c",
    ];

    private static void RegisterFunctionWords(WordTableBuilder b)
    {
        b.Add(["you", "u", "ya", "yourself", "yourselves", "thou"], WordClass.You);
        b.Add(["your", "yours", "ur", "yer"], WordClass.YourPoss);
        b.Add(["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"], WordClass.FirstPerson);
        b.Add(["he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs", "it", "its", "this",
            "that", "these", "those", "someone", "somebody", "people", "everyone", "everybody", "anyone", "anybody",
            "one", "himself", "herself", "themselves", "itself", "colleague", "manager", "team", "company",
            "department", "courier", "system", "product", "device", "service", "store", "shop", "website", "app",
            "software", "staff", "supplier", "driver", "technician", "agent", "order", "item", "parcel", "package"],
            WordClass.ThirdPerson);

        b.Add(["not", "never", "no", "nothing", "nobody", "none", "neither", "nor", "noone", "nowhere", "without",
            "hardly", "barely", "cannot"], WordClass.Negator);
        b.Add(["am", "is", "are", "was", "were", "be", "been", "being", "seem", "seems", "seemed", "sound",
            "sounds", "sounded", "look", "looks", "looked", "act", "acting", "acted", "behave", "behaving",
            "become", "became", "remain", "'re"], WordClass.Copula);

        // Compounds whose parts would otherwise read as insults.
        foreach (var word in (string[])["idiot-proof", "foolproof", "fool-proof", "dummy-proof", "dumbbell", "dumbbells",
            "dumb-bell", "crash-test", "idiot-light", "hell-bent", "scunthorpe", "cockpit", "cocktail", "cocktails",
            "peacock", "shuttlecock", "hancock", "dickens", "assess", "assessment", "assassin", "passion", "bass",
            "class", "classic", "grass", "glass", "brass", "mass", "pass", "compass", "embarrass", "harass",
            "shitake", "shiitake", "hello", "shell", "shells", "helle", "analysis", "therapist", "butterfly",
            "butter", "button", "buttons", "titles", "title", "cumbersome", "document", "scrap", "scrapped",
            "dumbfounded", "hellish"])
        {
            b.Id(word);
        }
        b.Add(["will", "would", "can", "could", "shall", "should", "may", "might", "must", "ought"], WordClass.Modal);
        b.Add(["so", "very", "really", "completely", "totally", "utterly", "absolutely", "extremely", "incredibly",
            "truly", "just", "quite", "pretty", "too", "such", "real", "complete", "total", "absolute", "right",
            "genuinely", "seriously", "unbelievably", "simply", "plain", "downright", "entirely", "bloody",
            "fucking", "freaking", "frigging", "effing", "damn", "damned", "flipping", "bleeding", "most",
            "more", "even", "thoroughly", "clearly", "obviously", "apparently", "evidently", "rather", "somewhat",
            "kind", "sort", "little", "big", "massive", "huge", "stupid", "fat", "useless", "pathetic", "lazy",
            "ignorant", "old", "dumb", "worthless", "miserable", "silly", "sad", "sorry", "arrogant", "entitled",
            "greedy", "rude", "nasty", "ungrateful", "incompetent", "clueless", "brainless", "spineless", "lying",
            "cheating", "filthy", "dirty", "disgusting", "pompous", "smug", "utter", "ridiculous", "pitiful",
            "wretched", "insufferable", "unbearable", "horrible", "awful", "typical", "bunch", "load", "pack"],
            WordClass.Intensifier);
        b.Add(["a", "an", "the", "some", "one", "any", "another"], WordClass.Determiner);
        b.Add(["but", "however", "although", "though", "yet", "whereas", "nevertheless", "nonetheless",
            "otherwise", "because", "since", "while", "whilst", "unless", "whereby"],
            WordClass.ClauseBreak);
        // "and", "or", "so" join clauses but also adjectives ("lazy and stupid"): a boundary only before a new subject.
        b.Add(["and", "or", "so", "then", "plus"], WordClass.WeakBreak);
        b.Add(["if", "unless", "whether", "assuming", "supposing"], WordClass.Conditional);
        b.Add(["perhaps", "maybe", "possibly", "might", "may", "probably", "likely", "seemingly", "presumably",
            "conceivably", "potentially"], WordClass.Hedge);
        b.Add(["what", "how", "why", "who", "where", "when", "which"], WordClass.Wh);
        b.Add(["time"], WordClass.Time);

        // Contraction bases: "can't" splits into "ca" + "n't", "won't" into "wo" + "n't".
        b.Alias("ca", "can");
        b.Alias("wo", "will");
        b.Alias("sha", "shall");
        b.Alias("ai", "is");
        b.Alias("y'all", "you");

        // Punctuation gets ids too, so rules can name it.
        b.Add(",", WordClass.Comma);
        b.Add(".", WordClass.EndMark);
        b.Add("...", WordClass.EndMark);
        b.Add("?", WordClass.EndMark | WordClass.QuestionMark);
        b.Add("!", WordClass.EndMark | WordClass.Exclamation);
        b.Add(";", WordClass.Semi);
        b.Add(":", WordClass.Semi);
        b.Add("(", WordClass.Semi);
        b.Add(")", WordClass.Semi);
        b.Add("—", WordClass.Dash);
        b.Add("\"", WordClass.Quote);
    }

    /// <summary>Regular English plural (and the forms listed as exceptions by the caller).</summary>
    internal static string Plural(string noun)
    {
        if (noun.EndsWith("man", StringComparison.Ordinal) && !noun.EndsWith("human", StringComparison.Ordinal))
        {
            return string.Concat(noun.AsSpan(0, noun.Length - 3), "men");
        }

        if (noun.EndsWith('y') && noun.Length > 2 && !IsVowel(noun[^2]))
        {
            return string.Concat(noun.AsSpan(0, noun.Length - 1), "ies");
        }

        if (noun.EndsWith('s') || noun.EndsWith('x') || noun.EndsWith('z') ||
            noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith("sh", StringComparison.Ordinal))
        {
            return noun + "es";
        }

        return noun + "s";
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
