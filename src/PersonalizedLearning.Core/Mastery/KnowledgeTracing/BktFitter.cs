using System.Collections.Concurrent;
using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// Fits BKT to a response log by expectation–maximization (Baum–Welch), each competency on its own and in parallel,
/// from several seeded random starts, keeping the start with the best log-likelihood. Defaults and semantics follow
/// pyBKT (CAHLR): 5 starts with learn ~ U(0, 0.4), guess ~ U(0, 0.4), slip ~ U(0, 0.3), prior ~ U(0, 1) and, with
/// forgetting, forget ~ U(0, 1); tolerance 1e-3 on the log-likelihood; at most 100 iterations.
/// </summary>
/// <remarks>
/// <para>Results are deterministic for a seed whatever the thread count: each competency draws its starts from its own
/// stream, derived from the seed and its id.</para>
/// <para>Identical chains (the same answers in the same activity classes) are computed once and counted by
/// multiplicity, which changes no sum EM computes.</para>
/// <para>Thread-safe: the fitter holds no state.</para>
/// </remarks>
public static class BktFitter
{
    /// <summary>Fits every competency of a log.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="options">How to fit, or null for <see cref="BktFitOptions.Default"/>.</param>
    /// <param name="progress">Told after each competency is fitted, from worker threads; or null.</param>
    /// <param name="cancellationToken">Stops the fit.</param>
    /// <returns>The fit of each competency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are not valid, or a competency's answers are all correct or all
    /// wrong and <see cref="BktFitOptions.FitSingleClassCompetencies"/> is false; the message lists every problem.</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    public static BktFitResult Fit(ResponseLog log, BktFitOptions? options = null, IProgress<BktFitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= BktFitOptions.Default;
        options.Validate();

        var sets = new BktTrainingSet[log.Competencies.Length];
        for (var c = 0; c < sets.Length; c++)
        {
            sets[c] = BktTrainingSet.Build(log, c, options.GuessSlipPerActivity);
        }

        if (!options.FitSingleClassCompetencies)
        {
            var allCorrect = sets.Where(s => s.CorrectCount == s.ResponseCount).Select(s => $"'{s.Competency}'").ToList();
            var allWrong = sets.Where(s => s.CorrectCount == 0).Select(s => $"'{s.Competency}'").ToList();
            if (allCorrect.Count + allWrong.Count > 0)
            {
                var parts = new List<string>();
                if (allCorrect.Count > 0)
                {
                    parts.Add($"every answer is correct on {string.Join(", ", allCorrect)}");
                }

                if (allWrong.Count > 0)
                {
                    parts.Add($"every answer is wrong on {string.Join(", ", allWrong)}");
                }

                throw new ArgumentException(
                    $"BKT cannot be fitted to a competency with answers of one class only: {string.Join("; ", parts)}. Remove them, or set FitSingleClassCompetencies to fit them and have them reported as not identifiable.",
                    nameof(log));
            }
        }

        // Every (competency, start) pair is its own task, largest first, so that one large competency does not leave
        // the other cores idle. Starts are drawn up front from each competency's own stream, so the result does not
        // depend on which thread runs what.
        var starts = sets.Select(set => DrawStarts(set, options)).ToArray();
        var runs = sets.Select(_ => new Run[options.Restarts]).ToArray();
        var remaining = sets.Select(_ => options.Restarts).ToArray();
        var fits = new BktCompetencyFit[sets.Length];
        var completed = 0;
        var tasks = (from c in Enumerable.Range(0, sets.Length)
                     from r in Enumerable.Range(0, options.Restarts)
                     orderby sets[c].Lanes.Size descending, c, r
                     select (Competency: c, Restart: r)).ToArray();
        Parallel.ForEach(
            Partitioner.Create(tasks, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            task =>
            {
                var (c, r) = task;
                var set = sets[c];
                var estimate = starts[c][r];
                var em = new BktExpectationMaximization(set);
                var (logLikelihood, iterations, converged) = em.Run(estimate, options.Tolerance, options.MaxIterations, options.FixedFor(set.Competency), options.Forgetting, cancellationToken);
                runs[c][r] = new Run(estimate, logLikelihood, iterations, converged);
                if (Interlocked.Decrement(ref remaining[c]) == 0)
                {
                    fits[c] = Best(set, runs[c]);
                    progress?.Report(new BktFitProgress(Interlocked.Increment(ref completed), sets.Length, set.Competency));
                }
            });

        return new BktFitResult([.. fits], options);
    }

