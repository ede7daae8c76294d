using System.Collections.Frozen;

namespace ReplyCoach.Core.Drafts;

/// <summary>
/// A cheap guess at the language of the agent's words: the writing system first, then counts of common function
/// words for English and the languages support teams most often answer in. It only has to tell "clearly not
/// English" from "English or too short to say"; an English draft must never be turned away, so ties and short
/// texts count as English.
/// </summary>
internal static class LanguageGuess
{
    // A hundred and fifty words tell a language apart as well as the whole draft does, at a fraction of the cost.
    private const int MaxWords = 150;

    // No function word in the lists is longer; longer words need no lookup.
    private const int MaxFunctionWordLength = 12;

    private static readonly string[] Codes = ["en", "de", "fr", "es", "it", "nl", "pt"];

    private static readonly FrozenDictionary<string, byte> FunctionWords = Build();

    /// <summary>Guesses the language of <paramref name="text"/>.</summary>
    /// <returns>An ISO 639-1 code ("und" when there are no letters) and whether it is supported (English).</returns>
    public static (string Language, bool Supported) Guess(ReadOnlySpan<char> text)
    {
        Span<int> hits = stackalloc int[Codes.Length];
        Span<char> lower = stackalloc char[24];
        var lookup = FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();
        int latin = 0, other = 0, words = 0;
        Script otherScript = Script.None;
        var otherScriptCount = 0;

        var i = 0;
        while (i < text.Length && words < MaxWords)
        {
            var c = text[i];
            if (!char.IsLetter(c))
            {
                i++;
                continue;
            }

            var script = ScriptOf(c);
            if (script != Script.Latin)
            {
                other++;
                if (script == otherScript)
                {
                    otherScriptCount++;
                }
                else if (--otherScriptCount < 0)
                {
                    otherScript = script;
                    otherScriptCount = 1;
                }

                i++;
                continue;
            }

            // A Latin word: letters with inner apostrophes ("don't", "you’re").
            var start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)))
            {
                i++;
            }

            latin += i - start;
            words++;
            var word = text[start..i];
            if (word.Length > MaxFunctionWordLength)
            {
                continue;
            }

            var length = word.ToLowerInvariant(lower);
            var normalized = lower[..length];
            normalized.Replace('’', '\'');
            if (lookup.TryGetValue(normalized, out var languages))
            {
                for (var k = 0; k < Codes.Length; k++)
                {
                    if ((languages & (1 << k)) != 0)
                    {
                        hits[k]++;
                    }
                }
            }
        }

        if (latin + other == 0)
        {
            return ("und", true);
        }

        if (other > latin)
        {
            return (CodeOf(otherScript), false);
        }

        var english = hits[0];
        var best = 1;
        for (var k = 2; k < Codes.Length; k++)
        {
            if (hits[k] > hits[best])
            {
                best = k;
            }
        }

        if (hits[best] >= 2 && hits[best] > 2 * english)
        {
            return (Codes[best], false);
        }

        return ("en", true);
    }

    private enum Script : byte
    {
        None,
        Latin,
        Cyrillic,
        Greek,
        Arabic,
        Hebrew,
        Devanagari,
        Thai,
        Hangul,
        Kana,
        Han,
        Other,
    }

    private static Script ScriptOf(char c) => c switch
    {
        <= '\u024F' => Script.Latin,
        >= '\u1E00' and <= '\u1EFF' => Script.Latin,
        >= '\u0370' and <= '\u03FF' => Script.Greek,
        >= '\u0400' and <= '\u052F' => Script.Cyrillic,
        >= '\u0590' and <= '\u05FF' => Script.Hebrew,
        >= '\u0600' and <= '\u06FF' => Script.Arabic,
        >= '\u0900' and <= '\u097F' => Script.Devanagari,
        >= '\u0E00' and <= '\u0E7F' => Script.Thai,
        >= '\u1100' and <= '\u11FF' => Script.Hangul,
        >= '\uAC00' and <= '\uD7AF' => Script.Hangul,
        >= '\u3040' and <= '\u30FF' => Script.Kana,
        >= '\u4E00' and <= '\u9FFF' => Script.Han,
        _ => Script.Other,
    };

    private static string CodeOf(Script script) => script switch
    {
        Script.Cyrillic => "ru",
        Script.Greek => "el",
        Script.Arabic => "ar",
        Script.Hebrew => "he",
        Script.Devanagari => "hi",
        Script.Thai => "th",
        Script.Hangul => "ko",
        Script.Kana => "ja",
        Script.Han => "zh",
        _ => "und",
    };

    private static FrozenDictionary<string, byte> Build()
    {
        // Words that are also common English words ("in", "die", "was", "an") are left out of the other lists.
        var lists = new[]
        {
            "the and you your yours is are was were we it that this for with not have be will please thank thanks can our my would could what which there they been has had do does but if or at by from about an of to i me he she his her them us am just all any here when how why who yes sorry hi hello dear regards don't can't i'm it's we're you're won't should did no so in on also as get got know let out up now only very our order refund which these those than then",
            "der das und ist nicht ich sie wir ein eine einen mit für auf zu den dem des von bitte danke haben wird sind auch es sich aber oder wenn kann ihr ihre ihnen noch nur bei vielen dank grüße grüßen sehr geehrte geehrter hallo diese dass mein keine kein leider ihren ihrer uns unser wurde werden schon jetzt bestellung freundlichen",
            "le la les des et est pas je vous nous une du pour dans sur avec que qui ce cette mais ou votre vos merci bonjour cordialement sont avons avez être été très ne au aux il elle madame monsieur suis mon ma mes ai à un de se commande",
            "el los las y es que una por para con su sus usted gracias hola pero muy está están hemos como más del al lo le se nos estimado estimada saludos favor pedido un de en ya",
            "il lo gli della di che è non per con sono grazie buongiorno cordiali saluti suo vostro questo anche ma come più ho abbiamo una la un se ordine",
            "de het een en van niet ik u wij je op met voor dat zijn hebben bedankt alstublieft graag groet groeten uw ook maar naar bij nog wel bestelling",
            "o os e é não que de da em um uma para com por obrigado obrigada olá você seu sua mas mais está são foi pedido se",
        };

        var words = new Dictionary<string, byte>(StringComparer.Ordinal);
        for (var k = 0; k < lists.Length; k++)
        {
            foreach (var word in lists[k].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = (byte)(words.GetValueOrDefault(word) | (1 << k));
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
