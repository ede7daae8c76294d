using System.Net.Http.Headers;

namespace ReplyCoach.Graph.Resilience;

/// <summary>
/// Reads the whole response body inside the resilience pipeline, so that a mailbox's concurrency slot and the
/// per-attempt timeout cover the download too, and a connection dropped mid-body is a retryable failure of the attempt.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}

/// <summary>
/// Asks Graph for immutable ids (<c>Prefer: IdType="ImmutableId"</c>), so a message keeps its id when Exchange
/// moves it (Drafts → Outbox → Sent Items): a scheduled send can be found again to cancel it.
/// </summary>
internal sealed class ImmutableIdHandler : DelegatingHandler
{
    public const string Preference = "IdType=\"ImmutableId\"";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValues("Prefer", out var values) || !values.Any(v => v.Contains("IdType", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("Prefer", Preference);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Small helpers for reading Graph's answers.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The delay a Retry-After header asks for, if any (seconds, or an HTTP date relative to now).</summary>
    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads Retry-After from a header dictionary as Kiota exposes it.</summary>
    public static TimeSpan? Read(IDictionary<string, IEnumerable<string>>? headers, DateTimeOffset now)
    {
        if (headers is null || !headers.TryGetValue("Retry-After", out var values))
        {
            return null;
        }

        var value = values.FirstOrDefault();
        return value is not null && RetryConditionHeaderValue.TryParse(value, out var parsed) ? Read(parsed, now) : null;
    }
}
