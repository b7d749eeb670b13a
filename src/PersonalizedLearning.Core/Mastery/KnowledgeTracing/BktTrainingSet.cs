using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// One competency's responses as EM reads them. Each step of a chain has a symbol (guess/slip class · 2 + correct)
/// and a transition class (whose learn and forget rates govern the move to the next step; pyBKT's resource of the row
/// being left); each chain has a prior group. Index 0 of classes, transitions and groups is the competency's own: the
/// class of answers without an activity (or of every answer), the transition of answers without one of their own
/// (and of every first step under <see cref="BktLearnBy.ActivityPair"/>), the group of chains without one.
/// Identical chains (same group, symbols and transitions) are stored once with a multiplicity, which changes no sum
/// EM computes and saves most of the work on real logs (GLOPs: 13,084 chains, 1,898 distinct).
/// </summary>
internal sealed partial class BktTrainingSet
{
    private BktTrainingSet(CompetencyId competency, BktVariant variant)
    {
        Competency = competency;
        Variant = variant;
    }

    public CompetencyId Competency { get; }

    public BktVariant Variant { get; }

    /// <summary>The chains dealt four at a time into the lanes of vectors, for the vectorized E-step.</summary>
    public LaneLayout Lanes { get; private set; } = null!;

    /// <summary>The symbols of the distinct chains, back to back.</summary>
    public int[] Symbols { get; private set; } = [];

    /// <summary>The transition class of each step (the move to the next step); null when every step uses class 0.</summary>
    public int[]? Transitions { get; private set; }

    /// <summary>Distinct chain k spans Symbols[Starts[k] .. Starts[k + 1]).</summary>
    public int[] Starts { get; private set; } = [];

    /// <summary>How many chains of the log are identical to distinct chain k.</summary>
    public double[] Multiplicity { get; private set; } = [];

    /// <summary>The prior group of each distinct chain; null when every chain is in group 0.</summary>
    public int[]? Groups { get; private set; }

    /// <summary>The activity of each guess/slip class; class 0 is answers without an activity of their own.</summary>
    public ImmutableArray<ActivityId?> Classes { get; private set; }

    /// <summary>What each transition class stands for; class 0 is the competency's own.</summary>
    public ImmutableArray<BktTransitionKey> TransitionKeys { get; private set; }

    /// <summary>The name of each prior group; group 0 is the competency's own (null name).</summary>
    public ImmutableArray<string?> GroupKeys { get; private set; }

    /// <summary>Answers per guess/slip class.</summary>
    public int[] ClassResponses { get; private set; } = [];

    /// <summary>Moves (steps followed by another step) per transition class.</summary>
    public int[] TransitionSteps { get; private set; } = [];

    /// <summary>Chains per prior group.</summary>
    public int[] GroupChains { get; private set; } = [];

    public int ResponseCount { get; private set; }

    public int ChainCount { get; private set; }

    public int CorrectCount { get; private set; }

    public int MaxLength { get; private set; }

    public int DistinctChainCount => Multiplicity.Length;

    public int ClassCount => Classes.Length;

    public int TransitionCount => TransitionKeys.Length;

