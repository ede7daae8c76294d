using System.Net.Http.Headers;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ReplyCoach.Graph.Hosting;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// The real service with the real engine, configured for a test tenant: the tenant's OpenID metadata is a
/// static configuration holding the test signing key, so no network is needed and tokens are really validated.
/// Each factory has its own data folder (the audit database, Graph sweep state) under the temporary folder, deleted
/// on dispose, so tests never write to the user's ~/.local/share/ReplyCoach; settings naming
/// <c>ReplyCoach:DataFolder</c> themselves keep theirs.
/// </summary>
internal sealed class ApiFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    private const string DataFolderKey = "ReplyCoach:DataFolder";

    private readonly string? _ownDataFolder = settings?.ContainsKey(DataFolderKey) == true
        ? null
        : Path.Combine(Path.GetTempPath(), "replycoach-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The data folder this factory created (null when the settings named one).</summary>
    public string? DataFolder => _ownDataFolder;

    /// <summary>
    /// The service connected to a fake Graph server: its tenant settings, retries shortened to tens of milliseconds,
    /// and sign-in traffic trusting the server's certificate. <paramref name="settings"/> add to or override those.
    /// </summary>
    public static ApiFactory WithFakeGraph(FakeGraphServer graph, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = graph.Settings();
        all["ReplyCoach:Graph:Resilience:RetryBaseDelay"] = "00:00:00.020";
        all["ReplyCoach:Graph:Resilience:MaxRetryDelay"] = "00:00:00.100";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ApiFactory(all, services => services.AddSingleton(new GraphIdentityTransport(new HttpClientTransport(graph.CreateTrustingHandler()))));
    }

    /// <summary>
    /// The service in development mode (no sign-in). The tests run in the "Testing" environment, so this is the
    /// explicit opt-in a published build would need too; <paramref name="settings"/> add to or override it.
    /// </summary>
    public static ApiFactory InDevelopmentMode(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ReplyCoach:Service:DevelopmentMode"] = "true",
            ["ReplyCoach:Service:AllowDevelopmentModeOutsideDevelopment"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ApiFactory(all);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not "Development": appsettings.Development.json turns on development mode.
        builder.UseEnvironment("Testing");
        builder.UseSetting("ReplyCoach:Auth:TenantId", TestTokens.TenantId);
        builder.UseSetting("ReplyCoach:Auth:ClientId", TestTokens.ClientId);
        builder.UseSetting("ReplyCoach:Service:RateLimitPermits", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (_ownDataFolder is not null)
        {
            builder.UseSetting(DataFolderKey, _ownDataFolder);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(collection =>
        {
            collection.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                var metadata = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer };
                metadata.SigningKeys.Add(TestTokens.TenantKey);
                jwt.Configuration = metadata;
                jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
            });
            services?.Invoke(collection);
        });
    }

    /// <summary>A client with a bearer token (none when null).</summary>
    public HttpClient Client(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataFolder();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataFolder();
        }
    }

    private void DeleteDataFolder()
    {
        if (_ownDataFolder is null || !Directory.Exists(_ownDataFolder))
        {
            return;
        }

        try
        {
            Directory.Delete(_ownDataFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A write handed off by the on-send check may still hold a file; the temporary folder is cleaned later.
        }
    }
}
