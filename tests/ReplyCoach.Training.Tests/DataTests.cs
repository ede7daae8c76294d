using ReplyCoach.Core.Analysis;
using ReplyCoach.Training.Data;

namespace ReplyCoach.Training.Tests;

[TestFixture]
internal sealed class DataTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "replycoach-ml-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Assign_SameGroupAndSeed_SameSplitEveryTime()
    {
        var a = new LabelledExample("paradetox", "p-1", "you idiot", true, null, false);
        var rewrite = a with { Text = "I disagree", Label = false };
        Assert.That(DataSplitter.Assign(rewrite, 42), Is.EqualTo(DataSplitter.Assign(a, 42)));
        Assert.That(DataSplitter.Assign(a, 42), Is.EqualTo(DataSplitter.Assign(a, 42)));
    }

    [Test]
    public void Assign_ManyPublicGroups_TenPercentEachForValidationAndTest()
    {
        var splits = Enumerable.Range(0, 20_000)
            .Select(i => DataSplitter.Assign(new LabelledExample("wiki_talk", "w-" + i, "x", false, null, false), 7))
            .GroupBy(s => s)
            .ToDictionary(g => g.Key, g => g.Count() / 20_000.0);
        Assert.That(splits[DataSplit.Validation], Is.EqualTo(0.10).Within(0.01));
        Assert.That(splits[DataSplit.Test], Is.EqualTo(0.10).Within(0.01));
        Assert.That(splits[DataSplit.Train], Is.EqualTo(0.80).Within(0.01));
    }

    [Test]
    public void Subset_SameSeed_SameRows()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => new LabelledExample("s", "g" + i, "t" + i, i % 2 == 0, null, false)).ToList();
        Assert.That(DataSplitter.Subset(rows, 100, 1), Is.EqualTo(DataSplitter.Subset(rows, 100, 1)));
        Assert.That(DataSplitter.Subset(rows, 100, 1), Has.Count.EqualTo(100));
        Assert.That(DataSplitter.Subset(rows, 100, 2), Is.Not.EqualTo(DataSplitter.Subset(rows, 100, 1)));
    }

    [Test]
    public void Read_TsvWithCategoryAndKind_MapsEveryColumn()
    {
        var path = Path.Combine(_folder, "rows.tsv");
        File.WriteAllText(path, "id\ttext\tlabel\tcategory\tkind\nr1\tYou must have dropped it.\t1\tblame\texplicit\nr2\tThanks for waiting.\t0\tnone\tpolite\n");
        var rows = LabelledFile.Read(path);
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Is.EqualTo(new LabelledExample("corpus", "r1", "You must have dropped it.", true, ToneCategory.Blame, true, "explicit")));
        Assert.That(rows[1].Category, Is.Null);
        Assert.That(rows[1].Label, Is.False);
    }

    [Test]
    public void Read_JsonLines_ReadsTextLabelAndCategory()
    {
        var path = Path.Combine(_folder, "rows.jsonl");
        File.WriteAllText(path, "{\"text\":\"Stop wasting my time.\",\"label\":1,\"category\":\"dismissiveness\"}\n\n{\"text\":\"Happy to help.\",\"label\":false}\n");
        var rows = LabelledFile.Read(path, "eval");
        Assert.That(rows.Select(r => (r.Label, r.Category)), Is.EqualTo(new[] { (true, (ToneCategory?)ToneCategory.Dismissiveness), (false, null) }));
    }

    [Test]
    public void Read_UnknownCategory_ThrowsDataException()
    {
        var path = Path.Combine(_folder, "bad.tsv");
        File.WriteAllText(path, "text\tlabel\tcategory\nHello\t1\tsnark\n");
        Assert.That(() => LabelledFile.Read(path), Throws.TypeOf<DataException>().With.Message.Contains("snark"));
    }

    [Test]
    public void Read_MissingLabelColumn_ThrowsDataException()
    {
        var path = Path.Combine(_folder, "bad.tsv");
        File.WriteAllText(path, "text\nHello\n");
        Assert.That(() => LabelledFile.Read(path), Throws.TypeOf<DataException>().With.Message.Contains("label"));
    }

    [Test]
    public void Locate_MissingFolder_SaysHowToFixIt() =>
        Assert.That(() => PublicDatasets.Locate(Path.Combine(_folder, "nope")), Throws.TypeOf<DataException>().With.Message.Contains("--datasets"));
}
