using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Recommendations;

public class RemediationRuleTests(ITestOutputHelper output)
{
    private const int Limit = 20;
    private const int Failures = 3;

    // The competencies whose current failure run remediates by RemediationRule, read over the last `limit` pieces of a
    // history (in fold order) as both entry points read it, among those not mastered (the only ones a recommender or a
    // playlist remediates for).
    private static SortedSet<int> Remediating(ActivityCatalog catalog, MasterySnapshot mastery, IReadOnlyList<Evidence> history, int limit, int failures = Failures)
    {
        var rule = new RemediationRule();
        rule.Begin(catalog.Framework.Count);
        for (var j = history.Count - 1; j >= RemediationRule.OldestRead(history.Count, limit); j--)
        {
            var evidence = history[j];
            rule.Observe(evidence, catalog, evidence.ActivityIndexIn(catalog), !evidence.Outcome.PassesChecked(EvidenceOutcome.DefaultPassingScore));
        }

        var result = new SortedSet<int>();
        foreach (var competency in rule.Failing)
        {
            if (!mastery.IsMastered(catalog.Framework.Competencies[competency].Id) && rule.Remediates(competency, rule.FailuresNeeded(competency, failures)))
            {
                result.Add(competency);
            }
        }

        return result;
    }

    // A random framework of up to ten competencies declared in random order; per competency a practice, a checkpoint and
    // evidence naming it; a few checkpoints aligned to two competencies; a log of 25-80 pieces (so mostly longer than the
    // limit of 20) with scores either side of the passing score and runs of equal timestamps.
    private static readonly Gen<(RandomFramework Dag, (int, int)[] Pairs, (int Target, int Score, bool Tie)[] Pieces)> Scenario =
        from dag in TestData.RandomDag.Where(d => d.Count is >= 2 and <= 10)
        from pairs in Gen.Select(Gen.Int[0, 9], Gen.Int[0, 9]).Array[0, 3]
        from pieces in Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 4], Gen.Int[0, 3].Select(t => t == 0)).Array[25, 80]
        select (dag, pairs, pieces);

    private static readonly double[] Scores = [0.0, 0.3, 0.55, 0.9, 1.0];

    // Competencies A, B and C without prerequisites, a practice for each, and an engine remediating after 2 failures.
    private static (PersonalizedLearningEngine Engine, RecommenderOptions Options) ThreeCompetencies(int historyLimit)
    {
        var framework = new CompetencyFrameworkBuilder("abc").AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").Build();
        var builder = new ActivityCatalogBuilder(framework);
        foreach (var id in (string[])["A", "B", "C"])
        {
            builder.Add(new LearningActivity($"p{id}", $"Practise {id}", ActivityKind.Practice, 10, TestData.Align(id)));
        }

        var options = new RecommenderOptions(historyLimit: historyLimit, remediateAfterFailures: 2);
        return (new PersonalizedLearningEngine(builder.Build(), RollupMasteryModel.Latest(), recommender: new AdaptiveRecommender(options)), options);
    }

    // The runs of both worked cases below: failures on A and C in turn (e1 to e4), then two successes on B (e5, e6), piece
    // en at t + n minutes.
    private static Evidence[] RunsLog(DateTimeOffset t) =>
        [
            Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Incorrect, t.AddMinutes(1)),
            Evidence.ForCompetency("e2", "ana", "C", EvidenceOutcome.Incorrect, t.AddMinutes(2)),
            Evidence.ForCompetency("e3", "ana", "A", EvidenceOutcome.Incorrect, t.AddMinutes(3)),
            Evidence.ForCompetency("e4", "ana", "C", EvidenceOutcome.Incorrect, t.AddMinutes(4)),
            Evidence.ForCompetency("e5", "ana", "B", EvidenceOutcome.Correct, t.AddMinutes(5)),
            Evidence.ForCompetency("e6", "ana", "B", EvidenceOutcome.Correct, t.AddMinutes(6)),
        ];

    [Fact]
    public void TheRunsOlderPieces_BeyondTheRoom_AreLeftOutOldestFirst()
    {
        // Worked by hand, the kind of case seed exqy_JO_nED1 found: a limit of 4 keeps the newest 2 pieces (B passed twice)
        // and leaves 2 for the older pieces of the failure runs going on past them. A and C each failed twice (e1, e3 and
        // e2, e4), so their runs need 4 pieces: the newest two (e3, e4) are kept, e1 and e2 left out, and the history is
        // e3 e4 e5 e6, the bare window. Over it A and C have one failure each, short of the 2 that remediate; over the
        // whole log both remediate. The engine counts the 2 pieces it left out.
        var (engine, options) = ThreeCompetencies(historyLimit: 4);
        var (catalog, framework) = (engine.Catalog, engine.Framework);
        var t = TestData.Start;
        var state = engine.Rebuild("ana", RunsLog(t));
        var now = t.AddDays(1);
        var mastery = engine.Assess(state, now);

        var history = engine.ReadHistory(state, mastery, options, out var leftOut);

        leftOut.Should().Be(2);
        history.Select(e => e.Id.Value).Should().Equal("e3", "e4", "e5", "e6");
        engine.CreateRequest(state, asOf: now).History.Should().Equal(history);
        Remediating(catalog, mastery, state.Evidence, int.MaxValue, failures: 2).Should().Equal(framework.IndexOf("A"), framework.IndexOf("C"));
        Remediating(catalog, mastery, history, 4, failures: 2).Should().BeEmpty();
    }

    [Fact]
    public void TheRunsOlderPieces_WithinTheRoom_AreAllKept()
    {
        // The same runs after an older success on B, with a limit of 6: the newest half is e4 e5 e6, and the runs' older
        // pieces (e1, e3 for A; e2 for C) fit the 3 left, so nothing is left out and the history, e1 to e6, remediates A
        // and C as the whole log does.
        var (engine, options) = ThreeCompetencies(historyLimit: 6);
        var (catalog, framework) = (engine.Catalog, engine.Framework);
        var t = TestData.Start;
        var state = engine.Rebuild("ana", [Evidence.ForCompetency("e0", "ana", "B", EvidenceOutcome.Correct, t), .. RunsLog(t)]);
        var now = t.AddDays(1);
        var mastery = engine.Assess(state, now);

        var history = engine.ReadHistory(state, mastery, options, out var leftOut);

        leftOut.Should().Be(0);
        history.Select(e => e.Id.Value).Should().Equal("e1", "e2", "e3", "e4", "e5", "e6");
        Remediating(catalog, mastery, history, 6, failures: 2).Should().Equal(framework.IndexOf("A"), framework.IndexOf("C"));
    }

    [Theory]
    [InlineData("P", "C")]
    [InlineData("C", "P")]
    public void APieceOnACompetencyAndItsPrerequisite_BelongsToTheCompetencysRun_WhateverTheAlignmentOrder(string first, string second)
    {
        // Found by the property below: a failed checkpoint aligned to C and to its prerequisite P counted for C's run when
        // C was listed first, and closed C's run without counting when P was. It counts, then ends the run going back.
        var framework = new CompetencyFrameworkBuilder("pc").AddCompetency("P", "P").AddCompetency("C", "C").AddPrerequisite("P", "C").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("pc-check", "Check P and C", ActivityKind.Assessment, 10, [new(first), new(second)])).Build();
        var c = framework.IndexOf("C");
        var rule = new RemediationRule();
        rule.Begin(framework.Count);
        rule.Observe(Evidence.ForCompetency("newer", "ana", "C", EvidenceOutcome.Incorrect, TestData.Start.AddHours(1)), catalog, -1, failed: true);
        var check = Evidence.ForActivity("check", "ana", "pc-check", EvidenceOutcome.Incorrect, TestData.Start);
        rule.Observe(check, catalog, check.ActivityIndexIn(catalog), failed: true);
        rule.Observe(Evidence.ForCompetency("older", "ana", "C", EvidenceOutcome.Incorrect, TestData.Start.AddHours(-1)), catalog, -1, failed: true);

        rule.FailuresOf(c).Should().Be(2, "the newer failure and the checkpoint; the older one is behind the piece on P");
        rule.Remediates(c, 3).Should().BeTrue("the run holds a failed checkpoint");
    }

    [Fact]
    public void Property_TheEnginesBoundedHistory_RemediatesAsTheWholeLogDoes()
    {
        // Issue 21 (one remediation rule): the engine hands a recommender (and a playlist) at most HistoryLimit pieces,
        // the newest ones and, before them, the older part of each unmastered competency's failure run that goes on past
        // them (PersonalizedLearningEngine.OlderRuns, which reads per-competency tracks so that it costs what the learner
        // touched, not the log's length). RemediationRule read over that bounded history must remediate exactly the
        // competencies it remediates over the whole log: the two readings are one notion of a failure run.
        var reach = new BranchReach(output)
            .Floor("log longer than the limit", 0.5)
            .Floor("runs' older pieces added", 0.05)
            .Floor("whole log remediates", 0.1)
            .Floor("twice the failures needed (a prerequisite shown known)", 0.01)
            .Floor("compared", 0.9)
            .Floor("one piece given for two competencies", 0.001); // 0.5-1.1 % of 1,500 measured in four runs
        Scenario.Sample(scenario =>
        {
            using var c = reach.Case();
            var (dag, pairs, pieces) = scenario;
            var framework = TestData.Build(dag);
            var n = dag.Count;
            var builder = new ActivityCatalogBuilder(framework);
            for (var i = 0; i < n; i++)
            {
                builder.Add(new LearningActivity($"p{i}", $"Practise {i}", ActivityKind.Practice, 10, TestData.Align($"c{i}")));
                builder.Add(new LearningActivity($"k{i}", $"Check {i}", ActivityKind.Assessment, 10, TestData.Align($"c{i}")));
            }

            var twos = pairs.Select(p => (p.Item1 % n, p.Item2 % n)).Where(p => p.Item1 != p.Item2).Distinct().ToArray();
            for (var j = 0; j < twos.Length; j++)
            {
                builder.Add(new LearningActivity($"x{j}", $"Check two {j}", ActivityKind.Assessment, 10, [new($"c{twos[j].Item1}"), new($"c{twos[j].Item2}")]));
            }

            var catalog = builder.Build();
            var log = new List<Evidence>();
            var at = TestData.Start;
            for (var i = 0; i < pieces.Length; i++)
            {
                var (target, score, tie) = pieces[i];
                at = tie ? at : at.AddMinutes(1);
                var outcome = EvidenceOutcome.FromScore(Scores[score]);
                var k = target % ((3 * n) + twos.Length);
                log.Add(k < n ? Evidence.ForCompetency($"e{i:D3}", "ana", $"c{k}", outcome, at)
                    : k < 2 * n ? Evidence.ForActivity($"e{i:D3}", "ana", $"p{k - n}", outcome, at)
                    : k < 3 * n ? Evidence.ForActivity($"e{i:D3}", "ana", $"k{k - (2 * n)}", outcome, at)
                    : Evidence.ForActivity($"e{i:D3}", "ana", $"x{k - (3 * n)}", outcome, at));
            }

            var options = new RecommenderOptions(historyLimit: Limit, remediateAfterFailures: Failures);
            var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest(), recommender: new AdaptiveRecommender(options));
            var state = engine.Rebuild("ana", log);
            var now = at.AddDays(1);
            var mastery = engine.Assess(state, now);
            var bounded = engine.CreateRequest(state, asOf: now).History;
            engine.ReadHistory(state, mastery, options, out var leftOut).Should().Equal(bounded);
            // The engine's history is taken without the check a host's gets (NextStepRequest.EngineHistory); it passes that
            // check as it is, the pieces on two competencies' checks given once for each run they extend included.
            var checkedHistory = EvidenceOwnership.RequireHistory(bounded, "ana", catalog, now, "the request", "History");
            System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(checkedHistory).Should().BeSameAs(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(bounded));
            c.Hit("one piece given for two competencies", bounded.GroupBy(e => e.Id).Any(g => g.Count() > 1));
            var whole = state.Evidence;

            var expected = Remediating(catalog, mastery, whole, int.MaxValue);
            var actual = Remediating(catalog, mastery, bounded, Limit);
            c.Hit("log longer than the limit", whole.Length > Limit);
            c.Hit("runs' older pieces added", bounded.Length > 0 && Evidence.CompareFoldOrder(bounded[0], whole[^Math.Min(Limit, whole.Length)]) < 0);
            c.Hit("whole log remediates", expected.Count > 0);
            var flagged = new RemediationRule();
            flagged.Begin(framework.Count);
            foreach (var evidence in whole.Reverse())
            {
                flagged.Observe(evidence, catalog, evidence.ActivityIndexIn(catalog), !evidence.Outcome.PassesChecked(EvidenceOutcome.DefaultPassingScore));
            }

            c.Hit("twice the failures needed (a prerequisite shown known)", flagged.Failing.ToArray().Any(f => flagged.FailuresNeeded(f, Failures) == 2 * Failures));
            bounded.Length.Should().BeLessThanOrEqualTo(Limit);
            if (leftOut > 0)
            {
                // The runs' older pieces needed more than the room before the newest half of the window, and the oldest of
                // them were left out: the history is at most HistoryLimit pieces by contract, so this case is not compared
                // (the limit in production is 100, with room for 50 older pieces; worked below in
                // TheRunsOlderPieces_BeyondTheRoom_AreLeftOutOldestFirst). Whether pieces were left out is the engine's own
                // count: the history's first piece cannot tell, as a history cut at the window's first piece looks like
                // the bare window (seed exqy_JO_nED1 was compared that way and failed).
                bounded.Length.Should().Be(Limit, "pieces are left out only when the history is full");
                c.Hit("room full (not compared)", true);
                return;
            }

            c.Hit("compared");
            actual.Should().Equal(expected, $"the bounded history {string.Join(" ", bounded.Select(e => e.Id.Value + "/" + (e.Competency?.Value ?? e.Activity?.Value)))} of the log {string.Join(" ", whole.Select(e => $"{e.Id.Value}:{e.Competency?.Value ?? e.Activity?.Value}:{e.Outcome}"))} over {dag}");
        }, iter: PropertyRuns.Iter(1500));
        reach.Check();
    }
}
