using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReplyCoach.Graph;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// Which mailbox an agent's request works on, and as whom: the agent's own mailbox (their object id), reached on
/// behalf of the agent with the token they sent (validated by the JwtBearer handler before this runs), or with
/// the app's permission when ReplyCoach:Graph:DelegatedAccess is Application.
/// </summary>
internal static class MailboxCaller
{
    public static GraphAccess? From(HttpContext context, out string? problem)
    {
        problem = null;
        var user = context.User;
        var id = user.FindFirst("oid")?.Value ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value;
        if (string.IsNullOrWhiteSpace(id))
        {
            problem = "The token names no user object id (oid), so there is no mailbox to work on.";
            return null;
        }

        var graph = context.RequestServices.GetRequiredService<IOptions<GraphOptions>>().Value;
        if (graph.DelegatedAccess == DelegatedAccessMode.Application)
        {
            return GraphAccess.App(id);
        }

        var authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return GraphAccess.OnBehalfOf(id, authorization[7..].Trim());
        }

        // Development mode signs callers in without a token; only the app's own permission can reach a mailbox then.
        if (context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.DevelopmentMode)
        {
            return GraphAccess.App(id);
        }

        problem = "On-behalf-of access needs the caller's bearer token.";
        return null;
    }
}
