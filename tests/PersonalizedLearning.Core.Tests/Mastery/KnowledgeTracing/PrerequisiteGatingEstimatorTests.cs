using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

/// <summary>
/// <see cref="PrerequisiteGatingEstimator"/>: it recovers the learn rates of the two-skill model it fits from answers that
/// model generates (hard, soft and no gating, with and without forgetting); its interval arithmetic worked by hand
/// (Wilson's interval, the normal quantile); what it leaves out; and its bad inputs.
/// </summary>
public sealed class PrerequisiteGatingEstimatorTests
{
    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("gating")
        .AddCompetency("P", "P").AddCompetency("D", "D").AddCompetency("Z", "Z").AddPrerequisite("P", "D").Build();

    // The generator's guess and slip are the model's: the estimator keeps them.
    private static readonly BktModel Model = new([], new BktParameters(prior: 0.2, learn: 0.2, guess: 0.2, slip: 0.1));

    /// <summary>Answers from the model the estimator fits: per learner, 30 answers, each on P or D at random; P learned at
    /// 0.2 per answer on it, D at <paramref name="ready"/> while P is known and <paramref name="unready"/> while not; P
    /// forgotten at <paramref name="forget"/> per answer on it; guess 0.2, slip 0.1; priors 0.1 (P) and 0.05 (D).</summary>
    private static ResponseLog Generate(int learners, double ready, double unready, double forget = 0, int seed = 7)
    {
        var random = new Random(seed);
        var responses = new List<Response>();
        for (var l = 0; l < learners; l++)
        {
            var learner = new LearnerId($"l{l:D4}");
            var p = random.NextDouble() < 0.1;
            var d = random.NextDouble() < 0.05;
            for (var t = 0; t < 30; t++)
            {
                var onDependent = random.NextDouble() < 0.5;
                var known = onDependent ? d : p;
                var correct = random.NextDouble() < (known ? 0.9 : 0.2);
                responses.Add(new Response(learner, onDependent ? "D" : "P", correct, t));
                if (onDependent)
                {
                    d = d || random.NextDouble() < (p ? ready : unready);
                }
                else
                {
                    p = p ? random.NextDouble() >= forget : random.NextDouble() < 0.2;
                }
            }
        }

        return ResponseLog.Create(responses);
    }

    [Theory]
    [InlineData(0.3, 0.06)] // soft: factor 0.2
    [InlineData(0.3, 0.0)] // hard
    [InlineData(0.2, 0.2)] // no gating
    public void RecoversTheLearnRates_ItsOwnModelGenerated(double ready, double unready)
    {
        var gating = PrerequisiteGatingEstimator.Estimate(Generate(800, ready, unready), Framework, Model);

        var link = gating.Links.Should().ContainSingle().Subject;
        link.Prerequisite.Should().Be(new CompetencyId("P"));
        link.Dependent.Should().Be(new CompetencyId("D"));
        link.LearnReady.Should().BeApproximately(ready, 0.05);
        link.LearnUnready.Should().BeApproximately(unready, 0.03);
        link.Learners.Should().Be(800);
        link.UnreadyOpportunities.Should().BeGreaterThan(1000, "most learners answer D while P is unknown for a while");
        var factor = unready / ready;
        link.FactorLower.Should().BeLessThanOrEqualTo(factor + 1e-9);
        link.FactorUpper.Should().BeGreaterThanOrEqualTo(factor - 1e-9);
        if (unready == 0)
        {
            link.FactorLower.Should().BeLessThan(0.01, "a hard link never promises learning without its prerequisite");
        }
        else
        {
            link.FactorLower.Should().BeGreaterThan(factor / 3, "800 learners pin a soft link well away from hard");
        }

        if (unready == ready)
        {
            link.FactorUpper.Should().Be(1);
        }
    }

    [Fact]
    public void WithForgetting_AForgottenPrerequisiteIsNotReadAsLearningWithoutIt()
    {
        // Hard gating, and P forgotten at 0.15 per answer on it: D is learned only while P is known, and P is often
        // forgotten later. Without forgetting in the model, the later wrong answers on P say P was never known, and D's
        // learning meanwhile looks like learning without it.
        var log = Generate(800, 0.3, 0.0, forget: 0.15);
        var withForgetting = PrerequisiteGatingEstimator.Estimate(log, Framework, Model).Links.Single();
        var without = PrerequisiteGatingEstimator.Estimate(log, Framework, Model, new PrerequisiteGatingOptions { Forgetting = false }).Links.Single();

        withForgetting.LearnUnready.Should().BeLessThan(0.02);
        withForgetting.FactorLower.Should().BeLessThan(0.02);
        without.LearnUnready.Should().BeGreaterThan(withForgetting.LearnUnready + 0.02, "the model without forgetting mistakes forgetting for soft gating");
    }

