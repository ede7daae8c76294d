using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>
/// Records the task pane's flagged checks: add <c>.AddEndpointFilter&lt;AuditRecordingFilter&gt;()</c> to an endpoint
/// that answers <see cref="AssessResponse"/>. After the handler has answered, a check at caution or hold goes to
/// the audit store (fail open) and the answer carries <c>X-ReplyCoach-Check-Id</c> for the outcome report.
/// </summary>
internal sealed class AuditRecordingFilter(AuditRecorder recorder) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;

        // The handler reads the body itself; keep it readable so the conversation id can be taken from it afterwards.
        http.Request.EnableBuffering();
        var result = await next(context);
        var response = result switch
        {
            Ok<AssessResponse> ok => ok.Value,
            IResult r when r is INestedHttpResult { Result: Ok<AssessResponse> inner } => inner.Value,
            _ => null,
        };
        if (response is not null && response.Level is "caution" or "hold")
        {
            await recorder.RecordAsync(http, AuditSource.Assess, response, await ConversationIdAsync(http.Request), http.RequestAborted);
        }

        return result;
    }

    private static async Task<string?> ConversationIdAsync(HttpRequest request)
    {
        try
        {
            request.Body.Position = 0;
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("conversationId", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }
}
