namespace ReplyCoach.Audit.Storage;

/// <summary>The kinds of kept text in <c>audit_text</c>.</summary>
internal enum TextKind
{
    SpanText = 1,
    SpanSentence = 2,
    SuggestionReplacement = 3,
    SuggestionSentence = 4,
}

/// <summary>One row of kept text.</summary>
internal sealed class TextRow
{
    public TextRow()
    {
    }

    public TextRow(long flagId, int kind, int ordinal, string body)
    {
        FlagId = flagId;
        Kind = kind;
        Ordinal = ordinal;
        Body = body;
    }

    public long FlagId { get; set; }

    public int Kind { get; set; }

    public int Ordinal { get; set; }

    public string Body { get; set; } = "";
}

/// <summary>
/// Decides which text of a check is kept, before anything is written: the redaction policy is applied at the
/// store's door, so text the policy excludes never reaches the database file (or its write-ahead log).
/// </summary>
internal static class Redactor
{
    /// <summary>
    /// Longest flagged-words (and replacement-words) text kept, under every policy: flagged words are a few words, and a
    /// span that covers a long clause or a whole sentence (the model flagged the sentence as a whole) must not carry
    /// the sentence into the store under <see cref="RedactionPolicy.SpansOnly"/>. Longer text is cut here, with "…".
    /// </summary>
    public const int MaxSpanChars = 60;

    /// <summary>Longest sentence kept.</summary>
    public const int MaxSentenceChars = 1000;

    /// <summary>Most spans and suggestions kept per check.</summary>
    public const int MaxItems = 64;

    public static List<TextRow> Select(AuditCheck check, RedactionPolicy policy, long flagId)
    {
        var rows = new List<TextRow>();
        if (policy == RedactionPolicy.None)
        {
            return rows;
        }

        for (var i = 0; i < Math.Min(check.Spans.Count, MaxItems); i++)
        {
            var span = check.Spans[i];
            Add(rows, flagId, TextKind.SpanText, i, span.Text, MaxSpanChars);
            if (policy == RedactionPolicy.FullSentence)
            {
                Add(rows, flagId, TextKind.SpanSentence, i, span.Sentence, MaxSentenceChars);
            }
        }

        for (var i = 0; i < Math.Min(check.Suggestions.Count, MaxItems); i++)
        {
            var suggestion = check.Suggestions[i];
            Add(rows, flagId, TextKind.SuggestionReplacement, i, suggestion.Replacement, MaxSpanChars);
            if (policy == RedactionPolicy.FullSentence)
            {
                Add(rows, flagId, TextKind.SuggestionSentence, i, suggestion.SentenceAfter, MaxSentenceChars);
            }
        }

        return rows;
    }

    private static void Add(List<TextRow> rows, long flagId, TextKind kind, int ordinal, string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        // Cut at a character boundary, never inside a surrogate pair.
        if (text.Length > max)
        {
            var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
            text = string.Concat(text.AsSpan(0, cut), "…");
        }

        rows.Add(new TextRow(flagId, (int)kind, ordinal, text));
    }
}
