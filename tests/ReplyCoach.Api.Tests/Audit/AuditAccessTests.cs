using System.Net;
using System.Text.Json;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Tests.Audit;

/// <summary>
/// Access control on every audit endpoint, with real signed tokens: no token is 401; an agent sees only their own
/// records and cannot review, mark or export; a lead sees only their own team's records and cannot touch
/// another team's; a lead without a team claim sees nothing.
/// </summary>
[TestFixture]
public sealed class AuditAccessTests
{
    private AuditTestHost _host = null!;
    private long _teamA1;
    private long _teamA2;
    private long _teamB1;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = new AuditTestHost();
        _teamA1 = await _host.SeedAsync("check-a1-0001", agent: "agent-1", team: "team-a");
        _teamA2 = await _host.SeedAsync("check-a2-0001", agent: "agent-2", team: "team-a");
        _teamB1 = await _host.SeedAsync("check-b1-0001", agent: "agent-9", team: "team-b");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private static IEnumerable<TestCaseData> AllEndpoints()
    {
        yield return new TestCaseData("POST", "/api/v1/outcomes").SetName("Outcomes_NoToken_Returns401");
        yield return new TestCaseData("GET", "/api/v1/audit/me").SetName("Me_NoToken_Returns401");
        yield return new TestCaseData("GET", "/api/v1/audit/flags").SetName("ListFlags_NoToken_Returns401");
        yield return new TestCaseData("GET", "/api/v1/audit/flags/1").SetName("GetFlag_NoToken_Returns401");
        yield return new TestCaseData("POST", "/api/v1/audit/flags/1/review").SetName("Review_NoToken_Returns401");
        yield return new TestCaseData("POST", "/api/v1/audit/flags/1/false-positive").SetName("FalsePositive_NoToken_Returns401");
        yield return new TestCaseData("GET", "/api/v1/audit/aggregates").SetName("Aggregates_NoToken_Returns401");
        yield return new TestCaseData("GET", "/api/v1/audit/export.csv").SetName("ExportCsv_NoToken_Returns401");
        yield return new TestCaseData("GET", "/api/v1/audit/false-positives.jsonl").SetName("ExportFalsePositives_NoToken_Returns401");
    }

    [TestCaseSource(nameof(AllEndpoints))]
    public async Task Endpoint_NoToken_Returns401(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Drafts.Json(new { });
        }

