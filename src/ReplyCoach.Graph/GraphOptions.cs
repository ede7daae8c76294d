using System.ComponentModel.DataAnnotations;

namespace ReplyCoach.Graph;

/// <summary>
/// Microsoft Graph settings (section <c>ReplyCoach:Graph</c>). Without a <see cref="TenantId"/> every Graph feature
/// is off and the rest of ReplyCoach works as before. Secrets come from configuration, user secrets or the
/// environment (e.g. <c>ReplyCoach__Graph__ClientSecret</c>) and are never logged.
/// </summary>
public sealed class GraphOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ReplyCoach:Graph";

    /// <summary>The directory (tenant) id. Empty: Graph is off.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id of the ReplyCoach app registration.</summary>
    public string? ClientId { get; set; }

    /// <summary>A client secret for app-only and on-behalf-of tokens. Prefer a certificate or managed identity in production.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PFX/PEM file with the app's certificate (and private key), instead of a secret.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, when it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Use the host's managed identity for app-only calls (sweeps). On-behalf-of still needs a secret or certificate.</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>The client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Which Microsoft cloud: <c>Global</c> (default), <c>UsGovernment</c>, <c>UsGovernmentDoD</c> or <c>China</c>.</summary>
    public GraphCloud Cloud { get; set; } = GraphCloud.Global;

    /// <summary>The sign-in authority host; defaults from <see cref="Cloud"/> (e.g. https://login.microsoftonline.com/).</summary>
    [Url]
    public string? AuthorityHost { get; set; }

    /// <summary>The Graph base URL ending in the version; defaults from <see cref="Cloud"/> (e.g. https://graph.microsoft.com/v1.0).</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>
    /// How task-pane and on-send calls reach the agent's mailbox: <c>OnBehalfOf</c> (default; the add-in user's token is
    /// exchanged, so Graph sees the agent) or <c>Application</c> (app-only permission on the agent's mailbox).
    /// </summary>
    public DelegatedAccessMode DelegatedAccess { get; set; } = DelegatedAccessMode.OnBehalfOf;

    /// <summary>Resilience of the Graph HTTP pipeline.</summary>
    [Required]
    public GraphResilienceOptions Resilience { get; set; } = new();

    /// <summary>Thread context for the engine.</summary>
    [Required]
    public ThreadContextOptions ThreadContext { get; set; } = new();

    /// <summary>Decisions carried into the mailbox.</summary>
    [Required]
    public DecisionOptions Decisions { get; set; } = new();

    /// <summary>The audit sweep over Sent Items.</summary>
    [Required]
    public SweepOptions Sweep { get; set; } = new();

    /// <summary>Whether a tenant is configured, i.e. whether Graph features are on.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId);

    /// <summary>The authority host in force.</summary>
    public Uri EffectiveAuthorityHost => new(string.IsNullOrWhiteSpace(AuthorityHost) ? Cloud switch
    {
        GraphCloud.China => "https://login.chinacloudapi.cn/",
        GraphCloud.UsGovernment or GraphCloud.UsGovernmentDoD => "https://login.microsoftonline.us/",
        _ => "https://login.microsoftonline.com/",
    } : AuthorityHost);

    /// <summary>The Graph base URL in force, without a trailing slash.</summary>
    public string EffectiveBaseUrl => (string.IsNullOrWhiteSpace(BaseUrl) ? Cloud switch
    {
        GraphCloud.China => "https://microsoftgraph.chinacloudapi.cn/v1.0",
        GraphCloud.UsGovernment => "https://graph.microsoft.us/v1.0",
        GraphCloud.UsGovernmentDoD => "https://dod-graph.microsoft.us/v1.0",
        _ => "https://graph.microsoft.com/v1.0",
    } : BaseUrl).TrimEnd('/');

    /// <summary>The scope for app-only and on-behalf-of tokens: the Graph resource's <c>/.default</c>.</summary>
    public string Scope
    {
        get
        {
            var uri = new Uri(EffectiveBaseUrl);
            // A local stand-in for Graph (tests) still asks for the real resource, as Entra would require.
            var host = uri.IsLoopback ? "graph.microsoft.com" : uri.Host;
            return $"https://{host}/.default";
        }
    }

    /// <summary>Whether on-behalf-of can work: it needs the app's own secret or certificate.</summary>
    public bool CanActOnBehalfOfUsers => !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(CertificatePath);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Guid.TryParse(TenantId, out _) && !TenantId!.Contains('.', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"{Section}:TenantId must be the directory (tenant) id (a GUID) or its primary domain.", [nameof(TenantId)]);
        }

        if (!UseManagedIdentity && !Guid.TryParse(ClientId, out _))
        {
            yield return new ValidationResult($"{Section}:ClientId must be the application (client) id, a GUID.", [nameof(ClientId)]);
        }

        var credentials = (string.IsNullOrWhiteSpace(ClientSecret) ? 0 : 1) + (string.IsNullOrWhiteSpace(CertificatePath) ? 0 : 1);
        if (credentials == 0 && !UseManagedIdentity)
        {
            yield return new ValidationResult(
                $"{Section} needs a credential: ClientSecret, CertificatePath, or UseManagedIdentity=true.", [nameof(ClientSecret)]);
        }

        if (credentials == 2)
        {
            yield return new ValidationResult($"{Section}: set ClientSecret or CertificatePath, not both.", [nameof(CertificatePath)]);
        }

        if (!string.IsNullOrWhiteSpace(CertificatePath) && !File.Exists(CertificatePath))
        {
            yield return new ValidationResult($"{Section}:CertificatePath names a file that does not exist.", [nameof(CertificatePath)]);
        }

        if (DelegatedAccess == DelegatedAccessMode.OnBehalfOf && !CanActOnBehalfOfUsers)
        {
            yield return new ValidationResult(
                $"{Section}:DelegatedAccess=OnBehalfOf needs ClientSecret or CertificatePath (a managed identity cannot exchange user tokens); " +
                "set DelegatedAccess=Application to use application permissions instead.", [nameof(DelegatedAccess)]);
        }

        if (!Uri.TryCreate(EffectiveBaseUrl, UriKind.Absolute, out var baseUri) || !baseUri.AbsolutePath.TrimEnd('/').EndsWith("/v1.0", StringComparison.Ordinal)
            && !baseUri.AbsolutePath.TrimEnd('/').EndsWith("/beta", StringComparison.Ordinal))
        {
            yield return new ValidationResult($"{Section}:BaseUrl must be an absolute URL ending in the API version, e.g. https://graph.microsoft.com/v1.0.", [nameof(BaseUrl)]);
        }
        else if (baseUri.Scheme != Uri.UriSchemeHttps && !baseUri.IsLoopback)
        {
            yield return new ValidationResult($"{Section}:BaseUrl must use https.", [nameof(BaseUrl)]);
        }

        if (EffectiveAuthorityHost.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult($"{Section}:AuthorityHost must use https.", [nameof(AuthorityHost)]);
        }

        foreach (var result in Resilience.Validate())
        {
            yield return result;
        }

        foreach (var (name, child) in new (string, object)[] { ("Resilience", Resilience), ("ThreadContext", ThreadContext), ("Decisions", Decisions), ("Sweep", Sweep) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(child, new ValidationContext(child), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{Section}:{name}: {result.ErrorMessage}", result.MemberNames);
            }
        }

        if (Decisions.MinDeferMinutes > Decisions.MaxDeferMinutes
            || Decisions.DefaultDeferMinutes < Decisions.MinDeferMinutes || Decisions.DefaultDeferMinutes > Decisions.MaxDeferMinutes)
        {
            yield return new ValidationResult($"{Section}:Decisions: DefaultDeferMinutes must lie between MinDeferMinutes and MaxDeferMinutes.");
        }

        foreach (var mailbox in Sweep.Mailboxes)
        {
            if (string.IsNullOrWhiteSpace(mailbox.Address))
            {
                yield return new ValidationResult($"{Section}:Sweep:Mailboxes has an entry without an Address.", [nameof(Sweep)]);
            }
        }
    }
}

