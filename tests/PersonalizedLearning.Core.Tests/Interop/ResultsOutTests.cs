using System.Text.Json.Nodes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.OneRoster;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>Mastery out: a OneRoster 1.2 result with a CASE learningObjectiveSet, and xAPI "mastered" statements that
/// the mapper reads back.</summary>
public class ResultsOutTests
{
    private static readonly Uri ItemB = new("https://case.example.org/uri/b0000000-0000-4000-8000-000000000002");
    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("x")
        .Add(new Competency("A", "Alpha")).Add(new Competency("B", "Beta", uri: ItemB)).Add(new Competency("C", "Gamma")).Build();
    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Framework).Add(new LearningActivity("a", "A", ActivityKind.Practice, 5, TestData.Align("A"))).Build();
    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest);

    // A and B mastered (latest 1 and 0.9, twice each); C attempted once at 0.4.
    private static MasterySnapshot Mastery(string learner) => Engine.Assess(Engine.Rebuild(learner,
    [
        Evidence.ForCompetency("a1", learner, "A", EvidenceOutcome.Correct, TestData.Start), Evidence.ForCompetency("a2", learner, "A", EvidenceOutcome.Correct, TestData.Start),
        Evidence.ForCompetency("b1", learner, "B", EvidenceOutcome.FromScore(0.9), TestData.Start), Evidence.ForCompetency("b2", learner, "B", EvidenceOutcome.FromScore(0.9), TestData.Start),
        Evidence.ForCompetency("c1", learner, "C", EvidenceOutcome.FromScore(0.4), TestData.Start),
    ]), TestData.Start.AddDays(1));

    [Fact]
    public void OneRosterResult_IsWorkedByHand()
    {
        var json = OneRosterResultWriter.Write(Mastery("ana"), new OneRosterResultTarget("r-1", "li-mastery", "stu-ana"));

        json.Should().Be("""{"result":{"sourcedId":"r-1","status":"active","dateLastModified":"2026-09-08T09:00:00.000Z","lineItem":{"href":"/lineItems/li-mastery","sourcedId":"li-mastery","type":"lineItem"},"student":{"href":"/users/stu-ana","sourcedId":"stu-ana","type":"user"},"scoreStatus":"fully graded","score":0.666667,"scoreDate":"2026-09-08T09:00:00.000Z","learningObjectiveSet":[{"source":"CASE","learningObjectiveResults":[{"learningObjectiveId":"A","score":1,"textScore":"Mastered"},{"learningObjectiveId":"B","score":0.9,"textScore":"Mastered"},{"learningObjectiveId":"C","score":0.4,"textScore":"Attempted"}]}]}}""");
        JsonNode.Parse(OneRosterResultWriter.Write(Mastery("ana"), new OneRosterResultTarget("r-1", "li", "s", c => c.Uri?.Segments[^1] ?? c.Id.Value)))!
            ["result"]!["learningObjectiveSet"]![0]!["learningObjectiveResults"]![1]!["learningObjectiveId"]!.GetValue<string>().Should().Be("b0000000-0000-4000-8000-000000000002");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(Mastery("ana"), new OneRosterResultTarget(" ", "li", "s"))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void MasteredStatements_AreReadBackByTheMapper_AsTheSameMastery()
    {
        var mastery = Mastery("mailto:ana@example.org");
        var json = XapiStatementWriter.WriteMastered(mastery, new Uri("https://lms.example.org/competencies/"), new Uri("https://sis.example.org"));

        var result = new XapiStatementMapper(Catalog).Map(json);

        // A has no URI: its object is under the activity base, which names no catalog activity and no CASE item, so the
        // mapper gives a reason for it; B's object is its CASE item URI and comes back as B.
        result.Rejected.Should().ContainSingle().Which.Reason.Should().Be(XapiRejectionReason.UnknownActivity);
        result.Evidence.Select(e => (e.Learner.Value, e.Competency?.Value, e.Outcome.Score, e.Kind)).Should().Equal(
            ("mailto:ana@example.org", (string?)"B", 0.9, EvidenceKind.Summative));
        JsonNode.Parse(json)![0]!["object"]!["id"]!.GetValue<string>().Should().Be("https://lms.example.org/competencies/A");
        XapiStatementWriter.WriteMastered(mastery, new Uri("https://lms.example.org/competencies/"), new Uri("https://sis.example.org")).Should().Be(json, "ids are name-based");
        var account = JsonNode.Parse(XapiStatementWriter.WriteMastered(Mastery("kid-7"), new Uri("https://lms.example.org/c/"), new Uri("https://sis.example.org")))![0]!["actor"]!;
        account["account"]!["homePage"]!.GetValue<string>().Should().Be("https://sis.example.org");
        account["account"]!["name"]!.GetValue<string>().Should().Be("kid-7");

        // Found by review: "kid#7" gave homePage "kid", which is not an IRL. An account id the mapper made comes back
        // as its account, '%' and '#' in the home page included.
        JsonNode Actor(string learner) => JsonNode.Parse(XapiStatementWriter.WriteMastered(Mastery(learner), new Uri("https://lms.example.org/c/"), new Uri("https://sis.example.org")))![0]!["actor"]!["account"]!;
        JsonNode.DeepEquals(Actor("kid#7"), new JsonObject { ["homePage"] = "https://sis.example.org", ["name"] = "kid#7" }).Should().BeTrue();
        JsonNode.DeepEquals(Actor("http://lms.example/%2523x%23y#bob#2"), new JsonObject { ["homePage"] = "http://lms.example/%23x#y", ["name"] = "bob#2" }).Should().BeTrue();
    }
}
