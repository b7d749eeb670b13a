using System.Text.Json.Nodes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary><see cref="EvidenceFolding"/>: the checks before a change, the onward and the refolding paths, the state at a
/// past moment, and the checks of a state read from a document (issue 21, section 1: the survivors of the first mutation
/// run of the files directly in Mastery).</summary>
public sealed class EvidenceFoldingTests
{
    private static readonly CompetencyFramework Framework = TestData.Diamond();
    private static readonly ActivityCatalog Catalog = TestData.CatalogFor(Framework);
    private static readonly RollupMasteryModel Latest = RollupMasteryModel.Latest();

    private static Evidence On(string id, string competency, double score, int minute, string learner = "ana")
        => Evidence.ForCompetency(id, learner, competency, EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(minute));

    // A piece on the competency's practice: the reader of a state document cannot tell which competencies it reached, so
    // a document edited around it is read, and refused at its first use (EnsureTracks).
    private static Evidence Practised(string id, string competency, double score, int minute)
        => Evidence.ForActivity(id, "ana", $"{competency.ToLowerInvariant()}-practice", EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(minute));

    private static LearnerState Folded(IMasteryModel model, params Evidence[] evidence)
        => EvidenceFolding.Change(LearnerState.Create("ana", model.Name), evidence, [], Catalog, model, "evidence", "retracted");

    [Fact]
    public void RequireModel_AStateOfAnotherModel_IsRefusedNamingBothModels()
    {
        var state = Folded(Latest, On("e1", "A", 1, 0));
        var other = RollupMasteryModel.Highest();

        var thrown = FluentActions.Invoking(() => EvidenceFolding.RequireModel(state, other)).Should().ThrowExactly<ArgumentException>().Which;
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be("Learner 'ana' was folded by mastery model 'latest', but this engine uses 'highest'; rebuild the state from the evidence log with this model. (Parameter 'state')");
        FluentActions.Invoking(() => EvidenceFolding.RequireModel(state, Latest)).Should().NotThrow();
    }

    [Fact]
    public void Validate_AndFold_EvidenceOfAnotherLearner_AreRefusedNamingTheStateAsItsOwner()
    {
        var state = Folded(Latest, On("e1", "A", 1, 0));
        var bo = On("e2", "B", 1, 1, learner: "bo");

        var validated = FluentActions.Invoking(() => EvidenceFolding.Validate(state, bo, Catalog, "piece")).Should().ThrowExactly<ArgumentException>().Which;
        validated.Message.Should().Be("Evidence 'e2' is about learner 'bo', but the state is for 'ana'. (Parameter 'piece')");
        var folded = FluentActions.Invoking(() => EvidenceFolding.Fold(state, bo, Catalog, Latest)).Should().ThrowExactly<ArgumentException>().Which;
        folded.ParamName.Should().Be("evidence");
        folded.Message.Should().Be("Evidence 'e2' is about learner 'bo', but the state is for 'ana'. (Parameter 'evidence')");
        state.EvidenceCount.Should().Be(1);
        state.Get("B").IsTouched.Should().BeFalse();
    }

    [Fact]
    public void Change_AnEmptyRetractedId_IsRefusedNamingTheRetractionsParameter()
    {
        var state = Folded(Latest, On("e1", "A", 1, 0));

        var thrown = FluentActions.Invoking(() => EvidenceFolding.Change(state, [On("e2", "B", 1, 1)], [default], Catalog, Latest, "evidence", "retracted"))
            .Should().ThrowExactly<ArgumentException>().Which;
        thrown.ParamName.Should().Be("retracted");
        thrown.Message.Should().Be("A retraction needs a non-empty evidence id; got the default (empty) id. (Parameter 'retracted')");
        state.EvidenceCount.Should().Be(1);
        state.HasApplied("e2").Should().BeFalse();
    }

