using System.Text.Json;
using System.Text.Json.Serialization;
using ReplyCoach.Ml.Pipeline;
using ReplyCoach.Training.Evaluation;

namespace ReplyCoach.Training;

/// <summary>Row counts of one split.</summary>
/// <param name="Rows">All rows.</param>
/// <param name="Hostile">Rows labelled hostile.</param>
/// <param name="InDomain">Rows from the project's own corpus.</param>
/// <param name="InDomainHostile">In-domain rows labelled hostile.</param>
public sealed record SplitCounts(int Rows, int Hostile, int InDomain, int InDomainHostile);

/// <summary>The thresholds chosen for the product and how.</summary>
/// <param name="Caution">Proposed <c>AnalysisOptions.CautionThreshold</c>.</param>
/// <param name="Hold">Proposed <c>AnalysisOptions.HoldThreshold</c>.</param>
/// <param name="ChosenOn">Which rows they were chosen on.</param>
/// <param name="Aim">The product aim they meet on those rows.</param>
/// <param name="NegativeRows">Number of non-hostile rows they were chosen on.</param>
/// <param name="NegativeShareAtCaution">Share of those rows reaching caution.</param>
/// <param name="NegativeShareAtHold">Share of those rows reaching hold.</param>
/// <param name="HostileRecallAtCaution">Share of hostile rows of the same split reaching caution.</param>
/// <param name="HostileRecallAtHold">Share of hostile rows of the same split reaching hold.</param>
public sealed record ThresholdChoice(
    double Caution,
    double Hold,
    string ChosenOn,
    string Aim,
    int NegativeRows,
    double NegativeShareAtCaution,
    double NegativeShareAtHold,
    double? HostileRecallAtCaution,
    double? HostileRecallAtHold);

/// <summary>What the training run did and measured; written as metrics.json next to the model.</summary>
public sealed record TrainingReport
{
    /// <summary>Model name.</summary>
    public string Model { get; init; } = "replycoach-tone";

    /// <summary>When the model was trained (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Wall-clock training time, seconds (reading data to evaluating).</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>The seed used.</summary>
    public int Seed { get; init; }

    /// <summary>The row cap (0: all rows).</summary>
    public int MaxRows { get; init; }

    /// <summary>The pipeline, in words.</summary>
    public string Pipeline { get; init; } = string.Empty;

    /// <summary>The pipeline settings used.</summary>
    public TonePipelineSettings? Settings { get; init; }

    /// <summary>What each split is for.</summary>
    public IReadOnlyDictionary<string, string> Splits { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the data came from (file names only; the data itself is not in the repository).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Rows per split.</summary>
    public IReadOnlyDictionary<string, SplitCounts> Rows { get; init; } = new Dictionary<string, SplitCounts>();

    /// <summary>Rows per source (all splits).</summary>
    public IReadOnlyDictionary<string, int> RowsBySource { get; init; } = new Dictionary<string, int>();

    /// <summary>Weight of each in-domain training row (public rows weigh 1).</summary>
    public double CorpusWeight { get; init; }

    /// <summary>The thresholds proposed for the product.</summary>
    public ThresholdChoice? Thresholds { get; init; }

    /// <summary>Validation split (used for calibration and thresholds), by part.</summary>
    public IReadOnlyDictionary<string, EvaluationSummary> Validation { get; init; } = new Dictionary<string, EvaluationSummary>();

    /// <summary>Test split (held apart from training and from every choice), by part.</summary>
    public IReadOnlyDictionary<string, EvaluationSummary> Test { get; init; } = new Dictionary<string, EvaluationSummary>();

    /// <summary>ROC AUC on the test split per public source.</summary>
    public IReadOnlyDictionary<string, double?> TestAucBySource { get; init; } = new Dictionary<string, double?>();

    /// <summary>The project's held-apart corpus (never trained on), through the full engine at the proposed thresholds.</summary>
    public EvaluationSummary? Heldout { get; init; }

    /// <summary>Notes on how the figures were obtained.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>JSON options shared by every metrics file.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new RoundingDoubleConverter() },
    };

    /// <summary>Serialises the report.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a report.</summary>
    public static TrainingReport? FromJson(string json) => JsonSerializer.Deserialize<TrainingReport>(json, JsonOptions);

    /// <summary>Writes doubles with at most 6 decimals so the files stay readable and diffs stay small.</summary>
    private sealed class RoundingDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? double.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(Math.Round(value, 6));
            }
            else
            {
                writer.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
