using System.Globalization;
using System.Text;

namespace ReplyCoach.Audit.Storage;

/// <summary>
/// The opaque paging cursor of the list: the (checked_at, id) of the last row handed out, in URL-safe base64 so that
/// it travels in a query string as it is.
/// </summary>
internal static class AuditCursor
{
    /// <summary>The cursor for the page after the row (<paramref name="checkedAt"/>, <paramref name="id"/>).</summary>
    public static string Encode(long checkedAt, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{checkedAt}:{id}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The row a cursor points after.</summary>
    /// <exception cref="ArgumentException">The cursor is not one <see cref="Encode"/> made.</exception>
    public static (long CheckedAt, long Id) Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
                && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                return (at, id);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("The paging cursor is not one this service handed out.", nameof(cursor));
    }
}
