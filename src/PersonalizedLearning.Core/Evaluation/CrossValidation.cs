using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.ExceptionServices;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Evaluation;

/// <summary>
/// k-fold cross-validation split by learner: every learner's answers are in exactly one test fold, so a model is
/// always scored on learners it never saw. <see cref="Run"/> splits the learners of the whole log;
/// <see cref="RunWithinCompetencies(ResponseLog, int, Func{ResponseLog, IMasteryModel}, long)"/> follows pyBKT's
/// protocol and splits each competency's learners on its own.
/// </summary>
/// <remarks>
/// <para>Learners are shuffled with a seeded generator (the same seed gives the same folds on every machine) and
/// dealt to folds in turn, so fold sizes differ by at most one learner.</para>
/// <para>Thread-safe: holds no state.</para>
/// </remarks>
public static class CrossValidation
{
    /// <summary>Assigns each learner of a log to a fold.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="folds">k, at least 2 and at most the number of learners.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>The fold of each learner, from 0 to k − 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2 or more than the number of learners.</exception>
    public static ImmutableSortedDictionary<LearnerId, int> AssignFolds(ResponseLog log, int folds, long seed = 42)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (folds < 2 || folds > log.LearnerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds,
                string.Create(CultureInfo.InvariantCulture, $"The number of folds must be at least 2 and at most the number of learners ({log.LearnerCount}); got {folds}."));
        }

        var learners = log.Responses.Select(r => r.Learner).Distinct().Order().ToArray();
        Shuffle(learners, SeededRandom.For(seed, "folds"));
        return learners.Select((learner, i) => (learner, fold: i % folds)).ToImmutableSortedDictionary(x => x.learner, x => x.fold);
    }

    /// <summary>Fits a model on k − 1 folds and replays the held-out fold, for each fold.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="folds">k, at least 2 and at most the number of learners.</param>
    /// <param name="fit">Builds a model from a training log. It must be able to predict competencies that only the
    /// held-out fold has (for BKT, give default parameters).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>Each fold's report, and the metrics over all held-out predictions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is out of range.</exception>
    public static CrossValidationResult Run(ResponseLog log, int folds, Func<ResponseLog, IMasteryModel> fit, long seed = 42)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var assignment = AssignFolds(log, folds, seed);
        var reports = ImmutableArray.CreateBuilder<EvaluationReport>(folds);
        for (var f = 0; f < folds; f++)
        {
            var fold = f;
            var model = fit(log.Where(r => assignment[r.Learner] != fold))
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The fit function returned null for fold {fold}."));
            reports.Add(Replay.Evaluate(log.Where(r => assignment[r.Learner] == fold), model));
        }

        return new CrossValidationResult(reports.MoveToImmutable());
    }

    /// <summary>
    /// Assigns each learner of each competency to a fold, each competency on its own (pyBKT's cross-validation
    /// protocol): a learner who answered on two competencies can be in different folds for each.
    /// </summary>
    /// <param name="log">The responses.</param>
    /// <param name="folds">k, at least 2. A competency with fewer than k learners gets no folds (it is left out of the
    /// assignment, and <see cref="RunWithinCompetencies(ResponseLog, int, Func{ResponseLog, IMasteryModel}, long)"/>
    /// reports it in <see cref="WithinCompetencyCrossValidationResult.SkippedCompetencies"/>).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>The fold, from 0 to k − 1, of each (competency, learner) pair of every competency with at least k
    /// learners, sorted by competency then learner. Within a competency, fold sizes differ by at most one learner.</returns>
    /// <remarks>
    /// <para>Each competency's learners, in ordinal order of id, are shuffled (Fisher–Yates) with a stream of their own,
    /// derived from the seed and the competency's id, and dealt to folds in turn. So a competency's folds depend only on
    /// the seed, its id and its learners: not on the order of the log, nor on the other competencies.</para>
    /// <para>pyBKT (<c>pyBKT/util/crossvalidate.py</c>: <c>crossvalidate</c>) permutes with
    /// <c>numpy.random.RandomState(seed).permutation(n)</c>, gives each fold ⌊n / k⌋ learners and never tests the last
    /// n mod k; here every learner is tested. To reproduce pyBKT's split exactly, pass its assignment to
    /// <see cref="RunWithinCompetencies(ResponseLog, IReadOnlyDictionary{ValueTuple{CompetencyId, LearnerId}, int}, Func{ResponseLog, IMasteryModel})"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2, or more than the
    /// learners of every competency.</exception>
    public static ImmutableSortedDictionary<(CompetencyId Competency, LearnerId Learner), int> AssignFoldsWithinCompetencies(ResponseLog log, int folds, long seed = 42)
    {
        ArgumentNullException.ThrowIfNull(log);
        ThrowIfFewerThanTwo(folds);
        var assignment = ImmutableSortedDictionary.CreateBuilder<(CompetencyId Competency, LearnerId Learner), int>();
        var most = 0;
        for (var c = 0; c < log.Competencies.Length; c++)
        {
            var competency = log.Competencies[c];
            var learners = LearnersOf(log, c);
            most = Math.Max(most, learners.Length);
            if (learners.Length < folds)
            {
                continue;
            }

            Shuffle(learners, SeededRandom.For(seed, "folds within competency " + competency.Value));
            for (var i = 0; i < learners.Length; i++)
            {
                assignment.Add((competency, learners[i]), i % folds);
            }
        }

        if (assignment.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, string.Create(CultureInfo.InvariantCulture,
                $"No competency has as many learners as folds: the most learners a competency has is {most}, and {folds} folds were asked for. Use at most {most} folds."));
        }

        return assignment.ToImmutable();
    }

    /// <summary>
    /// pyBKT's cross-validation protocol: each competency is cross-validated on its own, with its learners split into
    /// k folds by a seeded shuffle (<see cref="AssignFoldsWithinCompetencies"/>).
    /// </summary>
    /// <param name="log">The responses.</param>
    /// <param name="folds">k, at least 2. Competencies with fewer than k learners are not cross-validated; they are
    /// listed in <see cref="WithinCompetencyCrossValidationResult.SkippedCompetencies"/>.</param>
    /// <param name="fit">Builds a model from a training log, which holds one competency's answers only. Called once per
    /// (competency, fold), possibly from several threads at once: it must be thread-safe, and it must not depend on
    /// the order of its calls if results are to be reproducible.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>Each competency's per-fold reports, their unweighted mean (pyBKT's figure) and the pooled metrics.</returns>
    /// <remarks>Equivalent to calling
    /// <see cref="RunWithinCompetencies(ResponseLog, IReadOnlyDictionary{ValueTuple{CompetencyId, LearnerId}, int}, Func{ResponseLog, IMasteryModel})"/>
    /// with <see cref="AssignFoldsWithinCompetencies"/>'s assignment; see there for the protocol.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2 or more than the learners
    /// of every competency.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="fit"/> returned null; the message names the
    /// competency and the fold.</exception>
    /// <exception cref="Competencies.UnknownCompetencyException">A fitted model has no parameters for the competency it was fitted on.</exception>
    public static WithinCompetencyCrossValidationResult RunWithinCompetencies(ResponseLog log, int folds, Func<ResponseLog, IMasteryModel> fit, long seed = 42)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(fit);
        return RunWithinCompetencies(log, AssignFoldsWithinCompetencies(log, folds, seed), fit);
    }

    /// <summary>
    /// pyBKT's cross-validation protocol with a given fold assignment, so that another tool's split (such as pyBKT's
    /// own) is reproduced exactly.
    /// </summary>
    /// <param name="log">The responses.</param>
    /// <param name="assignment">The fold of each (competency, learner) pair to test, from 0 to k − 1: k, at least 2, is
    /// one more than the largest fold given, and every competency named must have learners in each of its k folds
    /// (pyBKT's "−1, never tested" is said by leaving the pair out). A learner of a competency who is
    /// not in the assignment is never tested on it but is in every training log of that competency (as pyBKT does with
    /// the n mod k learners left over); a competency of the log with no entry at all is not cross-validated and is
    /// listed in <see cref="WithinCompetencyCrossValidationResult.SkippedCompetencies"/>.</param>
    /// <param name="fit">Builds a model from a training log, which holds one competency's answers only. Called once per
    /// (competency, fold), possibly from several threads at once: it must be thread-safe, and it must not depend on
    /// the order of its calls if results are to be reproducible.</param>
    /// <returns>Each competency's per-fold reports, their unweighted mean (pyBKT's figure) and the pooled metrics.</returns>
    /// <remarks>
    /// <para>The protocol of pyBKT 1.4 (<c>pyBKT/models/Model.py</c>: <c>Model.crossvalidate</c>, and
    /// <c>pyBKT/util/crossvalidate.py</c>: <c>crossvalidate</c>): for each competency on its own and each fold f, the
    /// model is fitted on the chains (one learner's answers on the competency) of that competency's learners not in
    /// fold f, and the chains of fold f are replayed one step ahead (<see cref="Replay"/>) from the model's initial
    /// state. A fold's metrics are over that fold's held-out answers pooled; the competency's figure is the unweighted
    /// mean over folds of each metric (<see cref="CompetencyCrossValidationResult.Mean"/>), as pyBKT reports it, and the
    /// metrics over all its held-out answers are given beside it (<see cref="CompetencyCrossValidationResult.Pooled"/>).</para>
    /// <para>Training and held-out logs list their chains in ordinal order of learner id, each chain in replay order, so
    /// the order of the responses in <paramref name="log"/> changes nothing. Fits run in parallel on the thread pool,
    /// and each result is stored in its place, so the result does not depend on which thread ran what when
    /// <paramref name="fit"/> is deterministic. If fits throw, the exception of the first failing fit in the order
    /// they are scheduled (largest training log first, then competency and fold) is rethrown as it is.</para>
    /// <para>The whole assignment is checked before anything is fitted.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="log"/>, <paramref name="assignment"/> or
    /// <paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException">The assignment is empty, names a competency with no answers in the log or a
    /// learner with no answers on the competency, gives a negative fold, has fewer than two folds, or leaves a fold of
    /// a competency without learners; the message lists every problem (the first ten, and how many more).</exception>
    /// <exception cref="InvalidOperationException"><paramref name="fit"/> returned null; the message names the
    /// competency and the fold.</exception>
    /// <exception cref="Competencies.UnknownCompetencyException">A fitted model has no parameters for the competency it was fitted on.</exception>
    public static WithinCompetencyCrossValidationResult RunWithinCompetencies(ResponseLog log, IReadOnlyDictionary<(CompetencyId Competency, LearnerId Learner), int> assignment, Func<ResponseLog, IMasteryModel> fit)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(fit);
        var (folds, foldOfChain) = FoldsOfChains(log, assignment);

        // One task per (competency, fold), the largest training logs first so that one large competency does not
        // leave the other cores idle at the end.
        var tasks = new List<(int Competency, int Fold, int TrainingCount)>();
        for (var c = 0; c < foldOfChain.Length; c++)
        {
            if (foldOfChain[c] is not { } chainFolds)
            {
                continue;
            }

            var chains = log.ChainsOf(c);
            var answers = new int[folds];
            var total = 0;
            for (var k = 0; k < chains.Count; k++)
            {
                total += chains[k].Length;
                if (chainFolds[k] >= 0)
                {
                    answers[chainFolds[k]] += chains[k].Length;
                }
            }

            for (var f = 0; f < folds; f++)
            {
                tasks.Add((c, f, total - answers[f]));
            }
        }

        var ordered = tasks.OrderByDescending(t => t.TrainingCount).ThenBy(t => t.Competency).ThenBy(t => t.Fold).ToArray();
        var reports = new EvaluationReport[log.Competencies.Length][];
        foreach (var (c, _, _) in ordered)
        {
            reports[c] ??= new EvaluationReport[folds];
        }

        var failures = new Exception?[ordered.Length];
        Parallel.For(0, ordered.Length, (t, loop) =>
        {
            var (c, f, _) = ordered[t];
            try
            {
                var competency = log.Competencies[c];
                var model = fit(ChainsIn(log, c, foldOfChain[c]!, f, heldOut: false))
                    ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"The fit function returned null for competency '{competency}', fold {f}."));
                reports[c][f] = Replay.Evaluate(ChainsIn(log, c, foldOfChain[c]!, f, heldOut: true), model);
            }
