using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReplyCoach.Audit.Tests.Support;

namespace ReplyCoach.Audit.Tests;

/// <summary>
/// Text past its retention period or excluded by the redaction policy is gone from the database files, not just
/// hidden: every test looks for a unique marker in the raw bytes on disk.
/// </summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.PostgreSql)]
public sealed class RetentionAndRedactionTests(TestEngine engine)
{
    private StoreHarness? _harness;

    [TearDown]
    public async Task TearDown()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private static string Marker(string kind) => $"{kind}-{Guid.NewGuid():N}";

    [Test]
    public async Task Purge_TextPastItsPeriod_GoneFromDatabaseFilesRecordKept()
    {
        _harness = await StoreHarness.CreateAsync(engine, o => { o.TextRetentionDays = 30; o.RecordRetentionDays = 365; });
        var oldWords = Marker("oldwords");
        var newWords = Marker("newwords");
        var old = await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("old", at: StoreHarness.Start, spanText: oldWords));
        await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("new", at: StoreHarness.Start.AddDays(20), spanText: newWords));
        Assert.That(await _harness.FilesContainAsync(oldWords), Is.True, "the marker must be on disk before the purge, or the test proves nothing");

        _harness.Time.Advance(TimeSpan.FromDays(31));
        var result = await _harness.Store.PurgeAsync(new AuditPurgeRequest(_harness.Time.GetUtcNow()));
        var kept = await _harness.Store.GetAsync(old.Id!.Value, AuditScope.All);

        Assert.That(result, Is.EqualTo(new AuditPurgeResult(1, 0)));
        Assert.That(await _harness.FilesContainAsync(oldWords), Is.False);
        Assert.That(await _harness.FilesContainAsync(newWords), Is.True);
        Assert.That(kept, Is.Not.Null);
        Assert.That(kept!.TextPurged, Is.True);
        Assert.That(kept.Spans[0].Text, Is.Null);
        Assert.That(kept.Spans[0].Reason, Is.EqualTo("tells the customer they are at fault"));
        Assert.That(kept.Level, Is.EqualTo(Core.Analysis.RiskLevel.Hold));
    }

    [Test]
    public async Task Purge_RecordPastItsPeriod_DeletedWithItsText()
    {
        _harness = await StoreHarness.CreateAsync(engine, o => { o.TextRetentionDays = 400; o.RecordRetentionDays = 400; });
        var words = Marker("words");
        var note = Marker("note");
        var created = await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("old", spanText: words));
        await _harness.Store.ReviewAsync(created.Id!.Value, new AuditReview("lead", note, StoreHarness.Start), AuditScope.All);

        _harness.Time.Advance(TimeSpan.FromDays(401));
        var result = await _harness.Store.PurgeAsync(new AuditPurgeRequest(_harness.Time.GetUtcNow()));

        Assert.That(result.RecordsDeleted, Is.EqualTo(1));
        Assert.That(await _harness.Store.GetAsync(created.Id!.Value, AuditScope.All), Is.Null);
        Assert.That(await _harness.FilesContainAsync(words), Is.False);
        if (engine == TestEngine.Sqlite)
        {
            // PostgreSQL keeps a deleted record's row bytes (no draft text: scores and the lead's note) until vacuum reuses the space.
            Assert.That(await _harness.FilesContainAsync(note), Is.False);
        }
    }

    [Test]
    public async Task Purge_NothingPastItsPeriod_RemovesNothing()
    {
        _harness = await StoreHarness.CreateAsync(engine);
        await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("fresh"));

        var result = await _harness.Store.PurgeAsync(new AuditPurgeRequest(_harness.Time.GetUtcNow().AddDays(1)));

        Assert.That(result, Is.EqualTo(new AuditPurgeResult(0, 0)));
    }

    [Test]
    public async Task RetentionService_RunsAtStartAndEveryInterval()
    {
        _harness = await StoreHarness.CreateAsync(engine, o => { o.TextRetentionDays = 1; o.RetentionIntervalMinutes = 60; });
        var words = Marker("svc");
        await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("old", spanText: words));
        var service = new AuditRetentionService(_harness.Store, Options.Create(_harness.Options), _harness.Time, NullLogger<AuditRetentionService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await WaitForAsync(() => service.Runs >= 1);
        Assert.That((await _harness.Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.All)).Items[0].TextPurged, Is.False);

        // Past the one-day text retention: a run at exactly one day would still keep the text (the cutoff is strict).
        _harness.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var harness = _harness;
        await WaitForAsync(() =>
        {
            // The service's next delay may not be registered yet when time moves: keep the clock moving.
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            return service.Runs >= 2;
        });
        await service.StopAsync(CancellationToken.None);

        Assert.That((await _harness.Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.All)).Items[0].TextPurged, Is.True);
        Assert.That(await _harness.FilesContainAsync(words), Is.False);
    }

    [Test]
    public async Task Redaction_SpansOnly_KeepsFlaggedWordsNotTheSentence()
    {
        _harness = await StoreHarness.CreateAsync(engine, o => o.Redaction = RedactionPolicy.SpansOnly);
        var words = Marker("words");
        var sentence = Marker("sentence");
        var suggestedSentence = Marker("suggested");
        var check = AuditChecks.Flagged("r", spanText: words, sentence: sentence);
        check = check with { Suggestions = [check.Suggestions[0] with { SentenceAfter = suggestedSentence }] };

        var created = await _harness.Store.RecordCheckAsync(check);
        var record = await _harness.Store.GetAsync(created.Id!.Value, AuditScope.All);

        Assert.That(record!.Spans[0].Text, Is.EqualTo(words));
        Assert.That(record.Spans[0].Sentence, Is.Null);
        Assert.That(record.Suggestions[0].SentenceAfter, Is.Null);
        Assert.That(record.Suggestions[0].Replacement, Is.Not.Null);
        Assert.That(await _harness.FilesContainAsync(words), Is.True);
        Assert.That(await _harness.FilesContainAsync(sentence), Is.False);
        Assert.That(await _harness.FilesContainAsync(suggestedSentence), Is.False);
    }

    [Test]
    public async Task Redaction_None_NoDraftTextInDatabaseFiles()
    {
        _harness = await StoreHarness.CreateAsync(engine, o => o.Redaction = RedactionPolicy.None);
        var words = Marker("words");
        var sentence = Marker("sentence");
        var replacement = Marker("replacement");

        var created = await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("r", spanText: words, sentence: sentence, replacement: replacement));
        var record = await _harness.Store.GetAsync(created.Id!.Value, AuditScope.All);

        Assert.That(record!.Spans[0].Text, Is.Null);
        Assert.That(record.Spans[0].Length, Is.EqualTo(words.Length));
        Assert.That(record.Suggestions[0].Replacement, Is.Null);
        Assert.That(record.Suggestions[0].Rationale, Is.EqualTo("states the fact without blame"));
        Assert.That(await _harness.FilesContainAsync(words), Is.False);
        Assert.That(await _harness.FilesContainAsync(sentence), Is.False);
        Assert.That(await _harness.FilesContainAsync(replacement), Is.False);
    }

    [Test]
    public async Task Redaction_FullSentence_KeepsSentenceUntilTextRetention()
    {
        _harness = await StoreHarness.CreateAsync(engine, o => { o.Redaction = RedactionPolicy.FullSentence; o.TextRetentionDays = 7; });
        var sentence = Marker("sentence");

        var created = await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("r", sentence: sentence));
        var record = await _harness.Store.GetAsync(created.Id!.Value, AuditScope.All);
        Assert.That(record!.Spans[0].Sentence, Is.EqualTo(sentence));
        Assert.That(record.Suggestions[0].SentenceAfter, Is.Not.Null);

        _harness.Time.Advance(TimeSpan.FromDays(8));
        await _harness.Store.PurgeAsync(new AuditPurgeRequest(_harness.Time.GetUtcNow()));

        Assert.That((await _harness.Store.GetAsync(created.Id!.Value, AuditScope.All))!.Spans[0].Sentence, Is.Null);
        Assert.That(await _harness.FilesContainAsync(sentence), Is.False);
    }

    [Test]
    public async Task Redaction_OverlongSpan_CutToTheSpanLimit()
    {
        _harness = await StoreHarness.CreateAsync(engine);
        var whole = string.Concat(Enumerable.Repeat("all of the draft ", 100));

        var created = await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("r", spanText: whole));
        var record = await _harness.Store.GetAsync(created.Id!.Value, AuditScope.All);

        Assert.That(record!.Spans[0].Text!, Has.Length.EqualTo(Storage.Redactor.MaxSpanChars + 1).And.EndsWith("…"));
    }

    [Test]
    public async Task Redaction_SpansOnlyLongClause_OnlyItsHeadReachesTheDatabaseFiles()
    {
        _harness = await StoreHarness.CreateAsync(engine, o => o.Redaction = RedactionPolicy.SpansOnly);
        var head = Marker("head");
        var tail = Marker("tail");
        var replacementTail = Marker("replacementtail");
        var clause = head + " and then the rest of the clause goes on for a while until it ends with " + tail;
        var replacement = "calmer words that also run on for longer than any replacement should " + replacementTail;

        var created = await _harness.Store.RecordCheckAsync(AuditChecks.Flagged("r", spanText: clause, replacement: replacement));
        var record = await _harness.Store.GetAsync(created.Id!.Value, AuditScope.All);

        Assert.That(record!.Spans[0].Text, Does.StartWith(head).And.Length.LessThanOrEqualTo(Storage.Redactor.MaxSpanChars + 1));
        Assert.That(record.Suggestions[0].Replacement, Has.Length.LessThanOrEqualTo(Storage.Redactor.MaxSpanChars + 1));
        Assert.That(await _harness.FilesContainAsync(head), Is.True, "the head must be on disk, or the test proves nothing");
        Assert.That(await _harness.FilesContainAsync(tail), Is.False);
        Assert.That(await _harness.FilesContainAsync(replacementTail), Is.False);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail("Timed out waiting for the retention service.");
            }

            await Task.Delay(20);
        }
    }
}
