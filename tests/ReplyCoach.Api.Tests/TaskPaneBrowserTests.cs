using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// The task pane in real Chromium against the real service on a loopback socket, with a test double of the
/// Office.js mailbox item. Every request outside the service is refused, so the page must work without the network.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TaskPaneBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Greeting = "<html><body><p>Hi Mark,</p>";
    private const string Closing = "<p>Kind regards,</p><p>Sam</p></body></html>";

    private static readonly string HostileParagraph =
        "<p>Thank you for the photos. You are lying about the calls, order #48213 was delivered on 14 February.</p>";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _refused = [];

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"Chromium is not installed at {ChromiumPath}; .ci/setup installs it.");
            }

            Assert.Ignore($"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).");
        }

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    [SetUp]
    public async Task OpenPage()
    {
        _refused.Clear();
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 420, Height = 900 } });
        _context.SetDefaultTimeout(15_000);
        await _context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(LiveService.Origin + "/", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                _refused.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await _context.AddInitScriptAsync(scriptPath: Path.Combine(AppContext.BaseDirectory, "Browser", "office-double.js"));
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) => TestContext.Out.WriteLine($"[console.{message.Type}] {message.Text}");
        _page.PageError += (_, error) => TestContext.Out.WriteLine($"[page error] {error}");
    }

    [TearDown]
    public async Task ClosePage()
    {
        await _context.CloseAsync();
        Assert.That(_refused, Is.Empty, "the task pane must not need anything outside the service");
    }

    private async Task OpenTaskPaneAsync(string body, bool mailbox113 = true)
    {
        await _context.AddInitScriptAsync($"window.__mail.body = {JsonSerializer.Serialize(body)}; window.__mail.mailbox113 = {(mailbox113 ? "true" : "false")};");
        await _page.GotoAsync(LiveService.Origin + "/taskpane.html");
    }

    private Task<string> BodyAsync() => _page.EvaluateAsync<string>("() => window.__mail.body");

    [Test]
    public async Task TaskPane_TypingHostileDraft_HighlightsFlaggedWordsWithReasons()
    {
        await OpenTaskPaneAsync(Greeting + Closing);
        await Assertions.Expect(_page.Locator("#summary")).Not.ToHaveTextAsync("Reading your draft…");

        // The agent types the reply word by word; the pane polls the body and checks it once typing pauses.
        var typed = "";
        foreach (var word in "Thank you for the photos. You are lying about the calls, order #48213 was delivered on 14 February.".Split(' '))
        {
            typed += (typed.Length == 0 ? "" : " ") + word;
            await _page.EvaluateAsync("text => { window.__mail.body = text; }", Greeting + "<p>" + WebUtility.HtmlEncode(typed) + "</p>" + Closing);
            await Task.Delay(60);
        }

        var mark = _page.Locator("#draft mark").First;
        await Assertions.Expect(mark).ToContainTextAsync("You are lying");
        await Assertions.Expect(_page.Locator("#level")).ToHaveTextAsync("HOLD");
        var reasonId = await mark.GetAttributeAsync("aria-describedby");
        await Assertions.Expect(_page.Locator("#" + reasonId)).ToContainTextAsync("not telling the truth");
        await Assertions.Expect(_page.Locator("#scores meter")).ToHaveCountAsync(7);
        await Assertions.Expect(_page.Locator("#scores meter[data-category=blame]")).Not.ToHaveAttributeAsync("value", "0");
        await Assertions.Expect(_page.Locator("#status")).ToContainTextAsync("flagged");
    }

    [Test]
    public async Task TaskPane_ApplyByKeyboard_EditsTheBodyAtTheRightPlace()
    {
        var body = Greeting + HostileParagraph + Closing;
        await OpenTaskPaneAsync(body);
        var apply = _page.Locator("#suggestions .apply").First;
        await Assertions.Expect(apply).ToBeVisibleAsync();
        await apply.FocusAsync();
        await _page.Keyboard.PressAsync("Enter");

        await _page.WaitForFunctionAsync("() => window.__mail.setCalls === 1");
        var after = await BodyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(after, Does.Not.Contain("You are lying"));
            Assert.That(after, Does.StartWith(Greeting + "<p>Thank you for the photos. "), "text before the flagged words is untouched");
            Assert.That(after, Does.Contain("order #48213"), "facts are kept");
            Assert.That(after, Does.EndWith(Closing), "text after the paragraph is untouched");
        });

        // The pane checks the edited draft straight away.
        await Assertions.Expect(_page.Locator("#level")).ToHaveTextAsync("OK");
        await Assertions.Expect(_page.Locator("#draft mark")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#status")).Not.ToBeEmptyAsync();
    }

    [Test]
    public async Task TaskPane_UseRewrite_ReplacesTheFlaggedSentencesOnly()
    {
        await OpenTaskPaneAsync(Greeting + HostileParagraph + Closing);
        var useRewrite = _page.Locator("#use-rewrite");
        await Assertions.Expect(useRewrite).ToBeVisibleAsync();
        await useRewrite.ClickAsync();
        await _page.WaitForFunctionAsync("() => window.__mail.setCalls === 1");
        var after = await BodyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(after, Does.Not.Contain("lying"));
            Assert.That(after, Does.StartWith(Greeting));
            Assert.That(after, Does.Contain("order #48213").And.Contain("14 February"));
            Assert.That(after, Does.EndWith(Closing));
        });
    }

    [Test]
    public async Task TaskPane_SendLater_SetsTheDelayedDeliveryTime()
    {
        await OpenTaskPaneAsync(Greeting + HostileParagraph + Closing);
        var sendLater = _page.Locator("#send-later");
        await Assertions.Expect(sendLater).ToBeEnabledAsync();

        // The button is enabled before the first answer arrives; its minutes come with the cooling-off advice.
        await Assertions.Expect(sendLater).ToHaveAttributeAsync("data-minutes", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        var minutes = int.Parse(await sendLater.GetAttributeAsync("data-minutes") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(minutes, Is.GreaterThan(0));

        var before = DateTimeOffset.UtcNow;
        await sendLater.ClickAsync();
        await _page.WaitForFunctionAsync("() => window.__mail.delayCalls === 1");
        var delay = DateTimeOffset.Parse(await _page.EvaluateAsync<string>("() => window.__mail.delay"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(delay, Is.EqualTo(before.AddMinutes(minutes)).Within(TimeSpan.FromSeconds(30)));
        await Assertions.Expect(_page.Locator("#send-later-note")).ToContainTextAsync("Delivery is set for");
        Assert.That(await _page.EvaluateAsync<int>("() => window.__mail.setCalls"), Is.Zero, "sending later does not touch the body");
    }

    [Test]
    public async Task TaskPane_OutlookWithoutMailbox113_OffersNoSendLater()
    {
        await OpenTaskPaneAsync(Greeting + HostileParagraph + Closing, mailbox113: false);
        await Assertions.Expect(_page.Locator("#cooling-section")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#send-later")).ToBeDisabledAsync();
        await Assertions.Expect(_page.Locator("#send-later-note")).ToContainTextAsync("Delay Delivery");
    }

    [Test]
    public async Task TaskPane_PoliteDraft_SaysItReadsFine()
    {
        await OpenTaskPaneAsync(Greeting + "<p>" + WebUtility.HtmlEncode(Drafts.Polite) + "</p>" + Closing);
        await Assertions.Expect(_page.Locator("#level")).ToHaveTextAsync("OK");
        await Assertions.Expect(_page.Locator("#findings")).ToBeHiddenAsync();
        await Assertions.Expect(_page.Locator("#suggestions-section")).ToBeHiddenAsync();
    }
}
