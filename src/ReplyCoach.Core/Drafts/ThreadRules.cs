namespace ReplyCoach.Core.Drafts;

/// <summary>The labels of a quoted message's header block, in the languages Outlook and Gmail write them.</summary>
internal enum HeaderLabel : byte
{
    None,
    From,
    Sent,
    To,
    Subject,
    Cc,
}

/// <summary>
/// Recognises, one line of normalised text at a time, the lines that start somebody else's text: reply headers,
/// attributions, forward markers, signatures, sign-offs and disclaimers. Lines arrive trimmed (the extractors
/// collapse whitespace), so these are cheap prefix and suffix checks; each rule looks at the first character or
/// the length before doing any string comparison, because every line of a long thread goes through them.
/// </summary>
internal static class ThreadRules
{
    private const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;

    private static readonly string[] OriginalMessageMarkers =
    [
        "Original Message", "Ursprüngliche Nachricht", "Message d'origine", "Message d’origine", "Mensaje original",
        "Messaggio originale", "Oorspronkelijk bericht", "Originalmeddelande", "Opprinnelig melding",
    ];

    private static readonly string[] ForwardMarkers =
    [
        "Forwarded message", "Forwarded Message", "Weitergeleitete Nachricht", "Message transféré", "Mensaje reenviado",
        "Messaggio inoltrato", "Doorgestuurd bericht", "Mensagem encaminhada",
    ];

    private static readonly string[] ForwardLines =
    [
        "Begin forwarded message:", "Anfang der weitergeleiteten Nachricht:", "Début du message réexpédié :",
        "Début du message réexpédié:", "Inicio del mensaje reenviado:",
    ];

    private static readonly string[] AttributionOpeners = ["On ", "Le ", "Am ", "El ", "Il ", "Op ", "Em "];

    private static readonly string[] AttributionEndings =
    [
        "wrote:", "a écrit :", "a écrit:", "escribió:", "ha scritto:", "schreef:", "escreveu:", "skrev:",
    ];

    private static readonly string[] MobileSignatures =
    [
        "Sent from my ", "Sent from Outlook", "Sent from Mail for", "Sent from Yahoo Mail", "Sent from Samsung",
        "Sent from Gmail", "Sent via ", "Get Outlook for ", "Von meinem iPhone gesendet", "Envoyé de mon iPhone",
        "Enviado desde mi iPhone",
    ];

    // Sign-off phrases; compared after lower-casing and dropping trailing punctuation.
    private static readonly string[] Closings =
    [
        "best regards", "kind regards", "warm regards", "warmest regards", "kindest regards", "regards", "with regards",
        "with kind regards", "with best regards", "best wishes", "all the best", "best", "many thanks", "thanks",
        "thank you", "thanks again", "thanks so much", "thank you so much", "thanks in advance", "thanks and regards",
        "thanks & regards", "thanks & best regards", "cheers", "sincerely", "yours sincerely", "sincerely yours",
        "yours truly", "yours faithfully", "respectfully", "take care", "warmly", "br", "kr", "rgds", "thx",
        "talk soon", "speak soon", "kind regards and thanks",
    ];

    private static readonly string[] DisclaimerHeadings =
    [
        "CONFIDENTIALITY NOTICE", "CONFIDENTIALITY:", "CONFIDENTIAL NOTICE", "LEGAL NOTICE", "LEGAL DISCLAIMER",
        "IMPORTANT NOTICE", "PRIVILEGED AND CONFIDENTIAL", "PRIVILEGED & CONFIDENTIAL", "NOTICE:", "DISCLAIMER",
    ];

    private static readonly string[] DisclaimerOpeners =
    [
        "This e-mail", "This email", "This message", "This communication", "This transmission",
        "The information contained in this", "The information in this", "The contents of this", "The content of this",
        "If you have received this", "If you are not the intended recipient", "Any views or opinions",
        "This electronic mail", "The information transmitted",
    ];

    private static readonly string[] DisclaimerWords =
    [
        "confidential", "privileged", "intended recipient", "intended solely", "intended only", "addressee",
        "received this e-mail in error", "received this email in error", "received this message in error",
    ];

    /// <summary>"-----Original Message-----" and its translations.</summary>
    public static bool IsOriginalMessageMarker(ReadOnlySpan<char> line) =>
        line.Length is >= 10 and <= 80 && line.StartsWith("--") && MatchesDashedMarker(line, OriginalMessageMarkers);

