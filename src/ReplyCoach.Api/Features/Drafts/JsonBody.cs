using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// Reads a JSON request body with explicit answers for each way it can be wrong: not JSON (415), too large
/// (413), empty, not UTF-8, malformed or too deep (400). Reading it here rather than through parameter binding
/// gives the same clear ProblemDetails under Kestrel and the test server, and never a 500.
/// </summary>
internal static class JsonBody
{
    /// <summary>
    /// Declares what an endpoint reading a <see cref="DraftRequest"/> body with <see cref="ReadAsync{T}"/> answers with:
    /// the JSON body, and the problems of a bad, too large or wrongly typed body and of the rate limit.
    /// </summary>
    public static RouteHandlerBuilder AcceptsDraftBody(this RouteHandlerBuilder endpoint) => endpoint
        .Accepts<DraftRequest>("application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> type, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "Send the draft as JSON with Content-Type: application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(request.Body, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge(maxBytes));
        }

        if (bytes.Length == 0)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Empty request body", "The request body is empty; send a JSON object with a \"draft\"."));
        }

        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid UTF-8", "The request body is not valid UTF-8 text."));
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, type);
            return value is null
                ? (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            // The message names the line and position, never the content.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The request body is not the JSON this endpoint expects{where}."));
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException("The request body is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var charset = media.Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false);
    }

    public static ProblemHttpResult TooLarge(int maxBytes) => Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
        $"The request body is larger than the {maxBytes / 1024} KB this service accepts.");

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
