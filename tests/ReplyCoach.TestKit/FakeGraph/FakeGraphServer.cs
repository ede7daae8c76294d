using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReplyCoach.TestKit.FakeGraph;

/// <summary>
/// A stand-in for Microsoft Graph and the Entra ID token endpoint, on Kestrel on loopback, that the real
/// <c>GraphServiceClient</c> and Azure.Identity credentials talk to over HTTP: messages, conversations, mailbox
/// settings, delta paging, PATCH of extended properties and categories, send, move and master categories; with
/// fault injection (<see cref="Faults"/>). Graph is served over plain HTTP; the token endpoint over HTTPS with a
/// certificate made for the run (Azure.Identity insists on an https authority): see <see cref="CreateTrustingHandler"/>.
/// </summary>
public sealed partial class FakeGraphServer : IAsyncDisposable
{
    /// <summary>The tenant the token endpoint accepts.</summary>
    public const string TenantId = "5b0e8c41-7d2f-4a61-9c3e-2f1a6b7c8d90";

    /// <summary>The client id the token endpoint accepts.</summary>
    public const string ClientId = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    /// <summary>The client secret the token endpoint accepts (a test value, not a secret).</summary>
    public const string ClientSecret = "fake-graph-test-secret";

    /// <summary>The deferred-send property.</summary>
    public const string DeferredSendProperty = "SystemTime 0x3FEF";

    private readonly ConcurrentDictionary<string, FakeMailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private long _seq;
    private long _ids;

    private FakeGraphServer(TimeProvider time, X509Certificate2 certificate)
    {
        Time = time;
        Certificate = certificate;
    }

    internal object Gate { get; } = new();

    /// <summary>The server's clock: message times and releasing deferred sends. Delays and hangs use real time.</summary>
    public TimeProvider Time { get; }

    /// <summary>The faults to inject.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>What the server saw.</summary>
    public FakeGraphStats Stats { get; } = new();

    /// <summary>The certificate of the HTTPS (token) endpoint.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The Graph base URL, ending in /v1.0.</summary>
    public string GraphBaseUrl { get; private set; } = "";

    /// <summary>The authority host for Azure.Identity (https).</summary>
    public Uri AuthorityHost { get; private set; } = null!;

    /// <summary>Answer requests with an expired token by a claims challenge (continuous access evaluation), as Graph does for CAE-capable clients; else a plain 401.</summary>
    public bool ChallengeExpiredTokens { get; set; } = true;

    /// <summary>The lifetime the token endpoint gives its tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The users on-behalf-of tokens were issued for, in order.</summary>
    public IReadOnlyList<string> OnBehalfOfUsers => _tokens.Values.Where(t => t.User is not null).OrderBy(t => t.Issued).Select(t => t.User!).ToList();

