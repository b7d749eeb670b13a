using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The distinct chains, longest first, dealt four at a time into groups; a group's rows hold one step of each of its
/// four chains. A missing step (a shorter chain, or an empty fourth lane) has the padding symbol 2 · classes and
/// weight 0.
/// </summary>
internal sealed class LaneLayout
{
    private readonly double[] _weights;
    private readonly double[] _correct;

    public LaneLayout(BktTrainingSet set)
    {
        var pad = set.Classes.Length * 2;
        var byLength = Enumerable.Range(0, set.DistinctChainCount)
            .OrderByDescending(k => set.Starts[k + 1] - set.Starts[k]).ThenBy(k => k).ToArray();
        GroupCount = (byLength.Length + 3) / 4;
        GroupStarts = new int[GroupCount + 1];
        Multiplicity = new double[GroupCount * 4];
        var rows = 0;
        for (var g = 0; g < GroupCount; g++)
        {
            GroupStarts[g] = rows;
            var k = byLength[g * 4];
            rows += set.Starts[k + 1] - set.Starts[k];
        }

        GroupStarts[GroupCount] = rows;
        Symbols = new int[rows * 4];
        Array.Fill(Symbols, pad);
        _weights = new double[rows * 4];
        _correct = new double[rows * 4];
        for (var i = 0; i < byLength.Length; i++)
        {
            var (g, lane, k) = (i / 4, i % 4, byLength[i]);
            Multiplicity[i] = set.Multiplicity[k];
            for (var t = 0; t < set.Starts[k + 1] - set.Starts[k]; t++)
            {
                var cell = ((GroupStarts[g] + t) * 4) + lane;
                Symbols[cell] = set.Symbols[set.Starts[k] + t];
                _weights[cell] = set.Multiplicity[k];
                _correct[cell] = Symbols[cell] & 1;
            }
        }
    }

    public int GroupCount { get; }

    /// <summary>How many cells (rows × 4) the layout has: the work of one pass.</summary>
    public int Size => Symbols.Length;

    /// <summary>Group g spans rows GroupStarts[g] .. GroupStarts[g + 1].</summary>
    public int[] GroupStarts { get; }

    /// <summary>Four symbols per row.</summary>
    public int[] Symbols { get; }

    /// <summary>Each lane's chain multiplicity, four per group; 0 for an empty lane.</summary>
    public double[] Multiplicity { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> RowWeights(int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_weights), (nuint)(row * 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> RowCorrect(int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_correct), (nuint)(row * 4));
}
