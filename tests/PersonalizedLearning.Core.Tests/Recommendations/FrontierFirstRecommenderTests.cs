using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

public class FrontierFirstRecommenderTests
{
    private readonly PersonalizedLearningEngine _engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest);

    private LearnerState With(params (string Competency, double Score)[] evidence) =>
        _engine.Rebuild("ana", evidence.SelectMany((e, i) => new[]
        {
            Evidence.ForCompetency($"e{i}a", "ana", e.Competency, EvidenceOutcome.FromScore(e.Score), TestData.Start),
            Evidence.ForCompetency($"e{i}b", "ana", e.Competency, EvidenceOutcome.FromScore(e.Score), TestData.Start),
        }));

    [Fact]
    public void Recommend_NewLearner_StartsWithTheLessonOfTheOnlyReadyCompetency()
    {
        var steps = _engine.RecommendNext(_engine.CreateLearner("ana"), 3, asOf: TestData.Start);

        steps.Select(s => (s.Rank, s.Activity.Id.Value, s.Score)).Should().Equal((1, "a-lesson", 1.0), (2, "a-practice", 0.5), (3, "a-check", 1.0 / 3));
        steps[0].Reasons.Select(r => r.Text).Should().Equal("Ready: no prerequisites", "Not started yet", "Lesson to learn it");
        steps[0].Reasons.Select(r => r.Code).Should().Equal(
            RecommendationReasonCode.ReadyNoPrerequisites, RecommendationReasonCode.NotStarted, RecommendationReasonCode.Introduces);
    }

    [Fact]
    public void Recommend_NeediestFrontierCompetencyFirst_PracticeFirstOnceStarted()
    {
        // A mastered; B started at 0.6 (need 0.4); C not started (need 1). Frontier: B, C (U has no activities).
        var steps = _engine.RecommendNext(With(("A", 1.0), ("B", 0.6)), 4, asOf: TestData.Start);

        steps.Select(s => s.Activity.Id.Value).Should().Equal("c-lesson", "c-practice", "b-practice", "c-check");
        steps[2].Reasons.Select(r => r.Text).Should().Equal(
            "Ready: its prerequisite is mastered", "In progress: Familiar (latest score 0.60)", "Practice to show it");
        steps[2].Score.Should().BeApproximately(0.4, 1e-15);
    }

    [Fact]
    public void Recommend_CompetencyWithSeveralPrerequisites_SaysAllAreMastered()
    {
        var steps = _engine.RecommendNext(With(("A", 1.0), ("B", 1.0), ("C", 1.0)), 1, asOf: TestData.Start);
        steps.Should().ContainSingle().Which.Reasons[0].Text.Should().Be("Ready: all 2 prerequisites mastered");
        steps[0].Competency.Should().Be(new CompetencyId("D"));
    }

    [Fact]
    public void Recommend_EverythingMastered_ReturnsNothing()
    {
        _engine.RecommendNext(With(("A", 1), ("B", 1), ("C", 1), ("D", 1), ("E", 1)), 3, asOf: TestData.Start).Should().BeEmpty();
    }

    [Fact]
    public void Recommend_AnActivityAlignedToTwoFrontierCompetencies_IsRecommendedOnce()
    {
        var framework = new CompetencyFrameworkBuilder().AddCompetency("X", "X").AddCompetency("Y", "Y").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("both", "Both", ActivityKind.Lesson, 10, [new("X"), new("Y")]))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest);
        engine.RecommendNext(engine.CreateLearner("ana"), 5, asOf: TestData.Start).Should().ContainSingle()
            .Which.Competency.Should().Be(new CompetencyId("X"), "ties go to the competency earlier in topological order");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Recommend_CountOutOfRange_Throws(int count)
    {
        _engine.Invoking(e => e.RecommendNext(_engine.CreateLearner("ana"), count)).Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("count");
    }

    [Fact]
    public void Request_ProfileForAnotherLearner_Throws()
    {
        var act = () => _engine.RecommendNext(_engine.CreateLearner("ana"), 3, new LearnerProfile("ben"));
        act.Should().Throw<ArgumentException>().WithMessage("The profile is for learner 'ben', but the mastery snapshot is for 'ana'.*");
    }

    [Fact]
    public void Property_NeverRecommendsAMasteredOrUnreadyCompetency_AndIsDeterministic()
    {
        var gen = from dag in TestData.RandomDag
                  from scores in Gen.Double[0, 1].Array[dag.Count]
                  from count in Gen.Int[1, 10]
                  select (dag, scores, count);
        gen.Sample(input =>
        {
            var framework = TestData.Build(input.dag);
            var engine = new PersonalizedLearningEngine(TestData.CatalogFor(framework), RollupMasteryModel.Latest);
            var state = engine.Rebuild("ana", Enumerable.Range(0, input.dag.Count).SelectMany(i => new[]
            {
                Evidence.ForCompetency($"a{i}", "ana", $"c{i}", EvidenceOutcome.FromScore(input.scores[i]), TestData.Start),
                Evidence.ForCompetency($"b{i}", "ana", $"c{i}", EvidenceOutcome.FromScore(input.scores[i]), TestData.Start),
            }));
            var snapshot = engine.Assess(state, TestData.Start);
            var steps = engine.RecommendNext(state, input.count, asOf: TestData.Start);

            steps.Should().HaveCountLessThanOrEqualTo(input.count);
            steps.Select(s => s.Rank).Should().Equal(Enumerable.Range(1, steps.Length));
            steps.Select(s => s.Score).Should().BeInDescendingOrder();
            steps.Select(s => s.Activity.Id).Should().OnlyHaveUniqueItems();
            foreach (var step in steps)
            {
                snapshot.IsMastered(step.Competency).Should().BeFalse();
                framework.GetPrerequisites(step.Competency).All(snapshot.IsMastered).Should().BeTrue();
                step.Activity.IsAlignedTo(step.Competency).Should().BeTrue();
            }

            engine.RecommendNext(state, input.count, asOf: TestData.Start).Should().Equal(steps);
        });
    }
}
