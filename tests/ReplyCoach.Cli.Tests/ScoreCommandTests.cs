using System.Text;
using System.Text.Json;

namespace ReplyCoach.Cli.Tests;

public sealed class ScoreCommandTests
{
    private static readonly string[] Categories =
        ["hostility", "blame", "generalization", "threat", "condescension", "dismissiveness", "profanity"];

    [Test]
    public async Task Jsonl_MixedGoodAndBadLines_OneAnswerPerLineInOrderAndBatchGoesOn()
    {
        var input = string.Join('\n',
            """{"id":"a","text":"Thank you for your patience, your replacement ships on Monday."}""",
            """{"id":"b","text":"this is not json""",
            """{"id":7,"text":"<p>Hello Anna,</p><p>We have issued the refund of $42.10 today.</p>"}""",
            """{"id":"c"}""",
            """[1,2,3]""",
            "",
            """{"id":"d","text":"You must have dropped it. Stop pretending you followed the steps.","incoming":"It broke on day one!"}""",
            """{"id":"e","text":"fine","incoming":5}""");

        var result = await CliProcess.RunAsync(input, "score", "--jsonl");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(7), "one answer per non-blank input line");
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();

        Assert.That(docs[0].GetProperty("id").GetString(), Is.EqualTo("a"));
        Assert.That(docs[0].GetProperty("level").GetString(), Is.EqualTo("ok"));
        Assert.That(docs[1].TryGetProperty("error", out var error1) && error1.GetString()!.Contains("line 2", StringComparison.Ordinal), Is.True);
        Assert.That(docs[2].GetProperty("id").GetInt32(), Is.EqualTo(7));
        Assert.That(docs[2].GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(docs[3].GetProperty("id").GetString(), Is.EqualTo("c"));
        Assert.That(docs[3].GetProperty("error").GetString(), Does.Contain("\"text\""));
        Assert.That(docs[4].GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(docs[4].TryGetProperty("error", out _), Is.True);
        Assert.That(docs[6].GetProperty("id").GetString(), Is.EqualTo("e"));
        Assert.That(docs[6].GetProperty("error").GetString(), Does.Contain("incoming"));

        Assert.That(docs[2].GetProperty("level").GetString(), Is.EqualTo("ok"));
        Assert.That(docs[5].GetProperty("id").GetString(), Is.EqualTo("d"));
        Assert.That(docs[5].GetProperty("level").GetString(), Is.EqualTo("hold"), "two accusations of blame");
        Assert.That(docs[5].GetProperty("spans").EnumerateArray().Select(s => s.GetProperty("category").GetString()), Is.EqualTo(new[] { "blame", "blame" }));

        foreach (var doc in new[] { docs[0], docs[2], docs[5] })
        {
            var risk = doc.GetProperty("risk").GetDouble();
            Assert.That(risk, Is.InRange(0.0, 1.0));
            var categories = doc.GetProperty("categories");
            Assert.That(categories.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(Categories));
            Assert.That(categories.EnumerateObject().Select(p => p.Value.GetDouble()), Has.All.InRange(0.0, 1.0));
            Assert.That(doc.GetProperty("spans").ValueKind, Is.EqualTo(JsonValueKind.Array));
        }
    }

    [Test]
    public async Task Jsonl_HostileDraft_SpansPointIntoTheInputText()
    {
        const string text = "Hi Sam. You must have dropped it, and frankly your e-mails are a waste of my time.";
        var input = JsonSerializer.Serialize(new { id = "x", text });

        var result = await CliProcess.RunAsync(input, "score", "--jsonl");

        var doc = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.That(doc.GetProperty("level").GetString(), Is.Not.EqualTo("ok"), result.Stdout);
        var spans = doc.GetProperty("spans").EnumerateArray().ToArray();
        Assert.That(spans, Is.Not.Empty);
        foreach (var span in spans)
        {
            var start = span.GetProperty("start").GetInt32();
            var length = span.GetProperty("length").GetInt32();
            Assert.That(start + length, Is.LessThanOrEqualTo(text.Length));
            Assert.That(span.GetProperty("reason").GetString(), Is.Not.Empty);
            Assert.That(span.GetProperty("category").GetString(), Is.AnyOf(Categories));
        }

        var covered = string.Join("|", spans.Select(s => text.Substring(s.GetProperty("start").GetInt32(), s.GetProperty("length").GetInt32())));
        Assert.That(covered, Does.Contain("dropped").Or.Contain("waste"));
    }

    [Test]
    public async Task Jsonl_ThousandInsults_SpansCappedPerCategoryWithACountOfTheRest()
    {
        var insults = string.Concat(Enumerable.Repeat("You idiot. ", 1000));
        var input = JsonSerializer.Serialize(new { id = "many", text = insults }) + "\n" + JsonSerializer.Serialize(new { id = "one", text = "You idiot." });

        var result = await CliProcess.RunAsync(input, "score", "--jsonl");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var spans = lines[0].GetProperty("spans").EnumerateArray().ToArray();
        Assert.That(spans, Is.Not.Empty.And.Length.LessThanOrEqualTo(50 * Categories.Length), result.Stderr);
        Assert.That(spans.GroupBy(s => s.GetProperty("category").GetString()).Select(g => g.Count()), Has.All.LessThanOrEqualTo(50));
        Assert.That(lines[0].GetProperty("omittedSpans").GetInt32(), Is.GreaterThanOrEqualTo(1000 - spans.Length));
        Assert.That(lines[1].TryGetProperty("omittedSpans", out _), Is.False, "an ordinary line has no such field");
    }

    [Test]
    public async Task Jsonl_MoreLinesThanOneBlock_KeepsInputOrder()
    {
        var input = new StringBuilder();
        for (var i = 0; i < 1500; i++)
        {
            input.Append("{\"id\":").Append(i).Append(",\"text\":\"Order ").Append(i).Append(" has shipped and should arrive within three days.\"}\n");
        }

        var result = await CliProcess.RunAsync(input.ToString(), "score", "--jsonl");

        var ids = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt32())
            .ToArray();
        Assert.That(ids, Is.EqualTo(Enumerable.Range(0, 1500).ToArray()));
    }

