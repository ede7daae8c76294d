namespace ReplyCoach.Api.Features.Audit;

/// <summary>
/// How the team-lead dashboard signs in (section <c>ReplyCoach:Dashboard</c>). It uses the authorization code flow
/// with PKCE against the same Entra ID tenant as the API; both settings default to the API's own registration
/// (add <c>{origin}/dashboard/</c> as a single-page-application redirect URI to it).
/// </summary>
internal sealed class DashboardOptions
{
    public const string Section = "ReplyCoach:Dashboard";

    /// <summary>The app registration the dashboard signs in with; default ReplyCoach:Auth:ClientId.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scope asked for; default api://{ReplyCoach:Auth:ClientId}/access_as_user.</summary>
    public string? Scope { get; set; }
}
