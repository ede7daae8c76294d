using ReplyCoach.Audit.Tests.Support;

namespace ReplyCoach.Audit.Tests;

/// <summary>Stops the throwaway PostgreSQL cluster (if the tests started one) after the last test.</summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    [OneTimeTearDown]
    public async Task StopPostgres() => await PostgresServer.StopAsync();
}
