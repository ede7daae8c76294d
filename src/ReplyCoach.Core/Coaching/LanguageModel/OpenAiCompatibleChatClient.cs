using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ReplyCoach.Core.Coaching.LanguageModel;

/// <summary>
/// A minimal <see cref="IChatClient"/> for OpenAI-compatible chat-completions endpoints (Azure OpenAI, Ollama's
/// <c>/v1/chat/completions</c>, vLLM, ...): one POST per request, no tools, no streaming on the wire.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly HttpClient _http;
    private readonly LanguageModelOptions _options;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client to send with (its lifetime is the caller's).</param>
    /// <param name="options">Endpoint, model and key.</param>
    public OpenAiCompatibleChatClient(HttpClient http, LanguageModelOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Endpoint is null)
        {
            throw new ArgumentException("The language model needs an endpoint.", nameof(options));
        }
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("model", options?.ModelId ?? _options.Model);
            if (options?.Temperature is { } temperature)
            {
                writer.WriteNumber("temperature", temperature);
            }

            if (options?.MaxOutputTokens is { } max)
            {
                writer.WriteNumber("max_tokens", max);
            }

            writer.WriteBoolean("stream", false);
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteString("content", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
        {
            Content = new ByteArrayContent(body.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            if (_options.ApiKeyHeader.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(_options.ApiKeyHeader, _options.ApiKey);
            }
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
            && choices[0].TryGetProperty("message", out var answer) && answer.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? content.GetString() ?? string.Empty
                : throw new InvalidOperationException("The language model's answer has no choices[0].message.content.");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, response.Text);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
        // The HttpClient belongs to the caller.
    }

    internal static string Describe(LanguageModelOptions options) =>
        new StringBuilder(options.Endpoint?.GetLeftPart(UriPartial.Path) ?? "?").Append(" (").Append(options.Model).Append(')').ToString();
}
