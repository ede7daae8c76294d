using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Analysis;

/// <summary>
/// Context that changes how a sentence should be read. A sentence with harsh words that is an apology for an
/// earlier reply, a retraction, or a restatement of what the customer said is de-escalation, not hostility.
/// </summary>
[Flags]
public enum ContextFlags
{
    /// <summary>No context signal.</summary>
    None = 0,
    /// <summary>Apologises ("I'm sorry my last reply was rude").</summary>
    Apology = 1 << 0,
    /// <summary>Takes back an earlier remark ("I shouldn't have said that").</summary>
    Retraction = 1 << 1,
    /// <summary>Restates or reports what someone else said ("you wrote that you felt ignored").</summary>
    ReportedSpeech = 1 << 2,
    /// <summary>Shows understanding ("I understand how frustrating this is").</summary>
    Empathy = 1 << 3,
    /// <summary>The harsh words are inside quotation marks.</summary>
    Quotation = 1 << 4,
    /// <summary>Hedged or conditional ("if the seal is broken, ...").</summary>
    Hedged = 1 << 5,
    /// <summary>Negated ("you are not at fault").</summary>
    Negated = 1 << 6,
    /// <summary>About the agent or the company, not the reader ("we made a mistake").</summary>
    SelfDirected = 1 << 7,
    /// <summary>Addressed to the reader ("you", "your").</summary>
    AddressesReader = 1 << 8,
    /// <summary>Shouting: most letters are capitals, or many exclamation marks.</summary>
    Shouting = 1 << 9,
}

/// <summary>
/// Words in a sentence that make it read as hostile, with the category and a reason a person understands.
/// </summary>
/// <param name="Start">Offset into <see cref="NormalizedDraft.Text"/>.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Category">Which kind of hostility.</param>
/// <param name="Reason">One line, e.g. "tells the customer they are not telling the truth".</param>
/// <param name="Strength">How strongly these words alone signal the category, 0..1, after context.</param>
public sealed record Evidence(int Start, int Length, ToneCategory Category, string Reason, float Strength)
{
    /// <summary>Offset just past the span.</summary>
    public int End => Start + Length;
}

/// <summary>What the linguistic detectors found in one sentence.</summary>
/// <param name="Hits">The evidence spans (offsets into the draft text).</param>
/// <param name="Context">Context signals found in the sentence.</param>
/// <param name="Features">A fixed-length vector (<see cref="DetectorFeatures.Count"/>) fed to the model.</param>
public sealed record SentenceSignals(IReadOnlyList<Evidence> Hits, ContextFlags Context, float[] Features);

/// <summary>The explainable layer: grammar-aware patterns that find hostile words and context.</summary>
public interface ISentenceDetector
{
    /// <summary>Finds evidence and context in one sentence of a draft.</summary>
    /// <param name="draftText">The whole normalised draft text (offsets in hits refer to it).</param>
    /// <param name="sentence">The sentence to examine.</param>
    /// <param name="incoming">The customer's message being answered, when known.</param>
    SentenceSignals Detect(string draftText, Sentence sentence, string? incoming);
}

/// <summary>The layout of <see cref="SentenceSignals.Features"/>.</summary>
public static class DetectorFeatures
{
    /// <summary>
    /// Number of features: the strongest evidence per category (7, in <see cref="ToneCategory"/> order),
    /// then one 0/1 feature per <see cref="ContextFlags"/> bit (10).
    /// </summary>
    public const int Count = ToneCategories.Count + ContextBits;

    /// <summary>Number of context flag bits.</summary>
    public const int ContextBits = 10;

    /// <summary>Builds the feature vector from hits and context.</summary>
    public static float[] Build(IReadOnlyList<Evidence> hits, ContextFlags context)
    {
        var features = new float[Count];
        foreach (var hit in hits)
        {
            var i = (int)hit.Category;
            if (hit.Strength > features[i])
            {
                features[i] = hit.Strength;
            }
        }

        for (var bit = 0; bit < ContextBits; bit++)
        {
            features[ToneCategories.Count + bit] = ((int)context & (1 << bit)) != 0 ? 1f : 0f;
        }

        return features;
    }
}

/// <summary>The statistical layer: a trained model over the sentence text and the detector features.</summary>
public interface IToneModel
{
    /// <summary>Scores one sentence. Must be safe to call from several threads at once.</summary>
    ToneModelOutput Predict(string sentence, float[] detectorFeatures);

    /// <summary>
    /// Scores one sentence; the category probabilities may be left out (null) when the hostility probability is below
    /// <paramref name="categoryFloor"/>, which saves the category head's work on plainly civil sentences.
    /// </summary>
    ToneModelOutput Predict(string sentence, float[] detectorFeatures, float categoryFloor) => Predict(sentence, detectorFeatures);
}

/// <summary>What the model says about one sentence.</summary>
/// <param name="Probability">Calibrated probability that the sentence reads as hostile in a customer-service reply.</param>
/// <param name="CategoryProbabilities">Probability of each category given that it is hostile (7 values in <see cref="ToneCategory"/> order), or null when the model has no category head.</param>
public readonly record struct ToneModelOutput(float Probability, float[]? CategoryProbabilities);
