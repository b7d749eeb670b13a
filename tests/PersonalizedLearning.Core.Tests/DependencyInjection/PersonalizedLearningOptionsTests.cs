using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.DependencyInjection;

public class PersonalizedLearningOptionsTests
{
    [Fact]
    public void Problems_AModelWithABlankName_IsReported()
    {
        new PersonalizedLearningOptions { Catalog = TestData.CatalogFor(TestData.Diamond()), Model = new NamedModel(" ") }.Problems()
            .Should().Equal("PersonalizedLearningOptions.Model needs a non-blank name; learner states record it.");
    }

    [Fact]
    public void Problems_AModelAndARecommenderThatPassAtDifferentScores_AreReported()
    {
        // BKT passing at 0.7, the recommender at its default: the two would disagree on what a pass is.
        var problems = new PersonalizedLearningOptions { Catalog = TestData.CatalogFor(TestData.Diamond()), Model = new BktModel([], passingScore: 0.7) }.Problems();

        problems.Should().ContainSingle().Which.Should().StartWith("PersonalizedLearningOptions: The components judge pass and fail at different passing scores: ");
    }

    private sealed class NamedModel(string name) : IMasteryModel
    {
        public string Name => name;

        public string EstimateLabel => "estimate";

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation) => throw new NotSupportedException();
    }
}
