using System.Globalization;
using System.Text;
using System.Text.Json;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit;

/// <summary>Exports shared by the lead API and <c>replycoach audit export</c>: CSV for people, JSON Lines for training.</summary>
public static class AuditExport
{
    /// <summary>The CSV header, in column order.</summary>
    public static readonly string[] CsvColumns =
    [
        "id", "checked_at", "agent_id", "agent_name", "team", "level", "risk",
        .. ToneCategories.All.Select(ToneCategories.Name),
        "flagged", "outcome", "risk_at_send", "improved", "source", "reviewed_at", "reviewed_by", "coaching_note",
        "false_positive", "flagged_words", "conversation_hash",
    ];

    /// <summary>Writes records as CSV (RFC 4180, UTF-8, CRLF line ends); returns how many rows were written.</summary>
    public static async Task<long> WriteCsvAsync(IAsyncEnumerable<AuditRecord> records, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(string.Join(',', CsvColumns) + "\r\n").ConfigureAwait(false);
        long rows = 0;
        var line = new StringBuilder();
        await foreach (var r in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            line.Clear();
            var cells = new List<string?>
            {
                r.Id.ToString(CultureInfo.InvariantCulture),
                Time(r.CheckedAt),
                r.AgentId,
                r.AgentName,
                r.Team,
                ToneCategories.Name(r.Level),
                Number(r.Risk),
            };
            cells.AddRange(ToneCategories.All.Select(c => Number(r.Categories.TryGetValue(c, out var v) ? v : 0)));
            cells.Add(string.Join(';', r.Flagged.Select(ToneCategories.Name)));
            cells.Add(AuditOutcomes.Name(r.Outcome));
            cells.Add(r.RiskAtSend is { } s ? Number(s) : null);
            cells.Add(r.Improved ? "true" : "false");
            cells.Add(SourceName(r.Source));
            cells.Add(r.ReviewedAt is { } at ? Time(at) : null);
            cells.Add(r.ReviewedBy);
            cells.Add(r.CoachingNote);
            cells.Add(r.FalsePositive ? "true" : "false");
            cells.Add(string.Join(" | ", r.Spans.Where(x => x.Text is not null).Select(x => x.Text)));
            cells.Add(r.ConversationHash);
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                line.Append(Cell(cells[i]));
            }

            line.Append("\r\n");
            await writer.WriteAsync(line.ToString()).ConfigureAwait(false);
            rows++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// Writes the false positives as labelled examples in the JSON Lines format <c>replycoach train</c> reads:
    /// <c>id</c>, <c>text</c> (the kept sentence, else the flagged words), <c>label</c> 0 and <c>kind</c>
    /// "false_positive". Records whose text was redacted or has expired are skipped. Returns (written, skipped).
    /// </summary>
    public static async Task<(long Written, long Skipped)> WriteTrainingJsonlAsync(IAsyncEnumerable<AuditRecord> records, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        long written = 0;
        long skipped = 0;
        await foreach (var r in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!r.FalsePositive)
            {
                continue;
            }

            var texts = r.Spans.Select(s => s.Sentence ?? s.Text).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
            if (texts.Count == 0)
            {
                skipped++;
                continue;
            }

            for (var i = 0; i < texts.Count; i++)
            {
                using var buffer = new MemoryStream();
                await using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"audit-{r.Id}-{i}"));
                    json.WriteString("text", texts[i]);
                    json.WriteNumber("label", 0);
                    json.WriteString("kind", "false_positive");
                    json.WriteString("flagged", string.Join(';', r.Flagged.Select(ToneCategories.Name)));
                    json.WriteEndObject();
                }

                await writer.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()) + "\n").ConfigureAwait(false);
                written++;
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return (written, skipped);
    }

    /// <summary>The snake_case name of a source.</summary>
    public static string SourceName(AuditSource source) => source switch
    {
        AuditSource.Assess => "assess",
        AuditSource.SendCheck => "send_check",
        AuditSource.GraphSweep => "graph_sweep",
        _ => "other",
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
