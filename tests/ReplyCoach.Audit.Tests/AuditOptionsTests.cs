namespace ReplyCoach.Audit.Tests;

/// <summary>The settings are checked before the service starts, with messages that say what to fix.</summary>
public sealed class AuditOptionsTests
{
    [Test]
    public void Problems_Defaults_None() => Assert.That(new AuditOptions().Problems(), Is.Empty);

    [Test]
    public void Problems_PostgresWithoutConnectionOrKey_NamesBoth()
    {
        var problems = new AuditOptions { Provider = AuditProvider.PostgreSql }.Problems();

        Assert.That(problems, Has.Some.Contains("ConnectionString is required"));
        Assert.That(problems, Has.Some.Contains("HashKey is required"));
    }

    [Test]
    public void Problems_RecordsKeptShorterThanText_Refused()
    {
        var problems = new AuditOptions { TextRetentionDays = 90, RecordRetentionDays = 30 }.Problems();

        Assert.That(problems, Has.Some.Contains("RecordRetentionDays"));
    }

    [Test]
    public void Problems_ShortHashKey_Refused()
    {
        Assert.That(new AuditOptions { HashKey = "short" }.Problems(), Has.Some.Contains("at least 16 bytes"));
    }

    [Test]
    public void Problems_RetentionOutOfRange_Refused()
    {
        Assert.That(new AuditOptions { TextRetentionDays = -1 }.Problems(), Is.Not.Empty);
    }

    [Test]
    public void Hash_SameIdSameKey_SameHashOtherKeyDiffers()
    {
        var a = new IdHasher(IdHasher.DecodeKey("key-one-0123456789abcdef"));
        var b = new IdHasher(IdHasher.DecodeKey("key-two-0123456789abcdef"));

        Assert.That(a.Hash("AAMkAG123"), Is.EqualTo(a.Hash("AAMkAG123")));
        Assert.That(a.Hash("AAMkAG123"), Is.Not.EqualTo(b.Hash("AAMkAG123")));
        Assert.That(a.Hash(null), Is.Null);
    }

    [Test]
    public void FromOptions_SqliteWithoutKey_CreatesOneKeyFileAndReusesIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "replycoach-key-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var path = Path.Combine(folder, "audit.db");
            var first = IdHasher.FromOptions(new AuditOptions(), path);
            var second = IdHasher.FromOptions(new AuditOptions(), path);

            Assert.That(first.Hash("x"), Is.EqualTo(second.Hash("x")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(Path.Combine(folder, "audit-hash.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
