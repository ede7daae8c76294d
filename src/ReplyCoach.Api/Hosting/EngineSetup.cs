using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Api.Features.SendCheck;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.CoolingOff;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;

namespace ReplyCoach.Api.Hosting;

/// <summary>The engine: one analyser for the whole process (it is stateless and thread-safe), and the coaching layer.</summary>
internal static class EngineSetup
{
    public const string ModelPathKey = "ReplyCoach:ModelPath";

    public static WebApplicationBuilder AddReplyCoachEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisOptions>()
            .BindConfiguration("ReplyCoach:" + AnalysisOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
        {
            var modelPath = services.GetRequiredService<IConfiguration>()[ModelPathKey];
            IToneModel? model;
            if (string.IsNullOrWhiteSpace(modelPath))
            {
                model = ToneModelLoader.LoadBuiltIn();
            }
            else if (!File.Exists(modelPath))
            {
                throw new InvalidOperationException($"{ModelPathKey} names '{modelPath}', which does not exist.");
            }
            else
            {
                model = ToneModelLoader.Load(modelPath);
            }

            return new DraftAnalyzer(new DraftNormalizer(), new ToneDetector(), model, services.GetRequiredService<IOptions<AnalysisOptions>>().Value);
        });
        builder.Services.AddOptions<CoachingOptions>()
            .BindConfiguration("ReplyCoach:" + CoachingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<CoolingOffOptions>()
            .BindConfiguration("ReplyCoach:" + CoolingOffOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new CoolingOffPolicy(
            services.GetRequiredService<IOptions<CoolingOffOptions>>().Value, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddReplyCoachLanguageModel();
        builder.Services.AddSingleton(services => new DraftCoach(
            services.GetRequiredService<DraftAnalyzer>(),
            services.GetRequiredService<IOptions<CoachingOptions>>().Value,
            languageModel: LanguageModelSetup.CreateRewriter(services),
            coolingOff: services.GetRequiredService<CoolingOffPolicy>(),
            timeProvider: services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IDraftCoach, CoachingAdapter>();
        builder.Services.AddSingleton<DraftLanes>();
        builder.Services.AddSingleton<DraftCost>();
        builder.Services.AddSingleton<DraftEngine>();
        builder.Services.AddSingleton<SendCheckService>();

        builder.Services.AddHostedService<EngineWarmUp>();
        builder.Services.AddHealthChecks()
            .AddCheck<EngineHealthCheck>("engine", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Runs the engine once at start-up, in the background, so the first on-send check of the day is not the one
    /// that pays for loading the model and compiling the code paths (and runs out of its budget).
    /// </summary>
    private sealed class EngineWarmUp(DraftEngine engine, ILogger<DraftEngine> logger) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
        {
            try
            {
                var draft = "<p>Hi Mark,</p><p>You are lying about the calls; order 48213 was delivered on 14 February.</p><p>Sam</p>";
                var (assessment, _) = engine.Evaluate(draft, DraftFormat.Html, null, stoppingToken);
                if (assessment is { Status: DraftStatus.Ok } && assessment.Level != RiskLevel.Ok)
                {
                    engine.Coach.Coach(assessment, null, LanguageModelRewordings.None, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A broken engine shows in /health/ready and fails open in send-check; the warm-up must not stop the host.
                ApiLog.WarmUpFailed(logger, e.GetType().Name);
            }
        }, stoppingToken);
    }

    /// <summary>Ready when the engine is built and scores a sentence.</summary>
    private sealed class EngineHealthCheck(DraftEngine engine) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var assessment = engine.Analyzer.Analyze("Thank you for your patience, the replacement ships today.", DraftFormat.Text);
            return Task.FromResult(assessment.Status == DraftStatus.Ok
                ? HealthCheckResult.Healthy(engine.Analyzer.HasModel ? "engine with model" : "engine without model")
                : HealthCheckResult.Unhealthy("the engine could not read a plain English sentence"));
        }
    }
}
