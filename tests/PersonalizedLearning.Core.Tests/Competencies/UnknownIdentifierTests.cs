using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Competencies;

/// <summary>
/// Issue 21, section 2: one exception type per kind of failure. An id the framework or catalog does not know is
/// <see cref="UnknownCompetencyException"/> or <see cref="UnknownActivityException"/> wherever it comes from (it was
/// ArgumentException at some entry points and KeyNotFoundException at others), carrying the id and the argument.
/// </summary>
public class UnknownIdentifierTests
{
    private static readonly CompetencyFramework Framework = TestData.Diamond();
    private static readonly ActivityCatalog Catalog = TestData.CatalogFor(Framework);
    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    public static TheoryData<string, Action, string, string?> UnknownCompetencies => new()
    {
        { "framework lookup", () => Framework.IndexOf("Z"), "Competency 'Z' is not in framework*", "id" },
        { "evidence folded", () => Engine.Record(Engine.CreateLearner("ana"), Evidence.ForCompetency("e1", "ana", "Z", EvidenceOutcome.Correct, TestData.Start)), "Evidence 'e1' names competency 'Z'*", "evidence" },
        { "playlist goal", () => PlaylistBuilder.Default.Build(Engine.CreatePlaylistRequest(Engine.CreateLearner("ana"), [new LearningGoal("Z", null)], asOf: TestData.Start)), "Goal 'Z' is not in framework*", "goals" },
        { "profile goal", () => Engine.RecommendNext(Engine.CreateLearner("ana"), 3, new LearnerProfile("ana", [new LearningGoal("Z", null)]), asOf: TestData.Start), "Learner 'ana' has a goal for competency 'Z'*", "profile" },
    };

    [Theory]
    [MemberData(nameof(UnknownCompetencies))]
    public void AnUnknownCompetency_IsUnknownCompetencyException_WhereverItComesFrom(string where, Action act, string message, string? parameter)
    {
        var thrown = FluentActions.Invoking(act).Should().ThrowExactly<UnknownCompetencyException>(where).WithMessage(message).Which;
        thrown.Competency.Should().Be(new CompetencyId("Z"));
        if (parameter is not null)
        {
            thrown.ParamName.Should().Be(parameter);
        }
    }

    public static TheoryData<string, Action, string, string> UnknownActivities => new()
    {
        { "catalog lookup", () => Catalog.GetActivity("nowhere"), "Activity 'nowhere' is not in the catalog*", "id" },
        { "evidence folded", () => Engine.Record(Engine.CreateLearner("ana"), Evidence.ForActivity("e1", "ana", "nowhere", EvidenceOutcome.Correct, TestData.Start)), "Evidence 'e1' names activity 'nowhere'*", "evidence" },
    };

    [Theory]
    [MemberData(nameof(UnknownActivities))]
    public void AnUnknownActivity_IsUnknownActivityException_WhereverItComesFrom(string where, Action act, string message, string parameter)
    {
        var thrown = FluentActions.Invoking(act).Should().ThrowExactly<UnknownActivityException>(where).WithMessage(message).Which;
        thrown.Activity.Should().Be(new ActivityId("nowhere"));
        thrown.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void AnUnknownCompetency_ChangesNothing()
    {
        var ana = Engine.Record(Engine.CreateLearner("ana"), Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start));
        var before = PersonalizedLearningJson.Serialize(ana);
        FluentActions.Invoking(() => Engine.Record(ana, Evidence.ForCompetency("e2", "ana", "Z", EvidenceOutcome.Correct, TestData.Start))).Should().ThrowExactly<UnknownCompetencyException>();
        PersonalizedLearningJson.Serialize(ana).Should().Be(before);
        ana.EvidenceCount.Should().Be(1);
    }
}
