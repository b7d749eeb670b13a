using System.Globalization;
using System.Text.Json;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Samples;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

/// <summary>
/// The E-step is exact: the vectorized fast path against the extended-range exact path, both against a 256-bit
/// referee on extreme parameters and long chains, and the shared 80-digit extremes oracle; with every variant's
/// classes, transitions and prior groups.
/// </summary>
public sealed class BktExpectationMaximizationTests(ITestOutputHelper output)
{
    [Fact]
    public void Property_FastPath_EqualsTheExactPath_ForEveryVariant()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[1, 4], Gen.Int[0, 100_000], Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Bool).Sample(
            (learners, activities, seed, learnBy, perActivity, groups, forgetting) =>
            {
                var random = new Random(seed);
                var variant = new BktVariant(perActivity, (BktLearnBy)learnBy, groups ? BktPriorGroups.FirstActivity() : null);
                var set = BktTrainingSet.Build(RandomLog(random, learners, activities, maxLength: 40), 0, variant);
                var estimate = RandomEstimate(random, set, forgetting, extreme: false);
                var fast = new BktExpectationMaximization(set, vectorize: true);
                var exact = new BktExpectationMaximization(set, vectorize: false);
                var fastLogLikelihood = fast.ExpectedCounts(estimate);
                var exactLogLikelihood = exact.ExpectedCounts(estimate);
                fast.ExactGroups.Should().Be(0, "moderate parameters never need the exact path");
                fastLogLikelihood.Should().BeApproximately(exactLogLikelihood, Math.Abs(exactLogLikelihood) * 1e-12);
                ShouldEqual(fast.Counts, exact.Counts, 1e-11);
                fast.LogLikelihood(estimate).Should().BeApproximately(fastLogLikelihood, Math.Abs(fastLogLikelihood) * 1e-13);
            }, iter: PropertyRuns.Iter(150));
    }

    [Fact]
    public void Property_EStep_OnExtremeParametersAndLongChains_MatchesTheHighPrecisionReferee()
    {
        // Runs of right and wrong answers up to 1,500 long and parameters down to 1e-12: probabilities leave the double
        // range and come back; the fast path must notice and hand the group to the exact path.
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 3], Gen.Int[0, 100_000], Gen.Int[0, 2], Gen.Bool, Gen.Bool).Sample(
            (learners, activities, seed, learnBy, perActivity, forgetting) =>
            {
                var random = new Random(seed);
                var variant = new BktVariant(perActivity, (BktLearnBy)learnBy, null);
                var set = BktTrainingSet.Build(RunsLog(random, learners, activities), 0, variant);
                var estimate = RandomEstimate(random, set, forgetting, extreme: true);
                var em = new BktExpectationMaximization(set);
                var logLikelihood = em.ExpectedCounts(estimate);

                var reference = new RefereeCounts(set.TransitionCount, set.ClassCount);
                var referenceLogLikelihood = 0.0;
                for (var k = 0; k < set.DistinctChainCount; k++)
                {
                    var steps = Enumerable.Range(set.Starts[k], set.Starts[k + 1] - set.Starts[k])
                        .Select(i => ((set.Symbols[i] & 1) != 0, set.Symbols[i] >> 1, set.Transitions?[i] ?? 0)).ToList();
                    referenceLogLikelihood += BktExactReferee.ExpectedCounts(estimate.Prior[0], steps, estimate.Guess, estimate.Slip, estimate.Learn, estimate.Forget, reference, set.Multiplicity[k]);
                }

                logLikelihood.Should().BeApproximately(referenceLogLikelihood, Math.Abs(referenceLogLikelihood) * 1e-10);
                ShouldMatch(em.Counts, reference, 1e-9);
            }, iter: PropertyRuns.Iter(25), threads: 1);
    }

    [Fact]
    public void Property_EStep_WithRatesOfExactlyZero_EqualsTheExactPath()
    {
        // A learn or forget rate of exactly 0 (a fixed Learn = 0 with forgetting, a warm start, an activity that never
        // forgets) is taken by the fast path as a structural zero, while the other rate moves probability one way only:
        // on long runs predicted and smoothed probabilities approach the fast path's floor, and no product of two of
        // them may be what underflows. The exact path is the referee's equal (see the tests above), and cheap enough to
        // search many runs.
        var cases = 0;
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 3], Gen.Int[0, 1_000_000], Gen.Int[0, 2], Gen.Bool).Sample(
            (learners, activities, seed, learnBy, perActivity) =>
            {
                var random = new Random(seed);
                var variant = new BktVariant(perActivity, (BktLearnBy)learnBy, null);
                var set = BktTrainingSet.Build(TwoRunsLog(random, learners, activities), 0, variant);
                var estimate = new BktEstimate(set.GroupCount, set.TransitionCount, set.ClassCount);
                estimate.Prior[0] = random.NextDouble();
                for (var r = 0; r < set.TransitionCount; r++)
                {
                    // One of the two rates exactly 0, the other anywhere from 1e-6 to 0.3.
                    var rate = Math.Pow(10, -6 + (5.5 * random.NextDouble()));
                    (estimate.Learn[r], estimate.Forget[r]) = random.Next(2) == 0 ? (0.0, rate) : (rate, 0.0);
                }

                for (var c = 0; c < set.ClassCount; c++)
                {
                    (estimate.Guess[c], estimate.Slip[c]) = (0.05 + (0.5 * random.NextDouble()), 0.01 + (0.35 * random.NextDouble()));
                }

                var fast = new BktExpectationMaximization(set, vectorize: true);
                var exact = new BktExpectationMaximization(set, vectorize: false);
                var fastLogLikelihood = fast.ExpectedCounts(estimate);
                var exactLogLikelihood = exact.ExpectedCounts(estimate);
                cases += fast.ExactGroups < set.Lanes.GroupCount ? 1 : 0;
                fastLogLikelihood.Should().BeApproximately(exactLogLikelihood, Math.Abs(exactLogLikelihood) * 1e-12);
                ShouldEqual(fast.Counts, exact.Counts, 1e-10);
            }, iter: PropertyRuns.Iter(1500), threads: 1);
        output.WriteLine($"{cases} of 1500 cases kept some lanes on the fast path");
    }

    // Each learner: a run of one answer (up to 700 long), then a run of the other (up to 1,500 long).
    private static ResponseLog TwoRunsLog(Random random, int learners, int activities)
    {
        var responses = new List<Response>();
        for (var s = 0; s < learners; s++)
        {
            var first = random.Next(2) == 0;
            var (a, b) = (random.Next(1, 700), random.Next(1, 1500));
            for (var t = 0; t < a + b; t++)
            {
                responses.Add(new Response($"s{s}", "k", t < a ? first : !first, responses.Count, new ActivityId($"a{random.Next(activities)}")));
            }
        }

        return ResponseLog.Create(responses);
    }

    [Fact]
    public void EStep_LearnZeroWithForgetting_WrongRunThenRightRun_MatchesTheHighPrecisionReferee()
    {
        // Found by review: 270 wrong answers then 1,235 right ones, learn exactly 0 and forget 1e-3. The smoothed
        // P(unknown) at the start is about 1.14e-137; the fast path multiplied it by an unnormalized predicted P(known)
        // (the product fell to 2e-323, a subnormal of a few bits) and reported 1.36e-137 as exact.
        var responses = new List<Response>();
        for (var t = 0; t < 270 + 1235; t++)
        {
            responses.Add(new Response("s", "k", t >= 270, t, null));
        }

        var set = BktTrainingSet.Build(ResponseLog.Create(responses), 0, BktVariant.Standard);
        var estimate = new BktEstimate(1, 1, 1);
        (estimate.Prior[0], estimate.Learn[0], estimate.Forget[0], estimate.Guess[0], estimate.Slip[0]) = (0.5, 0, 1e-3, 0.5, 0.125);
        var em = new BktExpectationMaximization(set);
        var logLikelihood = em.ExpectedCounts(estimate);

        var reference = new RefereeCounts(1, 1);
        var steps = Enumerable.Range(0, 270 + 1235).Select(t => (t >= 270, 0, 0)).ToList();
        var referenceLogLikelihood = BktExactReferee.ExpectedCounts(0.5, steps, estimate.Guess, estimate.Slip, estimate.Learn, estimate.Forget, reference, 1);
        logLikelihood.Should().BeApproximately(referenceLogLikelihood, Math.Abs(referenceLogLikelihood) * 1e-12);
        em.Counts.InitialUnknown[0].Should().BeApproximately(1.1405995948738676e-137, 1.1405995948738676e-137 * 1e-11);
        ShouldMatch(em.Counts, reference, 1e-10);
    }

    [Fact]
    public void Property_LongChainsWithoutForgetting_TakeTheScaledTier_AndEqualTheExactPath()
    {
        // Moderate parameters, no forgetting, runs of right and wrong answers a few hundred long: P(unknown) falls far
        // below 2^-700 of P(known) (and a run of wrong answers may bring it back), which the scaled tier carries, a
        // level of 2^960 at a time. A group goes on to the extended-range path only where something else leaves the
        // double range (P(known) far below P(unknown)). Either way the counts are the exact path's.
        var scaled = 0;
        var exactGroups = 0;
        Gen.Select(Gen.Int[1, 8], Gen.Int[1, 3], Gen.Int[0, 100_000], Gen.Int[0, 2], Gen.Bool).Sample(
            (learners, activities, seed, learnBy, perActivity) =>
            {
                var random = new Random(seed);
                var variant = new BktVariant(perActivity, (BktLearnBy)learnBy, null);
                var set = BktTrainingSet.Build(RunsLog(random, learners, activities, maxRun: 500), 0, variant);
                var estimate = RandomEstimate(random, set, forgetting: false, extreme: false);
                var fast = new BktExpectationMaximization(set, vectorize: true);
                var exact = new BktExpectationMaximization(set, vectorize: false);
                var fastLogLikelihood = fast.ExpectedCounts(estimate);
                var exactLogLikelihood = exact.ExpectedCounts(estimate);
                scaled += fast.ScaledGroups;
                exactGroups += fast.ExactGroups;
                fastLogLikelihood.Should().BeApproximately(exactLogLikelihood, Math.Abs(exactLogLikelihood) * 1e-12);
                ShouldEqual(fast.Counts, exact.Counts, 1e-11);
                fast.LogLikelihood(estimate).Should().BeApproximately(exactLogLikelihood, Math.Abs(exactLogLikelihood) * 1e-12);
            }, iter: PropertyRuns.Iter(60), threads: 1);
        output.WriteLine($"{scaled} groups in the scaled tier, {exactGroups} on the extended-range path");
        scaled.Should().BePositive("these chains leave the fast path's range");
    }

    [Fact]
    public void EStep_LongCorrectRunThenWrongRun_InTheScaledTier_MatchesTheHighPrecisionReferee()
    {
        // 450 right answers take P(unknown) to about 2^-1240 of P(known) (the scaled tier's range), then 250 wrong ones
        // bring it back: the smoothed P(unknown) of the right run is carried scaled and must come out exact.
        var responses = new List<Response>();
        for (var t = 0; t < 700; t++)
        {
            responses.Add(new Response("s", "k", t < 450, t, null));
        }

        var set = BktTrainingSet.Build(ResponseLog.Create(responses), 0, BktVariant.Standard);
        var estimate = new BktEstimate(1, 1, 1);
        (estimate.Prior[0], estimate.Learn[0], estimate.Forget[0], estimate.Guess[0], estimate.Slip[0]) = (0.4, 0.3, 0, 0.2, 0.05);
        var em = new BktExpectationMaximization(set);
        var logLikelihood = em.ExpectedCounts(estimate);
        (em.ScaledGroups, em.ExactGroups).Should().Be((1, 0));

        var reference = new RefereeCounts(1, 1);
        var steps = Enumerable.Range(0, 700).Select(t => (t < 450, 0, 0)).ToList();
        var referenceLogLikelihood = BktExactReferee.ExpectedCounts(0.4, steps, estimate.Guess, estimate.Slip, estimate.Learn, estimate.Forget, reference, 1);
        logLikelihood.Should().BeApproximately(referenceLogLikelihood, Math.Abs(referenceLogLikelihood) * 1e-12);
        ShouldMatch(em.Counts, reference, 1e-11);
        em.LogLikelihood(estimate).Should().BeApproximately(referenceLogLikelihood, Math.Abs(referenceLogLikelihood) * 1e-12);
    }

    [Theory]
    [InlineData(400, 30, 0.3, 1e-10)]
    [InlineData(450, 60, 0.2, 1e-6)]
    [InlineData(600, 8, 0.45, 1e-12)]
    public void EStep_LearnedEarlyThenWrongWithTinySlip_InTheScaledTier_MatchesTheHighPrecisionReferee(int right, int wrong, double guess, double slip)
    {
        // A long run of right answers takes P(unknown) far below 2^-640 (the scaled tier), then wrong answers with a tiny
        // slip say the learner did not know after all: the smoothed P(unknown) is then up to 2^1000 times the
        // predicted one, a quotient that overflowed (the review's property test found it).
        var responses = Enumerable.Range(0, right + wrong).Select(t => new Response("s", "k", t < right, t, null)).ToList();
        var set = BktTrainingSet.Build(ResponseLog.Create(responses), 0, BktVariant.Standard);
        var estimate = new BktEstimate(1, 1, 1);
        (estimate.Prior[0], estimate.Learn[0], estimate.Forget[0], estimate.Guess[0], estimate.Slip[0]) = (0.5, 0.17, 0, guess, slip);
        var em = new BktExpectationMaximization(set);
        var logLikelihood = em.ExpectedCounts(estimate);
        (em.ScaledGroups, em.ExactGroups).Should().Be((1, 0));

        var reference = new RefereeCounts(1, 1);
        var steps = Enumerable.Range(0, right + wrong).Select(t => (t < right, 0, 0)).ToList();
        var referenceLogLikelihood = BktExactReferee.ExpectedCounts(0.5, steps, estimate.Guess, estimate.Slip, estimate.Learn, estimate.Forget, reference, 1);
        logLikelihood.Should().BeApproximately(referenceLogLikelihood, Math.Abs(referenceLogLikelihood) * 1e-12);
        ShouldMatch(em.Counts, reference, 1e-10);
    }

    [Theory]
    [InlineData(600, 40, 0.02, 0.1, 0.1, 0)]
    [InlineData(1500, 10, 0.05, 0.2, 0.05, 0)]
    [InlineData(900, 300, 0.1, 0.3, 0.2, 0)]
    [InlineData(2500, 0, 0.3, 0.3, 0.01, 0)]
    [InlineData(900, 300, 0.1, 1e-6, 0.2, 1)]
    public void EStep_RightRunsBeyondOneScale_StayInTheScaledTier_AndMatchTheHighPrecisionReferee(int right, int wrong, double guess, double slip, double learn, int exactGroups)
    {
        // Runs of right answers long enough to take P(unknown) below 2^-1660 of P(known), past what one factor of
        // 2^960 carries (the first case to about 2^-3300, the second to 2^-6000, the third to 2^-2800 and back up by
        // 2^475, the fourth to 2^-2900), then wrong answers that bring part of it back. The scaled tier goes up (and
        // down) as many levels as it needs, so no group falls back to the extended-range path (one in four of a STATICS
        // fit's largest competency did at its first E-step), and its counts are the referee's: a contribution
        // multiplied back below 2^-1022 rounds once, like the referee's conversion to double. In the last case 300
        // wrong answers with a slip of 1e-6 say the learner never knew: the smoothed P(unknown) of the right run is
        // near 1, which no level can carry (2^1920 and more), and that group goes on to the extended-range path.
        var responses = Enumerable.Range(0, right + wrong).Select(t => new Response("s", "k", t < right, t, null)).ToList();
        var set = BktTrainingSet.Build(ResponseLog.Create(responses), 0, BktVariant.Standard);
        var estimate = new BktEstimate(1, 1, 1);
        (estimate.Prior[0], estimate.Learn[0], estimate.Forget[0], estimate.Guess[0], estimate.Slip[0]) = (0.5, learn, 0, guess, slip);
        var em = new BktExpectationMaximization(set);
        var logLikelihood = em.ExpectedCounts(estimate);
        (em.ScaledGroups, em.ExactGroups).Should().Be((1 - exactGroups, exactGroups));

        var reference = new RefereeCounts(1, 1);
        var steps = Enumerable.Range(0, right + wrong).Select(t => (t < right, 0, 0)).ToList();
        var referenceLogLikelihood = BktExactReferee.ExpectedCounts(0.5, steps, estimate.Guess, estimate.Slip, estimate.Learn, estimate.Forget, reference, 1);
        logLikelihood.Should().BeApproximately(referenceLogLikelihood, Math.Abs(referenceLogLikelihood) * 1e-12);
        ShouldMatch(em.Counts, reference, 1e-10);
        em.LogLikelihood(estimate).Should().BeApproximately(referenceLogLikelihood, Math.Abs(referenceLogLikelihood) * 1e-12);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(1960)]
    public void EStep_CountsBelow2ToMinus1022_AreKeptOnTheExtendedRangePath(int wrong)
    {
        // Found by review: 2,000 wrong answers, slip 0.35, learn 0: P(known) ends near 1e-307 and every known-state
        // count is subnormal or barely normal. The vector extended-range path flushed values below 2^-1022 to 0
        // (InitialKnown 0 for 1.57e-310; the M-step then kept slip at 0.35 instead of 1 − 1e-16).
        var responses = Enumerable.Range(0, wrong).Select(t => new Response("s", "k", false, t, null)).ToList();
        var set = BktTrainingSet.Build(ResponseLog.Create(responses), 0, BktVariant.Standard);
        var estimate = new BktEstimate(1, 1, 1);
        (estimate.Prior[0], estimate.Learn[0], estimate.Forget[0], estimate.Guess[0], estimate.Slip[0]) = (0.5, 0, 0, 0.5, 0.35);
        var fast = new BktExpectationMaximization(set, vectorize: true);
        var exact = new BktExpectationMaximization(set, vectorize: false);
        fast.ExpectedCounts(estimate).Should().BeApproximately(exact.ExpectedCounts(estimate), 1e-9);
        fast.Counts.InitialKnown[0].Should().BePositive();
        ShouldEqual(fast.Counts, exact.Counts, 1e-12);
    }

    [SkippableFact]
    public void LogLikelihood_SharedExtremesLog_IsThe80DigitReferencesNotPyBkts()
    {
        var log = ResponseLogCsv.Read(SharedData.Require("kt/extremes/bkt_extremes.csv"));
        using var parameters = JsonDocument.Parse(File.ReadAllText(SharedData.Require("kt/extremes/bkt_extremes_params.json")));
        using var exact = JsonDocument.Parse(File.ReadAllText(SharedData.Require("kt/extremes/bkt_extremes_exact.json")));
        var total = 0.0;
        var exactGroups = 0;
        for (var c = 0; c < log.Competencies.Length; c++)
        {
            var p = parameters.RootElement.GetProperty(log.Competencies[c].Value);
            var set = BktTrainingSet.Build(log, c, BktVariant.Standard);
            var estimate = new BktEstimate(1, 1, 1);
            estimate.Prior[0] = p.GetProperty("prior").GetDouble();
            estimate.Learn[0] = p.GetProperty("learns").GetDouble();
            estimate.Forget[0] = p.GetProperty("forgets").GetDouble();
            estimate.Guess[0] = p.GetProperty("guesses").GetDouble();
            estimate.Slip[0] = p.GetProperty("slips").GetDouble();
            var em = new BktExpectationMaximization(set);
            var logLikelihood = em.ExpectedCounts(estimate);
            exactGroups += em.ExactGroups;
            em.LogLikelihood(estimate).Should().BeApproximately(logLikelihood, Math.Abs(logLikelihood) * 1e-12);
            total += logLikelihood;
        }

        var reference = exact.RootElement.GetProperty("train_loglik_exact").GetDouble();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"E-step log-likelihood {total:F6}, exact {reference:F6}; {exactGroups} groups of four chains took the exact path"));
        total.Should().BeApproximately(reference, Math.Abs(reference) * 1e-6);
        exactGroups.Should().BePositive("this log leaves the double range");
    }

    private static ResponseLog RandomLog(Random random, int learners, int activities, int maxLength)
    {
        var responses = new List<Response>();
        for (var s = 0; s < learners; s++)
        {
            var length = random.Next(1, maxLength);
            for (var t = 0; t < length; t++)
            {
                var activity = random.Next(activities + 1) is var a && a == activities ? (ActivityId?)null : new ActivityId($"a{a}");
                responses.Add(new Response($"s{s}", "k", random.NextDouble() < 0.6, t, activity));
            }
        }

        return ResponseLog.Create(responses);
    }

    private static ResponseLog RunsLog(Random random, int learners, int activities, int maxRun = 1500)
    {
        var responses = new List<Response>();
        for (var s = 0; s < learners; s++)
        {
            var runs = random.Next(1, 4);
            var correct = random.Next(2) == 0;
            for (var run = 0; run < runs; run++, correct = !correct)
            {
                var length = random.Next(1, maxRun);
                for (var t = 0; t < length; t++)
                {
                    responses.Add(new Response($"s{s}", "k", correct, responses.Count, new ActivityId($"a{random.Next(activities)}")));
                }
            }
        }

        return ResponseLog.Create(responses);
    }

    private static BktEstimate RandomEstimate(Random random, BktTrainingSet set, bool forgetting, bool extreme)
    {
        double Probability(double low, double high) => extreme && random.Next(3) == 0
            ? Math.Pow(10, -2 - (10 * random.NextDouble()))
            : low + ((high - low) * random.NextDouble());

        var e = new BktEstimate(set.GroupCount, set.TransitionCount, set.ClassCount);
        for (var g = 0; g < e.Prior.Length; g++)
        {
            e.Prior[g] = Probability(0.05, 0.95);
        }

        for (var r = 0; r < e.Learn.Length; r++)
        {
            e.Learn[r] = Probability(0.01, 0.5);
            e.Forget[r] = forgetting ? Probability(0.001, 0.2) : 0;
        }

        for (var c = 0; c < e.Guess.Length; c++)
        {
            e.Guess[c] = Probability(0.05, 0.4);
            e.Slip[c] = Probability(0.01, 0.3);
        }

        return e;
    }

    private static void ShouldEqual(ExpectedCounts actual, ExpectedCounts expected, double relative)
    {
        foreach (var (a, e, name) in new[]
        {
            (actual.InitialKnown, expected.InitialKnown, "initial known"), (actual.InitialUnknown, expected.InitialUnknown, "initial unknown"),
            (actual.StayUnknown, expected.StayUnknown, "stay unknown"), (actual.Learned, expected.Learned, "learned"),
            (actual.Forgot, expected.Forgot, "forgot"), (actual.StayKnown, expected.StayKnown, "stay known"),
            (actual.KnownTotal, expected.KnownTotal, "known total"), (actual.UnknownTotal, expected.UnknownTotal, "unknown total"),
            (actual.UnknownCorrect, expected.UnknownCorrect, "unknown correct"), (actual.KnownWrong, expected.KnownWrong, "known wrong"),
        })
        {
            a.Length.Should().Be(e.Length);
            for (var i = 0; i < a.Length; i++)
            {
                a[i].Should().BeApproximately(e[i], (Math.Abs(e[i]) * relative) + 1e-300, $"{name}[{i}]");
            }
        }
    }

    private static void ShouldMatch(ExpectedCounts actual, RefereeCounts reference, double relative)
    {
        void Same(double a, double e, string name) => a.Should().BeApproximately(e, (Math.Abs(e) * relative) + 1e-250, name);
        Same(actual.InitialKnown[0], reference.InitialKnown, "initial known");
        Same(actual.InitialUnknown[0], reference.InitialUnknown, "initial unknown");
        for (var r = 0; r < reference.Learned.Length; r++)
        {
            Same(actual.StayUnknown[r], reference.StayUnknown[r], $"stay unknown[{r}]");
            Same(actual.Learned[r], reference.Learned[r], $"learned[{r}]");
            Same(actual.Forgot[r], reference.Forgot[r], $"forgot[{r}]");
            Same(actual.StayKnown[r], reference.StayKnown[r], $"stay known[{r}]");
        }

        for (var c = 0; c < reference.KnownTotal.Length; c++)
        {
            Same(actual.KnownTotal[c], reference.KnownTotal[c], $"known total[{c}]");
            Same(actual.UnknownTotal[c], reference.UnknownTotal[c], $"unknown total[{c}]");
            Same(actual.UnknownCorrect[c], reference.UnknownCorrect[c], $"unknown correct[{c}]");
            Same(actual.KnownWrong[c], reference.KnownWrong[c], $"known wrong[{c}]");
        }
    }
}
