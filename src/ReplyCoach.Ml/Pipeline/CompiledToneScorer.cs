using System.Buffers;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Ml.Pipeline;

/// <summary>
/// The scoring function of a trained <see cref="TonePipeline"/> chain, computed straight from its weights: hashed
/// word 1-2-grams and character n-grams, each L2-normalised, joined with the detector features; the logistic
/// regression head and its Platt calibrator; the maximum-entropy category head.
/// </summary>
/// <remarks>
/// <para>
/// ML.NET trains, saves and loads the model and stays the reference. A scorer is only built after it reproduced the
/// ML.NET chain on a set of probe texts: the same feature vector slot for slot, and the same probability and category
/// scores (see <see cref="TryCreate"/>); any other chain runs on ML.NET's engines. What this saves is ML.NET's
/// per-row machinery (a getter and a fresh vector per column and per transform, for every sentence), the sort that
/// counts the n-grams, and seven separate passes for the category head (tests/ReplyCoach.Benchmarks/README.md has
/// the figures).
/// </para>
/// <para>
/// The hashing is ML.NET's: a word's key is its MurmurHash3 (x86, 32-bit, the pipeline's seed) masked, plus one; an
/// n-gram of keys is hashed as a sequence (one MurmurHash3 round per key, a round for the length, the finaliser) and
/// every n-gram hash, unigrams included, goes through the finaliser once more before masking. Characters are keys by
/// their UTF-16 value, framed by the markers U+0002 and U+0003. Words are hashed here when they are ASCII; a sentence
/// with any other word gets its word keys from the model's own tokeniser and Hash step (ML.NET's encoding of non-ASCII
/// text for hashing is its own, and such sentences are rare in English replies).
/// </para>
/// </remarks>
internal sealed class CompiledToneScorer
{
    /// <summary>The seed ML.NET's Hash and ProduceHashedNgrams use by default (the pipeline does not set another).</summary>
    private const uint HashSeed = 314489979;

    private const char TextStart = '\u0002';
    private const char TextEnd = '\u0003';

    private static readonly SearchValues<char> Separators = SearchValues.Create(TonePipeline.WordSeparators);

    // Each thread's scratch, kept between calls (see Scratch): one array for the n-gram lists, one tally with a count
    // per feature slot (all zero between calls).
    [ThreadStatic]
    private static int[]? t_lists;

    [ThreadStatic]
    private static int[]? t_tally;

    // A thread keeps the lists for sentences of up to about 8,000 characters; a longer one gets its own.
    private const int MaxKeptScratch = 1 << 15;

    private readonly uint _wordMask;
    private readonly uint _charMask;
    private readonly int _charOffset;
    private readonly int _charLength;
    private readonly int _detectorOffset;
    private readonly int _detectorRepeat;
    private readonly int _categories;
    private readonly int _stride;
    private readonly float[] _weights;
    private readonly float[] _biases;
    private readonly double _plattSlope;
    private readonly double _plattOffset;
    private readonly Func<string, uint[]> _wordKeysOf;

    private CompiledToneScorer(
        Func<string, uint[]> wordKeysOf,
        int wordBits,
        int charBits,
        int charLength,
        int detectorRepeat,
        float[] binaryWeights,
        float binaryBias,
        float[][] categoryWeights,
        float[] categoryBiases,
        double plattSlope,
        double plattOffset)
    {
        _wordKeysOf = wordKeysOf;
        _wordMask = (1u << wordBits) - 1;
        _charMask = (1u << charBits) - 1;
        _charOffset = 1 << wordBits;
        _charLength = charLength;
        _detectorOffset = _charOffset + (1 << charBits);
        _detectorRepeat = detectorRepeat;

        // One row per feature slot: the binary weight, then the category weights. A slot's weights share a cache
        // line, so the category head, when it runs, reads lines the binary head has just brought in.
        _categories = categoryWeights.Length;
        _stride = 1 + _categories;
        _weights = new float[binaryWeights.Length * _stride];
        for (var slot = 0; slot < binaryWeights.Length; slot++)
        {
            _weights[slot * _stride] = binaryWeights[slot];
            for (var k = 0; k < _categories; k++)
            {
                _weights[(slot * _stride) + 1 + k] = categoryWeights[k][slot];
            }
        }

        _biases = [binaryBias, .. categoryBiases];
        _plattSlope = plattSlope;
        _plattOffset = plattOffset;
    }

