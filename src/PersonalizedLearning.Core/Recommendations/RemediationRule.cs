using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Recommendations;

// The library's one remediation rule, shared by AdaptiveRecommender (its per-thread scratch holds one) and
// PlaylistBuilder (one per build), so that both entry points remediate on the same evidence. Reading a history from its
// newest piece, each competency's current run of failures (EvidenceOutcome.Passes at the passing score) ends at a
// success on it or at any evidence on one of its prerequisites: after a remediation step, failures must pile up again
// before another. A run remediates once it holds a failed checkpoint (an assessment) or RemediateAfterFailures
// failures, twice that when the run was closed by a success on a prerequisite that came between failures on the
// competency (a remediation that showed the prerequisite known, so it is less likely the cause). Evidence on an activity
// counts for every competency the activity is aligned to; evidence naming a competency counts for it alone.
// Arrays by competency carry a generation stamp: an entry is valid only in the current walk, so nothing is cleared
// between walks and a walk costs what it touches.
internal sealed class RemediationRule
{
    /// <summary>How many of the newest pieces of a history both entry points read unless told otherwise
    /// (RecommenderOptions.HistoryLimit, PlaylistOptions.HistoryLimit).</summary>
    public const int DefaultHistoryLimit = 100;

    /// <summary>The rule both entry points' options state for their history limit: at least 1 and, when the failure
    /// count is valid itself, at least that count, since a history read shorter than the run of failures that remediates
    /// could never hold one (only a failed checkpoint would remediate). The failure count's own rule (at least 1) is
    /// checked by the options, in their parameters' order.</summary>
    /// <param name="problems">The options' problems, to add to.</param>
    /// <param name="historyLimit">How many of the newest pieces of a history are read.</param>
    /// <param name="remediateAfterFailures">The failures in a row that remediate.</param>
    public static void CheckHistoryLimit(ref OptionProblems problems, int historyLimit, int remediateAfterFailures)
    {
        if (historyLimit < 1)
        {
            problems.Add(nameof(historyLimit), "the history limit must be at least 1", OptionProblems.Format(historyLimit));
        }
        else if (remediateAfterFailures >= 1 && historyLimit < remediateAfterFailures)
        {
            problems.Add(nameof(historyLimit),
                $"the history limit must be at least remediateAfterFailures ({OptionProblems.Format(remediateAfterFailures)}), or the history read could never hold a run of failures that remediates",
                OptionProblems.Format(historyLimit));
        }
    }

    private int _generation;

    /// <summary>The walk counter, which wraps after 2^31 walks; internal so that a test can set it to its last value
    /// (no test can walk that often).</summary>
    internal int Generation { get => _generation; set => _generation = value; }
    private int[] _failureStamp = [];
    private int[] _closedStamp = [];
    private int[] _closedBySuccessStamp = [];
    private int[] _checkpointFailedStamp = [];
    private int[] _prerequisiteShownStamp = [];
    private int[] _failures = [];
    private int[] _failed = new int[64];
    private int _failedCount;

    /// <summary>The competencies with a current failure run, in the order their runs were first seen (newest first).</summary>
    public ReadOnlySpan<int> Failing => _failed.AsSpan(0, _failedCount);

    /// <summary>The index of the oldest piece read of a history of this length: both entry points read only the last
    /// <paramref name="historyLimit"/> pieces, newest first.</summary>
    public static int OldestRead(int historyLength, int historyLimit) => Math.Max(0, historyLength - historyLimit);

    /// <summary>Starts a new walk over a framework of this many competencies.</summary>
    public void Begin(int competencies)
    {
        if (competencies > _failureStamp.Length)
        {
            // New arrays are all zero, and generations start above 0, so no stale stamp can match.
            _failureStamp = new int[competencies];
            _closedStamp = new int[competencies];
            _closedBySuccessStamp = new int[competencies];
            _checkpointFailedStamp = new int[competencies];
            _prerequisiteShownStamp = new int[competencies];
            _failures = new int[competencies];
        }

        if (_generation == int.MaxValue)
        {
            // Every stamp array is cleared once per 2^31 walks, so that an old stamp never looks current.
            foreach (var stamps in new[] { _failureStamp, _closedStamp, _closedBySuccessStamp, _checkpointFailedStamp, _prerequisiteShownStamp })
            {
                Array.Clear(stamps);
            }

            _generation = 0;
        }

        _generation++;
        _failedCount = 0;
    }

