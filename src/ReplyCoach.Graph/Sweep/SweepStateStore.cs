using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplyCoach.Graph.Sweep;

/// <summary>Where a mailbox's sweep stands: the link to continue from and what the dedupe needs.</summary>
/// <param name="Link">The next link (mid-round) or delta link (between rounds) to continue from; null: start a first round.</param>
/// <param name="LinkIsDelta">Whether <paramref name="Link"/> is a delta link (the last round completed).</param>
/// <param name="Since">The start time of the first round.</param>
/// <param name="RoundIncremental">Whether the current round started from a delta link (later rounds may see changes to mail already scored).</param>
/// <param name="RoundStartedAt">When the current round started.</param>
/// <param name="PreviousRoundStartedAt">When the round before it started.</param>
/// <param name="Generation">Bumped with every page saved; the in-page journal is tied to it.</param>
/// <param name="Recent">Ids scored recently with their sent time, to skip them when a later round reports them changed.</param>
/// <param name="LastCompletedAt">When a round last reached its delta link.</param>
public sealed record SweepCheckpoint(
    string? Link,
    bool LinkIsDelta,
    DateTimeOffset? Since,
    bool RoundIncremental,
    DateTimeOffset? RoundStartedAt,
    DateTimeOffset? PreviousRoundStartedAt,
    long Generation,
    IReadOnlyDictionary<string, DateTimeOffset> Recent,
    DateTimeOffset? LastCompletedAt)
{
    /// <summary>Nothing swept yet.</summary>
    public static SweepCheckpoint Empty { get; } = new(null, false, null, false, null, null, 0, new Dictionary<string, DateTimeOffset>(), null);

    /// <summary>Prints without the links: they carry sync tokens.</summary>
    public override string ToString() => $"SweepCheckpoint {{ Generation = {Generation}, LinkIsDelta = {LinkIsDelta}, Recent = {Recent.Count} }}";
}

/// <summary>A loaded sweep state: the checkpoint and the messages of the page in progress already handled.</summary>
/// <param name="Checkpoint">The checkpoint.</param>
/// <param name="DoneInPage">Ids handled on the page at <see cref="SweepCheckpoint.Link"/> before the sweep stopped.</param>
public sealed record SweepState(SweepCheckpoint Checkpoint, IReadOnlySet<string> DoneInPage);

/// <summary>Keeps each mailbox's delta link and checkpoint between sweeps and across crashes.</summary>
public interface ISweepStateStore
{
    /// <summary>Takes the mailbox's sweep lock (also across processes); null when another sweep holds it.</summary>
    IDisposable? TryLock(string mailbox);

    /// <summary>The saved state (empty when none).</summary>
    Task<SweepState> LoadAsync(string mailbox, CancellationToken cancellationToken = default);

    /// <summary>Saves a checkpoint atomically; the in-page journal of earlier generations no longer counts.</summary>
    Task SaveAsync(string mailbox, SweepCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Notes that a message on the page of <paramref name="generation"/> has been handled.</summary>
    Task MarkDoneAsync(string mailbox, long generation, string messageId, CancellationToken cancellationToken = default);
}

/// <summary>
/// JSON files under the data folder: <c>graph-sweep/{hash}.json</c> (written to a temporary file and renamed, so a
/// crash leaves the old or the new one, never half of one) and an append-only <c>.journal</c> of messages handled on
/// the page in progress, so a sweep that stops mid-page neither loses nor repeats a message.
/// </summary>
public sealed class JsonFileSweepStateStore : ISweepStateStore, IDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, FileStream> _journals = new(StringComparer.Ordinal);

