using System.Text;
using System.Text.Json;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Training.Data;

/// <summary>
/// Reads a labelled file: TSV with a header row naming at least <c>text</c> and <c>label</c> (optionally <c>id</c>,
/// <c>category</c>, <c>kind</c>), or JSON Lines with <c>{"text", "label", "category"?, "kind"?, "id"?}</c>.
/// Labels are 0/1 or true/false; an unknown category name is an error, an empty one means "not given".
/// </summary>
public static class LabelledFile
{
    /// <summary>Reads every row; the format follows the extension (.jsonl/.json → JSON Lines, else TSV).</summary>
    /// <param name="path">The file.</param>
    /// <param name="source">The <see cref="LabelledExample.Source"/> to give the rows.</param>
    /// <param name="inDomain">Whether the rows are customer-service text.</param>
    public static List<LabelledExample> Read(string path, string source = "corpus", bool inDomain = true)
    {
        if (!File.Exists(path))
        {
            throw new DataException($"The file '{path}' does not exist.");
        }

        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".jsonl" or ".json" or ".ndjson" ? ReadJsonLines(path, source, inDomain) : ReadTsv(path, source, inDomain);
    }

    private static List<LabelledExample> ReadTsv(string path, string source, bool inDomain)
    {
        var rows = new List<LabelledExample>();
        foreach (var row in TsvFile.Read(path))
        {
            if (!row.Has("text") || !row.Has("label"))
            {
                throw new DataException($"'{path}' needs a header row with the columns 'text' and 'label' (tab-separated).");
            }

            var text = row["text"];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var label = ParseLabel(row["label"], path, row.LineNumber);
            var category = row.Has("category") ? ParseCategory(row["category"], path, row.LineNumber) : null;
            var kind = row.Has("kind") && row["kind"].Trim().Length > 0 ? row["kind"].Trim() : null;
            var id = row.Has("id") && row["id"].Trim().Length > 0 ? row["id"].Trim() : $"{source}-{row.LineNumber}";
            rows.Add(new LabelledExample(source, id, text, label, label ? category : null, inDomain, kind));
        }

        return rows;
    }

    private static List<LabelledExample> ReadJsonLines(string path, string source, bool inDomain)
    {
        var rows = new List<LabelledExample>();
        var lineNumber = 0;
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(line);
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new DataException($"'{path}' line {lineNumber} is not JSON: {e.Message}", e);
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("label", out var labelElement))
            {
                throw new DataException($"'{path}' line {lineNumber} needs a \"text\" string and a \"label\".");
            }

            var text = textElement.GetString()!;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var label = labelElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => labelElement.GetDouble() >= 0.5,
                JsonValueKind.String => ParseLabel(labelElement.GetString()!, path, lineNumber),
                _ => throw new DataException($"'{path}' line {lineNumber}: \"label\" should be 0/1 or true/false."),
            };
            var category = root.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String
                ? ParseCategory(c.GetString(), path, lineNumber)
                : null;
            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            var id = root.TryGetProperty("id", out var i) && i.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? i.ToString()
                : $"{source}-{lineNumber}";
            rows.Add(new LabelledExample(source, id, text, label, label ? category : null, inDomain, kind));
        }

        return rows;
    }

    private static bool ParseLabel(string value, string path, int line) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "1.0" or "true" or "hostile" or "toxic" => true,
        "0" or "0.0" or "false" or "ok" or "neutral" => false,
        _ => throw new DataException($"'{path}' line {line}: label '{value}' should be 0 or 1."),
    };

    private static ToneCategory? ParseCategory(string? value, string path, int line)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() is "-" or "none" or "null")
        {
            return null;
        }

        return ToneCategories.TryParse(value, out var category)
            ? category
            : throw new DataException($"'{path}' line {line}: unknown category '{value}'.");
    }
}
