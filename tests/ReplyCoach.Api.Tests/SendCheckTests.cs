using System.Diagnostics;
using System.Net;
using ReplyCoach.Api.Features.SendCheck;

namespace ReplyCoach.Api.Tests;

/// <summary>POST /api/v1/send-check: allow, prompt, and failing open when the engine is slow or broken.</summary>
[TestFixture]
public sealed class SendCheckTests : AgentClientFixture
{
    [Test]
    public async Task SendCheck_PoliteDraft_Allows()
    {
        using var response = await Client.PostDraftAsync("/api/v1/send-check", Drafts.Polite);
        var decision = await Problems.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("allow"));
            Assert.That(decision.TryGetProperty("message", out _), Is.False);
        });
    }

    [Test]
    public async Task SendCheck_EmptyDraft_Allows()
    {
        using var response = await Client.PostDraftAsync("/api/v1/send-check", "");
        var decision = await Problems.JsonAsync(response);
        Assert.That((decision.GetProperty("action").GetString(), decision.GetProperty("reason").GetString()), Is.EqualTo(("allow", "empty")));
    }

    [Test]
    public async Task SendCheck_HostileDraft_PromptsWithShortMessagesDelayAndTaskPane()
    {
        using var response = await Client.PostDraftAsync("/api/v1/send-check", Drafts.Hostile);
        var decision = await Problems.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"));
            Assert.That(decision.GetProperty("message").GetString()!.Length, Is.InRange(20, SendCheckService.MaxMessageLength));
            Assert.That(decision.GetProperty("messageMarkdown").GetString()!.Length, Is.InRange(20, SendCheckService.MaxMessageLength));
            Assert.That(decision.GetProperty("messageMarkdown").GetString(), Does.Contain("**"));
            Assert.That(decision.GetProperty("suggestedDelayMinutes").GetInt32(), Is.GreaterThan(0));
            Assert.That(decision.GetProperty("taskPaneUrl").GetString(), Is.EqualTo("http://localhost/taskpane.html"));
            Assert.That(decision.GetProperty("level").GetString(), Is.EqualTo("hold"));
        });
    }

    [Test]
    public async Task SendCheck_VeryHostileLongDraft_MessagesStayWithin500Characters()
    {
        var draft = string.Concat(Enumerable.Repeat(Drafts.Hostile.Replace("\n", " ") + " ", 20));
        using var response = await Client.PostDraftAsync("/api/v1/send-check", draft);
        var decision = await Problems.JsonAsync(response);
        Assert.That(decision.GetProperty("message").GetString()!.Length, Is.LessThanOrEqualTo(500));
        Assert.That(decision.GetProperty("messageMarkdown").GetString()!.Length, Is.LessThanOrEqualTo(500));
    }

    [Test]
    public async Task SendCheck_ConfiguredPublicOrigin_IsTheTaskPaneLink()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["ReplyCoach:Service:PublicOrigin"] = "https://replycoach.contoso.com" });
        using var response = await factory.Client(TestTokens.Agent()).PostDraftAsync("/api/v1/send-check", Drafts.Hostile);
        var decision = await Problems.JsonAsync(response);
        Assert.That(decision.GetProperty("taskPaneUrl").GetString(), Is.EqualTo("https://replycoach.contoso.com/taskpane.html"));
    }

    [Test]
    public async Task SendCheck_SlowEngine_AllowsWithinBudget()
    {
        await using var factory = new ApiFactory(
            new Dictionary<string, string?> { ["ReplyCoach:Service:SendCheckBudgetMilliseconds"] = "300" },
            EngineDoubles.WithDetector(new EngineDoubles.SlowDetector(TimeSpan.FromSeconds(3))));
        var client = factory.Client(TestTokens.Agent());
        var clock = Stopwatch.StartNew();
        using var response = await client.PostDraftAsync("/api/v1/send-check", "You are lying.");
        clock.Stop();
        var decision = await Problems.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That((decision.GetProperty("action").GetString(), decision.GetProperty("reason").GetString()), Is.EqualTo(("allow", "timeout")));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public async Task SendCheck_BrokenEngine_Allows()
    {
        await using var factory = new ApiFactory(services: EngineDoubles.WithDetector(new EngineDoubles.BrokenDetector()));
        using var response = await factory.Client(TestTokens.Agent()).PostDraftAsync("/api/v1/send-check", Drafts.Hostile);
        var decision = await Problems.JsonAsync(response);
        Assert.That((decision.GetProperty("action").GetString(), decision.GetProperty("reason").GetString()), Is.EqualTo(("allow", "error")));
    }

    [Test]
    public async Task Assess_BrokenEngine_Returns500ProblemWithoutTheDraft()
    {
        await using var factory = new ApiFactory(services: EngineDoubles.WithDetector(new EngineDoubles.BrokenDetector()));
        using var response = await factory.Client(TestTokens.Agent()).PostDraftAsync("/api/v1/assess", Drafts.Hostile);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.That(problem.ToString(), Does.Not.Contain("lying"));
    }
}
