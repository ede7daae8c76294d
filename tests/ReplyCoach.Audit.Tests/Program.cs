using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using ReplyCoach.Audit.Tests.Support;

namespace ReplyCoach.Audit.Tests;

/// <summary>
/// The test assembly is also the crash test's child process: <c>dotnet ReplyCoach.Audit.Tests.dll crash-writer
/// DB FROM COUNT DURABILITY</c> writes a burst of checks to a SQLite store and prints <c>ACK id</c> on standard
/// output after each write has returned (that is, after it is committed). The test kills it mid-burst.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 5 || args[0] != "crash-writer")
        {
            await Console.Error.WriteLineAsync("usage: crash-writer DB FROM COUNT Full|Normal");
            return 2;
        }

        var options = new AuditOptions
        {
            SqlitePath = args[1],
            HashKey = "crash-test-hash-key-0123456789",
            SqliteDurability = Enum.Parse<SqliteDurability>(args[4]),
        };
        var from = int.Parse(args[2], CultureInfo.InvariantCulture);
        var count = int.Parse(args[3], CultureInfo.InvariantCulture);
        await using var store = AuditStoreFactory.CreateSql(options, null, TimeProvider.System, NullLoggerFactory.Instance);
        await store.InitializeAsync();
        await Console.Out.WriteLineAsync("READY");
        for (var i = from; i < from + count; i++)
        {
            var id = "burst-" + i.ToString("000000", CultureInfo.InvariantCulture);
            var result = await store.RecordCheckAsync(AuditChecks.Flagged(id, agent: "agent-" + (i % 7), at: StoreHarness.Start.AddSeconds(i)));
            if (result.Status is AuditWriteStatus.Created or AuditWriteStatus.Duplicate)
            {
                await Console.Out.WriteLineAsync("ACK " + id);
            }
        }

        return 0;
    }
}
