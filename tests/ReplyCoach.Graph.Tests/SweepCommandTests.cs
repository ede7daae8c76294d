using System.Diagnostics;
using System.Text.Json;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

/// <summary><c>replycoach sweep</c> as the real program against the fake Graph server.</summary>
public sealed class SweepCommandTests
{
    // The program runs from its own build folder: the test folder carries the ASP.NET Core framework's copies of
    // some assemblies (through the test kit), which replycoach's own runtime configuration does not load.
    private static readonly string CliPath = FindCli();

    private static string FindCli()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ReplyCoach.Cli", "bin", configuration, framework, "replycoach.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("replycoach.dll was not built next to the sources.");
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ReplyCoach", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "160";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static Dictionary<string, string?> Environment(FakeGraphServer server, string folder)
    {
        var certificate = Path.Combine(folder, "fake-authority.pem");
        Directory.CreateDirectory(folder);
        File.WriteAllText(certificate, server.Certificate.ExportCertificatePem());
        var environment = server.Settings().ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);
        environment["ReplyCoach__DataFolder"] = folder;
        // The fake authority's certificate is trusted the way an operator would trust a private CA on Linux.
        environment["SSL_CERT_FILE"] = certificate;
        environment["ReplyCoach__Graph__Resilience__RetryBaseDelay"] = "00:00:00.020";
        return environment;
    }

    [Test]
    public async Task Sweep_Json_ScoresSentMailAndResumesNextTime()
    {
        await using var server = await FakeGraphServer.StartAsync();
        var mailbox = server.AddMailbox("sam@contoso.example");
        for (var i = 0; i < 12; i++)
        {
            mailbox.AddSent(i == 3 ? Replies.Hostile : Replies.Polite, DateTimeOffset.UtcNow.AddDays(-2).AddMinutes(i));
        }

        var folder = Path.Combine(Path.GetTempPath(), "replycoach-graph-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var environment = Environment(server, folder);
            var first = await RunAsync(environment, "sweep", "--mailbox", "sam@contoso.example", "--since", "3d", "--json");
            mailbox.AddSent(Replies.Polite, DateTimeOffset.UtcNow.AddMinutes(-1));
            var second = await RunAsync(environment, "sweep", "--mailbox", "sam@contoso.example", "--json");

            Assert.That(first.Exit, Is.Zero, first.Error);
            var report = JsonDocument.Parse(first.Out).RootElement;
            Assert.That(report.GetProperty("outcome").GetString(), Is.EqualTo("Ok"));
            Assert.That(report.GetProperty("scored").GetInt32(), Is.EqualTo(12));
            Assert.That(report.GetProperty("flagged").GetInt32(), Is.EqualTo(1));
            Assert.That(second.Exit, Is.Zero, second.Error);
            Assert.That(JsonDocument.Parse(second.Out).RootElement.GetProperty("scored").GetInt32(), Is.EqualTo(1), "the saved delta link was used");
            Assert.That(Directory.GetFiles(folder, "audit.db", SearchOption.AllDirectories), Is.Not.Empty, "flagged mail went to the audit trail");
            Assert.That(first.Out + first.Error, Does.Not.Contain(FakeGraphServer.ClientSecret));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Sweep_ProgressBar_PrintsSummaryTable()
    {
        await using var server = await FakeGraphServer.StartAsync();
        server.AddMailbox("sam@contoso.example").AddSent(Replies.Polite, DateTimeOffset.UtcNow.AddHours(-1));
        var folder = Path.Combine(Path.GetTempPath(), "replycoach-graph-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var result = await RunAsync(Environment(server, folder), "sweep", "--mailbox", "sam@contoso.example");

            Assert.That(result.Exit, Is.Zero, result.Error);
            Assert.That(result.Out, Does.Contain("sam@contoso.example").And.Contain("Scored").And.Contain("ok"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Sweep_NoTenant_SaysGraphIsNotConfigured()
    {
        var result = await RunAsync(new Dictionary<string, string?>(), "sweep", "--mailbox", "sam@contoso.example");

        Assert.That(result.Exit, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("Microsoft Graph is not configured"));
    }

    [Test]
    public async Task Sweep_BadSince_IsAUsageError()
    {
        await using var server = await FakeGraphServer.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "replycoach-graph-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var result = await RunAsync(Environment(server, folder), "sweep", "--mailbox", "x@contoso.example", "--since", "yesterday");

            Assert.That(result.Exit, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("--since 'yesterday'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
