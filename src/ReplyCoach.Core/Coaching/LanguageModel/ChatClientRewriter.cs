using System.Text;
using Microsoft.Extensions.AI;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Core.Coaching.LanguageModel;

/// <summary>Rewords a sentence with any <see cref="IChatClient"/> (Azure OpenAI, a local Ollama, ...).</summary>
public sealed class ChatClientRewriter : ISentenceRewriter
{
    /// <summary>The instructions given to the model.</summary>
    public const string Instructions =
        "You reword one sentence of a customer-support reply so that it is calm, polite and respectful, and says the same thing. " +
        "Keep every number, amount, date, time, order or ticket id, URL, e-mail address and name exactly as written. " +
        "If the sentence refuses or says no, the new sentence must still refuse. Do not add promises, apologies or facts. " +
        "Answer with the reworded sentence only: no quotes, no explanation.";

    private readonly IChatClient _client;
    private readonly ChatOptions? _chatOptions;

    /// <summary>Creates the rewriter.</summary>
    /// <param name="client">The chat client.</param>
    /// <param name="modelId">The model to ask for, or null for the client's default.</param>
    public ChatClientRewriter(IChatClient client, string? modelId = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _chatOptions = new ChatOptions { ModelId = modelId, Temperature = 0.2f, MaxOutputTokens = 200 };
    }

    /// <inheritdoc />
    public async Task<string?> RewriteAsync(SentenceRewriteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = new StringBuilder("Sentence: ").AppendLine(request.Sentence);
        foreach (var flag in request.Flagged)
        {
            prompt.Append("Flagged: \"").Append(flag.Text).Append("\" (").Append(ToneCategories.Name(flag.Category)).Append(": ").Append(flag.Reason).AppendLine(")");
        }

        ChatMessage[] messages = [new(ChatRole.System, Instructions), new(ChatRole.User, prompt.ToString())];
        var response = await _client.GetResponseAsync(messages, _chatOptions, cancellationToken).ConfigureAwait(false);
        return Clean(response.Text);
    }

    /// <summary>Takes the sentence out of a model's answer (first non-empty line, without quotes or a label).</summary>
    public static string? Clean(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        var line = answer.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        foreach (var label in new[] { "Reworded sentence:", "Rewritten sentence:", "Sentence:", "Rewrite:" })
        {
            if (line.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                line = line[label.Length..].Trim();
            }
        }

        if (line.Length >= 2 && line[0] is '"' or '“' && line[^1] is '"' or '”')
        {
            line = line[1..^1].Trim();
        }

        return line.Length == 0 ? null : line;
    }
}
