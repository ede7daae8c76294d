using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using ReplyCoach.Audit.Tests.Support;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.Tests;

/// <summary><c>replycoach audit list|export|purge</c>, run as the real program against a SQLite store.</summary>
[TestFixture]
[NonParallelizable]
public sealed class AuditCommandTests
{
    private StoreHarness _harness = null!;
    private long _fp;

    [SetUp]
    public async Task SetUp()
    {
        _harness = await StoreHarness.CreateAsync(TestEngine.Sqlite);
        var recent = DateTimeOffset.UtcNow.AddDays(-1);
        await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("c-1", agent: "agent-1", team: "team-a", at: recent, category: ToneCategory.Blame, spanText: "old-words-cli-marker"));
        _fp = (await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("c-2", agent: "agent-2", team: "team-b", at: recent.AddHours(1), category: ToneCategory.Threat, spanText: "see you in court"))).Id!.Value;
        await _harness.Store.MarkFalsePositiveAsync(_fp, new AuditFalsePositive("lead", true, recent), AuditScope.All);
        await _harness.DisposeStoresAsync();
    }

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task List_ConfiguredFile_PrintsEveryTeamNewestFirst()
    {
        var result = await RunAsync("audit", "list", "--sqlite", _harness.SqlitePath!);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[1], Does.Contain("agent-2").And.Contain("threat").And.Contain("false-positive"));
        Assert.That(lines[2], Does.Contain("agent-1").And.Contain("blame"));
    }

    [Test]
    public async Task List_FilteredJson_OneObjectPerMatchingFlag()
    {
        var result = await RunAsync("audit", "list", "--sqlite", _harness.SqlitePath!, "--team", "team-a", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain("\"team\":\"team-a\""));
    }

    [Test]
    public async Task List_UnknownCategory_UsageError()
    {
        var result = await RunAsync("audit", "list", "--sqlite", _harness.SqlitePath!, "--category", "rudeness");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("Unknown category"));
    }

    [Test]
    public async Task Export_Csv_HeaderAndRows()
    {
        var file = Path.Combine(Path.GetDirectoryName(_harness.SqlitePath)!, "out.csv");

        var result = await RunAsync("audit", "export", "--sqlite", _harness.SqlitePath!, "--out", file);
        var lines = await File.ReadAllLinesAsync(file);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(lines[0], Is.EqualTo(string.Join(',', AuditExport.CsvColumns)));
        Assert.That(lines, Has.Length.EqualTo(3));
    }

    [Test]
    public async Task Export_Training_FalsePositivesAsLabelZero()
    {
        var result = await RunAsync("audit", "export", "--sqlite", _harness.SqlitePath!, "--format", "training");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var line = result.Stdout.Trim();
        Assert.That(line, Does.Contain("\"text\":\"see you in court\"").And.Contain("\"label\":0").And.Contain("\"kind\":\"false_positive\""));
        Assert.That(line.Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Purge_TextDaysZero_ErasesTextFromTheFile()
    {
        Assert.That(await _harness.FilesContainAsync("old-words-cli-marker"), Is.True);

        var result = await RunAsync("audit", "purge", "--sqlite", _harness.SqlitePath!, "--text-days", "0");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Does.Contain("Text erased from 2 flags; 0 flags deleted."));
        Assert.That(await _harness.FilesContainAsync("old-words-cli-marker"), Is.False);
    }

    [Test]
    public async Task List_MissingFile_UsageError()
    {
        var result = await RunAsync("audit", "list", "--sqlite", "/nonexistent/audit.db");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("no audit database"));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replycoach.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ReplyCoach__Audit__HashKey"] = "cli-test-hash-key-0123456789";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        SqliteConnection.ClearAllPools();
        return (process.ExitCode, await stdout, await stderr);
    }
}
