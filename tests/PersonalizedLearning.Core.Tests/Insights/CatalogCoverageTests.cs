using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using Xunit.Abstractions;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Insights;

public class CatalogCoverageTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = TestData.Start;

    // A → B → C → D, A → X; Z off every path of a learner with goals.
    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("cover")
        .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("D", "D").AddCompetency("X", "X").AddCompetency("Z", "Z")
        .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "D").AddPrerequisite("A", "X")
        .Build();

    // A: practice, assessment, project (covered). B: practice only. C: nothing. D: practice + assessment (print).
    // X: assessment + project. Z: nothing.
    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Framework)
        .Add(new LearningActivity("a-p", "A p", ActivityKind.Practice, 10, TestData.Align("A")))
        .Add(new LearningActivity("a-a", "A a", ActivityKind.Assessment, 10, TestData.Align("A")))
        .Add(new LearningActivity("a-j", "A j", ActivityKind.Project, 10, TestData.Align("A")))
        .Add(new LearningActivity("b-p", "B p", ActivityKind.Practice, 10, TestData.Align("B")))
        .Add(new LearningActivity("d-p", "D p", ActivityKind.Practice, 10, TestData.Align("D")))
        .Add(new LearningActivity("d-a", "D a", ActivityKind.Assessment, 10, TestData.Align("D"), LearningModality.Print))
        .Add(new LearningActivity("x-a", "X a", ActivityKind.Assessment, 10, TestData.Align("X")))
        .Add(new LearningActivity("x-j", "X j", ActivityKind.Project, 10, TestData.Align("X")))
        .Build();

    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    private static MasterySnapshot Mastered(string learner, params string[] competencies) => TestData.Mastered(Engine, learner, competencies);

    private static (MasterySnapshot, ImmutableArray<LearningGoal>) L(MasterySnapshot mastery, params string[] goals) =>
        (mastery, [.. goals.Select(g => new LearningGoal(g))]);

    [Fact]
    public void Gaps_AreTheUncoveredCompetenciesOnPaths_WeightedByLearnersReachingThemSoon()
    {
        // Ana (A mastered, goal D): path B (depth 0), C (1), D (2). Ben (nothing, goal X): path A (0), X (1).
        // Cy (A, B mastered, goal D): C (0), D (1). Soon within 1 layer: Ana reaches B, C; Ben A, X; Cy C, D.
        var learners = new[] { L(Mastered("ana", "A"), "D"), L(Mastered("ben"), "X"), L(Mastered("cy", "A", "B"), "D") };

        var report = CatalogCoverage.Analyze(Catalog, learners, new CatalogCoverageOptions(soonWithin: 1));

        // C: no kind, 2 soon (ana, cy), 2 on path. B: no assessment or project, 1 soon, 1 on path. D: no project,
        // 1 soon (cy), 2 on path. X: no practice, 1 soon, 1 on path. A is covered; Z is on no path.
        report.Gaps.Should().Equal(
            new CoverageGap("C", [ActivityKind.Practice, ActivityKind.Assessment, ActivityKind.Project], [], 2, 2),
            new CoverageGap("D", [ActivityKind.Project], [], 1, 2),
            new CoverageGap("B", [ActivityKind.Assessment, ActivityKind.Project], [], 1, 1),
            new CoverageGap("X", [ActivityKind.Practice], [], 1, 1));
        report.CompetenciesOnPaths.Should().Be(5);
        report.Learners.Should().Be(3);
    }

    [Fact]
    public void Modalities_AndLearnersWithoutGoals_AreCounted()
    {
        // Without goals every unmastered competency is on the path: Z too. Print: only D has a print activity.
        var report = CatalogCoverage.Analyze(Catalog, [L(Mastered("dee", "A", "B", "C", "D", "X"))],
            new CatalogCoverageOptions(kinds: [ActivityKind.Practice], modalities: [LearningModality.Print, LearningModality.Digital], soonWithin: 0));

        report.Gaps.Should().Equal(new CoverageGap("Z", [ActivityKind.Practice], [LearningModality.Print, LearningModality.Digital], 1, 1));

        var nobody = CatalogCoverage.Analyze(Catalog, []);
        nobody.Gaps.Should().BeEmpty();
        nobody.CompetenciesOnPaths.Should().Be(0);
    }

    [Fact]
    public void AParentInTheHierarchy_IsNotAGap_UnlessAskedFor()
    {
        var framework = new CompetencyFrameworkBuilder("tree").AddCompetency("P", "Strand").AddCompetency("A", "A").AddCompetency("B", "B")
            .AddChild("P", "A").AddChild("P", "B").Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("a", "a", ActivityKind.Practice, 5, TestData.Align("A"))).Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var learner = (engine.Assess(engine.CreateLearner("l"), Now), ImmutableArray<LearningGoal>.Empty);

        CatalogCoverage.Analyze(catalog, [learner], new CatalogCoverageOptions(kinds: [ActivityKind.Practice])).Gaps.Select(g => g.Competency.Value).Should().Equal("B");
        CatalogCoverage.Analyze(catalog, [learner], new CatalogCoverageOptions(kinds: [ActivityKind.Practice], includeParents: true)).Gaps.Select(g => g.Competency.Value)
            .Should().BeEquivalentTo(["P", "B"]);
    }

    [Fact]
    public void Property_TheReportListsExactlyTheUncoveredCompetenciesOnSomePath()
    {
        var gen = from dag in TestData.RandomDag
                  from kinds in Gen.Int[0, 3].Array[dag.Count]
                  from learners in Gen.Select(Gen.Int[0, (1 << 10) - 1], Gen.Int[-1, dag.Count - 1]).Array[0, 6]
                  from soon in Gen.Int[0, 3]
                  select (dag, kinds, learners, soon);
        // The depth rule matters in a good share of scenarios (some learner has a gap on the path but not soon).
        const string NotSoon = "a gap on a path but not soon for some learner";
        var reach = new BranchReach(output).Floor(NotSoon, 0.1).Floor("a gap", 0.5).Floor("declared out of topological order", 0.5);
        gen.Sample(t =>
        {
            using var scope = reach.Case();
            scope.Hit("declared out of topological order", t.dag.DeclaredOutOfOrder);
            var framework = TestData.Build(t.dag);
            // A lesson (not a needed kind) so that the catalog is never empty.
            var builder = new ActivityCatalogBuilder(framework).Add(new LearningActivity("lesson", "l", ActivityKind.Lesson, 5, TestData.Align("c0")));
            for (var i = 0; i < t.dag.Count; i++)
            {
                // 0: nothing, 1: practice, 2: practice + assessment, 3: practice + assessment + project.
                foreach (var kind in new[] { ActivityKind.Practice, ActivityKind.Assessment, ActivityKind.Project }.Take(t.kinds[i]))
                {
                    builder.Add(new LearningActivity($"a{i}{kind}", "a", kind, 5, TestData.Align($"c{i}")));
                }
            }

            var catalog = builder.Build();
            var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
            var input = t.learners.Select((l, k) =>
            {
                var mastered = Enumerable.Range(0, Math.Min(10, t.dag.Count)).Where(i => (l.Item1 & (1 << i)) != 0).Select(i => $"c{i}").ToArray();
                var evidence = mastered.Select((c, i) => Evidence.ForCompetency($"e{k}-{i}", $"l{k}", c, EvidenceOutcome.Correct, Now)).ToImmutableArray();
                var snapshot = engine.Assess(engine.Rebuild($"l{k}", evidence), Now);
                ImmutableArray<LearningGoal> goals = l.Item2 < 0 ? [] : [new LearningGoal($"c{l.Item2}")];
                return (snapshot, goals);
            }).ToArray();

            var report = CatalogCoverage.Analyze(catalog, input, new CatalogCoverageOptions(soonWithin: t.soon));

            // Independently: a path is the unmastered goals plus their unmastered prerequisite closure (all unmastered
            // without goals), depth by recursion.
            var onPath = new Dictionary<CompetencyId, int>();
            var soonCount = new Dictionary<CompetencyId, int>();
            foreach (var (snapshot, goals) in input)
            {
                var path = goals.IsEmpty
                    ? framework.Competencies.Select(c => c.Id).Where(c => !snapshot.IsMastered(c)).ToHashSet()
                    : Closure(framework, snapshot, goals.Select(g => g.Competency));
                foreach (var c in path)
                {
                    onPath[c] = onPath.GetValueOrDefault(c) + 1;
                    if (Depth(framework, snapshot, c) <= t.soon)
                    {
                        soonCount[c] = soonCount.GetValueOrDefault(c) + 1;
                    }
                }
            }

            var expected = onPath.Keys.Where(c => t.kinds[int.Parse(c.Value[1..])] < 3).ToHashSet();
            report.Gaps.Select(g => g.Competency).Should().BeEquivalentTo(expected);
            report.CompetenciesOnPaths.Should().Be(onPath.Count);
            foreach (var gap in report.Gaps)
            {
                gap.LearnersOnPath.Should().Be(onPath[gap.Competency]);
                gap.LearnersSoon.Should().Be(soonCount.GetValueOrDefault(gap.Competency));
                gap.MissingKinds.Length.Should().Be(3 - t.kinds[int.Parse(gap.Competency.Value[1..])]);
            }

            report.Gaps.Select(g => g.LearnersSoon).Should().BeInDescendingOrder();
            scope.Hit("a gap", report.Gaps.Length > 0);
            scope.Hit(NotSoon, report.Gaps.Any(g => g.LearnersSoon < g.LearnersOnPath));
        }, iter: PropertyRuns.Iter(400));
        reach.Check();
    }

    private static HashSet<CompetencyId> Closure(CompetencyFramework framework, MasterySnapshot snapshot, IEnumerable<CompetencyId> goals)
    {
        var result = new HashSet<CompetencyId>();
        var stack = new Stack<CompetencyId>(goals.Where(g => !snapshot.IsMastered(g)));
        while (stack.TryPop(out var c))
        {
            if (result.Add(c))
            {
                foreach (var p in framework.GetPrerequisites(c).Where(p => !snapshot.IsMastered(p)))
                {
                    stack.Push(p);
                }
            }
        }

        return result;
    }

    private static int Depth(CompetencyFramework framework, MasterySnapshot snapshot, CompetencyId c) =>
        framework.GetPrerequisites(c).Where(p => !snapshot.IsMastered(p)).Select(p => Depth(framework, snapshot, p) + 1).DefaultIfEmpty(0).Max();

    [Fact]
    public void BadInputs_ThrowTheExactException()
    {
        var ana = Mastered("ana");
        var other = new CompetencyFrameworkBuilder("other").AddCompetency("A", "A").Build();
        var otherEngine = new PersonalizedLearningEngine(TestData.CatalogFor(other), RollupMasteryModel.Latest());

        FluentActions.Invoking(() => CatalogCoverage.Analyze(Catalog, [L(ana), L(ana)])).Should().Throw<ArgumentException>().WithMessage("*'ana' is listed twice*");
        FluentActions.Invoking(() => CatalogCoverage.Analyze(Catalog, [L(ana, "Q")])).Should().Throw<ArgumentException>().WithMessage("*'Q'*");
        FluentActions.Invoking(() => CatalogCoverage.Analyze(Catalog, [L(otherEngine.Assess(otherEngine.CreateLearner("o"), Now))])).Should().Throw<ArgumentException>().WithParameterName("learners");
        FluentActions.Invoking(() => CatalogCoverage.Analyze(Catalog, null!)).Should().Throw<ArgumentNullException>().WithParameterName("learners");
        FluentActions.Invoking(() => new CatalogCoverageOptions(kinds: [ActivityKind.Practice, ActivityKind.Practice])).Should().Throw<ArgumentException>().WithParameterName("kinds");
        FluentActions.Invoking(() => new CatalogCoverageOptions(modalities: [(LearningModality)99])).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("modalities");
        FluentActions.Invoking(() => new CatalogCoverageOptions(soonWithin: -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("soonWithin");
    }

    [Fact]
    public void Property_ALearnersPath_IsWhatAPlaylistToTheGoalsTeaches()
    {
        // Issue 21: one "goals plus their unmastered prerequisites" (GoalPaths). The coverage report's path of a learner
        // (every competency on it is a gap when the only kind asked for is Video, which no activity has) is the set of
        // learn steps of a playlist to the same goals. Reached: a walk cut at a mastered prerequisite, and a mastered goal.
        var cutAtMastered = 0;
        var masteredGoal = 0;
        var gen = from dag in TestData.RandomDag
                  from mastered in Gen.Bool.Array[dag.Count]
                  from goals in Gen.Bool.Array[dag.Count]
                  select (dag, mastered, goals);
        gen.Sample(t =>
        {
            var framework = TestData.Build(t.dag);
            var builder = new ActivityCatalogBuilder(framework);
            foreach (var c in framework.Competencies)
            {
                builder.Add(new LearningActivity($"{c.Id}-p", $"{c.Id} practice", ActivityKind.Practice, 10, TestData.Align(c.Id.Value)));
            }

            var catalog = builder.Build();
            var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
            var mastery = TestData.Mastered(engine, "ana", [.. Enumerable.Range(0, t.dag.Count).Where(i => t.mastered[i]).Select(i => $"c{i}")]);
            ImmutableArray<LearningGoal> goals = [.. Enumerable.Range(0, t.dag.Count).Where(i => t.goals[i]).Select(i => new LearningGoal($"c{i}"))];
            if (goals.IsEmpty)
            {
                return true;
            }

            if (goals.Any(g => mastery.IsMastered(g.Competency)))
            {
                Interlocked.Increment(ref masteredGoal);
            }

            if (t.dag.Edges.Any(e => t.mastered[e.From] && !t.mastered[e.To]))
            {
                Interlocked.Increment(ref cutAtMastered);
            }

            var path = CatalogCoverage.Analyze(catalog, [(mastery, goals)], new CatalogCoverageOptions(kinds: [ActivityKind.Video])).Gaps.Select(g => g.Competency).ToHashSet();
            var taught = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, mastery, goals)).Steps.Where(s => s.Kind == PlaylistStepKind.Learn).Select(s => s.Competency).ToHashSet();
            return path.SetEquals(taught);
        }, iter: PropertyRuns.Iter(200));
        if (PropertyRuns.FloorsAsserted)
        {
            cutAtMastered.Should().BeGreaterThan(40);
            masteredGoal.Should().BeGreaterThan(40);
        }
    }

    [Fact]
    public void Options_EveryBadValue_IsNamedInOneException_AndTheBoundsAreAccepted()
    {
        var e = FluentActions.Invoking(() => new CatalogCoverageOptions(
                kinds: [(ActivityKind)99, ActivityKind.Practice, ActivityKind.Practice],
                modalities: [(LearningModality)99, LearningModality.Print, LearningModality.Print],
                soonWithin: 1001))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which;

        e.ParamName.Should().Be("kinds");
        e.Message.Should().Be("The catalog-coverage options are not valid:"
            + " kinds: every activity kind must be defined; got 99."
            + " kinds: every activity kind must be listed once; got Practice 2 times."
            + " modalities: every modality must be defined; got 99."
            + " modalities: every modality must be listed once; got Print 2 times."
            + " soonWithin: the soon-within layers must be in [0, 1000]; got 1001. (Parameter 'kinds')");
        new CatalogCoverageOptions(soonWithin: 0).SoonWithin.Should().Be(0);
        new CatalogCoverageOptions(soonWithin: 1000).SoonWithin.Should().Be(1000);
    }

    [Fact]
    public void Analyze_BadLearners_AreRefusedSayingWhich()
    {
        var ana = Mastered("ana");
        var other = new CompetencyFrameworkBuilder("other").AddCompetency("A", "A").Build();
        var otherEngine = new PersonalizedLearningEngine(TestData.CatalogFor(other), RollupMasteryModel.Latest());

        FluentActions.Invoking(() => CatalogCoverage.Analyze(null!, [L(ana)])).Should().ThrowExactly<ArgumentNullException>().WithParameterName("catalog");
        FluentActions.Invoking(() => CatalogCoverage.Analyze(Catalog, [L(ana), L(null!)])).Should().ThrowExactly<ArgumentNullException>().WithParameterName("learners");
        FluentActions.Invoking(() => CatalogCoverage.Analyze(Catalog, [L(otherEngine.Assess(otherEngine.CreateLearner("o"), Now))])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("The mastery of learner 'o' was taken over a different framework from the catalog's. (Parameter 'learners')");
        FluentActions.Invoking(() => CatalogCoverage.Analyze(Catalog, [L(ana, "B", "Q")])).Should().ThrowExactly<UnknownCompetencyException>()
            .WithParameterName("learners").WithMessage("Learner 'ana' has a goal for competency 'Q', which is not in framework 'cover'. (Parameter 'learners')");
    }

    [Fact]
    public void AModality_IsMissingOnlyWhenNoCoveringActivityHasIt()
    {
        // D has a digital practice and a print checkpoint: print is there, hands-on is not.
        var report = CatalogCoverage.Analyze(Catalog, [L(Mastered("dee", "A", "B", "C"), "D")],
            new CatalogCoverageOptions(kinds: [ActivityKind.Practice], modalities: [LearningModality.Print, LearningModality.HandsOn]));

        report.Gaps.Should().Equal(new CoverageGap("D", [], [LearningModality.HandsOn], 1, 1));
    }
}
