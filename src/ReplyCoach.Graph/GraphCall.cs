using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using ReplyCoach.Graph.Resilience;

namespace ReplyCoach.Graph;

/// <summary>
/// Runs one Graph operation and turns every way it can fail into a <see cref="GraphResult{T}"/>: no exception
/// (and no AggregateException) reaches the caller, except cancellation the caller asked for.
/// </summary>
internal static class GraphCall
{
    public static async Task<GraphResult<T>> RunAsync<T>(string operation, ILogger logger, TimeProvider time, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return GraphResult.Ok(await call(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var failure = Classify(e, time.GetUtcNow());
            GraphLog.CallFailed(logger, operation, failure.Status, e.GetType().Name, failure.Detail ?? "");
            return GraphResult<T>.From(failure);
        }
    }

    internal static GraphResult Classify(Exception exception, DateTimeOffset now)
    {
        switch (exception)
        {
            case ApiException api when api.ResponseStatusCode > 0:
                var status = api.ResponseStatusCode;
                var retryAfter = RetryAfterHeader.Read(api.ResponseHeaders, now);
                var code = (api as ODataError)?.Error?.Code;
                var described = code is null ? $"Graph answered {status}" : $"Graph answered {status} ({code})";
                return status switch
                {
                    400 or 422 => GraphResult.Failure(GraphStatus.Invalid, described + ".", null),
                    401 => GraphResult.Failure(GraphStatus.Unauthorized, described + ": the token was refused.", null),
                    403 => GraphResult.Failure(GraphStatus.Forbidden, described + ": ReplyCoach lacks a permission for this mailbox.", null),
                    404 => GraphResult.Failure(GraphStatus.NotFound, described + ": no such item, or not visible to ReplyCoach.", null),
                    409 or 412 => GraphResult.Failure(GraphStatus.Conflict, described + ".", null),
                    429 => GraphResult.Failure(GraphStatus.Throttled, described + ": throttled.", retryAfter),
                    408 or 504 => GraphResult.Failure(GraphStatus.Timeout, described + ": timed out.", retryAfter),
                    >= 500 => GraphResult.Failure(GraphStatus.Unavailable, described + ".", retryAfter),
                    _ => GraphResult.Failure(GraphStatus.Invalid, described + ".", null),
                };
            case IsolatedCircuitException:
                return GraphResult.Failure(GraphStatus.Unavailable, "Graph calls are switched off (isolated circuit).");
            case BrokenCircuitException broken:
                return GraphResult.Failure(GraphStatus.Unavailable, "Graph keeps failing for this mailbox; its circuit breaker is open.", broken.RetryAfter);
            case TimeoutRejectedException:
                return GraphResult.Failure(GraphStatus.Timeout, "Graph did not answer in time.");
            case RateLimiterRejectedException rejected:
                return GraphResult.Failure(GraphStatus.Throttled, "Too many requests are waiting for this mailbox.", rejected.RetryAfter);
            case AuthenticationFailedException or CredentialUnavailableException:
                // Azure.Identity's message names the AADSTS error, never the secret.
                return GraphResult.Failure(GraphStatus.Unauthorized, "Signing in to Microsoft Entra ID failed: " + EntraError(exception));
            case JsonException:
                return GraphResult.Failure(GraphStatus.Malformed, "Graph answered with JSON that could not be read.");
            case HttpRequestException or IOException:
                return GraphResult.Failure(GraphStatus.Unavailable, "The connection to Graph failed.");
            case OperationCanceledException:
                return GraphResult.Failure(GraphStatus.Timeout, "The Graph request was cancelled before it finished.");
            case ApiException:
                return GraphResult.Failure(GraphStatus.Malformed, "Graph answered with something the SDK could not read.");
            case InvalidOperationException when exception.InnerException is JsonException:
                return GraphResult.Failure(GraphStatus.Malformed, "Graph answered with JSON that could not be read.");
            case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                return Classify(aggregate.InnerExceptions[0], now);
            default:
                return GraphResult.Failure(GraphStatus.Unavailable, $"The Graph call failed ({exception.GetType().Name}).");
        }
    }

    // The line that names the Entra error (AADSTS...) anywhere in the chain, else the first line; never the request.
    private static string EntraError(Exception exception)
    {
        var lines = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            lines.AddRange(e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        var line = lines.FirstOrDefault(l => l.Contains("AADSTS", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "";
        return line.Length <= 300 ? line : line[..300];
    }

    /// <summary>A Retry-After value as a header would carry it (for tests and the API).</summary>
    public static RetryConditionHeaderValue? ToHeader(TimeSpan? retryAfter) =>
        retryAfter is { } value ? new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(value.TotalSeconds))) : null;
}
