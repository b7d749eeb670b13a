using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Serialization;

public class PersonalizedLearningJsonTests
{
    private static readonly CompetencyFramework Framework = TestData.Diamond();
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(Framework), RollupMasteryModel.WeightedAverage());

    private static T RoundTrip<T>(T value) => PersonalizedLearningJson.Deserialize<T>(PersonalizedLearningJson.Serialize(value));

    private static LearnerState SomeState() => Engine.Rebuild("ana",
    [
        Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start),
        Evidence.ForActivity("e2", "ana", "b-practice", EvidenceOutcome.FromScore(0.4), new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.FromHours(2))),
        Evidence.ForCompetency("e3", "ana", "A", EvidenceOutcome.FromScore(0.75), TestData.Start.AddDays(1)),
    ]);

    [Fact]
    public void CompetencyFramework_RoundTripsToAnEquivalentFramework()
    {
        var copy = RoundTrip(Framework);

        copy.Title.Should().Be(Framework.Title);
        copy.Competencies.Should().Equal(Framework.Competencies);
        copy.Relations.Should().Equal(Framework.Relations);
        copy.TopologicalOrder.Should().Equal(Framework.TopologicalOrder);
        copy.Should().Be(Framework).And.NotBeSameAs(Framework);
        copy.GetHashCode().Should().Be(Framework.GetHashCode());
    }

    [Fact]
    public void CompetencyFramework_Equality_SeesEveryPart_AndTheRootOrderSurvivesJson()
    {
        CompetencyFramework Make(string title = "T", string beta = "Beta", bool link = true, bool order = false)
        {
            var builder = new CompetencyFrameworkBuilder(title).AddCompetency("A", "Alpha").AddCompetency("B", beta);
            if (link)
            {
                builder.AddPrerequisite("A", "B");
            }

            return order ? builder.OrderRoots(["B"]).Build() : builder.Build();
        }

        Make().Should().Be(Make());
        Make().Should().NotBe(Make(title: "U"));
        Make().Should().NotBe(Make(beta: "Beta 2"));
        Make().Should().NotBe(Make(link: false));
        var reordered = Make(order: true);
        reordered.Roots.Should().Equal(new CompetencyId("B"), new CompetencyId("A"));
        reordered.Should().NotBe(Make());
        var json = PersonalizedLearningJson.Serialize(reordered);
        json.Should().EndWith(""","rootOrder":["B","A"]}""");
        RoundTrip(reordered).Should().Be(reordered);
        PersonalizedLearningJson.Serialize(Make()).Should().NotContain("rootOrder");
        var bad = () => PersonalizedLearningJson.Deserialize<CompetencyFramework>("""{"schemaVersion":1,"competencies":[{"id":"A","title":"A"}],"relations":[],"rootOrder":["Z"]}""");
        bad.Should().Throw<JsonException>().WithMessage("*rootOrder names 'Z', which is not a competency without a parent.*");
    }

    [Fact]
    public void CompetencyFramework_Json_HasSchemaVersionAndPlainStrings()
    {
        var json = PersonalizedLearningJson.Serialize(new CompetencyFrameworkBuilder("T")
            .AddCompetency("A", "Alpha", code: "1.A", tags: ["x"]).AddCompetency("B", "Beta").AddPrerequisite("A", "B").Build());

        json.Should().Be("""{"schemaVersion":1,"title":"T","competencies":[{"id":"A","title":"Alpha","code":"1.A","tags":["x"]},{"id":"B","title":"Beta","tags":[]}],"relations":[{"kind":"PrerequisiteOf","source":"A","target":"B"}]}""");
    }

    [Fact]
    public void CompetencyFramework_InvalidDocument_ReportsEveryProblem()
    {
        const string json = """{"schemaVersion":1,"competencies":[{"id":"A","title":"A"},{"id":"A","title":"again"}],"relations":[{"kind":"PrerequisiteOf","source":"A","target":"Z"}]}""";
        var act = () => PersonalizedLearningJson.Deserialize<CompetencyFramework>(json);
        act.Should().Throw<DefinitionValidationException>().Which.Problems.Select(p => p.Rule)
            .Should().Equal(ValidationRule.DuplicateId, ValidationRule.UnknownReference);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"competencies":[]}""", "This competency framework document has schemaVersion 2; this library reads schemaVersion 1.")]
    [InlineData("""{"competencies":[]}""", "This competency framework document has no schemaVersion; this library reads schemaVersion 1 (\"schemaVersion\": 1, as PersonalizedLearningJson writes it).")]
    [InlineData("""{"schemaVersion":1,"competencies":[{"id":"A","title":" "}]}""", "*needs a title that is not blank*")]
    [InlineData("null", "The JSON holds null, not a CompetencyFramework.")]
    public void CompetencyFramework_BadDocument_ThrowsJsonException(string json, string message)
    {
        var act = () => PersonalizedLearningJson.Deserialize<CompetencyFramework>(json);
        act.Should().Throw<JsonException>().WithMessage(message);
    }

    [Fact]
    public void ActivityCatalog_RoundTripsAgainstItsFramework()
    {
        var catalog = new ActivityCatalogBuilder(Framework)
            .Add(new LearningActivity("p", "Project", ActivityKind.Project, 90, [new("B", 0.6), new("C", 0.4)], LearningModality.Collaborative, 0.7))
            .Add(new LearningActivity("l", "Lesson", ActivityKind.Lesson, 10, TestData.Align("A")))
            .Build();

        var json = PersonalizedLearningJson.Serialize(catalog);
        var copy = PersonalizedLearningJson.DeserializeActivityCatalog(json, Framework);

        copy.Activities.Should().Equal(catalog.Activities);
        json.Should().StartWith("""{"schemaVersion":1,"framework":"Diamond","activities":[{"id":"p","title":"Project","kind":"Project","estimatedMinutes":90,"alignments":[{"competency":"B","weight":0.6}""");
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<ActivityCatalog>(json)).Should().Throw<NotSupportedException>()
            .WithMessage("An activity catalog is read against its framework: call PersonalizedLearningJson.DeserializeActivityCatalog(json, framework).*");
    }

    [Fact]
    public void ActivityCatalog_InvalidDocument_ReportsEveryProblem()
    {
        const string json = """{"schemaVersion":1,"activities":[{"id":"x","title":"X","kind":"Practice","estimatedMinutes":0,"alignments":[{"competency":"Q","weight":1}]}]}""";
        var act = () => PersonalizedLearningJson.DeserializeActivityCatalog(json, Framework);
        act.Should().Throw<DefinitionValidationException>().Which.Problems.Select(p => p.Rule)
            .Should().Equal(ValidationRule.OutOfRange, ValidationRule.UnknownReference);
    }

    [Fact]
    public void LearnerState_RoundTripsToAnEqualState_WithSchemaVersion()
    {
        var state = SomeState();
        var json = PersonalizedLearningJson.Serialize(state);

        json.Should().StartWith("""{"schemaVersion":1,"learner":"ana","model":"weighted-average(0.65)","competencies":[{"competency":"A","evidenceCount":2,""");
        json.Should().Contain("\"evidence\":[{\"id\":\"e1\",").And.NotContain("retracted");
        var copy = PersonalizedLearningJson.Deserialize<LearnerState>(json);
        copy.Should().Be(state);
        copy.Get("B").LastEvidenceAt!.Value.Offset.Should().Be(TimeSpan.FromHours(2));
        Engine.Record(copy, state.Evidence[0]).Should().BeSameAs(copy, "the evidence survives the round trip");

        // The copy takes late evidence and retractions as the original does: its per-competency evidence is rebuilt
        // from the catalog on first need.
        var late = Evidence.ForCompetency("e0", "ana", "A", EvidenceOutcome.FromScore(0.2), TestData.Start.AddHours(-1));
        Engine.Record(copy, late).Should().Be(Engine.Record(state, late));
        Engine.Retract(copy, "e3").Should().Be(Engine.Retract(state, "e3"));
        var retracted = Engine.Retract(state, "e3", "never-arrived");
        PersonalizedLearningJson.Serialize(retracted).Should().EndWith("""],"retracted":["e3","never-arrived"]}""");
        PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(retracted)).Should().Be(retracted);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[{"competency":"A","evidenceCount":1,"estimate":1.5,"firstEvidenceAt":"2026-09-07T09:00:00+00:00","lastEvidenceAt":"2026-09-07T09:00:00+00:00","memory":[0,0,0,0]}],"evidence":[]}""", "*estimates must be in [0, 1]*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[{"competency":"A","evidenceCount":1,"firstEvidenceAt":"2026-09-07T09:00:00+00:00","lastEvidenceAt":"2026-09-07T09:00:00+00:00","memory":[0,0]}],"evidence":[]}""", "*exactly 4 finite numbers*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[{"competency":"A","evidenceCount":0,"memory":[0,0,0,0]}],"evidence":[]}""", "*evidence count of at least 1*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[{"competency":"A","evidenceCount":1,"firstEvidenceAt":"2026-09-07T09:00:00+00:00","lastEvidenceAt":"2026-09-07T09:00:00+00:00","memory":[0,0,0,1e999]}],"evidence":[]}""", "The learner state document is not valid: Competency 'A' must have a memory of exactly 4 finite numbers.")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":" "}""", "*model*")]
    [InlineData("""{"schemaVersion":1,"learner":"","model":"m"}""", "A learner id must not be empty*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[{"competency":"A","evidenceCount":1,"firstEvidenceAt":"2026-09-07T09:00:00+00:00","lastEvidenceAt":"2026-09-07T09:00:00+00:00","memory":[0,0,0,0]}],"evidence":[]}""", "*1 competency states do not fit its 0 pieces of evidence*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[],"evidence":[{"id":"e1","learner":"ana","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A"},{"id":"e1","learner":"ana","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A"}]}""", "*an id that appears once; 'e1' is not*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[],"evidence":[{"id":"e1","learner":"bo","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A"}]}""", "*must be about learner 'ana'*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[],"retracted":["e1","e1"],"evidence":[]}""", "*Retracted ids must be non-empty, appear once*")]
    [InlineData("""{"schemaVersion":1,"learner":"ana","model":"m","competencies":[],"appliedEvidence":["e1"]}""", "*written by an earlier preview*Rebuild it from the learner's evidence log*")]
    public void LearnerState_InvalidDocument_ThrowsJsonException(string json, string message)
    {
        var act = () => PersonalizedLearningJson.Deserialize<LearnerState>(json);
        act.Should().Throw<JsonException>().WithMessage(message);
    }

    [Theory]
    [InlineData("a piece names a competency not listed", "Evidence 'e1' names competency 'C', which the state does not list; a piece naming a competency is folded into it.")]
    [InlineData("a count below the pieces naming it", "Competency 'A' counts 1 piece(s) of evidence, but 2 name it.")]
    [InlineData("a count above the pieces that can reach it", "Competency 'A' counts 4 piece(s) of evidence, but at most 3 can reach it (2 naming it, 1 on activities).")]
    [InlineData("a first moment after a piece naming it", "Competency 'A' has its first evidence at 2026-09-07T09:01:00.0000000+00:00, but a piece naming it is dated 2026-09-07T09:00:00.0000000+00:00.")]
    [InlineData("a last moment of no piece", "Competency 'B' has its last evidence at 2026-09-07T09:05:00.0000000+00:00, the moment of no piece that can reach it.")]
    [InlineData("a piece taken out while still counted", "Competency 'A' has its last evidence at 2026-09-07T09:01:00.0000000+00:00, the moment of no piece that can reach it.")]
    public void LearnerState_ADocumentContradictingItsEvidence_IsRefusedAsItIsRead(string edit, string message)
    {
        // Issue 21 (a document contradicting its evidence): what the document alone determines is checked as it is read.
        // e1 and e2 name A; e3 is on B's practice, which the reader cannot place (the catalog is the engine's). Worked by
        // hand: A counts 2 pieces, first 09:00 and last 09:01; B counts 1, at 09:02. An edited estimate or outcome needs
        // the model, and is refused at the state's first use (PersonalizedLearningEngineTests).
        var state = Engine.Rebuild("ana",
        [
            Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.FromScore(0.9), TestData.Start),
            Evidence.ForCompetency("e2", "ana", "A", EvidenceOutcome.FromScore(0.4), TestData.Start.AddMinutes(1)),
            Evidence.ForActivity("e3", "ana", "b-practice", EvidenceOutcome.FromScore(0.7), TestData.Start.AddMinutes(2)),
        ]);
        var json = JsonNode.Parse(PersonalizedLearningJson.Serialize(state))!;
        var (a, b) = (json["competencies"]![0]!, json["competencies"]![1]!);
        ((string?)a["competency"], (int?)a["evidenceCount"], (string?)b["competency"], (int?)b["evidenceCount"]).Should().Be(("A", 2, "B", 1));
        switch (edit)
        {
            case "a piece names a competency not listed": json["evidence"]![0]!["competency"] = "C"; break;
            case "a count below the pieces naming it": (a["evidenceCount"], b["evidenceCount"]) = (1, 2); break; // the total still fits
            case "a count above the pieces that can reach it": a["evidenceCount"] = 4; break;
            case "a first moment after a piece naming it": a["firstEvidenceAt"] = "2026-09-07T09:01:00+00:00"; break;
            case "a last moment of no piece": b["lastEvidenceAt"] = "2026-09-07T09:05:00+00:00"; break;
            default: json["evidence"]!.AsArray().RemoveAt(1); break;
        }

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<LearnerState>(json.ToJsonString()))
            .Should().ThrowExactly<JsonException>().WithMessage($"The learner state document is not valid: {message}");
        PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(state)).Should().Be(state, "the unedited document reads");
    }

    [Fact]
    public void MasterySnapshot_RoundTripsAgainstItsFramework()
    {
        var snapshot = Engine.Assess(SomeState(), TestData.Start.AddDays(2));
        var json = PersonalizedLearningJson.Serialize(snapshot);

        json.Should().StartWith("""{"schemaVersion":1,"framework":"Diamond","learner":"ana","asOf":"2026-09-09T09:00:00+00:00","estimateLabel":"weighted average","policy":{""");
        var copy = PersonalizedLearningJson.DeserializeMasterySnapshot(json, Framework);
        copy.GetAll().Should().Equal(snapshot.GetAll());
        copy.GetAll().Select(a => a.Explain()).Should().Equal(snapshot.GetAll().Select(a => a.Explain()));
        copy.GetFrontier().Should().Equal(snapshot.GetFrontier());
        copy.Mastered.Should().Equal(snapshot.Mastered);
        (copy.Learner, copy.AsOf).Should().Be((snapshot.Learner, snapshot.AsOf));
        PersonalizedLearningJson.Serialize(copy).Should().Be(json);

        // Decisions made from the copy are the original's.
        AdaptiveRecommender.Default.Recommend(new NextStepRequest(Engine.Catalog, copy, 5)).Should().Be(AdaptiveRecommender.Default.Recommend(new NextStepRequest(Engine.Catalog, snapshot, 5)));

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<MasterySnapshot>(json)).Should().Throw<NotSupportedException>().WithMessage("*DeserializeMasterySnapshot(json, framework)*");
        var other = new CompetencyFrameworkBuilder("other").AddCompetency("X", "X").Build();
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot(json, other)).Should().Throw<JsonException>().WithMessage("*assessed over framework 'Diamond', not 'other'*");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot(json.Replace("\"framework\":\"Diamond\"", "\"framework\":\"other\"", StringComparison.Ordinal), other))
            .Should().Throw<JsonException>().WithMessage("*must be in framework 'other'*");
        var first = json.IndexOf("\"evidenceCount\":2,", StringComparison.Ordinal); // the assessment's, not the state's
        var miscounted = string.Concat(json.AsSpan(0, first), "\"evidenceCount\":3,", json.AsSpan(first + "\"evidenceCount\":2,".Length));
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot(miscounted, Framework)).Should().Throw<JsonException>().WithMessage("*is assessed on * pieces of evidence but its state holds *");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot(json.Replace("\"schemaVersion\":1,", string.Empty, StringComparison.Ordinal), Framework))
            .Should().Throw<JsonException>().WithMessage("This mastery snapshot document has no schemaVersion*");
    }

    // Each edit makes a document our writer never writes; each must be refused, not read into a snapshot whose levels or
    // frontier its own policy contradicts (second review of issue 15).
    [Theory]
    [InlineData("level", "*Competency 'B': reason BelowFamiliar gives level Attempted, not Mastered*")]
    [InlineData("undefined-level", "MasteryLevel is written as text, the name of one of its members (*); got the number 42.")]
    [InlineData("reason", "*Competency 'A': reason ReachedFamiliar gives level Familiar, not Proficient*")]
    [InlineData("threshold", "*'A' is assessed Proficient (ReachedProficient, threshold 0.6*makes Proficient (ReachedProficient, threshold 0.7*")]
    [InlineData("minimum", "*'A'*minimum evidence 7*minimum evidence 2*")]
    [InlineData("policy-lowered", "*'A' is assessed Proficient*but the snapshot's policy makes Mastered (ReachedMastered, threshold 0.8*")]
    [InlineData("label", "*'A'*label 'other'*label 'weighted average'*")]
    [InlineData("no-level", "*missing required properties*'level'*")]
    [InlineData("no-label", "*needs its model's estimate label*")]
    [InlineData("no-assessment-label", "*missing required properties*'estimateLabel'*")]
    [InlineData("no-policy", "*needs the policy it was assessed with*")]
    [InlineData("no-asOf", "*missing required properties*'asOf'*")]
    [InlineData("default-asOf", "*needs the moment it was assessed at*")]
    [InlineData("no-framework", "*must name the framework*")]
    [InlineData("evidence-after-asOf", "*Competency 'A' has evidence at 9999-12-31T00:00:00.0000000+00:00, after the moment the snapshot is assessed at*")]
    public void MasterySnapshot_ADocumentItsPolicyContradicts_IsRefused(string edit, string message)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(Engine.Assess(SomeState(), TestData.Start.AddDays(2))))!;
        var competencies = node["competencies"]!.AsArray();
        var a = competencies[0]!["assessment"]!; // A: weighted average 0.8375 on 2 pieces, Proficient
        var b = competencies[1]!["assessment"]!; // B: 0.4 on 1 piece, Attempted below Familiar (0.5)
        ((string?)a["level"], (string?)b["level"]).Should().Be(("Proficient", "Attempted"));
        switch (edit)
        {
            case "level": b["level"] = "Mastered"; break;
            case "undefined-level": b["level"] = 42; break;
            case "reason": a["reason"] = "ReachedFamiliar"; break;
            case "threshold": a["threshold"] = 0.6; break;
            case "minimum": a["minimumEvidence"] = 7; break;
            case "policy-lowered": node["policy"]!["masteredThreshold"] = 0.8; break; // A would be Mastered: B and C join the frontier
            case "label": a["estimateLabel"] = "other"; break;
            case "no-level": b.AsObject().Remove("level"); break;
            case "no-label": node.AsObject().Remove("estimateLabel"); break;
            case "no-assessment-label": a.AsObject().Remove("estimateLabel"); break;
            case "no-policy": node.AsObject().Remove("policy"); break;
            case "no-asOf": node.AsObject().Remove("asOf"); break;
            case "default-asOf": node["asOf"] = "0001-01-01T00:00:00+00:00"; break;
            case "no-framework": node.AsObject().Remove("framework"); break;
            case "evidence-after-asOf": competencies[0]!["state"]!["lastEvidenceAt"] = "9999-12-31T00:00:00+00:00"; break; // fresh review
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        var act = () => PersonalizedLearningJson.DeserializeMasterySnapshot(node.ToJsonString(), Framework);
        act.Should().Throw<JsonException>().WithMessage(message);
    }

    [Fact]
    public void MasterySnapshot_WithAnEstimateOtherThanItsState_IsReadAsWritten()
    {
        // The assessment's estimate is the model's at the snapshot's moment, which a model may compute from the state and
        // the time; without the model the reader takes it as written and checks the level the policy makes of it.
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(Engine.Assess(SomeState(), TestData.Start.AddDays(2))))!;
        node["competencies"]![1]!["assessment"]!["estimate"] = 0.45;
        PersonalizedLearningJson.DeserializeMasterySnapshot(node.ToJsonString(), Framework).Get("B").Estimate.Should().Be(0.45);
        node["competencies"]![1]!["assessment"]!["estimate"] = 0.55; // now Familiar by the policy, but written Attempted
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot(node.ToJsonString(), Framework)).Should().Throw<JsonException>().WithMessage("*Competency 'B': reason BelowFamiliar does not fit estimate 0.55, threshold 0.50*");
    }

    [Fact]
    public void NextStepResult_WithDefaultArrays_IsEmptyAndRoundTrips()
    {
        // A result names its learner; the default one is refused with the rule, not a crash on its default arrays.
        FluentActions.Invoking(() => PersonalizedLearningJson.Serialize(default(NextStepResult))).Should().Throw<JsonException>().WithMessage("An empty (default) learner id cannot be written*");
        var json = PersonalizedLearningJson.Serialize(new NextStepResult("ana", default, default));
        json.Should().Be("""{"learner":"ana","steps":[],"stuck":[]}""");
        default(NextStepResult).Steps.IsDefault.Should().BeFalse();
        default(NextStepResult).Stuck.IsDefault.Should().BeFalse();
        default(NextStepResult).IsEmpty.Should().BeTrue();
        default(NextStepResult).ToString().Should().Be("NextStepResult (no learner: the default value): no steps");
        PersonalizedLearningJson.Deserialize<NextStepResult>(json).Should().Be(new NextStepResult("ana", [], []));
        // The library writes both lists, empty or not; a document without them is not one it wrote.
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<NextStepResult>("""{"learner":"ana"}"""))
            .Should().Throw<JsonException>().WithMessage("*missing required properties*steps*stuck*");
    }

    [Fact]
    public void LearnerProfile_RoundTrips_WithSchemaVersion()
    {
        var profile = new LearnerProfile("ana", [new LearningGoal("E", TestData.Start.AddDays(30))], ["sports", "music"],
            [LearningModality.HandsOn, LearningModality.Media], new LearnerAccommodations(1.5, true, ["large-print"]));
        var json = PersonalizedLearningJson.Serialize(profile);

        json.Should().StartWith("""{"schemaVersion":1,"learner":"ana","goals":[{"competency":"E","targetDate":"2026-10-07T09:00:00+00:00"}]""");
        RoundTrip(profile).Should().Be(profile);
    }

    [Fact]
    public void Evidence_RoundTrips_AndOutcomesAreReadable()
    {
        var binary = new Evidence("e1", "ana", EvidenceOutcome.Correct, TestData.Start, "A", "a-practice", EvidenceKind.Summative, 2);
        var graded = Evidence.ForActivity("e2", "ana", "a-check", EvidenceOutcome.FromScore(0.75), TestData.Start);

        PersonalizedLearningJson.Serialize(binary).Should().Be(
            """{"id":"e1","learner":"ana","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A","activity":"a-practice","kind":"Summative","weight":2}""");
        PersonalizedLearningJson.Serialize(graded).Should().Contain("""
            "outcome":{"score":0.75}
            """);
        RoundTrip(binary).Should().Be(binary);
        RoundTrip(graded).Should().Be(graded);
        RoundTrip(new List<Evidence> { binary, graded }).Should().Equal(binary, graded);
    }

    [Fact]
    public void Evidence_Duration_IsWrittenAsAConstantTimeSpan_AndRoundTrips()
    {
        var timed = new Evidence("e3", "ana", EvidenceOutcome.Correct, TestData.Start, activity: "a-check", duration: TimeSpan.FromMinutes(12.5));

        PersonalizedLearningJson.Serialize(timed).Should().EndWith("""
            "weight":1,"duration":"00:12:30"}
            """);
        RoundTrip(timed).Should().Be(timed);
        var act = () => PersonalizedLearningJson.Deserialize<Evidence>("""{"id":"e1","learner":"ana","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A","duration":"-00:01:00"}""");
        act.Should().Throw<JsonException>().WithMessage("The Evidence in the JSON is not valid: Evidence 'e1' has a negative duration.*");
    }

    [Theory]
    [InlineData("""{"score":1.5}""", "A score must be a finite number in [0, 1]*")]
    [InlineData("""{"correct":1}""", "An evidence outcome member must be \"correct\" (a boolean) or \"score\" (a number in [0, 1]); got \"correct\" (Number).")]
    [InlineData("""{"correct":true,"score":1}""", "An evidence outcome has exactly one member*")]
    [InlineData("""{}""", "An evidence outcome needs \"correct\" or \"score\".")]
    [InlineData("0.5", "An evidence outcome must be an object*")]
    public void EvidenceOutcome_Invalid_ThrowsJsonException(string json, string message)
    {
        var act = () => PersonalizedLearningJson.Deserialize<EvidenceOutcome>(json);
        act.Should().Throw<JsonException>().WithMessage(message);
    }

    [Fact]
    public void Evidence_InvalidValues_ThrowJsonException()
    {
        var act = () => PersonalizedLearningJson.Deserialize<Evidence>("""{"id":"e1","learner":"ana","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A","weight":-1}""");
        act.Should().Throw<JsonException>().WithMessage("The Evidence in the JSON is not valid: Evidence 'e1' must have a weight in [1e-6, 1e6]; got -1.*");
    }

    [Theory]
    [InlineData("1e308", "1E+308")]
    [InlineData("5e-324", "5E-324")]
    [InlineData("1.0000000000000001e6", "1000000.0000000001")]
    [InlineData("9.999999999999997e-7", "9.999999999999997E-07")]
    [InlineData("0", "0")]
    public void Evidence_WeightOutsideTheBounds_IsRefusedByTheReader(string weight, string shown)
    {
        var one = $$"""{"id":"e1","learner":"ana","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A","weight":{{weight}}}""";
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<Evidence>(one)).Should().Throw<JsonException>()
            .WithMessage($"The Evidence in the JSON is not valid: Evidence 'e1' must have a weight in [1e-6, 1e6]; got {shown}.*");
        var list = $$"""[{"id":"e0","learner":"ana","outcome":{"correct":true},"timestamp":"2026-09-07T09:00:00+00:00","competency":"A","weight":1e6},{{one}}]""";
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<List<Evidence>>(list)).Should().Throw<JsonException>()
            .WithMessage("*Evidence 'e1' must have a weight in [1e-6, 1e6]*");
    }

    [Fact]
    public void Evidence_WeightsAtTheBounds_RoundTrip()
    {
        var light = new Evidence("e1", "ana", EvidenceOutcome.Correct, TestData.Start, competency: "A", weight: Evidence.MinimumWeight);
        var heavy = new Evidence("e2", "ana", EvidenceOutcome.Correct, TestData.Start, competency: "A", weight: Evidence.MaximumWeight);
        RoundTrip(new List<Evidence> { light, heavy }).Should().Equal(light, heavy);
    }

    [Fact]
    public void Activities_AlignmentWeightOutsideTheBounds_IsRefusedByTheReaders()
    {
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<LearningActivity>(
                """{"id":"x","title":"X","kind":"Practice","estimatedMinutes":5,"alignments":[{"competency":"A","weight":1e-7}]}"""))
            .Should().Throw<JsonException>().WithMessage("The LearningActivity in the JSON is not valid: Activity 'x' must have alignment weights in [1e-6, 1]; got 1E-07 for competency 'A'.*");
        const string catalog = """{"schemaVersion":1,"activities":[{"id":"x","title":"X","kind":"Practice","estimatedMinutes":5,"alignments":[{"competency":"A","weight":5e-324}]}]}""";
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeActivityCatalog(catalog, Framework)).Should().Throw<DefinitionValidationException>()
            .Which.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(ValidationRule.OutOfRange, "x",
                "Activity 'x' must have alignment weights in [1e-6, 1]; got 5E-324 for competency 'A'."));
    }

    [Fact]
    public void ResultsAndSettings_RoundTrip()
    {
        var state = SomeState();
        var snapshot = Engine.Assess(state, TestData.Start.AddDays(2));
        var assessments = snapshot.GetAll();
        RoundTrip(assessments).Should().Equal(assessments);
        PersonalizedLearningJson.Serialize(snapshot.Get("A")).Should().NotContain("explanation", "the explanation is derived and not stored");

        var steps = Engine.RecommendNext(state, 3, asOf: TestData.Start);
        steps.Steps.Should().NotBeEmpty();
        RoundTrip(steps).Should().Be(steps);
        PersonalizedLearningJson.Serialize(steps).Should().Contain("\"reasons\":[{\"code\":", "a UI over HTTP gets the reasons with the steps");

        var policy = new MasteryPolicy(0.4, 0.6, 0.9, 3);
        RoundTrip(policy).Should().Be(policy);
        RoundTrip(new MasteryMemory(1, 2, 3, 4)).Should().Be(new MasteryMemory(1, 2, 3, 4));
        RoundTrip(Framework.Competencies[1]).Should().Be(Framework.Competencies[1]);
        RoundTrip(new CompetencyRelation(CompetencyRelationKind.RelatedTo, "A", "B")).Should().Be(new CompetencyRelation(CompetencyRelationKind.RelatedTo, "A", "B"));
        RoundTrip(new ActivityId("a")).Should().Be(new ActivityId("a"));
        RoundTrip(new LearnerId("l")).Should().Be(new LearnerId("l"));
        RoundTrip(new EvidenceId("e")).Should().Be(new EvidenceId("e"));
        RoundTrip(Engine.Catalog.Activities[0]).Should().Be(Engine.Catalog.Activities[0]);
        RoundTrip(new LearnerAccommodations(2)).Should().Be(new LearnerAccommodations(2));
    }

    [Theory]
    [InlineData("rank", "*its rank is -7, not 1 or more*")]
    [InlineData("rank-order", "*step 1 has rank 2*")]
    [InlineData("score", "*score 99 is not in [0, 1]*")]
    [InlineData("contributions", "*contributions add up to*not its score 0.5*")]
    [InlineData("remediate", "*a remediation step, and only one, names the competency it remediates*")]
    [InlineData("remediation-for", "*a remediation step, and only one, names the competency it remediates*")]
    [InlineData("alignment", "*activity 'a-check' is not aligned to competency 'E'*")]
    [InlineData("estimate", "*estimate, predicted success or retrievability is not in [0, 1]*")]
    [InlineData("minutes", "*its minutes (-1) are not the activity's 10 times*")]
    [InlineData("no-activity", "*missing required properties*activity*")]
    [InlineData("no-score", "*missing required properties*score*")]
    [InlineData("no-learner", "*missing required properties*learner*")]
    [InlineData("stuck-twice", "*'A' is listed as stuck twice*")]
    [InlineData("stuck-attempts", "*it has 0 attempts*")]
    [InlineData("signal-below-contribution", "*the contribution of * is more than its signal*")]
    [InlineData("signal-changed", "*step 2 weighs * at *, an earlier step at *")]
    [InlineData("shares", "*weights shares that add up to *, more than 1*")]
    [InlineData("minutes-huge", "*its minutes (1E+300) are not the activity's * times an extended-time factor in [1, 10]*")]
    [InlineData("minutes-zero", "*its minutes (0) are not the activity's*")]
    [InlineData("alignment-twice", "*is aligned to competency * more than once*")]
    [InlineData("time-factor", "*step 2 takes 3 times its activity's minutes, step 1 1 times*")]
    [InlineData("estimate-not-started", "*it has an estimate for a competency not started*")]
    [InlineData("remediate-itself", "*a remediation step serves another competency than its own, after at least one failure*")]
    [InlineData("remediate-no-failure", "*a remediation step serves another competency than its own, after at least one failure*")]
    [InlineData("failures-without-remediation", "*a step that is not a remediation counts failures*")]
    [InlineData("review-without-recall", "*a review step has no recall chance*")]
    [InlineData("learn-mastered", "*a step to learn (Learn) is on a mastered competency*")]
    [InlineData("activity-twice", "*activity '*' is on step 1 and step 2; the recommender recommends an activity once*")]
    [InlineData("instruction-predicted", "*activity '*' is a Lesson, instruction, on which no model predicts success; the step has a predicted success*")]
    [InlineData("fit-without-prediction", "*without a predicted success its difficulty fit is 0.9, not the neutral 0.5*")]
    [InlineData("interest-not-a-topic", "*its matched interest 'astronomy' is not a topic of activity '*' ()*")]
    [InlineData("time-fit", "*its time fit 1 is not 0.1, what its 10 minutes make of 1 minutes available*")]
    public void NextStepResult_ADocumentTheRecommenderWouldNotWrite_IsRefused(string edit, string message)
    {
        // Fresh review of issue 21: a result read back from JSON accepted rank -7, score 99, remediation for nothing.
        var result = Engine.RecommendNext(SomeState(), 3, asOf: TestData.Start);
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(result))!;
        var step = node["steps"]![0]!;
        ((int)step["rank"]!, (string?)step["purpose"]).Should().Be((1, "Learn"), "the edits start from a learning step ranked first");
        var stuck = System.Text.Json.Nodes.JsonNode.Parse("""{"competency":"A","attempts":12,"level":"Attempted","estimate":0.3}""")!;
        switch (edit)
        {
            case "rank": step["rank"] = -7; break;
            case "rank-order": step["rank"] = 2; node["steps"]![1]!["rank"] = 1; break;
            case "score": step["score"] = 99; break;
            case "contributions": step["score"] = 0.5; break;
            case "remediate": step["purpose"] = "Remediate"; break;
            case "remediation-for": step["remediationFor"] = "E"; break;
            case "alignment": step["competency"] = "E"; break;
            case "estimate": step["estimate"] = 1.5; break;
            case "minutes": step["minutes"] = -1; break;
            case "no-activity": step.AsObject().Remove("activity"); break;
            case "no-score": step.AsObject().Remove("score"); break;
            case "no-learner": node.AsObject().Remove("learner"); break;
            case "stuck-twice": node["stuck"] = new System.Text.Json.Nodes.JsonArray(stuck.DeepClone(), stuck.DeepClone()); break;
            case "stuck-attempts": stuck["attempts"] = 0; node["stuck"] = new System.Text.Json.Nodes.JsonArray(stuck); break;
            case "signal-below-contribution":
                // Each edit of a signal leaves out the signals' derived sum, which the reader then derives, so that the step
                // breaks the rule named and not the sum (a sum that disagrees is refused on its own, below).
                step["signals"]![SharedSignal(node)] = (double)step["contributions"]![SharedSignal(node)]! / 2;
                step["signals"]!.AsObject().Remove("sum");
                break;
            case "signal-changed":
                // The second step's signal moves while its contribution stays: the weight it implies is no longer the first step's.
                var second = node["steps"]![1]!["signals"]!;
                second[SharedSignal(node)] = (double)second[SharedSignal(node)]! / 2;
                second.AsObject().Remove("sum");
                break;
            case "shares":
                // Every signal lowered to its contribution: each weight's share is then 1.
                foreach (var (name, value) in step["contributions"]!.AsObject().ToList())
                {
                    step["signals"]![name] = (double)value!;
                }

                break;
            case "time-factor": node["steps"]![1]!["minutes"] = (double)node["steps"]![1]!["minutes"]! * 3; break;
            case "estimate-not-started": step["level"] = "NotStarted"; step["estimate"] = 0.99; break;
            case "remediate-itself": step["purpose"] = "Remediate"; step["remediationFor"] = step["competency"]!.DeepClone(); step["failures"] = 3; break;
            case "remediate-no-failure": step["purpose"] = "Remediate"; step["remediationFor"] = "E"; step["failures"] = 0; break;
            case "failures-without-remediation": step["failures"] = 2; break;
            case "review-without-recall": step["purpose"] = "Review"; step.AsObject().Remove("retrievability"); break;
            case "learn-mastered": step["level"] = "Mastered"; break;
            case "minutes-huge": step["minutes"] = 1e300; break;
            case "minutes-zero": step["minutes"] = 0; break;
            case "alignment-twice": step["activity"]!["alignments"]!.AsArray().Add(step["activity"]!["alignments"]![0]!.DeepClone()); break;
            case "activity-twice":
                // The first step again as the second: a valid step on its own, with the same weights and time factor.
                var again = step.DeepClone();
                again["rank"] = 2;
                node["steps"]![1] = again;
                break;
            case "instruction-predicted": step["activity"]!["kind"] = "Lesson"; step["predictedSuccess"] = 0.5; break;
            case "fit-without-prediction":
                step.AsObject().Remove("predictedSuccess").Should().BeFalse("the engine has no predictor, so no step has a prediction");
                step["signals"]!["difficultyFit"] = 0.9; // above its contribution, so every other rule of the step holds
                step["signals"]!.AsObject().Remove("sum");
                break;
            case "interest-not-a-topic": step["matchedInterest"] = "astronomy"; break;
            case "time-fit": step["availableMinutes"] = 1; ((double)step["minutes"]!).Should().Be(10, "the message names the step's minutes"); break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        var json = node.ToJsonString();
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<NextStepResult>(json)).Should().Throw<JsonException>().WithMessage(message);
        FluentActions.Invoking(() => JsonSerializer.Deserialize<NextStepResult>(json, PersonalizedLearningJson.Options))
            .Should().Throw<JsonException>("the serializer with the library's options checks the same rules");
    }

    [Theory]
    [InlineData("review-due", "*its review-due signal 0.7 is not 0, what no review due gives*")]
    [InlineData("recall-without-signal", "*its review-due signal 0 is not 0.8, what a recall chance of 0.4 gives*")]
    [InlineData("contribution-of-nothing", "*its signal ReviewDue is 0 but contributes 1E-13*")]
    [InlineData("readiness-without-prerequisites", "*it has no prerequisites, but a readiness of 0.5, not 1*")]
    [InlineData("stretch-without-prerequisites", "*a Stretch step is on a competency with no prerequisites*")]
    [InlineData("prerequisite-count", "*its reasons are not the ones its facts give*")]
    [InlineData("preferred-modality", "*its reasons are not the ones its facts give*")]
    [InlineData("reason-text", "*its reasons are not the ones its facts give*")]
    [InlineData("reason-code", "*its reasons are not the ones its facts give*")]
    [InlineData("reason-added", "*its reasons are not the ones its facts give*")]
    [InlineData("reasons-empty", "*its reasons are not the ones its facts give*")]
    [InlineData("explanation", "*its explanation is not its reasons joined by \" · \"*")]
    [InlineData("signals-sum", "This set of signals is not one the library makes: its sum 5 is not what its nine members add up to (4)*")]
    [InlineData("contributions-sum", "This set of signals is not one the library makes: its sum 0.3 is not what its nine members add up to (0.34)*")]
    public void NextStep_ASignalOrDerivedMemberThatContradictsTheStep_IsRefused(string edit, string message)
    {
        // Issue 21: a step's review-due signal, its derived reasons, explanation and signal sums were read whatever they
        // said. Each edit breaks one rule of the first step of a result the engine made (a learning step on A, which has
        // no prerequisites: no recall chance, readiness 1, no profile, so a profile fit of 0.5); an edit of a signal leaves
        // out the derived sum, which is then made again.
        var result = Engine.RecommendNext(SomeState(), 3, asOf: TestData.Start);
        var json = PersonalizedLearningJson.Serialize(result);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var step = node["steps"]![0]!;
        var signals = step["signals"]!.AsObject();
        ((string?)step["competency"], (string?)step["purpose"], (int)step["prerequisiteCount"]!, step["retrievability"], (double)signals["reviewDue"]!, (double)signals["readiness"]!, (double)signals["profileFit"]!, (bool)step["preferredModality"]!, (double)signals["sum"]!, (double)step["contributions"]!["sum"]!)
            .Should().Be(("A", "Learn", 0, (System.Text.Json.Nodes.JsonNode?)null, 0.0, 1.0, 0.5, false, 4.0, 0.34), "the edits start from this step");
        switch (edit)
        {
            case "review-due": signals["reviewDue"] = 0.7; signals.Remove("sum"); break;
            case "recall-without-signal": step["retrievability"] = 0.4; break;
            case "contribution-of-nothing": step["contributions"]!["reviewDue"] = 1e-13; step["contributions"]!.AsObject().Remove("sum"); break; // within the score's rounding
            case "readiness-without-prerequisites": signals["readiness"] = 0.5; signals.Remove("sum"); break;
            case "stretch-without-prerequisites": step["purpose"] = "Stretch"; break;
            case "prerequisite-count": step["prerequisiteCount"] = 2; break; // readiness 1 fits two prerequisites mastered; the reasons said none
            case "preferred-modality": step["preferredModality"] = true; break; // a profile fit of 0.5 fits a preferred modality of two; the reasons said none
            case "reason-text": step["reasons"]![0]!["text"] = "Ready: all prerequisites mastered"; break;
            case "reason-code": step["reasons"]![0]!["code"] = "ReadyPrerequisitesMastered"; break;
            case "reason-added": step["reasons"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"code":"FitsTime","text":"Fits your 30 minutes (10 min)"}""")); break;
            case "reasons-empty": step["reasons"] = new System.Text.Json.Nodes.JsonArray(); break;
            case "explanation": step["explanation"] = "Ready: no prerequisites"; break;
            case "signals-sum": signals["sum"] = 5; break;
            case "contributions-sum": step["contributions"]!["sum"] = 0.3; break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }

        var edited = node.ToJsonString();
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<NextStepResult>(edited)).Should().ThrowExactly<JsonException>().WithMessage(message);
        FluentActions.Invoking(() => JsonSerializer.Deserialize<NextStepResult>(edited, PersonalizedLearningJson.Options)).Should().ThrowExactly<JsonException>().WithMessage(message);
        PersonalizedLearningJson.Deserialize<NextStepResult>(json).Should().Be(result, "the document as written still reads");
    }

    [Fact]
    public void NextStep_WithoutItsDerivedMembers_ReadsAsWritten_AndTheyAreMadeAgain()
    {
        // The reasons, the explanation and the signals' sums are derived: a document may leave them out, or hold them as null.
        var result = Engine.RecommendNext(SomeState(), 3, asOf: TestData.Start);
        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(result))!;
        foreach (var step in node["steps"]!.AsArray())
        {
            step!.AsObject().Remove("reasons").Should().BeTrue();
            step.AsObject().Remove("explanation").Should().BeTrue();
            step["signals"]!.AsObject().Remove("sum").Should().BeTrue();
            step["contributions"]!["sum"] = null;
        }

        var read = PersonalizedLearningJson.Deserialize<NextStepResult>(node.ToJsonString());
        read.Should().Be(result);
        read.Steps[0].Explain().Should().Be("Ready: no prerequisites · In progress: Proficient (1.00) · Assessment to show it");
        PersonalizedLearningJson.Serialize(read).Should().Be(PersonalizedLearningJson.Serialize(result), "the derived members are written again");
    }

    [Theory]
    [InlineData(LearningModality.Digital, true, 1.0, false, "*its modality is not preferred and no interest matched, but its profile fit is 1*")]
    [InlineData(LearningModality.Print, false, 0.0, true, "*its modality is preferred and no interest matched, but its profile fit is 0*")]
    public void NextStep_APreferredModalityFlipThatItsProfileFitContradicts_IsRefused(LearningModality preferred, bool isPreferred, double fit, bool flipped, string message)
    {
        // Whether the modality is preferred is the profile's; the step holds the profile fit it made (the mean of the modality
        // part, 1 − rank ÷ count when preferred, else 0, and the interest part): preferring only Digital, a Digital activity
        // fits 1; preferring only Print, 0. A flip that the fit contradicts is refused even without the reasons, which
        // would name it too; one the fit allows (0.5: preferred second of two, or no preference) the step cannot tell.
        var result = Engine.RecommendNext(SomeState(), 3, new LearnerProfile("ana", preferredModalities: [preferred]), asOf: TestData.Start);
        var json = PersonalizedLearningJson.Serialize(result);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var step = node["steps"]![0]!;
        ((bool)step["preferredModality"]!, (double)step["signals"]!["profileFit"]!, (string?)step["activity"]!["modality"]).Should().Be((isPreferred, fit, "Digital"));
        step["preferredModality"] = flipped;
        step.AsObject().Remove("reasons");
        step.AsObject().Remove("explanation");

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<NextStepResult>(node.ToJsonString())).Should().ThrowExactly<JsonException>().WithMessage(message);
        PersonalizedLearningJson.Deserialize<NextStepResult>(json).Should().Be(result, "the document as written still reads");
    }

    [Fact]
    public void NextStepResult_ALongRankingWithAnActivityTwice_IsRefused_AndReadsBackWithout()
    {
        // Past 32 steps the reader finds a repeated activity through a dictionary instead of pairwise: the same rule.
        var builder = new CompetencyFrameworkBuilder();
        for (var i = 0; i < 20; i++)
        {
            builder.AddCompetency($"K{i}", $"K{i}");
        }

        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(builder.Build()), RollupMasteryModel.WeightedAverage());
        var result = engine.RecommendNext(engine.Rebuild("ana", []), 40, asOf: TestData.Start);
        result.Steps.Length.Should().Be(40, "40 of the 60 activities are asked for");
        PersonalizedLearningJson.Deserialize<NextStepResult>(PersonalizedLearningJson.Serialize(result)).Should().BeEquivalentTo(result);

        var node = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(result))!;
        var again = node["steps"]![33]!.DeepClone();
        again["rank"] = 35;
        node["steps"]![34] = again;
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<NextStepResult>(node.ToJsonString())).Should().Throw<JsonException>()
            .WithMessage("*activity '*' is on step 34 and step 35; the recommender recommends an activity once*");
    }

    // A signal with a contribution above 0 on the first two steps, whose half on the second is still no less than its
    // contribution there; not one the step's own facts fix or bound (difficulty fit without a prediction, time fit, review
    // due, profile fit without a preferred modality or interest, readiness without prerequisites), which a step is checked
    // against first, nor the derived sum.
    private static string SharedSignal(System.Text.Json.Nodes.JsonNode result)
    {
        var (first, second) = (result["steps"]![0]!, result["steps"]![1]!);
        return first["signals"]!.AsObject().Select(p => p.Key).Where(name => name is not ("difficultyFit" or "timeFit" or "reviewDue" or "profileFit" or "readiness" or "sum")).First(name =>
            (double)first["contributions"]![name]! > 0 && (double)second["contributions"]![name]! > 0 && (double)second["signals"]![name]! / 2 >= (double)second["contributions"]![name]!);
    }

    [Theory]
    [InlineData("""{"code":"ReadyNoPrerequisites","text":" "}""", "*its text is blank*")]
    [InlineData("""{"code":99,"text":"Ready"}""", "RecommendationReasonCode is written as text, the name of one of its members (*); got the number 99.")]
    [InlineData("""{"code":"ReadyNoPrerequisites"}""", "*missing required properties*text*")]
    public void RecommendationReason_ADocumentTheLibraryWouldNotWrite_IsRefused(string json, string message)
    {
        // A step's reasons are derived from its facts when read (the written "reasons" are for a UI, and not read back);
        // a reason read on its own is checked like every result.
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<RecommendationReason>(json)).Should().Throw<JsonException>().WithMessage(message);
    }

    [Theory]
    [InlineData("{}", "*missing required properties*")]
    [InlineData("""{"learner":"ana"}""", "*missing required properties*")]
    public void PacingProjection_AnEmptyDocument_IsRefused(string json, string message)
    {
        // Fresh review of issue 21: {} was read as a projection whose Goals were a default array, and ToString then threw.
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PacingProjection>(json)).Should().Throw<JsonException>().WithMessage(message);
    }

    [Fact]
    public void CompetencyUri_IsWrittenAndReadBack()
    {
        var framework = new CompetencyFrameworkBuilder("U").Add(new Competency("A", "Alpha", uri: new Uri("https://case.example.org/uri/a"))).Build();

        var json = PersonalizedLearningJson.Serialize(framework);

        json.Should().Contain("\"uri\":\"https://case.example.org/uri/a\"");
        RoundTrip(framework).Competencies.Should().Equal(framework.Competencies);
        FluentActions.Invoking(() => new Competency("B", "Beta", uri: new Uri("relative", UriKind.Relative))).Should().Throw<ArgumentException>()
            .WithMessage("Competency 'B' has a relative URI 'relative'; it must be absolute.*").And.ParamName.Should().Be("uri");
        FluentActions.Invoking(() => new CompetencyFrameworkBuilder("U").Add(new Competency("A", "A", uri: new Uri("https://x.org/1"))).Add(new Competency("B", "B", uri: new Uri("https://x.org/1"))).Build())
            .Should().Throw<DefinitionValidationException>().Which.Problems.Should().ContainSingle(p => p.Message == "Competency 'B' has URI 'https://x.org/1', which competency 'A' has too; a URI names one competency.");
    }

    [Fact]
    public void CompetencyFramework_ADocumentWithANullCompetency_IsRefusedNamingIt()
    {
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<CompetencyFramework>("""{"schemaVersion":1,"title":"t","competencies":[null],"relations":[]}"""))
            .Should().ThrowExactly<JsonException>().WithMessage("A competency in the framework document is null.");
    }

    [Fact]
    public void ActivityCatalog_WithoutActivities_IsRefusedAsACatalogWithNone_AndANullActivityIsRefused()
    {
        // "activities": null is read as a catalog with none (the member is nullable), which the catalog's own rules refuse
        // as a catalog built in code with none is; a null entry is not an activity.
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeActivityCatalog("""{"schemaVersion":1,"framework":"Diamond","activities":null}""", Framework))
            .Should().ThrowExactly<DefinitionValidationException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Be("The catalog has no activities; add at least one activity aligned to a competency of the framework 'Diamond', or nothing can be recommended or recorded by activity.");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeActivityCatalog("""{"schemaVersion":1,"framework":"Diamond","activities":[null]}""", Framework))
            .Should().ThrowExactly<JsonException>().WithMessage("An activity in the catalog document is null.");
    }

    [Fact]
    public void ActivityCatalog_TopicsAreWrittenOnlyWhenThereAreSome_AndReadBack()
    {
        var catalog = new ActivityCatalogBuilder(Framework)
            .Add(new LearningActivity("a-lesson", "Lesson", ActivityKind.Lesson, 10, [new("A")], topics: ["fractions", "pizza"]))
            .Add(new LearningActivity("a-check", "Check", ActivityKind.Assessment, 5, [new("A")]))
            .Build();
        var json = PersonalizedLearningJson.Serialize(catalog);

        json.Should().Be("""{"schemaVersion":1,"framework":"Diamond","activities":[{"id":"a-lesson","title":"Lesson","kind":"Lesson","estimatedMinutes":10,"alignments":[{"competency":"A","weight":1}],"modality":"Digital","topics":["fractions","pizza"]},{"id":"a-check","title":"Check","kind":"Assessment","estimatedMinutes":5,"alignments":[{"competency":"A","weight":1}],"modality":"Digital"}]}""");
        var copy = PersonalizedLearningJson.DeserializeActivityCatalog(json, Framework);
        copy.GetActivity("a-lesson").Topics.Should().Equal("fractions", "pizza");
        copy.GetActivity("a-check").Topics.Should().BeEmpty();
    }

    [Theory]
    [InlineData("competencies")]
    [InlineData("evidence")]
    public void LearnerState_ADocumentWithoutItsCompetenciesOrItsEvidence_IsRefusedNamingWhichItLacks(string member)
    {
        var node = JsonNode.Parse(PersonalizedLearningJson.Serialize(SomeState()))!.AsObject();
        node.Remove(member).Should().BeTrue();

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<LearnerState>(node.ToJsonString())).Should().ThrowExactly<JsonException>()
            .WithMessage($"A learner state document lists its competencies and its evidence, as PersonalizedLearningJson writes them (empty lists when there are none); this one lacks '{member}'.");
    }

    [Fact]
    public void LearnerState_ACompetencyTwiceOrANullPieceOfEvidence_IsRefusedWithTheRule()
    {
        var node = JsonNode.Parse(PersonalizedLearningJson.Serialize(SomeState()))!;
        var twice = node.DeepClone();
        twice["competencies"]!.AsArray().Add(twice["competencies"]![0]!.DeepClone());
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<LearnerState>(twice.ToJsonString())).Should().ThrowExactly<JsonException>()
            .WithMessage("The learner state document is not valid: Each competency state needs a competency id that appears once.");

        var nullPiece = node.DeepClone();
        nullPiece["evidence"]!.AsArray().Add(null);
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<LearnerState>(nullPiece.ToJsonString())).Should().ThrowExactly<JsonException>()
            .WithMessage("The learner state document is not valid: Each piece of evidence must be about learner 'ana' and have an id that appears once; got null.");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void LearnerState_AnEstimateAtABoundOfTheUnitRange_IsRead(double estimate)
    {
        var node = JsonNode.Parse(PersonalizedLearningJson.Serialize(SomeState()))!;
        node["competencies"]![0]!["estimate"] = estimate;

        PersonalizedLearningJson.Deserialize<LearnerState>(node.ToJsonString()).Get("A").Estimate.Should().Be(estimate);
    }

    [Fact]
    public void MasterySnapshot_WithoutCompetencies_ReadsAsNothingAssessed_AndAnEntryWithoutAnAssessmentIsRefused()
    {
        var snapshot = Engine.Assess(SomeState(), TestData.Start.AddDays(2));
        var node = JsonNode.Parse(PersonalizedLearningJson.Serialize(snapshot))!;
        var none = node.DeepClone();
        none["competencies"] = null;
        var empty = PersonalizedLearningJson.DeserializeMasterySnapshot(none.ToJsonString(), Framework);
        empty.Mastered.Should().BeEmpty();
        PersonalizedLearningJson.Serialize(empty).Should().EndWith("\"competencies\":[]}");

        var partial = node.DeepClone();
        partial["competencies"]![0]!["assessment"] = null;
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot(partial.ToJsonString(), Framework)).Should().ThrowExactly<JsonException>()
            .WithMessage("The mastery snapshot document is not valid: Each competency of a mastery snapshot needs an assessment and a state.");
    }

    [Fact]
    public void MasterySnapshot_ItsCompetenciesInAnotherOrder_ReadInTheFrameworksOrder()
    {
        var snapshot = Engine.Assess(SomeState(), TestData.Start.AddDays(2));
        var json = PersonalizedLearningJson.Serialize(snapshot);
        var node = JsonNode.Parse(json)!;
        var competencies = node["competencies"]!.AsArray();
        competencies.Select(c => (string?)c!["assessment"]!["competency"]).Should().Equal("A", "B");
        var (a, b) = (competencies[0]!, competencies[1]!);
        competencies.Clear();
        competencies.Add(b);
        competencies.Add(a);

        var copy = PersonalizedLearningJson.DeserializeMasterySnapshot(node.ToJsonString(), Framework);
        PersonalizedLearningJson.Serialize(copy).Should().Be(json);
        copy.GetAll().Should().Equal(snapshot.GetAll());
    }

    [Fact]
    public void BktModel_RoundTrips_WithActivityParametersWrittenOnlyWhereThereAreSome()
    {
        var model = new PersonalizedLearning.Mastery.KnowledgeTracing.BktModel(
        [
            new("A", new(0.2, 0.1, 0.25, 0.15), [new KeyValuePair<ActivityId, (double, double)>("a-check", (0.3, 0.05))]),
            new("B", new(0.2, 0.1, 0.25, 0.15)),
        ]);
        var json = PersonalizedLearningJson.Serialize(model);

        json.Should().Contain("\"activities\":[{\"activity\":\"a-check\",\"guess\":0.3,\"slip\":0.05}]");
        json.Split("\"activities\"").Should().HaveCount(2, "only A has activity parameters");
        var copy = PersonalizedLearningJson.Deserialize<PersonalizedLearning.Mastery.KnowledgeTracing.BktModel>(json);
        copy.Competencies.Keys.Should().BeEquivalentTo([new CompetencyId("A"), new CompetencyId("B")]);
        copy.Competencies["A"].ActivityParameters.Keys.Should().Equal(new ActivityId("a-check"));
        copy.Competencies["B"].ActivityParameters.Should().BeEmpty();
        PersonalizedLearningJson.Serialize(copy).Should().Be(json);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"competencies":null}""", "A BKT model document lists its competencies; got null.")]
    [InlineData("""{"schemaVersion":1,"competencies":[null]}""", "A BKT model document lists a null competency.")]
    [InlineData("""{"schemaVersion":1,"competencies":[{"competency":"A","prior":0.2,"learn":0.1,"forget":0,"guess":0.25,"slip":0.15,"activities":[null]}]}""", "Competency 'A' lists a null activity.")]
    public void BktModel_ADocumentWithANullPart_IsRefusedNamingIt(string json, string message)
    {
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<PersonalizedLearning.Mastery.KnowledgeTracing.BktModel>(json)).Should().ThrowExactly<JsonException>()
            .WithMessage($"The BKT model document is not valid: {message}");
    }

    [Fact]
    public void TheReaders_NullArguments_AreNamed_TheJsonFirst()
    {
        // The arguments are checked before the JSON is read: a null framework is named even when the text is not a document.
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<Version>(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("json");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeActivityCatalog(null!, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("json");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeActivityCatalog("{}", null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("framework");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot(null!, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("json");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot("{}", null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("framework");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializePlaylist(null!, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("json");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeLearningPlan(null!, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("json");
    }

    [Fact]
    public void TheReaders_TheJsonNull_IsRefusedNamingWhatWasExpected()
    {
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeActivityCatalog("null", Framework)).Should().ThrowExactly<JsonException>()
            .WithMessage("The JSON holds null, not an activity catalog.");
        FluentActions.Invoking(() => PersonalizedLearningJson.DeserializeMasterySnapshot("null", Framework)).Should().ThrowExactly<JsonException>()
            .WithMessage("The JSON holds null, not a mastery snapshot.");
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<Evidence>("null")).Should().ThrowExactly<JsonException>()
            .WithMessage("The JSON holds null, not an Evidence.");
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<string>("null")).Should().ThrowExactly<JsonException>()
            .WithMessage("The JSON holds null, not a String.");
    }

    [Fact]
    public void TheDocumentsReadAgainstAFrameworkOrACatalog_AreRefusedByTheGenericReader_NamingTheirOwn()
    {
        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(Engine.Catalog, Engine.Assess(SomeState(), TestData.Start), [new LearningGoal("E")]));
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<Playlist>(PersonalizedLearningJson.Serialize(playlist))).Should().ThrowExactly<NotSupportedException>()
            .WithMessage("A playlist is read against its catalog: call PersonalizedLearningJson.DeserializePlaylist(json, catalog).*");
    }

    [Fact]
    public void UnsupportedType_ThrowsNotSupported()
    {
        FluentActions.Invoking(() => PersonalizedLearningJson.Serialize(new Version(1, 2))).Should().Throw<NotSupportedException>()
            .WithMessage("Version is not a type PersonalizedLearning.Core serializes.");
        PersonalizedLearningJson.Options.IsReadOnly.Should().BeTrue();
    }

    [Fact]
    public void Options_WorkWithJsonSerializerDirectly()
    {
        var profile = new LearnerProfile("ana", interests: ImmutableArray.Create("art"));
        var json = JsonSerializer.Serialize(profile, PersonalizedLearningJson.Options);
        JsonSerializer.Deserialize<LearnerProfile>(json, PersonalizedLearningJson.Options).Should().Be(profile);
    }
}
