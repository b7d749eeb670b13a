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
        var readsActivities = perTransition || variant.GuessSlipPerActivity;
        var size = 0;
        for (var k = 0; k < chains.Count; k++)
        {
            size += chains[k].Length;
        }

        var merger = new ChainMerger(size, chains.Count, perTransition);
        var (symbols, steps) = (merger.Symbols, merger.Steps);
        int total = 0, correct = 0, maxLength = 0;
        for (var k = 0; k < chains.Count; k++)
        {
            var chain = chains[k];
            var answers = chains.Correct(k);
            var group = 0;
            if (variant.PriorGroups is { } priorGroups)
            {
                var first = responses[chain[0]];
                group = priorGroups.GroupOf(first.Learner, first.Activity) is { } name ? groups.Of(name) : 0;
            }

            groups.Count(group);
            for (var t = 0; t < chain.Length; t++)
            {
                int c = 0, transition = 0;
                if (readsActivities)
                {
                    var r = responses[chain[t]];
                    c = variant.GuessSlipPerActivity && r.Activity is { } activity ? classes.Of(activity) : 0;
                    transition = !perTransition ? 0 : variant.LearnBy == BktLearnBy.Activity
                        ? (r.Activity is { } a ? transitions.Of(new BktTransitionKey(null, a)) : 0)
                        : (t == 0 ? 0 : PairTransition(transitions, responses[chain[t - 1]].Activity, r.Activity));
                }

                classes.Count(c);
                if (t < chain.Length - 1)
                {
                    transitions.Count(transition);
                }

                var right = answers[t];
                correct += right ? 1 : 0;
                symbols[merger.Cursor + t] = checked((c * 2) + (right ? 1 : 0));
                if (steps is not null)
                {
                    steps[merger.Cursor + t] = transition;
                }
            }

            total += chain.Length;
            maxLength = Math.Max(maxLength, chain.Length);
            merger.Commit(chain.Length, group);
        }

        merger.Finish(set);
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

    /// <summary>Merges identical chains (same group, symbols and transitions) as they are written: each chain is
    /// written after the distinct ones so far, at <see cref="Cursor"/>; a repeat of one of them is found by its key (a
    /// view of those cells and a hash) and is overwritten by the next chain. Distinct chains keep the order of their
    /// first appearance.</summary>
    private sealed class ChainMerger
    {
        private readonly int[] _starts;
        private readonly double[] _multiplicity;
        private readonly int[] _groups;
        private readonly Dictionary<ChainKey, int> _distinct;
        private int _count;

        public ChainMerger(int steps, int chains, bool perTransition)
        {
            Symbols = new int[steps];
            Steps = perTransition ? new int[steps] : null;
            _starts = new int[chains + 1];
            _multiplicity = new double[chains];
            _groups = new int[chains];
            _distinct = new Dictionary<ChainKey, int>(new ChainComparer(Symbols, Steps));
        }

        public int[] Symbols { get; }

        public int[]? Steps { get; }

        /// <summary>Where the next chain is written.</summary>
        public int Cursor { get; private set; }

        /// <summary>Takes the chain just written at <see cref="Cursor"/>.</summary>
        public void Commit(int length, int group)
        {
            var key = ChainKey.Of(Symbols, Steps, Cursor, length, group);
            if (_distinct.TryGetValue(key, out var existing))
            {
                _multiplicity[existing]++;
                return;
            }

            _distinct.Add(key, _count);
            _starts[_count] = Cursor;
            _multiplicity[_count] = 1;
            _groups[_count] = group;
            _count++;
            Cursor += length;
        }

        public void Finish(BktTrainingSet set)
        {
            _starts[_count] = Cursor;
            set.Symbols = Symbols.AsSpan(0, Cursor).ToArray();
            set.Transitions = Steps?.AsSpan(0, Cursor).ToArray();
            set.Starts = _starts.AsSpan(0, _count + 1).ToArray();
            set.Multiplicity = _multiplicity.AsSpan(0, _count).ToArray();
            set.Groups = set.Variant.PriorGroups is null ? null : _groups.AsSpan(0, _count).ToArray();
        }
    }

    // A chain as written in the symbol (and transition) arrays, with its prior group and a hash of all three.
    private readonly record struct ChainKey(int Start, int Length, int Group, int Hash)
    {
        public static ChainKey Of(int[] symbols, int[]? steps, int start, int length, int group)
        {
            var hash = default(HashCode);
            hash.Add(group);
            hash.AddBytes(MemoryMarshal.AsBytes(symbols.AsSpan(start, length)));
            if (steps is not null)
            {
                hash.AddBytes(MemoryMarshal.AsBytes(steps.AsSpan(start, length)));
            }

            return new ChainKey(start, length, group, hash.ToHashCode());
        }
    }

    // Two chains are identical when their groups, symbols and transitions are.
    private sealed class ChainComparer(int[] symbols, int[]? steps) : IEqualityComparer<ChainKey>
    {
        public bool Equals(ChainKey x, ChainKey y)
            => x.Hash == y.Hash && x.Length == y.Length && x.Group == y.Group
                && symbols.AsSpan(x.Start, x.Length).SequenceEqual(symbols.AsSpan(y.Start, y.Length))
                && (steps is null || steps.AsSpan(x.Start, x.Length).SequenceEqual(steps.AsSpan(y.Start, y.Length)));

        public int GetHashCode(ChainKey key) => key.Hash;
    }

    // The move after the first answer, and after an answer without an activity or after one, is the competency's own: a
    // pair needs two activities (BktCompetencyParameters has no pair with a missing activity).
    private static int PairTransition(Index<BktTransitionKey> transitions, ActivityId? previous, ActivityId? activity)
        => previous is null || activity is null ? 0 : transitions.Of(new BktTransitionKey(previous, activity, IsPair: true));

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
