using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Tests.Audit;

/// <summary>
/// The dashboard in a real Chromium against the real service on a loopback socket, signed in through the real
/// PKCE code flow: the browser's requests to the Entra ID sign-in host are answered by the test (the authorize
/// step redirects back with a code, the token step returns a real signed token), so roles and the team claim are
/// checked by the service exactly as in production.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private AuditTestHost _host = null!;
    private string _origin = "";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private long _threatFlag;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Ignore($"Chromium is not installed at {Chromium} (apt-get install -y chromium; .ci/setup does it).");
        }

        _host = new AuditTestHost();
        _host.Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _host.Factory.StartServer();
        _origin = _host.Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

        var now = DateTimeOffset.UtcNow;
        await _host.SeedAsync("b-blame-001", agent: "agent-1", category: ToneCategory.Blame, at: now.AddDays(-1), outcome: AuditOutcome.AppliedSuggestion, riskAtSend: 0.1);
        await _host.SeedAsync("b-blame-002", agent: "agent-2", category: ToneCategory.Blame, at: now.AddDays(-2), outcome: AuditOutcome.SentAnyway, riskAtSend: 0.9);
        _threatFlag = await _host.SeedAsync("b-threat-01", agent: "agent-2", category: ToneCategory.Threat, at: now.AddDays(-3), words: "we will see you in court");
        await _host.SeedAsync("b-hostile-1", agent: "agent-1", category: ToneCategory.Hostility, at: now.AddDays(-9), level: RiskLevel.Caution, risk: 0.6);
        await _host.SeedAsync("b-other-001", agent: "agent-9", team: "team-b", category: ToneCategory.Threat, at: now.AddDays(-1));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task Lead_FiltersOpensFlagMarksReviewedAndFalsePositive_SavedInTheStore()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await SignInAsync(context, AuditTestHost.Lead("team-a", "lead-a"));

        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("team team-a");
        await Assertions.Expect(page.Locator("tr.flag-row")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#chart-weekly svg rect")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#chart-improved svg")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("50% of 2"));

        await page.SelectOptionAsync("#f-category", "threat");
        await page.ClickAsync("#apply");
        await Assertions.Expect(page.Locator("tr.flag-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tr.flag-row")).ToContainTextAsync("Threat");

        await page.Locator("tr.flag-row").ClickAsync();
        var dialog = page.Locator("#detail");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("mark")).ToHaveTextAsync("we will see you in court");
        await Assertions.Expect(dialog.Locator("#detail-suggestions")).ToContainTextAsync("the instructions may have been easy to miss");
        await Assertions.Expect(dialog.Locator("#detail-outcome")).ToContainTextAsync("Not reported");

        await page.FillAsync("#note", "Let's talk about firmer wording without legal threats.");
        await page.ClickAsync("#mark-reviewed");
        await Assertions.Expect(dialog.Locator("#detail-review")).ToContainTextAsync("Reviewed");
        await page.ClickAsync("#mark-fp");
        await Assertions.Expect(dialog.Locator("#mark-fp")).ToHaveTextAsync("Not a false positive");
        await page.ClickAsync("#close-detail");
        await Assertions.Expect(page.Locator("tr.flag-row")).ToContainTextAsync("Reviewed");
        await Assertions.Expect(page.Locator("tr.flag-row")).ToContainTextAsync("False positive");

        var record = await _host.Store.GetAsync(_threatFlag, AuditScope.All);
        Assert.That(record!.ReviewedBy, Is.EqualTo("lead-a"));
        Assert.That(record.CoachingNote, Is.EqualTo("Let's talk about firmer wording without legal threats."));
        Assert.That(record.FalsePositive, Is.True);
    }

    [Test]
    public async Task Agent_SignsIn_CannotOpenTheDashboard()
    {
        await using var context = await _browser.NewContextAsync();
        var answered = new List<(string Url, int Status)>();
        var page = await SignInAsync(context, AuditTestHost.Agent("agent-1"), answered);

        await Assertions.Expect(page.Locator("body[data-denied=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#alert")).ToContainTextAsync("for team leads");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
        Assert.That(await page.Locator("tr.flag-row").CountAsync(), Is.Zero);
        Assert.That(answered.Where(a => a.Url.Contains("/api/v1/audit/flags", StringComparison.Ordinal)), Is.Empty, "the page asks for no flags");

        // And the lead-only API refuses the agent's token outright.
        var token = await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('replycoach.dashboard.token')).token");
        using var export = await new HttpClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, _origin + "/api/v1/audit/export.csv")
        {
            Headers = { Authorization = new("Bearer", token) },
        });
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Visitor_NotSignedIn_SeesOnlyTheSignInButton()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(_origin + "/dashboard/");

        await Assertions.Expect(page.Locator("#sign-in-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
    }

    /// <summary>Opens the dashboard and signs in; the sign-in host is played by the test and issues <paramref name="token"/>.</summary>
    private async Task<IPage> SignInAsync(IBrowserContext context, string token, List<(string Url, int Status)>? answered = null)
    {
        await context.RouteAsync("https://login.microsoftonline.com/**", async route =>
        {
            var request = route.Request;
            var url = new Uri(request.Url);
            if (url.AbsolutePath.EndsWith("/oauth2/v2.0/authorize", StringComparison.Ordinal))
            {
                var query = System.Web.HttpUtility.ParseQueryString(url.Query);
                Assert.That(query["code_challenge_method"], Is.EqualTo("S256"));
                Assert.That(query["client_id"], Is.EqualTo(TestTokens.ClientId));
                Assert.That(query["redirect_uri"], Is.EqualTo(_origin + "/dashboard/"));
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 302,
                    Headers = new Dictionary<string, string> { ["Location"] = $"{_origin}/dashboard/?code=test-code&state={Uri.EscapeDataString(query["state"]!)}" },
                });
            }
            else if (url.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                var form = System.Web.HttpUtility.ParseQueryString(request.PostData ?? "");
                var ok = form["grant_type"] == "authorization_code" && form["code"] == "test-code" && form["code_verifier"]?.Length >= 43;
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = ok ? 200 : 400,
                    ContentType = "application/json",
                    Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                    Body = ok
                        ? JsonSerializer.Serialize(new { access_token = token, token_type = "Bearer", expires_in = 3600 })
                        : "{\"error\":\"invalid_grant\"}",
                });
            }
            else
            {
                await route.AbortAsync();
            }
        });

        var page = await context.NewPageAsync();
        if (answered is not null)
        {
            page.Response += (_, response) => answered.Add((response.Url, response.Status));
        }

        await page.GotoAsync(_origin + "/dashboard/");
        await page.ClickAsync("#sign-in-button");
        await page.WaitForURLAsync(_origin + "/dashboard/**");
        return page;
    }
}
