using PersonalizedLearning.Activities;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Simulation;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

/// <summary>
/// pyBKT's model family: golden replays worked by hand, recovery of known parameters from generated logs (±0.03), and
/// warm starts. Parity with pyBKT's own fits is in <see cref="PyBktVariantParityTests"/>.
/// </summary>
public sealed class BktVariantTests(ITestOutputHelper output)
{
    private static readonly BktParameters Shared = new(prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1);

    [Fact]
    public void Replay_LearnPerActivity_UsesTheRateOfTheActivityJustAnswered()
    {
        // Prior 0.3, G 0.2, S 0.1; activity a teaches (T = 0.5), b does not (T = 0).
        // 1st answer (a, correct): P(correct) = 0.41; P(L | correct) = 27/41; move with T_a: 27/41 + (14/41)·0.5 = 34/41.
        // 2nd answer (b, correct): P(correct) = (34/41)·0.9 + (7/41)·0.2 = 32/41; P(L | correct) = 30.6/32; T_b = 0 keeps it.
        var parameters = new BktCompetencyParameters("K", Shared, [new BktActivityParameters("a", Learn: 0.5), new BktActivityParameters("b", Learn: 0)], null, null, null);
        var log = ResponseLog.Create([new Response("ana", "K", true, 1, "a"), new Response("ana", "K", true, 2, "b"), new Response("ana", "K", false, 3, "b")]);
        var predictions = Replay.OneStepAhead(log, new BktModel([parameters]));
        predictions[0].CorrectProbability.Should().BeApproximately(0.41, 1e-15);
        predictions[1].Estimate.Should().BeApproximately(34.0 / 41, 1e-15);
        predictions[1].CorrectProbability.Should().BeApproximately(32.0 / 41, 1e-15);
        predictions[2].Estimate.Should().BeApproximately(30.6 / 32, 1e-15);
        predictions[2].IncorrectProbability.Should().BeApproximately((30.6 / 32 * 0.1) + (1.4 / 32 * 0.8), 1e-15);
    }

    [Fact]
    public void Replay_LearnPerPair_UsesThePairOfThePreviousAndCurrentActivity()
    {
        // The competency's own T = 0 governs the move after the first answer; the pair (a → b) has T = 1.
        // 1st (a, correct): P(L) after = 27/41 (no learning). 2nd (b, correct): P(correct) = (27/41)·0.9 + (14/41)·0.2
        // = 27.1/41; P(L | correct) = 24.3/27.1; the move of pair (a → b) teaches for sure: P(L) = 1. 3rd: P(correct) = 0.9.
        var parameters = new BktCompetencyParameters("K", new BktParameters(0.3, 0, 0.2, 0.1), null,
            [new(new BktActivityPair("a", "b"), new BktTransitionRates(1, 0))], null, null);
        var log = ResponseLog.Create([new Response("ana", "K", true, 1, "a"), new Response("ana", "K", true, 2, "b"), new Response("ana", "K", true, 3, "c")]);
        var predictions = Replay.OneStepAhead(log, new BktModel([parameters]));
        predictions[1].Estimate.Should().BeApproximately(27.0 / 41, 1e-15);
        predictions[1].CorrectProbability.Should().BeApproximately(27.1 / 41, 1e-15);
        predictions[2].Estimate.Should().Be(1);
        predictions[2].CorrectProbability.Should().BeApproximately(0.9, 1e-15);

        // Another order has no pair of its own: b then a uses the competency's T = 0.
        var reversed = Replay.OneStepAhead(ResponseLog.Create([new Response("ben", "K", true, 1, "b"), new Response("ben", "K", true, 2, "a"), new Response("ben", "K", true, 3, "c")]), new BktModel([parameters]));
        reversed[2].Estimate.Should().BeApproximately(24.3 / 27.1, 1e-15);
    }

