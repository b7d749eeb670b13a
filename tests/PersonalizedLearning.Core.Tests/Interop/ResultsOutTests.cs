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
        .Add(new Competency("A", "Alpha")).Add(new Competency("B", "Beta", uri: ItemB)).Add(new Competency("C", "Gamma")).Add(new Competency("D", "Delta")).Build();
    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Framework).Add(new LearningActivity("a", "A", ActivityKind.Practice, 5, TestData.Align("A"))).Build();
    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    // A and B mastered (latest 1 and 0.9, twice each); C attempted once at 0.4.
    private static MasterySnapshot Mastery(string learner) => Engine.Assess(Engine.Rebuild(learner,
    [
        Evidence.ForCompetency("a1", learner, "A", EvidenceOutcome.Correct, TestData.Start), Evidence.ForCompetency("a2", learner, "A", EvidenceOutcome.Correct, TestData.Start),
        Evidence.ForCompetency("b1", learner, "B", EvidenceOutcome.FromScore(0.9), TestData.Start), Evidence.ForCompetency("b2", learner, "B", EvidenceOutcome.FromScore(0.9), TestData.Start),
        Evidence.ForCompetency("c1", learner, "C", EvidenceOutcome.FromScore(0.4), TestData.Start),
    ]), TestData.Start.AddDays(1));

    private static readonly OneRosterResultTarget Target = new("r-1", "li-mastery", "stu-ana")
    {
        ServiceRootUri = new Uri("https://sis.example.org"),
        ClassSourcedId = "class-4b",
    };

    [Fact]
    public void OneRosterResult_IsTheGoldenFile_AndValidAgainstOneRosters12Schema()
    {
        // Worked by hand: the line item covers the framework's four objectives; A and B are mastered, C attempted, D has
        // no evidence. Score 2 of 4 = 0.5, partially graded; one learningObjectiveResult per objective, D's without a score.
        var json = OneRosterResultWriter.Write(Mastery("ana"), Target, indented: true);

        json.ReplaceLineEndings("\n").Should().Be(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", "oneroster", "result-partially-graded.json")).ReplaceLineEndings("\n"));
        OneRosterSchema.Problems(json).Should().BeEmpty();

        // The schema check bites on what this writer used to write: a date-time scoreDate, source "CASE", relative hrefs.
        OneRosterSchema.Problems(json.Replace("\"2026-09-08\"", "\"2026-09-08T09:00:00.000Z\"", StringComparison.Ordinal)).Should().NotBeEmpty();
        OneRosterSchema.Problems(json.Replace("\"unknown\"", "\"CASE\"", StringComparison.Ordinal)).Should().NotBeEmpty();
        OneRosterSchema.Problems(json.Replace("https://sis.example.org/", "/", StringComparison.Ordinal)).Should().NotBeEmpty();
    }

    [Fact]
    public void OneRosterResult_ScoreIsOverTheObjectivesCovered_AndItsStatusSaysHowMuchIsGraded()
    {
        static JsonNode Result(MasterySnapshot mastery, OneRosterResultTarget target) => JsonNode.Parse(OneRosterResultWriter.Write(mastery, target))!["result"]!;

        // Every covered objective has evidence: fully graded, 2 of 3.
        var full = Result(Mastery("ana"), Target with { LearningObjectives = ["A", "B", "C"] });
        full["scoreStatus"]!.GetValue<string>().Should().Be("fully graded");
        full["score"]!.GetValue<double>().Should().Be(0.666667);
        full["textScore"]!.GetValue<string>().Should().Be("2 of 3 mastered");
        full["learningObjectiveSet"]![0]!["learningObjectiveResults"]!.AsArray().Select(r => r!["learningObjectiveId"]!.GetValue<string>()).Should().Equal("A", "B", "C");

        // 1 of 10 mastered is 0.1, not 1.0: a framework of ten with evidence only on the mastered one.
        var ten = new CompetencyFrameworkBuilder("ten");
        for (var i = 0; i < 10; i++)
        {
            ten.AddCompetency($"k{i}", $"K{i}");
        }

        var tenEngine = new PersonalizedLearningEngine(new ActivityCatalogBuilder(ten.Build()).Add(new LearningActivity("p", "P", ActivityKind.Practice, 5, TestData.Align("k0"))).Build(), RollupMasteryModel.Latest());
        var one = tenEngine.Assess(tenEngine.Rebuild("ana", [Evidence.ForCompetency("x1", "ana", "k0", EvidenceOutcome.Correct, TestData.Start), Evidence.ForCompetency("x2", "ana", "k0", EvidenceOutcome.Correct, TestData.Start)]), TestData.Start);
        var oneOfTen = Result(one, Target);
        oneOfTen["score"]!.GetValue<double>().Should().Be(0.1);
        oneOfTen["scoreStatus"]!.GetValue<string>().Should().Be("partially graded");
        oneOfTen["learningObjectiveSet"]![0]!["learningObjectiveResults"]!.AsArray().Should().HaveCount(10);

        // No evidence at all: not submitted, and no score rather than a graded 0.
        var none = Result(Engine.Assess(Engine.CreateLearner("bo"), TestData.Start), Target);
        none["scoreStatus"]!.GetValue<string>().Should().Be("not submitted");
        none.AsObject().ContainsKey("score").Should().BeFalse();
        none["learningObjectiveSet"]![0]!["learningObjectiveResults"]!.AsArray().Select(r => r!["textScore"]!.GetValue<string>()).Should().Equal("NotStarted", "NotStarted", "NotStarted", "NotStarted");
        OneRosterSchema.Problems(OneRosterResultWriter.Write(Engine.Assess(Engine.CreateLearner("bo"), TestData.Start), Target)).Should().BeEmpty();

        // By default a line item covers the competencies without children: a parent has no evidence of its own. Found by
        // review: with the parent counted, a learner who mastered every leaf could never be fully graded.
        var diamond = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var all = diamond.Rebuild("ana", [.. new[] { "A", "B", "C", "D", "E" }.SelectMany(c => new[] { 1, 2 }.Select(i => Evidence.ForCompetency($"{c}{i}", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(i))))]);
        var everything = Result(diamond.Assess(all, TestData.Start.AddDays(1)), Target);
        (everything["scoreStatus"]!.GetValue<string>(), everything["score"]!.GetValue<double>()).Should().Be(("fully graded", 1.0));
        everything["learningObjectiveSet"]![0]!["learningObjectiveResults"]!.AsArray().Select(r => r!["learningObjectiveId"]!.GetValue<string>()).Should().Equal("A", "B", "C", "D", "E");

        // CASE identifiers (UUIDs) make the source 'case'; other ids 'unknown'.
        Result(Mastery("ana"), Target)["learningObjectiveSet"]![0]!["source"]!.GetValue<string>().Should().Be("unknown");
        Result(Mastery("ana"), Target with { LearningObjectives = ["B"], LearningObjectiveId = c => c.Uri?.Segments[^1] ?? c.Id.Value })["learningObjectiveSet"]![0]!["source"]!.GetValue<string>().Should().Be("case");

        // Ids mapped to CASE identifiers; relative hrefs without a base.
        JsonNode.Parse(OneRosterResultWriter.Write(Mastery("ana"), new OneRosterResultTarget("r-1", "li", "s", c => c.Uri?.Segments[^1] ?? c.Id.Value)))!
            ["result"]!["learningObjectiveSet"]![0]!["learningObjectiveResults"]![1]!["learningObjectiveId"]!.GetValue<string>().Should().Be("b0000000-0000-4000-8000-000000000002");
        Result(Mastery("ana"), new OneRosterResultTarget("r-1", "li x", "s"))["lineItem"]!["href"]!.GetValue<string>().Should().Be("/ims/oneroster/gradebook/v1p2/lineItems/li%20x");
    }

    [Fact]
    public void OneRosterResult_BadTargets_AreRefused()
    {
        var mastery = Mastery("ana");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget(" ", "li", "s"))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("target");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, Target with { LearningObjectives = ["A", "Z"] })).Should().ThrowExactly<UnknownCompetencyException>()
            .WithMessage("Learning objective 'Z' is not a competency of framework 'x'. (Parameter 'target')").Which.Competency.Should().Be(new CompetencyId("Z"));
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, Target with { LearningObjectives = ["A", "A"] })).Should().Throw<ArgumentException>().WithMessage("Learning objective 'A' is listed twice.*");
        foreach (var source in new[] { "CASE", "/case", "/unknown", "case\n", "/Upper", "" })
        {
            FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, Target with { LearningObjectiveSource = source })).Should().Throw<ArgumentException>()
                .WithMessage("The learning objective source must be 'case', 'unknown' or '/name'*");
        }

        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, Target with { LearningObjectiveSource = "case" })).Should().Throw<ArgumentException>()
            .WithMessage("With source 'case' every learningObjectiveId must be a CASE identifier (a UUID); 'A' is not.*");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", "li", "s", _ => " "))).Should().Throw<ArgumentException>()
            .WithMessage("The learningObjectiveId of competency 'A' is blank.*");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, Target with { ServiceRootUri = new Uri("https://sis.example.org/api?tenant=7") })).Should().Throw<ArgumentException>()
            .WithMessage("The service root URI must be absolute, without a query or fragment*");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, Target with { ServiceRootUri = new Uri("sis/", UriKind.Relative) })).Should().Throw<ArgumentException>().WithMessage("The service root URI must be absolute*");

        // Found by review: a root's path was lost, and the ids '.' and '..' were resolved as dot segments.
        var hrefs = JsonNode.Parse(OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", "..", ".") { ServiceRootUri = new Uri("https://sis.example.org/district7") }))!["result"]!;
        hrefs["lineItem"]!["href"]!.GetValue<string>().Should().Be("https://sis.example.org/district7/ims/oneroster/gradebook/v1p2/lineItems/%2E%2E");
        hrefs["student"]!["href"]!.GetValue<string>().Should().Be("https://sis.example.org/district7/ims/oneroster/rostering/v1p2/users/%2E");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, Target with { ClassSourcedId = " " })).Should().Throw<ArgumentException>().WithMessage("The class sourcedId is blank*");

        // From the fresh review: blank ids say which one; two objectives may not share an id.
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", "li", " "))).Should().Throw<ArgumentException>()
            .WithMessage("The target's StudentSourcedId is blank; OneRoster needs a sourcedId there.*");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", null!, "s"))).Should().Throw<ArgumentException>()
            .WithMessage("The target's LineItemSourcedId is null*");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", "li", "s", _ => "same"))).Should().Throw<ArgumentException>()
            .WithMessage("Competencies 'A' and 'B' map to the same learningObjectiveId 'same'; each objective needs its own.*");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", "li", "s", c => c.Id == "A" ? "b0000000-0000-4000-8000-00000000000a" : c.Id == "B" ? "B0000000-0000-4000-8000-00000000000A" : c.Id.Value)))
            .Should().Throw<ArgumentException>().WithMessage("Competencies 'A' and 'B' map to the same learningObjectiveId*", "a UUID is one id whatever its case");

        // From the second fresh review: a mapping that misses (a dictionary lookup) gave null, and the competency's own id
        // was written in its place; a mapping that throws left Write under another parameter name.
        var map = new Dictionary<string, string> { ["B"] = "id-B" };
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", "li", "s", c => map.GetValueOrDefault(c.Id.Value)!))).Should().Throw<ArgumentException>()
            .WithMessage("The learningObjectiveId of competency 'A' is null*").And.ParamName.Should().Be("target");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(mastery, new OneRosterResultTarget("r", "li", "s", c => throw new ArgumentException("no such item", "competency")))).Should().Throw<ArgumentException>()
            .WithMessage("The target's LearningObjectiveId failed for competency 'A': no such item*").And.ParamName.Should().Be("target");
    }

    [Fact]
    public void OneRosterResult_AParentObjective_TakesItsStandingFromItsChildren()
    {
        // From the fresh review: a parent listed as an objective was "not submitted" and "NotStarted" while its children
        // were mastered, since a parent has no evidence of its own.
        var diamond = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var log = new[] { "A", "B" }.SelectMany(c => new[] { 1, 2 }.Select(i => Evidence.ForCompetency($"{c}{i}", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(i)))).ToList();
        var some = diamond.Assess(diamond.Rebuild("ana", log), TestData.Start.AddDays(1));
        var target = new OneRosterResultTarget("r", "li", "s") { LearningObjectives = ["U", "A"] };

        // Without a rollup, U (no evidence of its own) takes the default rule over its children; with the same rule given,
        // the same result.
        var hierarchy = new PersonalizedLearning.Mastery.Hierarchy.HierarchyRollup(TestData.Diamond());
        OneRosterResultWriter.Write(some, target).Should().Be(OneRosterResultWriter.Write(some, target with { Hierarchy = hierarchy }));
        var partly = JsonNode.Parse(OneRosterResultWriter.Write(some, target with { Hierarchy = hierarchy }))!["result"]!;
        partly["learningObjectiveSet"]![0]!["learningObjectiveResults"]!.AsArray().Select(r => r!["textScore"]!.GetValue<string>()).Should().Equal("PartiallyAttempted", "Mastered");
        (partly["scoreStatus"]!.GetValue<string>(), partly["score"]!.GetValue<double>(), partly["textScore"]!.GetValue<string>()).Should().Be(("fully graded", 0.5, "1 of 2 mastered"));

        var all = diamond.Assess(diamond.Rebuild("ana", [.. log, .. new[] { "C", "D", "E" }.SelectMany(c => new[] { 1, 2 }.Select(i => Evidence.ForCompetency($"{c}{i}", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(i))))]), TestData.Start.AddDays(1));
        var whole = JsonNode.Parse(OneRosterResultWriter.Write(all, target with { Hierarchy = hierarchy }))!["result"]!;
        whole["learningObjectiveSet"]![0]!["learningObjectiveResults"]![0]!["textScore"]!.GetValue<string>().Should().Be("Demonstrated");
        whole["score"]!.GetValue<double>().Should().Be(1.0);
        var none = JsonNode.Parse(OneRosterResultWriter.Write(diamond.Assess(diamond.CreateLearner("bo"), TestData.Start), target with { Hierarchy = hierarchy }))!["result"]!;
        none["scoreStatus"]!.GetValue<string>().Should().Be("not submitted");

        // A parent assessed directly (evidence of its own) keeps its own standing unless a rollup is given.
        var direct = diamond.Assess(diamond.Rebuild("ana", [.. log, Evidence.ForCompetency("u1", "ana", "U", EvidenceOutcome.Correct, TestData.Start), Evidence.ForCompetency("u2", "ana", "U", EvidenceOutcome.Correct, TestData.Start.AddMinutes(1))]), TestData.Start.AddDays(1));
        JsonNode.Parse(OneRosterResultWriter.Write(direct, target))!["result"]!["learningObjectiveSet"]![0]!["learningObjectiveResults"]![0]!["textScore"]!.GetValue<string>().Should().Be("Mastered");
        var rolled = JsonNode.Parse(OneRosterResultWriter.Write(direct, target with { Hierarchy = hierarchy }))!["result"]!["learningObjectiveSet"]![0]!["learningObjectiveResults"]![0]!;
        rolled["textScore"]!.GetValue<string>().Should().Be("Demonstrated"); // the rollup counts its own level too
        rolled.AsObject().ContainsKey("score").Should().BeFalse("the rollup decides the standing; the parent's own estimate would contradict it");

        FluentActions.Invoking(() => OneRosterResultWriter.Write(some, target with { Hierarchy = new PersonalizedLearning.Mastery.Hierarchy.HierarchyRollup(Framework) })).Should().Throw<ArgumentException>()
            .WithMessage("The target's hierarchy rollup is over framework 'x', not the snapshot's 'Diamond'.*");
    }

    [Fact]
    public void OneRosterResult_ForAFrameworkReadFromCase_NamesTheCfItems()
    {
        // From the fresh review: a package written by this library carries each competency's own id, so a framework read
        // back has ids like "A", not the CFItem identifiers OneRoster's 'case' source expects.
        var document = new PersonalizedLearning.Interop.Case.CaseDocument("d0000000-0000-4000-8000-000000000000", new Uri("https://case.example.org/uri/d0000000-0000-4000-8000-000000000000"), "Tests", "x", TestData.Start, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty);
        var read = PersonalizedLearning.Interop.Case.CasePackageReader.Read(PersonalizedLearning.Interop.Case.CasePackageWriter.Write(PersonalizedLearning.Interop.Case.CasePackageWriter.Describe(Framework, document))).Framework!;
        read.Framework.Competencies.Select(c => c.Id.Value).Should().Equal("A", "B", "C", "D");

        var result = JsonNode.Parse(OneRosterResultWriter.Write(Mastery("ana"), Target with { LearningObjectiveId = OneRosterResultTarget.CaseItemIdentifiers(read) }))!["result"]!["learningObjectiveSet"]![0]!;
        result["source"]!.GetValue<string>().Should().Be("case");
        result["learningObjectiveResults"]!.AsArray().Select(r => r!["learningObjectiveId"]!.GetValue<string>()).Should().Equal(read.Items.Select(i => i.Identifier));
        read.Items.Select(i => Guid.TryParseExact(i.Identifier, "D", out var _) && i.Identifier != i.Competency.Value).Should().AllBeEquivalentTo(true);

        var other = new CompetencyFrameworkBuilder("x").AddCompetency("Z", "Zeta").Build();
        FluentActions.Invoking(() => OneRosterResultTarget.CaseItemIdentifiers(read)(other.Competencies[0])).Should().ThrowExactly<UnknownCompetencyException>()
            .WithMessage("Competency 'Z' is not an item of CASE package 'x'. (Parameter 'competency')").Which.Competency.Should().Be(new CompetencyId("Z"));
        FluentActions.Invoking(() => OneRosterResultTarget.CaseItemIdentifiers(null!)).Should().Throw<ArgumentNullException>();
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

    [Fact]
    public void MasteredStatements_AreTheWorkedStatements_Compact()
    {
        // Worked by hand from xAPI 1.0.3: one statement per mastered competency (A, then B, in the framework's order), at
        // the snapshot's moment, 2026-09-08T09:00Z (639244548000000000 ticks). Ids by Python:
        // uuid.uuid5(UUID('5f3a9c2e-8b1d-4e6f-9a07-3c5d2e1b4a68'), 'xapi|mastered|mailto:ana@example.org|A|639244548000000000').
        var json = XapiStatementWriter.WriteMastered(Mastery("mailto:ana@example.org"), new Uri("https://lms.example.org/competencies/"), new Uri("https://sis.example.org"));

        static string Statement(string id, string activity, string title, string scaled) =>
            "{\"id\":\"" + id + "\",\"actor\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:ana@example.org\"},"
            + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/mastered\",\"display\":{\"en-US\":\"mastered\"}},"
            + "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + activity + "\",\"definition\":{\"name\":{\"en-US\":\"" + title + "\"},\"type\":\"http://adlnet.gov/expapi/activities/objective\"}},"
            + "\"result\":{\"success\":true,\"score\":{\"scaled\":" + scaled + "}},\"timestamp\":\"2026-09-08T09:00:00+00:00\"}";

        json.Should().Be("[" + Statement("03fcc5aa-35cf-5730-ac01-cd13d6463f6e", "https://lms.example.org/competencies/A", "Alpha", "1") + ","
            + Statement("de1487f5-b5fa-588a-99dd-e32865e85a62", ItemB.OriginalString, "Beta", "0.9") + "]");
    }

    [Fact]
    public void MasteredStatements_NullArguments_NameTheirParameter()
    {
        var mastery = Mastery("mailto:ana@example.org");
        var lms = new Uri("https://lms.example.org/c/");
        FluentActions.Invoking(() => XapiStatementWriter.WriteMastered(null!, lms, lms)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("mastery");
        FluentActions.Invoking(() => XapiStatementWriter.WriteMastered(mastery, null!, lms)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("activityBase");
        FluentActions.Invoking(() => XapiStatementWriter.WriteMastered(mastery, lms, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("accountHomePage");
    }

    [Fact]
    public void OneRosterResult_NullArguments_AndARootWithAFragment_AreRefused()
    {
        FluentActions.Invoking(() => OneRosterResultWriter.Write(null!, Target)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("mastery");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(Mastery("ana"), null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("target");
        FluentActions.Invoking(() => OneRosterResultWriter.Write(Mastery("ana"), Target with { ServiceRootUri = new Uri("https://sis.example.org/#district7") })).Should().ThrowExactly<ArgumentException>()
            .WithMessage("The service root URI must be absolute, without a query or fragment; got 'https://sis.example.org/#district7'. (Parameter 'target')");
    }

    [Fact]
    public void OneRosterResult_AParentObjective_FollowsTheTargetsOwnRule()
    {
        // U's children A and B are mastered, C, D and E not begun. The default rule (every child proficient) gives
        // PartiallyAttempted; a points rule needing 2 of the 5 points gives Demonstrated, and the result says so.
        var diamond = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var log = new[] { "A", "B" }.SelectMany(c => new[] { 1, 2 }.Select(i => Evidence.ForCompetency($"{c}{i}", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(i)))).ToList();
        var some = diamond.Assess(diamond.Rebuild("ana", log), TestData.Start.AddDays(1));
        var points = PersonalizedLearning.Mastery.Hierarchy.ParentRule.Points(2, new[] { "A", "B", "C", "D", "E" }.Select(c => new PersonalizedLearning.Mastery.Hierarchy.ChildPoints(new CompetencyId(c), 1)));
        var hierarchy = new PersonalizedLearning.Mastery.Hierarchy.HierarchyRollup(TestData.Diamond(), [KeyValuePair.Create(new CompetencyId("U"), points)]);
        var target = new OneRosterResultTarget("r", "li", "s") { LearningObjectives = ["U"] };

        string Standing(OneRosterResultTarget t) => JsonNode.Parse(OneRosterResultWriter.Write(some, t))!["result"]!["learningObjectiveSet"]![0]!["learningObjectiveResults"]![0]!["textScore"]!.GetValue<string>();
        Standing(target).Should().Be("PartiallyAttempted");
        Standing(target with { Hierarchy = hierarchy }).Should().Be("Demonstrated");
    }
}

/// <summary>1EdTech's OneRoster 1.2 Gradebook Service OpenAPI 3 schema for a single result (<c>SingleResultDType</c>), as a
/// JSON Schema: the OpenAPI's component schemas under <c>$defs</c>.</summary>
internal static class OneRosterSchema
{
    private static readonly Json.Schema.JsonSchema Schema = Load();

    public static IReadOnlyList<string> Problems(string json)
    {
        var result = Schema.Evaluate(System.Text.Json.JsonDocument.Parse(json).RootElement, new Json.Schema.EvaluationOptions { RequireFormatValidation = true, OutputFormat = Json.Schema.OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    private static Json.Schema.JsonSchema Load()
    {
        var openApi = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", "onerosterv1p2gradebookservice_openapi3_v1p0.json")))!;
        var defs = openApi["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return Json.Schema.JsonSchema.FromText($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://test.local/oneroster-result","$ref":"#/$defs/SingleResultDType","$defs":{{defs}}}""");
    }
}
