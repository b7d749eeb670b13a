using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary><see cref="MasteryCore"/> and <see cref="CoreSeed"/>: an assessment kept on the state and served again, derived
/// from a predecessor's, or made from per-competency states or read-back assessments (issue 21, section 1: the survivors
/// of the first mutation run of the files directly in Mastery).</summary>
public sealed class MasteryCoreTests
{
    private static readonly CompetencyFramework Framework = TestData.Diamond();
    private static readonly ActivityCatalog Catalog = TestData.CatalogFor(Framework);
    private static readonly RollupMasteryModel Latest = RollupMasteryModel.Latest();

    private static Evidence On(string id, string competency, double score, int minute)
        => Evidence.ForCompetency(id, "ana", competency, EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(minute));

    private static LearnerState Fold(LearnerState state, params Evidence[] evidence)
        => EvidenceFolding.Change(state, evidence, [], Catalog, Latest, "evidence", "retracted");

    private static LearnerState Folded(params Evidence[] evidence) => Fold(LearnerState.Create("ana", Latest.Name), evidence);

    [Fact]
    public void For_KeepsTheCoreOnTheState_AndServesItAtLaterMomentsAndForAnEqualPolicy()
    {
        var state = Folded(On("a1", "A", 1, 0), On("a2", "A", 1, 1), On("b1", "B", 0.6, 2));
        var newest = TestData.Start.AddMinutes(2);

        var core = MasteryCore.For(state, Framework, Latest, MasteryPolicy.Default, newest);
        core.Should().NotBeNull("a moment at the newest evidence is served from the tracks");
        state.Core.Should().BeSameAs(core, "the state keeps it");
        core!.AssessedAt.Should().BeNull("Latest's estimate does not depend on time");
        core.Touched.Should().Equal(1, 2);
        core.Levels.Should().Equal(MasteryLevel.Mastered, MasteryLevel.Familiar);

        MasteryCore.For(state, Framework, Latest, MasteryPolicy.Default, newest.AddDays(3)).Should().BeSameAs(core, "a later moment is served by the same core");
        MasteryCore.For(state, Framework, Latest, new MasteryPolicy(), newest).Should().BeSameAs(core, "an equal policy is served too");
        MasteryCore.For(state, Framework, Latest, new MasteryPolicy(masteredThreshold: 0.9), newest).Should().NotBeSameAs(core);
        MasteryCore.For(state, Framework, Latest, MasteryPolicy.Default, newest.AddMinutes(-1)).Should().BeNull("a moment before the newest evidence is folded as of then");
    }

    [Fact]
    public void AssessmentAt_IsMadeOnce()
    {
        var state = Folded(On("a1", "A", 1, 0), On("a2", "A", 1, 1));
        var core = MasteryCore.For(state, Framework, Latest, MasteryPolicy.Default, TestData.Start.AddMinutes(1))!;

        var first = core.AssessmentAt(0);
        first.Should().Be(new MasteryAssessment("A", MasteryLevel.Mastered, MasteryReason.ReachedMastered, 2, 2, "latest score", 1, 0.85));
        core.AssessmentAt(0).Should().BeSameAs(first);
    }

    [Fact]
    public void For_AnotherFrameworkWithTheSameModelAndPolicy_IsNotServedTheKeptCore()
    {
        // The same competencies declared in another order: A's dense index is 1 in the diamond and 0 here.
        var other = new CompetencyFrameworkBuilder("other").AddCompetency("A", "Alpha").AddCompetency("U", "Unit").Build();
        var state = Folded(On("a1", "A", 1, 0), On("a2", "A", 1, 1));
        var kept = MasteryCore.For(state, Framework, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1))!;
        kept.Touched.Should().Equal(1);

