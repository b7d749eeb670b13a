using System.Globalization;
using System.Text.Json;
using CsCheck;
using CsvHelper;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Samples;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

/// <summary>
/// BKT stays exact where the parameters are extreme and the chains are long: online updates, predictions and replay
/// against an 80-digit reference (the shared extremes oracle) and against a 256-bit referee of our own
/// (<see cref="BktExactReferee"/>) on random extreme parameters.
/// </summary>
public sealed class BktExactnessTests(ITestOutputHelper output)
{
    [Fact]
    public void Next_FortyCorrectThenEightWrong_WithSlip1e6_FollowsExactArithmetic()
    {
        // Issue 13's small case. P(unknown) falls to 1.2e-26 after 40 correct answers, far below what 1 − P(known)
        // can hold; the wrong answers bring P(known) back to 0.1. Values from 80-digit decimal arithmetic.
        var parameters = new BktParameters(prior: 0.5, learn: 0.1, guess: 0.25, slip: 1e-6);
        var belief = parameters.InitialBelief;
        var logLikelihood = 0.0;
        foreach (var correct in Enumerable.Repeat(true, 40).Concat(Enumerable.Repeat(false, 8)))
        {
            logLikelihood += Math.Log(correct ? parameters.PredictCorrect(belief) : parameters.PredictIncorrect(belief));
            belief = parameters.Next(belief, correct);
        }

        logLikelihood.Should().BeApproximately(-63.398322292739294, 1e-11);
        belief.Known.Should().BeApproximately(0.10000013333351111, 1e-15);
        belief.Unknown.Should().BeApproximately(0.8999998666664889, 1e-15);

        var afterForty = Enumerable.Repeat(true, 40).Aggregate(parameters.InitialBelief, (b, c) => parameters.Next(b, c));
        afterForty.Unknown.Should().BeApproximately(1.1844856244060595e-26, 1e-26 * 1e-12);
        afterForty.Known.Should().Be(1);
    }

    [Fact]
    public void Next_ThreeThousandCorrectThenWrong_CarriesPUnknownBelowTheDoubleRangeAndBack()
    {
        // Guess 0.2, slip 1e-9, learn 0.2: each correct answer multiplies the odds of not knowing by about 0.16, so
        // after 3,000 P(unknown) is about 1e-2400; each wrong answer multiplies them by about 6.4e8. The referee
        // follows the exact values; the belief must follow them down and back.
        var parameters = new BktParameters(prior: 0.3, learn: 0.2, guess: 0.2, slip: 1e-9);
        var steps = Enumerable.Repeat(true, 3000).Concat(Enumerable.Repeat(false, 400))
            .Select(c => new RefereeStep(c, 0.2, 1e-9, 0.2, 0)).ToList();
        var (reference, logLikelihood) = BktExactReferee.Forward(0.3, steps);

        var belief = parameters.InitialBelief;
        var ours = 0.0;
        var worst = 0.0;
        for (var t = 0; t < steps.Count; t++)
        {
            worst = Math.Max(worst, BktExactReferee.RelativeError(belief.KnownExact, reference[t].Known));
            worst = Math.Max(worst, BktExactReferee.RelativeError(belief.UnknownExact, reference[t].Unknown));
            ours += Math.Log(steps[t].Correct ? parameters.PredictCorrect(belief) : parameters.PredictIncorrect(belief));
            belief = parameters.Next(belief, steps[t].Correct);
        }

        output.WriteLine($"largest relative error of P(known), P(unknown): {worst:E2}; lowest ln P(unknown): {reference.Min(r => r.Unknown.Log()):F1}");
        reference.Min(r => r.Unknown.Log()).Should().BeLessThan(-5000, "the chain must leave the double range");
        reference[^1].Known.ToDouble().Should().BeLessThan(0.5, "the wrong answers must win in the end");
        worst.Should().BeLessThan(1e-12);
        ours.Should().BeApproximately(logLikelihood, Math.Abs(logLikelihood) * 1e-12);
    }

