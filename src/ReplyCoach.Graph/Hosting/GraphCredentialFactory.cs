using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Graph.Hosting;

/// <summary>
/// The transport Azure.Identity uses for sign-in requests, when it must not be the default (a proxy, or a test
/// authority with its own certificate). Register one in the container to use it.
/// </summary>
/// <param name="transport">The transport.</param>
public sealed class GraphIdentityTransport(HttpPipelineTransport transport)
{
    /// <summary>The transport.</summary>
    public HttpPipelineTransport Transport { get; } = transport ?? throw new ArgumentNullException(nameof(transport));
}

/// <summary>
/// Builds the Azure.Identity credentials from configuration: app-only (secret, certificate or managed identity) and
/// on-behalf-of per user token. Credentials are cached: app-only for the process, on-behalf-of per user token for a
/// few minutes, so repeated calls reuse the token MSAL already holds instead of signing in again.
/// </summary>
internal sealed class GraphCredentialFactory : IDisposable
{
    private static readonly TimeSpan OnBehalfOfLifetime = TimeSpan.FromMinutes(10);
    private const int MaxOnBehalfOfCredentials = 5_000;

    private readonly GraphOptions _options;
    private readonly GraphIdentityTransport? _transport;
    private readonly TimeProvider _time;
    private readonly Lazy<X509Certificate2?> _certificate;
    private readonly Lazy<TokenCredential> _app;
    private readonly ConcurrentDictionary<string, (TokenCredential Credential, DateTimeOffset Expires)> _onBehalfOf = new(StringComparer.Ordinal);

    public GraphCredentialFactory(IOptions<GraphOptions> options, TimeProvider time, GraphIdentityTransport? transport = null)
    {
        _options = options.Value;
        _transport = transport;
        _time = time;
        _certificate = new Lazy<X509Certificate2?>(LoadCertificate);
        _app = new Lazy<TokenCredential>(CreateAppCredential);
    }

    /// <summary>The app's own credential.</summary>
    public TokenCredential App => _app.Value;

    /// <summary>A credential that exchanges the user's token for a Graph token.</summary>
    public TokenCredential OnBehalfOf(string userAssertion)
    {
        // The cache key is a hash: the token itself never sits in a dictionary key that a dump might show.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userAssertion)));
        var now = _time.GetUtcNow();
        if (_onBehalfOf.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Credential;
        }

        if (_onBehalfOf.Count >= MaxOnBehalfOfCredentials)
        {
            foreach (var (k, v) in _onBehalfOf)
            {
                if (v.Expires <= now)
                {
                    _onBehalfOf.TryRemove(k, out _);
                }
            }

            if (_onBehalfOf.Count >= MaxOnBehalfOfCredentials)
            {
                _onBehalfOf.Clear();
            }
        }

        var options = Configure(new OnBehalfOfCredentialOptions());
        TokenCredential credential = _certificate.Value is { } certificate
            ? new OnBehalfOfCredential(_options.TenantId, _options.ClientId, certificate, userAssertion, options)
            : new OnBehalfOfCredential(_options.TenantId, _options.ClientId, _options.ClientSecret, userAssertion, options);
        _onBehalfOf[key] = (credential, now + OnBehalfOfLifetime);
        return credential;
    }

    private TokenCredential CreateAppCredential()
    {
        if (_options.UseManagedIdentity)
        {
            var id = string.IsNullOrWhiteSpace(_options.ManagedIdentityClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(_options.ManagedIdentityClientId);
            return new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(id)));
        }

        if (_certificate.Value is { } certificate)
        {
            return new ClientCertificateCredential(_options.TenantId, _options.ClientId, certificate, Configure(new ClientCertificateCredentialOptions()));
        }

        return new ClientSecretCredential(_options.TenantId, _options.ClientId, _options.ClientSecret, Configure(new ClientSecretCredentialOptions()));
    }

    private T Configure<T>(T options)
        where T : TokenCredentialOptions
    {
        options.AuthorityHost = _options.EffectiveAuthorityHost;
        if (_transport is not null)
        {
            options.Transport = _transport.Transport;
        }

        // Sign-in requests have their own retry policy in Azure.Core; keep it short so a dead authority fails fast.
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        // Never log request content (secrets, assertions) from Azure.Core diagnostics.
        options.Diagnostics.IsLoggingContentEnabled = false;
        if (options is ClientSecretCredentialOptions secret)
        {
            secret.DisableInstanceDiscovery = IsPrivateAuthority();
        }
        else if (options is ClientCertificateCredentialOptions cert)
        {
            cert.DisableInstanceDiscovery = IsPrivateAuthority();
        }
        else if (options is OnBehalfOfCredentialOptions obo)
        {
            obo.DisableInstanceDiscovery = IsPrivateAuthority();
        }

        return options;
    }

    // Instance discovery asks the public cloud about the authority; a loopback authority (tests) is not known there.
    private bool IsPrivateAuthority() => _options.EffectiveAuthorityHost.IsLoopback;

    private X509Certificate2? LoadCertificate()
    {
        var path = _options.CertificatePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var extension = Path.GetExtension(path);
        if (extension.Equals(".pem", StringComparison.OrdinalIgnoreCase) || extension.Equals(".crt", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(_options.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, _options.CertificatePassword);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, _options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
    }

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value?.Dispose();
        }
    }
}
