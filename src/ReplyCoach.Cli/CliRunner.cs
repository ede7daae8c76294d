using System.CommandLine;

namespace ReplyCoach.Cli;

/// <summary>Runs the command tree so that any failure ends as one clear sentence on stderr and a non-zero exit code.</summary>
internal static class CliRunner
{
    /// <summary>Exit code for a usage error or unreadable input.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while working.</summary>
    public const int Failure = 1;

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors)
                {
                    await Console.Error.WriteLineAsync($"replycoach: {error.Message} (see 'replycoach --help').");
                }

                return UsageError;
            }

            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancel.Token);
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"replycoach: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("replycoach: cancelled.");
            return 130;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"replycoach: could not read or write: {e.Message}");
            return Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            await Console.Error.WriteLineAsync($"replycoach: access denied: {e.Message}");
            return Failure;
        }
    }
}

/// <summary>A failure to report to the user as one sentence.</summary>
internal sealed class CliException(string message, int exitCode = CliRunner.UsageError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