    public int GroupCount => GroupKeys.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BktTrainingSet Build(ResponseLog log, int competency, BktVariant variant)
    {
        var chains = log.ChainsOf(competency);
        var responses = log.Responses;
        var set = new BktTrainingSet(log.Competencies[competency], variant);
        var classes = new Index<ActivityId>(default);
        var transitions = new Index<BktTransitionKey>(default);
        var groups = new Index<string>(string.Empty);
        var perTransition = variant.LearnBy != BktLearnBy.Competency;
        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        var symbols = new List<int>();
        var steps = new List<int>();
        var starts = new List<int>();
        var multiplicity = new List<double>();
        var chainGroups = new List<int>();
        var key = new List<char>();
        int total = 0, correct = 0, maxLength = 0;
        for (var k = 0; k < chains.Count; k++)
        {
            var chain = chains[k];
            var first = responses[chain[0]];
            var group = variant.PriorGroups?.GroupOf(first.Learner, first.Activity) is { } name ? groups.Of(name) : 0;
            groups.Count(group);
            key.Clear();
            Append(key, group);
            for (var t = 0; t < chain.Length; t++)
            {
                var r = responses[chain[t]];
                var c = variant.GuessSlipPerActivity && r.Activity is { } activity ? classes.Of(activity) : 0;
                classes.Count(c);
                var transition = !perTransition ? 0 : variant.LearnBy == BktLearnBy.Activity
                    ? (r.Activity is { } a ? transitions.Of(new BktTransitionKey(null, a)) : 0)
                    : (t == 0 ? 0 : PairTransition(transitions, responses[chain[t - 1]].Activity, r.Activity));
                if (t < chain.Length - 1)
                {
                    transitions.Count(transition);
                }

                correct += r.Correct ? 1 : 0;
                var symbol = checked((c * 2) + (r.Correct ? 1 : 0));
                symbols.Add(symbol);
                steps.Add(transition);
                Append(key, symbol);
                if (perTransition)
                {
                    Append(key, transition);
                }
            }

            total += chain.Length;
            maxLength = Math.Max(maxLength, chain.Length);
            var text = new string(CollectionsMarshal.AsSpan(key));
            if (distinct.TryGetValue(text, out var existing))
            {
                multiplicity[existing]++;
                symbols.RemoveRange(symbols.Count - chain.Length, chain.Length);
                steps.RemoveRange(steps.Count - chain.Length, chain.Length);
            }
            else
            {
                distinct.Add(text, multiplicity.Count);
                starts.Add(symbols.Count - chain.Length);
                multiplicity.Add(1);
                chainGroups.Add(group);
            }
        }

        starts.Add(symbols.Count);
        set.Symbols = [.. symbols];
        set.Transitions = perTransition ? [.. steps] : null;
        set.Starts = [.. starts];
        set.Multiplicity = [.. multiplicity];
        set.Groups = variant.PriorGroups is null ? null : [.. chainGroups];
        set.Classes = [null, .. classes.Keys.Skip(1).Select(a => (ActivityId?)a)];
        set.TransitionKeys = [.. transitions.Keys];
        set.GroupKeys = [null, .. groups.Keys.Skip(1)];
        set.ClassResponses = classes.Counts;
        set.TransitionSteps = transitions.Counts;
        set.GroupChains = groups.Counts;
        set.ResponseCount = total;
        set.ChainCount = chains.Count;
        set.CorrectCount = correct;
        set.MaxLength = maxLength;
        set.Lanes = new LaneLayout(set);
        return set;
    }

    // The move after the first answer, and after an answer without an activity or after one, is the competency's own: a
    // pair needs two activities (BktCompetencyParameters has no pair with a missing activity).
    private static int PairTransition(Index<BktTransitionKey> transitions, ActivityId? previous, ActivityId? activity)
        => previous is null || activity is null ? 0 : transitions.Of(new BktTransitionKey(previous, activity, IsPair: true));

    // Each int as two chars: the key of a chain for finding identical ones.
    private static void Append(List<char> key, int value)
    {
        key.Add((char)(value & 0xFFFF));
        key.Add((char)((uint)value >> 16));
    }

    /// <summary>Dense indices for keys in order of first appearance; index 0 is reserved for the default key.</summary>
    private sealed class Index<T>
        where T : notnull
    {
        private readonly Dictionary<T, int> _index = [];
        private readonly List<T> _keys;
        private readonly List<int> _counts = [0];

        public Index(T defaultKey) => _keys = [defaultKey];

        public ImmutableArray<T> Keys => [.. _keys];

        public int[] Counts => [.. _counts];

        public int Of(T key)
        {
            if (!_index.TryGetValue(key, out var i))
            {
                i = _keys.Count;
                _index.Add(key, i);
                _keys.Add(key);
                _counts.Add(0);
            }

            return i;
        }

        public void Count(int i) => _counts[i]++;
    }
}

/// <summary>What a transition class of a training set stands for: the competency's own (default), an activity's
/// (<see cref="BktLearnBy.Activity"/>), or a pair of consecutive activities (<see cref="BktLearnBy.ActivityPair"/>;
/// either may be null, an answer without an activity).</summary>
internal readonly record struct BktTransitionKey(ActivityId? Previous, ActivityId? Activity, bool IsPair = false);

/// <summary>Which of pyBKT's model variants a fit uses.</summary>
internal sealed record BktVariant(bool GuessSlipPerActivity, BktLearnBy LearnBy, BktPriorGroups? PriorGroups)
{
    public static BktVariant Standard { get; } = new(false, BktLearnBy.Competency, null);
}
