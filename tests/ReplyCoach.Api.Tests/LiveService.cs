using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// The real service on a real loopback socket (Kestrel, not the test server), in development mode, for the
/// browser and the on-send handler. Started once for the test run.
/// </summary>
internal static class LiveService
{
    private static readonly Lazy<(ApiFactory Factory, string Origin)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Origin => Server.Value.Origin;

    private static (ApiFactory, string) Start()
    {
        var factory = ApiFactory.InDevelopmentMode();
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (factory, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
    }

    public static async Task StopAsync()
    {
        if (Server.IsValueCreated)
        {
            await Server.Value.Factory.DisposeAsync();
        }
    }
}

/// <summary>Stops the live service after all tests.</summary>
[SetUpFixture]
public sealed class LiveServiceTeardown
{
    [OneTimeTearDown]
    public async Task StopLiveService() => await LiveService.StopAsync();
}
