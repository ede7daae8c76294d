using System.Net;
using System.Text;
using System.Text.Json;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// The work per draft is bounded: a worst-case draft at the size limit gets a bounded answer that says what it left
/// out; the engine's time budget answers with the verdict so far; a full assess lane answers 503 while the on-send
/// check keeps its own lane; and the rate limit counts characters, not only requests.
/// </summary>
[TestFixture]
public sealed class BoundedWorkTests : AgentClientFixture
{
    /// <summary>A draft of nothing but short insults, as long as the service accepts (200,000 characters).</summary>
    private static readonly string WorstCase = string.Concat(Enumerable.Repeat("You idiot. ", 200_000 / 11));

    [Test]
    public async Task Assess_WorstCaseDraftAtTheSizeLimit_AnswersWithinTheCapsAndCountsTheRest()
    {
        using var response = await Client.PostDraftAsync("/api/v1/assess", WorstCase, "text");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), Encoding.UTF8.GetString(body));
        var answer = JsonDocument.Parse(body).RootElement;
        var spans = answer.GetProperty("spans").EnumerateArray().ToArray();
        var omitted = answer.GetProperty("omitted");

        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("level").GetString(), Is.EqualTo("hold"));
            Assert.That(spans.GroupBy(s => s.GetProperty("category").GetString()).Select(g => g.Count()), Has.All.InRange(1, 50));
            Assert.That(answer.GetProperty("suggestions").GetArrayLength(), Is.InRange(1, 50));
            Assert.That(answer.GetProperty("rewrite").GetProperty("sentences").GetArrayLength(), Is.InRange(1, 25));
            Assert.That(omitted.GetProperty("spans").GetInt32(), Is.GreaterThan(10_000));
            Assert.That(omitted.GetProperty("uncoachedSentences").GetInt32(), Is.GreaterThan(10_000));

            // The agent's words and the rewrite are each as long as the draft; everything else is capped.
            Assert.That(body.Length, Is.LessThan(1_000_000));
        });
    }

    [Test]
    public async Task Assess_OrdinaryHostileDraft_NothingLeftOutAndNotPartial()
    {
        using var response = await Client.PostDraftAsync("/api/v1/assess", Drafts.Hostile);
        var answer = await Problems.JsonAsync(response);

        Assert.That(answer.GetProperty("partial").GetBoolean(), Is.False);
        Assert.That(answer.GetProperty("omitted").EnumerateObject().Select(p => p.Value.GetInt32()), Is.All.Zero);
    }

    [Test]
    public async Task Rewrite_WorstCaseDraft_SaysWhatItLeftOut()
    {
        using var response = await Client.PostDraftAsync("/api/v1/rewrite", WorstCase, "text");
        var answer = await Problems.JsonAsync(response);

        Assert.That(answer.GetProperty("rewrite").GetProperty("sentences").GetArrayLength(), Is.InRange(1, 25));
        Assert.That(answer.GetProperty("omitted").GetProperty("uncoachedSentences").GetInt32(), Is.GreaterThan(10_000));
    }

    [Test]
    public async Task Assess_EngineBudgetRunsOut_AnswersTheVerdictSoFarMarkedPartial()
    {
        var sentences = string.Concat(Enumerable.Repeat("The replacement part ships today. ", 40));
        await using var factory = new ApiFactory(
            new Dictionary<string, string?> { ["ReplyCoach:Service:AssessBudgetMilliseconds"] = "50" },
            EngineDoubles.WithDetector(new EngineDoubles.SlowDetector(TimeSpan.FromMilliseconds(20))));

        using var response = await factory.Client(TestTokens.Agent()).PostDraftAsync("/api/v1/assess", sentences, "text");
        var answer = await Problems.JsonAsync(response);

        Assert.That(answer.GetProperty("partial").GetBoolean(), Is.True);
        Assert.That(answer.GetProperty("omitted").GetProperty("unscoredSentences").GetInt32(), Is.InRange(1, 40));
    }

    [Test]
    public async Task Assess_AssessLaneFull_Answers503WithRetryAfterWhileSendCheckAnswers()
    {
        using var gate = new EngineDoubles.GateDetector();
        await using var factory = WithOneLanePlace(gate, "Assess");
        var client = factory.Client(TestTokens.Agent());

        var holding = await HoldTheLaneAsync(client, gate, "/api/v1/assess");
        using var refused = await client.PostDraftAsync("/api/v1/assess", Drafts.Hostile);
        using var rewriteRefused = await client.PostDraftAsync("/api/v1/rewrite", Drafts.Hostile);
        using var sendCheck = await client.PostDraftAsync("/api/v1/send-check", Drafts.Hostile);
        gate.Release();
        using var held = await holding;

        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        await Problems.AssertProblemAsync(rewriteRefused, HttpStatusCode.ServiceUnavailable);
        var decision = await Problems.JsonAsync(sendCheck);
        Assert.Multiple(() =>
        {
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("try again"));
            Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"), "the on-send check has a lane of its own");
            Assert.That(held.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task SendCheck_OwnLaneFull_LetsTheMailGoAtOnceWithReasonBusy()
    {
        using var gate = new EngineDoubles.GateDetector();
        await using var factory = WithOneLanePlace(gate, "SendCheck");
        var client = factory.Client(TestTokens.Agent());

        var holding = await HoldTheLaneAsync(client, gate, "/api/v1/send-check");
        using var busy = await client.PostDraftAsync("/api/v1/send-check", Drafts.Hostile);
        using var assess = await client.PostDraftAsync("/api/v1/assess", Drafts.Hostile);
        gate.Release();
        using var held = await holding;

        var decision = await Problems.JsonAsync(busy);
        Assert.Multiple(() =>
        {
            Assert.That((decision.GetProperty("action").GetString(), decision.GetProperty("reason").GetString()), Is.EqualTo(("allow", "busy")));
            Assert.That(assess.StatusCode, Is.EqualTo(HttpStatusCode.OK), "assess does not use the on-send lane");
            Assert.That(held.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Drafts_MoreCharactersThanTheCostLimit_Returns429WithRetryAfterPerUser()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ReplyCoach:Service:RateLimitCharacters"] = "1000",
            ["ReplyCoach:Service:RateLimitWindowSeconds"] = "60",
            ["ReplyCoach:Service:MaxDraftChars"] = "500",
            ["ReplyCoach:Service:MaxIncomingChars"] = "100",
        });
        var draft = string.Concat(Enumerable.Repeat("The part ships today. ", 20))[..440];
        var alex = factory.Client(TestTokens.Agent("alex"));

        using var first = await alex.PostDraftAsync("/api/v1/assess", draft);
        using var second = await alex.PostDraftAsync("/api/v1/send-check", draft);
        using var third = await alex.PostDraftAsync("/api/v1/rewrite", draft);
        using var other = await factory.Client(TestTokens.Agent("blair")).PostDraftAsync("/api/v1/assess", draft);

        var problem = await Problems.AssertProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
            Assert.That(third.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("1,000 characters").And.Contain("seconds"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another agent has a budget of their own");
        });
    }

    [Test]
    public void Start_CostLimitSmallerThanOneDraft_FailsWithClearMessage()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?> { ["ReplyCoach:Service:RateLimitCharacters"] = "1000" });
        var error = Assert.Catch(() => factory.CreateClient());
        Assert.That(error!.ToString(), Does.Contain("RateLimitCharacters"));
    }

    [Test]
    public async Task Post_ThousandsOfVoidAndSiblingElements_IsNotTooDeep()
    {
        var html = string.Concat(Enumerable.Repeat("<p>Thanks.<br/><img src=x></p><div>Order 48213 ships today.</div>", 2_000));
        using var response = await Client.PostDraftAsync("/api/v1/send-check", html, "html");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>The service with <paramref name="gate"/> as its detectors and a lane (<c>Assess</c> or <c>SendCheck</c>) one place wide with no queue.</summary>
    private static ApiFactory WithOneLanePlace(EngineDoubles.GateDetector gate, string lane) => new(
        new Dictionary<string, string?> { [$"ReplyCoach:Service:{lane}Concurrency"] = "1", [$"ReplyCoach:Service:{lane}QueueLimit"] = "0" },
        EngineDoubles.WithDetector(gate));

    /// <summary>Sends a draft the gate holds, and returns once it is being held (its answer comes after the gate opens).</summary>
    private static async Task<Task<HttpResponseMessage>> HoldTheLaneAsync(HttpClient client, EngineDoubles.GateDetector gate, string path)
    {
        var holding = client.PostDraftAsync(path, $"{EngineDoubles.GateDetector.Marker} is what this sentence says.");
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        return holding;
    }
}
