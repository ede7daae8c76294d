using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;

namespace ReplyCoach.Cli;

/// <summary>
/// Builds the engine the commands share: the normaliser, the detectors and the built-in model (or a model file),
/// with thresholds from configuration (environment variables such as <c>ReplyCoach__Analysis__HoldThreshold</c>,
/// or <c>appsettings.json</c> in the working folder).
/// </summary>
internal static class EngineFactory
{
    private static readonly Lazy<IConfiguration> Configuration = new(() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build());

    /// <summary>The configuration the commands read (section "ReplyCoach").</summary>
    public static IConfiguration Config => Configuration.Value.GetSection("ReplyCoach");

    /// <summary>Creates the analyser.</summary>
    /// <param name="modelPath">A model file from <c>replycoach train</c>; null for the built-in model.</param>
    public static DraftAnalyzer CreateAnalyzer(string? modelPath = null)
    {
        var options = new AnalysisOptions();
        Config.GetSection(AnalysisOptions.Section).Bind(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new CliException("The analysis settings are invalid: " + string.Join(" ", results.Select(r => r.ErrorMessage)));
        }

        modelPath ??= Config["ModelPath"];
        IToneModel? model;
        if (string.IsNullOrWhiteSpace(modelPath))
        {
            model = ToneModelLoader.LoadBuiltIn();
        }
        else if (!File.Exists(modelPath))
        {
            throw new CliException($"The model file '{modelPath}' does not exist.");
        }
        else
        {
            model = ToneModelLoader.Load(modelPath);
        }

        return new DraftAnalyzer(new DraftNormalizer(), new ToneDetector(), model, options);
    }
}