    /// <summary>
    /// Builds the scorer for a chain's heads, or returns null (with the reason) when the chain is not one this can
    /// reproduce exactly.
    /// </summary>
    /// <param name="featuredSchema">The featuriser's output schema (gives the sizes of the word and character branches).</param>
    /// <param name="binaryHead">The fitted logistic-regression head.</param>
    /// <param name="categoryHead">The fitted maximum-entropy category head.</param>
    /// <param name="charLength">The character n-gram length the featuriser was built with.</param>
    /// <param name="wordKeysOf">The model's tokeniser and Hash step applied to a prepared text (thread-safe).</param>
    /// <param name="probabilityOf">The ML.NET binary head and calibrator applied to a feature vector.</param>
    /// <param name="featuresOf">The ML.NET featuriser applied to a prepared text and detector features.</param>
    /// <param name="reference">The ML.NET chain's prediction for a prepared text and detector features.</param>
    /// <param name="reason">Why no scorer was built, when none was.</param>
    public static CompiledToneScorer? TryCreate(
        DataViewSchema featuredSchema,
        ITransformer binaryHead,
        ITransformer categoryHead,
        int charLength,
        Func<string, uint[]> wordKeysOf,
        Func<VBuffer<float>, float> probabilityOf,
        Func<string, float[], VBuffer<float>> featuresOf,
        Func<string, float[], ToneModelOutput> reference,
        out string? reason)
    {
        ArgumentNullException.ThrowIfNull(featuredSchema);
        ArgumentNullException.ThrowIfNull(wordKeysOf);
        ArgumentNullException.ThrowIfNull(probabilityOf);
        ArgumentNullException.ThrowIfNull(featuresOf);
        ArgumentNullException.ThrowIfNull(reference);

        if (!TryBits(featuredSchema, TonePipeline.WordVectorColumn, out var wordBits) || !TryBits(featuredSchema, TonePipeline.CharVectorColumn, out var charBits) ||
            featuredSchema.GetColumnOrNull(TonePipeline.FeaturesColumn)?.Type is not VectorDataViewType { Size: > 0 } featureType)
        {
            reason = "the featuriser does not have the word, character and joined columns of the tone pipeline";
            return null;
        }

        var detectorSlots = featureType.Size - (1 << wordBits) - (1 << charBits);
        if (detectorSlots <= 0 || detectorSlots % DetectorFeatures.Count != 0)
        {
            reason = $"the joined feature vector has {featureType.Size} slots, which is not word + character + detector features";
            return null;
        }

        if (binaryHead is not BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> { Model.SubModel: { } linear } ||
            categoryHead is not MulticlassPredictionTransformer<MaximumEntropyModelParameters> { Model: { } maxEnt })
        {
            reason = "the heads are not a linear binary classifier and a maximum-entropy category classifier";
            return null;
        }

        if (linear.Weights.Count != featureType.Size)
        {
            reason = "the binary head's weights do not match the feature vector";
            return null;
        }

        var categoryWeights = Array.Empty<VBuffer<float>>();
        maxEnt.GetWeights(ref categoryWeights, out var classes);
        var biases = maxEnt.GetBiases().ToArray();
        if (classes != ToneCategories.Count || biases.Length != classes || categoryWeights.Any(w => w.Length != featureType.Size))
        {
            reason = "the category head does not have one weight vector per category";
            return null;
        }

        var binaryWeights = linear.Weights.ToArray();
        var (slope, offset) = CalibrationOf(binaryWeights, linear.Bias, featureType.Size, probabilityOf);
        var scorer = new CompiledToneScorer(
            wordKeysOf,
            wordBits,
            charBits,
            charLength,
            detectorSlots / DetectorFeatures.Count,
            binaryWeights,
            linear.Bias,
            [.. categoryWeights.Select(Dense)],
            biases,
            slope,
            offset);

        reason = scorer.Disagreement(featuresOf, reference);
        return reason is null ? scorer : null;
    }

