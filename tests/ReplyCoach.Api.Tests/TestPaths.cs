namespace ReplyCoach.Api.Tests;

/// <summary>Where things are in the repository.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string WwwRoot => Path.Combine(RepoRoot, "src", "ReplyCoach.Api", "wwwroot");

    public static string LaunchEventScript => Path.Combine(RepoRoot, "src", "ReplyCoach.Api", "Addin", "launchevent.js");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReplyCoach.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory);
    }
}
