using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using PersonalizedLearning.Mastery.Retention;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.Retention;

/// <summary>
/// The weight ranges are ts-fsrs 5.4.2's CLAMP_PARAMETERS (github open-spaced-repetition/ts-fsrs,
/// packages/fsrs/src/constant.ts, and clipParameters in default.ts); a weight ts-fsrs would clamp is refused.
/// </summary>
public sealed class FsrsParametersTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    // ts-fsrs 5.4.2's CLAMP_PARAMETERS(2.0, enable_short_term: true), copied from its source, not from ours.
    public static TheoryData<int, double, double> TsFsrsRanges() => new()
    {
        { 0, 0.001, 100 }, { 1, 0.001, 100 }, { 2, 0.001, 100 }, { 3, 0.001, 100 },
        { 4, 1, 10 }, { 5, 0.001, 4 }, { 6, 0.001, 4 }, { 7, 0.001, 0.75 },
        { 8, 0, 4.5 }, { 9, 0, 0.8 }, { 10, 0.001, 3.5 },
        { 11, 0.001, 5 }, { 12, 0.001, 0.25 }, { 13, 0.001, 0.9 }, { 14, 0, 4 },
        { 15, 0, 1 }, { 16, 1, 6 }, { 17, 0, 2 }, { 18, 0, 2 }, { 19, 0.01, 0.8 }, { 20, 0.1, 0.8 },
    };

    private static FsrsParameters WithWeight(int index, double value, FsrsParameters? parameters = null)
    {
        var p = parameters ?? FsrsParameters.Default;
        return p with { Weights = p.Weights.SetItem(index, value) };
    }

    [Theory]
    [MemberData(nameof(TsFsrsRanges))]
    public void Constructor_WeightAtEitherEnd_IsAccepted_AndJustOutside_IsRefusedWithIndexRangeAndValue(int index, double min, double max)
    {
        new FsrsScheduler(WithWeight(index, min)).Parameters.Weights[index].Should().Be(min);
        new FsrsScheduler(WithWeight(index, max)).Parameters.Weights[index].Should().Be(max);

        foreach (var outside in new[] { Math.BitDecrement(min), Math.BitIncrement(max), double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var value = outside.ToString("R", CultureInfo.InvariantCulture);
            // Outside the widest range the weights refuse it as they are set; w19 just under 0.01 (which only
            // short-term memory forbids) the scheduler refuses, as it depends on another parameter.
            var atUse = index == 19 && outside == Math.BitDecrement(min);
            FluentActions.Invoking(() => new FsrsScheduler(WithWeight(index, outside))).Should().ThrowExactly<ArgumentOutOfRangeException>()
                .WithMessage($"The FSRS parameters are not valid: Weights: weight w{index} (*) must be a finite number in [{F(index == 19 && !atUse ? 0 : min)}, {F(max)}]*; got {value}.*")
                .And.ParamName.Should().Be(atUse ? "parameters" : "Weights");
        }
    }

    [Fact]
    public void Constructor_W19_FloorIs0Point01WithShortTermMemory_And0Without()
    {
        var shortTerm = FsrsParameters.Default;
        var longTerm = FsrsParameters.Default with { EnableShortTerm = false };
        FluentActions.Invoking(() => new FsrsScheduler(WithWeight(19, 0, shortTerm))).Should().Throw<ArgumentException>()
            .WithMessage("*weight w19 (same-day stability's power of S) must be a finite number in [0.01, 0.8] with short-term memory; got 0.*");
        FluentActions.Invoking(() => new FsrsScheduler(WithWeight(19, Math.BitDecrement(0.01), shortTerm))).Should().Throw<ArgumentException>();
        new FsrsScheduler(WithWeight(19, 0.01, shortTerm)).Parameters.Weights[19].Should().Be(0.01, "the floor itself is accepted and kept");
        new FsrsScheduler(WithWeight(19, 0, longTerm)).Parameters.Weights[19].Should().Be(0);
        FluentActions.Invoking(() => new FsrsScheduler(WithWeight(19, -double.Epsilon, longTerm))).Should().Throw<ArgumentException>()
            .WithMessage($"*weight w19 (same-day stability's power of S) must be a finite number in [0, 0.8]; got {F(-double.Epsilon)}.*");
    }

    [Theory]
    // Ceilings from ts-fsrs 5.4.2: fsrs({ w: default_w with w17 = w18 = 2, relearning_steps }).parameters.w[17].
    [InlineData(2, 0.60045935)]
    [InlineData(3, 0.49027301)]
    [InlineData(5, 0.37976384)]
    [InlineData(100, 0.08491778)]
    public void Constructor_SeveralRelearningSteps_LowerTheCeilingOfW17AndW18AsTsFsrsDoes(int steps, double ceiling)
    {
        var relearning = FsrsParameters.Default with { RelearningSteps = [.. Enumerable.Range(1, steps).Select(i => TimeSpan.FromMinutes(10 * i))] };
        var atCeiling = WithWeight(18, ceiling, WithWeight(17, Math.Min(0.5425, ceiling), relearning));
        new FsrsScheduler(atCeiling).Parameters.Weights[18].Should().Be(ceiling);
        FluentActions.Invoking(() => new FsrsScheduler(WithWeight(18, Math.BitIncrement(ceiling), atCeiling))).Should().Throw<ArgumentException>()
            .WithMessage($"The FSRS parameters are not valid: Weights: weight w18 (same-day stability exponent) must be a finite number in [0, {F(ceiling)}], the ceiling of w17 and w18 with {steps} relearning steps; got *");
    }

    [Fact]
    public void Constructor_DefaultWeightsWithThreeRelearningSteps_AreRefused_BecauseTsFsrsWouldLowerW17()
    {
        // ts-fsrs 5.4.2 runs these parameters with w17 = 0.49027301, not 0.5425: a schedule here would differ from it.
        var threeSteps = FsrsParameters.Default with { RelearningSteps = [TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30)] };
        FluentActions.Invoking(() => new FsrsScheduler(threeSteps)).Should().Throw<ArgumentException>().WithMessage(
            "The FSRS parameters are not valid: Weights: weight w17 (same-day stability exponent) must be a finite number in [0, 0.49027301], the ceiling of w17 and w18 with 3 relearning steps; got 0.5425.*");
        new FsrsScheduler(WithWeight(17, 0.49027301, threeSteps)).Parameters.Weights[17].Should().Be(0.49027301, "the ceiling itself is accepted and kept");
        new FsrsScheduler(threeSteps with { RelearningSteps = [TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)] }).Parameters.Weights[17].Should().Be(0.5425, "two steps allow up to 0.60045935");
    }

    [Fact]
    public void Weights_SeveralBadWeights_AreReportedTogetherInOneMessage_AsTheyAreSet()
    {
        var original = FsrsParameters.Default;
        var act = () => original with { Weights = FsrsParameters.DefaultWeights.SetItem(0, 0).SetItem(8, 1000).SetItem(9, double.NaN).SetItem(19, -1).SetItem(20, 1e8) };
        var thrown = act.Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("Weights");
        thrown.Message.Should().Be(
            "The FSRS parameters are not valid: "
            + "Weights: weight w0 (initial stability for Again) must be a finite number in [0.001, 100]; got 0. "
            + "Weights: weight w8 (recall stability's scale exponent) must be a finite number in [0, 4.5]; got 1000. "
            + "Weights: weight w9 (recall stability's power of S) must be a finite number in [0, 0.8]; got NaN. "
            + "Weights: weight w19 (same-day stability's power of S) must be a finite number in [0, 0.8]; got -1. "
            + "Weights: weight w20 (the forgetting curve's decay) must be a finite number in [0.1, 0.8]; got 100000000. (Parameter 'Weights')");
        original.Weights.Should().Equal(FsrsParameters.DefaultWeights, "a refused with expression leaves the original as it was");
    }

    [Fact]
    public void Constructor_WeightsThatDependOnOtherParameters_AreReportedTogetherInOneMessage()
    {
        // w17 above the ceiling of 3 relearning steps and w19 under short-term memory's floor: only the scheduler can tell.
        var parameters = FsrsParameters.Default with { RelearningSteps = [TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30)] };
        parameters = parameters with { Weights = parameters.Weights.SetItem(19, 0.005) };
        var thrown = FluentActions.Invoking(() => new FsrsScheduler(parameters)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("parameters");
        thrown.Message.Should().Be(
            "The FSRS parameters are not valid: "
            + "Weights: weight w17 (same-day stability exponent) must be a finite number in [0, 0.49027301], the ceiling of w17 and w18 with 3 relearning steps; got 0.5425. "
            + "Weights: weight w19 (same-day stability's power of S) must be a finite number in [0.01, 0.8] with short-term memory; got 0.005. (Parameter 'parameters')");
    }

    [Theory]
    // The audit's cases (issue 13): each made stability NaN (∞·0 on a same-day review) or the interval modifier ∞ or NaN.
    [InlineData(8, 1000)]
    [InlineData(9, 1000)]
    [InlineData(20, 1e8)]
    [InlineData(20, 1e300)]
    public void Constructor_WeightsThatBrokeTheScheduler_AreRefused(int index, double value)
        => FluentActions.Invoking(() => new FsrsScheduler(WithWeight(index, value))).Should().Throw<ArgumentException>()
            .WithMessage($"*weight w{index} (*) must be a finite number in *; got {F(value)}.*");

    [Fact]
    public void Constructor_Refused_ChangesNothing()
    {
        var before = FsrsScheduler.Default.Review(FsrsCard.New(T0), FsrsRating.Good, T0);
        var bad = WithWeight(19, 0.005, FsrsParameters.Default with { EnableShortTerm = false }) with { EnableShortTerm = true };
        var weights = bad.Weights;
        FluentActions.Invoking(() => new FsrsScheduler(bad)).Should().ThrowExactly<ArgumentOutOfRangeException>();

        bad.Weights.Should().Equal(weights, "the parameters are not clamped in place");
        bad.Weights[19].Should().Be(0.005);
        FsrsParameters.Default.Weights.Should().Equal(FsrsParameters.DefaultWeights);
        FsrsParameters.DefaultWeights[8].Should().Be(1.8722);
        FsrsScheduler.Default.Review(FsrsCard.New(T0), FsrsRating.Good, T0).Should().Be(before);
    }

    [Fact]
    public void Constructor_AcceptsExactlyTheWeightsTsFsrsKeeps_OnGeneratedVectors()
    {
        // TsFsrsClampFixture.cs (eng/fsrs/make-clamp-fixture.sh): seeded vectors in range, at the ends, just outside
        // and far outside, with 0 to 100 relearning steps, and the weights ts-fsrs 5.4.2's scheduler keeps.
        using var fixture = JsonDocument.Parse(TsFsrsClampFixture.Json);
        var cases = fixture.RootElement.GetProperty("cases").EnumerateArray().ToList();
        var (accepted, refused) = (0, 0);
        foreach (var c in cases)
        {
            var w = c.GetProperty("w").EnumerateArray().Select(e => e.GetDouble()).ToImmutableArray();
            var kept = c.GetProperty("kept").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var steps = c.GetProperty("relearningSteps").GetInt32();
            var act = () => new FsrsScheduler(FsrsParameters.Default with
            {
                EnableShortTerm = c.GetProperty("enableShortTerm").GetBoolean(),
                RelearningSteps = [.. Enumerable.Range(1, steps).Select(i => TimeSpan.FromMinutes(10 * i))],
                Weights = w,
            });
            var clamped = Enumerable.Range(0, 21).Where(i => !w[i].Equals(kept[i])).ToList();

            // The weights refuse, as they are set, every weight outside its widest range (ts-fsrs's table with w19
            // down to 0 and w17, w18 up to 2); only when there is none does the scheduler refuse the rest.
            var widest = TsFsrsRanges().Select(r => (Min: (int)r[0] == 19 ? 0 : (double)r[1], Max: (double)r[2])).ToArray();
            var outsideWidest = Enumerable.Range(0, 21).Where(i => !(w[i] >= widest[i].Min && w[i] <= widest[i].Max)).ToList();
            outsideWidest.Should().BeSubsetOf(clamped, c.GetRawText());
            if (clamped.Count == 0)
            {
                act.Should().NotThrow(c.GetRawText());
                accepted++;
            }
            else
            {
                var thrown = act.Should().ThrowExactly<ArgumentOutOfRangeException>(c.GetRawText()).Which;
                thrown.ParamName.Should().Be(outsideWidest.Count > 0 ? "Weights" : "parameters", c.GetRawText());
                Regex.Matches(thrown.Message, @"weight w(\d+) ").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                    .Should().Equal(outsideWidest.Count > 0 ? outsideWidest : clamped, c.GetRawText());
                refused++;
            }
        }

        (accepted, refused).Should().Be((164, 260));
    }

    [Fact]
    public void Property_AnyWeightsInRange_GiveFiniteSchedules()
    {
        var ranges = TsFsrsRanges().Select(r => ((double)r[1], (double)r[2])).ToArray();
        var weights = Gen.Double[0, 1].Array[21].Select(u => u.Select((x, i) => x < 0.1 ? ranges[i].Item1 : x > 0.9 ? ranges[i].Item2 : ranges[i].Item1 + ((x - 0.1) / 0.8 * (ranges[i].Item2 - ranges[i].Item1))).ToImmutableArray());
        var reviews = TestData.FsrsHistory(Gen.OneOf(Gen.Int[0, 60], Gen.Int[0, 1440 * 3], Gen.Int[0, 1440 * 4000]), 21);
        var reach = FsrsReach.New(output);
        Gen.Select(weights, Gen.Bool, Gen.Double[0.5, 0.99], reviews).Sample((w, shortTerm, retention, steps) =>
        {
            using var scope = reach.Case();
            FsrsReach.CountHistory(scope, steps);
            var scheduler = new FsrsScheduler(FsrsParameters.Default with { Weights = w, EnableShortTerm = shortTerm, DesiredRetention = retention });
            double.IsFinite(scheduler.Factor).Should().BeTrue();
            double.IsFinite(scheduler.IntervalModifier).Should().BeTrue();
            var card = FsrsCard.New(T0);
            var now = T0;
            foreach (var (rating, minutes) in steps)
            {
                now = now.AddMinutes(minutes);
                FsrsReach.CountReview(scope, card, rating);
                var review = scheduler.Review(card, (FsrsRating)rating, now);
                card = review.Card;
                card.Stability.Should().BeInRange(0.001, 36_500);
                card.Difficulty.Should().BeInRange(1, 10);
                // ts-fsrs keeps Hard < Good < Easy by a day each even at the maximum interval (36,500 → 36,501, 36,502).
                card.ScheduledDays.Should().BeInRange(0, 36_500 + 3);
                card.Due.Should().BeOnOrAfter(now);
                review.RetrievabilityBefore?.Should().BeInRange(0, 1);
            }
        });
        reach.Check();
    }

    [Fact]
    public void OneValueProperties_BadValues_AreRefusedAsSet()
    {
        const string What = "FSRS parameters";
        var original = FsrsParameters.Default with { DesiredRetention = 0.85, MaximumInterval = 365 };
        OptionChecks.RefusedAsSet(original, () => new FsrsParameters { DesiredRetention = 1 }, o => o with { DesiredRetention = 1 }, "DesiredRetention", What, "the desired retention must be in (0, 1); got 1");
        OptionChecks.RefusedAsSet(original, () => new FsrsParameters { DesiredRetention = double.NaN }, o => o with { DesiredRetention = double.NaN }, "DesiredRetention", What, "the desired retention must be in (0, 1); got NaN");
        OptionChecks.RefusedAsSet(original, () => new FsrsParameters { MaximumInterval = 0 }, o => o with { MaximumInterval = 0 }, "MaximumInterval", What, "the maximum interval must be at least 1 day; got 0");
        OptionChecks.RefusedAsSet(original, () => new FsrsParameters { LearningSteps = [TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1.5)] },
            o => o with { LearningSteps = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1.5)] }, "LearningSteps", What,
            "every learning step must be a whole number of minutes from 1 minute to 36,500 days; got 00:00:30, 00:01:30");
        OptionChecks.RefusedAsSet(original, () => new FsrsParameters { RelearningSteps = default }, o => o with { RelearningSteps = default }, "RelearningSteps", What,
            "every relearning step must be a whole number of minutes from 1 minute to 36,500 days; got a default array");
        OptionChecks.RefusedAsSet(original, () => new FsrsParameters { Weights = [1, 2, 3] }, o => o with { Weights = [1, 2, 3] }, "Weights", What, "FSRS-6 needs 21 weights; got 3");
        (original.DesiredRetention, original.MaximumInterval).Should().Be((0.85, 365));
    }

    [Fact]
    public void Weights_EveryWeightOutsideItsWidestRange_IsNamedWithItsRoleAndRange()
    {
        // The roles and ranges as the documentation of Weights lists them (ranges from ts-fsrs 5.4.2's CLAMP_PARAMETERS;
        // w17 and w18 up to its ceiling of 2 and w19 down to 0, the widest ranges, as the weights are set).
        (string Role, string Range)[] expected =
        [
            ("initial stability for Again", "[0.001, 100]"), ("initial stability for Hard", "[0.001, 100]"),
            ("initial stability for Good", "[0.001, 100]"), ("initial stability for Easy", "[0.001, 100]"),
            ("initial difficulty", "[1, 10]"), ("initial difficulty's spread", "[0.001, 4]"),
            ("difficulty change per rating", "[0.001, 4]"), ("difficulty's mean reversion", "[0.001, 0.75]"),
            ("recall stability's scale exponent", "[0, 4.5]"), ("recall stability's power of S", "[0, 0.8]"),
            ("recall stability's retrievability exponent", "[0.001, 3.5]"), ("lapse stability's scale", "[0.001, 5]"),
            ("lapse stability's power of D", "[0.001, 0.25]"), ("lapse stability's power of S + 1", "[0.001, 0.9]"),
            ("lapse stability's retrievability exponent", "[0, 4]"), ("Hard's stability factor", "[0, 1]"),
            ("Easy's stability factor", "[1, 6]"), ("same-day stability exponent", "[0, 2]"), ("same-day stability exponent", "[0, 2]"),
            ("same-day stability's power of S", "[0, 0.8]"), ("the forgetting curve's decay", "[0.1, 0.8]"),
        ];
        var message = "The FSRS parameters are not valid:" + string.Concat(expected.Select((e, i) => $" Weights: weight w{i} ({e.Role}) must be a finite number in {e.Range}; got 1000."))
            + " (Parameter 'Weights')";

        var original = FsrsParameters.Default;
        var thrown = FluentActions.Invoking(() => original with { Weights = [.. Enumerable.Repeat(1000.0, 21)] }).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("Weights");
        thrown.Message.Should().Be(message);
        original.Weights.Should().Equal(FsrsParameters.DefaultWeights);
    }

    [Fact]
    public void Weights_DefaultArray_IsRefusedAsNoWeights()
        => OptionChecks.RefusedAsSet(FsrsParameters.Default, () => new FsrsParameters { Weights = default }, o => o with { Weights = default }, "Weights", "FSRS parameters", "FSRS-6 needs 21 weights; got 0");

    [Fact]
    public void DesiredRetention_ZeroIsRefused_AndJustInsideEitherEndIsTaken()
    {
        OptionChecks.RefusedAsSet(FsrsParameters.Default, () => new FsrsParameters { DesiredRetention = 0 }, o => o with { DesiredRetention = 0 }, "DesiredRetention", "FSRS parameters",
            "the desired retention must be in (0, 1); got 0");
        new FsrsParameters { DesiredRetention = double.Epsilon }.DesiredRetention.Should().Be(double.Epsilon);
        new FsrsParameters { DesiredRetention = Math.BitDecrement(1.0) }.DesiredRetention.Should().Be(Math.BitDecrement(1.0));
    }

    [Fact]
    public void DayStart_MidnightAndTheLastTickOfTheDayAreTaken_A24HourOrNegativeStartIsRefused()
    {
        new FsrsParameters { DayStart = TimeSpan.Zero }.DayStart.Should().Be(TimeSpan.Zero, "[0, 24 h) includes midnight, set explicitly");
        var lastTick = TimeSpan.FromDays(1) - TimeSpan.FromTicks(1);
        new FsrsParameters { DayStart = lastTick }.DayStart.Should().Be(lastTick);
        OptionChecks.RefusedAsSet(FsrsParameters.Default, () => new FsrsParameters { DayStart = TimeSpan.FromDays(1) }, o => o with { DayStart = TimeSpan.FromDays(1) }, "DayStart", "FSRS parameters",
            "the day start must be a time of day in [0, 24 h); got 1.00:00:00");
        OptionChecks.RefusedAsSet(FsrsParameters.Default, () => new FsrsParameters { DayStart = TimeSpan.FromTicks(-1) }, o => o with { DayStart = TimeSpan.FromTicks(-1) }, "DayStart", "FSRS parameters",
            "the day start must be a time of day in [0, 24 h); got -00:00:00.0000001");
    }

    [Fact]
    public void Steps_OfOneMinuteAnd36500Days_AreTaken_TheEndsOfTheRange()
    {
        var parameters = new FsrsParameters { LearningSteps = [TimeSpan.FromMinutes(1), TimeSpan.FromDays(36_500)], RelearningSteps = [TimeSpan.FromDays(36_500)] };
        parameters.LearningSteps.Should().Equal(TimeSpan.FromMinutes(1), TimeSpan.FromDays(36_500));
        parameters.RelearningSteps.Should().Equal(TimeSpan.FromDays(36_500));
        OptionChecks.RefusedAsSet(parameters, () => new FsrsParameters { RelearningSteps = [TimeSpan.FromDays(36_500) + TimeSpan.FromMinutes(1)] },
            o => o with { RelearningSteps = [TimeSpan.FromDays(36_500) + TimeSpan.FromMinutes(1)] }, "RelearningSteps", "FSRS parameters",
            "every relearning step must be a whole number of minutes from 1 minute to 36,500 days; got 36500.00:01:00");
    }

    [Fact]
    public void New_ModelsShortTermMemory_AsTsFsrsDefaults()
    {
        // ts-fsrs's enable_short_term defaults to true: a new card rated Good goes to the second learning step (10 min).
        var parameters = new FsrsParameters();
        parameters.EnableShortTerm.Should().BeTrue();
        var review = new FsrsScheduler(parameters).Review(FsrsCard.New(T0), FsrsRating.Good, T0);
        review.Card.State.Should().Be(FsrsState.Learning);
        review.Interval.Should().Be(TimeSpan.FromMinutes(10));
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