    /// <summary>Scores a prepared text (<see cref="ToneText.Prepare"/>); category scores only when the probability reaches <paramref name="categoryFloor"/>.</summary>
    public ToneModelOutput Predict(string text, ReadOnlySpan<float> detectorFeatures, float categoryFloor)
    {
        var scratch = Scratch.For(text.Length, _detectorOffset);
        var slots = scratch.Slots;
        var counts = scratch.Counts;
        var bag = Bag(text, scratch);
        var raw = Score(bag, slots, counts, detectorFeatures);
        var probability = (float)(1d / (1d + Math.Exp((_plattSlope * raw) + _plattOffset)));
        if (float.IsNaN(probability))
        {
            probability = 0f;
        }

        float[]? categories = null;
        if (!(probability < categoryFloor))
        {
            Span<double> z = stackalloc double[_categories];
            CategoryScores(bag, slots, counts, detectorFeatures, z);
            var max = double.NegativeInfinity;
            foreach (var value in z)
            {
                max = Math.Max(max, value);
            }

            var sum = 0d;
            for (var k = 0; k < z.Length; k++)
            {
                z[k] = Math.Exp(z[k] - max);
                sum += z[k];
            }

            categories = new float[_categories];
            for (var k = 0; k < z.Length; k++)
            {
                categories[k] = (float)(z[k] / sum);
            }
        }

        return new ToneModelOutput(Math.Clamp(probability, 0f, 1f), categories);
    }

    /// <summary>The joined feature vector of a prepared text, as slot → value (for checking against ML.NET).</summary>
    public SortedDictionary<int, float> Features(string text, float[] detectorFeatures)
    {
        var scratch = Scratch.For(text.Length, _detectorOffset);
        var slots = scratch.Slots;
        var counts = scratch.Counts;
        var bag = Bag(text, scratch);
        var features = new SortedDictionary<int, float>();
        for (var i = 0; i < bag.Count; i++)
        {
            features[slots[i]] = counts[i] * (slots[i] < _charOffset ? bag.WordScale : bag.CharScale);
        }

        for (var r = 0; r < _detectorRepeat; r++)
        {
            for (var k = 0; k < DetectorFeatures.Count; k++)
            {
                if (detectorFeatures[k] != 0f)
                {
                    features[_detectorOffset + (r * DetectorFeatures.Count) + k] = detectorFeatures[k];
                }
            }
        }

        return features;
    }

    /// <summary>
    /// The word keys of a text, in order, computed into the tail of <paramref name="room"/> (which the n-gram slots fill
    /// from the front: a word's slots never outrun its own key).
    /// </summary>
    private ReadOnlySpan<uint> WordKeys(string text, Span<int> room)
    {
        var keys = System.Runtime.InteropServices.MemoryMarshal.Cast<int, uint>(room[(room.Length / 2)..]);
        var count = 0;
        var span = text.AsSpan();
        while (true)
        {
            var start = span.IndexOfAnyExcept(Separators);
            if (start < 0)
            {
                return keys[..count];
            }

            span = span[start..];
            var length = span.IndexOfAny(Separators);
            if (length < 0)
            {
                length = span.Length;
            }

            var word = span[..length];
            if (!System.Text.Ascii.IsValid(word))
            {
                var mlNet = _wordKeysOf(text);
                mlNet.CopyTo(keys);
                return keys[..mlNet.Length];
            }

            keys[count++] = (HashAscii(word) & _wordMask) + 1;
            span = span[length..];
        }
    }

