using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Core.Tests.Engine;

[TestFixture]
internal sealed class CategoryScoresTests
{
    [Test]
    public void Scores_EveryCategoryInOrder_ClampedToZeroOne()
    {
        var scores = new CategoryScores([0.5, -1, 2, double.NaN, 0.25, 0, 1]);

        Assert.That(scores.Keys, Is.EqualTo(ToneCategories.All));
        Assert.That(scores.Select(p => p.Key), Is.EqualTo(ToneCategories.All));
        Assert.That(scores.Values, Is.EqualTo(new[] { 0.5, 0, 1, 0, 0.25, 0, 1 }));
        Assert.That(scores[ToneCategory.Generalization], Is.EqualTo(1));
        Assert.That(scores.Count, Is.EqualTo(ToneCategories.Count));
    }

    [Test]
    public void Lookup_UnknownCategory_IsNotFound()
    {
        var scores = CategoryScores.Zero;

        Assert.That(scores.ContainsKey((ToneCategory)99), Is.False);
        Assert.That(scores.TryGetValue((ToneCategory)99, out _), Is.False);
        Assert.That(() => scores[(ToneCategory)99], Throws.TypeOf<KeyNotFoundException>());
    }

    [Test]
    public void Create_WrongLength_Throws() =>
        Assert.That(() => new CategoryScores(new double[3]), Throws.ArgumentException);
}
