using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="RemediationRule"/>'s walk worked by hand on two competencies, P a prerequisite of B (the history is read
/// newest first), and <see cref="RecommenderPolicy"/>'s name and refusals (mutation survivors of the Recommendations run).
/// </summary>
public sealed class RemediationRuleValueTests
{
    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("pb").AddCompetency("P", "P").AddCompetency("B", "B").AddPrerequisite("P", "B").Build();

    private static readonly PersonalizedLearning.Activities.ActivityCatalog Catalog = TestData.CatalogFor(Framework);

    private static readonly int B = Framework.IndexOf("B");

    private static void Observe(RemediationRule rule, string competency, bool failed) =>
        rule.Observe(Evidence.ForCompetency("e", "ana", competency, failed ? EvidenceOutcome.Incorrect : EvidenceOutcome.Correct, TestData.Start), Catalog, -1, failed);

    [Fact]
    public void FailuresOf_IsTheCurrentWalksCount_NotTheLastWalks()
    {
        var rule = new RemediationRule();
        rule.Begin(Framework.Count);
        Observe(rule, "B", failed: true);
        Observe(rule, "B", failed: true);
        rule.FailuresOf(B).Should().Be(2);
        rule.Begin(Framework.Count);
        rule.FailuresOf(B).Should().Be(0, "a new walk has seen nothing yet");
    }

    [Fact]
    public void AFailureBeforeASuccessOnTheSameCompetency_EndsNothingMore_AndTheFailuresNeededStay()
    {
        // Newest first: B passed, then (older) B failed. The success closed B's run itself, not a prerequisite's success,
        // so the older failure says nothing of the prerequisite: 2 failures are still needed, and none is counted.
        var rule = new RemediationRule();
        rule.Begin(Framework.Count);
        Observe(rule, "B", failed: false);
        Observe(rule, "B", failed: true);
        (rule.FailuresOf(B), rule.FailuresNeeded(B, 2)).Should().Be((0, 2));
    }

    [Fact]
    public void ASuccessOnAPrerequisiteBetweenFailures_EndsTheRun_AndDoublesTheFailuresNeeded()
    {
        // Newest first: B failed, P passed, B failed. P's success closes B's run after one failure (the older one is not
        // counted) and, a failure on B coming before it, shows the prerequisite known: 2 × 2 failures needed.
        var rule = new RemediationRule();
        rule.Begin(Framework.Count);
        Observe(rule, "B", failed: true);
        Observe(rule, "P", failed: false);
        Observe(rule, "B", failed: true);
        (rule.FailuresOf(B), rule.FailuresNeeded(B, 2)).Should().Be((1, 4));
    }

    [Fact]
    public void AfterTheLastGeneration_EveryStampIsCleared_SoNoOldCountLooksCurrent()
    {
        // The walk counter wraps after 2^31 walks: set to its last value (through its internal counter, as no test can walk that often),
        // the next walk clears the stamps and starts again at 1, the generation the first walk's failure was stamped with.
        var rule = new RemediationRule();
        rule.Begin(Framework.Count);
        Observe(rule, "B", failed: true);
        rule.Generation = int.MaxValue;
        rule.Begin(Framework.Count);
        rule.FailuresOf(B).Should().Be(0);
    }

    [Fact]
    public void RecommenderPolicy_IsNamed_AndRefusesNullsToCalibrate()
    {
        new RecommenderPolicy().Name.Should().Be("adaptive recommender");
        new RecommenderPolicy(name: "mine").Name.Should().Be("mine");
        var policy = new RecommenderPolicy();
        var log = ResponseLog.Create([new Response("ana", "B", true, 1)]);
        FluentActions.Invoking(() => policy.Calibrate(null!, Catalog, RollupMasteryModel.Latest())).Should().ThrowExactly<ArgumentNullException>().WithParameterName("log");
        FluentActions.Invoking(() => policy.Calibrate(log, null!, RollupMasteryModel.Latest())).Should().ThrowExactly<ArgumentNullException>().WithParameterName("catalog");
        FluentActions.Invoking(() => policy.Calibrate(log, Catalog, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("model");
        policy.Calibrate(log, Catalog, RollupMasteryModel.Latest()).Should().BeSameAs(policy, "only a BKT model is calibrated");
        var bkt = new PersonalizedLearning.Mastery.KnowledgeTracing.BktModel([]);
        var calibrated = policy.Calibrate(log, Catalog, bkt).Should().BeOfType<RecommenderPolicy>().Which;
        calibrated.Should().NotBeSameAs(policy);
        (calibrated.Calibrates, calibrated.Gating is null, calibrated.Name).Should().Be((true, false, "adaptive recommender"), "a BKT model gives the prerequisites' gating, and the policy still calibrates");
        var fixedPolicy = new RecommenderPolicy(calibrate: false);
        fixedPolicy.Calibrate(log, Catalog, bkt).Should().BeSameAs(fixedPolicy, "a policy that does not calibrate is kept");
    }
}
