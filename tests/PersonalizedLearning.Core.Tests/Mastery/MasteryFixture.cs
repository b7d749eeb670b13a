using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary>Folds score sequences into one competency "K" through the real engine.</summary>
internal static class MasteryFixture
{
    public static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(
            new CompetencyFrameworkBuilder("one").AddCompetency("K", "Knowledge").Build())
        .Add(new LearningActivity("k", "Practice K", ActivityKind.Practice, 5, TestData.Align("K")))
        .Build();

    public static PersonalizedLearningEngine Engine(IMasteryModel model, MasteryPolicy? policy = null) => new(Catalog, model, policy);

    public static LearnerState Fold(IMasteryModel model, params (double Score, double Weight)[] evidence)
    {
        var engine = Engine(model);
        var state = engine.CreateLearner("ana");
        for (var i = 0; i < evidence.Length; i++)
        {
            state = engine.Record(state, new Evidence($"e{i}", "ana", EvidenceOutcome.FromScore(evidence[i].Score), TestData.Start.AddMinutes(i), competency: "K", weight: evidence[i].Weight));
        }

        return state;
    }

    public static CompetencyState Scores(IMasteryModel model, params double[] scores) =>
        Fold(model, [.. scores.Select(s => (s, 1.0))]).Get("K");
}
