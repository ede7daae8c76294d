using System.Net;
using System.Text.Json;

namespace ReplyCoach.Api.Tests;

/// <summary>POST /api/v1/assess and /api/v1/rewrite with the real engine.</summary>
[TestFixture]
public sealed class DraftEndpointTests : AgentClientFixture
{
    [Test]
    public async Task Assess_PoliteDraft_IsOkWithAllCategoriesAndNoSpans()
    {
        using var response = await Client.PostDraftAsync("/api/v1/assess", Drafts.Polite);
        var result = await Problems.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(result.GetProperty("level").GetString(), Is.EqualTo("ok"));
            Assert.That(result.GetProperty("spans").GetArrayLength(), Is.Zero);
            Assert.That(result.GetProperty("categories").EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { "hostility", "blame", "generalization", "threat", "condescension", "dismissiveness", "profanity" }));
            Assert.That(result.GetProperty("coolingOff").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(result.GetProperty("suggestions").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Assess_HostileDraft_IsHoldWithSpansReasonsAndCoolingOff()
    {
        using var response = await Client.PostDraftAsync("/api/v1/assess", Drafts.Hostile);
        var result = await Problems.JsonAsync(response);
        var text = result.GetProperty("text").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("level").GetString(), Is.EqualTo("hold"));
            Assert.That(result.GetProperty("risk").GetDouble(), Is.GreaterThanOrEqualTo(result.GetProperty("thresholds").GetProperty("hold").GetDouble()));
            Assert.That(result.GetProperty("spans").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(result.GetProperty("coolingOff").GetProperty("minutes").GetInt32(), Is.GreaterThan(0));
        });
        foreach (var span in result.GetProperty("spans").EnumerateArray())
        {
            var start = span.GetProperty("start").GetInt32();
            var length = span.GetProperty("length").GetInt32();
            Assert.That(text.Substring(start, length), Is.EqualTo(span.GetProperty("text").GetString()));
            Assert.That(Drafts.Hostile.Substring(span.GetProperty("originalStart").GetInt32(), span.GetProperty("originalLength").GetInt32()),
                Is.EqualTo(span.GetProperty("text").GetString()), "plain text: original offsets equal the text");
            Assert.That(span.GetProperty("reason").GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public async Task Assess_HtmlDraft_OriginalOffsetsPointIntoTheHtml()
    {
        var html = "<html><body><p>Hi Mark,</p><p>" + WebUtility.HtmlEncode(Drafts.Hostile.Split("\n\n")[1]) + "</p><p>Sam</p></body></html>";
        using var response = await Client.PostDraftAsync("/api/v1/assess", html, "html");
        var result = await Problems.JsonAsync(response);
        Assert.That(result.GetProperty("format").GetString(), Is.EqualTo("html"));
        Assert.That(result.GetProperty("spans").GetArrayLength(), Is.GreaterThan(0));
        foreach (var span in result.GetProperty("spans").EnumerateArray())
        {
            var original = html.Substring(span.GetProperty("originalStart").GetInt32(), span.GetProperty("originalLength").GetInt32());
            Assert.That(WebUtility.HtmlDecode(original), Is.EqualTo(span.GetProperty("text").GetString()));
        }
    }

    [Test]
    public async Task Assess_EmptyDraft_IsEmptyNotAnError()
    {
        using var response = await Client.PostDraftAsync("/api/v1/assess", "   ");
        var result = await Problems.JsonAsync(response);
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("empty"));
    }

    [Test]
    public async Task Assess_IncomingAndConversationId_AreAccepted()
    {
        using var response = await Client.PostAsync("/api/v1/assess", Drafts.Json(new
        {
            draft = Drafts.Polite,
            incoming = "My dishwasher door broke and nobody called me back.",
            conversationId = "AAQkAGI2TG93AAA=",
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Rewrite_HostileDraft_AnswersWithStatusAndLevel()
    {
        using var response = await Client.PostDraftAsync("/api/v1/rewrite", Drafts.Hostile);
        var result = await Problems.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(result.GetProperty("level").GetString(), Is.EqualTo("hold"));
            Assert.That(result.TryGetProperty("suggestions", out _), Is.True);
        });
    }

    [Test]
    public async Task Rewrite_EmptyDraft_HasNoRewrite()
    {
        using var response = await Client.PostDraftAsync("/api/v1/rewrite", "");
        var result = await Problems.JsonAsync(response);
        Assert.That(result.GetProperty("rewrite").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
