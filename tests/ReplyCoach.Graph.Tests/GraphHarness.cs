using System.Collections.Concurrent;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReplyCoach.Graph.Context;
using ReplyCoach.Graph.Decisions;
using ReplyCoach.Graph.Hosting;
using ReplyCoach.Graph.Resilience;
using ReplyCoach.Graph.Sweep;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

/// <summary>
/// The real Graph services (real GraphServiceClient, real Azure.Identity credential, real Polly pipeline) wired
/// against a fake Graph server on loopback. Settings are tuned for fast tests; each test may override them.
/// </summary>
internal sealed class GraphHarness : IAsyncDisposable
{
    public const string Agent = "agent@contoso.example";
    public const string Colleague = "colleague@contoso.example";

    private readonly List<ServiceProvider> _providers = [];

    private GraphHarness(FakeGraphServer server, string stateFolder)
    {
        Server = server;
        StateFolder = stateFolder;
    }

    public FakeGraphServer Server { get; }

    public string StateFolder { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public IThreadContextService Context => Services.GetRequiredService<IThreadContextService>();

    public IDraftActions Actions => Services.GetRequiredService<IDraftActions>();

    public ISentItemsSweeper Sweeper => Services.GetRequiredService<ISentItemsSweeper>();

    public GraphTraffic Traffic => Services.GetRequiredService<GraphTraffic>();

    public static GraphAccess App => GraphAccess.App(Agent);

    public static async Task<GraphHarness> StartAsync(
        Action<Dictionary<string, string?>>? settings = null,
        TimeProvider? clientTime = null,
        TimeProvider? serverTime = null,
        Action<IServiceCollection>? services = null)
    {
        var server = await FakeGraphServer.StartAsync(serverTime);
        var folder = Path.Combine(Path.GetTempPath(), "replycoach-graph-tests", Guid.NewGuid().ToString("N"));
        var harness = new GraphHarness(server, folder);
        var agent = server.AddMailbox(Agent, "agent-oid");
        server.AddMailbox(Colleague, "colleague-oid").Settings = new FakeMailboxSettings("Pacific Standard Time", Start: new TimeOnly(9, 0), End: new TimeOnly(18, 0));
        _ = agent;
        harness.Services = harness.Build(settings, clientTime, services);
        return harness;
    }

    /// <summary>A second set of services on the same server and state folder: a restarted process.</summary>
    public ServiceProvider Restart(Action<Dictionary<string, string?>>? settings = null, TimeProvider? clientTime = null, Action<IServiceCollection>? services = null) =>
        Services = Build(settings, clientTime, services);

    private ServiceProvider Build(Action<Dictionary<string, string?>>? settings, TimeProvider? clientTime, Action<IServiceCollection>? services)
    {
        var values = Server.Settings();
        values["ReplyCoach:Graph:Resilience:RetryBaseDelay"] = "00:00:00.020";
        values["ReplyCoach:Graph:Resilience:MaxRetryDelay"] = "00:00:00.100";
        values["ReplyCoach:Graph:Resilience:AttemptTimeout"] = "00:00:05";
        values["ReplyCoach:Graph:Resilience:TotalTimeout"] = "00:00:30";
        values["ReplyCoach:Graph:Resilience:MaxRetryAttempts"] = "4";
        values["ReplyCoach:Graph:Resilience:BreakerMinimumThroughput"] = "1000";
        values["ReplyCoach:Graph:Sweep:StateFolder"] = StateFolder;
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        collection.AddSingleton(clientTime ?? TimeProvider.System);
        collection.AddSingleton(new GraphIdentityTransport(new HttpClientTransport(Server.CreateTrustingHandler())));
        collection.AddReplyCoachGraph(configuration);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _ = provider.GetRequiredService<IOptions<GraphOptions>>().Value; // as ValidateOnStart would
        _providers.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Server.DisposeAsync();
        try
        {
            Directory.Delete(StateFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>Keeps every log line, formatted, to check what is (not) logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    owner._lines.Enqueue($"  {key}={value}");
                }
            }
        }
    }
}
