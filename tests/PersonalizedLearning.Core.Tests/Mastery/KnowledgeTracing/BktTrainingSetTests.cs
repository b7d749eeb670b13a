using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktTrainingSetTests
{
    private static readonly BktParameters Shared = new(prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1);

    public static TheoryData<string> Variants => ["standard", "activity", "pair", "guess-slip", "first-activity", "cohort"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void WithAnswers_TheLogsOwnAnswers_IsTheSetBuildMakes(string variant)
    {
        var (log, options) = Case(variant);
        var set = BktTrainingSet.Build(log, 0, options.Variant);
        var structure = set.StructureOf(log, 0);
        ShouldBeTheSame(set.WithAnswers(structure, Answers(log)), set);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void WithAnswers_OtherAnswers_IsTheSetBuildMakesOfTheirLog(string variant)
    {
        // Every third answer flipped: other identical chains, another number correct; the same learners and activities.
        var (log, options) = Case(variant);
        var flipped = ResponseLog.Create(log.Responses.Select((r, i) => i % 3 == 0 ? r with { Correct = !r.Correct } : r));
        var set = BktTrainingSet.Build(log, 0, options.Variant);
        var expected = BktTrainingSet.Build(flipped, 0, options.Variant);
        expected.CorrectCount.Should().NotBe(set.CorrectCount);
        ShouldBeTheSame(set.WithAnswers(set.StructureOf(log, 0), Answers(flipped)), expected);
    }

    // The answers of competency 0 in replay order (learner, then order), as the structure lists its steps.
    private static bool[] Answers(ResponseLog log)
        => [.. log.Responses.Where(r => r.Competency == log.Competencies[0]).OrderBy(r => r.Learner).ThenBy(r => r.Order).Select(r => r.Correct)];

    private static (ResponseLog Log, BktFitOptions Options) Case(string variant)
    {
        // Short chains over few activities, so that many chains are identical and merged; one learner answers without
        // an activity.
        var activities = new[] { new BktActivityParameters("a", Guess: 0.3, Learn: 0.1), new BktActivityParameters("b", Slip: 0.2, Learn: 0.3), new BktActivityParameters("c") };
        var cohorts = Enumerable.Range(0, 300).ToDictionary(s => new LearnerId($"s{s}"), s => s % 2 == 0 ? "even" : "odd");
        var simulated = BktResponseSimulator.Simulate([new BktCompetencyParameters("K", Shared, activities, null, null, null)], learners: 300, attempts: 3, seed: 41);
        var log = ResponseLog.Create(simulated.Responses.Select(r => r.Learner == "s7" ? r with { Activity = null } : r));
        var options = variant switch
        {
            "standard" => BktFitOptions.Default,
            "activity" => BktFitOptions.Default with { LearnBy = BktLearnBy.Activity },
            "pair" => BktFitOptions.Default with { LearnBy = BktLearnBy.ActivityPair },
            "guess-slip" => BktFitOptions.Default with { GuessSlipPerActivity = true, LearnBy = BktLearnBy.Activity },
            "first-activity" => BktFitOptions.Default with { PriorGroups = BktPriorGroups.FirstActivity(), LearnBy = BktLearnBy.Activity },
            _ => BktFitOptions.Default with { PriorGroups = BktPriorGroups.ByCohort(cohorts), LearnBy = BktLearnBy.Activity },
        };
        return (log, options);
    }

    private static void ShouldBeTheSame(BktTrainingSet actual, BktTrainingSet expected)
    {
        actual.Symbols.Should().Equal(expected.Symbols);
        (actual.Transitions ?? []).Should().Equal(expected.Transitions ?? []);
        (actual.Transitions is null).Should().Be(expected.Transitions is null);
        actual.Starts.Should().Equal(expected.Starts);
        actual.Multiplicity.Should().Equal(expected.Multiplicity);
        (actual.Groups ?? []).Should().Equal(expected.Groups ?? []);
        (actual.Groups is null).Should().Be(expected.Groups is null);
        actual.Classes.Should().Equal(expected.Classes);
        actual.TransitionKeys.Should().Equal(expected.TransitionKeys);
        actual.GroupKeys.Should().Equal(expected.GroupKeys);
        actual.ClassResponses.Should().Equal(expected.ClassResponses);
        actual.TransitionSteps.Should().Equal(expected.TransitionSteps);
        actual.GroupChains.Should().Equal(expected.GroupChains);
        (actual.ResponseCount, actual.ChainCount, actual.CorrectCount, actual.MaxLength)
            .Should().Be((expected.ResponseCount, expected.ChainCount, expected.CorrectCount, expected.MaxLength));
        actual.Lanes.Symbols.Should().Equal(expected.Lanes.Symbols);
        (actual.Lanes.Transitions ?? []).Should().Equal(expected.Lanes.Transitions ?? []);
        actual.Lanes.Multiplicity.Should().Equal(expected.Lanes.Multiplicity);
        actual.Competency.Should().Be(expected.Competency);
        actual.Variant.Should().Be(expected.Variant);
    }
}
