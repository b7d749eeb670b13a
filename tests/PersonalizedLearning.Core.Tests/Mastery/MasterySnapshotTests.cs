using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary><see cref="MasterySnapshot"/>: its derived members, found once, then read without allocating (issue 21, section 2); its
/// arguments, a moment before some evidence, the weakest prerequisite and <see cref="MasterySnapshot.ToString"/> (section 1:
/// the survivors of the first mutation run of the files directly in Mastery).</summary>
public sealed class MasterySnapshotTests
{
    [Fact]
    public void Mastered_IsTheCompetenciesAssessedMastered_FoundOnce()
    {
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var ana = engine.Record(engine.CreateLearner("ana"), Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start));
        ana = engine.Record(ana, Evidence.ForCompetency("e2", "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddMinutes(1)));
        ana = engine.Record(ana, Evidence.ForCompetency("e3", "ana", "B", EvidenceOutcome.Incorrect, TestData.Start.AddMinutes(2)));
        var snapshot = engine.Assess(ana, TestData.Start.AddMinutes(3));

        snapshot.Mastered.Should().Equal([new CompetencyId("A")], "A has two correct answers and B a wrong one");
        snapshot.Mastered.Should().Equal(snapshot.GetAll().Where(a => a.Level == MasteryLevel.Mastered).Select(a => a.Competency));
        Allocations.OfWarmCall(() => _ = snapshot.Mastered).Should().Be(0);
    }

    private static readonly CompetencyFramework Diamond = TestData.Diamond();
    private static readonly RollupMasteryModel Latest = RollupMasteryModel.Latest();

    private static Evidence On(string id, string competency, double score, int minute)
        => Evidence.ForCompetency(id, "ana", competency, EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(minute));

    private static LearnerState Folded(CompetencyFramework framework, IMasteryModel model, params Evidence[] evidence)
    {
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("p", "Practice", ActivityKind.Practice, 5, TestData.Align(framework.Competencies[0].Id.Value))).Build();
        return EvidenceFolding.Change(LearnerState.Create("ana", model.Name), evidence, [], catalog, model, "evidence", "retracted");
    }

    private static MasterySnapshot Snapshot(CompetencyFramework framework, params Evidence[] evidence)
        => MasterySnapshot.Create(framework, Folded(framework, Latest, evidence), Latest, MasteryPolicy.Default, TestData.Start.AddHours(1));