    [Fact]
    public void AnswersOutsideTheFramework_AndTheLogsOrder_ChangeNothing()
    {
        var log = Generate(100, 0.3, 0.06);
        var baseline = PrerequisiteGatingEstimator.Estimate(log, Framework, Model).Links.Single();

        var random = new Random(3);
        var shuffled = log.Responses.OrderBy(_ => random.Next()).ToList();
        shuffled.Add(new Response("l0001", "not-in-framework", true, 3));
        PrerequisiteGatingEstimator.Estimate(ResponseLog.Create(shuffled), Framework, Model).Links.Single().Should().Be(baseline);
    }

    [Fact]
    public void ALinkWithoutAnswersOnItsDependent_IsLeftOut_AndIsHard()
    {
        var log = ResponseLog.Create([new Response("a", "P", true, 0), new Response("a", "P", false, 1), new Response("b", "Z", true, 0)]);
        var gating = PrerequisiteGatingEstimator.Estimate(log, Framework, Model);

        gating.Links.Should().BeEmpty();
        gating.Find("P", "D").Should().BeNull();
        gating.Framework.Should().BeSameAs(Framework);
    }

    [Fact]
    public void Wilson_IsWorkedByHand()
    {
        // 5 of 20 at 95 %: p = 0.25, z = 1.959964; centre (0.25 + z²/40) / (1 + z²/20) = 0.290281, half-width
        // z / (1 + z²/20) · √(0.25·0.75/20 + z²/1600) = 0.178420: [0.11186, 0.46870] (Wilson 1927; Newcombe 1998 gives
        // 0.1119 to 0.4687 for 5/20).
        var (low, high) = PrerequisiteGatingEstimator.Wilson(5, 20, 1.959964);
        low.Should().BeApproximately(0.11186, 1e-5);
        high.Should().BeApproximately(0.46870, 1e-5);

        // 0 of 10: [0, z²/(10 + z²)] = [0, 0.27753].
        var (zeroLow, zeroHigh) = PrerequisiteGatingEstimator.Wilson(0, 10, 1.959964);
        zeroLow.Should().Be(0);
        zeroHigh.Should().BeApproximately(0.27753, 1e-5);

        PrerequisiteGatingEstimator.Wilson(0, 0, 1.96).Should().Be((0.0, 1.0), "no trials say nothing");
    }

