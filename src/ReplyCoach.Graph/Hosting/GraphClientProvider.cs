using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using ReplyCoach.Graph.Resilience;

namespace ReplyCoach.Graph.Hosting;

/// <summary>
/// The one Graph HTTP client of the process and the <see cref="GraphServiceClient"/>s on top of it: one for the app,
/// one per on-behalf-of user. All share the same handler chain, so the per-mailbox concurrency limit and each
/// mailbox's circuit breaker see every request for that mailbox.
/// </summary>
internal sealed class GraphClientProvider : IDisposable
{
    private readonly GraphOptions _options;
    private readonly GraphCredentialFactory _credentials;
    private readonly PartitionedRateLimiter<string> _mailboxLimiter;
    private readonly HttpClient _http;
    private readonly Lazy<GraphServiceClient> _app;
    private readonly string[] _allowedHosts;

    public GraphClientProvider(IOptions<GraphOptions> options, GraphCredentialFactory credentials, TimeProvider time, GraphTraffic traffic, ILogger<GraphClientProvider> logger)
    {
        _options = options.Value;
        _credentials = credentials;
        _mailboxLimiter = GraphResiliencePipeline.CreateMailboxLimiter(_options.Resilience);
        Pipelines = new MailboxPipelines(_options.Resilience, time,
            mailbox => GraphResiliencePipeline.Build(mailbox, _options.Resilience, time, logger, traffic, _mailboxLimiter));
        _http = CreateHttpClient(Pipelines, traffic);
        _allowedHosts = [new Uri(_options.EffectiveBaseUrl).Host];
        _app = new Lazy<GraphServiceClient>(() => Create(_credentials.App));
    }

    /// <summary>The client for an access: app-only, or on behalf of the user whose token it carries.</summary>
    public GraphServiceClient For(GraphAccess access) =>
        access.UserAssertion is { } assertion ? Create(_credentials.OnBehalfOf(assertion)) : _app.Value;

    /// <summary>The raw HTTP client (same pipeline), for requests the SDK has no builder for.</summary>
    public HttpClient Http => _http;

    /// <summary>The per-mailbox resilience pipelines (each with its own circuit breaker).</summary>
    public MailboxPipelines Pipelines { get; }

    private GraphServiceClient Create(Azure.Core.TokenCredential credential)
    {
        // The provider refuses to send a token to any host but Graph's own (here: the configured base URL's).
        // CAE on: Graph may answer 401 with a claims challenge (revoked or expired token); the SDK then asks
        // for a fresh token once and repeats the request.
        var authentication = new AzureIdentityAuthenticationProvider(credential, _allowedHosts, observabilityOptions: null, isCaeEnabled: true, scopes: [_options.Scope]);
        return new GraphServiceClient(_http, authentication, _options.EffectiveBaseUrl);
    }

    private static HttpClient CreateHttpClient(MailboxPipelines pipelines, GraphTraffic traffic)
    {
        // One retry layer: the SDK's RetryHandler would retry 429/503/504 on its own (and give up with an
        // AggregateException); Polly owns retries here, so it goes.
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        handlers.Add(new ImmutableIdHandler());
        // The mailbox's own pipeline (its breaker; the concurrency limiter is shared and partitioned by mailbox).
        var mailboxPipeline = new MailboxPipelineHandler(pipelines);
        handlers.Add(mailboxPipeline);
        handlers.Add(new ResilienceHandler(mailboxPipeline.Selector));
        handlers.Add(new CountingHandler(traffic));
        handlers.Add(new ResponseBufferingHandler());
        var transport = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
        };
        return new HttpClient(GraphClientFactory.CreatePipeline(handlers, transport), disposeHandler: true)
        {
            // Polly's per-attempt and total timeouts are the only timeouts.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public void Dispose()
    {
        _http.Dispose();
        _mailboxLimiter.Dispose();
    }

    /// <summary>Counts attempts and throttled answers as they leave and come back.</summary>
    private sealed class CountingHandler(GraphTraffic traffic) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            traffic.Attempt();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                traffic.Throttle();
            }

            return response;
        }
    }
}
