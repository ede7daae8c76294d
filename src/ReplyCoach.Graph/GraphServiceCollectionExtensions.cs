using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Graph.Context;
using ReplyCoach.Graph.Decisions;
using ReplyCoach.Graph.Hosting;
using ReplyCoach.Graph.Resilience;
using ReplyCoach.Graph.Sweep;

namespace ReplyCoach.Graph;

/// <summary>Registers the Microsoft Graph integration.</summary>
public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Graph services: <see cref="GraphFeature"/>, <see cref="IThreadContextService"/>,
    /// <see cref="IDraftActions"/>, <see cref="ISentItemsSweeper"/> and, with <paramref name="scheduledSweep"/>, the
    /// hosted service that sweeps the configured mailboxes. Options (<c>ReplyCoach:Graph</c>) are validated at
    /// start-up. Without a tenant the services exist but answer <see cref="GraphStatus.NotConfigured"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (for whether a tenant is set and for the data folder).</param>
    /// <param name="scheduledSweep">Whether to run the scheduled sweep (the web service does; the command line does not).</param>
    public static IServiceCollection AddReplyCoachGraph(this IServiceCollection services, IConfiguration configuration, bool scheduledSweep = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GraphOptions>()
            .BindConfiguration(GraphOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        var enabled = !string.IsNullOrWhiteSpace(configuration[GraphOptions.Section + ":TenantId"]);
        services.TryAddSingleton(new GraphFeature(enabled));
        if (!enabled)
        {
            services.TryAddSingleton<IThreadContextService, DisabledGraph>();
            services.TryAddSingleton<IDraftActions, DisabledGraph>();
            services.TryAddSingleton<ISentItemsSweeper, DisabledGraph>();
            return services;
        }

        services.TryAddSingleton<GraphTraffic>();
        services.TryAddSingleton(sp => new GraphCredentialFactory(
            sp.GetRequiredService<IOptions<GraphOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<GraphIdentityTransport>()));
        services.TryAddSingleton<GraphClientProvider>();
        services.TryAddSingleton<IThreadContextService, ThreadContextService>();
        services.TryAddSingleton<IDraftActions, DraftActions>();
        services.TryAddSingleton<ISweepStateStore>(sp =>
        {
            var sweep = sp.GetRequiredService<IOptions<GraphOptions>>().Value.Sweep;
            var folder = !string.IsNullOrWhiteSpace(sweep.StateFolder)
                ? sweep.StateFolder
                : Path.Combine(AuditOptions.ResolveDataFolder(configuration[AuditOptions.DataFolderKey]), "graph-sweep");
            return new JsonFileSweepStateStore(folder);
        });
        services.TryAddSingleton<ISentItemScorer>(sp => new DraftAnalyzerScorer(sp.GetRequiredService<DraftAnalyzer>()));
        services.TryAddSingleton<ISentItemAuditSink>(sp => sp.GetService<IAuditStore>() is { } store
            ? new AuditTrailSink(store)
            : ActivatorUtilities.CreateInstance<LoggingOnlySink>(sp));
        services.TryAddSingleton<ISentItemsSweeper, SentItemsSweeper>();

        if (scheduledSweep)
        {
            services.AddHostedService<SweepHostedService>();
        }

        return services;
    }

    /// <summary>Adds the Graph integration to a host, with the scheduled sweep.</summary>
    public static TBuilder AddReplyCoachGraph<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddReplyCoachGraph(builder.Configuration, scheduledSweep: true);
        return builder;
    }
}

/// <summary>Graph is off: every operation answers "not configured" at once.</summary>
internal sealed class DisabledGraph : IThreadContextService, IDraftActions, ISentItemsSweeper
{
    public Task<GraphResult<ThreadContext>> GetAsync(GraphAccess access, string draftId, CancellationToken cancellationToken = default) =>
        Task.FromResult(GraphResult<ThreadContext>.From(GraphResult.NotConfigured));

    public Task<ThreadContext> GetForSendAsync(GraphAccess access, SendContextRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ThreadContext.None(ThreadContextStatus.Unavailable, GraphResult.NotConfigured));

    public Task<GraphResult<TagResult>> TagAsync(GraphAccess access, string messageId, string? category = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(GraphResult<TagResult>.From(GraphResult.NotConfigured));

    public Task<GraphResult<DeferredSend>> DeferSendAsync(GraphAccess access, string messageId, DateTimeOffset sendAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(GraphResult<DeferredSend>.From(GraphResult.NotConfigured));

    public Task<GraphResult<CancelledSend>> CancelDeferredSendAsync(GraphAccess access, string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(GraphResult<CancelledSend>.From(GraphResult.NotConfigured));

    public Task<SweepReport> SweepAsync(SweepRequest request, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new SweepReport(request?.Mailbox.Address ?? "", GraphStatus.NotConfigured, GraphFeature.NotConfiguredDetail, 0, 0, 0, 0, 0, false, false, TimeSpan.Zero, 0));
}
