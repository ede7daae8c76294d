namespace ReplyCoach.Api.Tests;

/// <summary>A fixture with one service (the real engine, default settings) and a client signed in as an agent.</summary>
public abstract class AgentClientFixture
{
    private ApiFactory _factory = null!;

    /// <summary>A client with an agent's bearer token.</summary>
    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        _factory = new ApiFactory();
        Client = _factory.Client(TestTokens.Agent());
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
