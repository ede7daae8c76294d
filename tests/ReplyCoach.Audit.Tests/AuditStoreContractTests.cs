using ReplyCoach.Audit.Tests.Support;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.Tests;

/// <summary>The store contract: the same tests against SQLite and PostgreSQL.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.PostgreSql)]
public sealed class AuditStoreContractTests(TestEngine engine)
{
    private StoreHarness _harness = null!;

    private IAuditStore Store => _harness.Store;

    [SetUp]
    public async Task SetUp() => _harness = await StoreHarness.CreateAsync(engine);

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task RecordCheck_FlaggedCheck_StoresEverythingALeadNeeds()
    {
        var check = AuditChecks.Flagged("c-1", messageId: "raw-message-id", conversationId: "raw-conversation-id", more: [ToneCategory.Condescension]);

        var result = await Store.RecordCheckAsync(check);
        var record = await Store.GetAsync(result.Id!.Value, AuditScope.All);

        Assert.That(result.Status, Is.EqualTo(AuditWriteStatus.Created));
        Assert.That(record, Is.Not.Null);
        Assert.That(record!.CheckId, Is.EqualTo("c-1"));
        Assert.That(record.AgentId, Is.EqualTo("agent-1"));
        Assert.That(record.AgentName, Is.EqualTo("agent-1 name"));
        Assert.That(record.Team, Is.EqualTo("team-a"));
        Assert.That(record.CheckedAt, Is.EqualTo(StoreHarness.Start));
        Assert.That(record.Level, Is.EqualTo(RiskLevel.Hold));
        Assert.That(record.Risk, Is.EqualTo(0.91).Within(1e-9));
        Assert.That(record.Categories[ToneCategory.Blame], Is.EqualTo(0.91).Within(1e-9));
        Assert.That(record.Categories, Has.Count.EqualTo(7));
        Assert.That(record.Flagged, Is.EqualTo(new[] { ToneCategory.Blame, ToneCategory.Condescension }));
        Assert.That(record.Spans, Has.Count.EqualTo(2));
        Assert.That(record.Spans[0].Text, Is.EqualTo("you clearly did not read"));
        Assert.That(record.Spans[0].Reason, Is.EqualTo("tells the customer they are at fault"));
        Assert.That(record.Suggestions.Single().Replacement, Is.EqualTo("the instructions may have been easy to miss"));
        Assert.That(record.Suggestions.Single().RiskAfter, Is.EqualTo(0.12).Within(1e-9));
        Assert.That(record.Outcome, Is.EqualTo(AuditOutcome.Pending));
        Assert.That(record.Redaction, Is.EqualTo(RedactionPolicy.SpansOnly));
    }

