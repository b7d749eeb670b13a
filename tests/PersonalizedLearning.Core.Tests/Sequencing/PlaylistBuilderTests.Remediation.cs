using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

// Remediation from the history (PlaylistBuilder.Remediation.cs).
public partial class PlaylistBuilderTests
{
    [Fact]
    public void FailedCheckpoint_InsertsRemediationOfTheWeakestPrerequisite()
    {
        // A, B (1.0) and C (0.9) are mastered; the goal is D; d-check just failed: C is D's weakest prerequisite.
        var state = Mastered(("A", 1), ("B", 1), ("C", 0.9));
        var failed = ImmutableArray.Create(Evidence.ForActivity("x", "ana", "d-check", EvidenceOutcome.FromScore(0.4), Now));

        var playlist = PlaylistBuilder.Default.Build(Request(state, history: failed));

        playlist.Steps.Select(Describe).Should().Equal("Remediate C: c-lesson →  (15)", "Learn D: d-practice → d-check (20)");
        playlist.Steps[0].RemediationFor.Should().Be(new CompetencyId("D"));
        PlaylistBuilder.Default.Build(Request(state, history: [Evidence.ForActivity("y", "ana", "d-check", EvidenceOutcome.FromScore(0.8), Now)]))
            .Steps.Should().ContainSingle("a passed checkpoint needs no remediation");
    }
}
