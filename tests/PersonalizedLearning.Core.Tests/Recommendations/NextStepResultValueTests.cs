using System.Collections.Immutable;
using System.Text.Json;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="NextStepResult"/> and <see cref="StuckCompetency"/> as values: deconstruction, the default's empty arrays,
/// text, equality member by member, and the rules a result read back from JSON is held to across its steps (issue 21),
/// each broken by a result made by hand and refused with its exact message, and each tolerance read at its edge
/// (mutation survivors of the Recommendations run). The steps are <see cref="NextStepValueTests"/>' step and variants.
/// </summary>
public sealed class NextStepResultValueTests
{
    private static readonly NextStep First = NextStepValueTests.Step;

    private static NextStep On(string activity, int rank, NextStep? like = null) => (like ?? First) with
    {
        Rank = rank,
        Activity = new LearningActivity(activity, $"Practice {activity}", ActivityKind.Practice, 10, [new("A")], topics: ["art", "history"]),
    };

    // The first step without its review: review due 0 (no recall chance), contributing 0, so its shares add up to 7/8
    // and a signal's share can drift a little above an eighth without the step's own shares passing 1.
    private static readonly NextStep NoReview = NextStepValueTests.WithSignal(First with { Retrievability = null }, 5, 0);

    private static readonly StuckCompetency StuckC = new("C", 4, MasteryLevel.Attempted, 0.3);

    private static NextStepResult Result(params NextStep[] steps) => new("ana", [.. steps], [StuckC]);

    private static NextStepResult Read(NextStepResult result) => PersonalizedLearningJson.Deserialize<NextStepResult>(PersonalizedLearningJson.Serialize(result));

    private static void Refused(NextStepResult result, string message) =>
        FluentActions.Invoking(() => Read(result)).Should().ThrowExactly<JsonException>().Which.Message.Should().Be(message);

    // Need's contribution on a step set so that its share (contribution ÷ signal) is `share`, the score moved to match.
    private static NextStep NeedShare(NextStep step, double signal, double share)
    {
        var contribution = signal * share;
        return step with
        {
            Signals = NextStepValueTests.With(step.Signals, 0, signal),
            Contributions = NextStepValueTests.With(step.Contributions, 0, contribution),
            Score = step.Score - step.Contributions.Need + contribution,
        };
    }

    [Fact]
    public void Deconstruct_GivesTheMembers_AndTheDefaultArraysAreEmpty()
    {
        var second = On("a-quiz", 2);
        var (learner, steps, stuck) = Result(First, second);
        learner.Should().Be((PersonalizedLearning.Learners.LearnerId)"ana");
        steps.Should().Equal(First, second);
        stuck.Should().Equal(StuckC);
        var (competency, attempts, level, estimate) = StuckC;
        (competency.Value, attempts, level, estimate).Should().Be(("C", 4, MasteryLevel.Attempted, (double?)0.3));

        var empty = new NextStepResult("ana", default, default);
        (empty.Steps.IsDefault, empty.Steps.Length, empty.Stuck.IsDefault, empty.Stuck.Length, empty.IsEmpty, empty.IsStuck).Should().Be((false, 0, false, 0, true, false));
    }

    [Fact]
    public void ToString_NamesTheLearner_JoinsTheSteps_AndListsTheStuck()
    {
        default(NextStepResult).ToString().Should().Be("NextStepResult (no learner: the default value): no steps");
        new NextStepResult("ana", [], []).ToString().Should().Be("NextStepResult for ana: no steps");
        var second = On("a-quiz", 2);
        new NextStepResult("ana", [First, second], [StuckC, new StuckCompetency("D", 2, MasteryLevel.NotStarted)]).ToString()
            .Should().Be($"NextStepResult for ana: {First}; {second}; stuck on C, D");
    }

    [Fact]
    public void Equals_NeedsTheLearnerTheStepsAndTheStuckEqual_EachAlone()
    {
        var result = Result(First);
        result.Should().Be(Result(First));
        (result == Result(First)).Should().BeTrue();
        result.GetHashCode().Should().Be(Result(First).GetHashCode());
        result.Should().NotBe(new NextStepResult("bo", [First], [StuckC]), "the learner differs");
        result.Should().NotBe(new NextStepResult("ana", [First with { Score = First.Score }, On("a-quiz", 2)], [StuckC]), "the steps differ");
        result.Should().NotBe(new NextStepResult("ana", [First], []), "the stuck differ");
    }

