using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Scheduling;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary>
/// Issue 21: one stuck-learner rule (StuckRule): a touched competency not mastered after the wheel-spinning number of
/// pieces of evidence, listed in the framework's topological order by the recommender, the class overview and the
/// schedule's needs alike.
/// </summary>
public class StuckRuleTests
{
    private static readonly DateTimeOffset Start = TestData.Start;

    // Competencies c0..c{n-1} declared last first, so declaration order is not topological order; one practice each.
    private static ActivityCatalog ReverseDeclared((int Count, (int From, int To)[] Edges) dag)
    {
        var builder = new CompetencyFrameworkBuilder("reversed");
        for (var i = dag.Count - 1; i >= 0; i--)
        {
            builder.AddCompetency($"c{i}", $"Competency {i}");
        }

        foreach (var (from, to) in dag.Edges)
        {
            builder.AddPrerequisite($"c{from}", $"c{to}");
        }

        var framework = builder.Build();
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var c in framework.Competencies)
        {
            catalog.Add(new LearningActivity($"{c.Id}-p", $"{c.Id} practice", ActivityKind.Practice, 10, TestData.Align(c.Id.Value)));
        }

        return catalog.Build();
    }

    private static (ImmutableArray<CompetencyId> Recommender, ImmutableArray<CompetencyId> Overview, CompetencyId? FromRecommendation, CompetencyId? FromSnapshots) Everywhere(ActivityCatalog catalog, int[] failures)
    {
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var log = failures.SelectMany((n, c) => Enumerable.Range(0, n).Select(i => Evidence.ForCompetency($"e{c}-{i}", "ana", $"c{c}", EvidenceOutcome.Incorrect, Start.AddMinutes((c * 20) + i)))).ToList();
        var state = engine.Rebuild("ana", log);
        var asOf = Start.AddDays(1);
        var mastery = engine.Assess(state, asOf);
        var result = engine.RecommendNext(state, asOf: asOf);
        var overview = ClassOverview.Create([mastery]);
        return (
            [.. result.Stuck.Select(s => s.Competency)],
            [.. overview.Stuck.Select(s => s.Competency)],
            ScheduleNeeds.FromRecommendation(result, [], null).NextCompetency,
            ScheduleNeeds.FromSnapshots([mastery], _ => [], _ => null)[0].NextCompetency);
    }

    [Fact]
    public void StuckOnAPrerequisiteDeclaredAfterItsDependent_IsListedFirstEverywhere()
    {
        // c0 → c1, declared c1 first. Ten incorrect answers on each: both stuck. The recommender used to list them in
        // declaration order (c1, c0) and the class overview in topological order (c0, c1), so the schedule's next
        // competency depended on which one it was built from.
        var (recommender, overview, fromRecommendation, fromSnapshots) = Everywhere(ReverseDeclared((2, [(0, 1)])), [10, 10]);
        recommender.Should().Equal(new CompetencyId("c0"), new CompetencyId("c1"));
        overview.Should().Equal(recommender);
        fromRecommendation.Should().Be(new CompetencyId("c0"));
        fromSnapshots.Should().Be(new CompetencyId("c0"));

        // Nine pieces are not ten: nobody is stuck.
        Everywhere(ReverseDeclared((2, [(0, 1)])), [9, 9]).Recommender.Should().BeEmpty();
    }

    [Fact]
    public void Property_TheRecommenderTheOverviewAndTheScheduleAgree()
    {
        var severalStuck = 0;
        var gen = from dag in TestData.RandomDag
                  from failures in Gen.Int[0, 12].Array[dag.Count]
                  select (dag, failures);
        gen.Sample(t =>
        {
            var (recommender, overview, fromRecommendation, fromSnapshots) = Everywhere(ReverseDeclared((t.dag.Count, t.dag.Edges)), t.failures);
            if (recommender.Length >= 2)
            {
                Interlocked.Increment(ref severalStuck);
            }

            var expected = t.failures.Count(n => n >= StuckRule.DefaultAttempts);
            return recommender.Length == expected && recommender.SequenceEqual(overview)
                && (expected == 0 || (fromRecommendation == recommender[0] && fromSnapshots == recommender[0]));
        }, iter: PropertyRuns.Iter(100));
        if (PropertyRuns.FloorsAsserted)
        {
            severalStuck.Should().BeGreaterThan(20);
        }
    }
}
