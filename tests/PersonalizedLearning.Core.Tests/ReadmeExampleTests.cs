using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests;

/// <summary>The README's first program (the repository's and the core package's, src/PersonalizedLearning.Core/README.md),
/// kept honest: the same code, with its printed results asserted.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void FirstProgram_PrintsWhatTheReadmeSays()
    {
        var framework = new CompetencyFrameworkBuilder("Fractions")
            .AddCompetency("F1", "Unit fractions", code: "3.NF.A.1")
            .AddCompetency("F2", "Fractions on a number line", code: "3.NF.A.2")
            .AddPrerequisite("F1", "F2")
            .Build();

        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("f1-video", "Video: unit fractions", ActivityKind.Video, 6, [new("F1")]))
            .Add(new LearningActivity("f1-check", "Checkpoint: unit fractions", ActivityKind.Assessment, 10, [new("F1")]))
            .Add(new LearningActivity("f2-practice", "Practice: number lines", ActivityKind.Practice, 15, [new("F2")]))
            .Build();

        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.DecayingAverage(0.65), MasteryPolicy.Default);

        var ana = engine.CreateLearner("ana");
        ana = engine.Record(ana, Evidence.ForActivity("e1", "ana", "f1-check", EvidenceOutcome.FromScore(0.9), TestData.Start));
        ana = engine.Record(ana, Evidence.ForActivity("e2", "ana", "f1-check", EvidenceOutcome.Correct, TestData.Start));

        engine.Assess(ana, TestData.Start).Get("F1").Explain().Should().Be("decaying average 0.97 ≥ 0.85 after 2 pieces of evidence");
        engine.RecommendNext(ana, count: 3, asOf: TestData.Start).Steps
            .Select(step => $"{step.Rank}. {step.Activity.Title}: {step.Explain()}")
            .Should().Equal("1. Practice: number lines: Ready: its prerequisite is mastered · Not started yet · Practice to show it");
    }
}
