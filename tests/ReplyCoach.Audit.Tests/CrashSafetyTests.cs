using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ReplyCoach.Audit.Tests;

/// <summary>
/// A child process writes a burst of records to the SQLite store and is killed mid-burst; after a restart every
/// record it acknowledged is there, none twice, and no record is half-written.
/// </summary>
public sealed class CrashSafetyTests
{
    [TestCase(SqliteDurability.Full)]
    [TestCase(SqliteDurability.Normal)]
    public async Task KillDuringBurst_Restart_EveryAcknowledgedRecordOnceAndWhole(SqliteDurability durability)
    {
        var folder = Path.Combine(Path.GetTempPath(), "replycoach-crash-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "audit.db");
        var acknowledged = new HashSet<string>();
        var random = new Random(7);
        try
        {
            for (var round = 0; round < 3; round++)
            {
                // Each round replays the burst from the start (a client retrying after the crash) and goes further.
                var killAfter = acknowledged.Count + random.Next(150, 400);
                var acks = await RunAndKillAsync(db, 0, 100_000, durability, killAfter);
                Assert.That(acks.Count, Is.GreaterThanOrEqualTo(killAfter));
                acknowledged.UnionWith(acks);
            }

            await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
            await connection.OpenAsync();
            var stored = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT check_id FROM audit_flag";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    stored.Add(reader.GetString(0));
                }
            }

            Assert.That(await ScalarAsync(connection, "PRAGMA integrity_check"), Is.EqualTo("ok"));
            Assert.That(acknowledged.Except(stored), Is.Empty, "every acknowledged record survives the kill");
            Assert.That(stored, Is.Unique, "no record is stored twice");
            Assert.That(await ScalarAsync(connection, "SELECT COUNT(*) FROM audit_flag f WHERE (SELECT COUNT(*) FROM audit_text t WHERE t.flag_id = f.id) <> 2"), Is.EqualTo("0"),
                "no record lost its text half-way (each has its span and its suggestion)");
            Assert.That(await ScalarAsync(connection, "SELECT COUNT(*) FROM audit_text t WHERE NOT EXISTS (SELECT 1 FROM audit_flag f WHERE f.id = t.flag_id)"), Is.EqualTo("0"));
            Assert.That(await ScalarAsync(connection, "PRAGMA journal_mode"), Is.EqualTo("wal"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<List<string>> RunAndKillAsync(string db, int from, int count, SqliteDurability durability, int killAfter)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(CrashSafetyTests).Assembly.Location);
        info.ArgumentList.Add("crash-writer");
        info.ArgumentList.Add(db);
        info.ArgumentList.Add(from.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(durability.ToString());
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The crash writer did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var acks = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("ACK ", StringComparison.Ordinal))
                {
                    acks.Add(line[4..]);
                    if (acks.Count == killAfter)
                    {
                        // Mid-burst: the writer is inside its next transaction (or about to be).
                        process.Kill(entireProcessTree: true);
                        break;
                    }
                }
            }

            // Lines already printed before the kill were acknowledged too.
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("ACK ", StringComparison.Ordinal))
                {
                    acks.Add(line[4..]);
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The crash writer stalled: {await stderr}");
        }

        Assert.That(process.ExitCode, Is.Not.Zero, $"the writer was killed, not finished: {await stderr}");
        return acks;
    }
}
