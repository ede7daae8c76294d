using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ReplyCoach.TestKit.FakeChatModel;

namespace ReplyCoach.Cli.Tests;

/// <summary>
/// A chat-completions endpoint on loopback for the command-line tests, on <see cref="HttpListener"/>: these tests
/// run <c>replycoach</c> from their own output folder, which must not pull in ASP.NET Core (the Kestrel fake in the
/// test kit would), or the program's own copies of the configuration assemblies are left out. The wire format is
/// the test kit's <see cref="FakeChatProtocol"/>.
/// </summary>
internal sealed class FakeChatListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();
    private readonly Task _loop;
    private int _count;

    private FakeChatListener(HttpListener listener, Uri endpoint)
    {
        _listener = listener;
        Endpoint = endpoint;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The chat-completions URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>How to answer a request; by default the sentence comes back unchanged.</summary>
    public Func<FakeChatRequest, FakeChatAnswer> Answer { get; set; } = FakeChatProtocol.Echo;

    /// <summary>Every request received.</summary>
    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>The chat-completions requests received, in order.</summary>
    public IReadOnlyList<FakeChatRequest> Requests => [.. _requests];

    /// <summary>Starts on a free loopback port (HttpListener cannot be given port 0, so one is found first).</summary>
    public static FakeChatListener Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeChatListener(listener, new Uri($"http://127.0.0.1:{port}{FakeChatProtocol.CompletionsPath}"));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Forgets the requests and answers by echoing again.</summary>
    public void Reset()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _count, 0);
        Answer = FakeChatProtocol.Echo;
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _count);
        var response = context.Response;
        try
        {
            var http = context.Request;
            if (http.HttpMethod != "POST" || http.Url?.AbsolutePath != FakeChatProtocol.CompletionsPath)
            {
                response.StatusCode = 404;
                return;
            }

            using var body = new MemoryStream();
            await http.InputStream.CopyToAsync(body);
            FakeChatRequest request;
            try
            {
                request = FakeChatProtocol.Read(http.Url.AbsolutePath, http.Headers["Authorization"], http.Headers["api-key"], body.ToArray());
            }
            catch (JsonException)
            {
                response.StatusCode = 400;
                return;
            }

            _requests.Enqueue(request);
            var answer = Answer(request);
            if (answer.Hangs)
            {
                // The command-line tests do not hang the model; the service tests cover that.
                throw new NotSupportedException("FakeChatListener does not hang.");
            }

            var bytes = FakeChatProtocol.Body(answer, request, RequestCount);
            response.StatusCode = answer.Status;
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