    [Fact]
    public void Create_NullArguments_OrAnotherModelsState_AreRefused()
    {
        var state = Folded(Diamond, Latest, On("a1", "A", 1, 0));
        var policy = MasteryPolicy.Default;

        FluentActions.Invoking(() => MasterySnapshot.Create(null!, state, Latest, policy, TestData.Start)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("framework");
        FluentActions.Invoking(() => MasterySnapshot.Create(Diamond, null!, Latest, policy, TestData.Start)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("state");
        FluentActions.Invoking(() => MasterySnapshot.Create(Diamond, state, null!, policy, TestData.Start)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("model");
        FluentActions.Invoking(() => MasterySnapshot.Create(Diamond, state, Latest, null!, TestData.Start)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("policy");
        FluentActions.Invoking(() => MasterySnapshot.Create(Diamond, state, RollupMasteryModel.Highest(), policy, TestData.Start)).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Learner 'ana' was folded by mastery model 'latest', but this engine uses 'highest';*").Which.ParamName.Should().Be("state");
        state.Core.Should().BeNull("nothing was assessed");
    }

    [Fact]
    public void Create_AStateReadFromADocumentNotYetChecked_IsRefused_AnEmptyOneIsAssessed()
    {
        var state = Folded(Diamond, Latest, On("a1", "A", 1, 0));
        var read = PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(state));

        var thrown = FluentActions.Invoking(() => MasterySnapshot.Create(Diamond, read, Latest, MasteryPolicy.Default, TestData.Start.AddHours(1))).Should().ThrowExactly<ArgumentException>().Which;
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be("Learner 'ana''s state was read from a document and not yet checked against its evidence; assess it through the engine (engine.Assess), which checks it first, so that an edited document cannot pass for mastery. (Parameter 'state')");

        var empty = PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(LearnerState.Create("ana", Latest.Name)));
        var snapshot = MasterySnapshot.Create(Diamond, empty, Latest, MasteryPolicy.Default, TestData.Start);
        snapshot.GetAll().Select(a => a.Level).Should().AllBeEquivalentTo(MasteryLevel.NotStarted);
    }

    [Fact]
    public void Create_AtAMomentBeforeSomeEvidence_FoldsEachCompetencyUpToIt()
    {
        // Declared B, A, C (A's dense index 1, B's 0): the states are kept by id (A, B, C), the snapshot by dense index.
        var framework = new CompetencyFrameworkBuilder("bac").AddCompetency("B", "B").AddCompetency("A", "A").AddCompetency("C", "C").Build();
        var state = Folded(framework, Latest,
            On("a1", "A", 1, 0), On("a2", "A", 0.9, 1), // all before minute 5
            On("b1", "B", 0.6, 0), On("b2", "B", 0.2, 10), // one before, one after
            On("c1", "C", 1, 10)); // all after

        var snapshot = MasterySnapshot.Create(framework, state, Latest, MasteryPolicy.Default, TestData.Start.AddMinutes(5));

        snapshot.Get("A").Should().Be(new MasteryAssessment("A", MasteryLevel.Mastered, MasteryReason.ReachedMastered, 2, 2, "latest score", 0.9, 0.85));
        snapshot.Get("B").Should().Be(new MasteryAssessment("B", MasteryLevel.Familiar, MasteryReason.ReachedFamiliar, 1, 2, "latest score", 0.6, 0.5));
        snapshot.Get("C").Level.Should().Be(MasteryLevel.NotStarted, "all of C's evidence comes later");
        snapshot.TouchedIndices.ToArray().Should().Equal(0, 1);
        snapshot.Mastered.Should().Equal(new CompetencyId("A"));
        state.Core.Should().BeNull("an assessment before the newest evidence is not kept");

        var withoutC = new CompetencyFrameworkBuilder("no C").AddCompetency("B", "B").AddCompetency("A", "A").Build();
        var thrown = FluentActions.Invoking(() => MasterySnapshot.Create(withoutC, state, Latest, MasteryPolicy.Default, TestData.Start.AddMinutes(5)))
            .Should().ThrowExactly<UnknownCompetencyException>().Which;
        thrown.Competency.Should().Be(new CompetencyId("C"));
        thrown.Message.Should().Be("Learner 'ana' has evidence for competency 'C', which is not in framework 'no C'. (Parameter 'state')");
    }

    [Fact]
    public void EstimateAtPosition_AndEstimateAt_AreTheEstimate_Or0WhenUntouchedOrNotScored()
    {
        var snapshot = Snapshot(Diamond, On("a1", "A", 0.9, 0), On("b1", "B", 0.4, 1));
        snapshot.EstimateAtPosition(0).Should().Be(0.9);
        snapshot.EstimateAtPosition(1).Should().Be(0.4);
        snapshot.EstimateAtPosition(-1).Should().Be(0);
        snapshot.EstimateAt(1).Should().Be(0.9, "A's dense index is 1");
        snapshot.EstimateAt(3).Should().Be(0, "C is untouched");

        var unscored = new NoScoreModel();
        var state = Folded(Diamond, unscored, On("a1", "A", 0.9, 0));
        var notScored = MasterySnapshot.Create(Diamond, state, unscored, MasteryPolicy.Default, TestData.Start.AddHours(1));
        notScored.EstimateAtPosition(0).Should().Be(0);
        notScored.EstimateAt(1).Should().Be(0);
    }

    [Fact]
    public void WeakestPrerequisite_IsTheLowestEstimate_ThenTheEarliestInTheSequence()
    {
        // The diamond: D's prerequisites B and C (B before C in dense index and in the sequence).
        Snapshot(Diamond, On("b", "B", 0.3, 0), On("c", "C", 0.6, 0)).WeakestPrerequisite(4).Should().Be(2, "B is lower");
        Snapshot(Diamond, On("b", "B", 0.6, 0), On("c", "C", 0.3, 0)).WeakestPrerequisite(4).Should().Be(3, "C is lower");
        Snapshot(Diamond, On("b", "B", 0.5, 0), On("c", "C", 0.5, 0)).WeakestPrerequisite(4).Should().Be(2, "a tie goes to B, earlier in the sequence");
        Snapshot(Diamond).WeakestPrerequisite(4).Should().Be(2, "both untouched count as 0");
        Snapshot(Diamond, On("a", "A", 0.5, 0)).WeakestPrerequisite(1).Should().Be(-1, "A has no prerequisite");

        // Declared X, Y, D with Y → X and both → D: D's prerequisites come as X, Y by dense index, but Y is earlier in the sequence.
        var xyd = new CompetencyFrameworkBuilder("xyd").AddCompetency("X", "X").AddCompetency("Y", "Y").AddCompetency("D", "D")
            .AddPrerequisite("Y", "X").AddPrerequisite("X", "D").AddPrerequisite("Y", "D").Build();
        xyd.TopologicalOrder.Select(c => c.Value).Should().Equal("Y", "X", "D");
        Snapshot(xyd, On("x", "X", 0.3, 0), On("y", "Y", 0.6, 0)).WeakestPrerequisite(2).Should().Be(0, "X is lower, though later in the sequence");
        Snapshot(xyd, On("x", "X", 0.5, 0), On("y", "Y", 0.5, 0)).WeakestPrerequisite(2).Should().Be(1, "a tie goes to Y, earlier in the sequence");
    }

    [Fact]
    public void ToString_ListsUpToFiveOfTheFrontier_ThenHowManyInAll()
    {
        static CompetencyFramework Independent(int count)
        {
            var builder = new CompetencyFrameworkBuilder($"{count} apart");
            foreach (var name in "abcdef"[..count])
            {
                builder.AddCompetency(name.ToString(), name.ToString());
            }

            return builder.Build();
        }

        Snapshot(Independent(5)).ToString().Should().Be("MasterySnapshot { Learner = ana, AsOf = 2026-09-07T10:00:00.0000000+00:00, Framework = 5 apart, Touched = 0, Mastered = 0, Frontier = [a, b, c, d, e] }");
        Snapshot(Independent(6)).ToString().Should().Be("MasterySnapshot { Learner = ana, AsOf = 2026-09-07T10:00:00.0000000+00:00, Framework = 6 apart, Touched = 0, Mastered = 0, Frontier = [a, b, c, d, e, … 6 in all] }");
    }

    /// <summary>A model that never scores.</summary>
    private sealed class NoScoreModel : IMasteryModel
    {
        public string Name => "no score";

        public string EstimateLabel => "no score";

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation) => default;
    }
}