    [Fact]
    public void Property_ReplayOnExtremeParametersAndLongChains_MatchesTheHighPrecisionReferee()
    {
        // Parameters anywhere in [1e-12, 1 − 1e-12], tilted to the ends; runs of right and wrong answers up to 3,000
        // long; forgetting; two activities with their own guess and slip besides the competency's own.
        var tiny = Gen.Double[-12, -2].Select(x => Math.Pow(10, x));
        var parameter = Gen.OneOf(tiny, Gen.Double[0.01, 0.99], tiny.Select(x => 1 - x));
        var run = Gen.Select(Gen.Bool, Gen.Int[1, 400]);
        Gen.Select(parameter.Array[13], run.Array[1, 12], Gen.Int[0, int.MaxValue])
            .Sample((p, runs, seed) =>
            {
                var shared = BktParameters.FromEstimates(p[0], p[1], p[2], p[3], forget: p[4] < 0.5 ? p[4] : 0);
                var competency = new BktCompetencyParameters("K", shared, [new("a", (p[5], p[6])), new("b", (p[7], p[8]))]);
                var model = new BktModel([competency], allowDegenerate: true);
                var random = new Random(seed);
                var responses = new List<Response>();
                var steps = new List<RefereeStep>();
                foreach (var (correct, length) in runs)
                {
                    for (var i = 0; i < length; i++)
                    {
                        var activity = random.Next(3) switch { 0 => (ActivityId?)null, 1 => "a", _ => "b" };
                        var applied = competency.For(activity);
                        responses.Add(new Response("ana", "K", correct, responses.Count, activity));
                        steps.Add(new RefereeStep(correct, applied.Guess, applied.Slip, applied.Learn, applied.Forget));
                    }
                }

                var (reference, logLikelihood) = BktExactReferee.Forward(shared.Prior, steps);
                var log = ResponseLog.Create(responses);
                var report = Replay.Evaluate(log, model);
                var worst = 0.0;
                var state = default(CompetencyState);
                for (var t = 0; t < steps.Count; t++)
                {
                    var predicted = report.Predictions[t];
                    worst = Math.Max(worst, BktExactReferee.RelativeError(predicted.CorrectProbability, reference[t].Correct));
                    worst = Math.Max(worst, BktExactReferee.RelativeError(predicted.IncorrectProbability, reference[t].Incorrect));
                    var belief = model.Belief(state, "K");
                    worst = Math.Max(worst, BktExactReferee.RelativeError(belief.KnownExact, reference[t].Known));
                    worst = Math.Max(worst, BktExactReferee.RelativeError(belief.UnknownExact, reference[t].Unknown));
                    var r = responses[t];
                    var step = model.Update(state, new MasteryObservation("K", r.Activity, r.Correct ? EvidenceOutcome.Correct : EvidenceOutcome.Incorrect, 1, EvidenceKind.Formative, TestData.Start));
                    state = new CompetencyState(state.EvidenceCount + 1, step.Estimate, TestData.Start, TestData.Start, step.Memory);
                }

                worst.Should().BeLessThan(1e-11 + (steps.Count * 1e-14), $"{steps.Count} steps with {shared}");
                report.Overall.LogLikelihood.Should().BeApproximately(logLikelihood, Math.Abs(logLikelihood) * 1e-10);
            }, iter: PropertyRuns.Iter(40), threads: 1);
    }

