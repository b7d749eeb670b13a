using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Simulation;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktFitterTests(ITestOutputHelper output)
{
    private static readonly BktParameters Truth = new(prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1);

    [Fact]
    public void Fit_1500LearnersX12Attempts_RecoversEveryParameterWithin003()
    {
        // pyBKT's own recovery test (tests/test_parameter_recovery.py), on a log this project generates.
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("skill", Truth)], learners: 1500, attempts: 12, seed: 3);
        var fit = BktFitter.Fit(log)["skill"];

        fit.Issues.Should().Be(BktFitIssues.None);
        var p = fit.Parameters.Parameters;
        output.WriteLine($"recovered: {p} (truth P(L0) = 0.3, T = 0.15, G = 0.2, S = 0.1)");
        p.Prior.Should().BeApproximately(0.3, 0.03);
        p.Learn.Should().BeApproximately(0.15, 0.03);
        p.Guess.Should().BeApproximately(0.2, 0.03);
        p.Slip.Should().BeApproximately(0.1, 0.03);
        p.Forget.Should().Be(0);
    }

    [Fact]
    public void Fit_GuessSlipPerActivity_RecoversEachActivitysGuessWithin005()
    {
        var truth = new BktCompetencyParameters("skill", Truth, [new("easy", (0.4, 0.1)), new("hard", (0.1, 0.1))]);
        var log = BktResponseSimulator.Simulate([truth], learners: 1500, attempts: 12, seed: 4);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { GuessSlipPerActivity = true })["skill"];

        var byActivity = fit.Parameters.ActivityParameters;
        output.WriteLine($"recovered: {fit.Parameters.Parameters}; easy G = {byActivity["easy"].Guess:F4}, S = {byActivity["easy"].Slip:F4}; hard G = {byActivity["hard"].Guess:F4}, S = {byActivity["hard"].Slip:F4}");
        byActivity.Keys.Should().Equal(new ActivityId("easy"), new ActivityId("hard"));
        byActivity["easy"].Guess.Should().BeApproximately(0.4, 0.05);
        byActivity["hard"].Guess.Should().BeApproximately(0.1, 0.05);
        byActivity["easy"].Slip.Should().BeApproximately(0.1, 0.05);
        byActivity["hard"].Slip.Should().BeApproximately(0.1, 0.05);
        fit.Parameters.Parameters.Prior.Should().BeApproximately(0.3, 0.05);
        fit.Parameters.Parameters.Learn.Should().BeApproximately(0.15, 0.05);
    }

    [Fact]
    public void Fit_WithForgetting_RecoversTheForgetRate()
    {
        var truth = new BktParameters(0.3, 0.2, 0.2, 0.1, forget: 0.05);
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("skill", truth)], learners: 3000, attempts: 15, seed: 5);
        var p = BktFitter.Fit(log, BktFitOptions.Default with { Forgetting = true })["skill"].Parameters.Parameters;
        p.Forget.Should().BeApproximately(0.05, 0.03);
        p.Learn.Should().BeApproximately(0.2, 0.03);
    }

    [Fact]
    public void Fit_IsDeterministicForASeed_WhateverTheThreadCount_AndOtherCompetencies()
    {
        var skills = Enumerable.Range(0, 6).Select(i => new BktCompetencyParameters($"k{i}", new BktParameters(0.2 + (0.1 * (i % 3)), 0.1, 0.2, 0.1))).ToList();
        var log = BktResponseSimulator.Simulate(skills, learners: 200, attempts: 6, seed: 9);
        var one = BktFitter.Fit(log, BktFitOptions.Default with { MaxDegreeOfParallelism = 1 });
        var many = BktFitter.Fit(log, BktFitOptions.Default with { MaxDegreeOfParallelism = 4 });
        many.Competencies.Select(c => c.Parameters).Should().Equal(one.Competencies.Select(c => c.Parameters));
        many.LogLikelihood.Should().Be(one.LogLikelihood);

        // A competency's fit does not depend on the rest of the log.
        var alone = BktFitter.Fit(log.Where(r => r.Competency == "k2"))["k2"];
        alone.Parameters.Should().Be(one["k2"].Parameters);

        // Another seed is as deterministic: fitted again (on more threads), the same parameters from the same start, one
        // of the five.
        var otherSeed = BktFitter.Fit(log, BktFitOptions.Default with { Seed = 7 });
        BktFitter.Fit(log, BktFitOptions.Default with { Seed = 7, MaxDegreeOfParallelism = 4 }).Competencies.Select(c => (c.Parameters, c.BestRestart))
            .Should().Equal(otherSeed.Competencies.Select(c => (c.Parameters, c.BestRestart)));
        otherSeed.Competencies.Should().OnlyContain(c => c.BestRestart >= 0 && c.BestRestart < BktFitOptions.Default.Restarts);
    }

    [Fact]
    public void Fit_FixedParameters_StayFixedAndTheOthersAreEstimated()
    {
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("a", Truth), new BktCompetencyParameters("b", Truth)], learners: 800, attempts: 10, seed: 11);
        var options = BktFitOptions.Default with
        {
            Fixed = new BktFixedParameters { Guess = 0.25 },
            FixedByCompetency = ImmutableDictionary<CompetencyId, BktFixedParameters>.Empty.Add("b", new BktFixedParameters { Prior = 0.5, Slip = 0.05 }),
        };
        var fit = BktFitter.Fit(log, options);
        fit["a"].Parameters.Parameters.Guess.Should().Be(0.25);
        fit["a"].Parameters.Parameters.Slip.Should().BeApproximately(Truth.Slip, 0.03, "the free slip is estimated, near the simulated 0.1");
        fit["b"].Parameters.Parameters.Prior.Should().Be(0.5);
        fit["b"].Parameters.Parameters.Slip.Should().Be(0.05);
        fit["b"].Parameters.Parameters.Guess.Should().BeApproximately(Truth.Guess, 0.03, "per-competency values replace the shared ones: the guess is estimated, near the simulated 0.2, not fixed at 0.25");
    }

    [Fact]
    public void Fit_EveryAnswerNearCertain_ReportsTheLogLikelihoodToItsRelativePrecision()
    {
        // The second review of issue 13: two learners answer 3,000 and 7 times, all correct, at a guess of 1 − 1e-9; the
        // total is about −5e-9, and the E-step's log of a product of probabilities near 1 had it 1.3e-5 off (a free fit
        // of such a competency reported +1.3e-14). Reference: a 45-digit forward pass (Python decimal), −4.99719525522e-9.
        var responses = Enumerable.Range(0, 3000).Select(t => new Response("L0", "allc", true, t))
            .Concat(Enumerable.Range(0, 7).Select(t => new Response("L1", "allc", true, t))).ToList();
        var log = ResponseLog.Create(responses);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with
        {
            FitSingleClassCompetencies = true,
            Restarts = 1,
            Fixed = new BktFixedParameters { Prior = 0.5, Learn = 0.5, Guess = 1 - 1e-9, Slip = 1e-12 },
        });

        fit.LogLikelihood.Should().BeApproximately(-4.99719525522e-9, 4.99719525522e-9 * 1e-10);
        var replay = Replay.Evaluate(log, fit.ToModel(allowDegenerate: true)).Overall.LogLikelihood;
        replay.Should().BeApproximately(fit.LogLikelihood, Math.Abs(fit.LogLikelihood) * 1e-10);
    }

    [Fact]
    public void Fit_EveryWrongAnswerNearCertain_ReportsTheLogLikelihoodToItsRelativePrecision()
    {
        // The complement of the case above, from the third review of issue 13: every answer wrong at a slip of 1 − 1e-12
        // and a guess of 1e-13, chains of 500, 600, 2 and 2 answers. The total is tiny and the E-step's log of a product
        // has it far off relatively; the fit and the replay must take each answer's log from the other answer's
        // probability. Reference: the BigFloat forward pass of the test project. (The guess was 1e-9, which with this slip
        // adds to more than 1: fixed values must now add to less than 1, as BktParameters requires; issue 21.)
        var lengths = new[] { 500, 600, 2, 2 };
        var responses = lengths.SelectMany((n, s) => Enumerable.Range(0, n).Select(t => new Response($"L{s}", "allw", false, t))).ToList();
        var log = ResponseLog.Create(responses);
        var (prior, learn, guess, slip) = (0.3, 0.1, 1e-13, 1 - 1e-12);
        var reference = lengths.Sum(n => BktExactReferee.Forward(prior, Enumerable.Repeat(new RefereeStep(false, guess, slip, learn, 0), n).ToList()).LogLikelihood);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with
        {
            FitSingleClassCompetencies = true,
            Restarts = 1,
            Fixed = new BktFixedParameters { Prior = prior, Learn = learn, Guess = guess, Slip = slip },
        });

        // By hand: each wrong answer costs about P(L)·1e-12 + P(¬L)·1e-13; P(L) rises from 0.3 by 0.1 of the rest per answer, so
        // a chain of n spends 7·(1 − 0.9^n) answers unknown: 1,087.34 known and 16.66 unknown answers, about −1.0890e-9.
        reference.Should().BeApproximately(-1.088981946169326E-09, 1e-22);
        fit.LogLikelihood.Should().BeApproximately(reference, Math.Abs(reference) * 1e-12);
        var replay = Replay.Evaluate(log, fit.ToModel()).Overall.LogLikelihood;
        replay.Should().BeApproximately(reference, Math.Abs(reference) * 1e-12);
    }

    [Fact]
    public void Fit_EveryAnswerNearCertain_ChoosesTheStartByItsExactLogLikelihood()
    {
        // Found by review: on an all-correct competency simulated with a prior of 1 − 1e-12, the five starts' E-step
        // log-likelihoods were −6.7e-15, −4.7e-14, +1.3e-14, −2.4e-13 and −1.1e-13 (absolute precision only, about
        // 1e-16 per answer), and the fit took the third, whose log-likelihood is −3.257e-13, over the first, −2.382e-13
        // (a 200-bit forward pass).
        var competencies = new[]
        {
            new BktCompetencyParameters("slip1e-6", new BktParameters(0.3, 0.2, 0.25, 1e-6)),
            new BktCompetencyParameters("guess1e-9", new BktParameters(0.4, 0.1, 1e-9, 0.1)),
            new BktCompetencyParameters("both1e-12", new BktParameters(0.5, 0.05, 1e-12, 1e-12)),
            new BktCompetencyParameters("learn1-1e-9", new BktParameters(0.2, 1 - 1e-9, 0.3, 0.05)),
            new BktCompetencyParameters("prior1e-12", new BktParameters(1e-12, 0.02, 0.2, 1e-7)),
            new BktCompetencyParameters("prior1-1e-12", new BktParameters(1 - 1e-12, 0.3, 0.2, 1e-8)),
            new BktCompetencyParameters("moderate", new BktParameters(0.4, 0.15, 0.2, 0.1)),
        };
        var log = BktResponseSimulator.Simulate(competencies, 60, 500, 13);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { FitSingleClassCompetencies = true, Forgetting = true, Accelerate = false });

        var nearCertain = fit["prior1-1e-12"];
        nearCertain.BestRestart.Should().Be(0);
        nearCertain.LogLikelihood.Should().BeApproximately(-2.381784434967238e-13, 2.381784434967238e-13 * 1e-9);
    }

    [Fact]
    public void Fit_ReportsWhatTheDataCannotIdentify()
    {
        var responses = new List<Response>();
        for (var s = 0; s < 50; s++)
        {
            responses.Add(new Response($"s{s}", "once", s % 3 == 0, s));
            responses.Add(new Response($"s{s}", "always", true, 100 + s));
            responses.Add(new Response($"s{s}", "always", true, 200 + s));
        }

        for (var t = 0; t < 12; t++)
        {
            responses.Add(new Response("s0", "solo", t % 4 != 1, 300 + t));
        }

        var log = ResponseLog.Create(responses);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { FitSingleClassCompetencies = true });
        fit["once"].Issues.Should().HaveFlag(BktFitIssues.OneAnswerPerLearner);
        fit["once"].IsIdentifiable.Should().BeFalse();
        fit["once"].GetExplanations().Should().Contain("each of the 50 learners answered once, so there is no data on learning and only P(correct) is identifiable");
        fit["always"].Issues.Should().HaveFlag(BktFitIssues.SingleClass);
        fit["always"].GetExplanations()[0].Should().Be("all 100 answers are correct, so knowing cannot be told from guessing: the parameters are not identifiable");
        fit["solo"].Issues.Should().HaveFlag(BktFitIssues.OneLearner);
        fit["solo"].IsIdentifiable.Should().BeFalse();
        fit["solo"].GetExplanations().Should().Contain("all 12 answers come from one learner, so the prior rests on one first answer and one path cannot tell a low learn rate from a late start: the parameters are not identifiable");
        fit["always"].Issues.Should().NotHaveFlag(BktFitIssues.OneLearner);
        fit.Problems.Select(p => p.Competency).Should().Equal(new CompetencyId("always"), new CompetencyId("once"), new CompetencyId("solo"));
        Allocations.OfWarmCall(() => _ = fit.Problems).Should().Be(0, "the problems are found once, when the fit is made");
    }

    [Fact]
    public void Fit_SingleClassCompetencies_AreRefusedByDefaultNamingEachOne()
    {
        var log = ResponseLog.Create(
        [
            new Response("s1", "all-right", true, 1), new Response("s1", "all-right", true, 2),
            new Response("s1", "all-wrong", false, 3), new Response("s2", "mixed", true, 4), new Response("s2", "mixed", false, 5),
        ]);
        FluentActions.Invoking(() => BktFitter.Fit(log)).Should().Throw<ArgumentException>().WithMessage(
            "BKT cannot be fitted to a competency with answers of one class only: every answer is correct on 'all-right'; every answer is wrong on 'all-wrong'. Remove them, or set FitSingleClassCompetencies to fit them and have them reported as not identifiable.*");
    }

    [Fact]
    public void Fit_NullLog_Throws()
        => FluentActions.Invoking(() => BktFitter.Fit(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("log");

    [Fact]
    public void Fit_LogLikelihood_IsThatOfTheReturnedParameters_AndNeverBelowAnyStart()
    {
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("k", Truth)], learners: 300, attempts: 8, seed: 21);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { MaxIterations = 3 });
        var replay = PersonalizedLearning.Evaluation.Replay.Evaluate(log, fit.ToModel(allowDegenerate: true));
        replay.Overall.LogLikelihood.Should().BeApproximately(fit.LogLikelihood, 1e-8);
        fit["k"].Issues.Should().HaveFlag(BktFitIssues.NotConverged);
        fit["k"].Iterations.Should().Be(3);
    }
}
