using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace ReplyCoach.Audit.Storage;

/// <summary>
/// Forward-only schema migrations: numbered SQL scripts embedded per engine (<c>Migrations/&lt;Engine&gt;/NNNN_name.sql</c>),
/// each applied once in its own transaction and recorded in <c>audit_migrations</c>.
/// </summary>
internal static class Migrations
{
    /// <summary>The scripts for one engine, in order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(string engine)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{engine}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                return (version, name, Read(assembly, n));
            })
            .OrderBy(s => s.version)
            .ToList();
    }

    /// <summary>The newest schema version for an engine.</summary>
    public static int Latest(string engine) => Scripts(engine)[^1].Version;

    /// <summary>
    /// Applies what is missing. <paramref name="begin"/> opens a transaction that serialises migrators across
    /// processes (BEGIN IMMEDIATE on SQLite; an advisory lock is taken inside it on PostgreSQL by <paramref name="lockSql"/>).
    /// </summary>
    public static async Task ApplyAsync(
        DbConnection connection,
        string engine,
        Func<DbConnection, CancellationToken, Task<DbTransaction>> begin,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken,
        string? lockSql = null)
    {
        foreach (var (version, name, sql) in Scripts(engine))
        {
            await using var transaction = await begin(connection, cancellationToken).ConfigureAwait(false);
            if (lockSql is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(lockSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS audit_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)",
                transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM audit_migrations WHERE version = @version", new { version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (applied > 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            AuditLog.MigrationApplied(logger, engine, version, name);
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The migration '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
