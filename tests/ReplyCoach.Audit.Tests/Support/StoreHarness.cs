using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ReplyCoach.Audit.Storage;

namespace ReplyCoach.Audit.Tests.Support;

/// <summary>The two engines every contract test runs against.</summary>
public enum TestEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A fresh, empty store on one engine: a new SQLite file in a temporary folder, or a new schema on the test
/// PostgreSQL. Disposing removes it.
/// </summary>
internal sealed class StoreHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = AuditChecks.Start; // a Monday

    private readonly List<SqlAuditStore> _stores = [];
    private readonly string? _folder;
    private readonly string? _schema;
    private readonly PostgresCluster? _server;

    private StoreHarness(TestEngine engine, AuditOptions options, string? folder, string? schema, PostgresCluster? server)
    {
        Engine = engine;
        Options = options;
        _folder = folder;
        _schema = schema;
        _server = server;
        Store = NewStore();
    }

    public TestEngine Engine { get; }

    public AuditOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public SqlAuditStore Store { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string? SqlitePath => Options.SqlitePath;

    public static async Task<StoreHarness> CreateAsync(TestEngine engine, Action<AuditOptions>? configure = null)
    {
        var options = new AuditOptions { HashKey = "test-hash-key-0123456789abcdef" };
        if (engine == TestEngine.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "replycoach-audit-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            options.Provider = AuditProvider.Sqlite;
            options.SqlitePath = Path.Combine(folder, "audit.db");
            configure?.Invoke(options);
            var harness = new StoreHarness(engine, options, folder, null, null);
            await harness.Store.InitializeAsync();
            return harness;
        }

        var server = await PostgresServer.RequireAsync();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        options.Provider = AuditProvider.PostgreSql;
        options.ConnectionString = await server.CreateSchemaAsync(schema);
        configure?.Invoke(options);
        var pg = new StoreHarness(engine, options, null, schema, server);
        await pg.Store.InitializeAsync();
        return pg;
    }

    /// <summary>Another store on the same database (a second service instance, or the process after a restart).</summary>
    public SqlAuditStore NewStore()
    {
        var store = AuditStoreFactory.CreateSql(Options, _folder, Time, NullLoggerFactory.Instance);
        _stores.Add(store);
        return store;
    }

    /// <summary>Runs raw SQL against the database (test set-up only).</summary>
    public async Task ExecuteAsync(string sql)
    {
        if (Engine == TestEngine.Sqlite)
        {
            await using var connection = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var dataSource = NpgsqlDataSource.Create(Options.ConnectionString!);
            await using var command = dataSource.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        if (Engine == TestEngine.Sqlite)
        {
            await using var connection = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        await using var dataSource = NpgsqlDataSource.Create(Options.ConnectionString!);
        await using var pgCommand = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await pgCommand.ExecuteScalarAsync());
    }

    /// <summary>
    /// Every byte the database keeps on disk: for SQLite the main file, its write-ahead log and shared memory file;
    /// for PostgreSQL every relation file of the database (after a checkpoint, so nothing is only in memory).
    /// </summary>
    public async Task<byte[]> ReadDatabaseFilesAsync()
    {
        var files = new List<string>();
        if (Engine == TestEngine.Sqlite)
        {
            files.AddRange(new[] { SqlitePath!, SqlitePath + "-wal", SqlitePath + "-shm", SqlitePath + "-journal" }.Where(File.Exists));
        }
        else
        {
            await using var dataSource = NpgsqlDataSource.Create(Options.ConnectionString!);
            await using (var checkpoint = dataSource.CreateCommand("CHECKPOINT"))
            {
                await checkpoint.ExecuteNonQueryAsync();
            }

            await using var command = dataSource.CreateCommand("SELECT current_setting('data_directory'), (SELECT oid FROM pg_database WHERE datname = current_database())");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var dataDirectory = reader.GetString(0);
            var databaseOid = reader.GetFieldValue<uint>(1);
            var folder = Path.Combine(dataDirectory, "base", databaseOid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!Directory.Exists(folder))
            {
                PostgresServer.Skip($"The PostgreSQL data directory '{folder}' is not readable from the tests.");
            }

            files.AddRange(Directory.GetFiles(folder));
        }

        using var all = new MemoryStream();
        foreach (var file in files)
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await stream.CopyToAsync(all);
            }
            catch (FileNotFoundException)
            {
                // PostgreSQL removes some files of its own while it runs (pg_internal.init, a relation's old segment): a file
                // that is gone between listing and reading holds nothing of ours.
            }
        }

        return all.ToArray();
    }

    /// <summary>Whether the text occurs in the database files (as UTF-8).</summary>
    public async Task<bool> FilesContainAsync(string text)
    {
        var bytes = await ReadDatabaseFilesAsync();
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }

    /// <summary>Closes every store (and its pooled connections), as if the service had stopped.</summary>
    public async Task DisposeStoresAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_schema is not null && _server is not null)
        {
            await _server.DropSchemaAsync(_schema);
        }

        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow file system: the temp folder is cleaned up by the OS.
            }
        }
    }
}
