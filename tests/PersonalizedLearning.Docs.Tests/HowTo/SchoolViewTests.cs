using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Scheduling;
using PersonalizedLearning.Sequencing;

namespace DocsHowTo;

public sealed class SchoolViewTests
{
    private static readonly (ActivityCatalog Catalog, PersonalizedLearning.Insights.GradeBands Bands) Strand = SchoolView.Strand();

    // ana has mastered the first competency of the chain, ben the first two, chloe the first three.
    private static MasterySnapshot[] Learners() =>
        [SchoolView.Learner(Strand.Catalog, "ana", 1), SchoolView.Learner(Strand.Catalog, "ben", 2), SchoolView.Learner(Strand.Catalog, "chloe", 3)];

    [Fact]
    public void CatchUpOne_AnaInGrade5WithOnlyGrade3Done_OneGradeBehindAndEightyMinutesToGo()
    {
        var ana = SchoolView.CatchUpOne(Strand.Catalog, Strand.Bands, Learners()[0]);

        // Grade 3 done, grade 4 not: one grade behind. Left by grade 5: 4.NF.A.1, 4.NF.B.3, 5.NF.A.1; the catalog has
        // nothing for 5.NF.A.1, so it is unplanned (and the learner off track). Planned work: 30 + 10 + 40 minutes at pace 1.
        (ana.CompletedGrade, ana.GradesBehind).Should().Be((3, 1));
        ana.Unmastered.Select(c => c.Value).Should().Equal("4.NF.A.1", "4.NF.B.3", "5.NF.A.1");
        ana.Unplanned.Select(c => c.Value).Should().Equal("5.NF.A.1");
        ana.RemainingMinutes.Should().Be(80);
        ana.Pace.IsObserved.Should().BeFalse();
        ana.Status.Should().Be(PacingStatus.OffTrack);
        // 80 minutes at 60 a week: 4/3 of a week, 9 days and 8 hours after Monday 08:00.
        ana.ProjectedCompletion.Should().Be(SchoolView.Monday.AddDays(9).AddHours(8));
    }

    [Fact]
    public void Coverage_ThreeLearnersTowardFiveNfA1_TwoGapsMostUrgentFirst()
    {
        var report = SchoolView.Coverage(Strand.Catalog, Learners());

        report.Learners.Should().Be(3);
        report.CompetenciesOnPaths.Should().Be(3);
        // 5.NF.A.1 has no activity and is on all three paths; 4.NF.B.3 lacks a checkpoint and is on ana's and ben's.
        report.Gaps.Select(g => (g.Competency.Value, g.LearnersOnPath, string.Join(",", g.MissingKinds))).Should().Equal(
            ("5.NF.A.1", 3, "Practice,Assessment"),
            ("4.NF.B.3", 2, "Assessment"));
    }

    [Fact]
    public void Release_MayaAt83PercentAndLeoAt50Percent_MayaReleasedLeoReturned()
    {
        var (maya, leo) = SchoolView.Release();

        (maya.From, maya.To, maya.Move).Should().Be((AgencyLevel.Guided, AgencyLevel.Choice, ReleaseMove.Released));
        maya.Reasons.Should().OnlyContain(r => r.Met);
        maya.Reasons.Single(r => r.Criterion == ReleaseCriterion.PlanAdherence).Value.Should().BeApproximately(5.0 / 6, 1e-12);
        (leo.From, leo.To, leo.Move).Should().Be((AgencyLevel.Choice, AgencyLevel.Guided, ReleaseMove.Returned));
        leo.Reasons.Should().ContainSingle().Which.Value.Should().Be(0.5);
        // As the article quotes them.
        maya.Reasons.Single(r => r.Criterion == ReleaseCriterion.PlanAdherence).Explanation.Should().Be("83.3 % of planned work done by its date; 80 % is needed for release.");
        leo.Reasons[0].Explanation.Should().Be("50 % of planned work done by its date; 60 % is below the return line.");
    }

    [Fact]
    public void PlanWeek_ThreeLearnersShareANextStepAndOneIsAlone_OneWorkshopOfThreeAndDevUnservedForGroupTooSmall()
    {
        var (request, plan) = SchoolView.PlanWeek(Strand.Catalog.Framework);

        WeekPlanChecker.Check(request, plan).Should().BeEmpty();
        var workshop = plan.Sessions.Should().ContainSingle().Which;
        (workshop.Kind, workshop.Competency!.Value.Value, workshop.Teacher.Value, workshop.Room.Value).Should().Be((SessionKind.Workshop, "4.NF.A.1", "rivera", "table-5A"));
        workshop.Learners.Select(l => l.Value).Should().BeEquivalentTo("ana", "ben", "chloe");
        // dev alone needs 4.NF.B.3, and a workshop needs at least two.
        plan.Unserved.Select(u => (u.Learner.Value, u.Kind, u.Reason)).Should().Equal(("dev", NeedKind.Workshop, UnservedReason.GroupTooSmall));
        // Every other slot is independent time in the classroom: 3 learners × 3 slots + dev's 4.
        plan.Independent.Should().HaveCount(13);
    }

    [Fact]
    public void HeatMap_ThreeLearners_TwelveCellsSixMasteredSixNotStarted()
    {
        var svg = SchoolView.HeatMap(Strand.Catalog.Framework, Learners());

        svg.Should().StartWith("<svg").And.Contain("<title>Fractions, grade 5</title>");
        // 1 + 2 + 3 mastered of 3 × 4 cells.
        svg.Should().Contain("Heat map of 3 learners (rows) by 4 competencies (columns, prerequisites first), each cell coloured by mastery level: 6 not started, 0 attempted, 0 familiar, 0 proficient, 6 mastered.");
    }
}
