using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ReplyCoach.Audit.TestKit;

/// <summary>
/// A PostgreSQL server for tests and measurements: one given by a connection string, or a throwaway cluster started
/// here on a free loopback port (initdb and pg_ctl of the newest PostgreSQL under /usr/lib/postgresql; as root, the
/// cluster belongs to the postgres user) and removed by <see cref="Stop"/>.
/// </summary>
/// <param name="ConnectionString">Superuser connection to the <c>postgres</c> database.</param>
/// <param name="DataDirectory">The cluster's data directory when this process started it (else asked from the server).</param>
/// <param name="StopAction">Stops it, when this process started it.</param>
public sealed record PostgresCluster(string ConnectionString, string? DataDirectory, Action? StopAction)
{
    /// <summary>
    /// Starts a cluster of its own (null when PostgreSQL is not installed). <paramref name="durable"/> keeps fsync on,
    /// as in production, for the scale figures; the tests turn it off for speed.
    /// </summary>
    public static async Task<PostgresCluster?> StartAsync(bool durable)
    {
        var bin = FindBin();
        if (bin is null)
        {
            return null;
        }

        var root = Path.Combine(Path.GetTempPath(), "replycoach-audit-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            Run("chown", ["postgres", root]);
        }

        RunAs(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        var port = FreePort();
        RunAs(asRoot, Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(root, "log"), "-w", "-t", "60", "-o", $"-p {port} -k /tmp -c listen_addresses=127.0.0.1" + (durable ? " -c shared_buffers=512MB" : " -c fsync=off -c full_page_writes=off"), "start"]);
        var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=15";
        await using (var dataSource = NpgsqlDataSource.Create(connection))
        {
            await using var c = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        }

        return new PostgresCluster(connection, data, () =>
        {
            RunAs(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], check: false);
            for (var attempt = 0; attempt < 5 && Directory.Exists(root); attempt++)
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Thread.Sleep(200); // the server's last files are still closing
                }
            }
        });
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAs(bool asRoot, string file, string[] args, bool check = true)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", file, .. args], check);
        }
        else
        {
            Run(file, args, check);
        }
    }

    private static void Run(string file, string[] args, bool check = true)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish in two minutes.");
        }

        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
    }

    /// <summary>A connection string whose tables live in a fresh schema of their own.</summary>
    public async Task<string> CreateSchemaAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"CREATE SCHEMA {schema}");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops a schema made by <see cref="CreateSchemaAsync"/> with everything in it.</summary>
    public async Task DropSchemaAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the cluster and removes its files, when this process started it.</summary>
    public void Stop() => StopAction?.Invoke();
}