    /// <summary>Reads one piece of the history, newer pieces first.</summary>
    /// <param name="evidence">The piece.</param>
    /// <param name="catalog">The catalog (and framework) the walk is over.</param>
    /// <param name="activity">The piece's activity index in the catalog, or −1.</param>
    /// <param name="failed">Whether it failed (<see cref="EvidenceOutcome.Passes"/> at the passing score).</param>
    public void Observe(Evidence evidence, ActivityCatalog catalog, int activity, bool failed)
    {
        var checkpoint = activity >= 0 && catalog.Activities[activity].Kind == ActivityKind.Assessment;
        if (evidence.Competency is null)
        {
            if (activity >= 0)
            {
                // Each aligned competency takes the piece first, then it closes their dependents' runs: a piece on a
                // competency and on one of its prerequisites belongs to the competency's run and ends it there, whatever
                // the order of the alignments.
                var aligned = catalog.AlignedIndicesOf(activity);
                foreach (var competency in aligned)
                {
                    Take(competency, failed, checkpoint);
                }

                foreach (var competency in aligned)
                {
                    CloseDependents(catalog.Framework, competency, failed);
                }
            }
        }
        else if (evidence.CompetencyIndexIn(catalog.Framework) is var target and >= 0)
        {
            Take(target, failed, checkpoint);
            CloseDependents(catalog.Framework, target, failed);
        }
    }

    /// <summary>The failures in the competency's current run.</summary>
    public int FailuresOf(int competency) => _failureStamp[competency] == _generation ? _failures[competency] : 0;

    /// <summary>The failures the competency's run needs before it remediates, without a failed checkpoint:
    /// <paramref name="remediateAfterFailures"/>, twice that when a success on a prerequisite came between its failures.</summary>
    public int FailuresNeeded(int competency, int remediateAfterFailures) =>
        _prerequisiteShownStamp[competency] == _generation ? 2 * remediateAfterFailures : remediateAfterFailures;

    /// <summary>Whether the competency's run remediates with this many failures needed: it holds a failed checkpoint, or
    /// at least that many failures.</summary>
    public bool Remediates(int competency, int needed) =>
        _checkpointFailedStamp[competency] == _generation || FailuresOf(competency) >= needed;

    private void Take(int competency, bool failed, bool checkpoint)
    {
        if (_closedStamp[competency] != _generation)
        {
            if (failed)
            {
                CountFailure(competency);
                if (checkpoint)
                {
                    _checkpointFailedStamp[competency] = _generation;
                }
            }
            else
            {
                _closedStamp[competency] = _generation;
            }
        }
        else if (failed && _closedBySuccessStamp[competency] == _generation)
        {
            // The current run was closed by a success on a prerequisite that came between failures on this
            // competency: a remediation that showed the prerequisite known. It is then less likely the cause, and
            // remediation waits for twice the failures.
            _prerequisiteShownStamp[competency] = _generation;
        }
    }

    // Any evidence on a competency ends its dependents' runs (going back); a success marks them closed by one.
    private void CloseDependents(CompetencyFramework framework, int competency, bool failed)
    {
        foreach (var dependent in framework.DependentIndices(competency))
        {
            if (_closedStamp[dependent] != _generation)
            {
                _closedStamp[dependent] = _generation;
                if (!failed)
                {
                    _closedBySuccessStamp[dependent] = _generation;
                }
            }
        }
    }

    private void CountFailure(int competency)
    {
        if (_failureStamp[competency] != _generation)
        {
            _failureStamp[competency] = _generation;
            _failures[competency] = 0;
            RecommenderScratch.Push(ref _failed, ref _failedCount, competency);
        }

        _failures[competency]++;
    }
}
