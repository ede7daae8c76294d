using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReplyCoach.Api.Features.Addin;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// The on-send handler in a JavaScript-only runtime: launchevent.js runs in node:vm with no DOM and a stub Office
/// object, against the real service (allow, prompt) or a stub server (error, timeout).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LaunchEventTests
{
    private static readonly HttpClient Http = new();

    private static async Task<JsonElement> RunAsync(string script, string body, params string[] flags)
    {
        var dir = Directory.CreateTempSubdirectory("launchevent-");
        try
        {
            var scriptPath = Path.Combine(dir.FullName, "launchevent.js");
            var bodyPath = Path.Combine(dir.FullName, "body.html");
            await File.WriteAllTextAsync(scriptPath, script);
            await File.WriteAllTextAsync(bodyPath, body);
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Node", "run-launchevent.js"));
            start.ArgumentList.Add(scriptPath);
            start.ArgumentList.Add(bodyPath);
            foreach (var flag in flags)
            {
                start.ArgumentList.Add(flag);
            }

            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await node.WaitForExitAsync(limit.Token);
            var output = (await stdout).Trim();
            Assert.That(node.ExitCode, Is.Zero, await stderr);
            return JsonDocument.Parse(output.Split('\n').Last()).RootElement.Clone();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The script as the service serves it: origin stamped in.</summary>
    private static Task<string> ServedScriptAsync() => Http.GetStringAsync(LiveService.Origin + "/launchevent.js");

    /// <summary>The script from the repository, pointed at another server.</summary>
    private static string ScriptFor(string origin) =>
        File.ReadAllText(TestPaths.LaunchEventScript).Replace(AddinEndpoints.OriginMarker, $"var REPLYCOACH_ORIGIN = \"{origin}\";", StringComparison.Ordinal);

    private static string Html(string text) => "<html><body><p>" + WebUtility.HtmlEncode(text).Replace("\n", "<br>") + "</p></body></html>";

    [Test]
    public async Task OnSend_PoliteDraft_Allows()
    {
        var result = await RunAsync(await ServedScriptAsync(), Html(Drafts.Polite));
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("associated")[0].GetString(), Is.EqualTo("onMessageSendHandler"));
            Assert.That(result.GetProperty("completed").GetProperty("allowEvent").GetBoolean(), Is.True);
            Assert.That(result.GetProperty("calls").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task OnSend_HostileDraft_ShowsSmartAlertOpeningTheTaskPane()
    {
        var result = await RunAsync(await ServedScriptAsync(), Html(Drafts.Hostile));
        var completed = result.GetProperty("completed");
        Assert.Multiple(() =>
        {
            Assert.That(completed.GetProperty("allowEvent").GetBoolean(), Is.False);
            Assert.That(completed.GetProperty("errorMessage").GetString()!.Length, Is.InRange(20, 500));
            Assert.That(completed.GetProperty("errorMessageMarkdown").GetString()!.Length, Is.InRange(20, 500));
            Assert.That(completed.GetProperty("cancelLabel").GetString(), Is.EqualTo("Review in ReplyCoach"));
            Assert.That(completed.GetProperty("commandId").GetString(), Is.EqualTo("msgComposeOpenPaneButton"));
            Assert.That(result.GetProperty("calls").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task OnSend_ServerError_Allows()
    {
        await using var stub = await StubServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("{\"title\":\"boom\"}");
        });
        var result = await RunAsync(ScriptFor(stub.Origin), Html(Drafts.Hostile));
        Assert.That(result.GetProperty("completed").GetProperty("allowEvent").GetBoolean(), Is.True);
        Assert.That(stub.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task OnSend_ServerAnswersGarbage_Allows()
    {
        await using var stub = await StubServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{not json");
        });
        var result = await RunAsync(ScriptFor(stub.Origin), Html(Drafts.Hostile));
        Assert.That(result.GetProperty("completed").GetProperty("allowEvent").GetBoolean(), Is.True);
    }

    [Test]
    public async Task OnSend_ServerTimeoutWithoutAbortController_AllowsWithinOutlooksFiveSeconds()
    {
        await using var stub = await StubServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(15), context.RequestAborted);
        });
        var result = await RunAsync(ScriptFor(stub.Origin), Html(Drafts.Hostile), "--no-abort-controller");
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("completed").GetProperty("allowEvent").GetBoolean(), Is.True);
            Assert.That(result.GetProperty("elapsedMs").GetInt32(), Is.InRange(3500, 4900));
            Assert.That(result.GetProperty("calls").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task OnSend_ServiceDown_Allows()
    {
        var result = await RunAsync(ScriptFor("http://127.0.0.1:" + FreePort()), Html(Drafts.Hostile));
        Assert.That(result.GetProperty("completed").GetProperty("allowEvent").GetBoolean(), Is.True);
        Assert.That(result.GetProperty("elapsedMs").GetInt32(), Is.LessThan(3000));
    }

    [Test]
    public async Task OnSend_BodyCannotBeRead_Allows()
    {
        var result = await RunAsync(await ServedScriptAsync(), Html(Drafts.Hostile), "--body-fails");
        Assert.That(result.GetProperty("completed").GetProperty("allowEvent").GetBoolean(), Is.True);
    }

    [Test]
    public void Script_IsOnePlainScript_WithoutModulesOrDom()
    {
        var script = File.ReadAllText(TestPaths.LaunchEventScript);
        var code = string.Join('\n', script.Split('\n').Where(l => !l.TrimStart().StartsWith("/*", StringComparison.Ordinal) && !l.TrimStart().StartsWith('*') && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        Assert.Multiple(() =>
        {
            Assert.That(code, Does.Not.Match(@"^\s*(import|export)\b").IgnoreCase, "no modules");
            Assert.That(code, Does.Not.Contain("require("));
            Assert.That(code, Does.Not.Contain("document."));
            Assert.That(code, Does.Not.Contain("window."));
            Assert.That(code, Does.Contain(AddinEndpoints.OriginMarker));
            Assert.That(script.TrimEnd(), Does.EndWith("Office.actions.associate(\"onMessageSendHandler\", onMessageSendHandler);"));
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A throwaway server on loopback answering every send-check with the given handler.</summary>
    private sealed class StubServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private StubServer(WebApplication app) => _app = app;

        public string Origin => _app.Urls.First().TrimEnd('/');

        public int Requests => _requests;

        public static async Task<StubServer> StartAsync(RequestDelegate handler)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var stub = new StubServer(app);
            app.MapPost("/api/v1/send-check", context =>
            {
                Interlocked.Increment(ref stub._requests);
                return handler(context);
            });
            await app.StartAsync();
            return stub;
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }
}