    [Fact]
    public void Replay_PriorByFirstActivityOrCohort_StartsEachLearnerAtTheirGroupsPrior()
    {
        // By first activity: a learner starting in "a" starts at 0.9, in "b" at 0.1, elsewhere at the competency's 0.3.
        var byActivity = new BktCompetencyParameters("K", Shared, null, null, [new("a", 0.9), new("b", 0.1)], BktPriorGroups.FirstActivity());
        var log = ResponseLog.Create([new Response("ana", "K", true, 1, "a"), new Response("ben", "K", true, 1, "b"), new Response("cy", "K", true, 1, "c")]);
        var predictions = Replay.OneStepAhead(log, new BktModel([byActivity]));
        predictions.Select(p => p.Estimate).Should().Equal(0.9, 0.1, 0.3);
        predictions[0].CorrectProbability.Should().BeApproximately((0.9 * 0.9) + (0.1 * 0.2), 1e-15);

        // By cohort: the cohort's model starts at the cohort's prior; the name keeps states apart.
        var cohorts = BktPriorGroups.ByCohort(new Dictionary<LearnerId, string> { ["ana"] = "advanced" });
        var byCohort = new BktModel([new BktCompetencyParameters("K", Shared, null, null, [new("advanced", 0.8)], cohorts)]);
        var advanced = byCohort.ForCohort("advanced");
        advanced.Predict(default, "K", null).Estimate.Should().Be(0.8);
        byCohort.Predict(default, "K", null).Estimate.Should().Be(0.3);
        byCohort.ForCohort("unknown-cohort").Predict(default, "K", null).Estimate.Should().Be(0.3);
        advanced.Name.Should().NotBe(byCohort.Name);
        Replay.OneStepAhead(ResponseLog.Create([new Response("ana", "K", true, 1)]), learner => learner == "ana" ? advanced : byCohort)[0].Estimate.Should().Be(0.8);
    }

