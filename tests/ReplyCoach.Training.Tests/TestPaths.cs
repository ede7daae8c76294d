using ReplyCoach.Training.Data;

namespace ReplyCoach.Training.Tests;

/// <summary>Where the repository and the shared datasets are, seen from a test run.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (the folder holding ReplyCoach.sln).</summary>
    public static string RepoRoot =>
        RepoPaths.FindRoot(TestContext.CurrentContext.TestDirectory)
        ?? throw new InvalidOperationException("ReplyCoach.sln was not found above the test folder.");

    /// <summary>The public datasets: ../shared/datasets next to the repository.</summary>
    public static string Datasets => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    /// <summary>The project's held-apart corpus.</summary>
    public static string Heldout => Path.Combine(RepoRoot, RepoPaths.CorpusHeldout);

    /// <summary>The project's training corpus.</summary>
    public static string CorpusTrain => Path.Combine(RepoRoot, RepoPaths.CorpusTrain);

    /// <summary>
    /// The shared datasets folder. Without it the test fails in CI (<c>CI=true</c>: CI has the datasets, so a missing
    /// folder is a broken set-up, not a reason to skip) and is ignored elsewhere.
    /// </summary>
    public static string RequireDatasets()
    {
        var folder = Datasets;
        if (!Directory.Exists(folder))
        {
            var message = $"The shared datasets are not on this machine ({folder}).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message + " CI must provide them.");
            }

            Assert.Ignore(message);
        }

        return folder;
    }
}
