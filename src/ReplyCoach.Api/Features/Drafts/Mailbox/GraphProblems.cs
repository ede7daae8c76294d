using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplyCoach.Graph;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>Turns a failed Graph result into the ProblemDetails the add-in can act on.</summary>
internal static class GraphProblems
{
    public static ProblemHttpResult NotConfigured() => TypedResults.Problem(
        statusCode: StatusCodes.Status501NotImplemented,
        title: "Microsoft Graph is not configured",
        detail: GraphFeature.NotConfiguredDetail);

    public static ProblemHttpResult For(HttpContext context, GraphResult failure, string what)
    {
        var (status, title) = failure.Status switch
        {
            GraphStatus.NotConfigured => (StatusCodes.Status501NotImplemented, "Microsoft Graph is not configured"),
            GraphStatus.NotFound => (StatusCodes.Status404NotFound, $"The {what} was not found in the mailbox"),
            GraphStatus.Conflict => (StatusCodes.Status409Conflict, $"The {what} is not in a state that allows this"),
            GraphStatus.Invalid => (StatusCodes.Status400BadRequest, "The request is not valid"),
            GraphStatus.Throttled => (StatusCodes.Status429TooManyRequests, "Microsoft Graph is throttling ReplyCoach"),
            GraphStatus.Forbidden => (StatusCodes.Status403Forbidden, "ReplyCoach may not do this in the mailbox"),
            GraphStatus.Unauthorized => (StatusCodes.Status502BadGateway, "ReplyCoach could not sign in to Microsoft Graph"),
            GraphStatus.Timeout => (StatusCodes.Status504GatewayTimeout, "Microsoft Graph did not answer in time"),
            GraphStatus.Malformed => (StatusCodes.Status502BadGateway, "Microsoft Graph answered with something unreadable"),
            _ => (StatusCodes.Status503ServiceUnavailable, "Microsoft Graph is unavailable"),
        };
        if (failure.RetryAfter is { } retryAfter && status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: failure.Detail,
            extensions: new Dictionary<string, object?> { ["graphStatus"] = failure.Status.ToString() });
    }

    public static ProblemHttpResult Caller(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No mailbox for this caller", detail: detail);
}
