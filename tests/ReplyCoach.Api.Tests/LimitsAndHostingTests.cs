using System.Net;
using System.Text.Json;
using ReplyCoach.Api.Features.Audit;

namespace ReplyCoach.Api.Tests;

/// <summary>Per-user rate limiting.</summary>
[TestFixture]
public sealed class RateLimitTests
{
    [Test]
    public async Task SendCheck_OverTheLimit_Returns429WithRetryAfterPerUser()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ReplyCoach:Service:RateLimitPermits"] = "3",
            ["ReplyCoach:Service:RateLimitWindowSeconds"] = "60",
        });
        var alex = factory.Client(TestTokens.Agent("alex"));
        for (var i = 0; i < 3; i++)
        {
            using var ok = await alex.PostDraftAsync("/api/v1/send-check", Drafts.Polite);
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var limited = await alex.PostDraftAsync("/api/v1/send-check", Drafts.Polite);
        var problem = await Problems.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("seconds"));
        });

        using var other = await factory.Client(TestTokens.Agent("blair")).PostDraftAsync("/api/v1/send-check", Drafts.Polite);
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another agent has a limit of their own");

        using var health = await factory.Client(null).GetAsync("/health/live");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "health checks are not rate limited");
    }
}

/// <summary>CORS, static add-in files, the well-known file, OpenAPI.</summary>
[TestFixture]
public sealed class HostingTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory();
        _client = _factory.Client(null);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase("/api/v1/send-check")]
    [TestCase("/api/v1/assess")]
    public async Task Preflight_AllowedOrigin_IsAnswered(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://outlook.office.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var response = await _client.SendAsync(request);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://outlook.office.com" }));
            Assert.That(string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant(), Does.Contain("authorization"));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Methods").Single(), Does.Contain("POST"));
        });
    }

    [TestCase("/api/v1/send-check", "POST")]
    [TestCase("/api/v1/drafts/AAMk1%3D/defer", "DELETE")]
    public async Task Preflight_UnknownOrigin_IsNotAllowed(string path, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", method);
        using var response = await _client.SendAsync(request);
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Post_FromAllowedOrigin_CarriesCorsHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/send-check") { Content = Drafts.Json(new { draft = Drafts.Polite }) };
        request.Headers.Add("Origin", "https://outlook.office.com");
        request.Headers.Authorization = new("Bearer", TestTokens.Agent());
        using var response = await _client.SendAsync(request);
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://outlook.office.com"));
    }

    [Test]
    public async Task Preflight_DeleteDefer_AllowsDeleteWithAuthorization()
    {
        using var response = await PreflightAsync("/api/v1/drafts/AAMk1%3D/defer", "DELETE", "authorization");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://outlook.office.com" }));
            Assert.That(Joined(response, "Access-Control-Allow-Methods"), Does.Contain("delete"));
            Assert.That(Joined(response, "Access-Control-Allow-Headers"), Does.Contain("authorization"));
        });
    }

    [TestCase("/api/v1/send-check")]
    [TestCase("/api/v1/assess")]
    public async Task Preflight_IdempotencyKeyHeader_IsAllowed(string path)
    {
        using var response = await PreflightAsync(path, "POST", "authorization,content-type,idempotency-key");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Joined(response, "Access-Control-Allow-Headers"), Does.Contain("idempotency-key").And.Contain("content-type"));
        });
    }

    [Test]
    public async Task FlaggedSendCheck_FromOutlook_ExposesCheckIdAndRetryAfter()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/send-check") { Content = Drafts.Json(new { draft = Drafts.Hostile }) };
        request.Headers.Add("Origin", "https://outlook.office.com");
        request.Headers.Add(AuditRecorder.IdempotencyHeader, "cors-check-0001");
        request.Headers.Authorization = new("Bearer", TestTokens.Agent("cors-agent"));
        using var response = await _client.SendAsync(request);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues(AuditRecorder.CheckIdHeader).Single(), Is.EqualTo("cors-check-0001"));
            Assert.That(Joined(response, "Access-Control-Expose-Headers"), Does.Contain(AuditRecorder.CheckIdHeader.ToLowerInvariant()).And.Contain("retry-after"));
        });
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string method, string headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://outlook.office.com");
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await _client.SendAsync(request);
    }

    private static string Joined(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? string.Join(",", values).ToLowerInvariant() : "";

    [TestCase("/taskpane.html", "text/html")]
    [TestCase("/taskpane.js", "text/javascript")]
    [TestCase("/taskpane.css", "text/css")]
    [TestCase("/launchevent.html", "text/html")]
    [TestCase("/commands.html", "text/html")]
    [TestCase("/launchevent.js", "text/javascript")]
    [TestCase("/assets/icon-16.png", "image/png")]
    [TestCase("/assets/icon-32.png", "image/png")]
    [TestCase("/assets/icon-64.png", "image/png")]
    [TestCase("/assets/icon-80.png", "image/png")]
    [TestCase("/assets/icon-128.png", "image/png")]
    public async Task Get_AddinFile_IsServedWithoutSignIn(string path, string mediaType)
    {
        using var response = await _client.GetAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        });
    }

    [Test]
    public async Task Get_LaunchEventScript_HasTheServiceOriginStamped()
    {
        var script = await _client.GetStringAsync("/launchevent.js");
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("var REPLYCOACH_ORIGIN = \"http://localhost\";"));
            Assert.That(script.TrimEnd(), Does.EndWith("Office.actions.associate(\"onMessageSendHandler\", onMessageSendHandler);"));
        });
    }

    [Test]
    public async Task Get_WellKnownAllowedAddins_ListsTheLaunchEventScript()
    {
        using var response = await _client.GetAsync("/.well-known/microsoft-officeaddins-allowed.json");
        var allowed = await Problems.JsonAsync(response);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(allowed.GetProperty("allowed").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "http://localhost/launchevent.js" }));
    }

    [Test]
    public async Task Get_OpenApiDocument_DescribesEveryEndpoint()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");
        var document = await Problems.JsonAsync(response);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Is.SupersetOf(new[] { "/api/v1/assess", "/api/v1/send-check", "/api/v1/rewrite", "/api/v1/me", "/api/v1/settings" }));
        var sendCheck = document.GetProperty("paths").GetProperty("/api/v1/send-check").GetProperty("post");
        Assert.That(sendCheck.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), Is.True);
    }

    [Test]
    public async Task Get_Root_RedirectsToTaskPane()
    {
        using var response = await _client.GetAsync("/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/taskpane.html"));
    }

    [Test]
    public async Task Get_HealthReady_ReportsHealthy()
    {
        var body = await _client.GetStringAsync("/health/ready");
        Assert.That(body, Is.EqualTo("Healthy"));
    }

    [Test]
    public void DraftRequest_Json_UsesCamelCase()
    {
        var json = JsonSerializer.Serialize(new Features.Drafts.DraftRequest("x", "html", "y", "z", "w"), Features.Drafts.ApiJson.Default.DraftRequest);
        Assert.That(json, Is.EqualTo("{\"draft\":\"x\",\"format\":\"html\",\"incoming\":\"y\",\"conversationId\":\"z\",\"itemId\":\"w\"}"));
    }
}