    [Fact]
    public void Change_RetractingAnIdRetractedAlready_ReturnsTheSameInstance()
    {
        var state = Folded(Latest, On("e1", "A", 1, 0), On("e2", "A", 0.5, 1));
        var retracted = EvidenceFolding.Change(state, [], ["e2"], Catalog, Latest, "evidence", "retracted");
        retracted.Get("A").Estimate.Should().Be(1, "Latest keeps the last score left, e1's");

        EvidenceFolding.Change(retracted, [], ["e2"], Catalog, Latest, "evidence", "retracted").Should().BeSameAs(retracted, "nothing changed");
        EvidenceFolding.Change(retracted, [On("e2", "A", 0.5, 1)], ["e2"], Catalog, Latest, "evidence", "retracted").Should().BeSameAs(retracted, "a retracted id's evidence stays out");
    }

    [Fact]
    public void Change_TwoRetractionsOnTwoCompetencies_RefoldsBoth()
    {
        // Latest keeps the last score: A 1 then 0.2, B 0.9 then 0.3; retracting both last pieces leaves A at 1 and B at 0.9.
        var state = Folded(Latest, On("a1", "A", 1, 0), On("b1", "B", 0.9, 1), On("a2", "A", 0.2, 2), On("b2", "B", 0.3, 3));
        state.Get("A").Estimate.Should().Be(0.2);
        state.Get("B").Estimate.Should().Be(0.3);

        var after = EvidenceFolding.Change(state, [], ["a2", "b2"], Catalog, Latest, "evidence", "retracted");

        after.Get("A").Should().Be(new CompetencyState(1, 1, TestData.Start, TestData.Start, new MasteryMemory(1)));
        after.Get("B").Should().Be(new CompetencyState(1, 0.9, TestData.Start.AddMinutes(1), TestData.Start.AddMinutes(1), new MasteryMemory(0.9)));
        after.Competencies.Should().Equal(Folded(Latest, On("a1", "A", 1, 0), On("b1", "B", 0.9, 1)).Competencies);
    }

    [Fact]
    public void Change_InOrder_StepsTheModelOncePerNewPiece_ALatePieceRefoldsItsCompetency()
    {
        var model = new CountingModel(Latest);
        var state = Folded(model, On("e1", "A", 1, 0));
        state = EvidenceFolding.Change(state, [On("e2", "A", 0.5, 1)], [], Catalog, model, "evidence", "retracted");
        state = EvidenceFolding.Change(state, [On("e3", "A", 0.25, 2)], [], Catalog, model, "evidence", "retracted");
        model.Steps.Should().Be(3, "each piece after the competency's last one is folded onward: one model step each");

        state = EvidenceFolding.Change(state, [On("e0", "A", 0.75, -1)], [], Catalog, model, "evidence", "retracted");
        model.Steps.Should().Be(3 + 4, "a piece before the last one refolds the competency from its first piece: four steps");
        state.Get("A").Estimate.Should().Be(0.25);
        state.Get("A").FirstEvidenceAt.Should().Be(TestData.Start.AddMinutes(-1));
    }

    [Fact]
    public void StateAt_FoldsTheCompetencysEvidenceUpToTheMomentInclusive()
    {
        var state = Folded(Latest, On("e1", "A", 1, 0), On("e2", "A", 0.5, 10), On("e3", "A", 0.25, 20), On("b1", "B", 1, 5));

        EvidenceFolding.StateAt(state, "A", TestData.Start.AddMinutes(10), Catalog, Latest)
            .Should().Be(new CompetencyState(2, 0.5, TestData.Start, TestData.Start.AddMinutes(10), new MasteryMemory(0.5)), "e1 and e2, at or before minute 10");
        EvidenceFolding.StateAt(state, "A", TestData.Start.AddMinutes(9), Catalog, Latest)
            .Should().Be(new CompetencyState(1, 1, TestData.Start, TestData.Start, new MasteryMemory(1)));
        EvidenceFolding.StateAt(state, "A", TestData.Start.AddMinutes(20), Catalog, Latest).Should().Be(state.Get("A"));
        EvidenceFolding.StateAt(state, "A", TestData.Start.AddMinutes(-1), Catalog, Latest).Should().Be(default(CompetencyState), "all of it comes later");
    }

