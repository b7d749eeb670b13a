using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>The request's agency level (gradual release) on the diamond: A mastered, goal B; C is ready too but off the
/// way to the goal.</summary>
public class AgencyLevelTests
{
    private static readonly DateTimeOffset Now = TestData.Start;
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
    private static readonly LearnerProfile Profile = new("ana", goals: [new LearningGoal("B", Now.AddDays(7))]);

    private static LearnerState Ana() => Engine.Rebuild("ana", [
        Evidence.ForCompetency("1", "ana", "A", EvidenceOutcome.Correct, Now),
        Evidence.ForCompetency("2", "ana", "A", EvidenceOutcome.Correct, Now)]);

    private static NextStepResult Recommend(AgencyLevel? agency, LearnerProfile? profile = null) =>
        AdaptiveRecommender.Default.Recommend(Engine.CreateRequest(Ana(), 3, profile ?? Profile, Now) with { Agency = agency });

    [Fact]
    public void Guided_GivesOneStep_OnTheWayToAGoal()
    {
        var steps = Recommend(AgencyLevel.Guided).Steps;
        steps.Should().ContainSingle();
        steps[0].Competency.Should().Be(new PersonalizedLearning.Competencies.CompetencyId("B"));
    }

    [Fact]
    public void Choice_GivesSeveralSteps_AllOnTheWayToAGoal_SelfDirectedAsWithout()
    {
        var choice = Recommend(AgencyLevel.Choice).Steps;
        choice.Should().HaveCountGreaterThan(1);
        choice.Should().OnlyContain(s => s.Competency == "B");

        var free = Recommend(null).Steps;
        free.Should().Contain(s => s.Competency == "C", "off the way to the goal, but ready");
        Recommend(AgencyLevel.SelfDirected).Steps.Should().Equal(free);
    }

    [Fact]
    public void WithoutGoals_ChoiceOffersTheFrontier()
    {
        var noGoals = new LearnerProfile("ana");
        Recommend(AgencyLevel.Choice, noGoals).Steps.Select(s => s.Competency.Value).Distinct().Should().BeEquivalentTo(["B", "C"]);
        Recommend(AgencyLevel.Guided, noGoals).Steps.Should().ContainSingle();
    }

    [Fact]
    public void AnUndefinedLevel_IsRefused_AndTheRequestKeepsItsLevel()
    {
        var request = Engine.CreateRequest(Ana(), 3, Profile, Now) with { Agency = AgencyLevel.Choice };
        var act = () => request with { Agency = (AgencyLevel)5 };
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Agency");
        request.Agency.Should().Be(AgencyLevel.Choice);
        (request with { Agency = AgencyLevel.Guided }).Should().NotBe(request);
    }
}
