using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The distinct chains, longest first, dealt four at a time into groups; a group's rows hold one step of each of its
/// four chains. A missing step (a shorter chain, or an empty fourth lane) has the padding symbol 2 · classes, the
/// padding transition (learn and forget 0: the state stands still) and weight 0.
/// </summary>
internal sealed class LaneLayout
{
    private readonly double[] _weights;
    private readonly double[] _correct;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LaneLayout(BktTrainingSet set)
    {
        PaddingSymbol = set.ClassCount * 2;
        PaddingTransition = set.TransitionCount;
        // Longest first, ties in chain order: one key per chain, (length descending, index ascending), sorted as longs.
        var keys = new long[set.DistinctChainCount];
        for (var k = 0; k < keys.Length; k++)
        {
            keys[k] = ((long)(int.MaxValue - (set.Starts[k + 1] - set.Starts[k])) << 32) | (uint)k;
        }

        Array.Sort(keys);
        var byLength = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            byLength[i] = (int)(keys[i] & 0xFFFF_FFFF);
        }

        GroupCount = (byLength.Length + 3) / 4;
        GroupStarts = new int[GroupCount + 1];
        Multiplicity = new double[GroupCount * 4];
        Chains = new int[GroupCount * 4];
        Lengths = new int[GroupCount * 4];
        PriorGroups = new int[GroupCount * 4];
        Array.Fill(Chains, -1);
        var rows = 0;
        for (var g = 0; g < GroupCount; g++)
        {
            GroupStarts[g] = rows;
            var k = byLength[g * 4];
            rows += set.Starts[k + 1] - set.Starts[k];
        }

        GroupStarts[GroupCount] = rows;
        LastMoves = new Vector256<double>[GroupCount];
        LaneMultiplicity = new Vector256<double>[GroupCount];
        Symbols = new int[rows * 4];
        Array.Fill(Symbols, PaddingSymbol);
        // Several guess/slip classes take the general path, which looks transitions up per step, so it gets them too.
        Transitions = set.Transitions is null && set.ClassCount == 1 ? null : new int[rows * 4];
        if (Transitions is not null)
        {
            Array.Fill(Transitions, PaddingTransition);
        }

        // Row weights serve the general path only (the simple path weighs each lane once, at the end).
        _weights = Transitions is null ? [] : new double[rows * 4];
        _correct = new double[rows * 4];
        Array.Fill(_correct, -1.0);
        for (var i = 0; i < byLength.Length; i++)
        {
            var (g, lane, k) = (i / 4, i % 4, byLength[i]);
            Multiplicity[i] = set.Multiplicity[k];
            Chains[i] = k;
            PriorGroups[i] = set.Groups?[k] ?? 0;
            var length = set.Starts[k + 1] - set.Starts[k];
            Lengths[i] = length;
            for (var t = 0; t < length; t++)
            {
                var cell = ((GroupStarts[g] + t) * 4) + lane;
                Symbols[cell] = set.Symbols[set.Starts[k] + t];

                // The last step's transition leads nowhere: the lane then stands still like padding.
                if (Transitions is not null)
                {
                    Transitions[cell] = t < length - 1 ? set.Transitions?[set.Starts[k] + t] ?? 0 : PaddingTransition;
                }

                if (Transitions is not null)
                {
                    _weights[cell] = set.Multiplicity[k];
                }
                _correct[cell] = Symbols[cell] & 1;
            }
        }

        for (var g = 0; g < GroupCount; g++)
        {
            var b = g * 4;
            LastMoves[g] = Vector256.Create((double)(Lengths[b] - 1), Lengths[b + 1] - 1, Lengths[b + 2] - 1, Lengths[b + 3] - 1);
            LaneMultiplicity[g] = Vector256.Create(Multiplicity[b], Multiplicity[b + 1], Multiplicity[b + 2], Multiplicity[b + 3]);
        }
    }

    /// <summary>Each group's lanes' last steps (length − 1; −1 for an empty lane): a lane's answers count at steps t ≤
    /// its value and it moves after steps t &lt; its value.</summary>
    public Vector256<double>[] LastMoves { get; }

    /// <summary>Each group's lanes' multiplicities.</summary>
    public Vector256<double>[] LaneMultiplicity { get; }

    public int GroupCount { get; }

    public int PaddingSymbol { get; }

    /// <summary>The transition class of padding (learn and forget 0), one past the set's own classes.</summary>
    public int PaddingTransition { get; }

    /// <summary>How many cells (rows × 4) the layout has: the work of one pass.</summary>
    public int Size => Symbols.Length;

    /// <summary>Group g spans rows GroupStarts[g] .. GroupStarts[g + 1].</summary>
    public int[] GroupStarts { get; }

    /// <summary>Four symbols per row.</summary>
    public int[] Symbols { get; }

    /// <summary>Four transition classes per row (the move after the step); null when every step uses class 0 and there
    /// is one guess/slip class (the simple path).</summary>
    public int[]? Transitions { get; }

    /// <summary>Each lane's chain multiplicity, four per group; 0 for an empty lane.</summary>
    public double[] Multiplicity { get; }

    /// <summary>Each lane's distinct chain in the training set, four per group; −1 for an empty lane.</summary>
    public int[] Chains { get; }

    /// <summary>Each lane's chain length, four per group; 0 for an empty lane.</summary>
    public int[] Lengths { get; }

    /// <summary>Each lane's prior group, four per group.</summary>
    public int[] PriorGroups { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> RowWeights(int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_weights), (nuint)(row * 4));

    /// <summary>Four answers: 1 correct, 0 wrong, −1 padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> RowCorrect(int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_correct), (nuint)(row * 4));
}
