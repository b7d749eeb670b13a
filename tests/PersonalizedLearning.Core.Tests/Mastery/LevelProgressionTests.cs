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

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_AFamiliarShareOutsideTheOpenUnitInterval_IsRefusedWithIt(double share)
    {
        var thrown = FluentActions.Invoking(() => new LevelProgression(familiarShare: share)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("familiarShare");
        thrown.ActualValue.Should().Be(share);
        thrown.Message.Should().StartWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The share correct for Familiar must be in (0, 1); got {share}. (Parameter 'familiarShare')"));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(1.5, 0.7)]
    [InlineData(0.9, -0.1)]
    [InlineData(0.9, 0.95)]
    [InlineData(double.NaN, 0.5)]
    public void Constructor_ThresholdsOutOfRangeOrOrder_AreRefusedWithBoth(double review, double drop)
    {
        var thrown = FluentActions.Invoking(() => new LevelProgression(reviewThreshold: review, dropThreshold: drop)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("dropThreshold");
        thrown.Message.Should().StartWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The thresholds must satisfy 0 ≤ drop ≤ review < 1 and review > 0; got review {review}, drop {drop}."));
    }

    [Fact]
    public void Constructor_TheEndsOfEachRange_AreTaken()
    {
        new LevelProgression(familiarShare: 1e-9).FamiliarShare.Should().Be(1e-9);
        new LevelProgression(familiarShare: 0.999999).FamiliarShare.Should().Be(0.999999);
        var never = new LevelProgression(reviewThreshold: 0.9, dropThreshold: 0);
        never.DropThreshold.Should().Be(0, "0 never drops");
        never.AfterTime(MasteryLevel.Mastered, 0).Transition.To.Should().Be(MasteryLevel.Mastered);
        var together = new LevelProgression(reviewThreshold: 0.8, dropThreshold: 0.8);
        together.AfterTime(MasteryLevel.Mastered, 0.79).Transition.To.Should().Be(MasteryLevel.Proficient, "drop equal to review: due and dropped at once");
        new LevelProgression(reviewThreshold: 0.999999, dropThreshold: 0.5).ReviewThreshold.Should().Be(0.999999);
        new LevelProgression(reviewThreshold: 1e-9, dropThreshold: 0).ReviewThreshold.Should().Be(1e-9);
    }

    [Theory]
    [InlineData(0, 10, MasteryLevel.Attempted, "practice 0/10 (0%) < 70%")]
    [InlineData(1, 1, MasteryLevel.Proficient, "practice 1/1 (100%): all correct")]
    [InlineData(0, 1, MasteryLevel.Attempted, "practice 0/1 (0%) < 70%")]
    public void AfterPractice_TheSmallestCounts_AreTaken(int correct, int total, MasteryLevel expected, string reason)
        => Khan.AfterPractice(MasteryLevel.NotStarted, correct, total).Should().Be(new LevelTransition(MasteryLevel.NotStarted, expected, reason));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 10)]
    [InlineData(1, 0)]
    [InlineData(-1, -1)]
    public void AfterPractice_BadCounts_AreRefusedWithBoth(int correct, int total)
    {
        var thrown = FluentActions.Invoking(() => Khan.AfterPractice(MasteryLevel.Familiar, correct, total)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("correct");
        thrown.Message.Should().StartWith($"A practice needs 0 ≤ correct ≤ total and total ≥ 1; got {correct} of {total}. (Parameter 'correct')");
    }

    [Fact]
    public void AfterPractice_AtOrAboveProficient_KeepsTheLevel_EvenWhenThePracticeReachesIt()
    {
        Khan.AfterPractice(MasteryLevel.Proficient, 10, 10).Should().Be(new LevelTransition(MasteryLevel.Proficient, MasteryLevel.Proficient, "practice 10/10 (100%) keeps Proficient: only a mixed assessment changes it"));
        Khan.AfterPractice(MasteryLevel.Proficient, 5, 10).Should().Be(new LevelTransition(MasteryLevel.Proficient, MasteryLevel.Proficient, "practice 5/10 (50%) keeps Proficient: only a mixed assessment changes it"));
        Khan.AfterPractice(MasteryLevel.Familiar, 10, 10).Should().Be(new LevelTransition(MasteryLevel.Familiar, MasteryLevel.Proficient, "practice 10/10 (100%): all correct"));
    }

    [Fact]
    public void AfterAssessmentAnswer_AtEitherEnd_SaysSo()
    {
        Khan.AfterAssessmentAnswer(MasteryLevel.Mastered, true).Should().Be(new LevelTransition(MasteryLevel.Mastered, MasteryLevel.Mastered, "correct on a mixed assessment: already Mastered"));
        Khan.AfterAssessmentAnswer(MasteryLevel.Attempted, false).Should().Be(new LevelTransition(MasteryLevel.Attempted, MasteryLevel.Attempted, "wrong on a mixed assessment: stays Attempted"));
        Khan.AfterAssessmentAnswer(MasteryLevel.NotStarted, false).Should().Be(new LevelTransition(MasteryLevel.NotStarted, MasteryLevel.Attempted, "wrong on a mixed assessment: NotStarted → Attempted"));
        var up = Khan.AfterAssessmentAnswer(MasteryLevel.Familiar, true);
        up.Should().Be(new LevelTransition(MasteryLevel.Familiar, MasteryLevel.Proficient, "correct on a mixed assessment: Familiar → Proficient"));
        up.LeveledUp.Should().BeTrue();
        up.LeveledDown.Should().BeFalse();
    }

    [Theory]
    [InlineData(1.0, MasteryLevel.Mastered, false, "recall 1.00: no change")]
    [InlineData(0.9, MasteryLevel.Mastered, false, "recall 0.90: no change")]
    [InlineData(0.7, MasteryLevel.Mastered, true, "recall 0.70 < 0.90: due for review")]
    [InlineData(0.0, MasteryLevel.Proficient, true, "recall 0.00 < 0.70: shows as Proficient until reviewed")]
    public void AfterTime_AtTheThresholdsAndTheEnds(double retrievability, MasteryLevel shown, bool due, string reason)
        => Khan.AfterTime(MasteryLevel.Mastered, retrievability).Should().Be((new LevelTransition(MasteryLevel.Mastered, shown, reason), due));

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void AfterTime_RetrievabilityOutsideTheUnitInterval_IsRefusedWithIt(double retrievability)
    {
        var thrown = FluentActions.Invoking(() => Khan.AfterTime(MasteryLevel.Mastered, retrievability)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("retrievability");
        thrown.Message.Should().StartWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Retrievability must be in [0, 1]; got {retrievability}. (Parameter 'retrievability')"));
    }

    [Fact]
    public void LevelTransition_Default_HasAnEmptyReason()
    {
        default(LevelTransition).Reason.Should().BeEmpty();
        new LevelTransition(MasteryLevel.Familiar, MasteryLevel.Attempted, null!).Reason.Should().BeEmpty();
    }
}
