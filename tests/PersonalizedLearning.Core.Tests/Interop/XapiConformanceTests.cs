using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Observations;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>
/// ADL's LRS conformance suite (xAPI 1.0.3) as test data: its statements for the members the mapper reads (the actor
/// and its identifiers, the timestamp, the result's score, success and duration), from
/// <c>Fixtures/adl-lrs-conformance-1.0.3.json</c> (<c>eng/xapi/make-conformance-fixture.sh</c>). A statement the suite
/// expects an LRS to refuse (400) must give no evidence; one it expects to be stored (200) must give evidence.
/// </summary>
public sealed class XapiConformanceTests(ITestOutputHelper output)
{
    private const string Meeting = "http://www.example.com/meetings/occurances/34534";
    private const string TeamMeeting = "http://www.example.com/meetings/categories/teammeeting"; // the object of the interaction statements

    // Rules of statement members the mapper does not read, so that it does not check them (the LRS does): listed by the
    // suite's test name, each with the reason.
    private static readonly ImmutableDictionary<string, string> NotRead = new Dictionary<string, string>
    {
    }.ToImmutableDictionary();

    // Valid statements that are not evidence about one learner, each with the reason the mapper gives.
    private static readonly ImmutableDictionary<string, XapiRejectionReason> ValidButNotEvidence = new Dictionary<string, XapiRejectionReason>
    {
        ["statement actor \"group account\" property exists"] = XapiRejectionReason.GroupActor,
    }.ToImmutableDictionary();

    // Reasons that say nothing about a statement's validity: a refusal for one of these does not show the rule was checked.
    private static readonly XapiRejectionReason[] Incidental = [XapiRejectionReason.UnknownActivity, XapiRejectionReason.UnsupportedVerb, XapiRejectionReason.NoOutcome, XapiRejectionReason.GroupActor];

    [Fact]
    public void ConformanceStatements_InvalidGiveNoEvidence_ValidGiveEvidence()
    {
        var fixturePath = Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", "adl-lrs-conformance-1.0.3.json");
        var fixture = JsonNode.Parse(File.ReadAllText(fixturePath))!;
        var framework = new CompetencyFrameworkBuilder("x").Add(new Competency("A", "Alpha")).Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("meeting", "Meeting", ActivityKind.Practice, 10, TestData.Align("A"))).Build();
        var mapper = new XapiStatementMapper(catalog, new XapiMappingOptions(activityIris: new Dictionary<string, ActivityId> { [Meeting] = "meeting", [TeamMeeting] = "meeting" }.ToImmutableDictionary())
            .WithVerb("http://adlnet.gov/expapi/verbs/attended", new XapiVerbRule(EvidenceKind.Formative, EvidenceOutcome.Correct)));

        var wrong = new List<string>();
        var (invalid, valid, skipped) = (0, 0, 0);
        var n = 0;
        foreach (var c in fixture["cases"]!.AsArray())
        {
            var name = c!["name"]!.GetValue<string>();
            var expect = c["expect"]!.GetValue<int>();
            if (NotRead.ContainsKey(name))
            {
                skipped++;
                continue;
            }

            // What an LRS adds to what it stores: an id and the stored time.
            var statement = c["statement"]!.DeepClone().AsObject();
            statement["id"] = $"00000000-0000-4000-8000-{++n:D12}";
            statement["stored"] = "2026-01-01T00:00:00Z";
            var result = mapper.Map(statement.ToJsonString());
            var gave = result.Evidence.Length == 1;
            if (expect == 400)
            {
                invalid++;
                if (gave)
                {
                    wrong.Add($"400 expected, evidence given: {c["file"]}: {name}: {c["statement"]!.ToJsonString()}");
                }
                else if (Incidental.Contains(result.Rejected[0].Reason))
                {
                    // Refused, but for a reason that is not the rule under test: the rule itself went unchecked.
                    wrong.Add($"400 expected, refused for another reason ({result.Rejected[0].Reason}: {result.Rejected[0].Message}): {c["file"]}: {name}");
                }
            }
            else
            {
                valid++;
                if (!gave && !(ValidButNotEvidence.TryGetValue(name, out var why) && result.Rejected[0].Reason == why))
                {
                    wrong.Add($"200 expected, rejected ({result.Rejected[0].Reason}: {result.Rejected[0].Message}): {c["file"]}: {name}");
                }
            }
        }

        output.WriteLine($"{invalid} invalid and {valid} valid statements checked, {skipped} about members the mapper does not read");
        wrong.ForEach(output.WriteLine);
        (invalid + valid).Should().BeGreaterThanOrEqualTo(200);
        wrong.Should().BeEmpty();
    }
}
