using Microsoft.Extensions.Options;

namespace ReplyCoach.Api.Features.Addin;

/// <summary>The origin the add-in is served from: configured, or the one the request came to.</summary>
internal static class AddinOrigin
{
    public static string Of(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.PublicOrigin;
        return string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
    }
}
