using System.Text;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Cli;

/// <summary>Reads a draft named on the command line (a file or "-" for standard input) and normalises it.</summary>
internal static class InputReader
{
    /// <summary>The largest draft the command line reads (the normaliser copes with more, but a person never writes it).</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>Parses a --format value.</summary>
    public static DraftFormat ParseFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "auto" => DraftFormat.Auto,
        "text" or "txt" => DraftFormat.Text,
        "html" or "htm" => DraftFormat.Html,
        "eml" => DraftFormat.Eml,
        _ => throw new CliException($"Unknown format '{value}': use auto, text, html or eml."),
    };

    /// <summary>Reads and normalises the draft at <paramref name="path"/>.</summary>
    public static async Task<NormalizedDraft> ReadDraftAsync(IDraftNormalizer normalizer, string path, DraftFormat format, CancellationToken cancellationToken)
    {
        if (format == DraftFormat.Auto && path != "-")
        {
            format = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".eml" => DraftFormat.Eml,
                ".html" or ".htm" => DraftFormat.Html,
                ".txt" => DraftFormat.Text,
                _ => DraftFormat.Auto,
            };
        }

        var bytes = await ReadBytesAsync(path, cancellationToken);
        if (format == DraftFormat.Eml)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return normalizer.NormalizeEml(stream, cancellationToken);
        }

        return normalizer.Normalize(Decode(bytes), format);
    }

    /// <summary>Reads a whole small text file, or standard input for "-".</summary>
    public static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken) =>
        Decode(await ReadBytesAsync(path, cancellationToken));

    private static async Task<byte[]> ReadBytesAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            await using var stdin = Console.OpenStandardInput();
            await stdin.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MaxBytes)
            {
                throw new CliException($"The draft on standard input is larger than {MaxBytes / (1024 * 1024)} MB.");
            }

            return buffer.ToArray();
        }

        var file = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new CliException($"'{path}' is a folder, not a draft file.");
        }

        if (!file.Exists)
        {
            throw new CliException($"The file '{path}' does not exist.");
        }

        if (file.Length > MaxBytes)
        {
            throw new CliException($"The file '{path}' is larger than {MaxBytes / (1024 * 1024)} MB.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    // Drafts arrive as UTF-8 (with or without BOM) or UTF-16 with a BOM; invalid bytes become U+FFFD, never an error.
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
