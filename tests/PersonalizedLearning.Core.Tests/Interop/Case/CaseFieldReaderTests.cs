using System.Text.Json;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;

namespace PersonalizedLearning.Tests.Interop.Case;

public class CaseFieldReaderTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static (string Path, string Rule, string Message)[] Problems(CaseFieldReader fields) =>
        [.. fields.Problems.Select(p => (p.Path, p.Rule, p.Message))];

    [Fact]
    public void Text_ReportsAbsentRequiredWrongTypeAndBlank_AtTheMembersPath()
    {
        var fields = new CaseFieldReader();
        var element = Parse("""{"n": 7, "b": "  ", "ok": "x", "nothing": null}""");

        fields.Text(element, "missing", "$.I", required: true).Should().BeNull();
        fields.Text(element, "n", "$.I", required: true).Should().BeNull();
        fields.Text(element, "b", "$.I", required: true).Should().BeNull();
        fields.Text(element, "b", "$.I", required: false).Should().Be("  ", "only a required text must not be blank");
        fields.Text(element, "nothing", "$.I", required: false).Should().BeNull("a null member is an absent one");
        fields.Text(element, "ok", "$.I", required: true).Should().Be("x");

        Problems(fields).Should().Equal(
            ("$.I.missing", "required", "missing is required."),
            ("$.I.n", "type: string", "n must be a string; got Number."),
            ("$.I.b", "required", "b is required and must not be blank."));
        fields.ProblemCount.Should().Be(3);
    }

    [Fact]
    public void Uuid_AcceptsTheCanonicalForm_Only()
    {
        var fields = new CaseFieldReader();
        var element = Parse("""{"good": "a6f4c2e0-0000-4000-8000-000000000000", "bad": "a6f4c2e000004000800000000000000"}""");

        fields.Uuid(element, "good", "$").Should().Be("a6f4c2e0-0000-4000-8000-000000000000");
        fields.Uuid(element, "bad", "$").Should().BeNull();
        Problems(fields).Should().Equal(("$.bad", "format: uuid",
            "bad must be a UUID such as 'a6f4c2e0-0000-4000-8000-000000000000'; got 'a6f4c2e000004000800000000000000'."));
    }

    [Fact]
    public void AbsoluteUri_RefusesARootedPath_AndParsesEachTextOnce()
    {
        // "/standards/1" is an absolute file URI to Uri.TryCreate on Linux; CASE's URIs are network-resolvable.
        var fields = new CaseFieldReader();
        var element = Parse("""{"u": "https://case.example.org/uri/1", "v": "https://case.example.org/uri/1", "rooted": "/standards/1"}""");

        var first = fields.AbsoluteUri(element, "u", "$");
        var again = fields.AbsoluteUri(element, "v", "$");
        first.Should().Be(new Uri("https://case.example.org/uri/1"));
        again.Should().BeSameAs(first);
        fields.AbsoluteUri(element, "rooted", "$").Should().BeNull();
        Problems(fields).Should().Equal(("$.rooted", "format: uri", "rooted must be an absolute URI; got '/standards/1'."));
    }

    [Fact]
    public void Date_KeepsTheSpellingOnlyInRfc3339Form_AndReadsNoZoneAsUtc()
    {
        var fields = new CaseFieldReader();
        var element = Parse("""{"zoned": "2017-05-25T18:05:33+02:00", "plain": "2017-05-25T18:05:33", "bad": "25/05/2017"}""");

        fields.Date(element, "zoned", "$", out var zonedSpelling).Should().Be(new DateTimeOffset(2017, 5, 25, 18, 5, 33, TimeSpan.FromHours(2)));
        zonedSpelling.Should().Be("2017-05-25T18:05:33+02:00");
        var plain = fields.Date(element, "plain", "$", out var plainSpelling);
        plain.Should().Be(new DateTimeOffset(2017, 5, 25, 18, 5, 33, TimeSpan.Zero));
        plain!.Value.Offset.Should().Be(TimeSpan.Zero);
        plainSpelling.Should().BeNull("without a zone it is written back with +00:00");
        fields.Date(element, "bad", "$", out var badSpelling).Should().BeNull();
        badSpelling.Should().BeNull();

        fields.Problems.Should().ContainSingle().Which.Should().Match<InteropProblem>(p => p.Path == "$.bad" && p.Rule == "format: date-time"
            && p.Message.StartsWith("bad must be an ISO 8601 date and time such as '2017-05-25T18:05:33Z'; got '25/05/2017': ", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_NeedsAnObject_AndReportsItsMembersUnderItsPath()
    {
        var fields = new CaseFieldReader();
        var element = Parse("""
            {"text": "x", "relative": {"identifier": "i", "uri": "nodes/1"},
             "good": {"identifier": "i", "uri": "https://case.example.org/uri/i", "title": "T", "targetType": "CFItem", "gone": null}}
            """);

        fields.Node(element, "text", "$.A").Should().BeNull();
        fields.Node(element, "relative", "$.A").Should().BeNull();
        var good = fields.Node(element, "good", "$.A");

        good.Should().NotBeNull();
        good!.Identifier.Should().Be("i");
        good.Title.Should().Be("T");
        good.Extra.Should().Equal(new Dictionary<string, string> { ["targetType"] = "\"CFItem\"" });
        Problems(fields).Should().Equal(
            ("$.A.text", "required", "text is required: an object with identifier, uri and title."),
            ("$.A.relative.uri", "format: uri", "uri must be an absolute URI; got 'nodes/1'."));
    }

    [Fact]
    public void Extra_KeepsUnknownMembers_DropsKnownAndNull_KeepsExtensionsRaw()
    {
        var element = Parse("""{"identifier": "i", "notes": "n", "gone": null, "extensions": {"a": null, "b": [1, 2]}}""");

        CaseFieldReader.Extra(element, ["identifier"]).Should().Equal(new Dictionary<string, string>
        {
            ["extensions"] = """{"a": null, "b": [1, 2]}""",
            ["notes"] = "\"n\"",
        });
    }

    [Fact]
    public void Array_AbsentOrNullIsNoArrayAndNoProblem_AnythingElseIsAProblem()
    {
        var fields = new CaseFieldReader();
        var root = Parse("""{"CFItems": null, "CFAssociations": {}, "CFOther": []}""");

        fields.Array(root, "CFItems", out _).Should().BeFalse();
        fields.Array(root, "CFMissing", out _).Should().BeFalse();
        fields.Array(root, "CFAssociations", out _).Should().BeFalse();
        fields.Array(root, "CFOther", out var array).Should().BeTrue();
        array.GetArrayLength().Should().Be(0);
        Problems(fields).Should().Equal(("$.CFAssociations", "type: array", "CFAssociations must be an array."));
    }
}
