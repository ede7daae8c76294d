using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReplyCoach.TestKit.FakeChatModel;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// The service with the language-model rewriter pointed at a real HTTP server on loopback that speaks the
/// chat-completions protocol: the model's wording when it passes verification, the built-in rewrite when it does
/// not, fails or hangs; the on-send check never asks it; and nothing calls out unless it is enabled.
/// </summary>
[TestFixture]
public sealed class LanguageModelRewriteTests
{
    private const string Draft = FakeChatSamples.Draft;
    private const string ModelWording = FakeChatSamples.GoodWording;
    private const string ApiKey = "test-key-7f3a9c";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    private readonly CapturingLoggerProvider _logs = new();
    private readonly CountingHandler _outbound = new();
    private FakeChatModelServer _model = null!;
    private ApiFactory _withModel = null!;
    private HttpClient _client = null!;
    private ApiFactory _plain = null!;
    private HttpClient _plainClient = null!;
    private string _builtIn = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _model = await FakeChatModelServer.StartAsync();
        _withModel = new ApiFactory(
            new Dictionary<string, string?>
            {
                ["ReplyCoach:Coaching:LanguageModel:Enabled"] = "true",
                ["ReplyCoach:Coaching:LanguageModel:Endpoint"] = _model.Endpoint.ToString(),
                ["ReplyCoach:Coaching:LanguageModel:Model"] = "test-model",
                ["ReplyCoach:Coaching:LanguageModel:ApiKey"] = ApiKey,
                ["ReplyCoach:Coaching:LanguageModel:Timeout"] = Timeout.ToString(),
                ["Logging:LogLevel:Default"] = "Information",
            },
            services => services.AddSingleton<ILoggerProvider>(_logs));
        _client = _withModel.Client(TestTokens.Agent());