    /// <summary>
    /// The n-gram counts of a text: the distinct slots in <see cref="Scratch.Slots"/>, their counts alongside. The
    /// tally counts them (no sort) and is left all zero again.
    /// </summary>
    private NgramBag Bag(string text, Scratch scratch)
    {
        var slots = scratch.Slots;
        var counts = scratch.Counts;
        var tally = scratch.Tally;
        var distinct = 0;

        // Word 1- and 2-grams. (The keys come first: if asking ML.NET for them fails, the tally is still all zero.)
        var keys = WordKeys(text, slots);
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            Add((int)(Mix(key) & _wordMask), scratch, ref distinct);
            if (i > 0)
            {
                Add((int)(Mix(Mix(Round(Round(Round(HashSeed, keys[i - 1]), key), 2))) & _wordMask), scratch, ref distinct);
            }
        }

        // Character n-grams over the text framed by the two markers.
        var framed = text.Length == 0 ? 0 : text.Length + 2;
        for (var i = 0; i + _charLength <= framed; i++)
        {
            var hash = HashSeed;
            for (var j = i; j < i + _charLength; j++)
            {
                hash = Round(hash, j == 0 ? TextStart : j == framed - 1 ? TextEnd : text[j - 1]);
            }

            Add(_charOffset + (int)(Mix(Mix(Round(hash, (uint)_charLength))) & _charMask), scratch, ref distinct);
        }

        var wordSquares = 0L;
        var charSquares = 0L;
        for (var i = 0; i < distinct; i++)
        {
            var slot = slots[i];
            long count = counts[i] = tally[slot];
            tally[slot] = 0;
            if (slot < _charOffset)
            {
                wordSquares += count * count;
            }
            else
            {
                charSquares += count * count;
            }
        }

        return new NgramBag(distinct, Scale(wordSquares), Scale(charSquares));

        static void Add(int slot, in Scratch scratch, ref int distinct)
        {
            if (scratch.Tally[slot]++ == 0)
            {
                scratch.Slots[distinct++] = slot;
            }
        }

