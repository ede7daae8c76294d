using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Training.Data;

/// <summary>One labelled text from a public dataset or the project's own corpus.</summary>
/// <param name="Source">Where it came from ("paradetox", "toxic_spans", "wiki_talk", "tweeteval_hate", "tweeteval_offensive", "corpus").</param>
/// <param name="Group">Rows sharing a group go to the same split (a toxic sentence and its rewrites; the sentences of one comment).</param>
/// <param name="Text">The text as written (not yet prepared for the model).</param>
/// <param name="Label">True when it reads as hostile.</param>
/// <param name="Category">Which kind of hostility, when known.</param>
/// <param name="InDomain">True for the project's own customer-service corpus.</param>
/// <param name="Kind">The corpus's own row kind (e.g. "polite", "hard_negative"), when given.</param>
public sealed record LabelledExample(
    string Source,
    string Group,
    string Text,
    bool Label,
    ToneCategory? Category,
    bool InDomain,
    string? Kind = null);

/// <summary>Which part of the data a row belongs to.</summary>
internal enum DataSplit
{
    /// <summary>Fits the model.</summary>
    Train,

    /// <summary>Calibrates the probability and chooses the thresholds.</summary>
    Validation,

    /// <summary>Held apart: only reported on.</summary>
    Test,
}

/// <summary>Data that cannot be read; the message says what to fix.</summary>
public sealed class DataException(string message, Exception? inner = null) : Exception(message, inner);
