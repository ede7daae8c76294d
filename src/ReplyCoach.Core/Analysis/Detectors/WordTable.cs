using System.Collections.Frozen;

namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>What the lexicon knows about one word form.</summary>
internal readonly record struct WordInfo(
    string Text,
    WordClass Classes,
    float Insult,
    float Profanity,
    GroupDimension Group);

/// <summary>
/// Every word form any lexicon or rule mentions, with an integer id. Tokens are resolved to ids once, so rules
/// compare integers and class bits instead of strings. Keys are lower-case; look-ups take a span so the tokenizer
/// never allocates a string per token.
/// </summary>
internal sealed class WordTable
{
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly WordInfo[] _info;

    public WordTable(FrozenDictionary<string, int> ids, WordInfo[] info)
    {
        _lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _info = info;
    }

    public int Count => _info.Length;

    /// <summary>The id of a lower-case word form, or -1.</summary>
    public int Find(ReadOnlySpan<char> lower) => _lookup.TryGetValue(lower, out var id) ? id : -1;

    public ref readonly WordInfo this[int id] => ref _info[id];

    public WordClass ClassesOf(int id) => id < 0 ? WordClass.None : _info[id].Classes;
}

/// <summary>Collects words while the lexicons and rules are being built, then freezes them into a <see cref="WordTable"/>.</summary>
internal sealed class WordTableBuilder
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<Entry> _entries = [];

    private sealed class Entry(string text)
    {
        public string Text { get; } = text;
        public WordClass Classes { get; set; }
        public float Insult { get; set; }
        public float Profanity { get; set; }
        public GroupDimension Group { get; set; }
    }

    /// <summary>Returns the id of a word, adding it when new. Hyphenated forms also answer to their unhyphenated spelling.</summary>
    public int Id(string word)
    {
        var key = word.ToLowerInvariant();
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        // "e-mail" and "email" are one word: a hyphenated form joins its plain spelling when that exists already.
        var plain = key.Length > 2 && key.Contains('-', StringComparison.Ordinal) ? key.Replace("-", string.Empty, StringComparison.Ordinal) : null;
        if (plain is not null && _ids.TryGetValue(plain, out var existing))
        {
            _ids[key] = existing;
            return existing;
        }

        id = _entries.Count;
        _entries.Add(new Entry(key));
        _ids[key] = id;
        if (plain is not null)
        {
            _ids[plain] = id;
        }

        return id;
    }

    /// <summary>Makes <paramref name="alias"/> resolve to the same id as <paramref name="word"/> (e.g. "ca" in "can't" to "can").</summary>
    public void Alias(string alias, string word) => _ids[alias] = Id(word);

    public void Add(string word, WordClass classes)
    {
        var entry = _entries[Id(word)];
        entry.Classes |= classes;
    }

    public void Add(IEnumerable<string> words, WordClass classes)
    {
        foreach (var word in words)
        {
            Add(word, classes);
        }
    }

    public void AddInsult(string word, WordClass classes, float strength)
    {
        var entry = _entries[Id(word)];
        entry.Classes |= classes | WordClass.Sensitive;
        entry.Insult = Math.Max(entry.Insult, strength);
    }

    public void AddProfanity(string word, float strength)
    {
        var entry = _entries[Id(word)];
        entry.Classes |= WordClass.Profanity | WordClass.Sensitive;
        entry.Profanity = Math.Max(entry.Profanity, strength);
    }

    public void AddGroup(string word, WordClass classes, GroupDimension dimension)
    {
        var entry = _entries[Id(word)];
        entry.Classes |= classes;
        if (entry.Group == GroupDimension.None)
        {
            entry.Group = dimension;
        }
    }

    public bool Has(string word, WordClass classes) =>
        _ids.TryGetValue(word, out var id) && (_entries[id].Classes & classes) != 0;

    public WordTable Build()
    {
        var info = new WordInfo[_entries.Count];
        for (var i = 0; i < info.Length; i++)
        {
            var e = _entries[i];
            info[i] = new WordInfo(e.Text, e.Classes, e.Insult, e.Profanity, e.Group);
        }

        return new WordTable(_ids.ToFrozenDictionary(StringComparer.Ordinal), info);
    }
}
