namespace ReplyCoach.Training.Data;

/// <summary>Finds the repository and the files it keeps for the model.</summary>
public static class RepoPaths
{
    /// <summary>The solution file that marks the repository root.</summary>
    public const string SolutionFile = "ReplyCoach.sln";

    /// <summary>The project's own training corpus, relative to the repository root.</summary>
    public static readonly string CorpusTrain = Path.Combine("src", "ReplyCoach.Training", "Corpus", "train.tsv");

    /// <summary>The project's held-apart test corpus (never trained on), relative to the repository root.</summary>
    public static readonly string CorpusHeldout = Path.Combine("src", "ReplyCoach.Training", "Corpus", "heldout.tsv");

    /// <summary>Walks up from <paramref name="start"/> to the folder holding <see cref="SolutionFile"/>; null when there is none.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Resolves a path relative to the repository root (or the current folder when there is no root).</summary>
    public static string FromRoot(string relative)
    {
        var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, relative);
    }
}