    [Fact]
    public void Fit_LearnPerActivity_RecoversEachActivitysLearnRateWithin003()
    {
        var truth = new BktCompetencyParameters("K", Shared,
            [new BktActivityParameters("slow", Learn: 0.05), new BktActivityParameters("medium", Learn: 0.2), new BktActivityParameters("fast", Learn: 0.4)], null, null, null);
        var log = BktResponseSimulator.Simulate([truth], learners: 3000, attempts: 10, seed: 11);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { LearnBy = BktLearnBy.Activity })["K"].Parameters;
        output.WriteLine(string.Join("; ", fit.Activities.Values));
        fit.Activities.Keys.Should().Equal(new ActivityId("fast"), new ActivityId("medium"), new ActivityId("slow"));
        fit.Activities["slow"].Learn.Should().BeApproximately(0.05, 0.03);
        fit.Activities["medium"].Learn.Should().BeApproximately(0.2, 0.03);
        fit.Activities["fast"].Learn.Should().BeApproximately(0.4, 0.03);
        fit.Activities.Values.Should().OnlyContain(a => a.Guess == null && a.Slip == null && a.Forget == null);
        fit.Parameters.Prior.Should().BeApproximately(0.3, 0.03);
        fit.Parameters.Guess.Should().BeApproximately(0.2, 0.03);
        fit.Parameters.Slip.Should().BeApproximately(0.1, 0.03);
    }

    [Fact]
    public void Fit_LearnPerPair_RecoversEachPairsLearnRateWithin003()
    {
        // Doing b after a teaches most (an item-order effect); the competency's own rate governs every first move.
        var truth = new BktCompetencyParameters("K", new BktParameters(0.3, 0.1, 0.2, 0.1), null,
        [
            new(new BktActivityPair("a", "b"), new BktTransitionRates(0.45, 0)),
            new(new BktActivityPair("b", "a"), new BktTransitionRates(0.05, 0)),
            new(new BktActivityPair("a", "a"), new BktTransitionRates(0.15, 0)),
            new(new BktActivityPair("b", "b"), new BktTransitionRates(0.25, 0)),
        ], null, null);
        var log = BktResponseSimulator.Simulate([truth], learners: 4000, attempts: 10, seed: 12);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { LearnBy = BktLearnBy.ActivityPair })["K"].Parameters;
        output.WriteLine($"{fit.Parameters}; {string.Join("; ", fit.PairTransitions.Select(p => $"{p.Key}: {p.Value.Learn:F4}"))}");
        fit.PairTransitions.Should().HaveCount(4);
        fit.PairTransitions[new("a", "b")].Learn.Should().BeApproximately(0.45, 0.03);
        fit.PairTransitions[new("b", "a")].Learn.Should().BeApproximately(0.05, 0.03);
        fit.PairTransitions[new("a", "a")].Learn.Should().BeApproximately(0.15, 0.03);
        fit.PairTransitions[new("b", "b")].Learn.Should().BeApproximately(0.25, 0.03);
        fit.Parameters.Learn.Should().BeApproximately(0.1, 0.03);
        fit.Parameters.Prior.Should().BeApproximately(0.3, 0.03);
    }

    [Fact]
    public void Fit_PriorByFirstActivity_RecoversEachGroupsPriorWithin003()
    {
        var truth = new BktCompetencyParameters("K", Shared, [new BktActivityParameters("a"), new BktActivityParameters("b"), new BktActivityParameters("c")], null,
            [new("a", 0.1), new("b", 0.5), new("c", 0.8)], BktPriorGroups.FirstActivity());
        var log = BktResponseSimulator.Simulate([truth], learners: 3000, attempts: 10, seed: 13);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { PriorGroups = BktPriorGroups.FirstActivity() })["K"].Parameters;
        output.WriteLine($"{fit.Parameters}; {string.Join("; ", fit.GroupPriors.Select(p => $"{p.Key}: {p.Value:F4}"))}");
        fit.GroupPriors.Keys.Should().Equal("a", "b", "c");
        fit.GroupPriors["a"].Should().BeApproximately(0.1, 0.03);
        fit.GroupPriors["b"].Should().BeApproximately(0.5, 0.03);
        fit.GroupPriors["c"].Should().BeApproximately(0.8, 0.03);
        fit.PriorGroups.Should().BeSameAs(BktPriorGroups.FirstActivity());
        fit.Parameters.Learn.Should().BeApproximately(0.15, 0.03);
        fit.Parameters.Guess.Should().BeApproximately(0.2, 0.03);
        fit.Parameters.Slip.Should().BeApproximately(0.1, 0.03);
    }

    [Fact]
    public void Fit_PriorByCohort_RecoversEachCohortsPriorWithin003_AndReplaysByCohort()
    {
        var cohorts = Enumerable.Range(0, 3000).ToDictionary(s => new LearnerId($"s{s}"), s => s % 3 == 0 ? "remedial" : "regular");
        var groups = BktPriorGroups.ByCohort(cohorts);
        var truth = new BktCompetencyParameters("K", Shared, null, null, [new("remedial", 0.05), new("regular", 0.6)], groups);
        var log = BktResponseSimulator.Simulate([truth], learners: 3000, attempts: 10, seed: 14, cohorts);
        var result = BktFitter.Fit(log, BktFitOptions.Default with { PriorGroups = groups });
        var fit = result["K"].Parameters;
        fit.GroupPriors["remedial"].Should().BeApproximately(0.05, 0.03);
        fit.GroupPriors["regular"].Should().BeApproximately(0.6, 0.03);

        // The fit's log-likelihood is the replay's when each learner is replayed with their cohort's model.
        var model = result.ToModel();
        var replay = Replay.Evaluate(log, learner => model.ForCohort(cohorts[learner]));
        replay.Overall.LogLikelihood.Should().BeApproximately(result.LogLikelihood, 1e-6);
    }

    [Fact]
    public void Fit_WarmStart_ContinuesFromTheGivenParameters()
    {
        // One plain EM iteration from the truth: the result is one M-step of the expected counts at the truth, which the
        // 256-bit referee computes.
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("K", Shared)], learners: 200, attempts: 8, seed: 15);
        var warm = new BktModel([new BktCompetencyParameters("K", Shared)]);
        var options = BktFitOptions.Default with { WarmStart = warm, MaxIterations = 1, Accelerate = false };
        var fit = BktFitter.Fit(log, options)["K"];

        var set = BktTrainingSet.Build(log, 0, BktVariant.Standard);
        var counts = new RefereeCounts(1, 1);
        for (var k = 0; k < set.DistinctChainCount; k++)
        {
            var steps = Enumerable.Range(set.Starts[k], set.Starts[k + 1] - set.Starts[k]).Select(i => ((set.Symbols[i] & 1) != 0, 0, 0)).ToList();
            BktExactReferee.ExpectedCounts(Shared.Prior, steps, [Shared.Guess], [Shared.Slip], [Shared.Learn], [0.0], counts, set.Multiplicity[k]);
        }

        var p = fit.Parameters.Parameters;
        p.Prior.Should().BeApproximately(counts.InitialKnown / (counts.InitialKnown + counts.InitialUnknown), 1e-12);
        p.Learn.Should().BeApproximately(counts.Learned[0] / (counts.Learned[0] + counts.StayUnknown[0]), 1e-12);
        p.Guess.Should().BeApproximately(counts.UnknownCorrect[0] / counts.UnknownTotal[0], 1e-12);
        p.Slip.Should().BeApproximately(counts.KnownWrong[0] / counts.KnownTotal[0], 1e-12);
        fit.BestRestart.Should().Be(0);

        // Converged from a warm start, on new data, it recovers the truth like a cold fit.
        var more = BktResponseSimulator.Simulate([new BktCompetencyParameters("K", Shared)], learners: 1500, attempts: 12, seed: 16);
        var continued = BktFitter.Fit(more, BktFitOptions.Default with { WarmStart = warm })["K"].Parameters.Parameters;
        continued.Learn.Should().BeApproximately(0.15, 0.03);
        continued.Prior.Should().BeApproximately(0.3, 0.03);
    }
}