        using var response = await _host.Client(null).SendAsync(request);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ListFlags_TokenWithoutReplyCoachRole_Returns403()
    {
        var token = TestTokens.Create(roles: null, userId: "stranger");

        using var response = await _host.Client(token).GetAsync("/api/v1/audit/flags");

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Config_NoToken_ReturnsSignInSettingsWithoutSecrets()
    {
        var config = await Problems.JsonAsync(await _host.Client(null).GetAsync("/api/v1/audit/config"));

        Assert.That(config.GetProperty("developmentMode").GetBoolean(), Is.False);
        Assert.That(config.GetProperty("authority").GetString(), Is.EqualTo(TestTokens.Issuer));
        Assert.That(config.GetProperty("clientId").GetString(), Is.EqualTo(TestTokens.ClientId));
        Assert.That(config.GetProperty("scope").GetString(), Is.EqualTo($"api://{TestTokens.ClientId}/access_as_user"));
    }

    [TestCase("review")]
    [TestCase("false-positive")]
    public async Task LeadWrite_AgentToken_Returns403AndChangesNothing(string action)
    {
        using var response = await _host.Client(AuditTestHost.Agent("agent-1")).PostAsync($"/api/v1/audit/flags/{_teamA1}/{action}", Drafts.Json(new { note = "x" }));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        var record = await _host.Store.GetAsync(_teamA1, AuditScope.All);
        Assert.That(record!.ReviewedAt, Is.Null);
        Assert.That(record.FalsePositive, Is.False);
    }

    [TestCase("/api/v1/audit/export.csv")]
    [TestCase("/api/v1/audit/false-positives.jsonl")]
    public async Task Export_AgentToken_Returns403(string path)
    {
        using var response = await _host.Client(AuditTestHost.Agent()).GetAsync(path);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task ListFlags_Lead_SeesOnlyOwnTeam()
    {
        var page = await Problems.JsonAsync(await _host.Client(AuditTestHost.Lead("team-a")).GetAsync("/api/v1/audit/flags"));

        Assert.That(Ids(page), Is.EquivalentTo(new[] { _teamA1, _teamA2 }));
    }

    [Test]
    public async Task ListFlags_LeadAskingForAnotherTeam_GetsNothing()
    {
        var page = await Problems.JsonAsync(await _host.Client(AuditTestHost.Lead("team-a")).GetAsync("/api/v1/audit/flags?team=team-b"));

        Assert.That(Ids(page), Is.Empty);
    }

    [Test]
    public async Task ListFlags_Agent_SeesOnlyOwnRecordsWhateverTheFilter()
    {
        var client = _host.Client(AuditTestHost.Agent("agent-1"));

        var own = await Problems.JsonAsync(await client.GetAsync("/api/v1/audit/flags"));
        var other = await Problems.JsonAsync(await client.GetAsync("/api/v1/audit/flags?agent=agent-2"));

        Assert.That(Ids(own), Is.EqualTo(new[] { _teamA1 }));
        Assert.That(Ids(other), Is.Empty);
    }

    [Test]
    public async Task ListFlags_LeadWithoutTeamClaim_Returns403()
    {
        var token = AuditTestHost.Token("lead-x", team: null, lead: true);

        using var response = await _host.Client(token).GetAsync("/api/v1/audit/flags");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("no team"));
    }

    [Test]
    public async Task GetFlag_OtherTeamsFlag_Returns404()
    {
        using var response = await _host.Client(AuditTestHost.Lead("team-a")).GetAsync($"/api/v1/audit/flags/{_teamB1}");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task GetFlag_OtherAgentsFlag_Returns404ForAgent()
    {
        using var response = await _host.Client(AuditTestHost.Agent("agent-1")).GetAsync($"/api/v1/audit/flags/{_teamA2}");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task GetFlag_OwnFlag_ReturnsDetailForAgent()
    {
        var detail = await Problems.JsonAsync(await _host.Client(AuditTestHost.Agent("agent-1")).GetAsync($"/api/v1/audit/flags/{_teamA1}"));

        Assert.That(detail.GetProperty("summary").GetProperty("id").GetInt64(), Is.EqualTo(_teamA1));
        Assert.That(detail.GetProperty("spans")[0].GetProperty("text").GetString(), Is.EqualTo("you clearly did not read"));
    }

    [TestCase("review")]
    [TestCase("false-positive")]
    public async Task LeadWrite_OtherTeamsFlag_Returns404AndChangesNothing(string action)
    {
        using var response = await _host.Client(AuditTestHost.Lead("team-a")).PostAsync($"/api/v1/audit/flags/{_teamB1}/{action}", Drafts.Json(new { note = "x" }));

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        var record = await _host.Store.GetAsync(_teamB1, AuditScope.All);
        Assert.That(record!.ReviewedAt, Is.Null);
        Assert.That(record.FalsePositive, Is.False);
    }

    [TestCase("review")]
    [TestCase("false-positive")]
    public async Task LeadWrite_LeadWithoutTeam_Returns403(string action)
    {
        var token = AuditTestHost.Token("lead-x", team: null, lead: true);

        using var response = await _host.Client(token).PostAsync($"/api/v1/audit/flags/{_teamA1}/{action}", Drafts.Json(new { }));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Aggregates_Lead_CountsOnlyOwnTeam()
    {
        var body = await Problems.JsonAsync(await _host.Client(AuditTestHost.Lead("team-b")).GetAsync("/api/v1/audit/aggregates?groupBy=agent"));

        var groups = body.GetProperty("groups").EnumerateArray().ToList();
        Assert.That(groups.Select(g => g.GetProperty("key").GetString()), Is.EqualTo(new[] { "agent-9" }));
    }

    [Test]
    public async Task Aggregates_Agent_CountsOnlyOwnRecords()
    {
        var body = await Problems.JsonAsync(await _host.Client(AuditTestHost.Agent("agent-2")).GetAsync("/api/v1/audit/aggregates?groupBy=team"));

        var groups = body.GetProperty("groups").EnumerateArray().ToList();
        Assert.That(groups, Has.Count.EqualTo(1));
        Assert.That(groups[0].GetProperty("flags").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task ExportCsv_Lead_ContainsOnlyOwnTeamsRows()
    {
        using var response = await _host.Client(AuditTestHost.Lead("team-b")).GetAsync("/api/v1/audit/export.csv");
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.StartWith(_teamB1 + ","));
        Assert.That(csv, Does.Not.Contain("agent-1"));
    }

    [Test]
    public async Task RecordOutcome_AnotherAgentsCheckId_NotFoundAndUnchanged()
    {
        var body = await Problems.JsonAsync(await _host.Client(AuditTestHost.Agent("agent-2"))
            .PostAsync("/api/v1/outcomes", Drafts.Json(new { checkId = "check-a1-0001", outcome = "discarded" })));

        Assert.That(body.GetProperty("recorded").GetBoolean(), Is.False);
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("not_found"));
        Assert.That((await _host.Store.GetAsync(_teamA1, AuditScope.All))!.Outcome, Is.EqualTo(AuditOutcome.Pending));
    }

    private static long[] Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();
}
