using System.Security.Cryptography;
using System.Text;

namespace ReplyCoach.Audit;

/// <summary>
/// Keyed hash (HMAC-SHA256, first 128 bits as hex) of message and conversation ids: a lead can see that two flags
/// belong to the same conversation, and the Graph sweep can match a sent item to its check, but the store never
/// holds an id that leads back to the mailbox without the key.
/// </summary>
public sealed class IdHasher
{
    // Publication-only: a key file that could not be read or written is tried again on the next hash, not remembered as a failure.
    private readonly Lazy<byte[]> _key;

    /// <summary>Creates a hasher with a key of at least 16 bytes.</summary>
    public IdHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("The hash key must be at least 16 bytes.", nameof(key));
        }

        var copy = (byte[])key.Clone();
        _key = new Lazy<byte[]>(copy);
    }

    private IdHasher(Func<byte[]> loadKey) => _key = new Lazy<byte[]>(loadKey, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The hash of an id, or null for a null or empty id.</summary>
    public string? Hash(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(id), mac);
        return Convert.ToHexStringLower(mac[..16]);
    }

    /// <summary>Decodes a configured key: base64 when it decodes to at least 16 bytes, else the UTF-8 bytes of the text.</summary>
    public static byte[] DecodeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.Trim();
        var buffer = new byte[trimmed.Length];
        return Convert.TryFromBase64String(trimmed, buffer, out var written) && written >= 16
            ? buffer[..written]
            : Encoding.UTF8.GetBytes(trimmed);
    }

    /// <summary>
    /// The configured key, or for SQLite without one, a random key kept in <c>audit-hash.key</c> (created once,
    /// readable by the owner only) next to the database file. The file is read or created at the first hash, not
    /// here: a service whose configuration turns out to be invalid at start-up never writes it.
    /// </summary>
    public static IdHasher FromOptions(AuditOptions options, string? sqlitePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.HashKey))
        {
            return new IdHasher(DecodeKey(options.HashKey));
        }

        if (sqlitePath is null)
        {
            throw new InvalidOperationException("ReplyCoach:Audit:HashKey is required.");
        }

        var keyFile = Path.Combine(Path.GetDirectoryName(sqlitePath) ?? ".", "audit-hash.key");
        return new IdHasher(() => ReadOrCreateKey(keyFile));
    }

    private static byte[] ReadOrCreateKey(string keyFile)
    {
        if (File.Exists(keyFile))
        {
            return DecodeKey(File.ReadAllText(keyFile));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(keyFile) ?? ".");
        var key = RandomNumberGenerator.GetBytes(32);
        // Written to a private temporary file and moved into place, so a second process never reads half a key.
        var temp = keyFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, create))
        {
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temp, keyFile, overwrite: false);
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            File.Delete(temp);
            return DecodeKey(File.ReadAllText(keyFile));
        }

        return key;
    }
}
