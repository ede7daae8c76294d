using System.ComponentModel.DataAnnotations;

namespace ReplyCoach.Audit;

/// <summary>Which database holds the audit trail.</summary>
public enum AuditProvider
{
    /// <summary>An embedded SQLite file under the data folder (one service instance).</summary>
    Sqlite,
    /// <summary>A shared PostgreSQL database (several instances behind a load balancer).</summary>
    PostgreSql,
}

/// <summary>SQLite's <c>synchronous</c> setting for the audit file.</summary>
public enum SqliteDurability
{
    /// <summary>Every commit is synced to disk before it is acknowledged: survives power loss, not just a crash.</summary>
    Full,
    /// <summary>Synced at checkpoints only: survives a process crash; the last commits may be lost on power loss.</summary>
    Normal,
}

/// <summary>Audit trail settings (section <c>ReplyCoach:Audit</c>).</summary>
public sealed class AuditOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ReplyCoach:Audit";

    /// <summary>The configuration key of the app's data folder, shared with other features.</summary>
    public const string DataFolderKey = "ReplyCoach:DataFolder";

    /// <summary>Whether checks are recorded at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sqlite (default) or PostgreSql.</summary>
    public AuditProvider Provider { get; set; } = AuditProvider.Sqlite;

    /// <summary>The SQLite file; default <c>audit.db</c> under the data folder.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>SQLite durability; Full by default (an acknowledged record survives power loss).</summary>
    public SqliteDurability SqliteDurability { get; set; } = SqliteDurability.Full;

    /// <summary>The PostgreSQL connection string; required when <see cref="Provider"/> is PostgreSql.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The key for hashing message and conversation ids (HMAC-SHA256): at least 16 bytes, as base64 or as text.
    /// Required for PostgreSQL (every instance must hash alike). For SQLite, when empty, a random key is created
    /// once in <c>audit-hash.key</c> next to the database file.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>How much draft text is kept: SpansOnly (default), None or FullSentence.</summary>
    public RedactionPolicy Redaction { get; set; } = RedactionPolicy.SpansOnly;

    /// <summary>Days the kept text (spans, sentences, suggested words) stays; then it is erased from the file.</summary>
    [Range(0, 3650)]
    public int TextRetentionDays { get; set; } = 30;

    /// <summary>Days a record (scores, outcome, review) stays; then it is deleted. Not shorter than the text retention.</summary>
    [Range(1, 3650)]
    public int RecordRetentionDays { get; set; } = 365;

    /// <summary>Minutes between retention runs.</summary>
    [Range(1, 10_080)]
    public int RetentionIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// The token claim that names the agent's team; leads see the records of their own team only.
    /// </summary>
    [Required]
    public string TeamClaim { get; set; } = "team";

    /// <summary>The team for callers whose token has no team claim (e.g. development mode); empty means none.</summary>
    public string? DefaultTeam { get; set; }

    /// <summary>Longest wait for a write on the request path before the check goes on without it, in milliseconds.</summary>
    [Range(50, 30_000)]
    public int WriteTimeoutMilliseconds { get; set; } = 2000;

    /// <summary>The text retention period.</summary>
    public TimeSpan TextRetention => TimeSpan.FromDays(TextRetentionDays);

    /// <summary>The record retention period.</summary>
    public TimeSpan RecordRetention => TimeSpan.FromDays(RecordRetentionDays);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RecordRetentionDays < TextRetentionDays)
        {
            yield return new ValidationResult(
                "ReplyCoach:Audit:RecordRetentionDays must not be shorter than TextRetentionDays.", [nameof(RecordRetentionDays)]);
        }

        if (Provider == AuditProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                yield return new ValidationResult(
                    "ReplyCoach:Audit:ConnectionString is required when ReplyCoach:Audit:Provider is PostgreSql.", [nameof(ConnectionString)]);
            }

            if (string.IsNullOrWhiteSpace(HashKey))
            {
                yield return new ValidationResult(
                    "ReplyCoach:Audit:HashKey is required with PostgreSql, so that every instance hashes ids alike (at least 16 bytes, e.g. `openssl rand -base64 32`).",
                    [nameof(HashKey)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(HashKey) && IdHasher.DecodeKey(HashKey).Length < 16)
        {
            yield return new ValidationResult("ReplyCoach:Audit:HashKey must be at least 16 bytes.", [nameof(HashKey)]);
        }

        if (!Enum.IsDefined(Redaction))
        {
            yield return new ValidationResult("ReplyCoach:Audit:Redaction must be SpansOnly, None or FullSentence.", [nameof(Redaction)]);
        }
    }

    /// <summary>Every problem with these settings (data annotations and the cross-field rules); empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var results = new List<ValidationResult>();
        // Runs the attributes, then (when they pass) the cross-field rules of Validate below.
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "Invalid ReplyCoach:Audit settings.").ToList();
    }

    /// <summary>The SQLite file path: <see cref="SqlitePath"/>, else <c>audit.db</c> under the data folder.</summary>
    public string ResolveSqlitePath(string? dataFolder) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(SqlitePath) ? SqlitePath : Path.Combine(ResolveDataFolder(dataFolder), "audit.db"));

    /// <summary>The data folder: as configured, else ReplyCoach under the user's local application data.</summary>
    public static string ResolveDataFolder(string? configured) =>
        !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ReplyCoach");
}
