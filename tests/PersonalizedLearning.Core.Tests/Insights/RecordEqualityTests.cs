using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Insights;

// Value equality and deconstruction of the Insights records: equal when every member is (collections by their items),
// and each deconstructs into its members in declaration order.

public class CatchUpLearnerTests
{
    private static readonly PersonalizedLearningEngine Engine = new(TestData.PlanCatalog, RollupMasteryModel.Latest());

    [Fact]
    public void Equals_TheSameSnapshot_AndEveryOtherMemberByValue()
    {
        var mastery = TestData.Mastered(Engine, "ana", "A");
        var piece = Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start);
        var learner = new CatchUpLearner(mastery, 5, [piece], new LearnerAccommodations(1.5));

        // A snapshot is compared by reference: an equal one taken again is another snapshot.
        RecordEquality.Check(learner, new CatchUpLearner(mastery, 5, [piece], new LearnerAccommodations(1.5)),
            learner with { Mastery = TestData.Mastered(Engine, "ana", "A") }, learner with { Grade = 4 }, learner with { Evidence = [] },
            learner with { Accommodations = null });
    }
}

public class LearnerCatchUpTests
{
    private static readonly PersonalizedLearningEngine Engine = new(TestData.PlanCatalog, RollupMasteryModel.Latest());

    private static readonly GradeBands Bands = new(TestData.PlanCatalog.Framework, c => c.Id.Value switch { "A" or "X" => 3, "B" => 4, "C" => 5, _ => null });

    internal static LearnerCatchUp Ana() => CatchUp.ForLearner(TestData.PlanCatalog, Bands, new CatchUpLearner(TestData.Mastered(Engine, "ana", "A"), 5),
        TestData.Start.AddDays(7), new CatchUpOptions(new PacingOptions(minutesPerWeek: 70)), new PlaylistOptions(AgencyLevel.Guided));

    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var ana = Ana();
        RecordEquality.Check(ana, Ana(),
            ana with { Learner = "ben" }, ana with { Grade = 4 }, ana with { CompletedGrade = 3 }, ana with { GradesBehind = 1 },
            ana with { Unmastered = ["B"] }, ana with { Unplanned = ["X"] }, ana with { RemainingMinutes = 121 },
            ana with { Pace = ana.Pace with { Factor = 2 } }, ana with { ProjectedCompletion = TestData.Start },
            ana with { Status = PacingStatus.AtRisk }, ana with { ExtraMinutesPerWeek = null }, ana with { ExtraTeacherMinutesPerWeek = 1 });
    }

    [Fact]
    public void Deconstruct_GivesTheMembersInOrder()
    {
        var ana = Ana();
        var (learner, grade, completed, behind, unmastered, unplanned, minutes, pace, projected, status, extra, teacher) = ana;

        (learner, grade, completed, behind).Should().Be((new LearnerId("ana"), 5, 2, 2));
        unmastered.Should().Equal(ana.Unmastered);
        unplanned.Should().BeEmpty();
        (minutes, pace, projected, status, extra, teacher).Should().Be((120.0, ana.Pace, TestData.Start.AddDays(12), PacingStatus.OffTrack, (double?)50, (double?)12.5));
        pace.Factor.Should().Be(1);
    }
}

public class GradesBehindCountTests
{
    [Fact]
    public void Deconstruct_GivesTheMembersInOrder()
    {
        var (grades, learners) = new GradesBehindCount(2, 7);

        (grades, learners).Should().Be((2, 7));
    }
}

public class ClassCatchUpTests
{
    private static ClassCatchUp Class() => CatchUp.ForClass(TestData.PlanCatalog,
        new GradeBands(TestData.PlanCatalog.Framework, c => c.Id.Value switch { "A" or "X" => 3, "B" => 4, "C" => 5, _ => null }),
        [new CatchUpLearner(TestData.Mastered(new PersonalizedLearningEngine(TestData.PlanCatalog, RollupMasteryModel.Latest()), "ana", "A"), 5)],
        TestData.Start.AddDays(7), new CatchUpOptions(new PacingOptions(minutesPerWeek: 70)), new PlaylistOptions(AgencyLevel.Guided));

    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var result = Class();
        RecordEquality.Check(result, Class(),
            result with { Learners = [] }, result with { Distribution = [new GradesBehindCount(0, 1)] }, result with { ExtraTeacherMinutesPerWeek = 1 },
            result with { TeacherFte = 1 }, result with { LearnersPastTheYear = 1 }, result with { EndOfYear = TestData.Start });
    }

    [Fact]
    public void Deconstruct_GivesTheMembersInOrder()
    {
        var result = Class();
        var (learners, distribution, teacher, fte, past, end) = result;

        learners.Should().Equal(LearnerCatchUpTests.Ana());
        distribution.Select(d => (d.GradesBehind, d.Learners)).Should().Equal((0, 0), (1, 0), (2, 1));
        (teacher, fte, past, end).Should().Be((12.5, 12.5 / 1500, 0, TestData.Start.AddDays(7)));
    }
}

public class CatalogCoverageOptionsTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var options = new CatalogCoverageOptions([ActivityKind.Practice, ActivityKind.Project], [LearningModality.Print], 1, includeParents: true);
        RecordEquality.Check(options, new CatalogCoverageOptions([ActivityKind.Practice, ActivityKind.Project], [LearningModality.Print], 1, includeParents: true),
            new CatalogCoverageOptions([ActivityKind.Practice], [LearningModality.Print], 1, includeParents: true),
            new CatalogCoverageOptions([ActivityKind.Practice, ActivityKind.Project], [], 1, includeParents: true),
            new CatalogCoverageOptions([ActivityKind.Practice, ActivityKind.Project], [LearningModality.Print], 2, includeParents: true),
            new CatalogCoverageOptions([ActivityKind.Practice, ActivityKind.Project], [LearningModality.Print], 1, includeParents: false));
    }
}

