using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Api;

/// <summary>How the web service behaves (section <c>ReplyCoach:Service</c>).</summary>
internal sealed class ServiceOptions : IValidatableObject
{
    public const string Section = "ReplyCoach:Service";

    /// <summary>
    /// Local use without a tenant: no tokens are needed, every caller is a developer with both roles, and the
    /// service refuses to listen on anything but loopback.
    /// </summary>
    public bool DevelopmentMode { get; set; }

    /// <summary>
    /// Lets <see cref="DevelopmentMode"/> run outside the Development environment (e.g. a load test of the published
    /// service). Logged loudly at start-up; the service still listens on loopback only.
    /// </summary>
    public bool AllowDevelopmentModeOutsideDevelopment { get; set; }

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Longest draft accepted, in characters (HTML source counts as given).</summary>
    [Range(100, 10_000_000)]
    public int MaxDraftChars { get; set; } = 200_000;

    /// <summary>Longest incoming (customer) message accepted, in characters.</summary>
    [Range(100, 10_000_000)]
    public int MaxIncomingChars { get; set; } = 200_000;

    /// <summary>Deepest element nesting accepted in an HTML draft; deeper markup is refused before parsing.</summary>
    [Range(16, 100_000)]
    public int MaxHtmlDepth { get; set; } = 256;

    /// <summary>
    /// Time the on-send check may spend on the engine before it lets the mail go. Outlook shows "taking longer
    /// than expected" after 5 s, and the add-in's own limit is 4 s, so this stays well under both.
    /// </summary>
    [Range(50, 4000)]
    public int SendCheckBudgetMilliseconds { get; set; } = 1500;

    /// <summary>Requests per user (or per client address when signed out) in each rate-limit window.</summary>
    [Range(1, 10_000_000)]
    public int RateLimitPermits { get; set; } = 120;

    /// <summary>Length of the rate-limit window, in seconds.</summary>
    [Range(1, 3600)]
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>
    /// Characters of drafts (and incoming messages) per user in each rate-limit window, on top of the request count:
    /// the cost of a check grows with its text, so a few huge drafts weigh as much as many ordinary ones. A token
    /// bucket that refills evenly over the window; must hold at least one draft and incoming message of the largest size.
    /// </summary>
    [Range(1000, int.MaxValue)]
    public int RateLimitCharacters { get; set; } = 3_000_000;

    /// <summary>
    /// Time budget for the engine's work on one assess, rewrite or mailbox review (analysis and coaching together;
    /// waiting for a language model or for a place in the lane does not count). When it runs out the answer is the best
    /// so far, marked <c>partial</c>.
    /// </summary>
    [Range(50, 60_000)]
    public int AssessBudgetMilliseconds { get; set; } = 2000;

    /// <summary>
    /// How many assess, rewrite and review requests do engine work at once (0: one fewer than the processor count, at
    /// least one), each on a thread of its own, so that they can never take every core from the on-send check.
    /// </summary>
    [Range(0, 1024)]
    public int AssessConcurrency { get; set; }

    /// <summary>How many more wait for a place; beyond that the answer is 503 with Retry-After.</summary>
    [Range(0, 100_000)]
    public int AssessQueueLimit { get; set; } = 64;

    /// <summary>The longest wait for a place before the answer is 503 with Retry-After.</summary>
    [Range(0, 600_000)]
    public int AssessQueueTimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>
    /// How many on-send checks score at once in their own lane (0: the processor count), which assess and rewrite
    /// cannot fill. A check that finds no place within its budget lets the mail go (reason <c>busy</c>).
    /// </summary>
    [Range(0, 1024)]
    public int SendCheckConcurrency { get; set; }

    /// <summary>How many on-send checks wait for a place in their lane; beyond that they let the mail go at once (reason <c>busy</c>).</summary>
    [Range(0, 100_000)]
    public int SendCheckQueueLimit { get; set; } = 1000;

    /// <summary>The assess lane's width in force.</summary>
    public int AssessLaneWidth => AssessConcurrency > 0 ? AssessConcurrency : Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>The on-send lane's width in force.</summary>
    public int SendCheckLaneWidth => SendCheckConcurrency > 0 ? SendCheckConcurrency : Environment.ProcessorCount;

    /// <summary>
    /// The origin the add-in is served from (e.g. https://replycoach.contoso.com), used for the task pane link
    /// and the well-known file. Empty: taken from each request.
    /// </summary>
    [Url]
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// Origins allowed to call the API from a browser (CORS). The add-in's own pages are same-origin; these are
    /// for Outlook runtimes that call from another origin.
    /// </summary>
    public string[] AllowedOrigins { get; set; } =
        ["https://outlook.office.com", "https://outlook.office365.com", "https://outlook.live.com"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((long)MaxDraftChars + MaxIncomingChars > RateLimitCharacters)
        {
            yield return new ValidationResult(
                $"RateLimitCharacters ({RateLimitCharacters}) must hold at least one draft and incoming message of the largest size (MaxDraftChars + MaxIncomingChars = {(long)MaxDraftChars + MaxIncomingChars}).",
                [nameof(RateLimitCharacters)]);
        }

        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Scheme is not ("https" or "http"))
            {
                yield return new ValidationResult(
                    $"AllowedOrigins must be origins such as https://outlook.office.com, not '{origin}'.", [nameof(AllowedOrigins)]);
            }
        }
    }
}

/// <summary>
/// The rules of <see cref="ServiceOptions"/> that need the host: development mode only in the Development environment,
/// unless explicitly allowed elsewhere.
/// </summary>
internal sealed class ServiceOptionsValidator(IHostEnvironment environment) : IValidateOptions<ServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceOptions options)
    {
        if (options.DevelopmentMode && !environment.IsDevelopment() && !options.AllowDevelopmentModeOutsideDevelopment)
        {
            return ValidateOptionsResult.Fail(
                $"ReplyCoach:Service:DevelopmentMode=true turns sign-in off, so it is only allowed in the Development environment " +
                $"(ASPNETCORE_ENVIRONMENT=Development), not in '{environment.EnvironmentName}'. Configure ReplyCoach:Auth instead, or, for a " +
                "local test of a published build, also set ReplyCoach:Service:AllowDevelopmentModeOutsideDevelopment=true (loopback only).");
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>Microsoft Entra ID settings (section <c>ReplyCoach:Auth</c>); required unless in development mode.</summary>
internal sealed class AuthOptions
{
    public const string Section = "ReplyCoach:Auth";

    /// <summary>The Entra ID cloud, e.g. https://login.microsoftonline.com/.</summary>
    [Url]
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>The directory (tenant) id whose tokens are accepted.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id of the ReplyCoach API registration; tokens must be issued for it.</summary>
    public string? ClientId { get; set; }

    /// <summary>Further accepted audiences, e.g. the Application ID URI api://host/client-id.</summary>
    public string[] Audiences { get; set; } = [];

    /// <summary>The metadata address; derived from <see cref="Instance"/> and <see cref="TenantId"/> when empty.</summary>
    public string? MetadataAddress { get; set; }

    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}