#pragma warning disable CA1031 // Rethrown below, unchanged: the first failure in schedule order, whatever the threads did.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures[t] = e;

                // Break, not Stop: every task scheduled before this one still runs, so the first failure is the same
                // on every run.
                loop.Break();
            }
        });

        if (failures.FirstOrDefault(e => e is not null) is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        var byCompetency = ImmutableSortedDictionary.CreateBuilder<CompetencyId, CompetencyCrossValidationResult>();
        var skipped = ImmutableArray.CreateBuilder<CompetencyId>();
        for (var c = 0; c < log.Competencies.Length; c++)
        {
            var competency = log.Competencies[c];
            if (foldOfChain[c] is not { } chainFolds)
            {
                skipped.Add(competency);
                continue;
            }

            byCompetency.Add(competency, new CompetencyCrossValidationResult(competency, [.. reports[c]], chainFolds.Count(f => f < 0)));
        }

        return new WithinCompetencyCrossValidationResult(folds, byCompetency.ToImmutable(), skipped.ToImmutable());
    }

    /// <summary>The learners of one competency (by position), in ordinal order of id: the order of its chains.</summary>
    private static LearnerId[] LearnersOf(ResponseLog log, int competency)
    {
        var chains = log.ChainsOf(competency);
        var learners = new LearnerId[chains.Count];
        for (var k = 0; k < learners.Length; k++)
        {
            learners[k] = log.Responses[chains[k][0]].Learner;
        }

        return learners;
    }

    /// <summary>A Fisher–Yates shuffle.</summary>
    private static void Shuffle(LearnerId[] learners, SeededRandom random)
    {
        for (var i = learners.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (learners[i], learners[j]) = (learners[j], learners[i]);
        }
    }

    /// <summary>Checks an assignment against a log, every problem at once, and returns the fold of each chain of each
    /// competency (−1: never tested), or null for a competency the assignment does not name.</summary>
    private static (int Folds, int[]?[] FoldOfChain) FoldsOfChains(ResponseLog log, IReadOnlyDictionary<(CompetencyId Competency, LearnerId Learner), int> assignment)
    {
        if (assignment.Count == 0)
        {
            throw new ArgumentException("The fold assignment is empty: there is nothing to cross-validate. Give the fold of each (competency, learner) pair to test.", nameof(assignment));
        }

        var folds = Math.Max(0, assignment.Values.Max()) + 1;

        var competencyIndex = new Dictionary<CompetencyId, int>();
        for (var c = 0; c < log.Competencies.Length; c++)
        {
            competencyIndex.Add(log.Competencies[c], c);
        }

        var chainIndex = new Dictionary<LearnerId, int>?[log.Competencies.Length];
        var foldOfChain = new int[]?[log.Competencies.Length];
        var problems = new List<string>();
        var unknownCompetencies = new SortedSet<CompetencyId>();

        // Sorted, so that the message lists problems in the same order whatever the dictionary's order.
        foreach (var ((competency, learner), fold) in assignment.OrderBy(e => e.Key))
        {
            if (!competencyIndex.TryGetValue(competency, out var c))
            {
                unknownCompetencies.Add(competency);
                continue;
            }

            if (chainIndex[c] is not { } chains)
            {
                var learners = LearnersOf(log, c);
                chains = chainIndex[c] = learners.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k);
                foldOfChain[c] = Enumerable.Repeat(-1, learners.Length).ToArray();
            }

            if (!chains.TryGetValue(learner, out var k))
            {
                problems.Add($"learner '{learner}' has no answers on competency '{competency}'");
            }
            else if (fold < 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"learner '{learner}' on competency '{competency}' has fold {fold}, below 0"));
            }
            else
            {
                foldOfChain[c]![k] = fold;
            }
        }

        problems.InsertRange(0, unknownCompetencies.Select(c => $"competency '{c}' has no answers in the log"));
        if (folds < 2)
        {
            problems.Insert(0, "every fold given is 0, and cross-validation needs at least 2 folds");
        }

        for (var c = 0; c < foldOfChain.Length; c++)
        {
            if (foldOfChain[c] is { } chainFolds)
            {
                var used = new bool[folds];
                foreach (var f in chainFolds.Where(f => f >= 0))
                {
                    used[f] = true;
                }

                problems.AddRange(Enumerable.Range(0, folds).Where(f => !used[f])
                    .Select(f => string.Create(CultureInfo.InvariantCulture, $"fold {f} of competency '{log.Competencies[c]}' has no learners")));
            }
        }

        if (problems.Count > 0)
        {
            var shown = string.Join("; ", problems.Take(10));
            var more = problems.Count > 10 ? string.Create(CultureInfo.InvariantCulture, $"; and {problems.Count - 10} more") : "";
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The fold assignment does not fit the log: {shown}{more}. Folds are numbered from 0 to k - 1 (here k = {folds}), each fold of a competency needs at least one learner, and learners who are never tested are left out."), nameof(assignment));
        }

        return (folds, foldOfChain);
    }

    /// <summary>The log of one competency's chains that are (or are not) in a fold, chains in ordinal order of learner
    /// id and each in replay order, so that the result does not depend on the order of the original log.</summary>
    private static ResponseLog ChainsIn(ResponseLog log, int competency, int[] foldOfChain, int fold, bool heldOut)
    {
        var chains = log.ChainsOf(competency);
        var responses = new List<Response>();
        for (var k = 0; k < chains.Count; k++)
        {
            if ((foldOfChain[k] == fold) == heldOut)
            {
                foreach (var i in chains[k])
                {
                    responses.Add(log.Responses[i]);
                }
            }
        }

        return ResponseLog.Create(responses);
    }

    private static void ThrowIfFewerThanTwo(int folds)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds,
                string.Create(CultureInfo.InvariantCulture, $"The number of folds must be at least 2; got {folds}."));
        }
    }
}

/// <summary>The outcome of a cross-validation.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CrossValidationResult
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>CrossValidationResult { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    internal CrossValidationResult(ImmutableArray<EvaluationReport> folds)
    {
        Folds = folds;
        var all = folds.SelectMany(f => f.Predictions).ToArray();
        Overall = PredictionMetrics.Compute(all);
        ByCompetency = PredictionMetrics.ByCompetency(all);
    }

    /// <summary>Each fold's held-out report.</summary>
    public ImmutableArray<EvaluationReport> Folds { get; }

    /// <summary>The metrics over every held-out prediction of every fold.</summary>
    public PredictionMetrics Overall { get; }

    /// <summary>The held-out metrics of each competency, over all folds.</summary>
    public ImmutableSortedDictionary<CompetencyId, PredictionMetrics> ByCompetency { get; }
}