public class CoverageGapTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var gap = new CoverageGap("C", [ActivityKind.Practice], [LearningModality.Print], 2, 3);
        RecordEquality.Check(gap, new CoverageGap("C", [ActivityKind.Practice], [LearningModality.Print], 2, 3),
            new CoverageGap("D", [ActivityKind.Practice], [LearningModality.Print], 2, 3),
            new CoverageGap("C", [ActivityKind.Project], [LearningModality.Print], 2, 3),
            new CoverageGap("C", [ActivityKind.Practice], [], 2, 3),
            new CoverageGap("C", [ActivityKind.Practice], [LearningModality.Print], 1, 3),
            new CoverageGap("C", [ActivityKind.Practice], [LearningModality.Print], 2, 4));
    }

    [Fact]
    public void Deconstruct_GivesTheMembersInOrder()
    {
        var (competency, kinds, modalities, soon, onPath) = new CoverageGap("C", [ActivityKind.Practice], [LearningModality.Print], 2, 3);

        competency.Should().Be(new CompetencyId("C"));
        kinds.Should().Equal(ActivityKind.Practice);
        modalities.Should().Equal(LearningModality.Print);
        (soon, onPath).Should().Be((2, 3));
    }
}

public class CatalogCoverageReportTests
{
    private static CatalogCoverageReport Report()
    {
        var engine = new PersonalizedLearningEngine(TestData.PlanCatalog, RollupMasteryModel.Latest());
        return CatalogCoverage.Analyze(TestData.PlanCatalog, [(engine.Assess(engine.CreateLearner("ana"), TestData.Start), [new LearningGoal("C")])],
            new CatalogCoverageOptions([ActivityKind.Project]));
    }

    [Fact]
    public void Equals_EveryMemberByValue()
    {
        // A → B → C on ana's path, none with a project: three gaps.
        var report = Report();
        report.Gaps.Select(g => g.Competency.Value).Should().Equal("A", "B", "C");
        RecordEquality.Check(report, Report(),
            report with { Gaps = report.Gaps[..2] }, report with { CompetenciesOnPaths = 4 }, report with { Learners = 2 },
            report with { Options = CatalogCoverageOptions.Default });
    }

    [Fact]
    public void Deconstruct_GivesTheMembersInOrder()
    {
        var report = Report();
        var (gaps, onPaths, learners, options) = report;

        gaps.Should().Equal(report.Gaps);
        (onPaths, learners).Should().Be((3, 1));
        options.Kinds.Should().Equal(ActivityKind.Project);
    }
}

public class SmallGroupTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var group = new SmallGroup("U", ["ana", "ben"]);
        RecordEquality.Check(group, new SmallGroup("U", ["ana", "ben"]), new SmallGroup("A", ["ana", "ben"]), new SmallGroup("U", ["ana"]));
    }

    [Fact]
    public void Deconstruct_GivesTheMembersInOrder()
    {
        var (competency, learners) = new SmallGroup("U", ["ana", "ben"]);

        competency.Should().Be(new CompetencyId("U"));
        learners.Should().Equal(new LearnerId("ana"), new LearnerId("ben"));
    }
}

public class SmallGroupPlanTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var plan = new SmallGroupPlan([new SmallGroup("U", ["ana", "ben"])], ["cy"]);
        RecordEquality.Check(plan, new SmallGroupPlan([new SmallGroup("U", ["ana", "ben"])], ["cy"]),
            new SmallGroupPlan([], ["cy"]), new SmallGroupPlan([new SmallGroup("U", ["ana", "ben"])], []));
    }

    [Fact]
    public void Deconstruct_GivesTheMembersInOrder()
    {
        var (groups, ungrouped) = new SmallGroupPlan([new SmallGroup("U", ["ana", "ben"])], ["cy"]);

        groups.Should().Equal(new SmallGroup("U", ["ana", "ben"]));
        ungrouped.Should().Equal(new LearnerId("cy"));
    }
}

public class ClassOverviewRecordsTests
{
    private static readonly CompetencyFramework Framework = TestData.Diamond();

    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(Framework), RollupMasteryModel.Latest());

    private static ClassOverview Overview() => ClassOverview.Create(
        [Engine.Assess(Engine.Rebuild("ben", Enumerable.Range(0, 3).Select(i => Evidence.ForCompetency($"{i}", "ben", "A", EvidenceOutcome.FromScore(0.3), TestData.Start))), TestData.Start)],
        wheelSpinningAttempts: 3);

    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var overview = Overview();
        overview.Stuck.Should().ContainSingle();
        RecordEquality.Check(overview, Overview(), overview with { Learners = 2 }, overview with { Rows = overview.Rows[1..] }, overview with { Stuck = [] });
    }

    [Fact]
    public void Deconstruct_GivesTheMembersInOrder_AndSoDoTheRowsAndTheStuckLearners()
    {
        var overview = Overview();
        var (learners, rows, stuck) = overview;

        learners.Should().Be(1);
        rows.Should().Equal(overview.Rows);
        stuck.Should().Equal(overview.Stuck);

        var (competency, notStarted, attempted, familiar, proficient, mastered) = overview.Rows.Single(r => r.Competency == "A");
        (competency, notStarted, attempted, familiar, proficient, mastered).Should().Be((new CompetencyId("A"), 0, 1, 0, 0, 0));

        var (learner, flagged, attempts, level) = stuck[0];
        (learner, flagged, attempts, level).Should().Be((new LearnerId("ben"), new CompetencyId("A"), 3, MasteryLevel.Attempted));
    }
}