    [Theory]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.5, 0)]
    [InlineData(0.025, -1.959963985)]
    [InlineData(0.001, -3.090232306)]
    [InlineData(0.9999, 3.719016485)]
    public void NormalQuantile_MatchesTheTables(double p, double expected) =>
        PrerequisiteGatingEstimator.NormalQuantile(p).Should().BeApproximately(expected, 1e-7);

    [Fact]
    public void BadOptions_CannotReachTheEstimator_TheFirstBadOneThrowsAsItIsSet()
    {
        var log = Generate(5, 0.3, 0.1);
        var act = () => PrerequisiteGatingEstimator.Estimate(log, Framework, Model, new PrerequisiteGatingOptions { Confidence = 1, MaxIterations = 0, Tolerance = double.NaN });

        act.Should().ThrowExactly<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Confidence");
    }

    [Fact]
    public void AConfidenceWhoseQuantileRoundsToOne_IsRefusedByTheOptions()
    {
        var act = () => PrerequisiteGatingEstimator.Estimate(Generate(5, 0.3, 0.1), Framework, Model, new PrerequisiteGatingOptions { Confidence = 0.9999999999999999 });
        act.Should().Throw<ArgumentException>().WithMessage("*confidence must be strictly between 0 and 1*got 0.9999999999999999*");
    }

    [Fact]
    public void AModelThatCallsAnAnswerImpossible_LowersTheLikelihood_InsteadOfFailing()
    {
        // Guess 0 and slip 0: right, wrong, right on D is impossible without learning and forgetting. It must not turn
        // into NaN (which the link's constructor would refuse).
        var strict = new BktModel([], new BktParameters(prior: 0.2, learn: 0.2, guess: 0, slip: 0));
        var log = ResponseLog.Create([new Response("a", "P", true, 0), new Response("a", "D", true, 1), new Response("a", "D", false, 2), new Response("a", "D", true, 3)]);
        var link = PrerequisiteGatingEstimator.Estimate(log, Framework, strict, new PrerequisiteGatingOptions { Forgetting = false }).Links.Single();
        double.IsFinite(link.UnreadyOpportunities).Should().BeTrue();
        double.IsFinite(link.LearnReady).Should().BeTrue();
    }

    [Fact]
    public void AModelWithoutParametersForALinksCompetency_IsRefusedWithAnArgumentException()
    {
        var partial = new BktModel([new BktCompetencyParameters("P", new BktParameters(0.2, 0.2, 0.2, 0.1))]);
        var act = () => PrerequisiteGatingEstimator.Estimate(Generate(5, 0.3, 0.1), Framework, partial);
        act.Should().Throw<ArgumentException>().WithParameterName("model").WithMessage("*no parameters for 'D'*");
    }

    [Fact]
    public void TheGatingsLookups_RefuseWhatIsNotALink()
    {
        var gating = new PrerequisiteGating(Framework, [PrerequisiteLinkGating.Hard("P", "D")]);
        gating.Find("P", "D").Should().Be(PrerequisiteLinkGating.Hard("P", "D"));
        ((Action)(() => gating.Find("D", "P"))).Should().Throw<ArgumentException>().WithParameterName("prerequisite").WithMessage("*'D' is not a prerequisite of 'P'*");
        ((Action)(() => gating.Find("Q", "D"))).Should().Throw<ArgumentException>().WithParameterName("prerequisite");
        ((Action)(() => gating.Find("P", "Q"))).Should().Throw<ArgumentException>().WithParameterName("dependent");
        ((Func<PrerequisiteGating>)(() => new PrerequisiteGating(null!, [], 2))).Should().Throw<ArgumentNullException>().WithParameterName("framework");
        ((Func<PrerequisiteGating>)(() => new PrerequisiteGating(Framework, [PrerequisiteLinkGating.Hard("Z", "D")]))).Should().Throw<ArgumentException>().WithMessage("*'Z' is not a prerequisite of 'D'*");
        foreach (var (link, missing) in new[] { (PrerequisiteLinkGating.Hard("Q", "D"), "Q"), (PrerequisiteLinkGating.Hard("P", "Q2"), "Q2"), (PrerequisiteLinkGating.Hard("Q", "Q2"), "Q") })
        {
            ((Func<PrerequisiteGating>)(() => new PrerequisiteGating(Framework, [link]))).Should().ThrowExactly<UnknownCompetencyException>()
                .WithParameterName("links")
                .WithMessage($"The link '{link.Prerequisite}' → '{link.Dependent}' names competency '{missing}', which is not in framework '{Framework.Title}'. (Parameter 'links')")
                .Which.Competency.Should().Be(new CompetencyId(missing));
        }
        ((Func<PrerequisiteGating>)(() => new PrerequisiteGating(Framework, [PrerequisiteLinkGating.Hard("P", "D"), PrerequisiteLinkGating.Hard("P", "D")]))).Should().Throw<ArgumentException>().WithMessage("*more than once*");
        ((Func<PrerequisiteGating>)(() => new PrerequisiteGating(Framework, [], pooledFactor: 1.5))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("pooledFactor");
        ((Func<PrerequisiteGating>)(() => new PrerequisiteGating(Framework, [], poolingStrength: double.NaN))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("poolingStrength");
    }

    [Fact]
    public void ALinksValues_AreCheckedTogether()
    {
        Func<PrerequisiteLinkGating> act = () => new PrerequisiteLinkGating("P", "P", 1.5, -0.1, 0.6, 0.5, double.NaN, 0, -1);
        act.Should().Throw<ArgumentException>().WithMessage(
            "*own prerequisite*learnReady must be in [0, 1]; got 1.5*learnUnready must be in [0, 1]; got -0.1*factorLower (0.6) must not exceed factorUpper (0.5)*unreadyOpportunities*got NaN*learners must be at least 0; got -1*");
        PrerequisiteLinkGating.Hard("P", "D").Factor.Should().Be(double.NaN, "both rates are 0");
        new PrerequisiteLinkGating("P", "D", 0.2, 0.3, 0, 1, 1, 1, 1).Factor.Should().Be(1, "a prerequisite never helps less than not having it");
        new PrerequisiteLinkGating("P", "D", 0.2, 0.05, 0, 1, 1, 1, 1).Factor.Should().BeApproximately(0.25, 1e-12);
    }

    [Fact]
    public void NullArguments_AreRefused()
    {
        var log = Generate(5, 0.3, 0.1);
        ((Action)(() => PrerequisiteGatingEstimator.Estimate(null!, Framework, Model))).Should().Throw<ArgumentNullException>().WithParameterName("log");
        ((Action)(() => PrerequisiteGatingEstimator.Estimate(log, null!, Model))).Should().Throw<ArgumentNullException>().WithParameterName("framework");
        ((Action)(() => PrerequisiteGatingEstimator.Estimate(log, Framework, null!))).Should().Throw<ArgumentNullException>().WithParameterName("model");
    }

    [Fact]
    public void Cancellation_StopsTheEstimate()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        ((Action)(() => PrerequisiteGatingEstimator.Estimate(Generate(5, 0.3, 0.1), Framework, Model, cancellationToken: cancelled.Token)))
            .Should().Throw<OperationCanceledException>();
    }
}
