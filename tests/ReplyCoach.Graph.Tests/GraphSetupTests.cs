using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReplyCoach.Graph.Context;
using ReplyCoach.Graph.Sweep;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

/// <summary>Configuration, sign-in and the "off" state.</summary>
public sealed class GraphSetupTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, bool scheduledSweep = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddReplyCoachGraph(configuration, scheduledSweep);
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task AddReplyCoachGraph_NoTenant_EveryFeatureAnswersNotConfigured()
    {
        await using var services = Build([]);

        var feature = services.GetRequiredService<GraphFeature>();
        var context = await services.GetRequiredService<IThreadContextService>().GetAsync(GraphAccess.App("a@b.c"), "id");
        var onSend = await services.GetRequiredService<IThreadContextService>().GetForSendAsync(GraphAccess.App("a@b.c"), new SendContextRequest("conv"));
        var tag = await services.GetRequiredService<Decisions.IDraftActions>().TagAsync(GraphAccess.App("a@b.c"), "id");
        var defer = await services.GetRequiredService<Decisions.IDraftActions>().DeferSendAsync(GraphAccess.App("a@b.c"), "id", DateTimeOffset.UtcNow.AddMinutes(5));
        var cancel = await services.GetRequiredService<Decisions.IDraftActions>().CancelDeferredSendAsync(GraphAccess.App("a@b.c"), "id");
        var sweep = await services.GetRequiredService<ISentItemsSweeper>().SweepAsync(new SweepRequest(new SweepMailbox { Address = "a@b.c" }));

        Assert.That(feature.IsEnabled, Is.False);
        Assert.That(new GraphResult[] { context, tag, defer, cancel }.Select(r => r.Status), Is.All.EqualTo(GraphStatus.NotConfigured));
        Assert.That(context.Detail, Does.Contain("ReplyCoach:Graph:TenantId"));
        Assert.That(onSend.Status, Is.EqualTo(ThreadContextStatus.Unavailable));
        Assert.That(sweep.Outcome, Is.EqualTo(GraphStatus.NotConfigured));
        Assert.That(services.GetRequiredService<IOptions<GraphOptions>>().Value.IsConfigured, Is.False, "options are valid without a tenant");
    }

    [Test]
    public async Task AddReplyCoachGraph_NoTenantWithScheduledSweep_RegistersNoHostedService()
    {
        await using var services = Build([], scheduledSweep: true);

        Assert.That(services.GetServices<IHostedService>(), Is.Empty);
    }

    [TestCase("ClientSecret", null, "needs a credential")]
    [TestCase("ClientId", "not-a-guid", "ClientId must be the application (client) id")]
    [TestCase("BaseUrl", "https://graph.microsoft.com", "must be an absolute URL ending in the API version")]
    [TestCase("BaseUrl", "http://graph.example.com/v1.0", "must use https")]
    [TestCase("AuthorityHost", "http://login.example.com/", "AuthorityHost must use https")]
    [TestCase("Resilience:MaxConcurrentRequestsPerMailbox", "5", "MaxConcurrentRequestsPerMailbox")]
    [TestCase("Resilience:AttemptTimeout", "00:10:00", "AttemptTimeout must be at least 10 ms and at most TotalTimeout")]
    [TestCase("ThreadContext:OnSendBudget", "00:00:10", "OnSendBudget")]
    [TestCase("Resilience:MaxMailboxPipelines", "0", "MaxMailboxPipelines")]
    [TestCase("Resilience:MailboxPipelineIdleTime", "2.00:00:00", "MailboxPipelineIdleTime")]
    public async Task Options_InvalidSetting_FailsAtStartWithTheKeyNamed(string key, string? value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReplyCoach:Graph:TenantId"] = FakeGraphServer.TenantId,
            ["ReplyCoach:Graph:ClientId"] = FakeGraphServer.ClientId,
            ["ReplyCoach:Graph:ClientSecret"] = "s3cret-value",
            ["ReplyCoach:Graph:" + key] = value,
        };
        await using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<GraphOptions>>().Value);

        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(error.Message, Does.Not.Contain("s3cret-value"), "a secret is never repeated in an error");
    }

    [Test]
    public void Options_ManagedIdentityWithOnBehalfOf_RefusedWithAdvice()
    {
        var options = new GraphOptions { TenantId = FakeGraphServer.TenantId, UseManagedIdentity = true };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.That(errors, Has.Some.Contains("DelegatedAccess=Application"));
        options.DelegatedAccess = DelegatedAccessMode.Application;
        Assert.That(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)), Is.Empty);
    }

    [TestCase(GraphCloud.Global, "https://login.microsoftonline.com/", "https://graph.microsoft.com/v1.0")]
    [TestCase(GraphCloud.UsGovernment, "https://login.microsoftonline.us/", "https://graph.microsoft.us/v1.0")]
    [TestCase(GraphCloud.UsGovernmentDoD, "https://login.microsoftonline.us/", "https://dod-graph.microsoft.us/v1.0")]
    [TestCase(GraphCloud.China, "https://login.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn/v1.0")]
    public void Options_Cloud_SetsAuthorityAndGraphUrls(GraphCloud cloud, string authority, string graph)
    {
        var options = new GraphOptions { Cloud = cloud };

        Assert.That(options.EffectiveAuthorityHost, Is.EqualTo(new Uri(authority)));
        Assert.That(options.EffectiveBaseUrl, Is.EqualTo(graph));
        Assert.That(options.Scope, Is.EqualTo("https://" + new Uri(graph).Host + "/.default"));
    }

    [Test]
    public async Task ClientSecretCredential_RealTokenRequest_IsReusedAcrossCalls()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = harness.Server.Mailbox(GraphHarness.Agent).AddDraft("c", new FakePerson("x@example.net"), "<p>x</p>");

        await harness.Context.GetAsync(GraphHarness.App, draft.Id);
        await harness.Actions.TagAsync(GraphHarness.App, draft.Id);

        Assert.That(harness.Server.Stats.TokenRequests, Is.EqualTo(1), "one client-credentials token, cached by MSAL");
        Assert.That(harness.Server.Stats.Requests, Is.GreaterThan(3));
    }

    [Test]
    public async Task ClientSecretCredential_WrongSecret_ReturnsUnauthorizedWithoutTheSecretInLogs()
    {
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:ClientSecret"] = "wrong-secret-4711");

        var result = await harness.Context.GetAsync(GraphHarness.App, "AAMkx=");

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Unauthorized));
        Assert.That(result.Detail, Does.Contain("AADSTS7000215"));
        Assert.That(harness.Server.Stats.Requests, Is.Zero, "no token, no Graph request");
        Assert.That(harness.Logs.All, Does.Not.Contain("wrong-secret-4711"));
        Assert.That(result.Detail, Does.Not.Contain("wrong-secret-4711"));
    }

    [Test]
    public async Task ClientCertificateCredential_CertificateFile_SignsInWithAnAssertion()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replycoach-graph-{Guid.NewGuid():N}.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ReplyCoach test app", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        }

        try
        {
            await using var harness = await GraphHarness.StartAsync(s =>
            {
                s["ReplyCoach:Graph:ClientSecret"] = null;
                s["ReplyCoach:Graph:CertificatePath"] = path;
                s["ReplyCoach:Graph:CertificatePassword"] = "pfx-pass";
            });
            var draft = harness.Server.Mailbox(GraphHarness.Agent).AddDraft("c", new FakePerson("x@example.net"), "<p>x</p>");

            var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

            Assert.That(result.IsOk, Is.True, result.Detail);
            Assert.That(harness.Server.Stats.TokenRequests, Is.EqualTo(1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task OnBehalfOf_UserToken_ExchangedForAGraphTokenForThatUser()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = harness.Server.Mailbox(GraphHarness.Agent).AddDraft("c", new FakePerson("x@example.net"), "<p>x</p>");
        var userToken = UnsignedJwt("""{"oid":"agent-oid","aud":"api://replycoach"}""");

        var mine = await harness.Context.GetAsync(GraphAccess.OnBehalfOf("agent-oid", userToken), draft.Id);
        var someoneElses = await harness.Actions.TagAsync(GraphAccess.OnBehalfOf(GraphHarness.Colleague, userToken), draft.Id);

        Assert.That(mine.IsOk, Is.True, mine.Detail);
        Assert.That(harness.Server.OnBehalfOfUsers, Is.EqualTo(new[] { "agent-oid" }), "one exchange, reused");
        Assert.That(someoneElses.Status, Is.EqualTo(GraphStatus.Forbidden), "a delegated token reaches only the user's own mailbox");
        Assert.That(harness.Logs.All, Does.Not.Contain(userToken));
        Assert.That(GraphAccess.OnBehalfOf("agent-oid", userToken).ToString(), Does.Not.Contain(userToken));
    }

    [Test]
    public async Task HostedSweep_ConfiguredMailboxes_SweptOnStartAndEveryInterval()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var scorer = new CountingScorer();
        await using var harness = await GraphHarness.StartAsync(
            s =>
            {
                s["ReplyCoach:Graph:Sweep:Mailboxes:0:Address"] = GraphHarness.Agent;
                s["ReplyCoach:Graph:Sweep:Interval"] = "00:15:00";
            },
            clientTime: clock,
            services: services =>
            {
                services.AddSingleton<ISentItemScorer>(scorer);
                services.AddSingleton<ISentItemAuditSink, RecordingSink>();
                services.AddSingleton<SweepHostedService>();
            });
        var sent = harness.Server.Mailbox(GraphHarness.Agent);
        sent.AddSent(Replies.Polite, DateTimeOffset.UtcNow.AddHours(-3));
        var hosted = harness.Services.GetRequiredService<SweepHostedService>();

        await hosted.StartAsync(CancellationToken.None);
        await ResilienceTests.WaitUntilAsync(() => hosted.Rounds == 1);
        sent.AddSent(Replies.Hostile, DateTimeOffset.UtcNow.AddMinutes(-1));
        clock.Advance(TimeSpan.FromMinutes(15));
        await ResilienceTests.WaitUntilAsync(() => hosted.Rounds == 2);
        await hosted.StopAsync(CancellationToken.None);

        Assert.That(scorer.Counts, Has.Count.EqualTo(2));
        Assert.That(scorer.Counts.Values, Is.All.EqualTo(1));
    }

    private static string UnsignedJwt(string payload)
    {
        static string Encode(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Encode("""{"alg":"none","typ":"JWT"}""") + "." + Encode(payload) + ".";
    }
}
