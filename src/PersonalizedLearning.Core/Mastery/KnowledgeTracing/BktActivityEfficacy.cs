using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The activity-efficacy report: which activities teach a competency best, from a BKT fit with a learn rate per
/// activity (<see cref="BktLearnBy.Activity"/>, pyBKT's <c>multilearn</c>). For each activity it gives the fitted learn
/// rate, a confidence interval from a parametric bootstrap, and the evidence the rate rests on.
/// </summary>
/// <remarks>
/// <para>The interval is Efron &amp; Tibshirani's (1993, ch. 6 and 13) parametric bootstrap percentile interval. For
/// each sample b = 1..B, answers are simulated from the fitted parameters for every chain of the competency on the log's
/// own structure (the same learners, the same number of answers in the same order, the same activity at each step, the
/// same prior group); the competency is refitted to them by EM as <see cref="BktFitter"/> does with a warm start
/// (<see cref="BktFitOptions.WarmStart"/>: one EM run, with the tolerance, iteration limit, fixed values, forgetting and
/// acceleration the fit had), and each activity's learn rate is kept. The interval's ends are the (1 ∓ confidence) / 2
/// quantiles of the B rates, by linear interpolation between order statistics (Hyndman &amp; Fan's definition 7, R's and
/// NumPy's default); the standard error is their standard deviation. Every parameter is re-estimated in each refit, so
/// the interval includes the uncertainty that the prior, guess, slip and the other activities' rates add.</para>
/// <para>Each refit starts from the fitted parameters moved at least 0.03 inside (0, 1). Started on the boundary (a rate
/// the fit put at 0), EM cannot leave it before the log-likelihood stops moving, and every activity estimated at 0
/// would get the interval [0, 0]: on STATICS, [0, 0.003] where a start inside gives [0, 0.28]. The fit itself started
/// inside, from random starts. Percentile intervals of an estimate on the boundary (T = 0 or 1) are still only a
/// guide: there the bootstrap is known to be less reliable (Andrews 2000).</para>
/// <para>The evidence comes from the log and from one E-step at the fitted parameters: how many moves (answers in the
/// activity followed by another answer on the competency) and learners the rate is estimated from, and how many of
/// those moves are expected to have been made while not knowing the competency, the only ones that say anything
/// about what the activity teaches.</para>
/// <para>Cost: B EM runs per competency, each starting near its optimum; in our measurements a report with B = 200 cost as
/// much as 12 to 18 fits of the competencies it covers. On STATICS 2011 with question ids (two threads, Release build, a
/// shared machine): 18 s for B = 200 on the 97 competencies other than skill_11 (111,468 answers, 633 questions), 64 s
/// on all 189,297 answers, most of it for skill_11 (77,829 answers on 590 questions) alone. Report on the competencies
/// you need (<c>competencies</c>), and cancel with the token if it runs too long. A fit that stopped at its iteration
/// limit gives refits that stop there too (<see cref="BktCompetencyEfficacy.NotConvergedSamples"/>): fit with a higher
/// <see cref="BktFitOptions.MaxIterations"/> (skill_11 converges in 149).</para>
/// <para>Deterministic for a seed whatever the thread count: each (competency, sample) pair draws its answers from its
/// own stream, derived from the seed, the competency's id and the sample's number, and chains are simulated in the log's
/// replay order (by learner), which does not depend on the order of the log's rows. Thread-safe: holds no state.</para>
/// </remarks>
public static class BktActivityEfficacy
{
    /// <summary>Estimates the efficacy of every activity with a learn rate of its own.</summary>
    /// <param name="log">The log the fit was made on.</param>
    /// <param name="fit">A fit made on <paramref name="log"/> with <see cref="BktFitOptions.LearnBy"/> =
    /// <see cref="BktLearnBy.Activity"/>.</param>
    /// <param name="options">How to estimate, or null for <see cref="BktEfficacyOptions.Default"/>.</param>
    /// <param name="competencies">The competencies to report, or null for every competency of the fit. Repeats are
    /// reported once.</param>
    /// <param name="cancellationToken">Stops the bootstrap.</param>
    /// <returns>The report: per competency, in ordinal order of id, each activity's learn rate, interval and evidence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="fit"/> is null.</exception>
    /// <exception cref="UnknownCompetencyException"><paramref name="competencies"/> names a competency the fit lacks (the
    /// message names each; <see cref="UnknownCompetencyException.Competency"/> is the first in ordinal order).</exception>
    /// <exception cref="ArgumentException">The fit was not made with <see cref="BktLearnBy.Activity"/>; or
    /// the log is not the one the fit was made on: it lacks a reported competency, or has a different number of answers
    /// or other activities on one (the message names every such competency).</exception>
    /// <exception cref="OperationCanceledException">The estimate was cancelled.</exception>
    public static BktEfficacyReport Estimate(ResponseLog log, BktFitResult fit, BktEfficacyOptions? options = null,
        IEnumerable<CompetencyId>? competencies = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(fit);
        options ??= BktEfficacyOptions.Default;
        if (fit.Options.LearnBy != BktLearnBy.Activity)
        {
            throw new ArgumentException(
                $"The fit was made with LearnBy = {fit.Options.LearnBy}, which has no learn rate per activity; an efficacy report needs a fit with BktFitOptions.LearnBy = BktLearnBy.Activity.",
                nameof(fit));
        }

        var fits = Select(fit, competencies);
        var subjects = Prepare(log, fit, fits);

        // Every (competency, sample) pair is its own task, largest competency first, so that one large competency does
        // not leave the other cores idle. Each writes only its own slots, and draws from its own stream.
        var samples = options.Samples;
        var rates = subjects.Select(s => new double[s.Activities.Length * samples]).ToArray();
        var notConverged = subjects.Select(_ => new bool[samples]).ToArray();
        var tasks = (from c in Enumerable.Range(0, subjects.Length)
                     where subjects[c].Activities.Length > 0
                     from b in Enumerable.Range(0, samples)
                     orderby subjects[c].ResponseCount descending, c, b
                     select (Subject: c, Sample: b)).ToArray();
        Parallel.ForEach(
            Partitioner.Create(tasks, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            task =>
            {
                var subject = subjects[task.Subject];
                var (learn, converged) = subject.Refit(subject.Simulate(options.Seed, task.Sample), cancellationToken);
                learn.CopyTo(rates[task.Subject], task.Sample * learn.Length);
                notConverged[task.Subject][task.Sample] = !converged;
            });

        var report = ImmutableArray.CreateBuilder<BktCompetencyEfficacy>(subjects.Length);
        for (var c = 0; c < subjects.Length; c++)
        {
            report.Add(Report(subjects[c], rates[c], samples, notConverged[c].Count(x => x), options));
        }

        return new BktEfficacyReport(report.MoveToImmutable(), options);
    }

    // The fits to report: all, or those named, in the fit's (ordinal) order.
    private static BktCompetencyFit[] Select(BktFitResult fit, IEnumerable<CompetencyId>? competencies)
    {
        if (competencies is null)
        {
            return [.. fit.Competencies];
        }

        var wanted = competencies.ToHashSet();
        var unknown = wanted.Where(c => !fit.Competencies.Any(f => f.Competency == c)).Order().ToList();
        if (unknown.Count > 0)
        {
            // One exception names them all; its Competency is the first, in ordinal order.
            throw new UnknownCompetencyException(unknown[0], $"The fit has no competency {Names([.. unknown.Select(c => $"'{c}'")])}; name only competencies the fit covers.", nameof(competencies));
        }

        return [.. fit.Competencies.Where(f => wanted.Contains(f.Competency))];
    }

    private static BktEfficacyBootstrap[] Prepare(ResponseLog log, BktFitResult fit, BktCompetencyFit[] fits)
    {
        var index = log.Competencies.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var missing = new List<string>();
        var mismatched = new List<string>();
        var subjects = new BktEfficacyBootstrap[fits.Length];
        for (var s = 0; s < fits.Length; s++)
        {
            var f = fits[s];
            if (!index.TryGetValue(f.Competency, out var c))
            {
                missing.Add($"'{f.Competency}'");
                continue;
            }

            var set = BktTrainingSet.Build(log, c, fit.Options.Variant);
            var inLog = set.TransitionKeys.Skip(1).Select(k => k.Activity!.Value).ToHashSet();
            var inFit = f.Parameters.Activities.Where(a => a.Value.Learn is not null).Select(a => a.Key).ToHashSet();
            if (set.ResponseCount != f.ResponseCount || !inLog.SetEquals(inFit))
            {
                var what = new List<string>();
                if (set.ResponseCount != f.ResponseCount)
                {
                    what.Add(string.Create(CultureInfo.InvariantCulture, $"{set.ResponseCount:N0} answers in the log, {f.ResponseCount:N0} in the fit"));
                }

                if (inLog.Except(inFit).Order().Select(a => $"'{a}'").ToList() is { Count: > 0 } extra)
                {
                    what.Add($"activities the fit has no learn rate for: {Names(extra)}");
                }

                if (inFit.Except(inLog).Order().Select(a => $"'{a}'").ToList() is { Count: > 0 } absent)
                {
                    what.Add($"activities the log lacks: {Names(absent)}");
                }

                mismatched.Add($"'{f.Competency}' ({string.Join("; ", what)})");
                continue;
            }

            subjects[s] = BktEfficacyBootstrap.Build(log, c, set, f, fit.Options);
        }

        if (missing.Count + mismatched.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add($"it has no answers on {Names(missing)}");
            }

            if (mismatched.Count > 0)
            {
                parts.Add($"it differs from the fit's data on {string.Join(", ", mismatched)}");
            }

            throw new ArgumentException(
                $"The log is not the one the fit was made on: {string.Join("; ", parts)}. Pass the log the fit was made on, or name the competencies to report.",
                nameof(log));
        }

        return subjects;
    }