    [Fact]
    public void Apply_AModelsEstimateOutsideTheUnitInterval_OrMemoryNotFinite_IsRefusedNamingTheModel()
    {
        var observation = new MasteryObservation("A", null, EvidenceOutcome.Correct, 1, EvidenceKind.Formative, TestData.Start);

        var estimate = FluentActions.Invoking(() => EvidenceFolding.Apply(new FixedModel(new MasteryStep(1.5, default)), default, observation))
            .Should().ThrowExactly<InvalidOperationException>().Which;
        estimate.Message.Should().Be("Mastery model 'fixed' returned estimate 1.5 for competency 'A'; estimates must be in [0, 1].");
        var memory = FluentActions.Invoking(() => EvidenceFolding.Apply(new FixedModel(new MasteryStep(0.5, new MasteryMemory(0.5, double.NaN))), default, observation))
            .Should().ThrowExactly<InvalidOperationException>().Which;
        memory.Message.Should().Be("Mastery model 'fixed' returned a memory that is not finite for competency 'A': MasteryMemory { Slot0 = 0.5, Slot1 = NaN, Slot2 = 0, Slot3 = 0 }.");
        EvidenceFolding.Apply(new FixedModel(new MasteryStep(1, new MasteryMemory(1))), default, observation)
            .Should().Be(new CompetencyState(1, 1, TestData.Start, TestData.Start, new MasteryMemory(1)), "0 and 1 are estimates");
    }

    [Fact]
    public void EnsureTracks_AnotherCatalogInstanceWithOtherAlignments_IsRefusedListingBoth_TheSameAlignmentsAreTaken()
    {
        ActivityCatalog With(params string[] aligned) => new ActivityCatalogBuilder(Framework)
            .Add(new LearningActivity("proj", "Project", ActivityKind.Project, 60, [.. aligned.Select(c => new ActivityAlignment(c))])).Build();
        var one = With("B");
        var state = EvidenceFolding.Change(LearnerState.Create("ana", Latest.Name), [Evidence.ForActivity("p1", "ana", "proj", EvidenceOutcome.FromScore(0.4), TestData.Start)], [], one, Latest, "evidence", "retracted");

        var thrown = FluentActions.Invoking(() => EvidenceFolding.EnsureTracks(state, With("B", "D"), Latest)).Should().ThrowExactly<ArgumentException>().Which;
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be("Learner 'ana''s evidence on activity 'proj' was folded with its alignments [B (1)], which this engine's catalog changes to [B (1), D (1)]; rebuild the state with this catalog: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence). (Parameter 'state')");
        EvidenceFolding.EnsureTracks(state, With("B"), Latest).Keys.Select(k => k.Value).Should().Equal("B");
        EvidenceFolding.EnsureTracks(state, one, Latest).Keys.Select(k => k.Value).Should().Equal("B");
    }

    [Fact]
    public void EnsureTracks_ADocumentWhoseEvidenceNamesACompetencyTheFrameworkLacks_IsRefusedNamingTheState()
    {
        // The reader knows no framework; the check against it is the first use's. The state's own entry is renamed with
        // the piece, as the reader refuses a piece naming a competency the state does not list.
        var state = Folded(Latest, On("e1", "A", 1, 0));
        var json = JsonNode.Parse(PersonalizedLearningJson.Serialize(state))!;
        json["evidence"]![0]!["competency"]!.GetValue<string>().Should().Be("A");
        json["evidence"]![0]!["competency"] = "Q";
        json["competencies"]![0]!["competency"] = "Q";
        var restored = PersonalizedLearningJson.Deserialize<LearnerState>(json.ToJsonString());

        var thrown = FluentActions.Invoking(() => EvidenceFolding.EnsureTracks(restored, Catalog, Latest)).Should().ThrowExactly<UnknownCompetencyException>().Which;
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be("Evidence 'e1' names competency 'Q', which is not in framework 'Diamond'. (Parameter 'state')");
        restored.Tracks.Should().BeNull("refused, not adopted");
    }

