namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// A set of word ids as a flag per id. Word ids are dense and few thousand, so membership is one array read with no
/// hashing and no generic look-up, which matters in loops that run per token.
/// </summary>
internal sealed class WordSet
{
    private readonly bool[] _member;

    public WordSet(IEnumerable<int> ids)
    {
        var list = ids.ToList();
        _member = new bool[list.Count == 0 ? 0 : list.Max() + 1];
        foreach (var id in list)
        {
            _member[id] = true;
        }
    }

    public bool Contains(int id) => (uint)id < (uint)_member.Length && _member[id];
}

/// <summary>A sparse map from word id to a value, searched by binary search (no hashing, no generic dictionary).</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class WordMap<T>
{
    private readonly int[] _keys;
    private readonly T[] _values;

    public WordMap(IEnumerable<KeyValuePair<int, T>> pairs)
    {
        var sorted = pairs.OrderBy(p => p.Key).ToArray();
        _keys = sorted.Select(p => p.Key).ToArray();
        _values = sorted.Select(p => p.Value).ToArray();
    }

    public int Count => _keys.Length;

    public IEnumerable<int> Keys => _keys;

    public bool TryGetValue(int key, out T value)
    {
        var keys = _keys;
        int lo = 0, hi = keys.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var k = keys[mid];
            if (k == key)
            {
                value = _values[mid];
                return true;
            }

            if (k < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        value = default!;
        return false;
    }
}