    private static string Names(List<string> names)
        => names.Count <= 10 ? string.Join(", ", names) : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", names.Take(10))} and {names.Count - 10} more");

    // The rows of one competency: the fitted rate, the percentile interval and standard error of its bootstrap rates,
    // and the evidence; best teacher first.
    private static BktCompetencyEfficacy Report(BktEfficacyBootstrap subject, double[] rates, int samples, int notConverged, BktEfficacyOptions options)
    {
        var count = subject.Activities.Length;
        var rows = new List<BktActivityLearnRate>(count);
        var alpha = (1 - options.Confidence) / 2;
        var column = new double[samples];
        for (var a = 0; a < count; a++)
        {
            for (var b = 0; b < samples; b++)
            {
                column[b] = rates[(b * count) + a];
            }

            Array.Sort(column);
            // Deviations from the first value (shifted data), so that equal values give a standard error of exactly 0.
            var shift = column[0];
            var meanShift = column.Sum(x => x - shift) / samples;
            var standardError = Math.Sqrt(Math.Max(0, (column.Sum(x => (x - shift) * (x - shift)) - (samples * meanShift * meanShift)) / (samples - 1)));
            var activity = subject.Activities[a];

            // A rate the data do not determine (no moves of its own, or a fit that identifies nothing) gets no interval
            // narrower than [0, 1] and no standard error, whatever its bootstrap copies did: they only repeat the
            // pooled or degenerate value it was given.
            var determined = subject.Moves[a] > 0 && subject.IsIdentifiable && !subject.LearnIsFixed;
            rows.Add(new BktActivityLearnRate(activity, subject.Learn(activity),
                determined ? Quantile(column, alpha) : 0, determined ? Quantile(column, 1 - alpha) : 1, options.Confidence,
                determined ? standardError : double.NaN, subject.Moves[a], subject.Learners[a], subject.ExpectedMovesWhileUnknown[a],
                options.LowEvidenceBelow, subject.IsIdentifiable, subject.LearnIsFixed));
        }

        // Determined rates first, best teacher first; then the undetermined ones, by activity id.
        rows.Sort((x, y) =>
        {
            var c = y.IsDetermined.CompareTo(x.IsDetermined);
            c = c != 0 ? c : !x.IsDetermined ? 0 : y.Learn.CompareTo(x.Learn);
            return c != 0 ? c : x.Activity.CompareTo(y.Activity);
        });
        return new BktCompetencyEfficacy(subject.Competency, [.. rows], count == 0 ? 0 : samples, notConverged);
    }

    /// <summary>The linear interpolation between order statistics at probability p (Hyndman &amp; Fan 1996,
    /// definition 7): h = (n − 1)·p, between the ⌊h⌋-th and the next smallest value.</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        return low + 1 >= sorted.Length ? sorted[^1] : sorted[low] + ((h - low) * (sorted[low + 1] - sorted[low]));
    }
}
