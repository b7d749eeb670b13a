using System.Runtime.InteropServices;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// A competency's chains in replay order, before identical ones are merged: what stays when only the answers change, as
/// in a parametric bootstrap sample. Indices are those of the <see cref="BktTrainingSet"/> it was taken from.
/// </summary>
internal sealed class BktChainStructure
{
    /// <summary>Chain k spans steps ChainStarts[k] .. ChainStarts[k + 1].</summary>
    public required int[] ChainStarts { get; init; }

    /// <summary>The prior group of each chain.</summary>
    public required int[] ChainGroups { get; init; }

    /// <summary>The guess/slip class of each step.</summary>
    public required int[] StepClasses { get; init; }

    /// <summary>The transition class of each step (the move to the next step).</summary>
    public required int[] StepTransitions { get; init; }

    public int ChainCount => ChainGroups.Length;

    public int StepCount => StepClasses.Length;
}

/// <summary>The same chains with other answers, without reading a log again: what a bootstrap refit needs, many times.</summary>
internal sealed partial class BktTrainingSet
{
    /// <summary>The structure of a competency of a log, in this set's classes, transitions and groups. The log must be
    /// the one this set was built from (or have the same activities and learners on the competency).</summary>
    public BktChainStructure StructureOf(ResponseLog log, int competency)
    {
        var classIndex = Classes.Select((a, i) => (a, i)).Skip(1).ToDictionary(x => x.a!.Value, x => x.i);
        var transitionIndex = TransitionKeys.Select((k, i) => (k, i)).Skip(1).ToDictionary(x => x.k, x => x.i);
        var groupIndex = GroupKeys.Select((g, i) => (g, i)).Skip(1).ToDictionary(x => x.g!, x => x.i, StringComparer.Ordinal);
        var chains = log.ChainsOf(competency);
        var responses = log.Responses;
        var starts = new int[chains.Count + 1];
        var groups = new int[chains.Count];
        var classes = new int[ResponseCount];
        var transitions = new int[ResponseCount];
        var i = 0;
        for (var k = 0; k < chains.Count; k++)
        {
            // The same rules as Build, looking indices up instead of assigning them.
            var chain = chains[k];
            var first = responses[chain[0]];
            starts[k] = i;
            groups[k] = Variant.PriorGroups?.GroupOf(first.Learner, first.Activity) is { } name ? groupIndex[name] : 0;
            for (var t = 0; t < chain.Length; t++, i++)
            {
                var activity = responses[chain[t]].Activity;
                classes[i] = Variant.GuessSlipPerActivity && activity is { } a ? classIndex[a] : 0;
                transitions[i] = Variant.LearnBy switch
                {
                    BktLearnBy.Competency => 0,
                    BktLearnBy.Activity => activity is { } b ? transitionIndex[new BktTransitionKey(null, b)] : 0,
                    _ => t == 0 || activity is null || responses[chain[t - 1]].Activity is not { } previous ? 0
                        : transitionIndex[new BktTransitionKey(previous, activity, IsPair: true)],
                };
            }
        }

        starts[chains.Count] = i;
        return new BktChainStructure { ChainStarts = starts, ChainGroups = groups, StepClasses = classes, StepTransitions = transitions };
    }

    /// <summary>The set of this set's chains (given by <paramref name="structure"/>) with other answers, one per step in
    /// replay order: exactly what <see cref="Build"/> makes of a log with those answers (the same classes, transitions
    /// and groups in the same order, identical chains merged the same way), without sorting a log again.</summary>
    public BktTrainingSet WithAnswers(BktChainStructure structure, ReadOnlySpan<bool> correct)
    {
        var merger = new ChainMerger(structure.StepCount, structure.ChainCount, Variant.LearnBy != BktLearnBy.Competency);
        var correctCount = 0;
        for (var k = 0; k < structure.ChainCount; k++)
        {
            var (first, end) = (structure.ChainStarts[k], structure.ChainStarts[k + 1]);
            for (var i = first; i < end; i++)
            {
                correctCount += correct[i] ? 1 : 0;
                merger.Symbols[merger.Cursor + i - first] = checked((structure.StepClasses[i] * 2) + (correct[i] ? 1 : 0));
                if (merger.Steps is { } steps)
                {
                    steps[merger.Cursor + i - first] = structure.StepTransitions[i];
                }
            }

            merger.Commit(end - first, structure.ChainGroups[k]);
        }

        var set = new BktTrainingSet(Competency, Variant)
        {
            Classes = Classes,
            TransitionKeys = TransitionKeys,
            GroupKeys = GroupKeys,

            // Counts of answers, moves and chains depend on the structure alone.
            ClassResponses = ClassResponses,
            TransitionSteps = TransitionSteps,
            GroupChains = GroupChains,
            ResponseCount = ResponseCount,
            ChainCount = ChainCount,
            CorrectCount = correctCount,
            MaxLength = MaxLength,
        };
        merger.Finish(set);
        set.Lanes = new LaneLayout(set);
        return set;
    }
}
