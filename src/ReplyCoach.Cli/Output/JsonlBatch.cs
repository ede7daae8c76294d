using System.Buffers;
using System.Text.Json;

namespace ReplyCoach.Cli.Output;

/// <summary>One input line of a JSON Lines batch: <c>{"id": ..., "text": "...", "incoming": "..."?}</c>.</summary>
/// <param name="Id">The id as given (any JSON value), echoed back unchanged.</param>
/// <param name="Text">The draft: plain text or HTML.</param>
/// <param name="Incoming">The customer's message being answered, when given.</param>
internal sealed record JsonlRequest(JsonElement? Id, string Text, string? Incoming);

/// <summary>
/// Streams a JSON Lines batch: reads a block of lines, handles them on every core, writes the answers in input
/// order, and goes on. Memory stays constant however long the input is. A bad line yields an error object for that
/// line and the batch goes on.
/// </summary>
internal static class JsonlBatch
{
    private const int BlockSize = 512;

    /// <summary>Runs the batch; returns the number of lines handled.</summary>
    /// <param name="input">The JSON Lines input.</param>
    /// <param name="output">Where the answers go, one JSON object per line.</param>
    /// <param name="handle">Writes the answer object for one valid request.</param>
    /// <param name="cancellationToken">Stops between blocks.</param>
    public static async Task<long> RunAsync(
        TextReader input,
        Stream output,
        Action<JsonlRequest, Utf8JsonWriter> handle,
        CancellationToken cancellationToken)
    {
        var lines = new string?[BlockSize];
        var buffers = new ArrayBufferWriter<byte>[BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            buffers[i] = new ArrayBufferWriter<byte>(4096);
        }

        long lineNumber = 0;
        long handled = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        while (true)
        {
            var count = 0;
            while (count < BlockSize && await input.ReadLineAsync(cancellationToken) is { } line)
            {
                lines[count++] = line;
            }

            if (count == 0)
            {
                break;
            }

            var firstLine = lineNumber + 1;
            Parallel.For(0, count, parallel, i =>
            {
                var buffer = buffers[i];
                buffer.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
                HandleLine(lines[i]!, firstLine + i, buffer, writer, handle);
            });

            for (var i = 0; i < count; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }

                await output.WriteAsync(buffers[i].WrittenMemory, cancellationToken);
                output.WriteByte((byte)'\n');
                handled++;
                lines[i] = null;
            }

            await output.FlushAsync(cancellationToken);
            lineNumber += count;
        }

        return handled;
    }

    private static void HandleLine(string line, long lineNumber, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, Action<JsonlRequest, Utf8JsonWriter> handle)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        JsonElement? id = null;
        JsonlRequest request;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                AssessmentJson.WriteErrorLine(writer, null, $"line {lineNumber} is not a JSON object.");
                return;
            }

            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.Clone();
            }

            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                AssessmentJson.WriteErrorLine(writer, id, $"line {lineNumber} has no \"text\" string.");
                return;
            }

            string? incoming = null;
            if (root.TryGetProperty("incoming", out var incomingElement))
            {
                if (incomingElement.ValueKind == JsonValueKind.String)
                {
                    incoming = incomingElement.GetString();
                }
                else if (incomingElement.ValueKind != JsonValueKind.Null)
                {
                    AssessmentJson.WriteErrorLine(writer, id, $"line {lineNumber} has an \"incoming\" that is not a string.");
                    return;
                }
            }

            request = new JsonlRequest(id, text.GetString()!, incoming);
        }
        catch (JsonException e)
        {
            AssessmentJson.WriteErrorLine(writer, id, $"line {lineNumber} is not valid JSON ({FirstSentence(e.Message)})");
            return;
        }

        try
        {
            handle(request, writer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The exception message may quote the draft, so only its type is reported.
            writer.Reset();
            buffer.ResetWrittenCount();
            AssessmentJson.WriteErrorLine(writer, id, $"line {lineNumber} could not be processed ({e.GetType().Name}).");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message.TrimEnd('.')) + ".";
    }
}
