using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ReplyCoach.Core.Analysis;

/// <summary>
/// A score per <see cref="ToneCategory"/>, every category present, in category order. A read-only map over one small
/// array: the engine makes one per sentence, and a general dictionary cost four times the memory.
/// </summary>
public sealed class CategoryScores : IReadOnlyDictionary<ToneCategory, double>
{
    private readonly double[] _scores;

    /// <summary>Wraps <paramref name="scores"/> (one value per category, in <see cref="ToneCategory"/> order), clamped to 0..1.</summary>
    /// <remarks>The array is taken over, not copied: the caller must not change it afterwards.</remarks>
    public CategoryScores(double[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Length != ToneCategories.Count)
        {
            throw new ArgumentException($"Expected {ToneCategories.Count} scores, got {scores.Length}.", nameof(scores));
        }

        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = double.IsNaN(scores[k]) ? 0 : Math.Clamp(scores[k], 0, 1);
        }

        _scores = scores;
    }

    /// <summary>All categories at zero.</summary>
    public static CategoryScores Zero { get; } = new(new double[ToneCategories.Count]);

    /// <inheritdoc />
    public double this[ToneCategory key] => ContainsKey(key) ? _scores[(int)key] : throw new KeyNotFoundException($"No category {key}.");

    /// <inheritdoc />
    public IEnumerable<ToneCategory> Keys => ToneCategories.All;

    /// <inheritdoc />
    public IEnumerable<double> Values => _scores;

    /// <inheritdoc />
    public int Count => _scores.Length;

    /// <inheritdoc />
    public bool ContainsKey(ToneCategory key) => (uint)key < (uint)_scores.Length;

    /// <inheritdoc />
    public bool TryGetValue(ToneCategory key, [MaybeNullWhen(false)] out double value)
    {
        if (ContainsKey(key))
        {
            value = _scores[(int)key];
            return true;
        }

        value = 0;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<ToneCategory, double>> GetEnumerator()
    {
        for (var k = 0; k < _scores.Length; k++)
        {
            yield return new KeyValuePair<ToneCategory, double>((ToneCategory)k, _scores[k]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
