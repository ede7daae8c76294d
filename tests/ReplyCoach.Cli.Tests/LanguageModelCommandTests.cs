using System.Text.Json;
using ReplyCoach.TestKit.FakeChatModel;

namespace ReplyCoach.Cli.Tests;

/// <summary>
/// <c>replycoach rewrite --jsonl</c> and <c>replycoach coach</c> read the same language-model configuration
/// (<c>ReplyCoach:Coaching:LanguageModel</c>, here from the environment) and talk to a real chat-completions server
/// on loopback.
/// </summary>
[TestFixture]
public sealed class LanguageModelCommandTests
{
    private const string Draft = FakeChatSamples.Draft;
    private const string Polite = "Your replacement ships on Monday. Thank you for your patience.";
    private const string ModelWording = FakeChatSamples.GoodWording;
    private const string ApiKey = "cli-test-key-51d0";

    private FakeChatListener _model = null!;

    [OneTimeSetUp]
    public void Start() => _model = FakeChatListener.Start();

    [SetUp]
    public void Reset() => _model.Reset();

    [OneTimeTearDown]
    public void Stop() => _model.Dispose();

    [Test]
    public async Task RewriteJsonl_LanguageModelConfigured_UsesItsVerifiedWording()
    {
        _model.Answer = _ => FakeChatAnswer.Reply(ModelWording);

        var lines = await RewriteBatchAsync(Configuration());

        Assert.Multiple(() =>
        {
            Assert.That(lines[0].GetProperty("rewrite").GetString(), Is.EqualTo("Thanks for waiting. " + ModelWording));
            Assert.That(lines[1].GetProperty("rewrite").GetString(), Is.EqualTo(Polite));
            Assert.That(_model.RequestCount, Is.EqualTo(1), "only the flagged sentence is sent");
            Assert.That(_model.Requests.Single().Authorization, Is.EqualTo("Bearer " + ApiKey));
            Assert.That(_model.Requests.Single().Model, Is.EqualTo("test-model"));
        });
    }

    [Test]
    public async Task RewriteJsonl_ModelFails_SameRewriteAsWithoutTheModel()
    {
        _model.Answer = _ => FakeChatAnswer.Fail(500);

        var withModel = await RewriteBatchAsync(Configuration());
        var asked = _model.RequestCount;
        var without = await RewriteBatchAsync(null);

        Assert.That(asked, Is.EqualTo(1));
        Assert.That(_model.RequestCount, Is.EqualTo(1), "nothing is asked without configuration");
        Assert.That(withModel.Select(static l => l.GetRawText()), Is.EqualTo(without.Select(static l => l.GetRawText())));
        Assert.That(without[0].GetProperty("rewrite").GetString(), Is.Not.EqualTo(Draft).And.Not.Contain(ModelWording));
    }

    [Test]
    public async Task CoachJson_AzureStyleKeyHeader_SendsTheKeyInApiKeyAndMarksTheSource()
    {
        _model.Answer = _ => FakeChatAnswer.Reply(ModelWording);
        var configuration = Configuration();
        configuration["ReplyCoach__Coaching__LanguageModel__ApiKeyHeader"] = "api-key";

        var result = await CliProcess.RunWithEnvironmentAsync(configuration, Draft, "coach", "--json", "-");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var sentence = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("rewrite").GetProperty("sentences")[0];
        var request = _model.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(sentence.GetProperty("after").GetString(), Is.EqualTo(ModelWording));
            Assert.That(sentence.GetProperty("source").GetString(), Is.EqualTo("language-model"));
            Assert.That(request.ApiKey, Is.EqualTo(ApiKey));
            Assert.That(request.Authorization, Is.Null);
        });
    }

    private Dictionary<string, string> Configuration() => new()
    {
        ["ReplyCoach__Coaching__LanguageModel__Enabled"] = "true",
        ["ReplyCoach__Coaching__LanguageModel__Endpoint"] = _model.Endpoint.ToString(),
        ["ReplyCoach__Coaching__LanguageModel__Model"] = "test-model",
        ["ReplyCoach__Coaching__LanguageModel__ApiKey"] = ApiKey,
        ["ReplyCoach__Coaching__LanguageModel__Timeout"] = "00:00:10",
    };

    private static async Task<JsonElement[]> RewriteBatchAsync(Dictionary<string, string>? configuration)
    {
        var input = string.Join('\n',
            JsonSerializer.Serialize(new { id = "a", text = Draft }),
            JsonSerializer.Serialize(new { id = "b", text = Polite }));
        var result = await CliProcess.RunWithEnvironmentAsync(configuration, input, "rewrite", "--jsonl");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.That(lines, Has.Length.EqualTo(2));
        return lines;
    }
}
