using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Insights;

public class InsightsTests
{
    private static readonly DateTimeOffset Now = TestData.Start;
    private static readonly CompetencyFramework Framework = TestData.Diamond();
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(Framework), RollupMasteryModel.Latest());

    private static (LearnerId, CompetencyId?) Next(string learner, string? competency) => (learner, competency is null ? (CompetencyId?)null : new CompetencyId(competency));

    [Fact]
    public void Groups_AreEvenSplitsOfLearnersWhoShareTheirNextCompetency()
    {
        // Seven learners on B, at most three per group: 3, 2, 2 (by id). Two on C: one group. One on D alone: ungrouped,
        // as is the learner with nothing next. Groups come largest first, then in the framework's sequence (B before C),
        // then by their first learner.
        var next = new[]
        {
            Next("l7", "B"), Next("l1", "B"), Next("l2", "B"), Next("l3", "B"), Next("l4", "B"), Next("l5", "B"), Next("l6", "B"),
            Next("m2", "C"), Next("m1", "C"), Next("solo", "D"), Next("done", null),
        };

        var plan = SmallGroups.Form(Framework, next, maximumSize: 3);

        plan.Groups.Select(g => $"{g.Competency}: {string.Join(",", g.Learners)}").Should().Equal(
            "B: l1,l2,l3", "B: l4,l5", "B: l6,l7", "C: m1,m2");
        plan.Ungrouped.Select(l => l.Value).Should().Equal("done", "solo");
    }

    [Fact]
    public void Groups_FromSnapshots_UseTheFirstFrontierCompetency()
    {
        var ana = Engine.Assess(Engine.Rebuild("ana", [Evidence.ForCompetency("1", "ana", "A", EvidenceOutcome.Correct, Now), Evidence.ForCompetency("2", "ana", "A", EvidenceOutcome.Correct, Now)]), Now);
        var ben = Engine.Assess(Engine.Rebuild("ben", [Evidence.ForCompetency("1", "ben", "A", EvidenceOutcome.Correct, Now), Evidence.ForCompetency("2", "ben", "A", EvidenceOutcome.Correct, Now)]), Now);
        var cy = Engine.Assess(Engine.CreateLearner("cy"), Now);

        // All three have U (first in the sequence, no prerequisites) first on their frontier; at most two per group,
        // three learners split 2 + 1, and a group of one is no group.
        var plan = SmallGroups.FormByFrontier([ana, ben, cy], 2);

        ana.GetFrontier()[0].Should().Be(new CompetencyId("U"));
        plan.Groups.Should().Equal(new SmallGroup("U", ["ana", "ben"]));
        plan.Ungrouped.Should().Equal(new LearnerId("cy"));
    }

    [Fact]
    public void Property_EveryLearnerIsInAtMostOneGroup_GroupsRespectTheSizes_AndShareTheirCompetency()
    {
        var gen = from n in Gen.Int[0, 200]
                  from picks in Gen.Int[-1, 3].Array[n]
                  from max in Gen.Int[1, 6]
                  from min in Gen.Int[1, max]
                  select (picks, max, min);
        var ids = Framework.TopologicalOrder;
        gen.Sample(input =>
        {
            var next = input.picks.Select((p, i) => Next($"l{i}", p < 0 ? null : ids[p].Value)).ToList();
            var plan = SmallGroups.Form(Framework, next, input.max, input.min);

            var nextOf = next.ToDictionary(x => x.Item1, x => x.Item2);
            var grouped = plan.Groups.SelectMany(g => g.Learners).ToList();
            grouped.Concat(plan.Ungrouped).Should().OnlyHaveUniqueItems().And.HaveCount(next.Count);
            foreach (var group in plan.Groups)
            {
                group.Learners.Length.Should().BeInRange(input.min, input.max);
                group.Learners.All(l => nextOf[l] == group.Competency).Should().BeTrue();
            }
        }, iter: PropertyRuns.Iter(300));
    }

    [Fact]
    public void ClassOverview_CountsLevels_AndFlagsStuckLearners()
    {
        var ana = Engine.Rebuild("ana", [Evidence.ForCompetency("1", "ana", "A", EvidenceOutcome.Correct, Now), Evidence.ForCompetency("2", "ana", "A", EvidenceOutcome.Correct, Now)]);
        var ben = Engine.Rebuild("ben", Enumerable.Range(0, 10).Select(i => Evidence.ForCompetency($"{i}", "ben", "A", EvidenceOutcome.FromScore(0.3), Now)));
        var cy = Engine.CreateLearner("cy");

        var overview = ClassOverview.Create([Engine.Assess(ben, Now), Engine.Assess(ana, Now), Engine.Assess(cy, Now)]);

        overview.Learners.Should().Be(3);
        overview.Rows.Select(r => r.Competency).Should().Equal(Framework.TopologicalOrder);
        var a = overview.Rows.Single(r => r.Competency == "A");
        (a.NotStarted, a.Attempted, a.Familiar, a.Proficient, a.Mastered).Should().Be((1, 1, 0, 0, 1));
        a[MasteryLevel.Mastered].Should().Be(1);
        overview.Rows.Where(r => r.Competency != "A").Should().OnlyContain(r => r.NotStarted == 3);
        overview.Stuck.Should().Equal(new StuckLearner("ben", "A", 10, MasteryLevel.Attempted));
    }

    [Fact]
    public void BadInput_IsRejected_WithClearErrors()
    {
        FluentActions.Invoking(() => SmallGroups.Form(Framework, [Next("a", "A"), Next("a", "B")], 3)).Should().Throw<ArgumentException>()
            .WithMessage("Learner 'a' is listed twice; a learner can be in one group only.*");
        FluentActions.Invoking(() => SmallGroups.Form(Framework, [Next("a", "Z")], 3)).Should().Throw<ArgumentException>()
            .WithMessage("Learner 'a' has next competency 'Z', which is not in framework 'Diamond'.*");
        FluentActions.Invoking(() => SmallGroups.Form(Framework, [], 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SmallGroups.Form(Framework, [], 2, 3)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ClassOverview.Create([])).Should().Throw<ArgumentException>().WithMessage("A class overview needs at least one learner.*");
        var ana = Engine.Assess(Engine.CreateLearner("ana"), Now);
        FluentActions.Invoking(() => ClassOverview.Create([ana, ana])).Should().Throw<ArgumentException>().WithMessage("Learner 'ana' is listed twice.*");
        FluentActions.Invoking(() => ClassOverview.Create([ana], 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Groups_FromNoSnapshots_AreNone_AndALearnerWithNothingOnTheFrontier_IsUngrouped()
    {
        SmallGroups.FormByFrontier([], 2).Should().Be(new SmallGroupPlan([], []));

        // Dee has mastered everything: her frontier is empty.
        var all = Engine.Assess(Engine.Rebuild("dee", Framework.TopologicalOrder.SelectMany(c => new[]
        {
            Evidence.ForCompetency($"{c}1", "dee", c, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{c}2", "dee", c, EvidenceOutcome.Correct, Now),
        })), Now);
        var cy = Engine.Assess(Engine.CreateLearner("cy"), Now);

        all.GetFrontier().Should().BeEmpty();
        var plan = SmallGroups.FormByFrontier([cy, all], 2, 1);
        plan.Groups.Should().Equal(new SmallGroup("U", ["cy"]));
        plan.Ungrouped.Should().Equal(new LearnerId("dee"));
    }

    [Fact]
    public void Groups_FromBadSnapshots_AreRefusedSayingWhich()
    {
        var ana = Engine.Assess(Engine.CreateLearner("ana"), Now);
        var other = new CompetencyFrameworkBuilder("other").AddCompetency("A", "A").Build();
        var otherEngine = new PersonalizedLearningEngine(TestData.CatalogFor(other), RollupMasteryModel.Latest());

        FluentActions.Invoking(() => SmallGroups.FormByFrontier(null!, 2)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("snapshots");
        FluentActions.Invoking(() => SmallGroups.FormByFrontier([ana, null!], 2)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("snapshots");
        FluentActions.Invoking(() => SmallGroups.FormByFrontier([ana, otherEngine.Assess(otherEngine.CreateLearner("o"), Now)], 2)).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("snapshots").WithMessage("The snapshot of learner 'o' is over a different framework from the first one's. (Parameter 'snapshots')");
    }

    [Fact]
    public void ClassOverview_CountsEveryLevel_AndListsStuckLearnersByLearnerThenInSequence()
    {
        // One learner at each level on A (Latest: the last score against 0.5 / 0.7 / 0.85; two correct answers master),
        // and one who has not started. Stuck at 3 attempts: ann on B and D, ben on A; given ben first.
        var snapshots = new[]
        {
            Scored("ben", ("A", 0.3), ("A", 0.3), ("A", 0.3)),
            Scored("ann", ("B", 0.3), ("B", 0.3), ("B", 0.3), ("D", 0.3), ("D", 0.3), ("D", 0.3)),
            Scored("fay", ("A", 0.6)),
            Scored("pat", ("A", 0.8)),
            Scored("max", ("A", 1), ("A", 1)),
            Scored("nil"),
        };

        var overview = ClassOverview.Create(snapshots, wheelSpinningAttempts: 3);

        var a = overview.Rows.Single(r => r.Competency == "A");
        (a.NotStarted, a.Attempted, a.Familiar, a.Proficient, a.Mastered).Should().Be((2, 1, 1, 1, 1));
        var b = overview.Rows.Single(r => r.Competency == "B");
        (b.NotStarted, b.Attempted, b.Familiar, b.Proficient, b.Mastered).Should().Be((5, 1, 0, 0, 0));
        overview.Stuck.Select(s => (s.Learner.Value, s.Competency.Value, s.Attempts, s.Level)).Should().Equal(
            ("ann", "B", 3, MasteryLevel.Attempted), ("ann", "D", 3, MasteryLevel.Attempted), ("ben", "A", 3, MasteryLevel.Attempted));

        MasterySnapshot Scored(string learner, params (string Competency, double Score)[] scores) =>
            Engine.Assess(Engine.Rebuild(learner, scores.Select((s, i) => Evidence.ForCompetency($"{learner}{i}", learner, s.Competency, EvidenceOutcome.FromScore(s.Score), Now))), Now);
    }

    [Fact]
    public void ClassOverview_Empty_HasEveryCompetencyNotStartedByNobody()
    {
        var empty = ClassOverview.Empty(Framework);

        empty.Learners.Should().Be(0);
        empty.Rows.Select(r => r.Competency).Should().Equal(Framework.TopologicalOrder);
        empty.Rows.Should().OnlyContain(r => r.NotStarted == 0 && r.Attempted == 0 && r.Familiar == 0 && r.Proficient == 0 && r.Mastered == 0);
        empty.Stuck.Should().BeEmpty();
        FluentActions.Invoking(() => ClassOverview.Empty(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("framework");
    }

    [Fact]
    public void ClassOverview_BadSnapshots_AreRefusedSayingWhich()
    {
        var ana = Engine.Assess(Engine.CreateLearner("ana"), Now);
        var other = new CompetencyFrameworkBuilder("other").AddCompetency("A", "A").Build();
        var otherEngine = new PersonalizedLearningEngine(TestData.CatalogFor(other), RollupMasteryModel.Latest());

        FluentActions.Invoking(() => ClassOverview.Create(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("snapshots");
        FluentActions.Invoking(() => ClassOverview.Create([ana, null!])).Should().ThrowExactly<ArgumentNullException>().WithParameterName("snapshots");
        FluentActions.Invoking(() => ClassOverview.Create([ana, otherEngine.Assess(otherEngine.CreateLearner("o"), Now)])).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("snapshots").WithMessage("The snapshot of learner 'o' is over a different framework from the first one's. (Parameter 'snapshots')");
        var counts = ClassOverview.Empty(Framework).Rows[0];
        FluentActions.Invoking(() => counts[(MasteryLevel)9]).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithParameterName("level").WithMessage("Undefined mastery level. (Parameter 'level')*");
    }
}
