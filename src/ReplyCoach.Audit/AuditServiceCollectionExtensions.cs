using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Audit;

/// <summary>Registers the audit store and its retention service.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IAuditStore"/> (a singleton built from <c>ReplyCoach:Audit</c>, options validated at start-up)
    /// and, when <paramref name="retention"/> is true, the hosted service that enforces the retention periods.
    /// </summary>
    public static IServiceCollection AddReplyCoachAudit(this IServiceCollection services, bool retention = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditStore>(sp => AuditStoreFactory.Create(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<IConfiguration>()[AuditOptions.DataFolderKey],
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        if (retention)
        {
            services.AddHostedService<AuditRetentionService>();
        }

        return services;
    }
}

/// <summary>The options' own checks (<see cref="AuditOptions.Problems"/>), run at start-up.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