    /// <summary>Starts a server on loopback ports chosen by the system.</summary>
    public static async Task<FakeGraphServer> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeGraphServer(time ?? TimeProvider.System, CreateCertificate());
        await server.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Configuration for <c>ReplyCoach:Graph</c> pointing at this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["ReplyCoach:Graph:TenantId"] = TenantId,
        ["ReplyCoach:Graph:ClientId"] = ClientId,
        ["ReplyCoach:Graph:ClientSecret"] = ClientSecret,
        ["ReplyCoach:Graph:AuthorityHost"] = AuthorityHost.ToString(),
        ["ReplyCoach:Graph:BaseUrl"] = GraphBaseUrl,
    };

    /// <summary>An HTTP handler that trusts exactly this server's certificate (for Azure.Identity's transport).</summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var expected = Certificate.GetCertHashString();
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == expected },
        };
    }

    /// <summary>Adds a mailbox.</summary>
    public FakeMailbox AddMailbox(string address, string? objectId = null)
    {
        var mailbox = new FakeMailbox(this, address, objectId);
        _mailboxes[address] = mailbox;
        if (objectId is not null)
        {
            _mailboxes[objectId] = mailbox;
        }

        return mailbox;
    }

    /// <summary>A mailbox by address or object id.</summary>
    public FakeMailbox Mailbox(string addressOrId) => _mailboxes[addressOrId];

    /// <summary>Every token issued so far is expired from now on (the server's view: revoked or clock skew).</summary>
    public void ExpireAllTokens()
    {
        foreach (var token in _tokens.Values)
        {
            token.Expired = true;
        }
    }

    internal string NewId(string prefix) =>
        $"AAMk{prefix}{Interlocked.Increment(ref _ids).ToString("D6", CultureInfo.InvariantCulture)}=";

    internal long NextSeq() => Interlocked.Increment(ref _seq);

    public async ValueTask DisposeAsync()
    {
        // Hung and slow answers end at once, so stopping does not wait for them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await _app.DisposeAsync().ConfigureAwait(false);
        }

        Certificate.Dispose();
        _stopping.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = typeof(FakeGraphServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("FAKEGRAPH_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole();
        }
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0); // Graph
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)); // token endpoint
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Use(GraphMiddleware);
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueTokenAsync);
        MapGraph(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        GraphBaseUrl = addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/v1.0";
        AuthorityHost = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
        _app = app;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ReplyCoach fake Graph", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        // Re-imported so that Kestrel gets a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    // ---------------------------------------------------------------- middleware: auth, faults, in-flight, log

    private async Task GraphMiddleware(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Stats.Request();
        var graphPath = path[5..];
        var mailbox = MailboxOf(graphPath);
        var request = new FakeRequest(context.Request.Method, graphPath, mailbox);
        var key = mailbox ?? "(none)";
        Stats.Enter(key);

        // The answer is buffered (a body feature of its own, so nothing reaches the client early) and sent after
        // the request has stopped counting as in flight.
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var buffered = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        FaultKind? injected = null;
        bool answered;
        try
        {
            (answered, injected) = await HandleAsync(context, request, mailbox, next, waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
            answered = false;
        }
        finally
        {
            // The request stops counting as in flight before a byte of the answer reaches the client.
            Stats.Leave(key);
            context.Features.Set(original);
        }

        // Recorded before the client can see the answer (or the dropped connection), so tests never race it.
        Stats.Record(new FakeRequestRecord(request.Method, graphPath, context.Request.QueryString.Value ?? "", mailbox, answered ? context.Response.StatusCode : 0, injected));
        if (answered)
        {
            await buffered.CompleteAsync().ConfigureAwait(false);
        }
        else
        {
            context.Abort();
        }

        if (answered && !context.RequestAborted.IsCancellationRequested)
        {
            buffer.Position = 0;
            context.Response.ContentLength = buffer.Length;
            try
            {
                await buffer.CopyToAsync(original.Stream, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // the client went away
            }
        }
    }

    // True when an answer was written; false when the connection is to be dropped.
    private async Task<(bool Answered, FaultKind? Fault)> HandleAsync(HttpContext context, FakeRequest request, string? mailbox, RequestDelegate next, CancellationToken waiting)
    {
        var auth = Authenticate(context, mailbox);
        if (auth is not null)
        {
            await auth.ExecuteAsync(context).ConfigureAwait(false);
            return (true, null);
        }

        var fault = Faults.Next(request);
        switch (fault?.Kind)
        {
            case null:
                break;
            case FaultKind.Delay:
                await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), waiting).ConfigureAwait(false);
                break; // then answer normally
            case FaultKind.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, waiting).ConfigureAwait(false);
                return (false, fault.Kind);
            case FaultKind.DropConnection:
                return (false, fault.Kind);
            default:
                await WriteFaultAsync(context, fault).ConfigureAwait(false);
                return (true, fault.Kind);
        }

        ReleaseDueSends();
        await next(context).ConfigureAwait(false);
        return (true, fault?.Kind);
    }

    private static string? MailboxOf(string graphPath)
    {
        var segments = graphPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0].Equals("users", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(segments[1]).Trim('\'').ToLowerInvariant()
            : null;
    }

    private IResult? Authenticate(HttpContext context, string? mailbox)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(header[7..], out var token))
        {
            return GraphError(401, "InvalidAuthenticationToken", "Access token is empty or not valid.");
        }

        if (token.Expired || token.ExpiresAt <= Time.GetUtcNow())
        {
            if (ChallengeExpiredTokens)
            {
                var claims = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                    "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "\"}}}"));
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer realm=\"\", authorization_uri=\"{AuthorityHost}common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\"{claims}\"";
            }

            return GraphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
        }

        if (token.User is not null && mailbox is not null && _mailboxes.TryGetValue(mailbox, out var box)
            && !string.Equals(box.Address, token.User, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(box.ObjectId, token.User, StringComparison.OrdinalIgnoreCase))
        {
            return GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }

        return null;
    }

    private static async Task WriteFaultAsync(HttpContext context, FaultRule fault)
    {
        var response = context.Response;
        if (fault.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        IResult result = fault.Kind switch
        {
            FaultKind.Throttle => GraphError(429, "TooManyRequests", "Too many requests. Application is over its MailboxConcurrency limit."),
            FaultKind.Unavailable => GraphError(503, "ServiceNotAvailable", "The service is temporarily unavailable."),
            FaultKind.GatewayTimeout => GraphError(504, "GatewayTimeout", "The gateway timed out."),
            FaultKind.ServerError => GraphError(500, "InternalServerError", "Something went wrong."),
            FaultKind.ExpiredToken => GraphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."),
            FaultKind.MalformedJson => Results.Text("{\"@odata.context\":\"x\",\"value\":[{\"id\":\"AAMk", "application/json", statusCode: 200),
            _ => GraphError(500, "InternalServerError", "Unknown fault."),
        };
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static IResult GraphError(int status, string code, string message) =>
        Results.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString(), ["date"] = DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture) },
            },
        }, statusCode: status);

    // ---------------------------------------------------------------- token endpoint

    private async Task<IResult> IssueTokenAsync(HttpContext context, string tenant)
    {
        Stats.TokenRequest();
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (!string.Equals(tenant, TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenError("invalid_request", "AADSTS90002: Tenant not found.");
        }

        if (form["client_id"] != ClientId)
        {
            return TokenError("unauthorized_client", "AADSTS700016: Application not found in the directory.");
        }

        var hasSecret = form["client_secret"] == ClientSecret;
        var hasAssertion = form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" && !string.IsNullOrEmpty(form["client_assertion"]);
        if (!hasSecret && !hasAssertion)
        {
            return TokenError("invalid_client", "AADSTS7000215: Invalid client secret provided.", 401);
        }

        if (!(form["scope"].ToString() ?? "").Contains("https://graph.microsoft.com/.default", StringComparison.Ordinal))
        {
            return TokenError("invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.");
        }

        string? user = null;
        var grant = form["grant_type"].ToString();
        if (grant == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            var assertion = form["assertion"].ToString();
            if (string.IsNullOrEmpty(assertion) || form["requested_token_use"] != "on_behalf_of")
            {
                return TokenError("invalid_grant", "AADSTS50027: JWT token is invalid or malformed.");
            }

            user = UserOf(assertion);
        }
        else if (grant != "client_credentials")
        {
            return TokenError("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }

        var value = "fake." + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var now = Time.GetUtcNow();
        _tokens[value] = new IssuedToken(user, now, now + TokenLifetime);
        var seconds = (int)TokenLifetime.TotalSeconds;
        var answer = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = "https://graph.microsoft.com/.default",
            ["access_token"] = value,
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
        };
        if (user is not null)
        {
            // As Entra answers a user flow: who the user is (MSAL keys its cache on it).
            answer["client_info"] = Base64Url($$"""{"uid":"{{user}}","utid":"{{TenantId}}"}""");
            answer["id_token"] = Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + Base64Url(
                $$"""{"aud":"{{ClientId}}","iss":"{{AuthorityHost}}{{TenantId}}/v2.0","oid":"{{user}}","sub":"{{user}}","tid":"{{TenantId}}","preferred_username":"{{user}}","exp":{{(now + TokenLifetime).ToUnixTimeSeconds()}},"iat":{{now.ToUnixTimeSeconds()}},"nbf":{{now.ToUnixTimeSeconds()}}}""") + ".";
        }

        return Results.Json(answer);
    }

    // The user of an on-behalf-of assertion: its oid (or preferred_username) when it is a JWT, else the string itself.
    private static string UserOf(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length >= 2)
        {
            try
            {
                var payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                var json = JsonNode.Parse(Convert.FromBase64String(payload));
                return json?["oid"]?.GetValue<string>() ?? json?["preferred_username"]?.GetValue<string>() ?? assertion;
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                return assertion;
            }
        }

        return assertion;
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IResult TokenError(string error, string description, int status = 400) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description, ["error_codes"] = new JsonArray(400) }, statusCode: status);

    private sealed class IssuedToken(string? user, DateTimeOffset issued, DateTimeOffset expiresAt)
    {
        public string? User { get; } = user;

        public DateTimeOffset Issued { get; } = issued;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public volatile bool Expired;
    }
}
