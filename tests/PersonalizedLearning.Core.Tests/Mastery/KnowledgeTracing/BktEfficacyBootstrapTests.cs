using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktEfficacyBootstrapTests
{
    private static readonly BktParameters Shared = new(prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1);

    public static TheoryData<string> Variants => ["activity", "guess-slip", "forgetting", "first-activity", "cohort", "fixed-guess", "plain-em"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Refit_ABootstrapSample_IsWhatBktFitterMakesOfItsLogWithTheWarmStart(string variant)
    {
        // The refit runs EM on the training set directly; BktFitter, given the sample as a log and the warm start, must
        // find the very same learn rates (to the bit) and the same convergence.
        var (log, options) = Case(variant);
        var fit = BktFitter.Fit(log, options);
        var bootstrap = BktEfficacyBootstrap.Build(log, 0, BktTrainingSet.Build(log, 0, options.Variant), fit["K"], options);
        for (var sample = 0; sample < 3; sample++)
        {
            var answers = bootstrap.Simulate(seed: 42, sample);
            var (learn, converged) = bootstrap.Refit(answers, CancellationToken.None);
            var viaFitter = BktFitter.Fit(bootstrap.ToLog(answers), bootstrap.RefitOptions)["K"];
            learn.Should().Equal(bootstrap.Activities.Select(a => viaFitter.Parameters.Activities[a].Learn!.Value));
            converged.Should().Be(!viaFitter.Issues.HasFlag(BktFitIssues.NotConverged));
        }
    }

    [Fact]
    public void RefitOptions_StartFromTheFittedParametersMovedInside()
    {
        // An activity fitted at 0 (or 1) starts 0.03 inside; values already inside start where they are.
        var (log, options) = Case("activity");
        var parameters = new BktCompetencyParameters("K", new BktParameters(0.3, 0.15, 0.2, 0.01),
            [new BktActivityParameters("a", Learn: 0), new BktActivityParameters("b", Learn: 1), new BktActivityParameters("c", Learn: 0.4)], null, null, null);
        var fit = BktFitter.Fit(log, options with { WarmStart = new BktModel([parameters]), MaxIterations = 1 })["K"];
        var start = BktEfficacyBootstrap.Build(log, 0, BktTrainingSet.Build(log, 0, options.Variant), fit, options).RefitOptions.WarmStart!.Competencies["K"];
        start.Parameters.Prior.Should().Be(fit.Parameters.Parameters.Prior);
        start.Activities.Values.Select(a => a.Learn!.Value).Should().OnlyContain(t => t >= 0.03 && t <= 0.97);
        var fitted = fit.Parameters.Activities.Values.Select(a => a.Learn!.Value);
        start.Activities.Values.Select(a => a.Learn!.Value).Should().Equal(fitted.Select(t => Math.Clamp(t, 0.03, 0.97)));
    }

    [Fact]
    public void Simulate_SameSeedAndSample_SameAnswers_AndAtTheModelsRate()
    {
        var (log, options) = Case("activity");
        var bootstrap = BktEfficacyBootstrap.Build(log, 0, BktTrainingSet.Build(log, 0, options.Variant), BktFitter.Fit(log, options)["K"], options);
        bootstrap.Simulate(42, 5).Should().Equal(bootstrap.Simulate(42, 5));
        bootstrap.Simulate(42, 5).Should().NotEqual(bootstrap.Simulate(42, 6));
        bootstrap.Simulate(42, 5).Should().NotEqual(bootstrap.Simulate(43, 5));

        // The log keeps the structure: the same learners, activities and order; only the answers are new.
        var sample = bootstrap.ToLog(bootstrap.Simulate(42, 5));
        sample.Responses.Select(r => (r.Learner, r.Activity)).Should().Equal(
            log.Responses.OrderBy(r => r.Learner).ThenBy(r => r.Order).Select(r => (r.Learner, r.Activity)));
    }

    [Fact]
    public void Simulate_ManySamples_FirstAnswersAreCorrectAtTheModelsRate()
    {
        // P(first answer correct) = P(L0)·(1 − S) + (1 − P(L0))·G under the fitted parameters; over 200 samples of 300
        // chains the share of correct first answers is within 4 standard errors of it.
        var (log, options) = Case("activity");
        var fit = BktFitter.Fit(log, options)["K"];
        var bootstrap = BktEfficacyBootstrap.Build(log, 0, BktTrainingSet.Build(log, 0, options.Variant), fit, options);
        var firsts = Enumerable.Range(0, 300).Select(k => k * 3).ToArray();
        var share = Enumerable.Range(0, 200).Select(b => bootstrap.Simulate(7, b)).SelectMany(answers => firsts.Select(i => answers[i])).Average(x => x ? 1.0 : 0.0);
        var p = fit.Parameters.Parameters;
        var expected = (p.Prior * (1 - p.Slip)) + ((1 - p.Prior) * p.Guess);
        share.Should().BeApproximately(expected, 4 * Math.Sqrt(expected * (1 - expected) / 60_000));
    }

    private static (ResponseLog Log, BktFitOptions Options) Case(string variant)
    {
        var activities = new[] { new BktActivityParameters("a", Learn: 0.1), new BktActivityParameters("b", Learn: 0.3), new BktActivityParameters("c", Learn: 0.2) };
        var cohorts = Enumerable.Range(0, 300).ToDictionary(s => new LearnerId($"s{s}"), s => s % 2 == 0 ? "even" : "odd");
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("K", Shared, activities, null, null, null)], learners: 300, attempts: 3, seed: 51);
        var multilearn = BktFitOptions.Default with { LearnBy = BktLearnBy.Activity };
        var options = variant switch
        {
            "activity" => multilearn,
            "guess-slip" => multilearn with { GuessSlipPerActivity = true },
            "forgetting" => multilearn with { Forgetting = true },
            "first-activity" => multilearn with { PriorGroups = BktPriorGroups.FirstActivity() },
            "cohort" => multilearn with { PriorGroups = BktPriorGroups.ByCohort(cohorts) },
            "fixed-guess" => multilearn with { Fixed = new BktFixedParameters { Guess = 0.2 } },
            _ => multilearn with { Accelerate = false, Tolerance = 1e-6, MaxIterations = 20 },
        };
        return (log, options);
    }
}