        static float Scale(long squares) => squares == 0 ? 0f : 1f / MathF.Sqrt(squares);
    }

    /// <summary>The binary head's raw score.</summary>
    private double Score(NgramBag bag, ReadOnlySpan<int> slots, ReadOnlySpan<int> counts, ReadOnlySpan<float> detectorFeatures)
    {
        var weights = _weights;
        var stride = _stride;
        var word = 0d;
        var chars = 0d;
        for (var i = 0; i < bag.Count; i++)
        {
            var slot = slots[i];
            var value = counts[i] * (double)weights[slot * stride];
            if (slot < _charOffset)
            {
                word += value;
            }
            else
            {
                chars += value;
            }
        }

        var score = _biases[0] + (word * bag.WordScale) + (chars * bag.CharScale);
        for (var r = 0; r < _detectorRepeat; r++)
        {
            var offset = _detectorOffset + (r * DetectorFeatures.Count);
            for (var k = 0; k < DetectorFeatures.Count; k++)
            {
                score += detectorFeatures[k] * (double)weights[(offset + k) * stride];
            }
        }

        return score;
    }

    /// <summary>The category head's raw scores, all categories in one pass over the slots.</summary>
    private void CategoryScores(NgramBag bag, ReadOnlySpan<int> slots, ReadOnlySpan<int> counts, ReadOnlySpan<float> detectorFeatures, Span<double> scores)
    {
        var weights = _weights;
        var stride = _stride;
        Span<double> word = stackalloc double[_categories];
        Span<double> chars = stackalloc double[_categories];
        word.Clear();
        chars.Clear();
        for (var i = 0; i < bag.Count; i++)
        {
            var slot = slots[i];
            var row = weights.AsSpan((slot * stride) + 1, _categories);
            var sums = slot < _charOffset ? word : chars;
            double count = counts[i];
            for (var k = 0; k < row.Length; k++)
            {
                sums[k] += count * row[k];
            }
        }

        for (var k = 0; k < scores.Length; k++)
        {
            var score = _biases[1 + k] + (word[k] * bag.WordScale) + (chars[k] * bag.CharScale);
            for (var r = 0; r < _detectorRepeat; r++)
            {
                var offset = _detectorOffset + (r * DetectorFeatures.Count);
                for (var f = 0; f < DetectorFeatures.Count; f++)
                {
                    score += detectorFeatures[f] * (double)weights[((offset + f) * stride) + 1 + k];
                }
            }

            scores[k] = score;
        }
    }

    /// <summary>The first difference from ML.NET on the probe texts, or null when there is none.</summary>
    private string? Disagreement(Func<string, float[], VBuffer<float>> featuresOf, Func<string, float[], ToneModelOutput> reference)
    {
        const float Tolerance = 1e-5f;
        for (var p = 0; p < ProbeTexts.Length; p++)
        {
            var text = ProbeTexts[p];
            var detectors = ProbeDetectorFeatures(p);
            var expected = featuresOf(text, detectors);
            var actual = Features(text, detectors);
            var values = expected.GetValues();
            var indices = expected.GetIndices();
            var nonZero = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] == 0f)
                {
                    continue;
                }

                nonZero++;
                var slot = expected.IsDense ? i : indices[i];
                if (!actual.TryGetValue(slot, out var value) || Math.Abs(value - values[i]) > Tolerance)
                {
                    return $"probe {p}: feature slot {slot} differs from ML.NET";
                }
            }

            if (nonZero != actual.Count(kv => kv.Value != 0f))
            {
                return $"probe {p}: {actual.Count} feature slots, ML.NET has {nonZero}";
            }

            var want = reference(text, detectors);
            var got = Predict(text, detectors, 0f);
            if (Math.Abs(want.Probability - got.Probability) > Tolerance)
            {
                return $"probe {p}: probability {got.Probability} differs from ML.NET's {want.Probability}";
            }

            for (var k = 0; k < ToneCategories.Count; k++)
            {
                if (want.CategoryProbabilities is not { } categories || Math.Abs(categories[k] - got.CategoryProbabilities![k]) > Tolerance)
                {
                    return $"probe {p}: category score {k} differs from ML.NET";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Texts that exercise every branch of the hashing: one-, two- and three-byte characters, a surrogate pair,
    /// separators in runs, repeated n-grams, a single character, and text that is only separators.
    /// </summary>
    internal static readonly string[] ProbeTexts =
    [
        "thank you for your patience, i have issued a full refund today.",
        "you are an idiot and i am sick of your stupid emails!!",
        "stop pretending you followed the steps - that never happened and you know it",
        "no no no no no no. no!",
        "naive cafe resume: o'brien's \"quote\" (aside) [ref] {x} a/b\\c *d* e_f g=h i+j <k> l|m ~n #o &p",
        "\u0436\u0443\u0440\u043d\u0430\u043b \u00df \u00e6\u00f8 \u4e2d\u6587 \u20ac \u2603 \ud83d\ude00 done",
        "x",
        "ok",
        " . , ! ? ",
        "people like you never read the manual, as anyone who can read would know.",
    ];

    private static float[] ProbeDetectorFeatures(int probe)
    {
        var features = new float[DetectorFeatures.Count];
        for (var k = 0; k < features.Length; k++)
        {
            // Some zero, some fractional, some one: every detector weight takes part in some probe.
            features[k] = ((k + probe) % 3) switch { 0 => 0f, 1 => 0.5f + (0.05f * probe), _ => 1f };
        }

        return features;
    }

    private static bool TryBits(DataViewSchema schema, string column, out int bits)
    {
        bits = 0;
        if (schema.GetColumnOrNull(column)?.Type is not VectorDataViewType { Size: > 0 } type || (type.Size & (type.Size - 1)) != 0)
        {
            return false;
        }

        bits = System.Numerics.BitOperations.Log2((uint)type.Size);
        return true;
    }

    private static float[] Dense(VBuffer<float> vector)
    {
        var dense = new float[vector.Length];
        vector.CopyTo(dense);
        return dense;
    }

    /// <summary>
    /// The calibrator's slope and offset (probability = 1 / (1 + exp(slope · score + offset))), read off ML.NET's
    /// calibrated head at three feature vectors with known raw scores: the zero vector (score = bias) and one slot
    /// set so the score moves by ±1.
    /// </summary>
    private static (double Slope, double Offset) CalibrationOf(float[] weights, float bias, int size, Func<VBuffer<float>, float> probabilityOf)
    {
        var slot = 0;
        for (var i = 1; i < weights.Length; i++)
        {
            if (Math.Abs(weights[i]) > Math.Abs(weights[slot]))
            {
                slot = i;
            }
        }

        var step = weights[slot] == 0f ? 0f : 1f / weights[slot];
        double LogOdds(float value)
        {
            var p = (double)probabilityOf(value == 0f
                ? new VBuffer<float>(size, 0, [], [])
                : new VBuffer<float>(size, 1, [value], [slot]));
            return Math.Log((1 - p) / p);
        }

        if (step == 0f)
        {
            return (0d, LogOdds(0f));
        }

        var up = LogOdds(step);
        var down = LogOdds(-step);
        var upScore = bias + ((double)step * weights[slot]);
        var downScore = bias - ((double)step * weights[slot]);
        var slope = (up - down) / (upScore - downScore);
        return (slope, up - (slope * upScore));
    }

    /// <summary>
    /// Working memory for one sentence, from the calling thread's arrays: the distinct n-gram slots (whose upper half
    /// first holds the word keys) and their counts; and the tally, one count per feature slot, all zero between calls
    /// (each call sets back the entries it counted). Counting in the tally measured 15% faster on the batch than a
    /// small hash table, for 512 KB per thread.
    /// </summary>
    private readonly ref struct Scratch
    {
        private Scratch(int[] lists, int capacity, int[] tally)
        {
            Slots = lists.AsSpan(0, capacity);
            Counts = lists.AsSpan(capacity, capacity);
            Tally = tally;
        }

        public Span<int> Slots { get; }

        public Span<int> Counts { get; }

        public Span<int> Tally { get; }

        public static Scratch For(int textLength, int featureSlots)
        {
            // A text of n characters has at most n + 1 word n-grams and n - 1 character n-grams.
            var capacity = (2 * textLength) + 8;
            var lists = t_lists;
            if (lists is null || lists.Length < 2 * capacity)
            {
                lists = new int[Math.Max(2 * capacity, 1024)];
                if (lists.Length <= MaxKeptScratch)
                {
                    t_lists = lists;
                }
            }

            var tally = t_tally;
            if (tally is null || tally.Length < featureSlots)
            {
                // Fresh, so all zero.
                t_tally = tally = new int[featureSlots];
            }

            return new Scratch(lists, capacity, tally);
        }
    }

    /// <summary>A counted bag of n-grams: how many distinct slots, and the L2 scale of each branch.</summary>
    private readonly record struct NgramBag(int Count, float WordScale, float CharScale);

    // One MurmurHash3 round.
    private static uint Round(uint hash, uint block)
    {
        block *= 0xCC9E2D51;
        block = uint.RotateLeft(block, 15);
        block *= 0x1B873593;
        hash ^= block;
        hash = uint.RotateLeft(hash, 13);
        return (hash * 5) + 0xE6546B64;
    }

    // MurmurHash3's finaliser.
    private static uint Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        return hash ^ (hash >> 16);
    }

    // MurmurHash3 (x86, 32-bit) of an ASCII word: its bytes in little-endian 4-byte blocks, the last 1-3 bytes mixed
    // into the hash without a full round, then the length, then the finaliser.
    private static uint HashAscii(ReadOnlySpan<char> word)
    {
        var hash = HashSeed;
        var blocks = word.Length & ~3;
        for (var i = 0; i < blocks; i += 4)
        {
            hash = Round(hash, word[i] | ((uint)word[i + 1] << 8) | ((uint)word[i + 2] << 16) | ((uint)word[i + 3] << 24));
        }

        var tail = 0u;
        for (var i = word.Length - 1; i >= blocks; i--)
        {
            tail = (tail << 8) | word[i];
        }

        if (word.Length > blocks)
        {
            tail *= 0xCC9E2D51;
            tail = uint.RotateLeft(tail, 15);
            tail *= 0x1B873593;
            hash ^= tail;
        }

        return Mix(hash ^ (uint)word.Length);
    }
}
