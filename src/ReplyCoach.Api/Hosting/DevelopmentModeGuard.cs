using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Api.Hosting;

/// <summary>
/// Development mode lets anyone in without a token, so it must never be reachable from another machine. Three
/// layers, because the first one alone was bypassed (an address whose port is not a number made Kestrel listen on
/// every interface):
/// <list type="number">
/// <item>Before the server starts, every configured address is parsed strictly (<see cref="IsLoopback"/>); anything
/// that is not exactly <c>localhost</c> or a loopback IP with a numeric port refuses the start with a clear message.</item>
/// <item>After the server has started, the addresses it really bound (<see cref="IServerAddressesFeature"/>) are
/// checked (<see cref="BoundAddressCheck"/>): one that is not loopback stops the server and the host at once.</item>
/// <item>Until then, and for as long as the service runs, a request arriving on or from a non-loopback address is
/// refused (<see cref="RefuseNonLoopback"/>).</item>
/// </list>
/// Development mode is also refused outside the Development environment unless
/// <see cref="ServiceOptions.AllowDevelopmentModeOutsideDevelopment"/> says otherwise (see <see cref="ServiceOptionsValidator"/>).
/// </summary>
internal static class DevelopmentModeGuard
{
    public static WebApplicationBuilder AddDevelopmentModeGuard(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<BoundAddressCheck>();
        return builder;
    }

    /// <summary>
    /// The check before the server starts (a clear message for a configured address that is not loopback), and the
    /// middleware that refuses requests from other machines. Call it first, before any other middleware.
    /// </summary>
    public static WebApplication EnsureSafeDevelopmentMode(this WebApplication app)
    {
        var service = app.Services.GetRequiredService<IOptions<ServiceOptions>>().Value;
        if (!service.DevelopmentMode)
        {
            return app;
        }

        var offending = NonLoopbackAddresses(app.Configuration).ToList();
        if (offending.Count > 0)
        {
            throw new InvalidOperationException(Refusal(string.Join(", ", offending)));
        }

        if (!app.Environment.IsDevelopment())
        {
            ApiLog.DevelopmentModeOutsideDevelopment(app.Logger, app.Environment.EnvironmentName);
        }

        ApiLog.DevelopmentModeWarning(app.Logger);
        app.Use(RefuseNonLoopback);
        return app;
    }

    private static string Refusal(string addresses) =>
        "ReplyCoach:Service:DevelopmentMode=true accepts requests without sign-in, so it only listens on loopback " +
        $"(localhost, 127.0.0.1, [::1], with a numeric port); refusing to start with {addresses}. " +
        "Use --urls http://localhost:5080, or configure ReplyCoach:Auth and turn development mode off.";

    /// <summary>Every configured listening address that is not loopback.</summary>
    public static IEnumerable<string> NonLoopbackAddresses(IConfiguration configuration)
    {
        // "urls" is --urls, ASPNETCORE_URLS, DOTNET_URLS and URLS alike (configuration keys ignore case);
        // ASPNETCORE_URLS is also visible under its own name through the unprefixed environment variables.
        foreach (var key in new[] { "urls", "ASPNETCORE_URLS", "DOTNET_URLS" })
        {
            foreach (var url in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!IsLoopback(url))
                {
                    yield return url;
                }
            }
        }

        // HTTP_PORTS / HTTPS_PORTS (and their ASPNETCORE_ and DOTNET_ forms) bind every interface.
        foreach (var key in new[] { "HTTP_PORTS", "HTTPS_PORTS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
            {
                yield return $"{key}={configuration[key]} (all interfaces)";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            if (url is null || !IsLoopback(url))
            {
                yield return url ?? $"Kestrel:Endpoints:{endpoint.Key} (no Url)";
            }
        }
    }

    /// <summary>
    /// Whether a listening address can only be reached from this machine: <c>http</c> or <c>https</c>, a host that
    /// is exactly <c>localhost</c> or a loopback IP (IPv6 in brackets), and no port or a port that is a number from 0
    /// to 65535. Anything else is not loopback, however it would be read by the server: Kestrel reads
    /// <c>http://localhost:x</c> as a host name "localhost:x" on port 80 and listens on every interface.
    /// </summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return false;
        }

        var scheme = url[..schemeEnd];
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = url[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        string host;
        string? port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length == 0)
            {
                port = null;
            }
            else if (after[0] == ':')
            {
                port = after[1..];
            }
            else
            {
                return false;
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
            port = colon >= 0 ? authority[(colon + 1)..] : null;
        }

        if (port is not null && !IsPort(port))
        {
            return false;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return host.Length > 0 && !host.Contains('%') && IPAddress.TryParse(host, out var ip) && IsLoopback(ip);
    }

    /// <summary>Whether an address is loopback (an IPv4 loopback address mapped into IPv6 counts).</summary>
    public static bool IsLoopback(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    private static bool IsPort(string port) =>
        port.Length is > 0 and <= 5
        && port.All(char.IsAsciiDigit)
        && int.Parse(port, NumberStyles.None, CultureInfo.InvariantCulture) <= 65535;

    /// <summary>
    /// Refuses a request that arrived on a non-loopback address or from another machine. Connections without an IP
    /// address (the in-process test server) have no network to come from.
    /// </summary>
    private static async Task RefuseNonLoopback(HttpContext context, RequestDelegate next)
    {
        var connection = context.Connection;
        if ((connection.LocalIpAddress is { } local && !IsLoopback(local)) || (connection.RemoteIpAddress is { } remote && !IsLoopback(remote)))
        {
            ApiLog.DevelopmentModeRefusedRequest(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevelopmentModeGuard)));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers.Connection = "close";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Development mode answers on loopback only",
                    Detail = "This ReplyCoach instance runs without sign-in and only answers requests from the machine it runs on.",
                },
            });
            return;
        }

        await next(context);
    }

    /// <summary>
    /// The real guarantee: once the server has started, every address it is listening on must be loopback; one
    /// that is not stops the server there and then, the host with it, and the start fails.
    /// </summary>
    internal sealed class BoundAddressCheck(
        IServer server, IHostApplicationLifetime lifetime, IOptions<ServiceOptions> options, ILogger<BoundAddressCheck> logger)
        : IHostedLifecycleService
    {
        public async Task StartedAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.DevelopmentMode)
            {
                return;
            }

            // The in-process test server has no addresses; Kestrel lists every address it bound.
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var offending = addresses.Where(a => !IsLoopback(a)).ToList();
            if (offending.Count == 0)
            {
                return;
            }

            var listed = string.Join(", ", offending);
            ApiLog.DevelopmentModeBoundNonLoopback(logger, listed);
            await server.StopAsync(CancellationToken.None);
            lifetime.StopApplication();
            throw new InvalidOperationException(Refusal($"the server bound {listed}") + " The server has been stopped.");
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
