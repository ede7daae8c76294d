using System.Net;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Api.Hosting;

/// <summary>
/// Development mode lets anyone in without a token, so it must never be reachable from another machine: the
/// service refuses to start when any configured address is not loopback, and says loudly that it is open.
/// </summary>
internal static class DevelopmentModeGuard
{
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
            throw new InvalidOperationException(
                "ReplyCoach:Service:DevelopmentMode=true accepts requests without sign-in, so it only listens on loopback " +
                $"(localhost, 127.0.0.1, [::1]); refusing to start with {string.Join(", ", offending)}. " +
                "Use --urls http://localhost:5080, or configure ReplyCoach:Auth and turn development mode off.");
        }

        ApiLog.DevelopmentModeWarning(app.Logger);
        return app;
    }

    /// <summary>Every configured listening address that is not loopback.</summary>
    public static IEnumerable<string> NonLoopbackAddresses(IConfiguration configuration)
    {
        foreach (var key in new[] { "urls", "ASPNETCORE_URLS" })
        {
            foreach (var url in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!IsLoopback(url))
                {
                    yield return url;
                }
            }
        }

        // HTTP_PORTS / HTTPS_PORTS bind every interface.
        foreach (var key in new[] { "http_ports", "https_ports", "HTTP_PORTS", "HTTPS_PORTS" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
            {
                yield return $"{key}={configuration[key]} (all interfaces)";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            if (url is not null && !IsLoopback(url))
            {
                yield return url;
            }
        }
    }

    public static bool IsLoopback(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd >= 0 ? url[(schemeEnd + 3)..] : url;
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            host = close > 0 ? authority[1..close] : authority;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