    [Test]
    public async Task Score_MissingFile_OneSentenceOnStderrAndNonZeroExit()
    {
        var result = await CliProcess.RunAsync(null, "score", "no-such-draft.txt");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("no-such-draft.txt").And.Contain("does not exist"));
    }

    [Test]
    public async Task Score_UnknownOption_UsageErrorOnStderr()
    {
        var result = await CliProcess.RunAsync(null, "score", "--frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("--frobnicate"));
    }

    [Test]
    public async Task ScoreJson_OutlookReplyWithThread_ThreadAndSignatureStrippedAndSentencesMapped()
    {
        var path = CliProcess.Sample("outlook-reply.html");
        var original = await File.ReadAllTextAsync(path);

        var result = await CliProcess.RunAsync(null, "score", "--json", path);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var doc = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.That(doc.GetProperty("format").GetString(), Is.EqualTo("html"));
        var kinds = doc.GetProperty("stripped").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToArray();
        Assert.That(kinds, Does.Contain("QuotedThread"));
        var sentences = doc.GetProperty("sentences").EnumerateArray().ToArray();
        Assert.That(sentences, Is.Not.Empty);
        foreach (var sentence in sentences)
        {
            var firstWord = sentence.GetProperty("text").GetString()!.Split(' ')[0];
            var slice = original.Substring(sentence.GetProperty("originalStart").GetInt32(), sentence.GetProperty("originalLength").GetInt32());
            Assert.That(System.Net.WebUtility.HtmlDecode(slice), Does.StartWith(firstWord));
        }
    }

    [Test]
    public async Task Score_Report_ShowsLevelAndReasons()
    {
        var result = await CliProcess.RunAsync(null, "score", CliProcess.Sample("hostile.txt"));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout, Does.Contain("HOLD").Or.Contain("CAUTION"));
        Assert.That(result.Stdout, Does.Contain("Why"));
    }

    [Test]
    public async Task Score_EmptyStdin_SaysThereIsNothingToScore()
    {
        var result = await CliProcess.RunAsync("   \n  ", "score", "--json", "-");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var doc = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.That(doc.GetProperty("status").GetString(), Is.EqualTo("empty"));
        Assert.That(doc.GetProperty("level").GetString(), Is.EqualTo("ok"));
    }

    [TestCase("score")]
    [TestCase("train")]
    [TestCase("eval")]
    [TestCase("coach")]
    [TestCase("rewrite")]
    public async Task Help_EveryCommand_DescribesItself(string command)
    {
        var result = await CliProcess.RunAsync(null, command, "--help");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout, Does.Contain("Usage:").And.Contain(command));
    }
}
