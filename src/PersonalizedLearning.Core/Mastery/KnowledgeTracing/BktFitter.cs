using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;
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
    /// <exception cref="ArgumentException">A competency's answers are all correct or all wrong and
    /// <see cref="BktFitOptions.FitSingleClassCompetencies"/> is false; the message names every such competency. (Options
    /// check their values as they are set.)</exception>
    /// <exception cref="OperationCanceledException">The fit was cancelled.</exception>
    /// <remarks>Traced as <see cref="PersonalizedLearningTelemetry.Spans.BktFit"/>, timed and its iterations counted when
    /// someone listens (<see cref="PersonalizedLearningTelemetry.Metrics.BktFitDuration"/>,
    /// <see cref="PersonalizedLearningTelemetry.Metrics.BktFitIterations"/>).</remarks>
    public static BktFitResult Fit(ResponseLog log, BktFitOptions? options = null, IProgress<BktFitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!CoreTelemetry.BktFitDuration.Enabled && !CoreTelemetry.BktFitIterations.Enabled && !CoreTelemetry.Source.HasListeners())
        {
            return FitUnobserved(log, options, progress, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = CoreTelemetry.Source.StartActivity(PersonalizedLearningTelemetry.Spans.BktFit);
        try
        {
            var result = FitUnobserved(log, options, progress, cancellationToken);
            var iterations = 0L;
            foreach (var competency in result.Competencies)
            {
                iterations += competency.Iterations;
                CoreTelemetry.BktFitIterations.Record(competency.Iterations);
            }

            CoreTelemetry.BktFitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(PersonalizedLearningTelemetry.Attributes.FitCompetencies, result.Competencies.Length);
                activity.SetTag(PersonalizedLearningTelemetry.Attributes.FitResponses, result.ResponseCount);
                activity.SetTag(PersonalizedLearningTelemetry.Attributes.FitIterations, iterations);
                activity.SetTag(PersonalizedLearningTelemetry.Attributes.FitProblems, result.Problems.Length);
            }

            return result;
        }
        catch (Exception e)
        {
            CoreTelemetry.Fail(activity, e);
            CoreTelemetry.BktFitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(PersonalizedLearningTelemetry.Attributes.ErrorType, e.GetType().FullName));
            throw;
        }
    }

    private static BktFitResult FitUnobserved(ResponseLog log, BktFitOptions? options, IProgress<BktFitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= BktFitOptions.Default;

        var sets = new BktTrainingSet[log.Competencies.Length];
        Parallel.For(
            0,
            sets.Length,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            c => sets[c] = BktTrainingSet.Build(log, c, options.Variant));

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
        // depend on which thread runs what. The first start of every competency runs first; the others then stop as
        // soon as they join its optimum (they cannot win), which is where most restarts of a well-identified
        // competency end. Which start runs when is fixed, so this too is the same on any number of threads.
        var starts = sets.Select(set => DrawStarts(set, options)).ToArray();
        var runs = starts.Select(s => new Run[s.Length]).ToArray();
        var remaining = starts.Select(s => s.Length).ToArray();
        var fits = new BktCompetencyFit[sets.Length];
        var completed = 0;
        void RunStarts(IEnumerable<(int Competency, int Restart)> selected)
        {
            var tasks = selected.OrderByDescending(t => sets[t.Competency].Lanes.Size).ThenBy(t => t.Competency).ThenBy(t => t.Restart).ToArray();
            Parallel.ForEach(
                Partitioner.Create(tasks, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
                task =>
                {
                    var (c, r) = task;
                    var set = sets[c];
                    var estimate = starts[c][r];
                    var em = new BktExpectationMaximization(set);
                    var reference = r > 0 && runs[c][0] is { Converged: true } first ? (first.Estimate, first.LogLikelihood) : ((BktEstimate, double)?)null;
                    var (logLikelihood, iterations, converged) = em.Run(estimate, options.Tolerance, options.MaxIterations, options.FixedFor(set.Competency), options.Forgetting, options.Accelerate, cancellationToken, reference);
                    runs[c][r] = new Run(estimate, logLikelihood, iterations, converged);
                    if (Interlocked.Decrement(ref remaining[c]) == 0)
                    {
                        fits[c] = Best(set, runs[c], options);
                        progress?.Report(new BktFitProgress(Interlocked.Increment(ref completed), sets.Length, set.Competency));
                    }
                });
        }

        RunStarts(Enumerable.Range(0, sets.Length).Select(c => (c, 0)));
        RunStarts(from c in Enumerable.Range(0, sets.Length) from r in Enumerable.Range(1, starts[c].Length - 1) select (c, r));

        return new BktFitResult([.. fits], options);
    }

    private sealed record Run(BktEstimate Estimate, double LogLikelihood, int Iterations, bool Converged);

    private static BktEstimate[] DrawStarts(BktTrainingSet set, BktFitOptions options)
    {
        var fixedValues = options.FixedFor(set.Competency);
        if (options.WarmStart?.Competencies.TryGetValue(set.Competency, out var warm) == true)
        {
            return [Apply(WarmStart(set, warm, options), fixedValues, options.Forgetting)];
        }

        var random = SeededRandom.For(options.Seed, set.Competency.Value);
        var starts = new BktEstimate[options.Restarts];
        for (var r = 0; r < starts.Length; r++)
        {
            // pyBKT's distributions. The competency's own values are drawn in the order of earlier versions (so a
            // standard fit's starts do not change), then those of groups, transitions and classes beyond the first.
            // Every value is drawn even when fixed, so that fixing one parameter does not change the others' starts.
            var start = new BktEstimate(set.GroupCount, set.TransitionCount, set.ClassCount);
            start.Learn[0] = random.NextDouble() * 0.4;
            start.Prior[0] = random.NextDouble();
            for (var c = 0; c < set.ClassCount; c++)
            {
                start.Guess[c] = random.NextDouble() * 0.4;
                start.Slip[c] = random.NextDouble() * 0.3;
            }

            start.Forget[0] = random.NextDouble();
            for (var g = 1; g < set.GroupCount; g++)
            {
                start.Prior[g] = random.NextDouble();
            }

            for (var t = 1; t < set.TransitionCount; t++)
            {
                start.Learn[t] = random.NextDouble() * 0.4;
                start.Forget[t] = random.NextDouble();
            }

            starts[r] = Apply(start, fixedValues, options.Forgetting);
        }

        return starts;
    }

    // Fixed values replace drawn ones; without forgetting every forget rate is 0.
    internal static BktEstimate Apply(BktEstimate start, BktFixedParameters? fixedValues, bool forgetting)
    {
        static void Fill(double[] values, double? value)
        {
            if (value is { } v)
            {
                Array.Fill(values, v);
            }
        }

        Fill(start.Prior, fixedValues?.Prior);
        Fill(start.Learn, fixedValues?.Learn);
        Fill(start.Forget, forgetting ? fixedValues?.Forget : 0);
        Fill(start.Guess, fixedValues?.Guess);
        Fill(start.Slip, fixedValues?.Slip);
        return start;
    }

    // A warm start: every value from the given parameters, looked up the way the online model looks them up.
    internal static BktEstimate WarmStart(BktTrainingSet set, BktCompetencyParameters warm, BktFitOptions options)
    {
        var start = new BktEstimate(set.GroupCount, set.TransitionCount, set.ClassCount);
        for (var g = 0; g < set.GroupCount; g++)
        {
            start.Prior[g] = warm.PriorFor(set.GroupKeys[g]);
        }

        for (var t = 0; t < set.TransitionCount; t++)
        {
            var key = set.TransitionKeys[t];
            var p = t == 0 ? warm.Parameters : key.IsPair ? warm.For(key.Previous, key.Activity) : warm.For(key.Activity);
            start.Learn[t] = p.Learn;
            start.Forget[t] = p.Forget;
        }

        for (var c = 0; c < set.ClassCount; c++)
        {
            var p = warm.For(set.Classes[c]);
            start.Guess[c] = p.Guess;
            start.Slip[c] = p.Slip;
        }

        return start;
    }

    private static BktCompetencyFit Best(BktTrainingSet set, Run[] runs, BktFitOptions options)
    {
        // The E-step's log-likelihood is the log of a product of probabilities: exact to about 1e-16 per answer in
        // absolute terms. When nearly every answer was near-certain the total is itself that small (it may even come
        // out positive), and only a sum of log1p of the other answers' probabilities keeps its relative precision: such
        // a start is compared, and reported, by that sum. The best log-likelihood wins; on a tie, the earlier start.
        var logLikelihoods = runs.Select(run => Math.Abs(run.LogLikelihood) < NearCertainPerAnswer * set.ResponseCount
            ? BktExpectationMaximization.NearCertainLogLikelihood(set, run.Estimate)
            : run.LogLikelihood).ToArray();
        var bestRestart = 0;
        for (var r = 1; r < runs.Length; r++)
        {
            if (logLikelihoods[r] > logLikelihoods[bestRestart])
            {
                bestRestart = r;
            }
        }

        var best = runs[bestRestart];
        var parameters = ToParameters(set, best.Estimate, options);
        var logLikelihood = logLikelihoods[bestRestart];
        var issues = BktFitIssues.None;
        if (set.CorrectCount == 0 || set.CorrectCount == set.ResponseCount)
        {
            issues |= BktFitIssues.SingleClass;
        }

        if (set.MaxLength == 1)
        {
            issues |= BktFitIssues.OneAnswerPerLearner;
        }
        else if (set.ChainCount == 1)
        {
            issues |= BktFitIssues.OneLearner;
        }

        if (parameters.IsDegenerate)
        {
            issues |= BktFitIssues.Degenerate;
        }

        if (!best.Converged)
        {
            issues |= BktFitIssues.NotConverged;
        }

        return new BktCompetencyFit(parameters, logLikelihood, best.Iterations, bestRestart, set.ResponseCount, set.ChainCount, set.CorrectCount, issues);
    }

    // Below this mean log-likelihood per answer, the fast E-step's total may have lost relative precision (1e-16 per
    // answer absolute is 1e-10 of it).
    private const double NearCertainPerAnswer = 1e-6;

    private static BktCompetencyParameters ToParameters(BktTrainingSet set, BktEstimate e, BktFitOptions options)
    {
        // Index 0 of every dimension is the competency's own (the M-step pools it when nothing uses it).
        var parameters = BktParameters.FromEstimates(e.Prior[0], e.Learn[0], e.Guess[0], e.Slip[0], e.Forget[0]);
        var activities = new Dictionary<ActivityId, BktActivityParameters>();
        BktActivityParameters Of(ActivityId activity)
            => activities.TryGetValue(activity, out var a) ? a : activities[activity] = new BktActivityParameters(activity);

        for (var c = 1; c < set.ClassCount; c++)
        {
            var activity = set.Classes[c]!.Value;
            activities[activity] = Of(activity) with { Guess = e.Guess[c], Slip = e.Slip[c] };
        }

        var pairs = new List<KeyValuePair<BktActivityPair, BktTransitionRates>>();
        for (var t = 1; t < set.TransitionCount; t++)
        {
            var key = set.TransitionKeys[t];
            if (key.IsPair)
            {
                pairs.Add(new(new BktActivityPair(key.Previous!.Value, key.Activity!.Value), new BktTransitionRates(e.Learn[t], e.Forget[t])));
            }
            else
            {
                var activity = key.Activity!.Value;
                activities[activity] = Of(activity) with { Learn = e.Learn[t], Forget = options.Forgetting ? e.Forget[t] : null };
            }
        }

        var groups = new List<KeyValuePair<string, double>>();
        for (var g = 1; g < set.GroupCount; g++)
        {
            groups.Add(new(set.GroupKeys[g]!, e.Prior[g]));
        }

        return new BktCompetencyParameters(set.Competency, parameters, activities.Values, pairs, groups, groups.Count > 0 ? options.PriorGroups : null);
    }
}

/// <summary>How far a fit has come.</summary>
/// <remarks>The default value is 0 of 0 competencies fitted, naming no competency: no fit reports it. Immutable and thread-safe.</remarks>
public readonly record struct BktFitProgress
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal BktFitProgress(int Completed, int Total, CompetencyId Competency)
    {
        this.Completed = Completed;
        this.Total = Total;
        this.Competency = Competency;
    }

    /// <summary>Competencies fitted so far.</summary>
    public int Completed { get; internal init; }

    /// <summary>Competencies in the log.</summary>
    public int Total { get; internal init; }

    /// <summary>The competency just fitted.</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Completed">The value of <see cref="Completed"/>.</param>
    /// <param name="Total">The value of <see cref="Total"/>.</param>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    public void Deconstruct(out int Completed, out int Total, out CompetencyId Competency)
    {
        Completed = this.Completed;
        Total = this.Total;
        Competency = this.Competency;
    }
}
