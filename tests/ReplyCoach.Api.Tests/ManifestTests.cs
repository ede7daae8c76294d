using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// The add-in manifests as <c>replycoach manifest stamp</c> writes them: the XML add-in-only manifest and the
/// unified JSON manifest, checked element by element (the schemas are not available offline), with every URL
/// served by the service and every resource id and icon consistent.
/// </summary>
[TestFixture]
public sealed partial class ManifestTests
{
    private const string Origin = "https://replycoach.contoso.com:8443";
    private const string ClientId = "9b2e4c6a-1d3f-4a5b-8c7d-0e1f2a3b4c5d";

    private static readonly XNamespace App = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static readonly XNamespace Vo10 = "http://schemas.microsoft.com/office/mailappversionoverrides";
    private static readonly XNamespace Vo11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";

    private DirectoryInfo _out = null!;
    private XDocument _xml = null!;
    private JsonElement _json;
    private ApiFactory _service = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Stamp()
    {
        _out = Directory.CreateTempSubdirectory("manifest-");
        var result = await RunCliAsync("manifest", "stamp", "--origin", Origin + "/", "--out", _out.FullName, "--client-id", ClientId);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        _xml = XDocument.Load(Path.Combine(_out.FullName, "manifest.xml"));
        _json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out.FullName, "manifest.json"))).RootElement.Clone();
        _service = new ApiFactory();
        _client = _service.Client(null);
    }

    [OneTimeTearDown]
    public async Task Cleanup()
    {
        _out.Delete(recursive: true);
        _client.Dispose();
        await _service.DisposeAsync();
    }

    // --- the add-in-only XML manifest ---------------------------------------------------------------

    [Test]
    public void Xml_Root_IsAMailAppWithEveryRequiredElement()
    {
        var root = _xml.Root!;
        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo(App + "OfficeApp"));
            Assert.That((string?)root.Attribute(Xsi + "type"), Is.EqualTo("MailApp"));
            Assert.That(Guid.TryParse(root.Element(App + "Id")?.Value, out _), Is.True);
            Assert.That(root.Element(App + "Version")?.Value, Does.Match(@"^\d+\.\d+\.\d+\.\d+$"));
            Assert.That(root.Element(App + "ProviderName")?.Value, Is.Not.Empty);
            Assert.That(root.Element(App + "DefaultLocale")?.Value, Is.EqualTo("en-US"));
            Assert.That((string?)root.Element(App + "DisplayName")?.Attribute("DefaultValue"), Is.EqualTo("ReplyCoach"));
            Assert.That((string?)root.Element(App + "Description")?.Attribute("DefaultValue"), Is.Not.Empty);
            Assert.That((string?)root.Element(App + "IconUrl")?.Attribute("DefaultValue"), Is.EqualTo(Origin + "/assets/icon-64.png"));
            Assert.That((string?)root.Element(App + "HighResolutionIconUrl")?.Attribute("DefaultValue"), Is.EqualTo(Origin + "/assets/icon-128.png"));
            Assert.That(root.Element(App + "AppDomains")?.Elements(App + "AppDomain").Select(e => e.Value), Does.Contain(Origin));
            Assert.That((string?)root.Element(App + "Hosts")?.Element(App + "Host")?.Attribute("Name"), Is.EqualTo("Mailbox"));
            Assert.That(root.Element(App + "Requirements")?.Descendants(App + "Set").Select(e => (string?)e.Attribute("Name")), Does.Contain("Mailbox"));
            Assert.That(root.Element(App + "Permissions")?.Value, Is.EqualTo("ReadWriteItem"));
            var rule = root.Descendants(App + "Rule").Single(r => (string?)r.Attribute(Xsi + "type") == "ItemIs");
            Assert.That(((string?)rule.Attribute("ItemType"), (string?)rule.Attribute("FormType")), Is.EqualTo(("Message", "Edit")));
            var form = root.Element(App + "FormSettings")?.Element(App + "Form");
            Assert.That((string?)form?.Attribute(Xsi + "type"), Is.EqualTo("ItemEdit"));
        });
    }

    [Test]
    public void Xml_VersionOverrides_NestV11InsideV10()
    {
        var v10 = _xml.Root!.Element(Vo10 + "VersionOverrides");
        Assert.That(v10, Is.Not.Null);
        Assert.That((string?)v10!.Attribute(Xsi + "type"), Is.EqualTo("VersionOverridesV1_0"));
        var v11 = v10.Element(Vo11 + "VersionOverrides");
        Assert.That(v11, Is.Not.Null);
        Assert.That((string?)v11!.Attribute(Xsi + "type"), Is.EqualTo("VersionOverridesV1_1"));
        Assert.That((string?)v11.Element(Vo11 + "Requirements")?.Element(Bt + "Sets")?.Attribute("DefaultMinVersion"), Is.EqualTo("1.12"),
            "OnMessageSend needs Mailbox 1.12");
    }

    [Test]
    public void Xml_ComposeSurface_HasTheTaskPaneButton()
    {
        foreach (var (overrides, ns) in VersionOverrides())
        {
            var surface = overrides.Descendants(ns + "ExtensionPoint").Single(e => (string?)e.Attribute(Xsi + "type") == "MessageComposeCommandSurface");
            var control = surface.Descendants(ns + "Control").Single();
            Assert.Multiple(() =>
            {
                Assert.That((string?)control.Attribute("id"), Is.EqualTo("msgComposeOpenPaneButton"));
                Assert.That((string?)control.Attribute(Xsi + "type"), Is.EqualTo("Button"));
                var action = control.Element(ns + "Action")!;
                Assert.That((string?)action.Attribute(Xsi + "type"), Is.EqualTo("ShowTaskpane"));
                Assert.That(Url(overrides, ns, (string)action.Element(ns + "SourceLocation")!.Attribute("resid")!), Is.EqualTo(Origin + "/taskpane.html"));
                Assert.That(control.Element(ns + "Icon")!.Elements(Bt + "Image").Select(i => (string?)i.Attribute("size")), Is.EqualTo(new[] { "16", "32", "80" }));
            });
        }
    }

    [Test]
    public void Xml_LaunchEvent_OnMessageSendPromptsUserWithJavaScriptRuntimeOverride()
    {
        var (v11, ns) = VersionOverrides().Last();
        var runtime = v11.Descendants(ns + "Runtime").Single();
        var launch = v11.Descendants(ns + "ExtensionPoint").Single(e => (string?)e.Attribute(Xsi + "type") == "LaunchEvent");
        var launchEvent = launch.Descendants(ns + "LaunchEvent").Single();
        var javascript = runtime.Elements(ns + "Override").Single(o => (string?)o.Attribute("type") == "javascript");
        Assert.Multiple(() =>
        {
            Assert.That((string?)launchEvent.Attribute("Type"), Is.EqualTo("OnMessageSend"));
            Assert.That((string?)launchEvent.Attribute("FunctionName"), Is.EqualTo("onMessageSendHandler"));
            Assert.That((string?)launchEvent.Attribute("SendMode"), Is.EqualTo("PromptUser"));
            Assert.That((string?)launch.Element(ns + "SourceLocation")?.Attribute("resid"), Is.EqualTo((string?)runtime.Attribute("resid")),
                "the launch event runs in the declared runtime");
            Assert.That(Url(v11, ns, (string)runtime.Attribute("resid")!), Is.EqualTo(Origin + "/launchevent.html"));
            Assert.That(Url(v11, ns, (string)javascript.Attribute("resid")!), Is.EqualTo(Origin + "/launchevent.js"));
            Assert.That(VersionOverrides().First().Overrides.Descendants(Vo10 + "ExtensionPoint")
                .Where(e => e.Parent?.Parent?.Parent?.Parent == VersionOverrides().First().Overrides)
                .Any(e => (string?)e.Attribute(Xsi + "type") == "LaunchEvent"), Is.False, "launch events exist only in VersionOverrides 1.1");
        });
    }

    [Test]
    public void Xml_WebApplicationInfo_NamesTheApiForSso()
    {
        var (v11, ns) = VersionOverrides().Last();
        var info = v11.Element(ns + "WebApplicationInfo");
        Assert.That(info, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(info!.Element(ns + "Id")?.Value, Is.EqualTo(ClientId));
            Assert.That(info.Element(ns + "Resource")?.Value, Is.EqualTo($"api://replycoach.contoso.com:8443/{ClientId}"));
            Assert.That(info.Element(ns + "Scopes")?.Elements(ns + "Scope").Select(s => s.Value), Does.Contain("openid"));
        });
    }

    [Test]
    public void Xml_ResourceIds_AreDefinedUniqueAndUsed()
    {
        foreach (var (overrides, ns) in VersionOverrides())
        {
            var resources = overrides.Element(ns + "Resources")!;
            var defined = resources.Descendants().Where(e => e.Attribute("id") is not null).Select(e => (string)e.Attribute("id")!).ToList();
            var used = overrides.Descendants().Where(e => e.Attribute("resid") is not null && !e.Ancestors(Vo11 + "VersionOverrides").Any(a => a != overrides))
                .Select(e => (string)e.Attribute("resid")!).Distinct().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(defined, Is.Unique, "resource ids are unique");
                Assert.That(used, Is.SubsetOf(defined), "every resid is defined");
                Assert.That(defined, Is.SubsetOf(used), "every resource is used");
                Assert.That(defined.All(id => id.Length <= 32), Is.True, "resource ids are at most 32 characters");
                Assert.That(resources.Descendants(Bt + "String").Where(s => s.Parent!.Name == Bt + "ShortStrings").All(s => ((string)s.Attribute("DefaultValue")!).Length <= 125), Is.True);
                Assert.That(resources.Descendants(Bt + "String").Where(s => s.Parent!.Name == Bt + "LongStrings").All(s => ((string)s.Attribute("DefaultValue")!).Length <= 250), Is.True);
            });
        }
    }

    [Test]
    public async Task Xml_EveryUrl_IsOnTheOriginAndServed()
    {
        var urls = _xml.Descendants().Attributes("DefaultValue").Select(a => a.Value).Where(v => v.StartsWith("http", StringComparison.Ordinal))
            .Concat(_xml.Descendants(App + "AppDomain").Select(e => e.Value))
            .Distinct().ToList();
        Assert.That(urls, Has.Count.GreaterThan(5));
        Assert.That(urls, Has.All.StartWith(Origin));
        Assert.That(_xml.ToString(), Does.Not.Contain("localhost:5443"));
        foreach (var url in urls.Where(u => u != Origin))
        {
            await AssertServedAsync(url);
        }
    }

    [Test]
    public async Task Xml_Icons_ArePngsOfTheDeclaredSize()
    {
        foreach (var image in _xml.Descendants(Bt + "Image").Where(i => i.Attribute("DefaultValue") is not null))
        {
            var size = int.Parse(Regex.Match((string)image.Attribute("id")!, @"(\d+)x\1").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var bytes = await _client.GetByteArrayAsync(LocalPath((string)image.Attribute("DefaultValue")!));
            Assert.That(PngSize(bytes), Is.EqualTo((size, size)), (string)image.Attribute("id")!);
        }

        Assert.That(PngSize(await _client.GetByteArrayAsync("/assets/icon-64.png")), Is.EqualTo((64, 64)));
        Assert.That(PngSize(await _client.GetByteArrayAsync("/assets/icon-128.png")), Is.EqualTo((128, 128)));
    }

    // --- the unified JSON manifest ------------------------------------------------------------------

    [Test]
    public void Json_TopLevel_HasEveryRequiredMember()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_json.GetProperty("$schema").GetString(), Does.Contain("MicrosoftTeams.schema.json"));
            Assert.That(_json.GetProperty("manifestVersion").GetString(), Is.EqualTo("1.22"));
            Assert.That(_json.GetProperty("version").GetString(), Does.Match(@"^\d+\.\d+\.\d+$"));
            Assert.That(_json.GetProperty("id").GetString(), Is.EqualTo(_xml.Root!.Element(App + "Id")!.Value), "the same add-in");
            Assert.That(_json.GetProperty("name").GetProperty("short").GetString()!.Length, Is.InRange(1, 30));
            Assert.That(_json.GetProperty("name").GetProperty("full").GetString()!.Length, Is.InRange(1, 100));
            Assert.That(_json.GetProperty("description").GetProperty("short").GetString()!.Length, Is.InRange(1, 80));
            Assert.That(_json.GetProperty("description").GetProperty("full").GetString()!.Length, Is.InRange(1, 4000));
            Assert.That(_json.GetProperty("developer").GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(_json.GetProperty("accentColor").GetString(), Does.Match("^#[0-9A-Fa-f]{6}$"));
            Assert.That(_json.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "replycoach.contoso.com:8443" }));
            Assert.That(_json.GetProperty("webApplicationInfo").GetProperty("id").GetString(), Is.EqualTo(ClientId));
            Assert.That(_json.GetProperty("webApplicationInfo").GetProperty("resource").GetString(), Is.EqualTo($"api://replycoach.contoso.com:8443/{ClientId}"));
            Assert.That(_json.GetProperty("authorization").GetProperty("permissions").GetProperty("resourceSpecific")[0].GetProperty("name").GetString(),
                Is.EqualTo("MailboxItem.ReadWrite.User"));
        });
    }

    [Test]
    public void Json_Extension_RuntimesRibbonAndAutoRunEventAreConsistent()
    {
        var extension = _json.GetProperty("extensions").EnumerateArray().Single();
        var runtimes = extension.GetProperty("runtimes").EnumerateArray().ToList();
        var actions = runtimes.SelectMany(r => r.GetProperty("actions").EnumerateArray()).ToDictionary(a => a.GetProperty("id").GetString()!);
        var controls = extension.GetProperty("ribbons").EnumerateArray()
            .SelectMany(r => r.GetProperty("tabs").EnumerateArray()).SelectMany(t => t.GetProperty("groups").EnumerateArray())
            .SelectMany(g => g.GetProperty("controls").EnumerateArray()).ToList();
        var events = extension.GetProperty("autoRunEvents").EnumerateArray().SelectMany(e => e.GetProperty("events").EnumerateArray()).ToList();
        var autorun = runtimes.Single(r => r.GetProperty("id").GetString() == "AutoRunRuntime");
        Assert.Multiple(() =>
        {
            Assert.That(extension.GetProperty("requirements").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "mail" }));
            Assert.That(runtimes.Select(r => r.GetProperty("id").GetString()), Is.Unique);
            Assert.That(controls.Select(c => c.GetProperty("actionId").GetString()), Has.All.AnyOf(actions.Keys.Cast<object>().ToArray()));
            Assert.That(controls.Single().GetProperty("id").GetString(), Is.EqualTo("msgComposeOpenPaneButton"), "the Smart Alert's commandId");
            Assert.That(actions[controls.Single().GetProperty("actionId").GetString()!].GetProperty("type").GetString(), Is.EqualTo("openPage"));
            Assert.That(extension.GetProperty("ribbons")[0].GetProperty("contexts").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "mailCompose" }));
            Assert.That(events.Single().GetProperty("type").GetString(), Is.EqualTo("messageSending"));
            Assert.That(events.Single().GetProperty("options").GetProperty("sendMode").GetString(), Is.EqualTo("promptUser"));
            Assert.That(actions[events.Single().GetProperty("actionId").GetString()!].GetProperty("type").GetString(), Is.EqualTo("executeFunction"));
            Assert.That(events.Single().GetProperty("actionId").GetString(), Is.EqualTo("onMessageSendHandler"), "the name launchevent.js associates");
            Assert.That(autorun.GetProperty("code").GetProperty("page").GetString(), Is.EqualTo(Origin + "/launchevent.html"));
            Assert.That(autorun.GetProperty("code").GetProperty("script").GetString(), Is.EqualTo(Origin + "/launchevent.js"));
            Assert.That(autorun.GetProperty("actions")[0].GetProperty("id").GetString(), Is.EqualTo("onMessageSendHandler"));
            Assert.That(autorun.GetProperty("requirements").GetProperty("capabilities")[0].GetProperty("minVersion").GetString(), Is.EqualTo("1.12"));
        });
    }

    [Test]
    public async Task Json_EveryUrl_IsOnTheOriginAndServed()
    {
        var urls = new List<string>();
        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject().Where(p => p.Name != "$schema"))
                    {
                        Walk(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.String when element.GetString()!.StartsWith("http", StringComparison.Ordinal):
                    urls.Add(element.GetString()!);
                    break;
            }
        }

        Walk(_json);
        Assert.That(urls, Has.Count.GreaterThan(5));
        Assert.That(urls, Has.All.StartWith(Origin + "/"));
        foreach (var url in urls.Distinct())
        {
            await AssertServedAsync(url);
        }
    }

    [Test]
    public void Json_AppPackage_HoldsTheManifestAndBothIconsAtTheRightSizes()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_out.FullName, "replycoach-addin.zip"));
        Assert.That(zip.Entries.Select(e => e.FullName), Is.EquivalentTo(new[] { "manifest.json", "color.png", "outline.png" }));
        Assert.That(PngSize(Read(zip, _json.GetProperty("icons").GetProperty("color").GetString()!)), Is.EqualTo((192, 192)));
        Assert.That(PngSize(Read(zip, _json.GetProperty("icons").GetProperty("outline").GetString()!)), Is.EqualTo((32, 32)));
        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        Assert.That(manifest.RootElement.GetProperty("id").GetString(), Is.EqualTo(_json.GetProperty("id").GetString()));
    }

    // --- the command --------------------------------------------------------------------------------

    [Test]
    public async Task Stamp_WithoutClientId_LeavesOutSso()
    {
        var dir = Directory.CreateTempSubdirectory("manifest-nosso-");
        try
        {
            var result = await RunCliAsync("manifest", "stamp", "--origin", "https://localhost:5443", "--out", dir.FullName);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            var xml = XDocument.Load(Path.Combine(dir.FullName, "manifest.xml"));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.FullName, "manifest.json")));
            Assert.Multiple(() =>
            {
                Assert.That(xml.Descendants(Vo11 + "WebApplicationInfo"), Is.Empty);
                Assert.That(json.RootElement.TryGetProperty("webApplicationInfo", out _), Is.False);
                Assert.That(xml.Descendants(Vo11 + "LaunchEvent").Count(), Is.EqualTo(1));
            });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestCase("http://replycoach.contoso.com")]
    [TestCase("https://replycoach.contoso.com/addin")]
    [TestCase("not a url")]
    public async Task Stamp_BadOrigin_FailsWithUsageError(string origin)
    {
        var result = await RunCliAsync("manifest", "stamp", "--origin", origin, "--out", Path.Combine(Path.GetTempPath(), "never-written"));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stderr, Does.Contain("--origin"));
        });
    }

    [Test]
    public void Templates_AreWellFormedAndWrittenForTheDefaultOrigin()
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "manifest");
        var xml = File.ReadAllText(Path.Combine(dir, "manifest.xml"));
        Assert.DoesNotThrow(() => XDocument.Parse(xml));
        Assert.DoesNotThrow(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).Dispose());
        Assert.That(UrlPattern().Matches(xml).Select(m => m.Value).Where(u => !u.Contains("schemas.microsoft.com", StringComparison.Ordinal) && !u.Contains("www.w3.org", StringComparison.Ordinal)),
            Has.All.StartWith("https://localhost:5443"));
    }

    [Test]
    public void LaunchEventScript_CommandIdMatchesTheManifestButton()
    {
        var script = File.ReadAllText(TestPaths.LaunchEventScript);
        Assert.That(script, Does.Contain("var REPLYCOACH_TASKPANE_COMMAND = \"msgComposeOpenPaneButton\";"));
    }

    // --- helpers ------------------------------------------------------------------------------------

    private IEnumerable<(XElement Overrides, XNamespace Ns)> VersionOverrides()
    {
        var v10 = _xml.Root!.Element(Vo10 + "VersionOverrides")!;
        yield return (v10, Vo10);
        yield return (v10.Element(Vo11 + "VersionOverrides")!, Vo11);
    }

    private static string Url(XElement overrides, XNamespace ns, string resid) =>
        (string)overrides.Element(ns + "Resources")!.Descendants(Bt + "Url").Single(u => (string?)u.Attribute("id") == resid).Attribute("DefaultValue")!;

    private static string LocalPath(string url) => new Uri(url).PathAndQuery;

    private async Task AssertServedAsync(string url)
    {
        using var response = await _client.GetAsync(LocalPath(url));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private sealed record CliResult(int ExitCode, string Stdout, string Stderr);

    private static async Task<CliResult> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestPaths.RepoRoot };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "replycoach.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex("https?://[^\"<\\s]+")]
    private static partial Regex UrlPattern();
}