    /// <summary>Creates the store.</summary>
    /// <param name="folder">The folder for the files (created when needed).</param>
    public JsonFileSweepStateStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
    }

    /// <summary>The folder the files are in.</summary>
    public string Folder => _folder;

    /// <inheritdoc />
    public IDisposable? TryLock(string mailbox)
    {
        Directory.CreateDirectory(_folder);
        FileStream file;
        try
        {
            file = new FileStream(PathFor(mailbox, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            return null;
        }

        return new Releaser(() =>
        {
            CloseJournal(PathFor(mailbox, ".journal"));
            file.Dispose();
        });
    }

    /// <inheritdoc />
    public async Task<SweepState> LoadAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        var path = PathFor(mailbox, ".json");
        if (!File.Exists(path))
        {
            return new SweepState(SweepCheckpoint.Empty, new HashSet<string>(StringComparer.Ordinal));
        }

        SweepCheckpoint checkpoint;
        await using (var stream = File.OpenRead(path))
        {
            var stored = await JsonSerializer.DeserializeAsync(stream, SweepStateJson.Default.StoredCheckpoint, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The sweep state file {path} is empty.");
            checkpoint = stored.ToCheckpoint();
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        var journal = PathFor(mailbox, ".journal");
        if (File.Exists(journal))
        {
            var prefix = checkpoint.Generation.ToString(CultureInfo.InvariantCulture) + "\t";
            foreach (var line in await File.ReadAllLinesAsync(journal, cancellationToken).ConfigureAwait(false))
            {
                // A line cut short by a crash has no newline after it and may be partial; ids never contain tabs.
                if (line.StartsWith(prefix, StringComparison.Ordinal) && line.Length > prefix.Length)
                {
                    done.Add(line[prefix.Length..]);
                }
            }
        }

        return new SweepState(checkpoint, done);
    }

    /// <inheritdoc />
    public async Task SaveAsync(string mailbox, SweepCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(_folder);
        var path = PathFor(mailbox, ".json");
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(stream, StoredCheckpoint.From(mailbox, checkpoint), SweepStateJson.Default.StoredCheckpoint, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
        // Older generations' lines are ignored on load; truncating keeps the file small.
        var journal = PathFor(mailbox, ".journal");
        CloseJournal(journal);
        if (File.Exists(journal))
        {
            await File.WriteAllTextAsync(journal, "", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task MarkDoneAsync(string mailbox, long generation, string messageId, CancellationToken cancellationToken = default)
    {
        var path = PathFor(mailbox, ".journal");
        FileStream journal;
        lock (_journals)
        {
            if (!_journals.TryGetValue(path, out journal!))
            {
                Directory.CreateDirectory(_folder);
                journal = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
                _journals[path] = journal;
            }
        }

        // Flushed to the operating system per line: a crash of the process loses nothing written.
        await journal.WriteAsync(Encoding.UTF8.GetBytes(generation.ToString(CultureInfo.InvariantCulture) + "\t" + messageId + "\n"), cancellationToken).ConfigureAwait(false);
        await journal.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_journals)
        {
            foreach (var journal in _journals.Values)
            {
                journal.Dispose();
            }

            _journals.Clear();
        }
    }

    private void CloseJournal(string path)
    {
        lock (_journals)
        {
            if (_journals.Remove(path, out var journal))
            {
                journal.Dispose();
            }
        }
    }

    private string PathFor(string mailbox, string extension)
    {
        // The address is hashed: file names stay portable and do not list the mailboxes.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(mailbox.Trim().ToLowerInvariant())))[..20].ToLowerInvariant();
        return Path.Combine(_folder, hash + extension);
    }
}

internal sealed class Releaser(Action release) : IDisposable
{
    private Action? _release = release;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}

internal sealed record StoredCheckpoint(
    string Mailbox,
    string? Link,
    bool LinkIsDelta,
    DateTimeOffset? Since,
    bool RoundIncremental,
    DateTimeOffset? RoundStartedAt,
    DateTimeOffset? PreviousRoundStartedAt,
    long Generation,
    Dictionary<string, DateTimeOffset> Recent,
    DateTimeOffset? LastCompletedAt)
{
    public static StoredCheckpoint From(string mailbox, SweepCheckpoint c) => new(
        mailbox, c.Link, c.LinkIsDelta, c.Since, c.RoundIncremental, c.RoundStartedAt, c.PreviousRoundStartedAt, c.Generation,
        new Dictionary<string, DateTimeOffset>(c.Recent, StringComparer.Ordinal), c.LastCompletedAt);

    public SweepCheckpoint ToCheckpoint() => new(
        Link, LinkIsDelta, Since, RoundIncremental, RoundStartedAt, PreviousRoundStartedAt, Generation,
        Recent ?? new Dictionary<string, DateTimeOffset>(), LastCompletedAt);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(StoredCheckpoint))]
internal sealed partial class SweepStateJson : JsonSerializerContext;
