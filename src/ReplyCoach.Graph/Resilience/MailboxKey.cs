namespace ReplyCoach.Graph.Resilience;

/// <summary>
/// The mailbox a Graph request is for, read from its URL (<c>/v1.0/users/{id}/...</c>), so that the per-mailbox
/// concurrency limit also covers requests the SDK builds itself (delta next links). Case-insensitive.
/// </summary>
internal static class MailboxKey
{
    public const string Unknown = "(tenant)";

    public static string From(Uri? uri)
    {
        if (uri is null)
        {
            return Unknown;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i].Equals("users", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(segments[i + 1]).Trim('\'').ToLowerInvariant();
            }
        }

        return Array.Exists(segments, s => s.Equals("me", StringComparison.OrdinalIgnoreCase)) ? "me" : Unknown;
    }
}