/// <summary>Microsoft clouds with their own sign-in and Graph endpoints.</summary>
public enum GraphCloud
{
    /// <summary>The worldwide cloud.</summary>
    Global,
    /// <summary>US Government L4 (GCC High).</summary>
    UsGovernment,
    /// <summary>US Government L5 (DoD).</summary>
    UsGovernmentDoD,
    /// <summary>Microsoft Azure operated by 21Vianet.</summary>
    China,
}

/// <summary>How calls made for a signed-in agent reach their mailbox.</summary>
public enum DelegatedAccessMode
{
    /// <summary>Exchange the add-in user's validated token (on-behalf-of); Graph sees the agent.</summary>
    OnBehalfOf,
    /// <summary>Use the app's own application permission on the agent's mailbox.</summary>
    Application,
}

/// <summary>The Polly pipeline on the Graph HTTP client (section <c>ReplyCoach:Graph:Resilience</c>).</summary>
public sealed class GraphResilienceOptions
{
    /// <summary>Concurrent requests per mailbox; Graph allows 4 per app per mailbox.</summary>
    [Range(1, 4)]
    public int MaxConcurrentRequestsPerMailbox { get; set; } = 4;

    /// <summary>Requests that may wait for a mailbox's slot before new ones are refused.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequestsPerMailbox { get; set; } = 1_000;

    /// <summary>Retries after the first attempt (429/503/504 and, for safe methods, dropped connections and attempt timeouts).</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The first back-off delay when the response names none; it doubles, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off delay of our own choosing.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is not waited out: the caller gets a throttled result with the delay.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The time one attempt may take, body included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The time one call may take over all its attempts and waits.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Share of failing attempts (5xx, dropped connections, attempt timeouts) that opens the breaker.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts in the sampling window before the breaker may open.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before one trial request.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Mailboxes whose pipeline (and so circuit breaker) is kept while idle; beyond this the least recently used idle
    /// ones are dropped. Mailboxes with a call in flight are always kept.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxMailboxPipelines { get; set; } = 10_000;