    [Fact]
    public void AResultWithinEveryRule_ReadsBackAsItself_AtTheTolerances()
    {
        // Need at exactly 1e-9 on the second step is not weighed (only a signal above 1e-9 is), so its contribution of 0
        // does not contradict the first step's share of 1/8.
        Read(Result(First, NeedShare(On("a-quiz", 2), 1e-9, 0))).Should().Be(Result(First, NeedShare(On("a-quiz", 2), 1e-9, 0)));

        // A share may differ from the first step's by 1e-9 × max(1, share) + 1e-12 ÷ signal: with a signal of 0.001 that is
        // 1e-9 + 1e-9 = 2e-9, so 1/8 + 1.5e-9 is read (with min(1, share) it would be 1.125e-9; with 1e-12 × signal, 1e-9).
        var drifted = Result(NoReview, NeedShare(On("a-quiz", 2, NoReview), 0.001, 0.125 + 1.5e-9));
        Read(drifted).Should().Be(drifted);

        // The extended-time factor may differ from the first step's by 1e-12 × that factor: at a factor of 2, by 2e-12; the
        // second step's 20 + 1e-11 minutes over 10 differ by about 1e-12 (with 1e-12 ÷ 2 it would be refused).
        var twice = First with { Minutes = 20, AvailableMinutes = null };
        var longer = Result(twice, On("a-quiz", 2, twice) with { Minutes = 20 + 1e-11 });
        Read(longer).Should().Be(longer);

        // The tolerance met exactly: the first step weighs Need at 0 (its 0.5 contributes nothing), and the second's Need
        // of 1 contributes 1e-9 × max(1, 0) + 1e-12 ÷ 1, the most a share may differ (a strict bound would refuse it).
        var edge = Result(NeedShare(NoReview, 0.5, 0), NeedShare(On("a-quiz", 2, NoReview), 1, 1e-9 + 1e-12));
        Read(edge).Should().Be(edge);

        // Every step is compared with the first, not with the one before: the second drifts 0.9e-9, within 1e-9 + 2e-12 of
        // the first's 1/8; the third 1.8e-9, within that of the second but not of the first.
        var walk = Result(NoReview, NeedShare(On("a-quiz", 2, NoReview), 0.5, 0.125 + 0.9e-9));
        Read(walk).Should().Be(walk);
        var third = Result(NoReview, NeedShare(On("a-quiz", 2, NoReview), 0.5, 0.125 + 0.9e-9), NeedShare(On("a-test", 3, NoReview), 0.5, 0.125 + 1.8e-9));
        FluentActions.Invoking(() => Read(third)).Should().ThrowExactly<JsonException>().Which.Message
            .Should().StartWith("This next-step result is not one the library makes: step 3 weighs Need at 0.125000001").And.EndWith(" of the weights, an earlier step at 0.125.");
    }

    [Fact]
    public void ALongRanking_ReadsBack_AndAnActivityOnTwoOfItsSteps_IsRefusedNamingBoth()
    {
        // Past 32 steps the reader finds a repeated activity through a dictionary: the same rule, the same message.
        var steps = Enumerable.Range(0, 34).Select(i => On($"k{i}", i + 1)).ToArray();
        Read(Result(steps)).Should().Be(Result(steps));
        steps[33] = On("k32", 34);
        Refused(Result(steps), "This next-step result is not one the library makes: activity 'k32' is on step 33 and step 34; the recommender recommends an activity once.");
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "rank", "step 2 has rank 3; steps are ranked 1, 2, 3… in order" },
        { "weight", "step 2 weighs Need at 0.0625 of the weights, an earlier step at 0.125" },
        { "time-factor", "step 2 takes 3 times its activity's minutes, step 1 1 times" },
        { "activity-twice", "activity 'a-practice' is on step 1 and step 2; the recommender recommends an activity once" },
        { "stuck-twice", "competency 'C' is listed as stuck twice" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void AResultTheRecommenderWouldNotMake_IsRefused_WithTheRuleItBreaks(string edit, string rule)
    {
        var result = edit switch
        {
            "rank" => Result(First, On("a-quiz", 3)),
            "weight" => Result(First, NeedShare(On("a-quiz", 2), 0.5, 0.0625)),
            "time-factor" => Result(First, On("a-quiz", 2) with { Minutes = 30, AvailableMinutes = null }),
            "activity-twice" => Result(First, First with { Rank = 2 }),
            "stuck-twice" => new NextStepResult("ana", [First], [StuckC, StuckC]),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };

        Refused(result, $"This next-step result is not one the library makes: {rule}.");
    }

    [Theory]
    [InlineData(0, MasteryLevel.Attempted, 0.3, "it has 0 attempts; a learner is stuck after 1 or more")]
    [InlineData(4, MasteryLevel.Mastered, 0.3, "its level Mastered is not one a stuck learner has")]
    [InlineData(4, MasteryLevel.Attempted, 1.5, "its estimate is not in [0, 1]")]
    public void AStuckCompetencyTheLibraryWouldNotReport_IsRefused_WithTheRuleItBreaks(int attempts, MasteryLevel level, double estimate, string rule)
    {
        Refused(new NextStepResult("ana", [First], [new StuckCompetency("C", attempts, level, estimate)]), $"This stuck competency is not one the library makes: {rule}.");
        var once = new NextStepResult("ana", [First], [new StuckCompetency("C", 1, MasteryLevel.Proficient, 1)]);
        Read(once).Should().Be(once, "one attempt, any level below mastered and an estimate of 1 are read");
    }
}
