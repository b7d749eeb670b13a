using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery;

public sealed class LevelProgressionTests
{
    private static readonly LevelProgression Khan = LevelProgression.Default;

    [Theory]
    [InlineData(6, 10, MasteryLevel.Attempted, "practice 6/10 (60%) < 70%")]
    [InlineData(7, 10, MasteryLevel.Familiar, "practice 7/10 (70%) ≥ 70%")]
    [InlineData(9, 10, MasteryLevel.Familiar, "practice 9/10 (90%) ≥ 70%")]
    [InlineData(10, 10, MasteryLevel.Proficient, "practice 10/10 (100%): all correct")]
    public void AfterPractice_KhanThresholds(int correct, int total, MasteryLevel expected, string reason)
        => Khan.AfterPractice(MasteryLevel.NotStarted, correct, total).Should().Be(new LevelTransition(MasteryLevel.NotStarted, expected, reason));

    [Fact]
    public void AfterPractice_NeverLowersProficientOrMastered()
    {
        var t = Khan.AfterPractice(MasteryLevel.Mastered, 5, 10);
        t.To.Should().Be(MasteryLevel.Mastered);
        t.Reason.Should().Be("practice 5/10 (50%) keeps Mastered: only a mixed assessment changes it");
        Khan.AfterPractice(MasteryLevel.Familiar, 5, 10).To.Should().Be(MasteryLevel.Attempted, "below Proficient a practice sets the level");
    }

    [Fact]
    public void AfterAssessmentAnswer_MovesOneLevel()
    {
        Khan.AfterAssessmentAnswer(MasteryLevel.Proficient, true).Should().Be(new LevelTransition(MasteryLevel.Proficient, MasteryLevel.Mastered, "correct on a mixed assessment: Proficient → Mastered"));
        Khan.AfterAssessmentAnswer(MasteryLevel.Mastered, false).Should().Be(new LevelTransition(MasteryLevel.Mastered, MasteryLevel.Proficient, "wrong on a mixed assessment: Mastered → Proficient"));
        Khan.AfterAssessmentAnswer(MasteryLevel.Attempted, false).To.Should().Be(MasteryLevel.Attempted);
        Khan.AfterAssessmentAnswer(MasteryLevel.Mastered, true).LeveledUp.Should().BeFalse();
    }

    [Fact]
    public void AfterTime_MasteredRespawnsAsRecallFades_DrivenByFsrs()
    {
        // Leveling up, forgetting, being asked to review: a competency mastered with an Easy review (S = 8.2956).
        var fsrs = new FsrsScheduler(FsrsParameters.Default with { EnableShortTerm = false });
        var t0 = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
        var card = fsrs.Review(FsrsCard.New(t0), FsrsRatingRule.Default.Rate(EvidenceOutcome.FromScore(1)), t0).Card;

        Khan.AfterTime(MasteryLevel.Mastered, fsrs.Retrievability(card, t0.AddDays(3))!.Value).ReviewDue.Should().BeFalse();
        var (fading, due) = Khan.AfterTime(MasteryLevel.Mastered, fsrs.Retrievability(card, t0.AddDays(12))!.Value);
        due.Should().BeTrue();
        fading.To.Should().Be(MasteryLevel.Mastered);
        var (faded, stillDue) = Khan.AfterTime(MasteryLevel.Mastered, fsrs.Retrievability(card, t0.AddDays(200))!.Value);
        stillDue.Should().BeTrue();
        faded.To.Should().Be(MasteryLevel.Proficient);
        faded.LeveledDown.Should().BeTrue();
        faded.Reason.Should().EndWith(": shows as Proficient until reviewed");
        Khan.AfterTime(MasteryLevel.Familiar, 0.1).Transition.To.Should().Be(MasteryLevel.Familiar, "only Mastered decays");
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        FluentActions.Invoking(() => Khan.AfterPractice(MasteryLevel.Familiar, 11, 10)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("A practice needs 0 ≤ correct ≤ total and total ≥ 1; got 11 of 10.*");
        FluentActions.Invoking(() => Khan.AfterTime(MasteryLevel.Mastered, double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new LevelProgression(reviewThreshold: 0.6, dropThreshold: 0.7)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The thresholds must satisfy 0 ≤ drop ≤ review < 1 and review > 0; got review 0.6, drop 0.7.*");
    }
}
