using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReplyCoach.TestKit.FakeChatModel;

/// <summary>
/// A local stand-in for an OpenAI-compatible chat-completions endpoint (Ollama's <c>/v1/chat/completions</c>, Azure
/// OpenAI's deployments), on Kestrel on loopback, so the real HTTP client code runs. It counts every request it gets
/// on any path, and answers with <see cref="Answer"/>.
/// </summary>
public sealed class FakeChatModelServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _count;
    private int _abandoned;

    private FakeChatModelServer()
    {
    }

    /// <summary>The chat-completions URL.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>How to answer a request; by default the sentence comes back unchanged.</summary>
    public Func<FakeChatRequest, FakeChatAnswer> Answer { get; set; } = FakeChatProtocol.Echo;

    /// <summary>Every request received, on any path and with any method.</summary>
    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>Hanging requests that the caller gave up on (its connection closed before the server stopped).</summary>
    public int AbandonedCount => Volatile.Read(ref _abandoned);

    /// <summary>The chat-completions requests received, in order.</summary>
    public IReadOnlyList<FakeChatRequest> Requests => [.. _requests];

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FakeChatModelServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new FakeChatModelServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = typeof(FakeChatModelServer).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + FakeChatProtocol.CompletionsPath);
        server._app = app;
        return server;
    }

    /// <summary>Forgets the requests and counts, and answers by echoing the sentence again.</summary>
    public void Reset()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _abandoned, 0);
        Answer = FakeChatProtocol.Echo;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _count);
        var http = context.Request;
        if (!HttpMethods.IsPost(http.Method) || !string.Equals(http.Path.Value, FakeChatProtocol.CompletionsPath, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        FakeChatRequest request;
        try
        {
            using var body = new MemoryStream();
            await http.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            request = FakeChatProtocol.Read(
                http.Path.Value!,
                http.Headers.Authorization.Count > 0 ? http.Headers.Authorization.ToString() : null,
                http.Headers.TryGetValue("api-key", out var key) ? key.ToString() : null,
                body.ToArray());
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        _requests.Enqueue(request);
        var answer = Answer(request);
        if (answer.Hangs)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (context.RequestAborted.IsCancellationRequested && !_stopping.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _abandoned);
                }
            }

            return;
        }

        var bytes = FakeChatProtocol.Body(answer, request, RequestCount);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
