using System.Text.Json;

namespace ReplyCoach.TestKit.FakeChatModel;

/// <summary>One chat-completions request as a fake model server saw it.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Model">The <c>model</c> field.</param>
/// <param name="Authorization">The Authorization header, if any.</param>
/// <param name="ApiKey">The <c>api-key</c> header (Azure OpenAI), if any.</param>
/// <param name="System">The system message.</param>
/// <param name="User">The user message.</param>
/// <param name="Sentence">The sentence to reword (the user message's <c>Sentence:</c> line).</param>
public sealed record FakeChatRequest(string Path, string? Model, string? Authorization, string? ApiKey, string System, string User, string Sentence);

/// <summary>How a fake model answers.</summary>
public sealed record FakeChatAnswer
{
    private FakeChatAnswer(string? text, int status, bool hang)
    {
        Text = text;
        Status = status;
        Hangs = hang;
    }

    /// <summary>Never answers (until the caller gives up or the server stops).</summary>
    public static FakeChatAnswer Hang { get; } = new(null, 0, true);

    /// <summary>The assistant's text, for a 200 answer.</summary>
    public string? Text { get; }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>Whether the server hangs.</summary>
    public bool Hangs { get; }

    /// <summary>A 200 answer with <paramref name="text"/> as <c>choices[0].message.content</c>.</summary>
    public static FakeChatAnswer Reply(string text) => new(text, 200, false);

    /// <summary>An error status with a small JSON error body.</summary>
    public static FakeChatAnswer Fail(int status) => new(null, status, false);
}

/// <summary>
/// The OpenAI chat-completions wire format as the fake model servers speak it, with no web framework, so that a
/// test project without ASP.NET Core (the command-line tests, which run <c>replycoach</c> from their own output
/// folder) can link this file too.
/// </summary>
public static class FakeChatProtocol
{
    /// <summary>The path served.</summary>
    public const string CompletionsPath = "/v1/chat/completions";

    /// <summary>The answer given when a test sets none: the sentence comes back unchanged.</summary>
    public static Func<FakeChatRequest, FakeChatAnswer> Echo { get; } = static r => FakeChatAnswer.Reply(r.Sentence);

    /// <summary>Reads a request body.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static FakeChatRequest Read(string path, string? authorization, string? apiKey, ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        string? system = null, user = null;
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                var content = message.TryGetProperty("content", out var c) ? c.GetString() : null;
                switch (message.TryGetProperty("role", out var role) ? role.GetString() : null)
                {
                    case "system":
                        system = content;
                        break;
                    case "user":
                        user = content;
                        break;
                }
            }
        }

        user ??= string.Empty;
        var line = user.Split('\n')[0].TrimEnd('\r');
        var sentence = line.StartsWith("Sentence: ", StringComparison.Ordinal) ? line["Sentence: ".Length..] : line;
        var model = root.TryGetProperty("model", out var m) ? m.GetString() : null;
        return new FakeChatRequest(path, model, authorization, apiKey, system ?? string.Empty, user, sentence);
    }

    /// <summary>The body of an answer that does not hang: a chat completion, or an error object.</summary>
    public static byte[] Body(FakeChatAnswer answer, FakeChatRequest request, int id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (answer.Text is { } text)
            {
                writer.WriteString("id", "chatcmpl-" + id);
                writer.WriteString("object", "chat.completion");
                writer.WriteString("model", request.Model);
                writer.WriteStartArray("choices");
                writer.WriteStartObject();
                writer.WriteNumber("index", 0);
                writer.WriteStartObject("message");
                writer.WriteString("role", "assistant");
                writer.WriteString("content", text);
                writer.WriteEndObject();
                writer.WriteString("finish_reason", "stop");
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteStartObject("error");
                writer.WriteString("message", "the fake model failed on purpose");
                writer.WriteString("type", "server_error");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

/// <summary>A draft the real engine flags, and model answers that pass or fail its verification.</summary>
public static class FakeChatSamples
{
    /// <summary>A polite opener and one flagged sentence with an order number.</summary>
    public const string Draft = "Thanks for waiting. " + Flagged;

    /// <summary>The flagged sentence of <see cref="Draft"/>, the one sent to the model.</summary>
    public const string Flagged = "You must have dropped the phone, order 48213 is out of warranty.";

    /// <summary>A rewording that keeps the number and lowers the risk: it passes verification.</summary>
    public const string GoodWording = "Our records suggest the phone may have been damaged; order 48213 is out of warranty.";

    /// <summary>A rewording that loses the order number: it fails verification.</summary>
    public const string DropsTheNumber = "The phone may have been damaged, so the order is out of warranty.";
}