    private sealed record Run(BktExpectationMaximization.Estimate Estimate, double LogLikelihood, int Iterations, bool Converged);

    private static BktExpectationMaximization.Estimate[] DrawStarts(BktTrainingSet set, BktFitOptions options)
    {
        var fixedValues = options.FixedFor(set.Competency);
        var random = SeededRandom.For(options.Seed, set.Competency.Value);
        var classes = set.Classes.Length;
        var starts = new BktExpectationMaximization.Estimate[options.Restarts];
        for (var r = 0; r < starts.Length; r++)
        {
            // Draw every value even when fixed, so that fixing one parameter does not change the others' starts.
            var learn = random.NextDouble() * 0.4;
            var prior = random.NextDouble();
            var start = new BktExpectationMaximization.Estimate(classes);
            for (var c = 0; c < classes; c++)
            {
                var guess = random.NextDouble() * 0.4;
                var slip = random.NextDouble() * 0.3;
                start.Guess[c] = fixedValues?.Guess ?? guess;
                start.Slip[c] = fixedValues?.Slip ?? slip;
            }

            var forget = random.NextDouble();
            start.Forget = options.Forgetting ? fixedValues?.Forget ?? forget : 0;
            start.Learn = fixedValues?.Learn ?? learn;
            start.Prior = fixedValues?.Prior ?? prior;
            starts[r] = start;
        }

        return starts;
    }

    private static BktCompetencyFit Best(BktTrainingSet set, Run[] runs)
    {
        // The best log-likelihood wins; on a tie, the earlier start.
        var bestRestart = 0;
        for (var r = 1; r < runs.Length; r++)
        {
            if (runs[r].LogLikelihood > runs[bestRestart].LogLikelihood)
            {
                bestRestart = r;
            }
        }

        var best = runs[bestRestart];
        var parameters = ToParameters(set, best.Estimate);
        var issues = BktFitIssues.None;
        if (set.CorrectCount == 0 || set.CorrectCount == set.ResponseCount)
        {
            issues |= BktFitIssues.SingleClass;
        }

        if (set.MaxLength == 1)
        {
            issues |= BktFitIssues.OneAnswerPerLearner;
        }

        if (parameters.IsDegenerate)
        {
            issues |= BktFitIssues.Degenerate;
        }

        if (!best.Converged)
        {
            issues |= BktFitIssues.NotConverged;
        }

        return new BktCompetencyFit(parameters, best.LogLikelihood, best.Iterations, bestRestart, set.ResponseCount, set.ChainCount, set.CorrectCount, issues);
    }

    private static BktCompetencyParameters ToParameters(BktTrainingSet set, BktExpectationMaximization.Estimate e)
    {
        // Answers without an activity of their own use the class of answers without an activity when there is one,
        // and otherwise the answer-weighted mean guess and slip of the activities.
        var shared = set.Classes.IndexOf(null);
        double guess, slip;
        if (shared >= 0)
        {
            guess = e.Guess[shared];
            slip = e.Slip[shared];
        }
        else
        {
            double g = 0, s = 0;
            for (var c = 0; c < set.Classes.Length; c++)
            {
                g += e.Guess[c] * set.ClassResponses[c];
                s += e.Slip[c] * set.ClassResponses[c];
            }

            guess = g / set.ResponseCount;
            slip = s / set.ResponseCount;
        }

        var parameters = BktParameters.FromEstimates(e.Prior, e.Learn, guess, slip, e.Forget);
        var byActivity = new List<KeyValuePair<ActivityId, (double Guess, double Slip)>>();
        for (var c = 0; c < set.Classes.Length; c++)
        {
            if (set.Classes[c] is { } activity)
            {
                byActivity.Add(new(activity, (e.Guess[c], e.Slip[c])));
            }
        }

        return new BktCompetencyParameters(set.Competency, parameters, byActivity);
    }
}

/// <summary>How far a fit has come.</summary>
/// <param name="Completed">Competencies fitted so far.</param>
/// <param name="Total">Competencies in the log.</param>
/// <param name="Competency">The competency just fitted.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct BktFitProgress(int Completed, int Total, CompetencyId Competency);
