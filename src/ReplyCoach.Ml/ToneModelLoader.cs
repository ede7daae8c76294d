using Microsoft.ML;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Ml;

/// <summary>Loads the trained tone model: the one built into this assembly, or a file written by <c>replycoach train</c>.</summary>
public static class ToneModelLoader
{
    /// <summary>Resource name of the built-in model (see ReplyCoach.Ml.csproj).</summary>
    internal const string ModelResource = "ReplyCoach.Ml.Model.replycoach-tone.zip";

    /// <summary>Resource name of the built-in model's training report.</summary>
    internal const string MetricsResource = "ReplyCoach.Ml.Model.metrics.json";

    private static readonly Lazy<IToneModel?> BuiltIn = new(() => LoadBuiltInUncached(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The model shipped inside this assembly, or null when none is embedded. Loaded once and shared: the model is
    /// immutable and safe to call from several threads.
    /// </summary>
    public static IToneModel? LoadBuiltIn() => BuiltIn.Value;

    /// <summary>Loads a model file written by <c>replycoach train</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a ReplyCoach tone model.</exception>
    public static IToneModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Reads the built-in model afresh (for measuring load time; callers normally use <see cref="LoadBuiltIn"/>).</summary>
    /// <param name="compile">False to score on ML.NET's engines instead of the compiled scorer (for comparisons).</param>
    internal static IToneModel? LoadBuiltInUncached(bool compile = true)
    {
        using var stream = typeof(ToneModelLoader).Assembly.GetManifestResourceStream(ModelResource);
        return stream is null ? null : Load(stream, "built-in model", compile);
    }

    /// <summary>The training report of the built-in model (metrics.json), or null when none is embedded.</summary>
    public static string? ReadBuiltInMetrics()
    {
        using var stream = typeof(ToneModelLoader).Assembly.GetManifestResourceStream(MetricsResource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads a model from a stream holding the zip written by training.</summary>
    internal static ToneModel Load(Stream stream, string name, bool compile = true)
    {
        var ml = new MLContext(seed: 0);
        ITransformer transformer;
        try
        {
            transformer = ml.Model.Load(stream, out _);
            return new ToneModel(ml, transformer, compile: compile);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            throw new InvalidDataException($"'{name}' is not a ReplyCoach tone model: {e.Message}", e);
        }
    }
}