    [Test]
    public async Task RecordCheck_MessageAndConversationIds_StoredOnlyAsKeyedHashes()
    {
        var result = await Store.RecordCheckAsync(AuditChecks.Flagged("c-1", messageId: "raw-message-id-42", conversationId: "raw-conversation-id-42"));
        var record = await Store.GetAsync(result.Id!.Value, AuditScope.All);
        var expected = new IdHasher(IdHasher.DecodeKey(_harness.Options.HashKey!));

        Assert.That(record!.MessageHash, Is.EqualTo(expected.Hash("raw-message-id-42")));
        Assert.That(record.ConversationHash, Is.EqualTo(expected.Hash("raw-conversation-id-42")));
        Assert.That(record.MessageHash, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(await _harness.FilesContainAsync("raw-message-id-42"), Is.False);
        Assert.That(await _harness.FilesContainAsync("raw-conversation-id-42"), Is.False);
    }

    [Test]
    public async Task RecordCheck_SameCheckIdTwice_OneRecordAndDuplicateStatus()
    {
        var first = await Store.RecordCheckAsync(AuditChecks.Flagged("retry-1"));
        var second = await Store.RecordCheckAsync(AuditChecks.Flagged("retry-1", risk: 0.7));

        Assert.That(first.Status, Is.EqualTo(AuditWriteStatus.Created));
        Assert.That(second.Status, Is.EqualTo(AuditWriteStatus.Duplicate));
        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(await _harness.ScalarAsync("SELECT COUNT(*) FROM audit_flag"), Is.EqualTo(1));
        Assert.That(await _harness.ScalarAsync("SELECT COUNT(*) FROM audit_text"), Is.EqualTo(2));
    }

    [Test]
    public async Task RecordCheck_ConcurrentRetriesFromTwoInstances_OneRecord()
    {
        var other = _harness.NewStore();
        var writes = Enumerable.Range(0, 16)
            .Select(i => (i % 2 == 0 ? _harness.Store : other).RecordCheckAsync(AuditChecks.Flagged("race-1")))
            .ToArray();

        var results = await Task.WhenAll(writes);

        Assert.That(results.Count(r => r.Status == AuditWriteStatus.Created), Is.EqualTo(1));
        Assert.That(results.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await _harness.ScalarAsync("SELECT COUNT(*) FROM audit_flag"), Is.EqualTo(1));
    }

    [Test]
    public async Task RecordCheck_LevelOk_NotRecorded()
    {
        var result = await Store.RecordCheckAsync(AuditChecks.Flagged("ok-1", level: RiskLevel.Ok, risk: 0.1));

        Assert.That(result.Status, Is.EqualTo(AuditWriteStatus.NotFlagged));
        Assert.That(await _harness.ScalarAsync("SELECT COUNT(*) FROM audit_flag"), Is.Zero);
    }

    [Test]
    public async Task RecordCheck_TextInsertFails_WholeRecordRolledBack()
    {
        await _harness.ExecuteAsync("ALTER TABLE audit_text RENAME TO audit_text_elsewhere");

        Assert.That(async () => await Store.RecordCheckAsync(AuditChecks.Flagged("tx-1")), Throws.Exception);
        Assert.That(await _harness.ScalarAsync("SELECT COUNT(*) FROM audit_flag"), Is.Zero);
    }

    [Test]
    public void RecordCheck_RiskOutOfRange_Throws()
    {
        Assert.That(async () => await Store.RecordCheckAsync(AuditChecks.Flagged("bad", risk: 1.5)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task RecordOutcome_ByTheAgent_SetsOutcomeAndImproved()
    {
        await Store.RecordCheckAsync(AuditChecks.Flagged("o-1", risk: 0.9));
        _harness.Time.Advance(TimeSpan.FromMinutes(2));

        var result = await Store.RecordOutcomeAsync(new AuditOutcomeReport("o-1", "agent-1", AuditOutcome.AppliedSuggestion, 0.2, _harness.Time.GetUtcNow()));
        var record = await Store.GetAsync(result.Id!.Value, AuditScope.All);

        Assert.That(result.Status, Is.EqualTo(AuditWriteStatus.Created));
        Assert.That(record!.Outcome, Is.EqualTo(AuditOutcome.AppliedSuggestion));
        Assert.That(record.RiskAtSend, Is.EqualTo(0.2).Within(1e-9));
        Assert.That(record.OutcomeAt, Is.EqualTo(StoreHarness.Start.AddMinutes(2)));
        Assert.That(record.Improved, Is.True);
    }

    [Test]
    public async Task RecordOutcome_SameOutcomeAgain_Duplicate()
    {
        await Store.RecordCheckAsync(AuditChecks.Flagged("o-1"));
        var report = new AuditOutcomeReport("o-1", "agent-1", AuditOutcome.SentAnyway, 0.9, StoreHarness.Start);

        var first = await Store.RecordOutcomeAsync(report);
        var second = await Store.RecordOutcomeAsync(report);

        Assert.That(first.Status, Is.EqualTo(AuditWriteStatus.Created));
        Assert.That(second.Status, Is.EqualTo(AuditWriteStatus.Duplicate));
    }

    [Test]
    public async Task RecordOutcome_AnotherAgentsCheck_NotFoundAndUnchanged()
    {
        var created = await Store.RecordCheckAsync(AuditChecks.Flagged("o-1", agent: "agent-1"));

        var result = await Store.RecordOutcomeAsync(new AuditOutcomeReport("o-1", "agent-2", AuditOutcome.Discarded, null, StoreHarness.Start));

        Assert.That(result.Status, Is.EqualTo(AuditWriteStatus.NotFound));
        Assert.That((await Store.GetAsync(created.Id!.Value, AuditScope.All))!.Outcome, Is.EqualTo(AuditOutcome.Pending));
    }

    [Test]
    public async Task RecordOutcome_UnknownCheck_NotFound()
    {
        var result = await Store.RecordOutcomeAsync(new AuditOutcomeReport("never", "agent-1", AuditOutcome.Edited, 0.1, StoreHarness.Start));

        Assert.That(result.Status, Is.EqualTo(AuditWriteStatus.NotFound));
    }

    [Test]
    public async Task List_AgentScope_SeesOnlyOwnRecords()
    {
        await Store.RecordCheckAsync(AuditChecks.Flagged("a1", agent: "agent-1"));
        await Store.RecordCheckAsync(AuditChecks.Flagged("a2", agent: "agent-2"));
        await Store.RecordCheckAsync(AuditChecks.Flagged("a3", agent: "agent-1", team: "team-b"));

        var page = await Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.Agent("agent-1"));

        Assert.That(page.Items.Select(r => r.CheckId), Is.EquivalentTo(new[] { "a1", "a3" }));
    }

    [Test]
    public async Task List_TeamScope_SeesOnlyTeamRecordsEvenWhenFilteringForAnotherTeam()
    {
        await Store.RecordCheckAsync(AuditChecks.Flagged("a1", team: "team-a"));
        await Store.RecordCheckAsync(AuditChecks.Flagged("b1", team: "team-b"));
        await Store.RecordCheckAsync(AuditChecks.Flagged("n1", team: null));

        var own = await Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.Team("team-a"));
        var other = await Store.ListAsync(new AuditQuery(new AuditFilter(Team: "team-b")), AuditScope.Team("team-a"));

        Assert.That(own.Items.Select(r => r.CheckId), Is.EqualTo(new[] { "a1" }));
        Assert.That(other.Items, Is.Empty);
    }

    [Test]
    public void List_TeamScopeWithoutTeam_Throws()
    {
        Assert.That(async () => await Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.Team("")), Throws.ArgumentException);
    }

    [Test]
    public async Task List_Filters_ApplyEachDimension()
    {
        var t = StoreHarness.Start;
        await Store.RecordCheckAsync(AuditChecks.Flagged("blame-hold", at: t, category: ToneCategory.Blame, level: RiskLevel.Hold));
        await Store.RecordCheckAsync(AuditChecks.Flagged("threat-caution", at: t.AddDays(1), category: ToneCategory.Threat, level: RiskLevel.Caution, risk: 0.6));
        await Store.RecordCheckAsync(AuditChecks.Flagged("blame-agent2", agent: "agent-2", at: t.AddDays(2), category: ToneCategory.Blame));
        await Store.RecordCheckAsync(AuditChecks.Flagged("sent", at: t.AddDays(3), outcome: AuditOutcome.SentAnyway, riskAtSend: 0.91));

        async Task<string[]> Ids(AuditFilter filter) =>
            (await Store.ListAsync(new AuditQuery(filter), AuditScope.Team("team-a"))).Items.Select(r => r.CheckId).ToArray();

        Assert.That(await Ids(new AuditFilter(Category: ToneCategory.Threat)), Is.EqualTo(new[] { "threat-caution" }));
        Assert.That(await Ids(new AuditFilter(Level: RiskLevel.Caution)), Is.EqualTo(new[] { "threat-caution" }));
        Assert.That(await Ids(new AuditFilter(AgentId: "agent-2")), Is.EqualTo(new[] { "blame-agent2" }));
        Assert.That(await Ids(new AuditFilter(Outcome: AuditOutcome.SentAnyway)), Is.EqualTo(new[] { "sent" }));
        Assert.That(await Ids(new AuditFilter(Outcome: AuditOutcome.Pending, Category: ToneCategory.Blame)), Is.EqualTo(new[] { "blame-agent2", "blame-hold" }));
        Assert.That(await Ids(new AuditFilter(From: t.AddDays(1), To: t.AddDays(3))), Is.EqualTo(new[] { "blame-agent2", "threat-caution" }));
    }

    [Test]
    public async Task List_Paging_VisitsEveryRecordOnceNewestFirst()
    {
        for (var i = 0; i < 23; i++)
        {
            // Pairs share a timestamp, so the id breaks ties.
            await Store.RecordCheckAsync(AuditChecks.Flagged($"p{i:00}", at: StoreHarness.Start.AddMinutes(i / 2)));
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.ListAsync(new AuditQuery(new AuditFilter(), PageSize: 5, Cursor: cursor), AuditScope.Team("team-a"));
            seen.AddRange(page.Items.Select(r => r.CheckId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.That(pages, Is.EqualTo(5));
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(23));
        Assert.That(seen[0], Is.EqualTo("p22"));
        Assert.That(seen[^1], Is.EqualTo("p00"));
    }

    [Test]
    public void List_ForgedCursor_Throws()
    {
        Assert.That(async () => await Store.ListAsync(new AuditQuery(new AuditFilter(), Cursor: "not-a-cursor!"), AuditScope.All), Throws.ArgumentException);
    }

    [Test]
    public async Task Get_OutsideScope_Null()
    {
        var created = await Store.RecordCheckAsync(AuditChecks.Flagged("g1", agent: "agent-1", team: "team-a"));

        Assert.That(await Store.GetAsync(created.Id!.Value, AuditScope.Team("team-b")), Is.Null);
        Assert.That(await Store.GetAsync(created.Id!.Value, AuditScope.Agent("agent-2")), Is.Null);
        Assert.That(await Store.GetAsync(created.Id!.Value, AuditScope.Team("team-a")), Is.Not.Null);
        Assert.That(await Store.GetAsync(created.Id!.Value, AuditScope.Agent("agent-1")), Is.Not.Null);
    }

    [Test]
    public async Task Review_InScope_SetsNoteReviewerAndTime()
    {
        var created = await Store.RecordCheckAsync(AuditChecks.Flagged("r1"));

        var reviewed = await Store.ReviewAsync(created.Id!.Value, new AuditReview("lead-1", "  Talk about blame-free wording.  ", StoreHarness.Start.AddHours(1)), AuditScope.Team("team-a"));

        Assert.That(reviewed!.ReviewedBy, Is.EqualTo("lead-1"));
        Assert.That(reviewed.CoachingNote, Is.EqualTo("Talk about blame-free wording."));
        Assert.That(reviewed.ReviewedAt, Is.EqualTo(StoreHarness.Start.AddHours(1)));
    }

    [Test]
    public async Task Review_OtherTeam_NullAndUnchanged()
    {
        var created = await Store.RecordCheckAsync(AuditChecks.Flagged("r1", team: "team-a"));

        var reviewed = await Store.ReviewAsync(created.Id!.Value, new AuditReview("lead-b", "note", StoreHarness.Start), AuditScope.Team("team-b"));

        Assert.That(reviewed, Is.Null);
        Assert.That((await Store.GetAsync(created.Id!.Value, AuditScope.All))!.ReviewedAt, Is.Null);
    }

    [Test]
    public async Task MarkFalsePositive_MarkThenUnmark_Toggles()
    {
        var created = await Store.RecordCheckAsync(AuditChecks.Flagged("f1"));
        var scope = AuditScope.Team("team-a");

        var marked = await Store.MarkFalsePositiveAsync(created.Id!.Value, new AuditFalsePositive("lead-1", true, StoreHarness.Start), scope);
        var listed = await Store.ListAsync(new AuditQuery(new AuditFilter(FalsePositive: true)), scope);
        var unmarked = await Store.MarkFalsePositiveAsync(created.Id!.Value, new AuditFalsePositive("lead-1", false, StoreHarness.Start), scope);

        Assert.That(marked!.FalsePositive, Is.True);
        Assert.That(marked.FalsePositiveBy, Is.EqualTo("lead-1"));
        Assert.That(listed.Items, Has.Count.EqualTo(1));
        Assert.That(unmarked!.FalsePositive, Is.False);
        Assert.That(unmarked.FalsePositiveBy, Is.Null);
    }

    [Test]
    public async Task Aggregate_ByWeek_CountsFlagsPerCategoryAndImprovedShare()
    {
        var monday = StoreHarness.Start;
        await Store.RecordCheckAsync(AuditChecks.Flagged("w1a", at: monday, category: ToneCategory.Blame, outcome: AuditOutcome.UsedRewrite, riskAtSend: 0.1));
        await Store.RecordCheckAsync(AuditChecks.Flagged("w1b", at: monday.AddDays(6), category: ToneCategory.Threat, more: [ToneCategory.Blame], outcome: AuditOutcome.SentAnyway, riskAtSend: 0.9));
        await Store.RecordCheckAsync(AuditChecks.Flagged("w1c", at: monday.AddDays(2), category: ToneCategory.Blame, outcome: AuditOutcome.Discarded));
        await Store.RecordCheckAsync(AuditChecks.Flagged("w2a", at: monday.AddDays(7), category: ToneCategory.Profanity, level: RiskLevel.Caution, risk: 0.6));

        var weeks = await Store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(), AuditGrouping.Week), AuditScope.Team("team-a"));

        Assert.That(weeks.Select(w => w.Key), Is.EqualTo(new[] { "2025-03-03", "2025-03-10" }));
        Assert.That(weeks[0].Flags, Is.EqualTo(3));
        Assert.That(weeks[0].Holds, Is.EqualTo(3));
        Assert.That(weeks[0].ByCategory["blame"], Is.EqualTo(3));
        Assert.That(weeks[0].ByCategory["threat"], Is.EqualTo(1));
        Assert.That(weeks[0].WithOutcome, Is.EqualTo(2));
        Assert.That(weeks[0].Improved, Is.EqualTo(1));
        Assert.That(weeks[0].SentAnyway, Is.EqualTo(1));
        Assert.That(weeks[0].ImprovedShare, Is.EqualTo(0.5));
        Assert.That(weeks[1].Flags, Is.EqualTo(1));
        Assert.That(weeks[1].Holds, Is.Zero);
        Assert.That(weeks[1].ByCategory["profanity"], Is.EqualTo(1));
    }

    [Test]
    public async Task Aggregate_ByAgentTeamAndCategory_GroupsWithinScope()
    {
        await Store.RecordCheckAsync(AuditChecks.Flagged("1", agent: "agent-1", category: ToneCategory.Blame));
        await Store.RecordCheckAsync(AuditChecks.Flagged("2", agent: "agent-1", category: ToneCategory.Hostility, more: [ToneCategory.Blame]));
        await Store.RecordCheckAsync(AuditChecks.Flagged("3", agent: "agent-2", category: ToneCategory.Blame));
        await Store.RecordCheckAsync(AuditChecks.Flagged("4", agent: "agent-9", team: "team-b", category: ToneCategory.Blame));

        var agents = await Store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(), AuditGrouping.Agent), AuditScope.Team("team-a"));
        var teams = await Store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(), AuditGrouping.Team), AuditScope.All);
        var categories = await Store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(), AuditGrouping.Category), AuditScope.Team("team-a"));

        Assert.That(agents.Select(a => (a.Key, a.Flags)), Is.EqualTo(new[] { ("agent-1", 2L), ("agent-2", 1L) }));
        Assert.That(agents[0].DisplayName, Is.EqualTo("agent-1 name"));
        Assert.That(teams.Select(a => (a.Key, a.Flags)), Is.EqualTo(new[] { ("team-a", 3L), ("team-b", 1L) }));
        Assert.That(categories.Select(a => (a.Key, a.Flags)), Is.EqualTo(new[] { ("hostility", 1L), ("blame", 3L) }));
        Assert.That(categories.Single(c => c.Key == "blame").Holds, Is.EqualTo(3));
    }

    [Test]
    public async Task Aggregate_NothingInScope_Empty()
    {
        await Store.RecordCheckAsync(AuditChecks.Flagged("1", team: "team-a"));

        var weeks = await Store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(), AuditGrouping.Week), AuditScope.Team("team-z"));
        var categories = await Store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(), AuditGrouping.Category), AuditScope.Team("team-z"));

        Assert.That(weeks, Is.Empty);
        Assert.That(categories, Is.Empty);
    }

    [Test]
    public async Task Export_ManyRecords_OldestFirstWithTextAndScope()
    {
        for (var i = 0; i < 1203; i++)
        {
            await Store.RecordCheckAsync(AuditChecks.Flagged($"e{i:0000}", team: i % 3 == 0 ? "team-b" : "team-a", at: StoreHarness.Start.AddSeconds(i)));
        }

        var exported = new List<AuditRecord>();
        await foreach (var record in Store.ExportAsync(new AuditFilter(), AuditScope.Team("team-a")))
        {
            exported.Add(record);
        }

        Assert.That(exported, Has.Count.EqualTo(802));
        Assert.That(exported.Select(r => r.CheckedAt), Is.Ordered);
        Assert.That(exported.All(r => r.Team == "team-a"), Is.True);
        Assert.That(exported[0].Spans[0].Text, Is.EqualTo("you clearly did not read"));
    }

    [Test]
    public async Task Migrations_SecondInstanceOnSameDatabase_NoChangeAndBothWork()
    {
        var second = _harness.NewStore();
        await second.InitializeAsync();
        await second.RecordCheckAsync(AuditChecks.Flagged("m1"));

        Assert.That(await _harness.ScalarAsync("SELECT COUNT(*) FROM audit_migrations"), Is.EqualTo(Storage.Migrations.Latest(engine == TestEngine.Sqlite ? "Sqlite" : "PostgreSql")));
        Assert.That((await Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.All)).Items, Has.Count.EqualTo(1));
    }
}
