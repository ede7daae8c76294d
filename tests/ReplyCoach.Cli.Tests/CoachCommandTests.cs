using System.Text.Json;

namespace ReplyCoach.Cli.Tests;

public sealed class CoachCommandTests
{
    [Test]
    public async Task RewriteJsonl_HostileAndBadLines_RiskLoweredFactsKeptAndBatchGoesOn()
    {
        const string hostile = "Order #48213 was refunded $129.99 on 3 March. You must have dropped it, and your e-mails are a waste of my time.";
        var input = string.Join('\n',
            JsonSerializer.Serialize(new { id = "h", text = hostile, incoming = "This is ridiculous, it broke on day one!" }),
            "{broken",
            JsonSerializer.Serialize(new { id = "p", text = "Your replacement ships on Monday. Thank you for your patience." }));

        var result = await CliProcess.RunAsync(input, "rewrite", "--jsonl");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.That(lines, Has.Length.EqualTo(3));

        var h = lines[0];
        Assert.That(h.GetProperty("id").GetString(), Is.EqualTo("h"));
        var rewrite = h.GetProperty("rewrite").GetString()!;
        Assert.That(h.GetProperty("risk_after").GetDouble(), Is.LessThan(h.GetProperty("risk_before").GetDouble()));
        Assert.That(rewrite, Does.Contain("#48213").And.Contain("$129.99").And.Contain("3 March"));
        Assert.That(rewrite, Does.Not.Contain("waste of my time"));
        Assert.That(h.GetProperty("unfixed").ValueKind, Is.EqualTo(JsonValueKind.Array));

        Assert.That(lines[1].GetProperty("error").GetString(), Does.Contain("line 2"));

        var p = lines[2];
        Assert.That(p.GetProperty("rewrite").GetString(), Is.EqualTo("Your replacement ships on Monday. Thank you for your patience."));
        Assert.That(p.GetProperty("risk_after").GetDouble(), Is.EqualTo(p.GetProperty("risk_before").GetDouble()));
    }

    [Test]
    public async Task CoachJson_HostileSample_SuggestionsRewriteAndCoolingOff()
    {
        var result = await CliProcess.RunAsync(null, "coach", "--json", CliProcess.Sample("hostile.txt"));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout, Does.Contain("suggestion").IgnoreCase);
        Assert.That(result.Stdout, Does.Contain("rewrite").IgnoreCase);
        Assert.That(result.Stdout, Does.Contain("minutes").IgnoreCase);
    }

    [Test]
    public async Task Coach_MissingFile_OneSentenceOnStderr()
    {
        var result = await CliProcess.RunAsync(null, "coach", "missing.eml");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }
}