    /// <summary>"---------- Forwarded message ---------", "Begin forwarded message:" and translations.</summary>
    public static bool IsForwardMarker(ReadOnlySpan<char> line)
    {
        if (line.Length is < 10 or > 80)
        {
            return false;
        }

        if (line[0] == '-')
        {
            return MatchesDashedMarker(line, ForwardMarkers);
        }

        foreach (var marker in ForwardLines)
        {
            if (line.Equals(marker, IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A line of underscores or dashes that Outlook puts before a plain-text reply header.</summary>
    public static bool IsRule(ReadOnlySpan<char> line) =>
        line.Length >= 10 && (line.TrimStart('_').IsEmpty || line.TrimStart('-').IsEmpty);

    /// <summary>The label of a reply-header line ("From:", "*Sent:*", "Betreff:", "De :"), or None.</summary>
    public static HeaderLabel GetHeaderLabel(ReadOnlySpan<char> line)
    {
        if (line.Length < 3)
        {
            return HeaderLabel.None;
        }

        line = line.TrimStart('*');
        var colon = line[..Math.Min(line.Length, 24)].IndexOf(':');
        if (colon <= 0)
        {
            return HeaderLabel.None;
        }

        var label = line[..colon].TrimEnd().TrimEnd('*').TrimEnd();
        return label.Length switch
        {
            0 => HeaderLabel.None,
            _ when IsAny(label, "From", "Von", "De", "Da", "Van", "Från", "Fra", "Od") => HeaderLabel.From,
            _ when IsAny(label, "Sent", "Date", "Gesendet", "Datum", "Envoyé", "Envoyé le", "Enviado", "Fecha", "Data", "Inviato", "Verzonden", "Skickat", "Sendt") => HeaderLabel.Sent,
            _ when IsAny(label, "To", "An", "À", "A", "Para", "Aan", "Till", "Til", "Reply-To") => HeaderLabel.To,
            _ when IsAny(label, "Subject", "Betreff", "Objet", "Asunto", "Oggetto", "Onderwerp", "Ämne", "Emne", "Assunto") => HeaderLabel.Subject,
            _ when IsAny(label, "Cc", "Bcc", "Kopie", "Copie à", "CC") => HeaderLabel.Cc,
            _ => HeaderLabel.None,
        };
    }

    /// <summary>
    /// Whether a reply header block starts at line <paramref name="first"/>: a "From:" line followed by at least two
    /// more header lines, one of them "Sent:"/"Date:" or "Subject:". A lone sentence that happens to start with
    /// "From:" is not a header.
    /// </summary>
    /// <param name="lines">Gets the text of line i, or an empty span past the end.</param>
    /// <param name="first">The candidate "From:" line.</param>
    /// <param name="count">Number of lines in the block.</param>
    /// <param name="forwarded">Whether its subject says the message was forwarded ("FW:", "Fwd:").</param>
    public static bool IsHeaderBlock(LineReader lines, int first, out int count, out bool forwarded)
    {
        count = 0;
        forwarded = false;
        if (GetHeaderLabel(lines[first]) != HeaderLabel.From)
        {
            return false;
        }

        var labels = 0;
        var hasDateOrSubject = false;
        var last = first;
        var previous = HeaderLabel.From;
        for (var j = first + 1; j < lines.Count && j <= first + 12; j++)
        {
            var line = lines[j];
            var label = GetHeaderLabel(line);
            if (label is HeaderLabel.None or HeaderLabel.From)
            {
                // Long recipient lists wrap onto lines of their own.
                if (label == HeaderLabel.None && previous is HeaderLabel.To or HeaderLabel.Cc && line.Length > 0
                    && (line.Contains('@') || line.Contains(';')))
                {
                    last = j;
                    continue;
                }

                break;
            }

            labels++;
            last = j;
            previous = label;
            if (label is HeaderLabel.Sent or HeaderLabel.Subject)
            {
                hasDateOrSubject = true;
            }

            if (label == HeaderLabel.Subject)
            {
                var value = line[(line.IndexOf(':') + 1)..].TrimStart().TrimStart('*').TrimStart();
                forwarded = value.StartsWith("FW:", IgnoreCase) || value.StartsWith("Fwd:", IgnoreCase)
                    || value.StartsWith("WG:", IgnoreCase) || value.StartsWith("TR:", IgnoreCase);
            }
        }

        if (labels < 2 || !hasDateOrSubject)
        {
            return false;
        }

        count = last - first + 1;
        return true;
    }

    /// <summary>
    /// Whether an attribution ("On Mon, 3 Mar 2025 at 21:12, Mark &lt;mark@example.net&gt; wrote:") starts at
    /// line <paramref name="first"/>, on one line or wrapped onto a second one.
    /// </summary>
    public static bool IsAttribution(LineReader lines, int first, out int count)
    {
        count = 0;
        var line = lines[first];
        if (line.Length is < 6 or > 400)
        {
            return false;
        }

        if (EndsWithAttribution(line))
        {
            if ((StartsWithAny(line, AttributionOpeners) || line.Contains('@')) && HasDigitOrAt(line))
            {
                count = 1;
                return true;
            }

            return false;
        }

        if (first + 1 >= lines.Count || !StartsWithAny(line, AttributionOpeners))
        {
            return false;
        }

        var next = lines[first + 1];
        if (next.Length == 0 || next.Length + line.Length > 400 || !EndsWithAttribution(next))
        {
            return false;
        }

        if (!HasDigitOrAt(line) && !HasDigitOrAt(next))
        {
            return false;
        }

        count = 2;
        return true;
    }

    /// <summary>A line of an e-mail quote ("&gt; text", "&gt;&gt; older").</summary>
    public static bool IsQuotedLine(ReadOnlySpan<char> line) =>
        line.Length > 0 && line[0] == '>' && (line.Length == 1 || line[1] is ' ' or '>');

    /// <summary>The standard signature delimiter ("-- ", whose trailing space the normaliser has already dropped).</summary>
    public static bool IsSignatureDelimiter(ReadOnlySpan<char> line) => line is "--" or "—" or "-- —";

    /// <summary>"Sent from my iPhone" and friends.</summary>
    public static bool IsMobileSignature(ReadOnlySpan<char> line) =>
        line.Length is >= 8 and <= 80 && line[0] is 'S' or 'G' or 'V' or 'E' && StartsWithAny(line, MobileSignatures);

    /// <summary>The first line of a legal or confidentiality disclaimer.</summary>
    public static bool IsDisclaimerStart(ReadOnlySpan<char> line)
    {
        if (line.Length < 7)
        {
            return false;
        }

        var first = line[0];
        if (first is 'C' or 'L' or 'I' or 'P' or 'N' or 'D')
        {
            foreach (var heading in DisclaimerHeadings)
            {
                if (line.StartsWith(heading, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        if (line.StartsWith("Disclaimer:", IgnoreCase) || line.StartsWith("Please consider the environment before printing", IgnoreCase))
        {
            return true;
        }

        if (first is not ('T' or 'I' or 'A') || !StartsWithAny(line, DisclaimerOpeners))
        {
            return false;
        }

        foreach (var word in DisclaimerWords)
        {
            if (line.Contains(word, IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A sign-off on a line of its own ("Best regards,", "Thanks!", "Cheers, Dana"): the start of the signature
    /// block when only a few short lines follow it.
    /// </summary>
    public static bool IsClosing(ReadOnlySpan<char> line)
    {
        if (line.Length is < 2 or > 48 || !char.IsLetter(line[0]))
        {
            return false;
        }

        Span<char> lower = stackalloc char[line.Length];
        var length = line.ToLowerInvariant(lower);
        var text = lower[..length].TrimEnd(",.!:;-–— ");
        foreach (var closing in Closings)
        {
            if (!text.StartsWith(closing, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = text[closing.Length..];
            if (rest.IsEmpty)
            {
                return true;
            }

            // "Cheers, Dana" / "Thanks Dana": a short capitalised name after the closing.
            if (rest[0] is not (',' or ' '))
            {
                continue;
            }

            var name = line[closing.Length..text.Length].TrimStart(", ");
            if (LooksLikeName(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Short enough to be a name, title, company or phone line of a signature.</summary>
    public static bool IsSignatureLine(ReadOnlySpan<char> line)
    {
        if (line.Length > 72 || line.EndsWith('?'))
        {
            return false;
        }

        var words = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var letter = !char.IsWhiteSpace(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words <= 10;
    }

    private static bool LooksLikeName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 30)
        {
            return false;
        }

        var words = 0;
        foreach (var range in name.Split(' '))
        {
            var word = name[range];
            if (word.IsEmpty)
            {
                continue;
            }

            if (!char.IsUpper(word[0]) || ++words > 3)
            {
                return false;
            }
        }

        return words > 0;
    }

    private static bool MatchesDashedMarker(ReadOnlySpan<char> line, string[] markers)
    {
        var inner = line.Trim("-_ ");
        foreach (var marker in markers)
        {
            if (inner.Equals(marker, IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithAttribution(ReadOnlySpan<char> line)
    {
        var last = line[^1];
        if (last != ':')
        {
            return false;
        }

        foreach (var ending in AttributionEndings)
        {
            if (line.EndsWith(ending, IgnoreCase))
            {
                return true;
            }
        }

        // German: "Am 03.03.2025 um 21:12 schrieb Mark Jensen <mark@example.net>:"
        return line.StartsWith("Am ", StringComparison.Ordinal) && line.Contains(" schrieb ", StringComparison.Ordinal);
    }

    private static bool HasDigitOrAt(ReadOnlySpan<char> line) => line.IndexOfAny("0123456789@") >= 0;

    private static bool StartsWithAny(ReadOnlySpan<char> line, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (line.StartsWith(prefix, IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAny(ReadOnlySpan<char> label, params ReadOnlySpan<string> options)
    {
        foreach (var option in options)
        {
            if (label.Equals(option, IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Random access to the lines of a normalised text without allocating a string per line.</summary>
internal readonly ref struct LineReader(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends)
{
    private readonly ReadOnlySpan<char> _text = text;
    private readonly ReadOnlySpan<int> _starts = starts;
    private readonly ReadOnlySpan<int> _ends = ends;

    public int Count => _starts.Length;

    public ReadOnlySpan<char> this[int index] =>
        (uint)index < (uint)_starts.Length ? _text[_starts[index].._ends[index]] : [];
}
