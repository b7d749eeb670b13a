using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Observations;

/// <summary>
/// An in-memory log of right-or-wrong answers, compiled for replay: each learner's answers on one competency form
/// one chain, in ascending <see cref="Response.Order"/>.
/// </summary>
/// <remarks>
/// <para>Ordering follows pyBKT: answers are sorted by order, then (stably) grouped by learner, so within a chain
/// two answers with the same order keep their order in the log. Chains are independent: the order of learners never
/// changes a result.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ResponseLog
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>ResponseLog { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    // Response indices in replay order: by competency (ordinal), learner (ordinal), order, then position in the log.
    private readonly int[] _replayOrder;

    // For competency c, its chains are _chainStarts[_competencyChains[c] .. _competencyChains[c + 1]); chain k spans
    // _replayOrder[_chainStarts[k] .. _chainStarts[k + 1]).
    private readonly int[] _competencyChains;
    private readonly int[] _chainStarts;

    // Whether each answer is correct, in replay order: what a fit reads of most answers, in the order it reads them.
    private readonly bool[] _replayCorrect;

    private ResponseLog(ImmutableArray<Response> responses, ImmutableArray<CompetencyId> competencies, int learnerCount, int[] replayOrder, int[] competencyChains, int[] chainStarts)
    {
        _replayCorrect = new bool[replayOrder.Length];
        for (var p = 0; p < replayOrder.Length; p++)
        {
            _replayCorrect[p] = responses[replayOrder[p]].Correct;
        }

        Responses = responses;
        Competencies = competencies;
        LearnerCount = learnerCount;
        _replayOrder = replayOrder;
        _competencyChains = competencyChains;
        _chainStarts = chainStarts;
    }

    /// <summary>The responses, in the order given.</summary>
    public ImmutableArray<Response> Responses { get; }

    /// <summary>The competencies that have responses, in ordinal order.</summary>
    public ImmutableArray<CompetencyId> Competencies { get; }

    /// <summary>How many distinct learners answered.</summary>
    public int LearnerCount { get; }

    /// <summary>How many responses there are.</summary>
    public int Count => Responses.Length;

    /// <summary>Compiles a log.</summary>
    /// <param name="responses">The responses.</param>
    /// <returns>The log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no responses, or a response has an empty learner, competency or
    /// activity id; the message names the first such response by its position.</exception>
    public static ResponseLog Create(IEnumerable<Response> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var all = responses.ToImmutableArray();
        if (all.IsEmpty)
        {
            throw new ArgumentException("The response log is empty; a fit or an evaluation needs at least one response.", nameof(responses));
        }

        var competencyIndex = new Dictionary<CompetencyId, int>();
        var learnerIndex = new Dictionary<LearnerId, int>();
        var competencyOf = new int[all.Length];
        var learnerOf = new int[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            var r = all[i];
            if (r.Learner.IsEmpty || r.Competency.IsEmpty || r.Activity is { IsEmpty: true })
            {
                var what = r.Learner.IsEmpty ? "learner" : r.Competency.IsEmpty ? "competency" : "activity";
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Response {i} has an empty {what} id."), nameof(responses));
            }

            competencyOf[i] = IndexOf(competencyIndex, r.Competency);
            learnerOf[i] = IndexOf(learnerIndex, r.Learner);
        }

        // Rank competencies and learners ordinally, so that the replay order does not depend on the log's order.
        var competencies = competencyIndex.Keys.Order().ToImmutableArray();
        var competencyRank = Ranks(competencyIndex, competencies);
        var learnerRank = Ranks(learnerIndex, [.. learnerIndex.Keys.Order()]);

        var order = new int[all.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = competencyRank[competencyOf[a]].CompareTo(competencyRank[competencyOf[b]]);
            if (c == 0)
            {
                c = learnerRank[learnerOf[a]].CompareTo(learnerRank[learnerOf[b]]);
            }

            if (c == 0)
            {
                c = all[a].Order.CompareTo(all[b].Order);
            }

            return c == 0 ? a.CompareTo(b) : c;
        });

        var competencyChains = new int[competencies.Length + 1];
        var chainStarts = new List<int>();
        var previousCompetency = -1;
        var previousLearner = -1;
        for (var p = 0; p < order.Length; p++)
        {
            var i = order[p];
            var c = competencyRank[competencyOf[i]];
            var l = learnerOf[i];
            if (c != previousCompetency)
            {
                for (var k = previousCompetency + 1; k <= c; k++)
                {
                    competencyChains[k] = chainStarts.Count;
                }

                chainStarts.Add(p);
            }
            else if (l != previousLearner)
            {
                chainStarts.Add(p);
            }

            previousCompetency = c;
            previousLearner = l;
        }

        competencyChains[competencies.Length] = chainStarts.Count;
        chainStarts.Add(order.Length);
        return new ResponseLog(all, competencies, learnerIndex.Count, order, competencyChains, [.. chainStarts]);
    }

    /// <summary>A log of the responses that satisfy a condition, such as one fold of a cross-validation.</summary>
    /// <param name="keep">Whether to keep a response.</param>
    /// <returns>The smaller log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keep"/> is null.</exception>
    /// <exception cref="ArgumentException">No response is kept.</exception>
    public ResponseLog Where(Func<Response, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return Create(Responses.Where(keep));
    }

    /// <summary>The chains of one competency, by competency position in <see cref="Competencies"/>.</summary>
    internal ChainSet ChainsOf(int competency) => new(this, _competencyChains[competency], _competencyChains[competency + 1]);

    /// <summary>How many chains (learner × competency sequences) the log has.</summary>
    internal int ChainCount => _chainStarts.Length - 1;

    /// <summary>The response indices of one chain, in replay order.</summary>
    internal ReadOnlySpan<int> Chain(int chain) => _replayOrder.AsSpan(_chainStarts[chain], _chainStarts[chain + 1] - _chainStarts[chain]);

    /// <summary>Whether each answer of one chain is correct, in replay order (parallel to <see cref="Chain"/>).</summary>
    internal ReadOnlySpan<bool> ChainCorrect(int chain) => _replayCorrect.AsSpan(_chainStarts[chain], _chainStarts[chain + 1] - _chainStarts[chain]);

    private static int IndexOf<T>(Dictionary<T, int> index, T key)
        where T : notnull
    {
        if (!index.TryGetValue(key, out var i))
        {
            i = index.Count;
            index.Add(key, i);
        }

        return i;
    }

    private static int[] Ranks<T>(Dictionary<T, int> index, ImmutableArray<T> sorted)
        where T : notnull
    {
        var ranks = new int[index.Count];
        for (var r = 0; r < sorted.Length; r++)
        {
            ranks[index[sorted[r]]] = r;
        }

        return ranks;
    }

    /// <summary>A competency's chains: a range of chain numbers.</summary>
    internal readonly struct ChainSet(ResponseLog log, int first, int end)
    {
        public int Count => end - first;

        public ReadOnlySpan<int> this[int k] => log.Chain(first + k);

        public ReadOnlySpan<bool> Correct(int k) => log.ChainCorrect(first + k);
    }
}
