using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Simulation;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktActivityEfficacyTests(ITestOutputHelper output)
{
    private static readonly BktParameters Shared = new(prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1);
    private static readonly BktFitOptions Multilearn = BktFitOptions.Default with { LearnBy = BktLearnBy.Activity };
    private static readonly BktEfficacyOptions Few = BktEfficacyOptions.Default with { Samples = 20 };

    // Four learners on K in activities a, b and c (c only ever last):
    //   ana: a ✓, b ✓      ben: a ✗, a ✓, b ✗      cy: b ✓, a ✓      dee: a ✓, c ✗
    // Moves (an answer followed by another on K): from a, ana 1 + ben 2 + dee 1 = 4 by 3 learners; from b, cy's 1;
    // from c, none.
    private static readonly ResponseLog Tiny = ResponseLog.Create(
    [
        new Response("ana", "K", true, 1, "a"), new Response("ana", "K", true, 2, "b"),
        new Response("ben", "K", false, 1, "a"), new Response("ben", "K", true, 2, "a"), new Response("ben", "K", false, 3, "b"),
        new Response("cy", "K", true, 1, "b"), new Response("cy", "K", true, 2, "a"),
        new Response("dee", "K", true, 1, "a"), new Response("dee", "K", false, 2, "c"),
    ]);

    // T_a = 0.5, T_b = T_c = 0.3 (a tie, broken by id), the rest shared.
    private static readonly BktCompetencyParameters TinyParameters = new("K", Shared,
        [new BktActivityParameters("a", Learn: 0.5), new BktActivityParameters("b", Learn: 0.3), new BktActivityParameters("c", Learn: 0.3)], null, null, null);

    [Fact]
    public void Estimate_OneChain_ExpectedMovesWhileUnknownIsThePosteriorOfNotKnowingAsWorkedByHand()
    {
        // ana: a ✓ then b ✓, prior 0.3, G 0.2, S 0.1, T_a 0.5. After the first answer P(unknown) = 0.7·0.2 / 0.41 = 14/41;
        // P(second ✓ | unknown at the first) = 0.5·0.9 + 0.5·0.2 = 0.55; P(second ✓ | first) = (34/41)·0.9 + (7/41)·0.2
        // = 32/41. So P(unknown at the move | both answers) = (14/41)·0.55 / (32/41) = 7.7/32.
        var log = Tiny.Where(r => r.Learner == "ana");
        var row = BktActivityEfficacy.Estimate(log, HandFit(log, TinyParameters.Activities.Values.Take(2)), Few)["K"]["a"];
        row.Moves.Should().Be(1);
        row.Learners.Should().Be(1);
        row.ExpectedMovesWhileUnknown.Should().BeApproximately(7.7 / 32, 1e-15);
        row.Learn.Should().Be(0.5);
    }

    [Fact]
    public void Estimate_TinyLog_CountsMovesAndLearnersByHand_AndExpectedUnknownMovesAsTheReferee()
    {
        var report = BktActivityEfficacy.Estimate(Tiny, HandFit(Tiny, TinyParameters.Activities.Values), Few);
        var k = report["K"];
        k.Activities.Select(a => a.Activity).Should().Equal(new ActivityId("a"), new ActivityId("b"), new ActivityId("c"));
        k.Activities.Select(a => (a.Moves, a.Learners)).Should().Equal((4, 3), (1, 1), (0, 0));
        k.Samples.Should().Be(20);

        // The 256-bit referee's E-step at the same parameters; transition classes 0 (the competency's own), a, b, c.
        var counts = new RefereeCounts(4, 1);
        double[] learn = [0.15, 0.5, 0.3, 0.3];
        var transition = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 3 };
        foreach (var chain in Tiny.Responses.GroupBy(r => r.Learner))
        {
            var steps = chain.OrderBy(r => r.Order).Select(r => (r.Correct, 0, transition[r.Activity!.Value.Value])).ToList();
            BktExactReferee.ExpectedCounts(0.3, steps, [0.2], [0.1], learn, [0, 0, 0, 0], counts);
        }

        k["a"].ExpectedMovesWhileUnknown.Should().BeApproximately(counts.Learned[1] + counts.StayUnknown[1], 1e-14);
        k["b"].ExpectedMovesWhileUnknown.Should().BeApproximately(counts.Learned[2] + counts.StayUnknown[2], 1e-14);
        k["c"].ExpectedMovesWhileUnknown.Should().Be(0);
        output.WriteLine(string.Join(Environment.NewLine, k.Activities));
        k.Activities.Should().OnlyContain(a => a.HasLowEvidence && a.Lower <= a.Upper && a.Confidence == 0.95);
    }

    [Fact]
    public void Estimate_Rows_AreSortedByLearnRateFromHighest_TiesByActivityId()
    {
        var rows = BktActivityEfficacy.Estimate(Tiny, HandFit(Tiny, TinyParameters.Activities.Values), Few)["K"].Activities;
        rows.Select(r => (r.Activity.Value, r.Learn)).Should().Equal(("a", 0.5), ("b", 0.3), ("c", 0.3));
    }

    [Fact]
    public void Estimate_KnownLearnRates_RecoveredWithin003_AndEach95PercentIntervalContainsTheTruth()
    {
        // A 95% interval misses the truth one time in twenty: at seed 11 (the fit's recovery test) the slow activity's
        // does, 0.038 [0.027, 0.049]. Over seeds 11 to 30, 55 of the 60 intervals contained the truth (B = 40).
        var truth = new BktCompetencyParameters("K", Shared,
            [new BktActivityParameters("slow", Learn: 0.05), new BktActivityParameters("medium", Learn: 0.2), new BktActivityParameters("fast", Learn: 0.4)], null, null, null);
        var log = BktResponseSimulator.Simulate([truth], learners: 3000, attempts: 10, seed: 12);
        var report = BktActivityEfficacy.Estimate(log, BktFitter.Fit(log, Multilearn), BktEfficacyOptions.Default with { Samples = 40 });

        var k = report["K"];
        output.WriteLine(string.Join(Environment.NewLine, k.Activities));
        k.Activities.Select(a => a.Activity.Value).Should().Equal("fast", "medium", "slow");
        foreach (var (activity, learn) in new[] { ("slow", 0.05), ("medium", 0.2), ("fast", 0.4) })
        {
            var row = k[activity];
            row.Learn.Should().BeApproximately(learn, 0.03);
            row.Lower.Should().BeLessThanOrEqualTo(learn);
            row.Upper.Should().BeGreaterThanOrEqualTo(learn);
            row.Lower.Should().BeLessThanOrEqualTo(row.Learn);
            row.Upper.Should().BeGreaterThanOrEqualTo(row.Learn);
            row.HasLowEvidence.Should().BeFalse();
            row.Learners.Should().BeLessThanOrEqualTo(3000).And.BeGreaterThan(2500);
            row.ExpectedMovesWhileUnknown.Should().BeLessThan(row.Moves);
        }

        k.NotConvergedSamples.Should().Be(0);
        k.Explanations.Should().BeEmpty();
    }

    [Fact]
    public void Estimate_ActivityWithoutMoves_HasNoIntervalNarrowerThan01_AndComesAfterEveryDeterminedRate()
    {
        // "once" is answered once, as the last answer of a chain: no move of its own, so its learn rate is the pooled
        // one and its bootstrap copies would all repeat it (the review found a 95% interval 0.159-0.190 ranked above a
        // real activity).
        var truth = new BktCompetencyParameters("K", Shared, [new BktActivityParameters("slow", Learn: 0.05), new BktActivityParameters("fast", Learn: 0.3)], null, null, null);
        var simulated = BktResponseSimulator.Simulate([truth], learners: 300, attempts: 8, seed: 9);
        var log = ResponseLog.Create(simulated.Responses.Append(new Response("s0", "K", true, 100_000, "once")));
        var k = BktActivityEfficacy.Estimate(log, BktFitter.Fit(log, Multilearn), Few)["K"];
        output.WriteLine(string.Join(Environment.NewLine, k.Activities));

        k.Activities.Select(a => a.Activity.Value).Should().Equal("fast", "slow", "once");
        var once = k["once"];
        (once.Moves, once.IsDetermined, once.HasLowEvidence, once.Lower, once.Upper).Should().Be((0, false, true, 0.0, 1.0));
        once.StandardError.Should().Be(double.NaN);
        once.GetExplanations().Should().ContainSingle().Which.Should().StartWith("no answer in it is followed by another answer");
        k["slow"].IsDetermined.Should().BeTrue();
        k["slow"].StandardError.Should().BePositive();
    }

    [Fact]
    public void Estimate_LearnRateFixedByTheFitsOptions_IsNotDeterminedByTheData()
    {
        // Fixing T fixes every activity's: the bootstrap only repeats 0.2 (its standard error came out 8.5e-17, not 0).
        var truth = new BktCompetencyParameters("K", Shared, [new BktActivityParameters("a", Learn: 0.1), new BktActivityParameters("b", Learn: 0.3)], null, null, null);
        var log = BktResponseSimulator.Simulate([truth], learners: 200, attempts: 6, seed: 5);
        var fit = BktFitter.Fit(log, Multilearn with { Fixed = new BktFixedParameters { Learn = 0.2 } });
        var k = BktActivityEfficacy.Estimate(log, fit, Few)["K"];

        k.Activities.Select(a => a.Activity.Value).Should().Equal("a", "b");
        foreach (var row in k.Activities)
        {
            (row.Learn, row.IsDetermined, row.Lower, row.Upper).Should().Be((0.2, false, 0.0, 1.0));
            row.StandardError.Should().Be(double.NaN);
            row.GetExplanations().Should().Equal("its learn rate was fixed by the fit's options, not estimated from the data");
        }
    }

    [Fact]
    public void Estimate_CompetencyTheFitCannotIdentify_HasNoDeterminedRate()
    {
        // Every answer correct: the fit identifies nothing, and the bootstrap (whose answers are all correct too) would
        // give every activity an interval of width 0.
        var responses = Enumerable.Range(0, 40).SelectMany(s => Enumerable.Range(0, 4).Select(t => new Response($"s{s}", "K", true, t, t % 2 == 0 ? "a" : "b")));
        var log = ResponseLog.Create(responses);
        var fit = BktFitter.Fit(log, Multilearn with { FitSingleClassCompetencies = true });
        fit["K"].IsIdentifiable.Should().BeFalse();
        var k = BktActivityEfficacy.Estimate(log, fit, Few)["K"];

        k.Activities.Select(a => a.Activity.Value).Should().Equal("a", "b");
        foreach (var row in k.Activities)
        {
            (row.IsDetermined, row.HasLowEvidence, row.Lower, row.Upper).Should().Be((false, true, 0.0, 1.0));
            row.StandardError.Should().Be(double.NaN);
            row.GetExplanations().Should().Equal("the competency's fit cannot identify its parameters (see the fit's explanations), so the data says nothing about what this activity teaches");
        }
    }

    [Fact]
    public void Estimate_ActivityWithMoreEvidence_HasANarrowerInterval()
    {
        // Five activities that all teach at T = 0.2; four of them are then called "common", so "common" has about four
        // times the moves of "rare" under the same model, and an interval about half as wide.
        var truth = new BktCompetencyParameters("K", Shared, new[] { "x1", "x2", "x3", "x4", "rare" }.Select(a => new BktActivityParameters(a, Learn: 0.2)), null, null, null);
        var simulated = BktResponseSimulator.Simulate([truth], learners: 1500, attempts: 10, seed: 21);
        var log = ResponseLog.Create(simulated.Responses.Select(r => r.Activity == "rare" ? r : r with { Activity = "common" }));
        var k = BktActivityEfficacy.Estimate(log, BktFitter.Fit(log, Multilearn), BktEfficacyOptions.Default with { Samples = 40 })["K"];
        output.WriteLine(string.Join(Environment.NewLine, k.Activities));

        var (common, rare) = (k["common"], k["rare"]);
        common.ExpectedMovesWhileUnknown.Should().BeGreaterThan(3 * rare.ExpectedMovesWhileUnknown);
        (common.Upper - common.Lower).Should().BeLessThan(0.8 * (rare.Upper - rare.Lower));
        common.StandardError.Should().BeLessThan(0.8 * rare.StandardError);
    }

    [Fact]
    public void Estimate_AtTheTruth_IntervalsMatchTheSpreadOfFitsToIndependentLogs()
    {
        // Bootstrapped from the true parameters, the refits' spread is the estimator's own: that of fits to logs drawn
        // anew from the truth (40 logs of 500 learners, fitted from random starts). For a rate inside (0, 1) the
        // bootstrap standard error should match their standard deviation up to the Monte Carlo error of both (about
        // 11% each, from 40 values): within a factor of 1.5. For a rate of 0 the interval's upper end should reach
        // about as far as the fits do (their 97.5% quantile); refits started on the boundary would never leave it.
        var truth = new[] { new BktActivityParameters("none", Learn: 0), new BktActivityParameters("some", Learn: 0.2) };
        var fits = Enumerable.Range(0, 40)
            .Select(seed => BktResponseSimulator.Simulate([new BktCompetencyParameters("K", Shared, truth, null, null, null)], learners: 500, attempts: 8, seed: 100 + seed))
            .Select(log => BktFitter.Fit(log, Multilearn)["K"].Parameters.Activities)
            .ToList();
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("K", Shared, truth, null, null, null)], learners: 500, attempts: 8, seed: 2);
        var k = BktActivityEfficacy.Estimate(log, HandFit(log, truth), BktEfficacyOptions.Default with { Samples = 40 })["K"];
        output.WriteLine(string.Join(Environment.NewLine, k.Activities));

        var some = fits.Select(f => f["some"].Learn!.Value).ToList();
        var mean = some.Average();
        var spread = Math.Sqrt(some.Sum(x => (x - mean) * (x - mean)) / (some.Count - 1));
        output.WriteLine($"some: bootstrap SE {k["some"].StandardError:F4}, SD over 40 logs {spread:F4}");
        k["some"].StandardError.Should().BeInRange(spread / 1.5, spread * 1.5);

        var none = fits.Select(f => f["none"].Learn!.Value).Order().ToArray();
        var reach = BktActivityEfficacy.Quantile(none, 0.975);
        output.WriteLine($"none: interval to {k["none"].Upper:F4}; fits to 40 logs: {none.Count(t => t < 1e-4)} below 1e-4, 97.5% quantile {reach:F4}");
        k["none"].Learn.Should().Be(0);
        k["none"].Upper.Should().BeInRange(reach / 2, reach * 2);
    }

    [Fact]
    public void Estimate_SameSeed_SameReport_WhateverTheThreadCountOrRowOrder()
    {
        var truth = new BktCompetencyParameters("K", Shared, [new BktActivityParameters("a", Learn: 0.1), new BktActivityParameters("b", Learn: 0.3)], null, null, null);
        var other = new BktCompetencyParameters("L", Shared, [new BktActivityParameters("c", Learn: 0.2), new BktActivityParameters("d", Learn: 0.05)], null, null, null);
        var log = BktResponseSimulator.Simulate([truth, other], learners: 200, attempts: 6, seed: 31);
        var fit = BktFitter.Fit(log, Multilearn);

        var one = BktActivityEfficacy.Estimate(log, fit, Few with { MaxDegreeOfParallelism = 1 });
        var many = BktActivityEfficacy.Estimate(log, fit, Few with { MaxDegreeOfParallelism = 4 });
        many.Competencies.Should().Equal(one.Competencies);
        many.Competencies.Select(c => c.Competency.Value).Should().Equal("K", "L");

        // The rows of the log in another order: the same chains, simulated in the same (learner) order.
        var reversed = ResponseLog.Create(log.Responses.Reverse());
        BktActivityEfficacy.Estimate(reversed, fit, Few with { MaxDegreeOfParallelism = 1 }).Should().Be(one);

        // A competency's report does not depend on the others reported.
        BktActivityEfficacy.Estimate(log, fit, Few, ["L"]).Competencies.Should().Equal(one["L"]);

        // Another seed moves the intervals, not the fitted rates or the evidence.
        var otherSeed = BktActivityEfficacy.Estimate(log, fit, Few with { Seed = 7 });
        otherSeed["K"].Activities.Select(a => (a.Activity, a.Learn, a.Moves, a.ExpectedMovesWhileUnknown))
            .Should().Equal(one["K"].Activities.Select(a => (a.Activity, a.Learn, a.Moves, a.ExpectedMovesWhileUnknown)));
        otherSeed["K"].Activities.Select(a => a.Lower).Should().NotEqual(one["K"].Activities.Select(a => a.Lower));
    }

    [Fact]
    public void Estimate_CompetencyWithoutActivities_IsReportedEmptyWithoutBootstrap()
    {
        var log = ResponseLog.Create(Tiny.Responses.Concat([new Response("ana", "M", true, 1), new Response("ana", "M", false, 2)]));
        var fit = HandFit(log, TinyParameters.Activities.Values, new BktCompetencyParameters("M", Shared));
        var m = BktActivityEfficacy.Estimate(log, fit, Few)["M"];
        m.Activities.Should().BeEmpty();
        m.Samples.Should().Be(0);
        m.Explanations.Should().Equal("no answer on it names an activity, so it has no learn rate per activity");
    }

    [Fact]
    public void Estimate_NullLogOrFit_ThrowsArgumentNullException()
    {
        var fit = HandFit(Tiny, TinyParameters.Activities.Values);
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(null!, fit)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("log");
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(Tiny, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("fit");
    }

    [Fact]
    public void Estimate_FitWithoutLearnRatesPerActivity_ThrowsArgumentException()
    {
        var fit = BktFitter.Fit(Tiny);
        var before = fit.Competencies.Select(c => c.Parameters).ToList();
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(Tiny, fit, Few)).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("fit")
            .WithMessage("The fit was made with LearnBy = Competency, which has no learn rate per activity; an efficacy report needs a fit with BktFitOptions.LearnBy = BktLearnBy.Activity. (Parameter 'fit')");
        fit.Competencies.Select(c => c.Parameters).Should().Equal(before);
    }

    [Fact]
    public void Estimate_CompetencyTheFitLacks_ThrowsUnknownCompetencyExceptionNamingEach()
    {
        var fit = HandFit(Tiny, TinyParameters.Activities.Values);
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(Tiny, fit, Few, ["Z", "K", "Y"])).Should().ThrowExactly<UnknownCompetencyException>()
            .WithParameterName("competencies")
            .WithMessage("The fit has no competency 'Y', 'Z'; name only competencies the fit covers. (Parameter 'competencies')")
            .Which.Competency.Should().Be(new CompetencyId("Y"), "the first in ordinal order");
    }

    [Fact]
    public void Estimate_LogThatIsNotTheFitsOwn_ThrowsArgumentExceptionNamingEveryDifference()
    {
        var withM = ResponseLog.Create(Tiny.Responses.Concat([new Response("ana", "M", true, 1, "m"), new Response("ana", "M", false, 2, "m")]));
        var fit = HandFit(withM, TinyParameters.Activities.Values, new BktCompetencyParameters("M", Shared, [new BktActivityParameters("m", Learn: 0.2)], null, null, null));
        var count = withM.Count;

        // The log lacks M, and K has lost ben's and dee's answers (and with dee's, activity c): both are named.
        var other = Tiny.Where(r => r.Learner != "ben" && r.Learner != "dee");
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(other, fit, Few)).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("log")
            .WithMessage("The log is not the one the fit was made on: it has no answers on 'M'; it differs from the fit's data on 'K' (4 answers in the log, 9 in the fit; activities the log lacks: 'c'). Pass the log the fit was made on, or name the competencies to report. (Parameter 'log')");

        // An activity the fit has no learn rate for.
        var renamed = ResponseLog.Create(withM.Responses.Select(r => r.Activity == "c" ? r with { Activity = "d" } : r));
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(renamed, fit, Few, ["K"])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("The log is not the one the fit was made on: it differs from the fit's data on 'K' (activities the fit has no learn rate for: 'd'; activities the log lacks: 'c')*");
        withM.Count.Should().Be(count);
    }

    [Fact]
    public void Estimate_Cancelled_ThrowsOperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(Tiny, HandFit(Tiny, TinyParameters.Activities.Values), Few, cancellationToken: cancellation.Token))
            .Should().Throw<OperationCanceledException>();
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]
    [InlineData(1.0, 4.0)]
    public void Quantile_FourValues_InterpolatesBetweenOrderStatisticsAsHyndmanAndFan7(double p, double expected)
    {
        // numpy.quantile([1, 2, 3, 4], p) and R's quantile(type = 7).
        BktActivityEfficacy.Quantile([1.0, 2, 3, 4], p).Should().BeApproximately(expected, 1e-15);
    }

    // A fit made by hand: the given per-activity values on K (and other competencies as given), as if EM had found them.
    private static BktFitResult HandFit(ResponseLog log, IEnumerable<BktActivityParameters> activities, params BktCompetencyParameters[] others)
    {
        var competencies = others.Prepend(new BktCompetencyParameters("K", Shared, activities, null, null, null)).OrderBy(c => c.Competency).Select(p =>
        {
            var responses = log.Responses.Where(r => r.Competency == p.Competency).ToList();
            return new BktCompetencyFit(p, 0, 0, 0, responses.Count, responses.Select(r => r.Learner).Distinct().Count(), responses.Count(r => r.Correct), BktFitIssues.None);
        });
        return new BktFitResult([.. competencies], Multilearn);
    }
}
