using System.Globalization;
using System.Text.Json;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Cli.Output;

/// <summary>Writes assessments as JSON: the compact batch line and the detailed single-draft document.</summary>
internal static class AssessmentJson
{
    /// <summary>The status names used in JSON.</summary>
    public static string StatusName(DraftStatus status) => status switch
    {
        DraftStatus.Ok => "ok",
        DraftStatus.Empty => "empty",
        DraftStatus.UnsupportedLanguage => "unsupported_language",
        _ => "unknown",
    };

    /// <summary>
    /// The batch contract line: id, risk, level, categories and spans (offsets into the input text as given),
    /// plus status and language.
    /// </summary>
    public static void WriteBatchLine(Utf8JsonWriter writer, JsonElement? id, Assessment assessment)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteNumber("risk", Round(assessment.Risk));
        writer.WriteString("level", ToneCategories.Name(assessment.Level));
        WriteCategories(writer, assessment.Categories);
        writer.WriteStartArray("spans");
        foreach (var span in assessment.Spans)
        {
            var original = assessment.ToOriginal(span);
            writer.WriteStartObject();
            writer.WriteNumber("start", original.Start);
            writer.WriteNumber("length", original.Length);
            writer.WriteString("category", ToneCategories.Name(span.Category));
            writer.WriteString("reason", span.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteOmittedSpans(writer, assessment);
        writer.WriteString("status", StatusName(assessment.Status));
        writer.WriteString("language", assessment.Draft.Language);
        writer.WriteEndObject();
    }

    // Only present when the per-category cap left spans out, so the lines for ordinary drafts stay as they were.
    private static void WriteOmittedSpans(Utf8JsonWriter writer, Assessment assessment)
    {
        if (assessment.OmittedSpans > 0)
        {
            writer.WriteNumber("omittedSpans", assessment.OmittedSpans);
        }
    }

    /// <summary>A batch line for an input that could not be scored.</summary>
    public static void WriteErrorLine(Utf8JsonWriter writer, JsonElement? id, string error)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteString("error", error);
        writer.WriteEndObject();
    }

    /// <summary>The detailed result of <c>replycoach score --json</c>.</summary>
    public static void WriteDetailed(Utf8JsonWriter writer, Assessment assessment)
    {
        var draft = assessment.Draft;
        writer.WriteStartObject();
        writer.WriteString("status", StatusName(assessment.Status));
        writer.WriteString("language", draft.Language);
        writer.WriteString("format", draft.Format.ToString().ToLowerInvariant());
        writer.WriteNumber("risk", Round(assessment.Risk));
        writer.WriteString("level", ToneCategories.Name(assessment.Level));
        WriteCategories(writer, assessment.Categories);
        writer.WriteStartArray("spans");
        foreach (var span in assessment.Spans)
        {
            var original = assessment.ToOriginal(span);
            writer.WriteStartObject();
            writer.WriteNumber("start", span.Start);
            writer.WriteNumber("length", span.Length);
            writer.WriteString("text", draft.Text.AsSpan(span.Start, span.Length));
            writer.WriteNumber("originalStart", original.Start);
            writer.WriteNumber("originalLength", original.Length);
            writer.WriteString("category", ToneCategories.Name(span.Category));
            writer.WriteString("reason", span.Reason);
            writer.WriteNumber("strength", Round(span.Strength));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteOmittedSpans(writer, assessment);
        writer.WriteString("text", draft.Text);
        writer.WriteStartArray("sentences");
        foreach (var sentence in assessment.Sentences)
        {
            var original = draft.MapToOriginal(sentence.Sentence.Start, sentence.Sentence.Length);
            writer.WriteStartObject();
            writer.WriteNumber("index", sentence.Sentence.Index);
            writer.WriteNumber("start", sentence.Sentence.Start);
            writer.WriteNumber("length", sentence.Sentence.Length);
            writer.WriteNumber("originalStart", original.Start);
            writer.WriteNumber("originalLength", original.Length);
            writer.WriteString("text", sentence.Sentence.Text);
            writer.WriteNumber("risk", Round(sentence.Risk));
            if (sentence.Context != ContextFlags.None)
            {
                writer.WriteString("context", sentence.Context.ToString());
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("stripped");
        foreach (var part in draft.Stripped)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", part.Kind.ToString());
            writer.WriteNumber("originalStart", part.Original.Start);
            writer.WriteNumber("originalLength", part.Original.Length);
            writer.WriteString("text", part.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCategories(Utf8JsonWriter writer, IReadOnlyDictionary<ToneCategory, double> categories)
    {
        writer.WriteStartObject("categories");
        foreach (var category in ToneCategories.All)
        {
            writer.WriteNumber(ToneCategories.Name(category), Round(categories.TryGetValue(category, out var v) ? v : 0));
        }

        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement? id)
    {
        writer.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    /// <summary>Formats a score for people.</summary>
    public static string Percent(double value) => value.ToString("0%", CultureInfo.InvariantCulture);
}