    [SkippableFact]
    public void Replay_SharedExtremesLog_MatchesThe80DigitReferenceNotPyBkt()
    {
        var log = ResponseLogCsv.Read(SharedData.Require("kt/extremes/bkt_extremes.csv"));
        using var parameters = JsonDocument.Parse(File.ReadAllText(SharedData.Require("kt/extremes/bkt_extremes_params.json")));
        var model = new BktModel(parameters.RootElement.EnumerateObject().Select(skill => new BktCompetencyParameters(skill.Name, BktParameters.FromEstimates(
            skill.Value.GetProperty("prior").GetDouble(), skill.Value.GetProperty("learns").GetDouble(), skill.Value.GetProperty("guesses").GetDouble(),
            skill.Value.GetProperty("slips").GetDouble(), skill.Value.GetProperty("forgets").GetDouble()))));
        using var exactSummary = JsonDocument.Parse(File.ReadAllText(SharedData.Require("kt/extremes/bkt_extremes_exact.json")));
        var exactLogLikelihood = exactSummary.RootElement.GetProperty("train_loglik_exact").GetDouble();

        var report = Replay.Evaluate(log, model);
        var byOrder = report.Predictions.ToDictionary(p => p.Response.Order);
        using var csv = CsvReader.Create(ResponseLogCsv.Open(SharedData.Require("kt/extremes/bkt_extremes_exact.csv.gz")), CsvReaderOptions.Default, leaveOpen: false);
        int rows = 0;
        double worstCorrect = 0, worstIncorrect = 0, worstKnown = 0;
        while (csv.Read())
        {
            var ours = byOrder[csv.Parse<long>("order_id")];
            ours.Response.Learner.Value.Should().Be(csv.GetString("user_id"));
            worstCorrect = Math.Max(worstCorrect, Relative(ours.CorrectProbability, csv.Parse<double>("p_correct")));
            worstIncorrect = Math.Max(worstIncorrect, Relative(ours.IncorrectProbability, csv.Parse<double>("p_incorrect")));
            worstKnown = Math.Max(worstKnown, Relative(ours.Estimate, csv.Parse<double>("p_known")));
            rows++;
        }

        var logLikelihood = report.Overall.LogLikelihood;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows} rows; largest relative difference: P(correct) {worstCorrect:E2}, P(incorrect) {worstIncorrect:E2}, P(known) {worstKnown:E2}; log-likelihood {logLikelihood:F4} against {exactLogLikelihood:F4} (relative {Relative(logLikelihood, exactLogLikelihood):E2})"));
        rows.Should().Be(log.Count).And.Be(104_450);
        worstCorrect.Should().BeLessThanOrEqualTo(1e-9);
        worstIncorrect.Should().BeLessThanOrEqualTo(1e-9);
        worstKnown.Should().BeLessThanOrEqualTo(1e-9);
        Relative(logLikelihood, exactLogLikelihood).Should().BeLessThanOrEqualTo(1e-6);
        exactLogLikelihood.Should().BeApproximately(-131_700.28, 0.01);
    }

    [Fact]
    public void BktBelief_FromKnownAndFromOdds_CarryBothProbabilities()
    {
        var belief = BktBelief.FromKnown(0.25);
        (belief.Known, belief.Unknown).Should().Be((0.25, 0.75));
        belief.LogOdds.Should().BeApproximately(Math.Log(1.0 / 3), 1e-15);

        // An odds of 1 : 1e-300 keeps P(unknown) that 1 − P(known) cannot.
        var sure = BktBelief.FromOdds(1, 1e-300);
        sure.Known.Should().Be(1);
        sure.Unknown.Should().BeApproximately(1e-300, 1e-314);
        sure.LogOdds.Should().BeApproximately(300 * Math.Log(10), 1e-12);

        default(BktBelief).Known.Should().Be(0);
        default(BktBelief).Unknown.Should().Be(1);
        default(BktBelief).Should().Be(BktBelief.FromKnown(0));
        BktBelief.FromKnown(1).LogOdds.Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void BktBelief_BelowTheDoubleRange_PrintsAndComparesExactly()
    {
        var parameters = new BktParameters(0.3, 0.2, 0.2, 1e-9);
        var belief = Enumerable.Repeat(true, 3000).Aggregate(parameters.InitialBelief, (b, c) => parameters.Next(b, c));
        belief.Unknown.Should().Be(0, "P(unknown) is below the smallest double");
        belief.LogUnknown.Should().BeLessThan(-5000);
        belief.ToString().Should().MatchRegex(@"^P\(known\) = 1, P\(unknown\) = \d\.\d+e-2\d\d\d$");
        belief.Should().NotBe(Enumerable.Repeat(true, 2999).Aggregate(parameters.InitialBelief, (b, c) => parameters.Next(b, c)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void BktBelief_FromKnown_BadProbability_Throws(double known)
        => FluentActions.Invoking(() => BktBelief.FromKnown(known)).Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "known" && e.Message.StartsWith("P(known) must be a probability in [0, 1]; got ", StringComparison.Ordinal));

    [Theory]
    [InlineData(0.0, 0.0, "unknown")]
    [InlineData(-1.0, 1.0, "known")]
    [InlineData(1.0, double.PositiveInfinity, "unknown")]
    [InlineData(double.NaN, 1.0, "known")]
    public void BktBelief_FromOdds_BadWeights_Throws(double known, double unknown, string parameter)
        => FluentActions.Invoking(() => BktBelief.FromOdds(known, unknown)).Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == parameter && e.Message.StartsWith("The odds of known to unknown must be finite, not negative and not both 0", StringComparison.Ordinal));

    [Fact]
    public void Update_MemoryThatIsNotABelief_ThrowsAndChangesNothing()
    {
        var model = new BktModel([new BktCompetencyParameters("K", new BktParameters(0.3, 0.1, 0.2, 0.1))]);
        var good = model.Update(default, new MasteryObservation("K", null, EvidenceOutcome.Correct, 1, EvidenceKind.Formative, TestData.Start));
        var tampered = new CompetencyState(1, 0.5, TestData.Start, TestData.Start, good.Memory with { Slot1 = -0.5 });
        FluentActions.Invoking(() => model.Update(tampered, new MasteryObservation("K", null, EvidenceOutcome.Correct, 1, EvidenceKind.Formative, TestData.Start)))
            .Should().Throw<ArgumentException>().WithMessage("The competency state's memory does not hold a BKT belief*Rebuild the state from the evidence log.*");
        tampered.Memory.Slot1.Should().Be(-0.5);
        FluentActions.Invoking(() => model.Predict(new CompetencyState(1, 0.5, TestData.Start, TestData.Start, good.Memory with { Slot2 = 0.5 }), "K", null))
            .Should().Throw<ArgumentException>();
    }

    private static double Relative(double ours, double reference)
        => ours == reference ? 0 : Math.Abs(ours - reference) / Math.Abs(reference);
}