    /// <summary>
    /// How long a mailbox's pipeline is kept without calls; never less than <see cref="BreakDuration"/> and
    /// <see cref="BreakerSamplingDuration"/>, so an open breaker is not forgotten while it matters.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MailboxPipelineIdleTime { get; set; } = TimeSpan.FromMinutes(10);

    internal IEnumerable<ValidationResult> Validate()
    {
        const string prefix = GraphOptions.Section + ":Resilience:";
        if (RetryBaseDelay < TimeSpan.FromMilliseconds(1) || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult(prefix + "RetryBaseDelay must be between 1 ms and 1 minute.");
        }

        if (MaxRetryDelay < RetryBaseDelay || MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult(prefix + "MaxRetryDelay must be at least RetryBaseDelay and at most 10 minutes.");
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult(prefix + "MaxRetryAfter must be between 0 and 1 hour.");
        }

        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TotalTimeout)
        {
            yield return new ValidationResult(prefix + "AttemptTimeout must be at least 10 ms and at most TotalTimeout.");
        }

        if (TotalTimeout > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult(prefix + "TotalTimeout must be at most 1 hour.");
        }

        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return new ValidationResult(prefix + "BreakerSamplingDuration and BreakDuration must be at least 0.5 s (Polly's minimum).");
        }
    }
}

/// <summary>Thread context (section <c>ReplyCoach:Graph:ThreadContext</c>).</summary>
public sealed class ThreadContextOptions
{
    /// <summary>How long a conversation's context (customer's latest message, recipient's hours) is reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Conversations kept in the cache at most.</summary>
    [Range(16, 1_000_000)]
    public int MaxCachedConversations { get; set; } = 10_000;

    /// <summary>The hard time budget on the on-send path; after it scoring goes on without (the rest of) the context.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:04")]
    public TimeSpan OnSendBudget { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Messages of the conversation read to find the customer's latest one.</summary>
    [Range(1, 100)]
    public int ConversationWindow { get; set; } = 25;
}

/// <summary>Decisions carried into the mailbox (section <c>ReplyCoach:Graph:Decisions</c>).</summary>
public sealed class DecisionOptions
{
    /// <summary>The Outlook category put on a flagged draft.</summary>
    [Required, StringLength(255, MinimumLength = 1)]
    public string Category { get; set; } = "ReplyCoach: review tone";

    /// <summary>
    /// Also create the category in the mailbox's master list (with a colour) the first time; this needs
    /// MailboxSettings.ReadWrite. Without it, Outlook shows the category uncoloured.
    /// </summary>
    public bool CreateMasterCategory { get; set; }

    /// <summary>The colour preset for the master category (preset0..preset24).</summary>
    [RegularExpression("^preset([0-9]|1[0-9]|2[0-4])$")]
    public string CategoryColor { get; set; } = "preset1";

    /// <summary>The shortest cooling-off delay accepted.</summary>
    [Range(1, 60)]
    public int MinDeferMinutes { get; set; } = 1;

    /// <summary>The longest cooling-off delay accepted.</summary>
    [Range(1, 7 * 24 * 60)]
    public int MaxDeferMinutes { get; set; } = 24 * 60;

    /// <summary>The delay used when the caller names none.</summary>
    [Range(1, 7 * 24 * 60)]
    public int DefaultDeferMinutes { get; set; } = 10;
}

/// <summary>The audit sweep (section <c>ReplyCoach:Graph:Sweep</c>).</summary>
public sealed class SweepOptions
{
    /// <summary>Run the scheduled sweep in the web service (when mailboxes are configured).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The mailboxes the scheduled sweep reads.</summary>
    public List<SweepMailbox> Mailboxes { get; set; } = [];

    /// <summary>Time between scheduled sweeps.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far back the first sweep of a mailbox reads when no start is given.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Messages per delta page (Prefer: odata.maxpagesize).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Messages sent this long before a later round started are treated as changes to mail already scored (a
    /// category or flag set afterwards) rather than new mail; ids within the window are remembered exactly.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Where delta links and sweep checkpoints are kept; defaults to ReplyCoach:DataFolder, else the user's local app data.</summary>
    public string? StateFolder { get; set; }
}

/// <summary>A mailbox to sweep and the agent it belongs to.</summary>
public sealed class SweepMailbox
{
    /// <summary>The mailbox's address (UPN) or object id.</summary>
    public string Address { get; set; } = "";

    /// <summary>The agent's Entra object id, as the audit trail keys agents; defaults to the address.</summary>
    public string? AgentId { get; set; }

    /// <summary>A display name for the lead's list.</summary>
    public string? AgentName { get; set; }

    /// <summary>The agent's team.</summary>
    public string? Team { get; set; }
}
