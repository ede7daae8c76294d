using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Tests.Audit;

/// <summary>
/// The real service with a fresh SQLite audit store in a temporary folder and a fake clock, plus tokens that carry
/// a team claim (signed with the test tenant's key, so the JwtBearer handler validates them for real).
/// </summary>
internal sealed class AuditTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private readonly string _folder;

    public AuditTestHost(Dictionary<string, string?>? settings = null)
    {
        _folder = Path.Combine(Path.GetTempPath(), "replycoach-api-audit-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(_folder);
        var all = new Dictionary<string, string?>
        {
            ["ReplyCoach:DataFolder"] = _folder,
            ["ReplyCoach:Audit:HashKey"] = "api-test-hash-key-0123456789abcdef",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        Factory = new ApiFactory(all, services => services.AddSingleton<TimeProvider>(Time));
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public ApiFactory Factory { get; }

    public IAuditStore Store => Factory.Services.GetRequiredService<IAuditStore>();

    public HttpClient Client(string? token) => Factory.Client(token);

    /// <summary>An Entra-shaped token with roles and (optionally) the team claim.</summary>
    public static string Token(string userId, string? team, bool lead, string? name = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = userId,
            ["tid"] = TestTokens.TenantId,
            ["name"] = name ?? userId,
            ["scp"] = "access_as_user",
            ["roles"] = lead ? new[] { Hosting.Roles.Lead } : new[] { Hosting.Roles.Agent },
        };
        if (team is not null)
        {
            claims["team"] = team;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.ClientId,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.AddMinutes(30),
            Claims = claims,
            SigningCredentials = new SigningCredentials(TestTokens.TenantKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public static string Lead(string team = "team-a", string userId = "lead-a") => Token(userId, team, lead: true, name: "Lee Lead");

    public static string Agent(string userId = "agent-1", string team = "team-a") => Token(userId, team, lead: false, name: userId + " name");

    /// <summary>A flagged check as the service's recorder stores it (check ids in the agent's namespace).</summary>
    public async Task<long> SeedAsync(
        string clientCheckId,
        string agent = "agent-1",
        string team = "team-a",
        ToneCategory category = ToneCategory.Blame,
        RiskLevel level = RiskLevel.Hold,
        double risk = 0.9,
        DateTimeOffset? at = null,
        AuditOutcome outcome = AuditOutcome.Pending,
        double? riskAtSend = null,
        string words = "you clearly did not read")
    {
        var sentence = $"Honestly, {words} the instructions I sent.";
        var check = new AuditCheck(
            $"a:{agent}:{clientCheckId}",
            agent,
            agent + " name",
            team,
            at ?? Now.AddDays(-1),
            "msg-" + clientCheckId,
            "conv-" + clientCheckId,
            level,
            risk,
            ToneCategories.All.ToDictionary(c => c, c => c == category ? risk : 0.05),
            [new AuditSpanInput(10, words.Length, category, "tells the customer they are at fault", words, sentence)],
            [new AuditSuggestionInput(0, "states the fact without blame", risk, 0.1, "the instructions may have been easy to miss", null)],
            AuditSource.Assess,
            outcome,
            riskAtSend);
        var result = await Store.RecordCheckAsync(check);
        return result.Id!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
