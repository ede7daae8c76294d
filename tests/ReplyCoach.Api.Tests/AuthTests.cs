using System.Net;
using Microsoft.AspNetCore.Hosting;
using ReplyCoach.Api.Hosting;

namespace ReplyCoach.Api.Tests;

/// <summary>Sign-in with real signed tokens: every rule of issuer, audience, signature, lifetime and role.</summary>
[TestFixture]
public sealed class AuthTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public async Task Stop() => await _factory.DisposeAsync();

    [Test]
    public async Task Assess_NoToken_Returns401Problem()
    {
        using var response = await _factory.Client(null).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Assess_AgentToken_Returns200()
    {
        using var response = await _factory.Client(TestTokens.Agent()).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Assess_LeadToken_Returns200()
    {
        using var response = await _factory.Client(TestTokens.Lead()).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Assess_ApplicationIdUriAudience_Returns200()
    {
        var token = TestTokens.Create([Roles.Agent], audience: "api://" + TestTokens.ClientId);
        using var response = await _factory.Client(token).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Assess_V1IssuerOfSameTenant_Returns200()
    {
        var token = TestTokens.Create([Roles.Agent], issuer: $"https://sts.windows.net/{TestTokens.TenantId}/");
        using var response = await _factory.Client(token).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Assess_ExpiredToken_Returns401()
    {
        var token = TestTokens.Create([Roles.Agent], expires: DateTime.UtcNow.AddMinutes(-10));
        using var response = await _factory.Client(token).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("expired"));
    }

    [Test]
    public async Task Assess_WrongAudience_Returns401()
    {
        var token = TestTokens.Create([Roles.Agent], audience: "00000003-0000-0000-c000-000000000000"); // a Graph token
        using var response = await _factory.Client(token).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Assess_WrongSigner_Returns401()
    {
        var token = TestTokens.Create([Roles.Agent], key: TestTokens.ForeignKey);
        using var response = await _factory.Client(token).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Assess_OtherTenantIssuer_Returns401()
    {
        var token = TestTokens.Create([Roles.Agent], issuer: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0");
        using var response = await _factory.Client(token).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Assess_UnsignedToken_Returns401()
    {
        var signed = TestTokens.Agent();
        var parts = signed.Split('.');
        var header = Convert.ToBase64String("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var response = await _factory.Client($"{header}.{parts[1]}.").PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Assess_TamperedPayload_Returns401()
    {
        var parts = TestTokens.Agent().Split('.');
        var other = TestTokens.Create([Roles.Lead], userId: "someone-else").Split('.');
        using var response = await _factory.Client($"{parts[0]}.{other[1]}.{parts[2]}").PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Assess_NoRole_Returns403Problem()
    {
        using var response = await _factory.Client(TestTokens.Create(roles: null)).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task SendCheck_UnknownRoleOnly_Returns403()
    {
        using var response = await _factory.Client(TestTokens.Create(["Mail.Admin"])).PostDraftAsync("/api/v1/send-check", Drafts.Polite);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Settings_Agent_Returns403()
    {
        using var response = await _factory.Client(TestTokens.Agent()).GetAsync("/api/v1/settings");
        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Settings_Lead_ReturnsThresholds()
    {
        using var response = await _factory.Client(TestTokens.Lead()).GetAsync("/api/v1/settings");
        var settings = await Problems.JsonAsync(response);
        Assert.That(settings.GetProperty("thresholds").GetProperty("hold").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Me_Agent_ReturnsNameAndRoles()
    {
        using var response = await _factory.Client(TestTokens.Agent()).GetAsync("/api/v1/me");
        var me = await Problems.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("Alex Agent"));
            Assert.That(me.GetProperty("roles")[0].GetString(), Is.EqualTo(Roles.Agent));
            Assert.That(me.GetProperty("developmentMode").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task Health_NoToken_IsOpen()
    {
        var client = _factory.Client(null);
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        Assert.That((live.StatusCode, ready.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
    }
}

/// <summary>Production mode without a tenant, or with invalid settings, does not start.</summary>
[TestFixture]
public sealed class StartupValidationTests
{
    [Test]
    public void Start_ProductionWithoutTenant_FailsWithClearMessage()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ReplyCoach:Auth:TenantId"] = "",
            ["ReplyCoach:Auth:ClientId"] = "",
        });
        var error = Assert.Catch(() => factory.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("ReplyCoach:Auth:TenantId"));
    }

    [Test]
    public void Start_InvalidThresholds_FailsWithClearMessage()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ReplyCoach:Analysis:CautionThreshold"] = "0.9",
            ["ReplyCoach:Analysis:HoldThreshold"] = "0.5",
        });
        var error = Assert.Catch(() => factory.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("HoldThreshold"));
    }
}
