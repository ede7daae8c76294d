using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ReplyCoach.Api.Hosting;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// Development mode (no sign-in) is loopback only, whatever the address looks like, and only in the Development
/// environment unless explicitly allowed. Refused addresses are checked before the server starts; what the server
/// really bound is checked after it has started; requests from other machines are refused in between.
/// </summary>
[TestFixture]
public sealed class DevelopmentModeTests
{
    /// <summary>Addresses that once passed the loopback check while Kestrel listened on every interface (port 80).</summary>
    private static readonly string[] Bypasses =
    [
        "http://localhost:x",
        "http://localhost:",
        "http://127.0.0.1:abc",
        "http://[::1]:x",
        "http://localhost:5080:5081",
        "http://localhost.:5080",
        "http://localhost:99999",
    ];

    private static readonly string[] AllInterfaces =
    [
        "http://0.0.0.0:5080",
        "http://*:5080",
        "http://+:5080",
        "http://[::]:5080",
        "http://192.168.1.20:5080",
        "http://localhost:5080;http://replycoach.contoso.com:80",
    ];

    private static IEnumerable<string> NonLoopbackUrls => Bypasses.Concat(AllInterfaces);

    [Test]
    public async Task Assess_DevelopmentModeWithoutToken_Returns200()
    {
        await using var factory = ApiFactory.InDevelopmentMode();
        using var response = await factory.Client(null).PostDraftAsync("/api/v1/assess", Drafts.Polite);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var me = await factory.Client(null).GetAsync("/api/v1/me");
        Assert.That((await Problems.JsonAsync(me)).GetProperty("developmentMode").GetBoolean(), Is.True);
    }

    [TestCaseSource(nameof(NonLoopbackUrls))]
    public void Start_DevelopmentModeOnNonLoopbackUrl_Refuses(string urls)
    {
        using var factory = ApiFactory.InDevelopmentMode(new Dictionary<string, string?> { ["urls"] = urls });
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.That(error!.Message, Does.Contain("loopback").And.Contain("refusing to start"));
    }

    [TestCase("ASPNETCORE_URLS", "http://localhost:x")]
    [TestCase("DOTNET_URLS", "http://[::1]:x")]
    [TestCase("Kestrel:Endpoints:Web:Url", "http://localhost:")]
    [TestCase("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:5080")]
    [TestCase("HTTP_PORTS", "8080")]
    [TestCase("https_ports", "8443")]
    [TestCase("ASPNETCORE_HTTP_PORTS", "8080")]
    public void Start_DevelopmentModeWithNonLoopbackAddressSetting_Refuses(string key, string value)
    {
        using var factory = ApiFactory.InDevelopmentMode(new Dictionary<string, string?> { [key] = value });
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.That(error!.Message, Does.Contain("loopback"));
    }

    [TestCase("http://localhost:5080", true)]
    [TestCase("http://localhost", true)]
    [TestCase("HTTP://LOCALHOST:5080/", true)]
    [TestCase("https://127.0.0.1:5443", true)]
    [TestCase("http://127.3.4.5:80", true)]
    [TestCase("http://127.0.0.1:0", true)]
    [TestCase("http://[::1]:5080", true)]
    [TestCase("http://[::1]", true)]
    [TestCase("http://[::ffff:127.0.0.1]:5080", true)]
    [TestCase("http://localhost:x", false)]
    [TestCase("http://localhost:", false)]
    [TestCase("http://127.0.0.1:abc", false)]
    [TestCase("http://[::1]:x", false)]
    [TestCase("http://[::1]5080", false)]
    [TestCase("http://localhost:5080:5081", false)]
    [TestCase("http://localhost.:5080", false)]
    [TestCase("http://localhost:99999", false)]
    [TestCase("http://localhost:+5080", false)]
    [TestCase("http://[::]:5080", false)]
    [TestCase("http://0.0.0.0:5080", false)]
    [TestCase("http://*:5080", false)]
    [TestCase("http://+:5080", false)]
    [TestCase("http://example.com", false)]
    [TestCase("http://unix:/tmp/replycoach.sock", false)]
    [TestCase("localhost:5080", false)]
    [TestCase("ftp://localhost:21", false)]
    public void IsLoopback_Url_Answers(string url, bool expected) =>
        Assert.That(DevelopmentModeGuard.IsLoopback(url), Is.EqualTo(expected));

