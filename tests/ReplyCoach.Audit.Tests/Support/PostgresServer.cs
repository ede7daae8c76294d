namespace ReplyCoach.Audit.Tests.Support;

/// <summary>
/// The PostgreSQL the contract tests run against: <c>REPLYCOACH_TEST_POSTGRES</c> when set (CI starts one in
/// .ci/setup), else a throwaway cluster this process starts on a free loopback port and stops at the end.
/// Only when no PostgreSQL binaries are installed are the PostgreSQL tests ignored, and never in CI
/// (<c>CI=true</c>), where a missing database fails them.
/// </summary>
internal static class PostgresServer
{
    public const string EnvironmentVariable = "REPLYCOACH_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresCluster?>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server, or null (with the reason) when there is none.</summary>
    public static async Task<PostgresCluster> RequireAsync()
    {
        var server = await Shared.Value.ConfigureAwait(false);
        if (server is null)
        {
            Skip($"PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin) and {EnvironmentVariable} is not set.");
        }

        return server!;
    }

    /// <summary>Ignores the test for a reason of the machine, except in CI (<c>CI=true</c>), where it fails: CI must have it.</summary>
    public static void Skip(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI must provide it (see .ci/setup).");
        }

        Assert.Ignore(reason);
    }

    /// <summary>Stops the cluster if this process started it.</summary>
    public static async Task StopAsync()
    {
        if (!Shared.IsValueCreated)
        {
            return;
        }

        var server = await Shared.Value.ConfigureAwait(false);
        server?.Stop();
    }

    private static async Task<PostgresCluster?> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresCluster(configured, null, null);
        }

        return await PostgresCluster.StartAsync(durable: false).ConfigureAwait(false);
    }
}
