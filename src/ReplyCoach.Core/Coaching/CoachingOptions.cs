using System.ComponentModel.DataAnnotations;

namespace ReplyCoach.Core.Coaching;

/// <summary>Settings of the coaching layer (configuration section "Coaching").</summary>
public sealed class CoachingOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Coaching";

    /// <summary>Most verified suggestions offered per flagged span.</summary>
    [Range(1, 5)]
    public int MaxSuggestionsPerSpan { get; set; } = 2;

    /// <summary>
    /// Most flagged sentences coached per draft (suggestions and a rewording each, every one re-scored): the riskiest
    /// are coached, the others only reported. A 300-word reply has about 20 sentences in all.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxCoachedSentences { get; set; } = 25;

    /// <summary>Most suggestions offered per draft, over all its spans; spans after that get none (and are counted).</summary>
    [Range(1, 10_000)]
    public int MaxSuggestions { get; set; } = 50;

    /// <summary>Whether the rewrite opens with an acknowledgement when the customer is upset and the draft has none.</summary>
    public bool AddOpener { get; set; } = true;

    /// <summary>The acknowledgement added to the rewrite.</summary>
    [Required]
    [StringLength(200, MinimumLength = 2)]
    public string Opener { get; set; } = "I'm sorry for the trouble this has caused.";

    /// <summary>The optional language-model rewriter.</summary>
    [Required]
    public LanguageModelOptions LanguageModel { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(LanguageModel, new ValidationContext(LanguageModel), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult("LanguageModel: " + result.ErrorMessage, result.MemberNames.Select(static m => "LanguageModel." + m));
        }
    }

    /// <summary>Validates options by their DataAnnotations; throws <see cref="ValidationException"/> listing every problem.</summary>
    public static T EnsureValid<T>(T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ValidationException($"{typeof(T).Name} is invalid: " + string.Join(" ", results.Select(static r => r.ErrorMessage)));
        }

        return options;
    }
}

/// <summary>
/// Settings of the language-model rewriter (off by default). Any OpenAI-compatible chat-completions endpoint works:
/// an Azure OpenAI deployment, or a local Ollama at <c>http://localhost:11434/v1/chat/completions</c>.
/// </summary>
public sealed class LanguageModelOptions : IValidatableObject
{
    /// <summary>Whether the language model is asked first.</summary>
    public bool Enabled { get; set; }

    /// <summary>The chat-completions URL.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model or deployment name.</summary>
    [StringLength(200)]
    public string? Model { get; set; }

    /// <summary>The API key (better given through the environment than a file).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header that carries the key: "Authorization" (sent as a bearer token) or "api-key" (Azure OpenAI).</summary>
    [Required]
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>How long to wait for an answer before falling back to the built-in rewriter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Endpoint must be an absolute http(s) URL when the language model is enabled.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Model is required when the language model is enabled.", [nameof(Model)]);
        }
    }
}