    [Test]
    public void Start_DevelopmentModeOutsideDevelopmentEnvironmentWithoutOptIn_Refuses()
    {
        // The tests run in the "Testing" environment.
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["ReplyCoach:Service:DevelopmentMode"] = "true" });
        var error = Assert.Catch(() => factory.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("AllowDevelopmentModeOutsideDevelopment").And.Contain("'Testing'"));
    }

    [Test]
    public async Task Start_DevelopmentModeOnKestrelLoopback_ServesWithoutSignIn()
    {
        await using var factory = ApiFactory.InDevelopmentMode();
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        using var client = new HttpClient();
        using var me = await client.GetAsync(address.TrimEnd('/') + "/api/v1/me");
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Start_DevelopmentModeKestrelBoundToEveryInterface_StopsTheServerAtOnce()
    {
        // Bound in code, so no configured address tells the early check: only the check of the bound addresses can see it.
        var port = ServiceProcess.FreePort(IPAddress.Any);
        await using var factory = ApiFactory.InDevelopmentMode();
        factory.UseKestrel(kestrel => kestrel.ListenAnyIP(port));

        var error = Assert.Catch(() => factory.StartServer());

        Assert.That(error!.ToString(), Does.Contain("loopback").And.Contain("has been stopped"));
        Assert.That(await ServiceProcess.AcceptsConnectionsAsync(port), Is.False, "nothing may listen on the port once the start has failed");
    }

    [TestCase("192.0.2.10", "127.0.0.1")]
    [TestCase("127.0.0.1", "10.0.0.5")]
    [TestCase("2001:db8::1", "::1")]
    public async Task Request_DevelopmentModeNotLoopbackBothEnds_Refused(string remote, string local)
    {
        await using var factory = ApiFactory.InDevelopmentMode();
        var context = await factory.Server.SendAsync(http => Prepare(http, remote, local));
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
    }

    [TestCase("127.0.0.1", "127.0.0.1")]
    [TestCase("::1", "::1")]
    [TestCase("::ffff:127.0.0.1", "::ffff:127.0.0.1")]
    public async Task Request_DevelopmentModeLoopbackBothEnds_Served(string remote, string local)
    {
        await using var factory = ApiFactory.InDevelopmentMode();
        var context = await factory.Server.SendAsync(http => Prepare(http, remote, local));
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
    }

    [Test]
    public async Task Request_SignInModeFromAnotherMachine_ServedAsUsual()
    {
        await using var factory = new ApiFactory();
        var context = await factory.Server.SendAsync(http =>
        {
            Prepare(http, "192.0.2.10", "10.0.0.5");
            http.Request.Headers.Authorization = "Bearer " + TestTokens.Agent();
        });
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
    }

    private static void Prepare(HttpContext http, string remote, string local)
    {
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = "/api/v1/me";
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Connection.LocalIpAddress = IPAddress.Parse(local);
    }
}