        var core = MasteryCore.For(state, other, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1))!;
        core.Should().NotBeSameAs(kept);
        core.Framework.Should().BeSameAs(other);
        core.Touched.Should().Equal(0);
        core.Levels.Should().Equal(MasteryLevel.Mastered);
    }

    [Fact]
    public void For_AStateWithEvidenceOnACompetencyTheFrameworkLacks_IsRefusedNamingIt()
    {
        var state = Folded(On("a1", "A", 1, 0), On("b1", "B", 1, 1));
        var withoutB = new CompetencyFrameworkBuilder("no B").AddCompetency("A", "Alpha").Build();

        var thrown = FluentActions.Invoking(() => MasteryCore.For(state, withoutB, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1)))
            .Should().ThrowExactly<UnknownCompetencyException>().Which;
        thrown.Competency.Should().Be(new CompetencyId("B"));
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be("Learner 'ana' has evidence for competency 'B', which is not in framework 'no B'. (Parameter 'state')");
    }

    [Fact]
    public void FromStates_AssessesEachState_AndOrdersTheFrontierTopologically()
    {
        // Declared B, A, Z with A → B: the topological order is A, B, Z (among those free to go, the first declared). With A
        // mastered the frontier is B (A's dependent) and Z (no prerequisites), in that order.
        var framework = new CompetencyFrameworkBuilder("f").AddCompetency("B", "B").AddCompetency("A", "A").AddCompetency("Z", "Z").AddPrerequisite("A", "B").Build();
        CompetencyState Two(double score) => new(2, score, TestData.Start, TestData.Start.AddMinutes(1), new MasteryMemory(score));

        var core = MasteryCore.FromStates(framework, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1), [1, 2], [Two(0.9), Two(0.6)]);

        core.Estimates.Should().Equal(0.9, 0.6);
        core.Levels.Should().Equal(MasteryLevel.Mastered, MasteryLevel.Familiar);
        core.Counts.Should().Equal(2, 2);
        core.Frontier.Select(i => framework.Competencies[i].Id.Value).Should().Equal("B", "Z");
        core.AssessmentAt(1).Should().Be(new MasteryAssessment("Z", MasteryLevel.Familiar, MasteryReason.ReachedFamiliar, 2, 2, "latest score", 0.6, 0.5));
    }

    [Fact]
    public void FromStates_AModelsEstimateAtOutsideTheUnitInterval_IsRefusedNamingTheMoment()
    {
        var state = new CompetencyState(1, 0.5, TestData.Start, TestData.Start, new MasteryMemory(0.5));

        var thrown = FluentActions.Invoking(() => MasteryCore.FromStates(Framework, new EstimateAtModel(1.5), MasteryPolicy.Default, TestData.Start, [1], [state]))
            .Should().ThrowExactly<InvalidOperationException>().Which;
        thrown.Message.Should().Be("Mastery model 'at' returned estimate 1.5 for competency 'A' at 2026-09-07T09:00:00.0000000+00:00; estimates must be in [0, 1].");
        MasteryCore.FromStates(Framework, new EstimateAtModel(0), MasteryPolicy.Default, TestData.Start, [1], [state]).Levels.Should().Equal(MasteryLevel.Attempted);
        MasteryCore.FromStates(Framework, new EstimateAtModel(1), MasteryPolicy.Default, TestData.Start, [1], [state]).Levels.Should().Equal(MasteryLevel.Proficient);
    }

    [Fact]
    public void FromAssessments_TakesTheAssessmentsAsRead_AndALabelStandsForTheModel()
    {
        var states = new[] { new CompetencyState(2, 0.9, TestData.Start, TestData.Start, default), new CompetencyState(1, null, TestData.Start, TestData.Start, default) };
        MasteryAssessment[] assessments =
        [
            new("A", MasteryLevel.Mastered, MasteryReason.ReachedMastered, 2, 2, "read", 0.9, 0.85),
            new("B", MasteryLevel.Attempted, MasteryReason.NoScoreYet, 1, 2, "read", null, null),
        ];

        var core = MasteryCore.FromAssessments(Framework, null, MasteryPolicy.Default, TestData.Start, [1, 2], states, assessments, "read");

        core.Estimates[0].Should().Be(0.9);
        double.IsNaN(core.Estimates[1]).Should().BeTrue("B has no estimate");
        core.Levels.Should().Equal(MasteryLevel.Mastered, MasteryLevel.Attempted);
        core.Counts.Should().Equal(2, 1);
        core.AssessmentAt(1).Should().BeSameAs(assessments[1]);
        core.Model.Name.Should().Be("read");
        core.Model.EstimateLabel.Should().Be("read");
        var observation = new MasteryObservation("A", null, EvidenceOutcome.Correct, 1, EvidenceKind.Formative, TestData.Start);
        FluentActions.Invoking(() => core.Model.Update(default, observation)).Should().ThrowExactly<NotSupportedException>()
            .WithMessage("A snapshot read from a document has no model.");
        MasteryCore.FromAssessments(Framework, Latest, MasteryPolicy.Default, TestData.Start, [1, 2], states, assessments, "read").Model.Should().BeSameAs(Latest);
    }

    [Fact]
    public void For_AStateFoldedFromAnAssessedOne_DerivesItsCore_ReusingTheUnchangedAssessments()
    {
        var state = Folded(On("a1", "A", 1, 0), On("a2", "A", 1, 1));
        var first = MasteryCore.For(state, Framework, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1))!;
        var a = first.AssessmentAt(0);

        // C newly touched: merged, A's assessment taken from the first core.
        var withC = Fold(state, On("c1", "C", 0.6, 2));
        withC.Seed.Should().NotBeNull();
        withC.Seed!.Core.Should().BeSameAs(first);
        withC.Seed.Changed.Should().Equal(3);
        var second = MasteryCore.For(withC, Framework, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1))!;
        second.Touched.Should().Equal(1, 3);
        second.AssessmentAt(0).Should().BeSameAs(a);
        second.Levels.Should().Equal(MasteryLevel.Mastered, MasteryLevel.Familiar);
        var c = second.AssessmentAt(1);

        // A changed again, in place: the same touched competencies, A assessed again.
        var lower = Fold(withC, On("a3", "A", 0.2, 3));
        var third = MasteryCore.For(lower, Framework, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1))!;
        third.Touched.Should().BeSameAs(second.Touched, "the same competencies, replaced in a copy of the tracks");
        third.Levels.Should().Equal(MasteryLevel.Attempted, MasteryLevel.Familiar);
        third.AssessmentAt(1).Should().BeSameAs(c, "C's assessment, made before, is taken");
    }

    [Fact]
    public void After_KeepsASeed_UntilMoreThanAQuarterOfTheTouchedOr64Changed()
    {
        // Four touched, two changed at once: a seed.
        var four = Folded(On("a1", "A", 1, 0), On("b1", "B", 1, 0), On("c1", "C", 1, 0), On("d1", "D", 1, 0));
        MasteryCore.For(four, Framework, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1)).Should().NotBeNull();
        Fold(four, On("a2", "A", 0.5, 1), On("b2", "B", 0.5, 1)).Seed!.Changed.Should().Equal(1, 2);

        // A hundred touched: 64 changed keep a seed (64 is the floor), 65 do not.
        var builder = new CompetencyFrameworkBuilder("hundred");
        for (var i = 0; i < 100; i++)
        {
            builder.AddCompetency($"c{i:00}", $"C{i}");
        }

        var framework = builder.Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("p", "Practice", ActivityKind.Practice, 5, TestData.Align("c00"))).Build();
        LearnerState Change(LearnerState s, int count, int minute) => EvidenceFolding.Change(
            s, [.. Enumerable.Range(0, count).Select(i => Evidence.ForCompetency($"e{minute}-{i}", "ana", $"c{i:00}", EvidenceOutcome.Correct, TestData.Start.AddMinutes(minute)))], [], catalog, Latest, "evidence", "retracted");
        var hundred = Change(LearnerState.Create("ana", Latest.Name), 100, 0);
        MasteryCore.For(hundred, framework, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1)).Should().NotBeNull();

        Change(hundred, 64, 1).Seed.Should().NotBeNull();
        Change(hundred, 64, 1).Seed!.Changed.Should().HaveCount(64);
        Change(hundred, 65, 1).Seed.Should().BeNull("65 changed of 100 are assessed from scratch");
    }

    /// <summary>A model whose estimate at any moment is a fixed number.</summary>
    private sealed class EstimateAtModel(double estimate) : IMasteryModel
    {
        public string Name => "at";

        public string EstimateLabel => "at";

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation) => default;

        public double? EstimateAt(in CompetencyState state, DateTimeOffset asOf) => estimate;
    }
}
