using System.Security.Claims;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Hosting;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>
/// Who is calling the audit endpoints, and therefore what they may see: a lead sees their team's records, an agent
/// only their own. The team comes from the token (claim <see cref="AuditOptions.TeamClaim"/>), never from the request.
/// </summary>
internal sealed record AuditCaller(string UserId, string? Name, string? Team, bool IsLead)
{
    /// <summary>The team used in development mode when none is configured, so the local dashboard shows local checks.</summary>
    public const string LocalTeam = "local";

    /// <summary>The records this caller may read: the team's for a lead (null when the lead has no team), else their own.</summary>
    public AuditScope? ReadScope => IsLead ? (Team is null ? null : AuditScope.Team(Team)) : AuditScope.Agent(UserId);

    /// <summary>The records this caller may review: the team's, for a lead with a team; nothing otherwise.</summary>
    public AuditScope? LeadScope => IsLead && Team is not null ? AuditScope.Team(Team) : null;

    public static AuditCaller? From(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = user.FindFirst("oid")?.Value ?? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<AuditOptions>>().Value;
        var team = user.FindFirst(options.TeamClaim)?.Value;
        if (string.IsNullOrWhiteSpace(team))
        {
            team = !string.IsNullOrWhiteSpace(options.DefaultTeam)
                ? options.DefaultTeam
                : context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.DevelopmentMode ? LocalTeam : null;
        }

        var name = user.FindFirst("name")?.Value ?? user.FindFirst("preferred_username")?.Value;
        return new AuditCaller(id, name, team?.Trim(), user.IsInRole(Roles.Lead));
    }
}