/// <summary>
/// The published service as an operator starts it: real Kestrel, configured by environment variables and arguments.
/// Each bypass must end the process before it serves anything; the supported opt-in must serve on loopback.
/// </summary>
[TestFixture]
public sealed class DevelopmentModeProcessTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [TestCase("ASPNETCORE_URLS", "http://localhost:x")]
    [TestCase("ASPNETCORE_URLS", "http://localhost:")]
    [TestCase("DOTNET_URLS", "http://127.0.0.1:abc")]
    [TestCase("URLS", "http://[::1]:x")]
    [TestCase("ASPNETCORE_URLS", "http://+:5080")]
    [TestCase("ASPNETCORE_HTTP_PORTS", "5080")]
    [TestCase("DOTNET_HTTP_PORTS", "5080")]
    [TestCase("HTTP_PORTS", "5080")]
    [TestCase("Kestrel__Endpoints__Web__Url", "http://localhost:x")]
    public async Task Process_DevelopmentEnvironmentWithNonLoopbackVariable_RefusesToStart(string name, string value)
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            [name] = value,
        });

        Assert.That(await service.WaitForExitAsync(ExitTimeout), Is.True, "the service must refuse to start: " + service.Output);
        Assert.Multiple(() =>
        {
            Assert.That(service.ExitCode, Is.Not.Zero);
            Assert.That(service.Output, Does.Contain("only listens on loopback"));
        });
    }

    [TestCase("http://localhost:x")]
    [TestCase("http://[::1]:x")]
    public async Task Process_DevelopmentEnvironmentWithNonLoopbackUrlsArgument_RefusesToStart(string urls)
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, "--urls", urls);

        Assert.That(await service.WaitForExitAsync(ExitTimeout), Is.True, "the service must refuse to start: " + service.Output);
        Assert.That(service.ExitCode, Is.Not.Zero);
    }

    [Test]
    public async Task Process_DevelopmentModeInProductionWithoutOptIn_RefusesToStart()
    {
        var port = ServiceProcess.FreePort(IPAddress.Loopback);
        await using var service = ServiceProcess.Start(InProduction(optedIn: false), "--urls", $"http://127.0.0.1:{port}");

        Assert.That(await service.WaitForExitAsync(ExitTimeout), Is.True, "the service must refuse to start: " + service.Output);
        var listening = await ServiceProcess.AcceptsConnectionsAsync(port);
        Assert.Multiple(() =>
        {
            Assert.That(service.ExitCode, Is.Not.Zero);
            Assert.That(service.Output, Does.Contain("AllowDevelopmentModeOutsideDevelopment").And.Contain("'Production'"));
            Assert.That(listening, Is.False);
        });
    }

    [Test]
    public async Task Process_DevelopmentModeInProductionOptedIn_ServesOnLoopbackAndSaysSoLoudly()
    {
        var port = ServiceProcess.FreePort(IPAddress.Loopback);
        await using var service = ServiceProcess.Start(InProduction(optedIn: true), "--urls", $"http://127.0.0.1:{port}");

        Assert.That(await service.WaitUntilServingAsync($"http://127.0.0.1:{port}/api/v1/me", ExitTimeout), Is.True, service.Output);
        Assert.That(service.Output, Does.Contain("DEVELOPMENT MODE OUTSIDE THE DEVELOPMENT ENVIRONMENT ('Production')"));
    }

    [TestCase("http://localhost:x")]
    [TestCase("http://0.0.0.0:5080")]
    public async Task Process_DevelopmentModeInProductionOptedInOnNonLoopbackUrl_RefusesToStart(string urls)
    {
        await using var service = ServiceProcess.Start(InProduction(optedIn: true), "--urls", urls);

        Assert.That(await service.WaitForExitAsync(ExitTimeout), Is.True, "the service must refuse to start: " + service.Output);
        Assert.Multiple(() =>
        {
            Assert.That(service.ExitCode, Is.Not.Zero);
            Assert.That(service.Output, Does.Contain("only listens on loopback"));
        });
    }

    /// <summary>Development mode in the Production environment (what a published build runs as), with or without the opt-in.</summary>
    private static Dictionary<string, string> InProduction(bool optedIn)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ReplyCoach__Service__DevelopmentMode"] = "true",
        };
        if (optedIn)
        {
            environment["ReplyCoach__Service__AllowDevelopmentModeOutsideDevelopment"] = "true";
        }

        return environment;
    }
}
