using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery;

public class GoalPathsTests(ITestOutputHelper output)
{
    [Fact]
    public void Walk_OnTheDiamond_GivesEachGoalsUnmasteredWayInVisitOrder()
    {
        // Diamond: A → B, A → C, B → D, C → D, D → E. A mastered; goals E then C. E's way: E, D, then D's prerequisites B
        // and C as they are met (A is mastered and ends the walk there). C's way: C alone.
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.DecayingAverage());
        var mastery = TestData.Mastered(engine, "ana", "A");
        var f = engine.Framework;
        var walk = GoalPaths.Walk(mastery, [f.IndexOf("E"), f.IndexOf("C")]);

        walk.Select(p => (p.Goal, f.Competencies[p.Competency].Id.Value)).Should().Equal((0, "E"), (0, "D"), (0, "B"), (0, "C"), (1, "C"));
        GoalPaths.Walk(mastery, [f.IndexOf("A")]).Should().BeEmpty("a mastered goal has an empty way");
    }

    [Fact]
    public void Walk_FromAParent_TakesItsUnmasteredChildren_AndTheirPrerequisitesAndChildren_InTurn()
    {
        // TestData.Units: G ⊃ {U, D}, U ⊃ {B, C}, B → C. A parent is reached through its children (issue 21, fresh
        // review A): U's way is U, then its children B and C as they are met (C's prerequisite B is on it already).
        var engine = new PersonalizedLearningEngine(TestData.Units(), RollupMasteryModel.DecayingAverage());
        var f = engine.Framework;
        string[] Way(MasterySnapshot mastery, params string[] goals) =>
            [.. GoalPaths.Walk(mastery, [.. goals.Select(g => f.IndexOf(g))]).Select(p => $"{p.Goal}:{f.Competencies[p.Competency].Id}")];
        var none = TestData.Mastered(engine, "ana");

        Way(none, "U").Should().Equal("0:U", "0:B", "0:C");
        // A mastered child is not needed, and what it needs is not walked either.
        Way(TestData.Mastered(engine, "ana", "B"), "U").Should().Equal("0:U", "0:C");
        // Nested: G's children U and D, then U's children (depth first: D is met last, so walked first, and has none).
        Way(none, "G").Should().Equal("0:G", "0:U", "0:D", "0:B", "0:C");
        Way(none, "G", "U").Should().Equal("0:G", "0:U", "0:D", "0:B", "0:C", "1:U", "1:B", "1:C");
        // Every child mastered: the parent alone is on the way (it has nothing left to be reached through).
        Way(TestData.Mastered(engine, "ana", "B", "C"), "U").Should().Equal("0:U");
        Way(TestData.Mastered(engine, "ana", "U"), "U").Should().BeEmpty("a mastered parent ends the walk, its children too");
    }

    [Fact]
    public void Property_TheRecommendersGoalMarks_AreGoalPathsWalk()
    {
        // Issue 21 (one "goals plus their unmastered prerequisites"): AdaptiveRecommender marks what is on the way to the
        // learner's goals in its own walk over its per-thread scratch (so that a call allocates nothing for it); it must
        // mark exactly the competencies GoalPaths.Walk finds, each for the goal that matters most (nearest date, then
        // profile order), which is the first goal in that order whose way holds it. Random frameworks declared in random
        // order, half of them with a hierarchy (goals on parents reach their children: fresh review A), random mastered
        // sets, one to four goals with and without dates.
        var reach = new BranchReach(output)
            .Floor("declared out of topological order", 0.75)   // 85 % measured over 400 cases
            .Floor("a mastered prerequisite cuts a way", 0.25) // 34 %
            .Floor("two goals share a competency", 0.05)       // 12 %
            .Floor("a mastered goal", 0.6)                     // 72 %
            .Floor("a goal is a parent", 0.15)
            .Floor("a way takes a child", 0.06);
        var scenario =
            from dag in TestData.RandomDagWithHierarchy
            from mastered in Gen.Bool.Array[dag.Count]
            from goals in Gen.Select(Gen.Int[0, 24], Gen.Int[0, 3]).Array[1, 4]
            select (dag, mastered, goals);
        scenario.Sample(s =>
        {
            using var c = reach.Case();
            var (dag, masteredFlags, goalDraws) = s;
            var framework = TestData.Build(dag);
            var engine = new PersonalizedLearningEngine(TestData.CatalogFor(framework), RollupMasteryModel.DecayingAverage());
            var names = Enumerable.Range(0, dag.Count).Where(i => masteredFlags[i]).Select(i => $"c{i}").ToArray();
            var mastery = TestData.Mastered(engine, "ana", names);
            var goals = goalDraws.Select(g => (Competency: g.Item1 % dag.Count, Days: g.Item2))
                .DistinctBy(g => g.Competency)
                .Select(g => new LearningGoal($"c{g.Competency}", g.Days == 0 ? null : TestData.Start.AddDays(7 * g.Days)))
                .ToImmutableArray();
            var request = new NextStepRequest(engine.Catalog, mastery, 3, new LearnerProfile("ana", goals));

            var marks = AdaptiveRecommender.Default.GoalMarks(request);

            // GoalPaths over the goals in the recommender's order of importance: nearest date first, undated last, then
            // profile order.
            var order = Enumerable.Range(0, goals.Length).OrderBy(g => goals[g].TargetDate ?? DateTimeOffset.MaxValue).ThenBy(g => g).ToArray();
            var walk = GoalPaths.Walk(mastery, [.. order.Select(g => framework.IndexOf(goals[g].Competency))]);
            var expected = walk.GroupBy(p => p.Competency).Select(p => (Competency: p.Key, GoalSlot: order[p.Min(q => q.Goal)])).OrderBy(p => p.Competency).ToList();

            c.Hit("declared out of topological order", dag.DeclaredOutOfOrder);
            c.Hit("a mastered prerequisite cuts a way", walk.Any(p => HasMasteredPrerequisite(p.Competency)));
            c.Hit("two goals share a competency", walk.Count > expected.Count);
            c.Hit("a mastered goal", goals.Any(g => mastery.IsMastered(g.Competency)));
            c.Hit("a goal is a parent", goals.Any(g => !framework.GetChildren(g.Competency).IsEmpty));
            c.Hit("a way takes a child", walk.Any(p => walk.Any(q => q.Goal == p.Goal && framework.ParentIndices(p.Competency).Contains(q.Competency))));
            bool HasMasteredPrerequisite(int competency)
            {
                foreach (var prerequisite in framework.PrerequisiteIndices(competency))
                {
                    if (mastery.IsMasteredIndex(prerequisite))
                    {
                        return true;
                    }
                }

                return false;
            }

            marks.Should().Equal(expected, $"goals {string.Join(", ", goals)} with {string.Join(",", names)} mastered over {dag}");
        }, iter: PropertyRuns.Iter(400));
        reach.Check();
    }

    [Fact]
    public void Walk_AGoalWithFortyPrerequisites_GrowsItsStack_AndReachesEachOnce()
    {
        // The walk's stack starts at 32: a goal whose 40 prerequisites are all pushed at once makes it grow.
        var builder = new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder("wide").AddCompetency("G", "Goal");
        for (var i = 0; i < 40; i++)
        {
            builder.AddCompetency($"p{i:00}", $"P{i}").AddPrerequisite($"p{i:00}", "G");
        }

        var framework = builder.Build();
        var walk = GoalPaths.Walk(framework, new ulong[1], [0]);

        walk.Should().HaveCount(41);
        walk.Select(p => p.Competency).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(0, 41));
        walk[0].Should().Be((0, 0), "the goal first");
        var stack = new int[1];
        var marks = new CountingMarks(new bool[41]);
        GoalPaths.WalkFrom(framework, new ulong[1], 0, ref marks, ref stack);
        stack.Length.Should().Be(64, "from 1, doubled up to the 40 prerequisites pushed at once with the goal popped: 1, 2, 4, ..., 64");
    }

    [Fact]
    public void Walk_AChainOfFortyDiamonds_ReachesEachCompetencyOnce()
    {
        // Level k has two competencies, both prerequisites of each of level k − 1's (level 0's, of the goal): 2^40 ways from the goal down, 81
        // competencies. A competency reached again is not walked again, so the walk is linear in the edges.
        var builder = new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder("chain").AddCompetency("goal", "Goal");
        for (var level = 0; level < 40; level++)
        {
            builder.AddCompetency($"l{level}a", "a").AddCompetency($"l{level}b", "b");
            foreach (var above in level == 0 ? new[] { "goal" } : [$"l{level - 1}a", $"l{level - 1}b"])
            {
                builder.AddPrerequisite($"l{level}a", above).AddPrerequisite($"l{level}b", above);
            }
        }

        var framework = builder.Build();
        var marks = new CountingMarks(new bool[framework.Count]);
        var stack = new int[32];
        GoalPaths.WalkFrom(framework, new ulong[2], 0, ref marks, ref stack);

        marks.Offered.Count(o => o).Should().Be(81);
        GoalPaths.Walk(framework, new ulong[2], [0]).Should().HaveCount(81);
    }

    /// <summary>Marks that remember what was offered.</summary>
    private readonly struct CountingMarks(bool[] offered) : IGoalPathMarks
    {
        public bool[] Offered => offered;

        public bool TryMark(int competency)
        {
            if (offered[competency])
            {
                return false;
            }

            offered[competency] = true;
            return true;
        }
    }
}
