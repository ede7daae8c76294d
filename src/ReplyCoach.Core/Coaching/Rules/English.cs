using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ReplyCoach.Core.Coaching.Rules;

/// <summary>The little English grammar the built-in rewriter needs: verb forms, noun phrases, articles, team names.</summary>
internal static partial class English
{
    private static readonly FrozenDictionary<string, string> Participles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["read"] = "read", ["send"] = "sent", ["see"] = "seen", ["pay"] = "paid", ["write"] = "written", ["do"] = "done", ["give"] = "given",
        ["take"] = "taken", ["put"] = "put", ["keep"] = "kept", ["find"] = "found", ["get"] = "received", ["make"] = "made", ["buy"] = "bought",
        ["choose"] = "chosen", ["set"] = "set", ["understand"] = "understood", ["bring"] = "brought", ["tell"] = "told", ["say"] = "said",
        ["know"] = "known", ["leave"] = "left", ["hear"] = "heard", ["forget"] = "forgotten", ["show"] = "shown", ["throw"] = "thrown",
        ["wear"] = "worn", ["break"] = "broken", ["drive"] = "driven", ["begin"] = "begun", ["run"] = "run", ["fill"] = "filled",
        ["sell"] = "sold", ["build"] = "built", ["hit"] = "hit", ["cut"] = "cut", ["shut"] = "shut", ["spend"] = "spent", ["lose"] = "lost",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> Bases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["read"] = "read", ["sent"] = "send", ["seen"] = "see", ["saw"] = "see", ["done"] = "do", ["did"] = "do", ["gone"] = "go", ["went"] = "go",
        ["written"] = "write", ["wrote"] = "write", ["taken"] = "take", ["took"] = "take", ["given"] = "give", ["gave"] = "give", ["got"] = "get",
        ["made"] = "make", ["found"] = "find", ["kept"] = "keep", ["put"] = "put", ["set"] = "set", ["paid"] = "pay", ["bought"] = "buy",
        ["used"] = "use", ["closed"] = "close", ["saved"] = "save", ["changed"] = "change", ["updated"] = "update", ["typed"] = "type",
        ["restored"] = "restore", ["deleted"] = "delete", ["replaced"] = "replace", ["received"] = "receive", ["included"] = "include",
        ["configured"] = "configure", ["pasted"] = "paste", ["charged"] = "charge", ["placed"] = "place", ["caused"] = "cause", ["tried"] = "try",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(
        ["the", "your", "my", "our", "this", "that", "these", "those", "it", "them", "a", "an", "some", "his", "her", "their", "its", "all", "any",
         "every", "each", "both", "one", "two", "three"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> PhraseBreakers = FrozenSet.ToFrozenSet(
        ["in", "on", "out", "up", "down", "off", "into", "onto", "to", "from", "with", "wrong", "wrongly", "incorrectly", "properly", "correctly",
         "again", "by", "at", "before", "after", "without", "yourself", "first", "twice", "carelessly", "too", "during", "while", "when"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The past participle of a verb ("send" → "sent", "drop" → "dropped"); past forms are returned as they are.</summary>
    public static string PastParticiple(string verb)
    {
        var v = verb.ToLowerInvariant();
        if (Participles.TryGetValue(v, out var known))
        {
            return known;
        }

        if (v.EndsWith("ed", StringComparison.Ordinal) || v.EndsWith("en", StringComparison.Ordinal) && v.Length > 4)
        {
            return v;
        }

        if (v.EndsWith('e'))
        {
            return v + "d";
        }

        if (v.Length > 1 && v[^1] == 'y' && !IsVowel(v[^2]))
        {
            return v[..^1] + "ied";
        }

        // Short consonant-vowel-consonant verbs double the last letter: drop → dropped, plug → plugged.
        if (v.Length is >= 3 and <= 4 && !IsVowel(v[^1]) && v[^1] is not ('w' or 'x' or 'y') && IsVowel(v[^2]) && !IsVowel(v[^3]))
        {
            return v + v[^1] + "ed";
        }

        return v + "ed";
    }

    /// <summary>The base form of a verb given in any form ("tried" → "try", "checked" → "check").</summary>
    public static string BaseForm(string verb)
    {
        var v = verb.ToLowerInvariant();
        if (Bases.TryGetValue(v, out var known))
        {
            return known;
        }

        if (v.EndsWith("ied", StringComparison.Ordinal) && v.Length > 4)
        {
            return v[..^3] + "y";
        }

        if (v.EndsWith("ed", StringComparison.Ordinal) && v.Length > 4)
        {
            var stem = v[..^2];
            if (stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'f' or 'z'))
            {
                return stem[..^1];
            }

            return stem;
        }

        return v;
    }

    /// <summary>The base form of a verb from its -ing form ("reading" → "read", "making" → "make", "dropping" → "drop").</summary>
    public static string FromGerund(string gerund)
    {
        var g = gerund.ToLowerInvariant();
        if (!g.EndsWith("ing", StringComparison.Ordinal) || g.Length < 5)
        {
            return g;
        }

        var stem = g[..^3];
        if (stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'f' or 'z'))
        {
            return stem[..^1];
        }

        return Bases.TryGetValue(stem + "ed", out var known) && known.EndsWith('e') ? known : stem;
    }

    /// <summary>
    /// Splits the object of a clause into a noun phrase that can become the subject of a passive sentence and the
    /// rest ("the cable in wrong" → ("the cable", " in wrong")); null when it does not start like a noun phrase.
    /// </summary>
    public static (string? Subject, string Tail) SplitObject(string obj)
    {
        var words = obj.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !(Determiners.Contains(words[0]) || char.IsDigit(words[0][0])))
        {
            return (null, string.Empty);
        }

        var end = 1;
        if (!words[0].Equals("it", StringComparison.OrdinalIgnoreCase) && !words[0].Equals("them", StringComparison.OrdinalIgnoreCase))
        {
            while (end < words.Length && end < 6 && !(end >= 2 && PhraseBreakers.Contains(words[end])))
            {
                end++;
            }
        }

        var subject = string.Join(' ', words, 0, end);
        if (subject.Equals("them", StringComparison.OrdinalIgnoreCase))
        {
            subject = "they";
        }

        var tail = end < words.Length ? " " + string.Join(' ', words, end, words.Length - end) : string.Empty;
        return (subject, tail);
    }

    /// <summary>The team a sentence names ("our billing team"), or a neutral stand-in.</summary>
    public static string TeamIn(string sentence)
    {
        var match = TeamPattern().Match(sentence);
        return match.Success ? "our " + match.Groups["t"].Value.ToLowerInvariant() + " team" : "the team that handles this";
    }

    /// <summary>Picks "a" or "an" for the word at <paramref name="next"/> when <paramref name="determiner"/> is an article.</summary>
    public static string Article(string determiner, string sentence, int next)
    {
        var bare = determiner.Trim();
        var lower = bare.ToLowerInvariant();
        if (lower is not ("a" or "an" or "such a" or "such an"))
        {
            return bare;
        }

        var vowel = next < sentence.Length && "aeiouAEIOU".Contains(sentence[next], StringComparison.Ordinal);
        var article = vowel ? "an" : "a";
        var prefix = lower.StartsWith("such", StringComparison.Ordinal) ? bare[..4] + " " : string.Empty;
        var result = prefix + article;
        return char.IsUpper(bare[0]) && prefix.Length == 0 ? char.ToUpperInvariant(result[0]) + result[1..] : result;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    [GeneratedRegex(@"\b(?:our\s+|the\s+)?(?<t>billing|shipping|sales|technical|tech|IT|returns|accounts?|legal|finance|logistics|support|customer\s+service|warranty|repairs?|delivery|payments?)\s+(?:team|department|desk)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TeamPattern();
}
