using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ReplyCoach.Api.Tests;

/// <summary>Every kind of bad input is a clear 4xx ProblemDetails, never a 500, and the service keeps serving.</summary>
[TestFixture]
public sealed class BadInputTests : AgentClientFixture
{
    [TearDown]
    public async Task ServiceStillServes()
    {
        using var response = await Client.PostDraftAsync("/api/v1/send-check", Drafts.Polite);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the service must keep serving after bad input");
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [TestCase("/api/v1/assess")]
    [TestCase("/api/v1/send-check")]
    [TestCase("/api/v1/rewrite")]
    public async Task Post_EmptyBody_Returns400(string path)
    {
        using var response = await Client.PostAsync(path, Bytes([]));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("empty"));
    }

    [TestCase("/api/v1/assess")]
    [TestCase("/api/v1/send-check")]
    public async Task Post_FiveMegabyteBody_Returns413(string path)
    {
        var draft = new string('a', 5 * 1024 * 1024);
        using var response = await Client.PostAsync(path, Drafts.Json(new { draft }));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("KB"));
    }

    [Test]
    public async Task Post_FiveMegabyteChunkedBody_Returns413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"draft\":\"" + new string('a', 5 * 1024 * 1024) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assess") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.SendAsync(request);
        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Post_BinaryGarbage_Returns400()
    {
        var garbage = new byte[4096];
        new Random(5).NextBytes(garbage);
        using var response = await Client.PostAsync("/api/v1/assess", Bytes(garbage));
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestCase("{\"draft\": \"unterminated")]
    [TestCase("{draft: 'single quotes'}")]
    [TestCase("[1, 2, 3]")]
    [TestCase("null")]
    [TestCase("\"just a string\"")]
    [TestCase("{\"draft\": 42}")]
    [TestCase("{\"draft\": \"a\"} trailing")]
    public async Task Post_MalformedJson_Returns400(string json)
    {
        using var response = await Client.PostAsync("/api/v1/assess", Bytes(Encoding.UTF8.GetBytes(json)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Post_MissingDraft_Returns400WithFieldError()
    {
        using var response = await Client.PostAsync("/api/v1/assess", Drafts.Json(new { format = "html" }));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("draft", out _), Is.True);
    }

    [Test]
    public async Task Post_UnknownFormat_Returns400WithFieldError()
    {
        using var response = await Client.PostAsync("/api/v1/assess", Drafts.Json(new { draft = "Hello.", format = "pdf" }));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("format", out _), Is.True);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/xml")]
    public async Task Post_WrongContentType_Returns415(string contentType)
    {
        using var response = await Client.PostAsync("/api/v1/assess", Bytes(Encoding.UTF8.GetBytes("{\"draft\":\"Hello.\"}"), contentType));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("application/json"));
    }

    [Test]
    public async Task Post_NoContentType_Returns415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"draft\":\"Hello.\"}"));
        using var response = await Client.PostAsync("/api/v1/send-check", content);
        await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Post_InvalidUtf8_Returns400()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"draft\":\"caf\u00e9 XX\"}");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3; // a lead byte followed by a byte that cannot continue it
        bytes[at + 1] = 0x28;
        using var response = await Client.PostAsync("/api/v1/assess", Bytes(bytes));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("UTF-8"));
    }

    // Depth is the depth of the tree the extractor builds: a slash does not close a <div>, and unknown tags nest too.
    [TestCase("<div>", "</div>")]
    [TestCase("<div/>", "")]
    [TestCase("<span />", "")]
    [TestCase("<x-made-up>", "</x-made-up>")]
    public async Task Post_DeeplyNestedHtml_Returns400(string open, string close)
    {
        var html = string.Concat(Enumerable.Repeat(open, 5_000)) + "You are lying." + string.Concat(Enumerable.Repeat(close, 5_000));
        using var response = await Client.PostDraftAsync("/api/v1/assess", html, "html");
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("nested"));
    }

    [Test]
    public async Task Post_DeeplyNestedHtmlToSendCheck_Returns400()
    {
        var html = string.Concat(Enumerable.Repeat("<span>", 5_000));
        using var response = await Client.PostDraftAsync("/api/v1/send-check", html);
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Post_OrdinaryOutlookHtml_IsNotTooDeep()
    {
        var html = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "samples", "outlook-reply.html"));
        using var response = await Client.PostDraftAsync("/api/v1/assess", html, "html");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Post_DeeplyNestedJson_Returns400()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000);
        using var response = await Client.PostAsync("/api/v1/assess", Bytes(Encoding.UTF8.GetBytes(json)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Post_DraftOverLengthCap_Returns400WithFieldError()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["ReplyCoach:Service:MaxDraftChars"] = "1000" });
        using var response = await factory.Client(TestTokens.Agent()).PostDraftAsync("/api/v1/assess", new string('a', 1001));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("draft")[0].GetString(), Does.Contain("1,000"));
    }

    [Test]
    public async Task Get_OnPostEndpoint_Returns405Problem()
    {
        using var response = await Client.GetAsync("/api/v1/assess");
        await Problems.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task Get_UnknownPath_Returns404Problem()
    {
        using var response = await Client.GetAsync("/api/v1/nothing-here");
        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
