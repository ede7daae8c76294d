namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>A node of a parsed pattern (see <see cref="PatternParser"/>).</summary>
internal abstract class PatternNode;

/// <summary>Steps that must match one after the other.</summary>
internal sealed class SeqNode : PatternNode
{
    public List<PatternNode> Items { get; } = [];
}

/// <summary>A group of alternative sequences, optional or not.</summary>
internal sealed class AltNode(List<SeqNode> alternatives, bool optional) : PatternNode
{
    public List<SeqNode> Alternatives { get; } = alternatives;
    public bool Optional { get; } = optional;
}

/// <summary>A token test (words and classes), repeated <c>Min</c> to <c>Max</c> times, or negated (consumes nothing).</summary>
internal sealed class AtomNode(int[]? words, WordClass classes, int min, int max, bool not) : PatternNode
{
    public int[]? Words { get; } = words;
    public WordClass Classes { get; } = classes;
    public int Min { get; } = min;
    public int Max { get; } = max;
    public bool Not { get; } = not;
}

/// <summary>A gap of up to <c>Max</c> tokens.</summary>
internal sealed class GapNode(int max) : PatternNode
{
    public int Max { get; } = max;
}

/// <summary>A step that consumes nothing: a highlight mark or a clause edge.</summary>
internal sealed class ZeroNode(Op op) : PatternNode
{
    public Op Op { get; } = op;
}
