using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ReplyCoach.Api.Features.Addin;

/// <summary>The add-in's pages are static files in wwwroot; this adds what cannot be a static file.</summary>
internal static class AddinEndpoints
{
    /// <summary>The shape of /.well-known/microsoft-officeaddins-allowed.json.</summary>
    public sealed record AllowedAddins(IReadOnlyList<string> Allowed);

    public static WebApplication MapAddinEndpoints(this WebApplication app)
    {
        // Classic Outlook on Windows runs launchevent.js in a JavaScript-only runtime and only lets it use CORS
        // (and SSO) when the origin lists the script here. Static files skip dot-folders, hence an endpoint.
        app.MapGet("/.well-known/microsoft-officeaddins-allowed.json", AllowedScripts)
            .AllowAnonymous()
            .WithTags("Add-in")
            .WithName("OfficeAddinsAllowed")
            .WithSummary("The add-in scripts allowed to use CORS and SSO from this origin.");
        app.MapGet("/launchevent.js", LaunchEventScript)
            .AllowAnonymous()
            .WithTags("Add-in")
            .WithName("LaunchEventScript")
            .WithSummary("The on-send handler, with this service's origin stamped in.");
        app.MapGet("/", () => TypedResults.Redirect("/taskpane.html")).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static readonly Lazy<string> LaunchEventSource = new(() =>
    {
        using var stream = typeof(AddinEndpoints).Assembly.GetManifestResourceStream("ReplyCoach.Api.launchevent.js")
            ?? throw new InvalidOperationException("launchevent.js is not embedded in the service.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The marker in launchevent.js that receives the origin.</summary>
    public const string OriginMarker = "var REPLYCOACH_ORIGIN = \"\";";

    internal static IResult LaunchEventScript(HttpContext context)
    {
        var origin = AddinOrigin.Of(context.Request);
        var script = LaunchEventSource.Value.Replace(OriginMarker,
            "var REPLYCOACH_ORIGIN = " + System.Text.Json.JsonSerializer.Serialize(origin) + ";", StringComparison.Ordinal);
        context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=300";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(script, "text/javascript; charset=utf-8");
    }

    internal static Ok<AllowedAddins> AllowedScripts(HttpContext context)
    {
        var origin = AddinOrigin.Of(context.Request);
        context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=300";
        return TypedResults.Ok(new AllowedAddins([origin + "/launchevent.js"]));
    }
}