        // The endpoint is there but the model is not enabled: off by default. Every client the service makes
        // through IHttpClientFactory goes through the counting handler.
        _plain = new ApiFactory(
            new Dictionary<string, string?>
            {
                ["ReplyCoach:Coaching:LanguageModel:Endpoint"] = _model.Endpoint.ToString(),
                ["ReplyCoach:Coaching:LanguageModel:Model"] = "test-model",
            },
            services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new CountingHandler.Step(_outbound))));
        _plainClient = _plain.Client(TestTokens.Agent());
        _builtIn = await RewriteTextAsync(_plainClient, Draft);
        Assume.That(_builtIn, Is.Not.EqualTo(Draft), "the built-in rewriter rewords the draft");
        Assume.That(_builtIn, Does.Not.Contain(ModelWording));
    }

    [SetUp]
    public void Reset()
    {
        _model.Reset();
        _outbound.Reset();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        _plainClient.Dispose();
        await _withModel.DisposeAsync();
        await _plain.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Test]
    public async Task Rewrite_ModelWordingPassesVerification_ReturnsIt()
    {
        _model.Answer = _ => FakeChatAnswer.Reply("\"" + ModelWording + "\"");

        var result = await PostAsync(_client, "/api/v1/rewrite", Draft);

        var request = _model.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("rewrite").GetProperty("text").GetString(), Is.EqualTo("Thanks for waiting. " + ModelWording));
            Assert.That(Sources(result), Does.Contain("language_model"));
            Assert.That(request.Path, Is.EqualTo(FakeChatProtocol.CompletionsPath));
            Assert.That(request.Model, Is.EqualTo("test-model"));
            Assert.That(request.Authorization, Is.EqualTo("Bearer " + ApiKey));
            Assert.That(request.Sentence, Is.EqualTo(FakeChatSamples.Flagged), "only the flagged sentence is sent");
            Assert.That(request.System, Does.Contain("Keep every number"));
        });
    }

    [Test]
    public async Task Assess_ModelWordingPassesVerification_TheRewriteUsesIt()
    {
        _model.Answer = _ => FakeChatAnswer.Reply(ModelWording);

        var result = await PostAsync(_client, "/api/v1/assess", Draft);

        Assert.That(result.GetProperty("rewrite").GetProperty("text").GetString(), Is.EqualTo("Thanks for waiting. " + ModelWording));
        Assert.That(Sources(result), Does.Contain("language_model"));
        Assert.That(_model.RequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Rewrite_ModelReturnsWorseText_FallsBackToBuiltIn()
    {
        _model.Answer = r => FakeChatAnswer.Reply("You idiot, " + r.Sentence);

        await AssertBuiltInAsync("/api/v1/rewrite");
    }

    [Test]
    public async Task Rewrite_ModelDropsANumber_FallsBackToBuiltIn()
    {
        _model.Answer = _ => FakeChatAnswer.Reply(FakeChatSamples.DropsTheNumber);

        await AssertBuiltInAsync("/api/v1/rewrite");
    }

    [Test]
    public async Task Rewrite_ModelReturns500_FallsBackToBuiltIn()
    {
        _model.Answer = _ => FakeChatAnswer.Fail((int)HttpStatusCode.InternalServerError);

        await AssertBuiltInAsync("/api/v1/rewrite");
    }

    [Test]
    public async Task Assess_ModelReturns500_FallsBackToBuiltIn()
    {
        _model.Answer = _ => FakeChatAnswer.Fail((int)HttpStatusCode.InternalServerError);

        await AssertBuiltInAsync("/api/v1/assess");
    }

    [Test]
    public async Task Rewrite_ModelHangs_AnswersAfterTheTimeoutWithBuiltIn()
    {
        _model.Answer = _ => FakeChatAnswer.Hang;

        var clock = Stopwatch.StartNew();
        await AssertBuiltInAsync("/api/v1/rewrite");
        clock.Stop();

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(100)), "it waited for the model");
        Assert.That(clock.Elapsed, Is.LessThan(Timeout + TimeSpan.FromSeconds(20)), "and no longer than its timeout (with room for a busy machine)");
        Assert.That(() => _model.AbandonedCount, Is.EqualTo(1).After(10_000, 50), "the call was cancelled, not left running");
    }

    [Test]
    public async Task SendCheck_HostileDraft_NeverAsksTheModel()
    {
        _model.Answer = _ => FakeChatAnswer.Hang;

        foreach (var draft in new[] { Drafts.Hostile, Draft })
        {
            var decision = await PostAsync(_client, "/api/v1/send-check", draft);
            Assert.That(decision.GetProperty("reason").GetString(), Is.Not.EqualTo("timeout"));
        }

        var hostile = await PostAsync(_client, "/api/v1/send-check", Drafts.Hostile);
        Assert.That(hostile.GetProperty("action").GetString(), Is.EqualTo("prompt"), "the draft was really checked");
        Assert.That(_model.RequestCount, Is.Zero);
    }

    [Test]
    public async Task NotEnabled_EndpointsCoachWithoutCallingOut()
    {
        foreach (var path in new[] { "/api/v1/assess", "/api/v1/rewrite", "/api/v1/send-check" })
        {
            foreach (var draft in new[] { Draft, Drafts.Hostile })
            {
                await PostAsync(_plainClient, path, draft);
            }
        }

        var rewrite = await PostAsync(_plainClient, "/api/v1/rewrite", Draft);
        Assert.Multiple(() =>
        {
            Assert.That(rewrite.GetProperty("rewrite").GetProperty("text").GetString(), Is.EqualTo(_builtIn));
            Assert.That(Sources(rewrite), Is.Not.Empty.And.All.EqualTo("built_in"));
            Assert.That(_model.RequestCount, Is.Zero, "the configured endpoint is not called while the model is off");
            Assert.That(_outbound.Count, Is.Zero, "no HTTP request leaves the service");
        });
    }

    [Test]
    public async Task Logs_NeverHoldTheKeyOrTheDraft()
    {
        _model.Answer = _ => FakeChatAnswer.Fail((int)HttpStatusCode.InternalServerError);
        await PostAsync(_client, "/api/v1/rewrite", Draft);
        _model.Answer = r => FakeChatAnswer.Reply("You idiot, " + r.Sentence);
        await PostAsync(_client, "/api/v1/rewrite", Draft);

        var lines = _logs.Lines;
        Assert.That(lines, Has.Some.Contains("fell back to the built-in rewriter"), "the fallback is logged");
        Assert.That(lines, Has.None.Contains(ApiKey));
        Assert.That(lines, Has.None.Contains("dropped the phone"));
        Assert.That(lines, Has.None.Contains("48213"));
    }

    [Test]
    public void Enabled_WithoutEndpoint_ServiceRefusesToStart()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ReplyCoach:Coaching:LanguageModel:Enabled"] = "true",
            ["ReplyCoach:Coaching:LanguageModel:Model"] = "test-model",
        });

        var error = Assert.Catch(() => factory.Client(null));
        Assert.That(error!.ToString(), Does.Contain("Endpoint must be an absolute http(s) URL"));
    }

    private async Task AssertBuiltInAsync(string path)
    {
        var result = await PostAsync(_client, path, Draft);
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("rewrite").GetProperty("text").GetString(), Is.EqualTo(_builtIn));
            Assert.That(Sources(result), Is.Not.Empty.And.All.EqualTo("built_in"));
            Assert.That(_model.RequestCount, Is.EqualTo(1), "the model was asked once");
        });
    }

    private static async Task<string> RewriteTextAsync(HttpClient client, string draft) =>
        (await PostAsync(client, "/api/v1/rewrite", draft)).GetProperty("rewrite").GetProperty("text").GetString()!;

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, string draft)
    {
        using var response = await client.PostDraftAsync(path, draft, "text");
        return await Problems.JsonAsync(response);
    }

    private static string[] Sources(JsonElement result) =>
        [.. result.GetProperty("suggestions").EnumerateArray().Select(static s => s.GetProperty("source").GetString()!)];

    /// <summary>Counts the HTTP requests the service sends through IHttpClientFactory.</summary>
    private sealed class CountingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public sealed class Step(CountingHandler counter) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counter._count);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    /// <summary>Keeps every formatted log line (with its exception) for the assertions on what is logged.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
