using System.Diagnostics;
using System.Text;

namespace ReplyCoach.Cli.Tests;

/// <summary>Runs the real <c>replycoach</c> program (built next to the tests) as a child process.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static Task<Result> RunAsync(string? stdin, params string[] args) => RunWithEnvironmentAsync(null, stdin, args);

    /// <summary>Runs with extra environment variables (configuration such as <c>ReplyCoach__Coaching__...</c>).</summary>
    public static async Task<Result> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string>? environment, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replycoach.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = process.StandardInput;
        if (stdin is not null)
        {
            var bytes = new UTF8Encoding(false).GetBytes(stdin);
            await writer.BaseStream.WriteAsync(bytes);
        }

        writer.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static string Sample(string name) => Path.Combine(RepoRoot, "samples", name);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReplyCoach.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ReplyCoach.sln not found above the test folder.");
    }
}
