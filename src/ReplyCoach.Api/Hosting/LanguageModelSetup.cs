using Microsoft.Extensions.Options;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.LanguageModel;

namespace ReplyCoach.Api.Hosting;

/// <summary>
/// The optional language-model rewriter, configured under <c>ReplyCoach:Coaching:LanguageModel</c> (the keys the
/// command line reads) and off by default. Only the endpoints whose callers can wait ask it (assess and rewrite,
/// bounded by its timeout); the on-send check and the start-up warm-up never do.
/// </summary>
internal static partial class LanguageModelSetup
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client that talks to the endpoint.</summary>
    public const string HttpClientName = "ReplyCoach.LanguageModel";

    public static IServiceCollection AddReplyCoachLanguageModel(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, static (services, http) =>
        {
            // The coach's own deadline (LanguageModel:Timeout) cancels the call and falls back; this only ends a call
            // that somehow outlives it.
            http.Timeout = services.GetRequiredService<IOptions<CoachingOptions>>().Value.LanguageModel.Timeout + TimeSpan.FromSeconds(5);
        });
        return services;
    }

    /// <summary>The rewriter for the coach, or null when the language model is not enabled.</summary>
    public static ISentenceRewriter? CreateRewriter(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CoachingOptions>>().Value.LanguageModel;
        if (!options.Enabled)
        {
            return null;
        }

        // Where and which model, never the key.
        ApiLog.LanguageModelEnabled(services.GetRequiredService<ILogger<HttpLanguageModelRewriter>>(),
            options.Endpoint!.GetLeftPart(UriPartial.Path), options.Model ?? string.Empty, options.Timeout.TotalSeconds);
        return new HttpLanguageModelRewriter(services.GetRequiredService<IHttpClientFactory>(), options);
    }

    /// <summary>
    /// Asks the endpoint through a fresh client from <see cref="IHttpClientFactory"/> on every call, so that the
    /// factory can rotate its handlers (DNS changes) under the process-wide coach.
    /// </summary>
    internal sealed class HttpLanguageModelRewriter(IHttpClientFactory factory, LanguageModelOptions options) : ISentenceRewriter
    {
        public async Task<string?> RewriteAsync(SentenceRewriteRequest request, CancellationToken cancellationToken)
        {
            using var chat = new OpenAiCompatibleChatClient(factory.CreateClient(HttpClientName), options);
            return await new ChatClientRewriter(chat, options.Model).RewriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
