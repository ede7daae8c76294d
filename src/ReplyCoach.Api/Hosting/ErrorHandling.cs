using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace ReplyCoach.Api.Hosting;

/// <summary>Every error is a ProblemDetails document: thrown exceptions, bare status codes (401, 404, 405...) alike.</summary>
internal static class ErrorHandling
{
    public static WebApplicationBuilder AddReplyCoachProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => "Sign in: send a Microsoft Entra ID access token for ReplyCoach as a Bearer token.",
                StatusCodes.Status403Forbidden => "Your account does not have the ReplyCoach role this needs (ReplyCoach.Agent or ReplyCoach.Lead).",
                StatusCodes.Status404NotFound => "There is nothing at this address.",
                StatusCodes.Status405MethodNotAllowed => "This address does not accept that method.",
                StatusCodes.Status415UnsupportedMediaType => "Send the draft as JSON with Content-Type: application/json.",
                _ => null,
            };
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        return builder;
    }

    public static WebApplication UseReplyCoachProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The handler below logs without the request body; the middleware's own log line would repeat it.
            SuppressDiagnosticsCallback = _ => true,
        });
        app.UseStatusCodePages();
        return app;
    }

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            int status;
            string title;
            string? detail = null;
            switch (exception)
            {
                case BadHttpRequestException bad:
                    status = bad.StatusCode;
                    title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request";
                    detail = status == StatusCodes.Status413PayloadTooLarge ? "The request body is larger than this service accepts." : "The request could not be read.";
                    break;
                case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                    context.Response.StatusCode = 499; // the client went away; nobody reads a body
                    return true;
                default:
                    ApiLog.Unhandled(logger, exception.GetType().Name, context.Request.Method, context.Request.Path, exception);
                    status = StatusCodes.Status500InternalServerError;
                    title = "Something went wrong in ReplyCoach";
                    detail = "The draft could not be assessed. The error has been logged (without the draft).";
                    break;
            }

            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }
    }
}