    [Fact]
    public void EnsureTracks_ADocumentNamingACompetencyTheFrameworkLacks_IsRefusedNamingIt()
    {
        var state = Folded(Latest, Practised("e1", "A", 1, 0));
        var json = JsonNode.Parse(PersonalizedLearningJson.Serialize(state))!;
        var extra = json["competencies"]![0]!.DeepClone();
        extra["competency"] = "Q";
        json["competencies"]!.AsArray().Add(extra);
        var restored = PersonalizedLearningJson.Deserialize<LearnerState>(json.ToJsonString());

        var thrown = FluentActions.Invoking(() => EvidenceFolding.EnsureTracks(restored, Catalog, Latest)).Should().ThrowExactly<UnknownCompetencyException>().Which;
        thrown.Competency.Should().Be(new CompetencyId("Q"));
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be("Learner 'ana''s state, read from a document, names competency 'Q', which is not in framework 'Diamond'; rebuild it with this catalog: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence). (Parameter 'state')");
    }

    [Theory]
    [InlineData("extra", "C")]
    [InlineData("missing", "B")]
    [InlineData("edited", "A")]
    [InlineData("renamed and edited", "A")]
    public void EnsureTracks_ADocumentWhoseStoredStatesDifferFromItsEvidence_IsRefusedNamingTheFirstThatDiffers(string edit, string named)
    {
        // Evidence on A and B. "extra": a stored state of C, which no evidence reaches; "missing": B's stored state taken out;
        // "edited": A's stored estimate changed; "renamed and edited": A's estimate changed and B's state stored as C's, so
        // that the counts agree and A, the first in order, is the one named.
        var state = Folded(Latest, Practised("a1", "A", 1, 0), Practised("b1", "B", 0.5, 1));
        var json = JsonNode.Parse(PersonalizedLearningJson.Serialize(state))!;
        var competencies = json["competencies"]!.AsArray();
        competencies.Select(c => (string)c!["competency"]!).Should().Equal("A", "B");
        switch (edit)
        {
            case "extra":
                var c = competencies[1]!.DeepClone();
                c["competency"] = "C";
                competencies.Add(c);
                break;
            case "missing":
                competencies.RemoveAt(1);
                competencies[0]!["evidenceCount"]!.GetValue<int>().Should().Be(1);
                competencies[0]!["evidenceCount"] = 2; // a document counting less evidence than it holds is refused as it is read
                break;
            case "edited":
                competencies[0]!["estimate"] = 0.5;
                break;
            default:
                competencies[0]!["estimate"] = 0.5;
                competencies[1]!["competency"] = "C";
                break;
        }

        var restored = PersonalizedLearningJson.Deserialize<LearnerState>(json.ToJsonString());
        var thrown = FluentActions.Invoking(() => EvidenceFolding.EnsureTracks(restored, Catalog, Latest)).Should().ThrowExactly<ArgumentException>().Which;
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be($"Learner 'ana''s stored state of competency '{named}' is not what mastery model 'latest' folds from its evidence with this catalog (the document was edited, or the catalog's alignments changed since); rebuild it: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence). (Parameter 'state')");
        restored.Tracks.Should().BeNull("refused, not adopted");
        var untouched = PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(state));
        EvidenceFolding.EnsureTracks(untouched, Catalog, Latest).Keys.Select(k => k.Value).Should().Equal("A", "B");
    }

    /// <summary>A model that counts its steps, delegating them.</summary>
    private sealed class CountingModel(IMasteryModel inner) : IMasteryModel
    {
        public int Steps { get; private set; }

        public string Name => inner.Name;

        public string EstimateLabel => inner.EstimateLabel;

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation)
        {
            Steps++;
            return inner.Update(state, observation);
        }
    }

    /// <summary>A model that answers every observation with the same step.</summary>
    private sealed class FixedModel(MasteryStep step) : IMasteryModel
    {
        public string Name => "fixed";

        public string EstimateLabel => "fixed";

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation) => step;
    }
}
