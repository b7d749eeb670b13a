using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>xAPI statements to evidence: every verb and score form worked by hand, context CASE URIs, voiding,
/// duplicates, every rejection reason, the spec's own examples, limits and a fuzz.</summary>
public class XapiStatementMapperTests
{
    private const string Verbs = XapiMappingOptions.AdlVerbs;
    private const string Quiz = "https://lms.example.org/activities/fractions-quiz";
    private static readonly Uri CaseItem = new("https://case.example.org/uri/b0000000-0000-4000-8000-000000000002");

    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("x")
        .Add(new Competency("A", "Alpha")).Add(new Competency("B", "Beta", uri: CaseItem)).AddPrerequisite("A", "B").Build();

    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Framework)
        .Add(new LearningActivity(Quiz, "Quiz", ActivityKind.Assessment, 10, TestData.Align("A")))
        .Add(new LearningActivity("b-practice", "B practice", ActivityKind.Practice, 10, TestData.Align("B")))
        .Build();

    private static readonly XapiStatementMapper Mapper = new(Catalog, new XapiMappingOptions(activityIris: new Dictionary<string, ActivityId> { ["https://lms.example.org/b"] = "b-practice" }.ToImmutableDictionary()));

    private static int _next;

    private static JsonObject Statement(string verb, JsonObject? result = null, string objectId = Quiz, string? id = null, JsonNode? actor = null)
    {
        var statement = new JsonObject
        {
            ["id"] = id ?? $"00000000-0000-4000-8000-{Interlocked.Increment(ref _next):D12}",
            ["actor"] = actor ?? new JsonObject { ["objectType"] = "Agent", ["mbox"] = "mailto:ana@example.org" },
            ["verb"] = new JsonObject { ["id"] = verb.Contains(':', StringComparison.Ordinal) ? verb : Verbs + verb },
            ["object"] = new JsonObject { ["id"] = objectId },
            ["timestamp"] = "2026-09-07T09:00:00Z",
        };
        if (result is not null)
        {
            statement["result"] = result;
        }

        return statement;
    }

    private static JsonObject Timed(string timestamp)
    {
        var statement = Statement("passed");
        statement["timestamp"] = timestamp;
        return statement;
    }

    [Theory]
    // Issue 14, section 3: what the lenient parser took, and what it did with it.
    [InlineData("11/30/2026 10:00", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("Mon, 30 Nov 2026 10:00:00 GMT", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("30 November 2026", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("2026-11-30T10:00:00-00:00", "the offset -00:00 means an unknown local offset (RFC 3339 §4.3), not a time zone")]
    [InlineData("10:00", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("2026-11-30T10:00:00", "it has no time zone (Z or an offset such as +02:00)")]
    public void Timestamp_NotIso8601WithAZone_IsRejectedWithItsReason(string timestamp, string problem)
    {
        var statement = Timed(timestamp);
        statement["stored"] = "2026-11-30T10:00:00Z";
        Rejected(statement).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.InvalidTimestamp
            && r.Message == $"The statement's timestamp \"{timestamp}\" is not an ISO 8601 date-time with a time zone such as '2026-11-30T10:00:00Z': {problem}.");
    }

    [Fact]
    public void Timestamp_WithAnOffset_IsTheSameMomentInUtc_AndAnInvalidStoredTimeIsRejected()
    {
        One(Timed("2026-11-30T05:00:00.250-05:00")).Timestamp.Should().Be(new DateTimeOffset(2026, 11, 30, 10, 0, 0, 250, TimeSpan.Zero));
        var untimed = Statement("passed");
        untimed.Remove("timestamp");
        untimed["stored"] = "2026-11-30";
        Rejected(untimed).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.InvalidTimestamp && r.Message.StartsWith("The statement's stored \"2026-11-30\"", StringComparison.Ordinal));
        Timed("x").Remove("timestamp");
        var numeric = Statement("passed");
        numeric["timestamp"] = 20261130;
        Rejected(numeric).Message.Should().EndWith(": it is not a string.");
    }

    [Theory]
    [InlineData("P1W", 7 * 24 * 60)]
    [InlineData("PT0.5H", 30)]
    [InlineData("P0.5D", 12 * 60)]
    [InlineData("PT12M30S", 12.5)]
    public void Duration_IsoForms_AreRead(string duration, double minutes)
        => One(Statement("answered", new JsonObject { ["success"] = true, ["duration"] = duration })).Duration.Should().Be(TimeSpan.FromMinutes(minutes));

    [Theory]
    [InlineData("P1W2D", "weeks (PnW) cannot be combined with other components")]
    [InlineData("PT0.5H30M", "a decimal fraction is allowed on the last component only")]
    [InlineData("P0003-01-29T04:35:59", "'-' is not a date designator")]
    [InlineData("-PT5M", "it is negative")]
    public void Duration_NotIso8601_IsRejectedWithItsReason(string duration, string problem)
        => Rejected(Statement("answered", new JsonObject { ["success"] = true, ["duration"] = duration })).Should().Match<XapiRejection>(r =>
            r.Reason == XapiRejectionReason.InvalidDuration && r.Message == $"The result duration \"{duration}\" is not an ISO 8601 duration such as 'PT12M30S': {problem}.");

    [Fact]
    public void Actor_BreakingXapisIdentifierRules_IsRejectedWithItsReason()
    {
        XapiRejection Actor(JsonObject actor) => Rejected(Statement("passed", actor: actor));
        Actor(new JsonObject { ["mbox"] = "ana@example.org" }).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.InvalidActor
            && r.Message == "The actor's mbox \"ana@example.org\" is not a mailto IRI of one email address, such as 'mailto:learner@example.org'.");
        Actor(new JsonObject { ["mbox"] = "mailto:ana" }).Reason.Should().Be(XapiRejectionReason.InvalidActor);
        Actor(new JsonObject { ["mbox"] = "mailto:ana@example.org", ["openid"] = "https://id.example.org/ana" }).Should().Match<XapiRejection>(r =>
            r.Reason == XapiRejectionReason.InvalidActor && r.Message == "The actor has 2 inverse functional identifiers (mbox, openid); xAPI allows exactly one.");
        Actor(new JsonObject { ["mbox_sha1sum"] = new string('a', 39) }).Should().Match<XapiRejection>(r =>
            r.Reason == XapiRejectionReason.InvalidActor && r.Message.EndsWith("is not a SHA-1 hash in 40 hexadecimal digits.", StringComparison.Ordinal));
        Actor(new JsonObject { ["mbox_sha1sum"] = new string('g', 40) }).Reason.Should().Be(XapiRejectionReason.InvalidActor);
        Actor(new JsonObject { ["openid"] = "ana" }).Reason.Should().Be(XapiRejectionReason.InvalidActor);
        Actor(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "lms", ["name"] = "ana" } }).Reason.Should().Be(XapiRejectionReason.InvalidActor);
        Actor(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://lms.example.org" } }).Reason.Should().Be(XapiRejectionReason.InvalidActor);
        Actor(new JsonObject { ["name"] = "Ana" }).Reason.Should().Be(XapiRejectionReason.MissingActor);

        // Valid forms: the hash's case does not make another learner.
        One(Statement("passed", actor: new JsonObject { ["mbox_sha1sum"] = "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9" })).Learner.Value
            .Should().Be("ebd31e95054c018b10727ccffd2ef2ec3a016ee9");
        One(Statement("passed", actor: new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://lms.example.org", ["name"] = "ana" } })).Learner.Value
            .Should().Be("https://lms.example.org#ana");
    }

    private static JsonObject Scaled(double value) => new() { ["score"] = new JsonObject { ["scaled"] = value } };

    private static XapiMappingResult Map(params JsonNode[] statements) => Mapper.Map(new JsonArray([.. statements.Select(s => s.DeepClone())]).ToJsonString());

    private static Evidence One(JsonObject statement)
    {
        var result = Map(statement);
        result.Rejected.Should().BeEmpty();
        return result.Evidence.Should().ContainSingle().Subject;
    }

    private static XapiRejection Rejected(JsonNode statement)
    {
        var result = Map(statement);
        result.Evidence.Should().BeEmpty();
        return result.Rejected.Should().ContainSingle().Subject;
    }

    [Fact]
    public void EveryVerbAndScoreForm_IsWorkedByHand()
    {
        One(Statement("answered", Scaled(0.8))).Should().Match<Evidence>(e => e.Outcome.Score == 0.8 && e.Kind == EvidenceKind.Formative);
        One(Statement("answered", Scaled(-0.5))).Outcome.Score.Should().Be(0, "a negative scaled score is no credit");
        One(Statement("scored", new JsonObject { ["score"] = new JsonObject { ["raw"] = 7, ["max"] = 10 } })).Outcome.Score.Should().BeApproximately(0.7, 1e-12);
        One(Statement("scored", new JsonObject { ["score"] = new JsonObject { ["raw"] = 7, ["min"] = 2, ["max"] = 12 } })).Outcome.Score.Should().Be(0.5);
        One(Statement("completed", new JsonObject { ["success"] = false })).Outcome.Should().Be(EvidenceOutcome.Incorrect);
        One(Statement("passed")).Should().Match<Evidence>(e => e.Outcome == EvidenceOutcome.Correct && e.Kind == EvidenceKind.Summative);
        One(Statement("passed", Scaled(0.9))).Outcome.Score.Should().Be(0.9);
        One(Statement("failed")).Outcome.Should().Be(EvidenceOutcome.Incorrect);
        One(Statement("mastered")).Outcome.Should().Be(EvidenceOutcome.Correct);
        One(Statement("answered", new JsonObject { ["success"] = true, ["score"] = new JsonObject { ["scaled"] = 0.25 } })).Outcome.Score.Should().Be(0.25, "the score wins over success");

        var full = Statement("answered", new JsonObject { ["success"] = true, ["duration"] = "PT12M30S" }, id: "6f1d2c3b-0000-4000-8000-000000000001");
        One(full).Should().Be(new Evidence("6f1d2c3b-0000-4000-8000-000000000001", "mailto:ana@example.org", EvidenceOutcome.Correct,
            new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero), activity: Quiz, duration: TimeSpan.FromMinutes(12.5)));
    }

    private static JsonObject Raw(double raw, double min, double max) => new() { ["score"] = new JsonObject { ["raw"] = raw, ["min"] = min, ["max"] = max } };

    [Fact]
    public void RawScore_RangeWiderThanTheLargestDouble_ScalesWithoutOverflow()
    {
        // max − min = 2e308 overflows to ∞. By hand on halves: (0 + 5e307) / (5e307 + 5e307) = 1/2, (5e307 + 5e307) / 1e308 = 1.
        // Before: 0 for the midpoint (x − min finite over an infinite span), and ∞/∞ = NaN, thrown by the score's
        // range check, for the top.
        One(Statement("scored", Raw(0, -1e308, 1e308))).Outcome.Score.Should().Be(0.5);
        One(Statement("scored", Raw(1e308, -1e308, 1e308))).Outcome.Score.Should().Be(1);
        One(Statement("scored", Raw(-1e308, -1e308, 1e308))).Outcome.Score.Should().Be(0);
        One(Statement("scored", Raw(0, -double.MaxValue, double.MaxValue))).Outcome.Score.Should().Be(0.5);
        One(Statement("scored", Raw(double.MaxValue, -double.MaxValue, double.MaxValue))).Outcome.Score.Should().Be(1);
    }

    [Fact]
    public void Property_RawScoreAnywhereInAnyFiniteRange_MapsToAScoreInZeroOne()
    {
        // Ends of every size, half of them near the largest doubles (uniform in value), where max − min overflows.
        var huge = Gen.Double.Unit.Select(u => ((2 * u) - 1) * double.MaxValue);
        var end = Gen.Frequency((1, Gen.Double.Where(double.IsFinite)), (1, huge));
        Gen.Select(end, end, Gen.Double.Unit).Where((a, b, _) => a != b).Sample((a, b, t) =>
        {
            var (min, max) = a < b ? (a, b) : (b, a);
            var raw = Math.Clamp(((1 - t) * min) + (t * max), min, max); // a convex combination: never NaN
            var score = One(Statement("scored", Raw(raw, min, max))).Outcome.Score;
            score.Should().BeInRange(0, 1);
            if (double.IsFinite(max - min))
            {
                score.Should().Be((raw - min) / (max - min), "an ordinary range is scaled as before");
            }
            else
            {
                score.Should().BeApproximately(t, 1e-15, "raw sits a share t of the way from min to max");
            }
        });
    }

    [Fact]
    public void Competencies_ComeFromTheContextsCaseItemUris_AndActivitiesFromTheCatalogOrTheIriMap()
    {
        var withContext = Statement("answered", Scaled(1), objectId: "https://elsewhere.example.org/item/9");
        withContext["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["category"] = new JsonArray(new JsonObject { ["id"] = "https://other.example.org/x" }, new JsonObject { ["id"] = CaseItem.ToString() }) } };
        One(withContext).Should().Match<Evidence>(e => e.Competency == new CompetencyId("B") && e.Activity == null);

        var both = Statement("answered", Scaled(1));
        both["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["parent"] = new JsonObject { ["id"] = CaseItem.ToString() } } };
        One(both).Should().Match<Evidence>(e => e.Competency == new CompetencyId("B") && e.Activity == new ActivityId(Quiz));

        One(Statement("answered", Scaled(1), objectId: "https://lms.example.org/b")).Activity.Should().Be(new ActivityId("b-practice"));
        One(Statement("mastered", objectId: CaseItem.ToString())).Competency.Should().Be(new CompetencyId("B"), "the object may be the CASE item itself");
        One(Statement("passed", actor: new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://sis.example.org", ["name"] = "1234" } })).Learner.Value.Should().Be("https://sis.example.org#1234");
    }

    [Fact]
    public void Constructor_OptionsMappingIrisToActivitiesTheCatalogLacks_ThrowUnknownActivity_NamingEachIriAndId()
    {
        // Issue 21: such a mapper turned a statement on "http://x/a" into evidence on "zz", and recording it threw for the
        // whole batch. Two unknown targets and one known: the exception is the first IRI's (ordinal order), the message
        // names both unknown ones and not the known one.
        var options = new XapiMappingOptions(activityIris: ImmutableDictionary<string, ActivityId>.Empty
            .Add("http://x/b", "yy").Add("http://x/a", "zz").Add("https://lms.example.org/b", "b-practice"));

        var act = () => new XapiStatementMapper(Catalog, options);

        var error = act.Should().ThrowExactly<UnknownActivityException>().Which;
        error.Activity.Should().Be(new ActivityId("zz"));
        error.ParamName.Should().Be("options");
        error.Message.Should().Be(
            "The xAPI mapping options do not fit the catalog: "
            + "activity IRI 'http://x/a' is mapped to activity 'zz', which is not in the catalog; add the activity to the catalog or map the IRI to one it has. "
            + "activity IRI 'http://x/b' is mapped to activity 'yy', which is not in the catalog; add the activity to the catalog or map the IRI to one it has. (Parameter 'options')");
        options.ActivityIris.Should().HaveCount(3, "the options are unchanged");

        // Nothing maps "http://x/a" to an activity: without the mapping it is an unknown activity, as before.
        var rejected = Mapper.Map(Statement("scored", Scaled(0.8), objectId: "http://x/a").ToJsonString());
        rejected.Evidence.Should().BeEmpty();
        rejected.Rejected.Should().ContainSingle().Which.Reason.Should().Be(XapiRejectionReason.UnknownActivity);
    }

    [Fact]
    public void Options_MappingAnIriToTheEmptyActivityId_OrAVerbToNoRule_AreRefused_WithEveryProblemAtOnce()
    {
        var empty = () => new XapiMappingOptions(activityIris: ImmutableDictionary<string, ActivityId>.Empty
            .Add("http://x/b", default).Add("http://x/a", default).Add("https://lms.example.org/b", "b-practice"));

        var error = empty.Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        error.ParamName.Should().Be("activityIris");
        error.Message.Should().Be("The xAPI mapping options are not valid: "
            + "activityIris: activity IRI 'http://x/a' must name an activity; got the empty activity id. "
            + "activityIris: activity IRI 'http://x/b' must name an activity; got the empty activity id. (Parameter 'activityIris')");

        // A verb without a rule is listed with them, and the exception is then the null one, named after the verbs.
        var both = () => new XapiMappingOptions(
            XapiMappingOptions.DefaultVerbs.SetItem("http://x/verb", null!),
            ImmutableDictionary<string, ActivityId>.Empty.Add("http://x/a", default));

        var nulls = both.Should().ThrowExactly<ArgumentNullException>().Which;
        nulls.ParamName.Should().Be("verbs");
        nulls.Message.Should().Be("The xAPI mapping options are not valid: "
            + "verbs: verb 'http://x/verb' needs a rule; got null. "
            + "activityIris: activity IRI 'http://x/a' must name an activity; got the empty activity id. (Parameter 'verbs')");
    }

    [Fact]
    public void AValidMapping_StillMaps_AndTheEvidenceIsRecorded()
    {
        var mapper = new XapiStatementMapper(Catalog, new XapiMappingOptions(activityIris: ImmutableDictionary<string, ActivityId>.Empty.Add("http://x/a", "b-practice")));
        var engine = new PersonalizedLearningEngine(Catalog, RollupMasteryModel.Latest());

        var batch = mapper.Map(Statement("scored", Scaled(0.8), objectId: "http://x/a").ToJsonString());

        batch.Rejected.Should().BeEmpty();
        batch.Evidence.Should().ContainSingle().Which.Should().Match<Evidence>(e => e.Activity == new ActivityId("b-practice") && e.Outcome.Score == 0.8);
        var ana = engine.Record(engine.CreateLearner(batch.Evidence[0].Learner), batch.Evidence);
        ana.Competencies.Keys.Should().Equal(new CompetencyId("B"));
    }

    [Fact]
    public void EveryRejection_HasItsReason_AndNothingIsDroppedSilently()
    {
        Rejected(Statement("answered")).Reason.Should().Be(XapiRejectionReason.NoOutcome);
        Rejected(Statement("answered", Scaled(1.5))).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.ScoreOutOfRange && r.Message == "result.score.scaled must be a number in [-1, 1]; got 1.5.");
        Rejected(Statement("scored", new JsonObject { ["score"] = new JsonObject { ["raw"] = 11, ["max"] = 10 } })).Reason.Should().Be(XapiRejectionReason.ScoreOutOfRange);
        Rejected(Statement("experienced", Scaled(1))).Reason.Should().Be(XapiRejectionReason.UnsupportedVerb);
        Rejected(Statement("answered", Scaled(1), objectId: "https://nowhere.example.org/a")).Reason.Should().Be(XapiRejectionReason.UnknownActivity);
        Rejected(Statement("answered", Scaled(1), actor: new JsonObject { ["name"] = "no identifier" })).Reason.Should().Be(XapiRejectionReason.MissingActor);
        Rejected(Statement("answered", Scaled(1), actor: new JsonObject { ["objectType"] = "Group", ["mbox"] = "mailto:team@example.org" })).Reason.Should().Be(XapiRejectionReason.GroupActor);
        Rejected(Statement("answered", Scaled(1), id: "not-a-uuid")).Reason.Should().Be(XapiRejectionReason.MissingId);
        Rejected(Statement("answered", new JsonObject { ["success"] = true, ["duration"] = "12 minutes" })).Reason.Should().Be(XapiRejectionReason.InvalidDuration);
        var untimed = Statement("passed");
        untimed.Remove("timestamp");
        Rejected(untimed).Reason.Should().Be(XapiRejectionReason.MissingTimestamp);
        untimed["stored"] = "2026-09-08T10:00:00Z";
        One(untimed).Timestamp.Should().Be(new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero), "stored stands in for a missing timestamp");
        Rejected(JsonValue.Create(42)).Reason.Should().Be(XapiRejectionReason.Malformed);
        // Found by the long fuzz: Guid parsing forgives surrounding spaces, identifiers do not.
        Rejected(Statement("passed", id: " 00000000-0000-4000-8000-000000000001")).Reason.Should().Be(XapiRejectionReason.MissingId);
        Rejected(Statement("passed", actor: new JsonObject { ["mbox"] = "mailto:ana@example.org " })).Should().Match<XapiRejection>(r =>
            r.Reason == XapiRejectionReason.InvalidActor && r.Message.StartsWith("The actor's mbox \"mailto:ana@example.org \" is not a mailto IRI", StringComparison.Ordinal));
        Rejected(Statement("passed", actor: new JsonObject { ["openid"] = "https://id.example.org/ana " })).Should().Match<XapiRejection>(r =>
            r.Reason == XapiRejectionReason.InvalidActor && r.Message == "The actor's openid \"https://id.example.org/ana \" is not an absolute IRI that locates an OpenID (a mailto: address is an mbox).");
        Rejected(Statement("passed", objectId: Quiz + " ")).Reason.Should().Be(XapiRejectionReason.InvalidIri, "an IRI holds no space");
        Mapper.Map("[{\"id\":").Rejected.Should().ContainSingle().Which.Reason.Should().Be(XapiRejectionReason.Malformed);
    }

    public static TheoryData<string, string, XapiRejectionReason, string> ValueRules() => new()
    {
        // Issue 14, section 3: each value rule of xAPI 1.0.3 for the verb, object and context activities, with its reason.
        { "verb", "{\"display\":{\"en-US\":\"passed\"}}", XapiRejectionReason.Malformed, "The statement has no verb with an id." },
        { "verb", "{\"id\":\"ab=c://should.fail.com\"}", XapiRejectionReason.InvalidIri, "verb.id must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got \"ab=c://should.fail.com\"." },
        { "verb", "{\"id\":\"passed\"}", XapiRejectionReason.InvalidIri, "verb.id must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got \"passed\"." },
        { "verb", "{\"id\":\"http://adlnet.gov/expapi/verbs/passed\",\"display\":\"passed\"}", XapiRejectionReason.InvalidLanguageMap, "verb.display must be a language map of RFC 5646 language tags to strings, such as {\"en-US\": \"completed\"}; got \"passed\"." },
        { "verb", "{\"id\":\"http://adlnet.gov/expapi/verbs/passed\",\"display\":{\"a12345\":\"passed\"}}", XapiRejectionReason.InvalidLanguageMap, "verb.display must be a language map of RFC 5646 language tags to strings, such as {\"en-US\": \"completed\"}; its entry \"a12345\": \"passed\" is not." },
        { "verb", "{\"id\":\"http://adlnet.gov/expapi/verbs/passed\",\"display\":{\"en\":1}}", XapiRejectionReason.InvalidLanguageMap, "verb.display must be a language map of RFC 5646 language tags to strings, such as {\"en-US\": \"completed\"}; its entry \"en\": 1 is not." },
        { "object", "null", XapiRejectionReason.Malformed, "object is null; xAPI allows null values only inside extensions (Data §2.2)." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"name\":{\"en\":\"Quiz\"},\"moreInfo\":null}}", XapiRejectionReason.Malformed, "object.definition.moreInfo is null; xAPI allows null values only inside extensions (Data §2.2)." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"interactionType\":\"choice\",\"correctResponsesPattern\":\"a\"}}", XapiRejectionReason.Malformed, "object.definition.correctResponsesPattern must be an array of strings; got \"a\"." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"choices\":[{\"id\":\"a\"}]}}", XapiRejectionReason.Malformed, "object.definition.choices needs an interactionType." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"interactionType\":\"choice\",\"choices\":[{\"description\":{\"en\":\"A\"}}]}}", XapiRejectionReason.Malformed, "object.definition.choices[0] must be an object with a string id; got {\"description\":{\"en\":\"A\"}}." },
        { "result", "{\"success\":true,\"extensions\":{\"attempt\":2}}", XapiRejectionReason.InvalidIri, "result.extensions has the key \"attempt\", which is not an absolute IRI." },
        { "result", "{\"success\":true,\"score\":{\"scaled\":null}}", XapiRejectionReason.Malformed, "result.score.scaled is null; xAPI allows null values only inside extensions (Data §2.2)." },
        { "context", "{\"extensions\":{\"room\":\"4B\"}}", XapiRejectionReason.InvalidIri, "context.extensions has the key \"room\", which is not an absolute IRI." },
        { "context", "{\"extensions\":null}", XapiRejectionReason.Malformed, "context.extensions is null; xAPI allows null values only inside extensions (Data §2.2)." },
        { "context", "{\"registration\":\"x\"}", XapiRejectionReason.Malformed, "context.registration must be a UUID; got \"x\"." },
        { "context", "{\"instructor\":{\"mbox\":\"nope\"}}", XapiRejectionReason.Malformed, "context.instructor's mbox \"nope\" is not a mailto IRI of one email address, such as 'mailto:learner@example.org'." },
        { "context", "{\"instructor\":{\"name\":\"Ms Ruiz\"}}", XapiRejectionReason.Malformed, "context.instructor needs an inverse functional identifier (or, for an anonymous group, its members)." },
        { "context", "{\"team\":{\"mbox\":\"mailto:team@example.org\"}}", XapiRejectionReason.Malformed, "context.team must be a Group (objectType \"Group\"); got {\"mbox\":\"mailto:team@example.org\"}." },
        { "context", "{\"platform\":3}", XapiRejectionReason.Malformed, "context.platform must be a string; got 3." },
        { "context", "{\"language\":\"en_US\"}", XapiRejectionReason.Malformed, "context.language must be an RFC 5646 language tag such as \"en-US\"; got \"en_US\"." },
        { "context", "{\"statement\":{\"id\":\"bad\"}}", XapiRejectionReason.Malformed, "context.statement must be a StatementRef (objectType \"StatementRef\" and a UUID id); got {\"id\":\"bad\"}." },
        { "actor", "{\"mbox\":\"mailto:ana@example.org\",\"name\":12}", XapiRejectionReason.InvalidActor, "The actor's name must be a string; got 12." },
        { "timestamp", "null", XapiRejectionReason.Malformed, "timestamp is null; xAPI allows null values only inside extensions (Data §2.2)." },
        { "timestamp", "\"1850-06-01T00:00:00Z\"", XapiRejectionReason.InvalidTimestamp, "The statement's timestamp 1850-06-01T00:00:00.0000000+00:00 is outside the years evidence may carry (1900 to 2199)." },
        { "stored", "\"yesterday\"", XapiRejectionReason.InvalidTimestamp, "The statement's stored \"yesterday\" is not an ISO 8601 date-time with a time zone such as '2026-11-30T10:00:00Z': it does not start with a calendar date YYYY-MM-DD." },
        { "object", "{\"objectType\":\"activity\",\"id\":\"https://lms.example.org/activities/fractions-quiz\"}", XapiRejectionReason.Malformed, "object.objectType must be one of Activity, Agent, Group, SubStatement, StatementRef; got \"activity\"." },
        { "object", "{\"objectType\":\"Activity\"}", XapiRejectionReason.Malformed, "object has no id; an Activity needs one." },
        { "object", "{\"id\":\"/activities/fractions-quiz\"}", XapiRejectionReason.InvalidIri, "object.id must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got \"/activities/fractions-quiz\"." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":\"quiz\"}", XapiRejectionReason.Malformed, "object.definition must be an object; got \"quiz\"." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"name\":{\"en-US\":\"Quiz\"},\"description\":12}}", XapiRejectionReason.InvalidLanguageMap, "object.definition.description must be a language map of RFC 5646 language tags to strings, such as {\"en-US\": \"completed\"}; got 12." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"type\":\"assessment\"}}", XapiRejectionReason.InvalidIri, "object.definition.type must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got \"assessment\"." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"moreInfo\":\"https://lms.example.org/a b\"}}", XapiRejectionReason.InvalidIri, "object.definition.moreInfo must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got \"https://lms.example.org/a b\"." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"interactionType\":\"essay\"}}", XapiRejectionReason.Malformed, "object.definition.interactionType must be one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, likert, numeric, other; got \"essay\"." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"extensions\":{\"room\":\"4B\"}}}", XapiRejectionReason.InvalidIri, "object.definition.extensions has the key \"room\", which is not an absolute IRI." },
        { "context", "[]", XapiRejectionReason.Malformed, "context must be an object; got []." },
        { "context", "{\"contextActivities\":{\"consequences\":{\"id\":\"https://lms.example.org/x\"}}}", XapiRejectionReason.Malformed, "context.contextActivities may hold only parent, grouping, category, other; got \"consequences\"." },
        { "context", "{\"contextActivities\":{\"other\":[{\"id\":\"https://lms.example.org/x\"},{\"key\":\"value\"}]}}", XapiRejectionReason.Malformed, "context.contextActivities.other[1] has no id; an Activity needs one." },
        { "context", "{\"contextActivities\":{\"parent\":{\"id\":\"ab=c://x\"}}}", XapiRejectionReason.InvalidIri, "context.contextActivities.parent.id must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got \"ab=c://x\"." },
        { "context", "{\"contextActivities\":{\"category\":[{\"objectType\":\"Agent\",\"id\":\"https://lms.example.org/x\"}]}}", XapiRejectionReason.Malformed, "context.contextActivities.category[0].objectType must be \"Activity\"; got \"Agent\"." },
        // The first problem of the verb is its id's; the path of a null in an array; the type each result member must have.
        { "verb", "{\"id\":\"passed\",\"display\":\"passed\"}", XapiRejectionReason.InvalidIri, "verb.id must be an absolute IRI such as 'http://adlnet.gov/expapi/verbs/completed'; got \"passed\"." },
        { "context", "{\"contextActivities\":[]}", XapiRejectionReason.Malformed, "context.contextActivities must be an object; got []." },
        { "object", "{\"id\":\"https://lms.example.org/activities/fractions-quiz\",\"definition\":{\"interactionType\":\"choice\",\"correctResponsesPattern\":[\"a\",\"b\",null]}}", XapiRejectionReason.Malformed, "object.definition.correctResponsesPattern[2] is null; xAPI allows null values only inside extensions (Data §2.2)." },
        { "result", "{\"success\":\"yes\"}", XapiRejectionReason.Malformed, "result.success must be true or false; got \"yes\"." },
        { "result", "{\"success\":true,\"completion\":1}", XapiRejectionReason.Malformed, "result.completion must be true or false; got 1." },
        { "result", "{\"success\":true,\"response\":5}", XapiRejectionReason.Malformed, "result.response must be a string; got 5." },
        { "result", "{\"success\":true,\"duration\":5}", XapiRejectionReason.Malformed, "result.duration must be an ISO 8601 duration string; got 5." },
        { "result", "{\"success\":true,\"extensions\":5}", XapiRejectionReason.Malformed, "result.extensions must be an object; got 5." },
        { "result", "{\"score\":{\"scaled\":\"0.5\"}}", XapiRejectionReason.Malformed, "result.score.scaled must be a finite number; got \"0.5\"." },
        { "result", "{\"score\":{\"raw\":0,\"max\":0}}", XapiRejectionReason.ScoreOutOfRange, "result.score.raw 0 must lie within min 0 and max 0 (max above min)." },
    };

    [Theory]
    [MemberData(nameof(ValueRules))]
    public void ValueRules_OfTheVerbObjectAndContext_EachRefusedWithItsReason(string member, string json, XapiRejectionReason reason, string message)
    {
        var statement = Statement("passed", Scaled(1));
        statement[member] = JsonNode.Parse(json);
        Rejected(statement).Should().Be(new XapiRejection(0, (string)statement["id"]!, reason, message));
    }

    [Fact]
    public void DifferentAgents_NeverShareALearnerId()
    {
        // Found by review: homePage#name was ambiguous ({x#y, z} and {x, y#z}), and an openid could equal an mbox or an
        // account's id.
        LearnerId Of(JsonObject actor) => One(Statement("passed", actor: actor)).Learner;
        var ids = new[]
        {
            Of(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "http://lms.example.org/x#y", ["name"] = "z" } }),
            Of(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "http://lms.example.org/x", ["name"] = "y#z" } }),
            Of(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "http://lms.example.org", ["name"] = "ana" } }),
            Of(new JsonObject { ["openid"] = "http://lms.example.org#ana" }),
            Of(new JsonObject { ["mbox"] = "mailto:ana@example.org" }),
            // Found by the second review: '#' written %23 alone was not one-to-one.
            Of(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "http://lms.example/#x", ["name"] = "bob" } }),
            Of(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "http://lms.example/%23x", ["name"] = "bob" } }),
            Of(new JsonObject { ["openid"] = "http://id.example/u#bob" }),
            Of(new JsonObject { ["openid"] = "http://id.example/u%23bob" }),
        };
        ids.Should().OnlyHaveUniqueItems();
        ids[1].Value.Should().Be("http://lms.example.org/x#y#z", "an account's id is split at its first '#'");
        ids[0].Value.Should().Be("http://lms.example.org/x%23y#z");
        ids[6].Value.Should().Be("http://lms.example/%2523x#bob");
        Rejected(Statement("passed", actor: new JsonObject { ["openid"] = "mailto:ana@example.org" })).Reason.Should().Be(XapiRejectionReason.InvalidActor);
        Rejected(Statement("passed", actor: new JsonObject { ["account"] = new JsonObject { ["homePage"] = "mailto:ana@example.org", ["name"] = "x" } })).Reason.Should().Be(XapiRejectionReason.InvalidActor);
    }

    [Fact]
    public void VoidingStatements_MustBeValid_AndNameAStatementRef()
    {
        // Found by review: an invalid voiding statement, or one whose object is not a StatementRef, retracted evidence.
        var target = "00000000-0000-4000-8000-0000000000aa";
        JsonObject Voiding(Action<JsonObject> change)
        {
            var v = Statement("voided");
            v["verb"] = new JsonObject { ["id"] = "http://adlnet.gov/expapi/verbs/voided" };
            v["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = target };
            change(v);
            return v;
        }

        Map(Voiding(_ => { })).Voided.Should().Equal(new EvidenceId(target));
        Map(Voiding(v => v["actor"] = new JsonObject { ["objectType"] = "Group", ["mbox"] = "mailto:team@example.org" })).Voided.Should().Equal([new EvidenceId(target)], "a group may void");
        Rejected(Voiding(v => v["object"]!["objectType"] = "Agent")).Reason.Should().Be(XapiRejectionReason.Malformed);
        Rejected(Voiding(v => v["object"]!.AsObject().Remove("objectType"))).Reason.Should().Be(XapiRejectionReason.InvalidIri, "an object without objectType is an Activity, whose id is an IRI");
        Rejected(Voiding(v => v["actor"] = new JsonObject { ["mbox"] = "nope" })).Reason.Should().Be(XapiRejectionReason.InvalidActor);
        Rejected(Voiding(v => v["timestamp"] = "yesterday")).Reason.Should().Be(XapiRejectionReason.InvalidTimestamp);
        Rejected(Voiding(v => v["id"] = target)).Reason.Should().Be(XapiRejectionReason.Malformed, "a statement cannot void itself");
    }

    [Fact]
    public void ObjectsThatAreNotActivities_GiveNoEvidence_EvenWithACatalogId()
    {
        foreach (var type in new[] { "StatementRef", "SubStatement", "Agent" })
        {
            var s = Statement("passed", Scaled(1));
            s["object"] = new JsonObject { ["objectType"] = type, ["id"] = Quiz };
            s["context"] = new JsonObject { ["contextActivities"] = new JsonObject { ["other"] = new JsonArray(new JsonObject { ["id"] = CaseItem.OriginalString }) } };
            Rejected(s).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.UnknownActivity && r.Message == $"The object is a {type}, not an Activity; evidence is about activities.");
        }
    }

    [Fact]
    public void ARawScoreWithoutMin_IsUnrestricted()
    {
        // Data §2.4.5.1: raw lies between min and max "if present, otherwise unrestricted". Below 0 without min it cannot
        // be scaled, so success gives the outcome (or, without it, there is none); it is not out of range.
        One(Statement("passed", new JsonObject { ["score"] = new JsonObject { ["raw"] = -5, ["max"] = 10 }, ["success"] = false })).Outcome.Should().Be(EvidenceOutcome.Incorrect);
        Rejected(Statement("scored", new JsonObject { ["score"] = new JsonObject { ["raw"] = -3, ["max"] = -1 } })).Reason.Should().Be(XapiRejectionReason.NoOutcome);
        One(Statement("scored", new JsonObject { ["score"] = new JsonObject { ["raw"] = 7, ["max"] = 10 } })).Outcome.Score.Should().BeApproximately(0.7, 1e-12, "without min, 0 is the floor");
    }

    [Fact]
    public void ValueRules_TakeWhatTheStandardAllows()
    {
        // IRIs with non-ASCII letters (RFC 3987), URNs, escapes; language tags with script, region, variant, private use;
        // every list of context activities, as an object or an array; every other object type (not evidence, but valid).
        var statement = Statement("passed", Scaled(1), objectId: "https://lms.example.org/activities/%C3%A9tape-1");
        statement["verb"]!["display"] = new JsonObject { ["en-US"] = "passed", ["zh-Hant-TW"] = "通過", ["sl-rozaj-biske"] = "x", ["de-CH-x-phonebk"] = "y", ["i-klingon"] = "z" };
        statement["object"]!["definition"] = new JsonObject
        {
            ["name"] = new JsonObject { ["fr"] = "Étape" }, ["type"] = "urn:example:assessment", ["moreInfo"] = "https://例え.jp/パス",
            ["interactionType"] = "choice", ["extensions"] = new JsonObject { ["https://lms.example.org/ext/room"] = "4B" },
        };
        statement["context"] = new JsonObject
        {
            ["contextActivities"] = new JsonObject
            {
                ["parent"] = new JsonObject { ["id"] = "https://lms.example.org/course" }, ["grouping"] = new JsonArray(new JsonObject { ["objectType"] = "Activity", ["id"] = "tag:example.org,2026:unit" }),
                ["category"] = new JsonArray(), ["other"] = new JsonArray(new JsonObject { ["id"] = CaseItem.OriginalString }),
            },
        };
        var mapper = new XapiStatementMapper(Catalog, new XapiMappingOptions(activityIris: new Dictionary<string, ActivityId> { ["https://lms.example.org/activities/%C3%A9tape-1"] = "b-practice" }.ToImmutableDictionary()));
        var mapped = mapper.Map(new JsonArray(statement).ToJsonString());
        mapped.Rejected.Should().BeEmpty();
        mapped.Evidence.Should().ContainSingle();

        foreach (var other in new[] { "Agent", "Group", "SubStatement", "StatementRef" })
        {
            var s = Statement("passed", Scaled(1));
            s["object"] = new JsonObject { ["objectType"] = other, ["id"] = "00000000-0000-4000-8000-000000000099" };
            Rejected(s).Reason.Should().Be(XapiRejectionReason.UnknownActivity, $"a {other} is a valid object but names no activity");
        }
    }

    [Fact]
    public void DuplicatesCountOnce_VoidingRetracts_AndAnLrsResultIsRead()
    {
        var first = Statement("passed", id: "11111111-0000-4000-8000-000000000001");
        var again = Statement("passed", id: "11111111-0000-4000-8000-000000000001");
        var other = Statement("failed", id: "22222222-0000-4000-8000-000000000002");
        var voiding = Statement("voided", id: "33333333-0000-4000-8000-000000000003");
        voiding["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = "22222222-0000-4000-8000-000000000002" };

        var result = Mapper.Map(new JsonObject { ["statements"] = new JsonArray(first, again, other, voiding), ["more"] = "" }.ToJsonString());

        result.Statements.Should().Be(4);
        result.Evidence.Select(e => e.Id.Value).Should().Equal("11111111-0000-4000-8000-000000000001");
        result.Voided.Should().Equal(new EvidenceId("22222222-0000-4000-8000-000000000002"));
        result.Rejected.Should().ContainSingle().Which.Should().Be(new XapiRejection(1, "11111111-0000-4000-8000-000000000001", XapiRejectionReason.Duplicate,
            "Statement '11111111-0000-4000-8000-000000000001' appears earlier in the batch; it counts once."));
        (result.Evidence.Length + result.Voided.Length + result.Rejected.Length + 1).Should().Be(result.Statements, "the voided statement's own evidence is the one retracted");

        // UUIDs ignore case: the same statement with its id in upper case is the same evidence in a later batch.
        var upper = Map(Statement("passed", id: "ABCDEF00-0000-4000-8000-000000000001")).Evidence.Should().ContainSingle().Subject;
        upper.Id.Should().Be(new EvidenceId("abcdef00-0000-4000-8000-000000000001"));
        var voidUpper = Statement("voided", id: "44444444-0000-4000-8000-000000000004");
        voidUpper["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = "ABCDEF00-0000-4000-8000-000000000001" };
        Map(voidUpper).Voided.Should().Equal(upper.Id);

        // Found by review: the same id with other content was reported as a plain duplicate; it is a conflict that shows
        // both versions, as recording it into a state is.
        var regraded = Statement("failed", id: "11111111-0000-4000-8000-000000000001");
        var conflict = Mapper.Map(new JsonArray(Statement("passed", id: "11111111-0000-4000-8000-000000000001"), regraded).ToJsonString());
        conflict.Evidence.Should().ContainSingle().Which.Outcome.Should().Be(EvidenceOutcome.Correct);
        var rejection = conflict.Rejected.Should().ContainSingle().Subject;
        rejection.Reason.Should().Be(XapiRejectionReason.Conflict);
        rejection.Message.Should().StartWith("Statement '11111111-0000-4000-8000-000000000001' appears earlier in the batch with other content; an id names one statement, and the first counts. Earlier: Evidence { Id = 11111111-0000-4000-8000-000000000001")
            .And.Contain("Outcome = correct").And.Contain("Outcome = incorrect");
    }

    [SkippableFact]
    public void TheSpecificationsExamples_AreEachAccountedFor()
    {
        var json = File.ReadAllText(SharedData.Require("xapi/xapi_spec_example_statements.json"));

        var plain = Mapper.Map(json);
        plain.Statements.Should().Be(9);
        plain.Evidence.Should().BeEmpty();
        plain.Rejected.Select(r => r.Reason).Should().Equal(
            XapiRejectionReason.MissingId, XapiRejectionReason.UnsupportedVerb, XapiRejectionReason.MissingId, XapiRejectionReason.MissingId,
            XapiRejectionReason.UnsupportedVerb, XapiRejectionReason.GroupActor, XapiRejectionReason.MissingId, XapiRejectionReason.UnsupportedVerb,
            XapiRejectionReason.UnsupportedVerb);

        // Count "attempted" and know the example CBT course: its statement becomes evidence with the score and duration.
        var course = new ActivityCatalogBuilder(Framework).Add(new LearningActivity("http://example.adlnet.gov/xapi/example/simpleCBT", "CBT", ActivityKind.Lesson, 20, TestData.Align("A"))).Build();
        var configured = new XapiStatementMapper(course, XapiMappingOptions.Default.WithVerb(Verbs + "attempted", new XapiVerbRule(EvidenceKind.Formative, null))).Map(json);
        configured.Evidence.Should().ContainSingle().Which.Should().Be(new Evidence("7ccd3322-e1a5-411a-a67d-6a735c76f119", "mailto:example.learner@adlnet.gov",
            EvidenceOutcome.FromScore(0.95), new DateTimeOffset(2015, 12, 18, 12, 17, 0, TimeSpan.Zero), activity: "http://example.adlnet.gov/xapi/example/simpleCBT",
            duration: TimeSpan.FromSeconds(1234)));
        configured.Rejected.Should().HaveCount(8);
    }

    [Fact]
    public void Limits_AndFuzz_OnlyDocumentedExceptions()
    {
        var batch = new JsonArray(Statement("passed"), Statement("answered", Scaled(0.5))).ToJsonString();
        FluentActions.Invoking(() => Mapper.Map(batch, new InteropLimits(maxArrayLength: 1))).Should().Throw<InteropLimitExceededException>().Which.Limit.Should().Be("array length");
        FluentActions.Invoking(() => Mapper.Map(null!)).Should().Throw<ArgumentNullException>();

        InteropFuzzTests.Mutations(batch, 6).Sample(mutations =>
        {
            var text = InteropFuzzTests.Mutate(batch, mutations, "{\"score\":{\"raw\":1e308,\"max\":-1},\"id\":[]}");
            InteropFuzzTests.AccountsForEveryStatement(Mapper.Map(text));
        }, iter: InteropFuzzTests.Iterations, threads: 1);
    }

    [Fact]
    public void Rejections_SayWhatIsWrong_InTheirMessage()
    {
        XapiRejection Actor(JsonNode actor) => Rejected(Statement("passed", actor: actor));
        var anonymous = Statement("passed");
        anonymous.Remove("actor");
        Rejected(anonymous).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.MissingActor
            && r.Message == "The statement has no actor with an account, mbox, mbox_sha1sum or openid.");
        Actor(new JsonObject { ["objectType"] = "Person", ["mbox"] = "mailto:ana@example.org" }).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.InvalidActor
            && r.Message == "The actor's objectType must be \"Agent\" or \"Group\"; got \"Person\".");
        Actor(new JsonObject { ["mbox"] = 42 }).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.InvalidActor
            && r.Message == "The actor's mbox 42 is not a mailto IRI of one email address, such as 'mailto:learner@example.org'.");
        Actor(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "lms", ["name"] = "ana" } }).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.InvalidActor
            && r.Message == "The actor's account {\"homePage\":\"lms\",\"name\":\"ana\"} needs a homePage that is an IRL (an absolute IRI that locates the system, not a mailto: address) and a name.");
        Actor(new JsonObject { ["objectType"] = "Group", ["mbox"] = "mailto:team@example.org" }).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.GroupActor
            && r.Message == "The actor is a group; evidence is about one learner.");

        // Valid xAPI, but no learner id: an account name ending in a space.
        Actor(new JsonObject { ["account"] = new JsonObject { ["homePage"] = "https://lms.example.org", ["name"] = "ana " } }).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.MissingActor
            && r.Message == "The actor's identifier cannot name a learner: A learner id must not start or end with whitespace; got 'https://lms.example.org#ana '.");

        var objectless = Statement("passed");
        objectless.Remove("object");
        Rejected(objectless).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.Malformed && r.Message == "The statement has no object.");
        Rejected(Statement("answered")).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.NoOutcome
            && r.Message == "The statement's result has no score or success, and its verb needs one.");
    }

    [Theory]
    [InlineData("mailto:@example.org")] // no local part
    [InlineData("mailto:ana@")] // no domain
    [InlineData("email:ana@example.org")] // not a mailto IRI
    public void Mbox_NotAMailtoIriOfOneAddress_IsRefused(string mbox)
        => Rejected(Statement("passed", actor: new JsonObject { ["mbox"] = mbox })).Should().Match<XapiRejection>(r => r.Reason == XapiRejectionReason.InvalidActor
            && r.Message == $"The actor's mbox \"{mbox}\" is not a mailto IRI of one email address, such as 'mailto:learner@example.org'.");

    [Fact]
    public void Scores_AtTheEdgesOfTheirRanges()
    {
        // Data §2.4.5.1: scaled −1 is in range (no credit); raw 0 without min is read against 0, even with success true.
        One(Statement("answered", Scaled(-1))).Outcome.Score.Should().Be(0);
        One(Statement("scored", new JsonObject { ["success"] = true, ["score"] = new JsonObject { ["raw"] = 0, ["max"] = 10 } })).Outcome.Score.Should().Be(0);

        // An ordinary range is scaled as it is, however small: ε of 2ε is one half (halving both would lose ε).
        One(Statement("scored", Raw(double.Epsilon, 0, 2 * double.Epsilon))).Outcome.Score.Should().Be(0.5);
    }

    [Fact]
    public void Options_VerbsWithoutARule_AreListedInOrdinalOrder_AndWithVerbChecksItsArguments()
    {
        var nulls = () => new XapiMappingOptions(XapiMappingOptions.DefaultVerbs.SetItem("http://x/b", null!).SetItem("http://x/a", null!).SetItem("http://x/c", null!));
        nulls.Should().ThrowExactly<ArgumentNullException>().WithMessage("The xAPI mapping options are not valid: "
            + "verbs: verb 'http://x/a' needs a rule; got null. verbs: verb 'http://x/b' needs a rule; got null. verbs: verb 'http://x/c' needs a rule; got null. (Parameter 'verbs')");

        var rule = new XapiVerbRule(EvidenceKind.Formative, null);
        FluentActions.Invoking(() => XapiMappingOptions.Default.WithVerb(" ", rule)).Should().ThrowExactly<ArgumentException>().WithParameterName("iri");
        FluentActions.Invoking(() => XapiMappingOptions.Default.WithVerb(null!, rule)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("iri");
        FluentActions.Invoking(() => XapiMappingOptions.Default.WithVerb("http://x/v", null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("rule");
        FluentActions.Invoking(() => new XapiStatementMapper(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("catalog");
    }

    [Fact]
    public async Task Limits_TheDocumentSizeAndDepth_AreEachTheLargestTaken_AndMapAsyncKeepsTheLimitsGiven()
    {
        var json = new JsonArray(Statement("passed")).ToJsonString();
        Mapper.Map(json, new InteropLimits(maxDocumentBytes: json.Length)).Evidence.Should().ContainSingle();
        var tooLong = FluentActions.Invoking(() => Mapper.Map(json, new InteropLimits(maxDocumentBytes: json.Length - 1))).Should().ThrowExactly<InteropLimitExceededException>().Which;
        (tooLong.Limit, tooLong.Value, tooLong.Message).Should().Be(("document size", json.Length - 1, $"The batch is longer than {json.Length - 1} bytes."));

        // 70 levels: the batch, the statement, its result, the extensions and 66 nested arrays in an extension's value.
        var deep = "[" + Statement("passed").ToJsonString()[..^1] + ",\"result\":{\"success\":true,\"extensions\":{\"https://lms.example.org/x/deep\":"
            + new string('[', 66) + new string(']', 66) + "}}}]";
        Mapper.Map(deep, new InteropLimits(maxDepth: 70)).Evidence.Should().ContainSingle();
        FluentActions.Invoking(() => Mapper.Map(deep, new InteropLimits(maxDepth: 69))).Should().ThrowExactly<InteropLimitExceededException>().Which.Limit.Should().Be("depth");

        (await FluentActions.Awaiting(() => Mapper.MapAsync(null!)).Should().ThrowExactlyAsync<ArgumentNullException>()).Which.ParamName.Should().Be("stream");
        var batch = System.Text.Encoding.UTF8.GetBytes(new JsonArray(Statement("passed"), Statement("answered", Scaled(0.5))).ToJsonString());
        using var stream = new MemoryStream(batch);
        (await FluentActions.Awaiting(() => Mapper.MapAsync(stream, new InteropLimits(maxArrayLength: 1))).Should().ThrowExactlyAsync<InteropLimitExceededException>())
            .Which.Limit.Should().Be("array length");
        using var again = new MemoryStream(batch);
        (await Mapper.MapAsync(again)).Evidence.Should().HaveCount(2);
    }

    [Fact]
    public void Results_DeconstructIntoTheirMembers_AndAreEqualByValue()
    {
        var passed = Statement("passed");
        var unscored = Statement("answered");
        var result = Map(passed, unscored);

        var (evidence, voided, rejected, statements) = result;
        (evidence, voided, rejected, statements).Should().Be((result.Evidence, result.Voided, result.Rejected, 2));
        var (index, statementId, reason, message) = result.Rejected.Should().ContainSingle().Subject;
        (index, statementId, reason, message).Should().Be((1, (string?)unscored["id"]!.GetValue<string>(), XapiRejectionReason.NoOutcome, "The statement's result has no score or success, and its verb needs one."));

        result.Equals(Map(passed, unscored)).Should().BeTrue("the same batch maps to an equal result");
        result.Equals(result with { Statements = 3 }).Should().BeFalse();
        result.Equals(result with { Evidence = [] }).Should().BeFalse();
        result.Equals(result with { Voided = [new EvidenceId("e1")] }).Should().BeFalse();
        result.Equals(result with { Rejected = [] }).Should().BeFalse();
        result.Equals((XapiMappingResult?)null).Should().BeFalse();
    }

    [Fact]
    public async Task MapAsync_NeverResumesOnTheCallersContext()
    {
        // A caller that blocks on MapAsync from a single-threaded context (a UI thread) would deadlock if the mapper
        // resumed there; a stream that answers later makes every await inside it wait.
        using var stream = new SlowStream(System.Text.Encoding.UTF8.GetBytes(new JsonArray(Statement("passed")).ToJsonString()));
        var context = new CountingContext();
        var previous = SynchronizationContext.Current;
        Task<XapiMappingResult> mapping;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            mapping = Mapper.MapAsync(stream);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        (await mapping).Evidence.Should().ContainSingle();
        context.Posts.Should().Be(0);
    }

    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }

    private sealed class SlowStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
