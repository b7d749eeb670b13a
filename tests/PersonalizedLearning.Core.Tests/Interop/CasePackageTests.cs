using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CsCheck;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>
/// A hand-written CASE package: document D; items A (root), B and C (children of A, with sequence numbers 2 and 1, so C
/// comes first), E (root); B precedes E; A isPeerOf E and A exactMatchOf E (one related link); B exemplar of an outside
/// node, an ext: association, and C isChildOf a parent outside the package.
/// </summary>
public class CasePackageTests
{
    private const string Doc = "d0000000-0000-4000-8000-000000000000";
    private const string A = "a0000000-0000-4000-8000-000000000001";
    private const string B = "b0000000-0000-4000-8000-000000000002";
    private const string C = "c0000000-0000-4000-8000-000000000003";
    private const string E = "e0000000-0000-4000-8000-000000000005";
    private const string Outside = "f0000000-0000-4000-8000-000000000009";

    private static string U(string id) => $"https://case.example.org/uri/{id}";

    private static JsonObject Item(string id, string statement, string? code = null)
    {
        var item = new JsonObject { ["identifier"] = id, ["uri"] = U(id), ["fullStatement"] = statement, ["lastChangeDateTime"] = "2025-01-02T03:04:05Z", ["CFItemType"] = "Standard" };
        if (code is not null)
        {
            item["humanCodingScheme"] = code;
        }

        return item;
    }

    private static JsonObject Association(int n, string type, string origin, string destination, int? sequence = null)
    {
        var id = $"00000000-0000-4000-8000-{n:D12}";
        var association = new JsonObject
        {
            ["identifier"] = id, ["uri"] = U(id), ["associationType"] = type,
            ["originNodeURI"] = new JsonObject { ["title"] = "o", ["identifier"] = origin, ["uri"] = U(origin) },
            ["destinationNodeURI"] = new JsonObject { ["title"] = "d", ["identifier"] = destination, ["uri"] = U(destination) },
            ["lastChangeDateTime"] = "2025-01-02T03:04:05Z",
        };
        if (sequence is { } s)
        {
            association["sequenceNumber"] = s;
        }

        return association;
    }

    private static JsonObject Package() => new()
    {
        ["CFDocument"] = new JsonObject { ["identifier"] = Doc, ["uri"] = U(Doc), ["creator"] = "Tests", ["title"] = "Golden", ["lastChangeDateTime"] = "2025-01-02T03:04:05", ["adoptionStatus"] = "Draft" },
        ["CFItems"] = new JsonArray(Item(A, "Alpha statement", "1.A"), Item(B, "Beta statement"), Item(C, "Gamma statement", "1.C"), Item(E, "Epsilon statement")),
        ["CFAssociations"] = new JsonArray(
            Association(1, "isChildOf", A, Doc), Association(2, "isChildOf", B, A, 2), Association(3, "isChildOf", C, A, 1), Association(4, "isChildOf", E, Doc),
            Association(5, "precedes", B, E), Association(6, "isPeerOf", A, E), Association(7, "exactMatchOf", E, A), Association(8, "exemplar", B, Outside),
            Association(9, "ext:teaches", C, B), Association(10, "isChildOf", C, Outside)),
        ["CFDefinitions"] = new JsonObject { ["CFItemTypes"] = new JsonArray() },
    };

    private static CaseImportResult Read(JsonNode package, CaseImportMode mode = CaseImportMode.AllOrNothing) => CasePackageReader.Read(package.ToJsonString(), mode);

    [Fact]
    public void ADocumentWithoutItems_IsReportedEmpty_AsTheBuilderRefusesAnEmptyFramework()
    {
        var package = Package();
        package.Remove("CFItems");
        package.Remove("CFAssociations");

        var strict = Read(package);
        strict.Framework.Should().BeNull();
        strict.Problems.Should().ContainSingle().Which.Should().Match<InteropProblem>(p => p.Path == "$.CFItems" && p.Rule == "empty");
        strict.Problems[0].Message.Should().StartWith($"CFDocument '{Doc}' ('Golden') has no CFItems: the framework would have no competencies");

        // ImportValid keeps the document (valid CASE, a framework in draft) so that it can be written back, and says why it is not clean.
        var lenient = Read(package, CaseImportMode.ImportValid);
        lenient.IsClean.Should().BeFalse();
        lenient.Framework!.Framework.Count.Should().Be(0);
        lenient.Problems.Should().Equal(strict.Problems);

        // Items that are all invalid leave the framework empty too, and say so beside their own problems.
        var broken = Package();
        broken.Remove("CFAssociations");
        foreach (var item in broken["CFItems"]!.AsArray())
        {
            item!.AsObject().Remove("fullStatement");
        }

        var none = Read(broken, CaseImportMode.ImportValid);
        none.Problems.Select(p => p.Rule).Should().Contain("empty").And.HaveCountGreaterThan(1);
        none.Problems.Single(p => p.Rule == "empty").Message.Should().Contain("has no CFItems that could be imported");
    }

    [Fact]
    public void Mapping_IsWorkedByHand()
    {
        var result = Read(Package());

        result.IsClean.Should().BeTrue();
        var framework = result.Framework!.Framework;
        framework.Title.Should().Be("Golden");
        framework.Competencies.Select(c => (c.Id.Value, c.Title, c.Code, c.Uri!.ToString())).Should().Equal(
            (A, "Alpha statement", "1.A", U(A)), (B, "Beta statement", null, U(B)), (C, "Gamma statement", "1.C", U(C)), (E, "Epsilon statement", null, U(E)));
        framework.Roots.Select(r => r.Value).Should().Equal(A, E);
        framework.GetChildren(A).Select(c => c.Value).Should().Equal(C, B); // by sequence number
        framework.GetPrerequisites(E).Select(c => c.Value).Should().Equal(B);
        framework.GetRelated(A).Select(c => c.Value).Should().Equal(E); // isPeerOf and exactMatchOf: one related link
        result.Framework.Associations.Select(a => a.AssociationType).Should().Equal(
            "isChildOf", "isChildOf", "isChildOf", "isChildOf", "precedes", "isPeerOf", "exactMatchOf", "exemplar", "ext:teaches", "isChildOf");
        result.Framework.Document.LastChangeDateTime.Should().Be(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)); // no offset: UTC
        result.Framework.Document.Extra.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("adoptionStatus", "\"Draft\""));
        result.Framework.Items[0].Extra["CFItemType"].Should().Be("\"Standard\"");
        result.Framework.Definitions.Should().Be("{\"CFItemTypes\":[]}");
    }

    [Fact]
    public void ExportThenImport_GivesAnEqualFramework_AndDropsAssociationsOfRemovedRelations()
    {
        var first = Read(Package()).Framework!;
        var again = CasePackageReader.Read(CasePackageWriter.Write(first, indented: true));

        again.Problems.Should().BeEmpty();
        again.Framework.Should().Be(first);

        // Drop the precedes link in the framework: its association goes, a new relation gets a new association.
        var edited = new CompetencyFrameworkBuilder("Golden");
        foreach (var c in first.Framework.Competencies)
        {
            edited.Add(c);
        }

        edited.AddChild(A, C).AddChild(A, B).AddPrerequisite(C, E).AddRelated(A, E);
        var rewritten = CasePackageReader.Read(CasePackageWriter.Write(first with { Framework = edited.Build() })).Framework!;
        rewritten.Associations.Select(a => a.AssociationType).Should().Equal(
            "isChildOf", "isChildOf", "isChildOf", "isChildOf", "isPeerOf", "exactMatchOf", "exemplar", "ext:teaches", "isChildOf", "precedes");
        rewritten.Framework.GetPrerequisites(E).Select(c => c.Value).Should().Equal(C);
    }

    [Fact]
    public void Write_AndDescribe_RefuseADocumentTheyCannotNameNodesUnder_AndTakeUrnDocuments()
    {
        // Found by review: Write threw FormatException and Describe ArgumentOutOfRangeException ("baseUri"), neither
        // documented; a urn:uuid: document gave new URIs such as "urn:8fab…", which are not URNs.
        var framework = new CompetencyFrameworkBuilder("F").Add(new Competency("x", "X")).Add(new Competency("y", "Y")).AddPrerequisite("x", "y").Build();
        var document = new CaseDocument(Doc, new Uri(U(Doc)), "Tests", "F", DateTimeOffset.UnixEpoch, ImmutableSortedDictionary<string, string>.Empty);
        var described = CasePackageWriter.Describe(framework, document);
        var notUuid = () => CasePackageWriter.Write(described with { Document = document with { Identifier = "doc-1" } });
        notUuid.Should().Throw<ArgumentException>().WithMessage("A CASE document's identifier must be a UUID; got 'doc-1'.*").And.ParamName.Should().Be("framework");
        var relative = () => CasePackageWriter.Describe(framework, document with { Uri = new Uri("uri/doc", UriKind.Relative) });
        relative.Should().Throw<ArgumentException>().WithMessage("A CASE document's URI must be absolute; got 'uri/doc'.*").And.ParamName.Should().Be("document");

        var urn = CasePackageWriter.Write(CasePackageWriter.Describe(framework, document with { Uri = new Uri($"urn:uuid:{Doc}") }));
        var nodes = JsonNode.Parse(urn)!;
        nodes["CFItems"]!.AsArray().Select(i => (string)i!["uri"]!).Should().AllSatisfy(u => System.Text.RegularExpressions.Regex.IsMatch(u, "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$").Should().BeTrue(u));
        CaseSchemaTests.ShouldBeValid(urn, "a package under a urn:uuid: document");
        CasePackageReader.Read(urn).IsClean.Should().BeTrue();
    }

    [Fact]
    public void Write_AndDescribe_NullArguments_NameTheirParameter_AndAPathIsNoDocumentUri()
    {
        var framework = new CompetencyFrameworkBuilder("F").Add(new Competency("x", "X")).Build();
        var document = new CaseDocument(Doc, new Uri(U(Doc)), "Tests", "F", DateTimeOffset.UnixEpoch, ImmutableSortedDictionary<string, string>.Empty);

        FluentActions.Invoking(() => CasePackageWriter.Write(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("framework");
        FluentActions.Invoking(() => CasePackageWriter.Describe(null!, document)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("framework");
        FluentActions.Invoking(() => CasePackageWriter.Describe(framework, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("document");

        // A rooted path is an absolute Uri to .NET (a file), but no absolute IRI: nodes cannot be named under it.
        var path = new Uri("/cases/doc");
        var described = CasePackageWriter.Describe(framework, document);
        FluentActions.Invoking(() => CasePackageWriter.Write(described with { Document = document with { Uri = path } })).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A CASE document's URI must be absolute; got '/cases/doc'.*").And.ParamName.Should().Be("framework");
    }

    [Fact]
    public void Describe_NamesNewNodesUnderTheDocument_ByTheirCodeAndTheirUuidWhenTheyHaveOne()
    {
        // x has a code and a competency id that is no UUID; u's id is a UUID, taken as its identifier; one competency's
        // id is the document's identifier, and one is the identifier x is given: neither may be taken twice.
        const string U1 = "c1000000-0000-4000-8000-000000000001";
        var xIdentifier = NameBasedUuid.Create(Guid.ParseExact(Doc, "D"), "item|x");
        var framework = new CompetencyFrameworkBuilder("F")
            .Add(new Competency("x", "X", code: "1.X")).Add(new Competency(U1, "U")).Add(new Competency(Doc, "D")).Add(new Competency(xIdentifier, "Twin")).Build();
        var document = new CaseDocument(Doc, new Uri(U(Doc)), "Tests", "F", DateTimeOffset.UnixEpoch, ImmutableSortedDictionary<string, string>.Empty);

        var described = CasePackageWriter.Describe(framework, document);

        described.Items[0].Identifier.Should().Be(xIdentifier);
        described.Items[0].Extra.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("extensions", "{\"personalizedLearningId\":\"x\"}"));
        described.Items[1].Identifier.Should().Be(U1);
        described.Items[1].Extra.Should().BeEmpty();
        described.Items.Select(i => i.Identifier).Should().OnlyHaveUniqueItems().And.NotContain(Doc);
        var root = described.Associations[0];
        (root.AssociationType, root.Origin.Identifier, root.Origin.Title, root.Origin.Uri).Should().Be(("isChildOf", xIdentifier, "1.X", new Uri(U(xIdentifier))));
        root.Uri.Should().Be(new Uri(U(root.Identifier)), "new URIs are resolved against the document's");
        described.Associations[1].Origin.Title.Should().Be("U", "a competency without a code is named by its title");
        described.Associations.Where(a => a.AssociationType == "isChildOf").Select(a => a.SequenceNumber).Should().Equal(1, 2, 3, 4);
        var read = CasePackageReader.Read(CasePackageWriter.Write(described));
        read.Problems.Should().BeEmpty();
        read.Framework!.Framework.Competencies.Select(c => c.Id.Value).Should().Equal("x", U1, Doc, xIdentifier);
    }

    [Fact]
    public void Write_AFrameworkWhoseCompetenciesChanged_WritesAnItemForEachCompetencyItNowHas()
    {
        // As many competencies as items, but E replaced by y: y gets an item of its own, E's is not written.
        var read = Read(Package()).Framework!;
        var builder = new CompetencyFrameworkBuilder("Golden");
        foreach (var c in read.Framework.Competencies.Take(3))
        {
            builder.Add(c);
        }

        var changed = read with { Framework = builder.Add(new Competency("y", "Why")).Build() };

        var items = JsonNode.Parse(CasePackageWriter.Write(changed))!["CFItems"]!.AsArray();

        items.Select(i => (string)i!["fullStatement"]!).Should().Equal("Alpha statement", "Beta statement", "Gamma statement", "Why");
        ((string)items[3]!["extensions"]!["personalizedLearningId"]!).Should().Be("y");
        items.Select(i => (string)i!["identifier"]!).Should().NotContain(E);
    }

    [Fact]
    public void Problems_OfItemsAndAssociations_SayWhatIsWrong()
    {
        var shapes = Package();
        shapes["CFItems"]!.AsArray().Add(JsonValue.Create(3));
        shapes["CFAssociations"]!.AsArray().Add(JsonValue.Create(4));
        Read(shapes, CaseImportMode.ImportValid).Problems.Should().Equal(
            new InteropProblem("$.CFItems[4]", "type: object", "An item must be an object."),
            new InteropProblem("$.CFAssociations[10]", "type: object", "An association must be an object."));

        var ids = Package();
        ids["CFItems"]![0]!["extensions"] = new JsonObject { ["personalizedLearningId"] = "b " };
        ids["CFItems"]![1]!["extensions"] = new JsonObject { ["personalizedLearningId"] = 7 };
        ids["CFItems"]![2]!["extensions"] = new JsonObject { ["personalizedLearningId"] = "x" };
        ids["CFItems"]![3]!["extensions"] = new JsonObject { ["personalizedLearningId"] = "x" };
        ids["CFItems"]![3]!["uri"] = U(C);
        Read(ids, CaseImportMode.ImportValid).Problems.Where(p => p.Path.StartsWith("$.CFItems", StringComparison.Ordinal)).Should().Equal(
            new InteropProblem("$.CFItems[0].extensions.personalizedLearningId", "format: id", "The personalizedLearningId extension must be a competency id: A competency id must not start or end with whitespace; got 'b '."),
            new InteropProblem("$.CFItems[1].extensions.personalizedLearningId", "format: id", "The personalizedLearningId extension must be a competency id: A competency id must not be empty or whitespace; got ''."),
            new InteropProblem("$.CFItems[3].uri", "unique", $"Item URI '{U(C)}' is used by an earlier item."),
            new InteropProblem("$.CFItems[3].extensions.personalizedLearningId", "unique", "Competency id 'x' is used by an earlier item."));

        var notAnObject = Package();
        notAnObject["CFItems"]![0]!["extensions"] = "x";
        Read(notAnObject, CaseImportMode.ImportValid).Framework!.Framework.Competencies[0].Id.Value.Should().Be(A, "extensions that are not an object name no competency id");

        var nodes = Package();
        var taken = nodes["CFAssociations"]!.AsArray();
        taken.Add(Association(11, "isPeerOf", B, C));
        taken.Add(Association(12, "isPeerOf", C, E));
        taken.Add(Association(13, "isPeerOf", B, E));
        taken.Add(Association(14, "isRelatedTo", C, B));
        taken[10]!["identifier"] = Doc;
        taken[11]!["identifier"] = A;
        taken[12]!["originNodeURI"]!.AsObject().Remove("identifier");
        taken[13]!["destinationNodeURI"]!["title"] = 5;
        Read(nodes, CaseImportMode.ImportValid).Problems.Should().Equal(
            new InteropProblem("$.CFAssociations[10].identifier", "unique", $"Association identifier '{Doc}' is the CFDocument's or an item's."),
            new InteropProblem("$.CFAssociations[11].identifier", "unique", $"Association identifier '{A}' is the CFDocument's or an item's."),
            new InteropProblem("$.CFAssociations[12].originNodeURI.identifier", "required", "identifier is required."),
            new InteropProblem("$.CFAssociations[13].destinationNodeURI.title", "type: string", "title must be a string; got Number."));

        CasePackageReader.Read("{\"CFItems\":[]}").Problems[0].Should().Be(new InteropProblem("$.CFDocument", "required", "A CASE package needs a CFDocument object."));
    }

    [Fact]
    public void Associations_NameNodesByIdentifierOrUri_AndTakeEverySequenceNumberInIntsRange()
    {
        var package = Package();
        var associations = package["CFAssociations"]!.AsArray();
        associations[0]!["sequenceNumber"] = 2;
        associations[3]!["sequenceNumber"] = int.MinValue;
        associations[3]!["destinationNodeURI"]!["uri"] = "https://elsewhere.example.org/the-document"; // the document by its identifier only
        associations[2]!["sequenceNumber"] = int.MaxValue;
        associations[4]!["destinationNodeURI"]!["identifier"] = Outside; // E by its URI only
        package["CFDefinitions"] = new JsonArray();

        var read = Read(package, CaseImportMode.ImportValid).Framework!;

        read.Framework.Roots.Select(r => r.Value).Should().Equal(E, A);
        read.Framework.GetChildren(A).Select(c => c.Value).Should().Equal(B, C);
        read.Associations.Select(a => a.SequenceNumber).Take(4).Should().Equal(2, 2, int.MaxValue, int.MinValue);
        read.Framework.GetPrerequisites(E).Select(c => c.Value).Should().Equal(B);
        read.Definitions.Should().BeNull("CFDefinitions that is not an object defines nothing");
    }

    [Fact]
    public void Case10Members_AreReadInTheir11Form_WithNothingLost()
    {
        // A: educationalLevel beside another educationLevel (moved into extensions); B: an educationalLevel that is not a
        // list of strings (moved); C: a CFDocumentURI naming another document (moved); E: nulls (left out, but inside
        // extensions) and values without any, kept as the package spelled them.
        var package = Package();
        var items = package["CFItems"]!.AsArray();
        items[0]!["educationalLevel"] = "KG";
        items[0]!["educationLevel"] = new JsonArray("03");
        items[1]!["educationalLevel"] = new JsonArray("KG", 1);
        items[2]!["CFDocumentURI"] = new JsonObject { ["identifier"] = Outside, ["uri"] = "https://other.example.org/doc", ["title"] = "Other" };
        items[3]!["conceptKeywords"] = new JsonArray("x", null);
        items[3]!["x-data"] = "@data";
        items[3]!["x-null"] = "@null";
        items[3]!["x-ext"] = "@ext";
        var json = package.ToJsonString()
            .Replace("\"@data\"", "{\"b\": 1}", StringComparison.Ordinal)
            .Replace("\"@null\"", "{\"a\": null, \"extensions\": {\"k\": null}}", StringComparison.Ordinal)
            .Replace("\"@ext\"", "{\"extensions\": {\"k\": null}}", StringComparison.Ordinal);

        var read = CasePackageReader.Read(json);

        read.Problems.Should().BeEmpty();
        var extra = read.Framework!.Items.Select(i => i.Extra).ToList();
        extra[0].Should().Contain("educationLevel", "[\"03\"]").And.Contain("extensions", "{\"educationalLevel\":\"KG\"}").And.NotContainKey("educationalLevel");
        extra[1].Should().Contain("extensions", "{\"educationalLevel\":[\"KG\",1]}").And.NotContainKey("educationLevel").And.NotContainKey("educationalLevel");
        extra[2].Should().Contain("extensions", $"{{\"CFDocumentURI\":{{\"identifier\":\"{Outside}\",\"uri\":\"https://other.example.org/doc\",\"title\":\"Other\"}}}}").And.NotContainKey("CFDocumentURI");
        extra[3].Should().Contain("conceptKeywords", "[\"x\"]").And.Contain("x-data", "{\"b\": 1}")
            .And.Contain("x-null", "{\"extensions\":{\"k\":null}}").And.Contain("x-ext", "{\"extensions\": {\"k\": null}}");
        read.Framework.Document.Extra.Should().Contain("caseVersion", "\"1.1\"");
    }

    [Fact]
    public void Case10EducationalLevel_Alone_MakesThePackage11_UnlessItNamesAVersion()
    {
        var package = Package();
        package["CFItems"]![0]!["educationalLevel"] = new JsonArray("01");

        var read = Read(package).Framework!;

        read.Items[0].Extra.Should().Contain("educationLevel", "[\"01\"]").And.NotContainKey("educationalLevel");
        read.Document.Extra.Should().Contain("caseVersion", "\"1.1\"");
        package["CFDocument"]!["caseVersion"] = "1.0";
        Read(package).Framework!.Document.Extra.Should().Contain("caseVersion", "\"1.0\"");
    }

    [Fact]
    public void Definitions_MissingARequiredText_GetItEmpty_ForEveryKind()
    {
        var package = Package();
        var required = new Dictionary<string, string[]>
        {
            ["CFItemTypes"] = ["title", "description", "hierarchyCode"],
            ["CFSubjects"] = ["title", "hierarchyCode"],
            ["CFConcepts"] = ["title", "hierarchyCode"],
            ["CFLicenses"] = ["title", "licenseText"],
            ["CFAssociationGroupings"] = ["title"],
        };
        var definitions = new JsonObject();
        var n = 20;
        foreach (var kind in required.Keys)
        {
            var id = $"00000000-0000-4000-8000-{n++:D12}";
            definitions[kind] = new JsonArray(new JsonObject { ["identifier"] = id, ["uri"] = U(id), ["lastChangeDateTime"] = "2025-01-02T03:04:05Z" });
        }

        package["CFDefinitions"] = definitions;

        var read = JsonNode.Parse(Read(package, CaseImportMode.ImportValid).Framework!.Definitions!)!;

        foreach (var (kind, names) in required)
        {
            var definition = read[kind]![0]!.AsObject();
            definition.Select(p => p.Key).Should().BeEquivalentTo(new[] { "identifier", "uri", "lastChangeDateTime" }.Concat(names), kind);
            names.Select(name => (string)definition[name]!).Should().AllBe(string.Empty, kind);
        }
    }

    [Fact]
    public void Write_KeepsTheUnknownLocalOffset_AsThePackageSpelledIt()
    {
        // RFC 3339 §4.3: -00:00 is UTC with the local offset unknown; CASE reads it as UTC and writes it back unchanged.
        var package = Package();
        package["CFItems"]![0]!["lastChangeDateTime"] = "2025-01-02T03:04:05-00:00";
        var read = Read(package).Framework!;

        read.Items[0].LastChangeDateTime.Should().Be(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        ((string)JsonNode.Parse(CasePackageWriter.Write(read))!["CFItems"]![0]!["lastChangeDateTime"]!).Should().Be("2025-01-02T03:04:05-00:00");
    }

    [Fact]
    public void NewRootsAndItemsThatLostTheirParent_AreWrittenUnderTheDocument()
    {
        // Found by review: a competency added to an imported framework, or one whose parent link was removed, had no
        // isChildOf to the document, so it was outside the document's tree.
        var first = Read(Package()).Framework!;
        var edited = new CompetencyFrameworkBuilder("Golden");
        foreach (var c in first.Framework.Competencies)
        {
            edited.Add(c);
        }

        edited.Add(new Competency("new-one", "New")).AddChild(A, C).AddPrerequisite(B, E).AddRelated(A, E); // B loses its parent A
        var written = JsonNode.Parse(CasePackageWriter.Write(first with { Framework = edited.Build() }))!;
        var again = CasePackageReader.Read(written.ToJsonString()).Framework!;
        again.Framework.Roots.Select(r => r.Value).Should().Equal(A, E, B, "new-one");
        var underDocument = written["CFAssociations"]!.AsArray().Where(a => (string)a!["associationType"]! == "isChildOf" && (string)a["destinationNodeURI"]!["identifier"]! == Doc)
            .Select(a => ((string)a!["originNodeURI"]!["identifier"]!, (int?)a["sequenceNumber"])).ToList();
        underDocument.Skip(2).Should().Equal([(B, null), (again.Items[^1].Identifier, null)], "the document's other children have no sequence number");
        var numbered = Package();
        numbered["CFAssociations"]![0]!["sequenceNumber"] = 1;
        numbered["CFAssociations"]![3]!["sequenceNumber"] = 2;
        var renumbered = JsonNode.Parse(CasePackageWriter.Write(Read(numbered).Framework! with { Framework = edited.Build() }))!;
        renumbered["CFAssociations"]!.AsArray().Where(a => (string)a!["associationType"]! == "isChildOf" && (string)a["destinationNodeURI"]!["identifier"]! == Doc)
            .Select(a => (int?)a!["sequenceNumber"]).Should().Equal(1, 2, 3, 4);
        CaseSchemaTests.ShouldBeValid(written.ToJsonString(), "an edited framework");

        // Found by the second review: removing a competency kept its associations (links to an item no longer in the
        // package), and its children got no isChildOf to the document.
        var withoutA = new CompetencyFrameworkBuilder("Golden");
        foreach (var c in first.Framework.Competencies.Where(c => c.Id.Value != A))
        {
            withoutA.Add(c);
        }

        withoutA.AddPrerequisite(B, E);
        var pruned = JsonNode.Parse(CasePackageWriter.Write(first with { Framework = withoutA.Build() }))!;
        pruned["CFAssociations"]!.AsArray().Should().NotContain(a => (string)a!["originNodeURI"]!["identifier"]! == A || (string)a["destinationNodeURI"]!["identifier"]! == A);
        var prunedAgain = CasePackageReader.Read(pruned.ToJsonString()).Framework!;
        prunedAgain.Framework.Roots.Select(r => r.Value).Should().Equal(E, B, C);
        pruned["CFAssociations"]!.AsArray().Where(a => (string)a!["associationType"]! == "isChildOf" && (string)a["destinationNodeURI"]!["identifier"]! == Doc)
            .Select(a => (string)a!["originNodeURI"]!["identifier"]!).Should().Equal([E, B], "C keeps its isChildOf to a parent outside the package");

        // A root the package itself left without an isChildOf stays so: export keeps what import read.
        var orphan = Package();
        orphan["CFAssociations"]!.AsArray().RemoveAt(3); // E under the document
        var read = Read(orphan).Framework!;
        read.Framework.Roots.Select(r => r.Value).Should().Equal(A, E);
        CasePackageWriter.Write(read).Should().NotContain($"\"originNodeURI\":{{\"title\":\"Epsilon statement\"");
        CasePackageReader.Read(CasePackageWriter.Write(read)).Framework!.Associations.Should().HaveCount(read.Associations.Length);
    }

    [Fact]
    public void Describe_WritesAFrameworkBuiltInCode_AsAValidPackage_ThatReadsBackToTheSameFramework()
    {
        var framework = TestData.Diamond();
        var document = new CaseDocument(Doc, new Uri(U(Doc)), "Tests", "Diamond", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ImmutableSortedDictionary<string, string>.Empty);

        var described = CasePackageWriter.Describe(framework, document);
        var json = CasePackageWriter.Write(described);
        var read = CasePackageReader.Read(json);

        read.Problems.Should().BeEmpty();
        read.Framework!.Framework.Competencies.Select(c => (c.Id, c.Title, c.Code)).Should().Equal(framework.Competencies.Select(c => (c.Id, c.Title, c.Code)));
        read.Framework.Framework.Relations.Should().Equal(framework.Relations);
        read.Framework.Should().Be(CasePackageReader.Read(CasePackageWriter.Write(read.Framework)).Framework);
        CasePackageWriter.Write(CasePackageWriter.Describe(framework, document)).Should().Be(json, "new identifiers are name-based, so the package is the same every time");
        FluentActions.Invoking(() => CasePackageWriter.Describe(framework, document with { Identifier = "nope" })).Should().Throw<ArgumentException>()
            .WithMessage("A CASE document's identifier must be a UUID; got 'nope'.*");
    }

    [Theory]
    [InlineData("CFDocument", "identifier", "$.CFDocument.identifier")]
    [InlineData("CFDocument", "uri", "$.CFDocument.uri")]
    [InlineData("CFDocument", "creator", "$.CFDocument.creator")]
    [InlineData("CFDocument", "title", "$.CFDocument.title")]
    [InlineData("CFDocument", "lastChangeDateTime", "$.CFDocument.lastChangeDateTime")]
    [InlineData("CFItems", "identifier", "$.CFItems[1].identifier")]
    [InlineData("CFItems", "fullStatement", "$.CFItems[1].fullStatement")]
    [InlineData("CFItems", "uri", "$.CFItems[1].uri")]
    [InlineData("CFItems", "lastChangeDateTime", "$.CFItems[1].lastChangeDateTime")]
    [InlineData("CFAssociations", "identifier", "$.CFAssociations[1].identifier")]
    [InlineData("CFAssociations", "associationType", "$.CFAssociations[1].associationType")]
    [InlineData("CFAssociations", "uri", "$.CFAssociations[1].uri")]
    [InlineData("CFAssociations", "originNodeURI", "$.CFAssociations[1].originNodeURI")]
    [InlineData("CFAssociations", "destinationNodeURI", "$.CFAssociations[1].destinationNodeURI")]
    [InlineData("CFAssociations", "lastChangeDateTime", "$.CFAssociations[1].lastChangeDateTime")]
    public void EveryRequiredField_IsChecked_WithItsPathAndRule(string section, string field, string path)
    {
        var package = Package();
        var target = section == "CFDocument" ? package[section]!.AsObject() : package[section]![1]!.AsObject();
        target.Remove(field);

        var strict = Read(package);
        var lenient = Read(package, CaseImportMode.ImportValid);

        strict.Framework.Should().BeNull();
        (strict.Problems[0].Path, strict.Problems[0].Rule).Should().Be((path, "required"));
        // What else is reported are the four associations that link item B, left out with it (without its identifier,
        // nothing names B: they link a node outside the package).
        strict.Problems.Skip(1).All(p => p.Rule == "reference").Should().BeTrue();
        strict.Problems.Should().HaveCount(section == "CFItems" && field != "identifier" ? 5 : 1);
        lenient.Problems.Should().Equal(strict.Problems);
        if (section == "CFDocument")
        {
            lenient.Framework.Should().BeNull("there is no framework without its document");
        }
        else
        {
            lenient.Framework.Should().NotBeNull("the rest is imported");
        }
    }

    [Theory]
    [InlineData("/uri/a0000000-0000-4000-8000-000000000001")] // a file path to Uri.TryCreate on Linux
    [InlineData("case.example.org/uri/a0000000")]
    [InlineData("https://case.example.org/uri/a b")]
    [InlineData("ab=c://case.example.org/uri/a")]
    public void AUriThatIsNotAnAbsoluteIri_IsAProblem(string text)
    {
        var package = Package();
        package["CFItems"]![0]!["uri"] = text;
        var problems = Read(package).Problems;
        problems[0].Should().Be(new InteropProblem("$.CFItems[0].uri", "format: uri", $"uri must be an absolute URI; got '{text}'."));
        problems.Skip(1).Should().OnlyContain(p => p.Rule == "reference", "the item's associations go with it");
    }

    [Fact]
    public void AStatementWithAControlCharacter_IsAProblem_AndOneOfSeveralLinesIsTheTitle()
    {
        // A statement becomes its competency's title: a NUL or an escape is refused there, and reported here with its path
        // rather than thrown; a statement of several lines is read as it is.
        var package = Package();
        package["CFItems"]![1]!["fullStatement"] = "Beta\u001B[2J";
        package["CFItems"]![3]!["fullStatement"] = "Epsilon,\r\n\tover two lines";
        var result = Read(package, CaseImportMode.ImportValid);
        result.Problems[0].Should().Be(new InteropProblem("$.CFItems[1].fullStatement", "format: title",
            "fullStatement, the competency's title, must not hold control characters other than white space (U+0009-U+000D, U+0085); U+001B is at position 4."));
        result.Framework!.Framework.Contains(new PersonalizedLearning.Competencies.CompetencyId(B)).Should().BeFalse();
        result.Framework.Framework.Competencies.Single(c => c.Id == new PersonalizedLearning.Competencies.CompetencyId(E)).Title.Should().Be("Epsilon,\r\n\tover two lines");
    }

    [Fact]
    public void IdentifiersThatDifferOnlyInCase_AreOneIdentifier_AndTheDocumentsIsTaken()
    {
        // Found by review: "aaaa…" and "AAAA…" imported as two items (UUIDs ignore case, RFC 4122 §3) and links went to
        // the first; an item with the document's identifier took the document's children.
        var package = Package();
        package["CFItems"]![1]!["identifier"] = A.ToUpperInvariant();
        package["CFItems"]![2]!["identifier"] = Doc;
        package["CFAssociations"]![1]!["identifier"] = package["CFAssociations"]![0]!["identifier"]!.GetValue<string>().ToUpperInvariant();
        Read(package, CaseImportMode.ImportValid).Problems.Take(3).Should().Equal(
            new InteropProblem("$.CFItems[1].identifier", "unique", $"Item identifier '{A.ToUpperInvariant()}' is used by an earlier item (UUIDs ignore case)."),
            new InteropProblem("$.CFItems[2].identifier", "unique", $"Item identifier '{Doc}' is the CFDocument's."),
            new InteropProblem("$.CFAssociations[1].identifier", "unique", "Association identifier '00000000-0000-4000-8000-000000000001' is used by an earlier association (UUIDs ignore case)."));

        var shared = Package();
        shared["CFAssociations"]![4]!["identifier"] = B.ToUpperInvariant();
        Read(shared).Problems.Should().Equal(new InteropProblem("$.CFAssociations[4].identifier", "unique", $"Association identifier '{B.ToUpperInvariant()}' is the CFDocument's or an item's."));

        // Described from code, two competency ids that are one UUID become two items, and the framework comes back.
        var lower = "aaaaaaaa-0000-4000-8000-000000000001";
        var framework = new CompetencyFrameworkBuilder("Case").Add(new Competency("p", "Parent")).Add(new Competency(lower, "Lower"))
            .Add(new Competency(lower.ToUpperInvariant(), "Upper")).AddChild("p", lower.ToUpperInvariant()).AddPrerequisite(lower, lower.ToUpperInvariant()).Build();
        var described = CasePackageWriter.Describe(framework, new CaseDocument(Doc, new Uri(U(Doc)), "Tests", "Case", DateTimeOffset.UnixEpoch, ImmutableSortedDictionary<string, string>.Empty));
        var again = CasePackageReader.Read(CasePackageWriter.Write(described));
        again.IsClean.Should().BeTrue(string.Join("; ", again.Problems));
        again.Framework!.Framework.Relations.Should().Equal(framework.Relations);
    }

    [Fact]
    public void ImportValid_LeavesOutWhatHasProblems_AndReportsEverything()
    {
        var package = Package();
        package["CFItems"]![1]!["uri"] = "not a uri"; // B
        package["CFItems"]![2]!["identifier"] = "42"; // C
        package["CFAssociations"]!.AsArray().Add(Association(11, "precedes", E, B)); // needs B: it goes with it
        package["CFAssociations"]!.AsArray().Add(Association(12, "isChildOf", A, A));
        package["CFAssociations"]!.AsArray().Add(Association(13, "precedes", E, A));
        package["CFAssociations"]!.AsArray().Add(Association(14, "precedes", A, E));
        package["CFAssociations"]!.AsArray().Add(Association(15, "isRelatedTo", A, E, sequence: null));
        package["CFAssociations"]![15 - 1]!["sequenceNumber"] = "x";

        var result = Read(package, CaseImportMode.ImportValid);

        result.Problems.Select(p => (p.Path, p.Rule)).Should().Equal(
            ("$.CFItems[1].uri", "format: uri"),
            ("$.CFItems[2].identifier", "format: uuid"),
            ("$.CFAssociations[14].sequenceNumber", "type: integer"),
            ("$.CFAssociations[1]", "reference"),
            ("$.CFAssociations[4]", "reference"),
            ("$.CFAssociations[7]", "reference"),
            ("$.CFAssociations[8]", "reference"),
            ("$.CFAssociations[10]", "reference"),
            ("$.CFAssociations[11]", "self"),
            ("$.CFAssociations[13]", "cycle"));
        result.Framework!.Framework.Competencies.Select(c => c.Id.Value).Should().Equal(A, E);
        result.Framework.Framework.GetPrerequisites(A).Select(c => c.Value).Should().Equal(E);
        Read(package).Framework.Should().BeNull("all or nothing");
    }

    [Theory]
    // Issue 14, section 3: the CASE reader took what the lenient parser took; it now reads XML Schema's dateTime only.
    [InlineData("11/30/2026 10:00", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("Mon, 30 Nov 2026 10:00:00 GMT", "it does not start with a calendar date YYYY-MM-DD")]
    [InlineData("2026-11-30", "the date is not followed by 'T' and a time of day")]
    public void LastChangeDateTime_NotAnXmlSchemaDateTime_IsAProblemWithItsReason(string text, string why)
    {
        var package = Package();
        package["CFDocument"]!["lastChangeDateTime"] = text;
        Read(package).Problems.Should().Equal(new InteropProblem("$.CFDocument.lastChangeDateTime", "format: date-time",
            $"lastChangeDateTime must be an ISO 8601 date and time such as '2017-05-25T18:05:33Z'; got '{text}': {why}."));
    }

    [Fact]
    public void WhatCase11sSchemaAllows_IsRead_MinusZeroOffsets_AndIntegralSequenceNumbers()
    {
        // Found by review: -00:00 (RFC 3339 §4.3: UTC, local offset unknown) and sequence numbers 1.0 and 1e2 (JSON
        // Schema integers) were refused.
        var package = Package();
        package["CFDocument"]!["lastChangeDateTime"] = "2026-01-01T00:00:00-00:00";
        package["CFAssociations"]![1]!["sequenceNumber"] = JsonNode.Parse("2.0");
        package["CFAssociations"]![2]!["sequenceNumber"] = JsonNode.Parse("1e0");
        var read = Read(package);
        read.IsClean.Should().BeTrue(string.Join("; ", read.Problems));
        read.Framework!.Document.LastChangeDateTime.Should().BeExactly(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        read.Framework.Framework.GetChildren(A).Select(c => c.Value).Should().Equal(C, B);
        CasePackageWriter.Write(read.Framework).Should().Contain("\"lastChangeDateTime\":\"2026-01-01T00:00:00-00:00\"", "kept as spelled");

        package["CFAssociations"]![1]!["sequenceNumber"] = JsonNode.Parse("2147483648");
        package["CFAssociations"]![2]!["sequenceNumber"] = JsonNode.Parse("1.5");
        Read(package).Problems.Should().Equal(
            new InteropProblem("$.CFAssociations[1].sequenceNumber", "type: integer", "sequenceNumber must be a whole number from -2147483648 to 2147483647; got 2147483648."),
            new InteropProblem("$.CFAssociations[2].sequenceNumber", "type: integer", "sequenceNumber must be a whole number from -2147483648 to 2147483647; got 1.5."));
    }

    [Fact]
    public void LastChangeDateTime_WithoutZone_IsUtc_AndWithAnOffset_IsTheSameMoment()
    {
        var package = Package();
        Read(package).Framework!.Document.LastChangeDateTime.Should().Be(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        package["CFDocument"]!["lastChangeDateTime"] = "2025-01-01T22:04:05-05:00";
        var read = Read(package).Framework!;
        read.Document.LastChangeDateTime.Should().BeExactly(new DateTimeOffset(2025, 1, 1, 22, 4, 5, TimeSpan.FromHours(-5)));
        CasePackageWriter.Write(read).Should().Contain("\"lastChangeDateTime\":\"2025-01-01T22:04:05-05:00\"", "the offset is kept as read");
    }

    [Fact]
    public void TwoAssociationsBetweenTheSameItems_WithTheirOwnIdentifiers_AreBothKept()
    {
        // Issue 14: two precedes (and two isChildOf) between the same nodes under different identifiers were reported
        // as duplicates and failed an all-or-nothing import. Only a repeated identifier is a duplicate.
        var package = Package();
        package["CFAssociations"]!.AsArray().Add(Association(11, "precedes", B, E));
        package["CFAssociations"]!.AsArray().Add(Association(12, "isChildOf", B, A, 2));
        var read = Read(package);
        read.IsClean.Should().BeTrue(string.Join("; ", read.Problems));
        read.Framework!.Associations.Should().HaveCount(12);
        read.Framework.Framework.GetPrerequisites(E).Should().Equal(Read(Package()).Framework!.Framework.GetPrerequisites(E));
        var again = CasePackageReader.Read(CasePackageWriter.Write(read.Framework));
        again.IsClean.Should().BeTrue();
        again.Framework!.Associations.Select(a => a.Identifier).Should().Equal(read.Framework.Associations.Select(a => a.Identifier));

        package["CFAssociations"]!.AsArray().Add(Association(11, "isPeerOf", A, C));
        Read(package).Problems.Select(p => (p.Path, p.Rule)).Should().Equal(("$.CFAssociations[12].identifier", "unique"));
    }

    [Fact]
    public void ItemUris_ThatDifferOnlyInTheirFragment_AreDifferentItems()
    {
        // Issue 14: System.Uri equality ignores the fragment, so …#item-a and …#item-b were "not unique".
        var package = Package();
        package["CFItems"]![0]!["uri"] = "https://case.example.org/framework#item-a";
        package["CFItems"]![1]!["uri"] = "https://case.example.org/framework#item-b";
        package["CFAssociations"]![1]!["originNodeURI"]!["uri"] = "https://case.example.org/framework#item-b";
        var read = Read(package);
        read.IsClean.Should().BeTrue(string.Join("; ", read.Problems));
        read.Framework!.Framework.TryFindByUri(new Uri("https://case.example.org/framework#item-b"), out var b).Should().BeTrue();
        b!.Id.Value.Should().Be(B);
        read.Framework.Framework.TryFindByUri(new Uri("https://case.example.org/framework#item-c"), out _).Should().BeFalse();
        CasePackageReader.Read(CasePackageWriter.Write(read.Framework)).Framework.Should().Be(read.Framework);
    }

    [Fact]
    public void ANodeLinkTheReaderResolves_TheWriterResolvesTheSameWay()
    {
        // Issue 14: an isChildOf whose origin identifier differs in case from the item's imported cleanly (the reader
        // found the item), and the writer, matching by exact identifier only, added a second, generated isChildOf.
        // Likewise a link that names its item by URI alone.
        var package = Package();
        package["CFAssociations"]![1]!["originNodeURI"]!["identifier"] = B.ToUpperInvariant();
        package["CFAssociations"]![2]!["originNodeURI"]!["identifier"] = "00000000-0000-4000-8000-0000000000ff";
        var read = Read(package);
        read.IsClean.Should().BeTrue(string.Join("; ", read.Problems));
        var again = CasePackageReader.Read(CasePackageWriter.Write(read.Framework!));
        again.IsClean.Should().BeTrue(string.Join("; ", again.Problems));
        again.Framework!.Associations.Select(a => a.Identifier).Should().Equal(read.Framework!.Associations.Select(a => a.Identifier), "nothing generated");
        again.Framework.Should().Be(read.Framework);
    }

    [Fact]
    public void ImportThenExport_KeepsEveryMember_RubricsExtensionsAndTargetTypesIncluded()
    {
        // Issue 14: top-level CFRubrics (with criteria and levels), the package's extensions and targetType on node
        // links were dropped on export. Member by member, the export must hold the package (date-times as spelled,
        // but one without a zone is written with +00:00).
        var package = Package();
        package["CFRubrics"] = new JsonArray(new JsonObject
        {
            ["identifier"] = "d0000000-0000-4000-8000-000000000001", ["uri"] = U("d0000000-0000-4000-8000-000000000001"), ["title"] = "Rubric",
            ["lastChangeDateTime"] = "2025-01-02T03:04:05+00:00",
            ["CFRubricCriteria"] = new JsonArray(new JsonObject
            {
                ["identifier"] = "d0000000-0000-4000-8000-000000000002", ["uri"] = U("d0000000-0000-4000-8000-000000000002"), ["lastChangeDateTime"] = "2025-01-02T03:04:05Z",
                ["CFItemURI"] = new JsonObject { ["title"] = "a", ["identifier"] = A, ["uri"] = U(A) },
                ["CFRubricCriterionLevels"] = new JsonArray(new JsonObject
                {
                    ["identifier"] = "d0000000-0000-4000-8000-000000000003", ["uri"] = U("d0000000-0000-4000-8000-000000000003"), ["lastChangeDateTime"] = "2025-01-02T03:04:05Z", ["score"] = 3, ["quality"] = "Meets",
                }),
            }),
        });
        package["extensions"] = new JsonObject { ["vendor"] = new JsonObject { ["x"] = new JsonArray(1, 2.5, "ü") } };
        package["CFAssociations"]![0]!["destinationNodeURI"]!["targetType"] = "CASE";
        package["CFAssociations"]![7]!["destinationNodeURI"]!["targetType"] = "ext:outside";
        var read = Read(package);
        read.IsClean.Should().BeTrue(string.Join("; ", read.Problems));
        var written = JsonNode.Parse(CasePackageWriter.Write(read.Framework!))!;

        Normalized(written).Should().Match<JsonNode>(w => JsonNode.DeepEquals(w, Normalized(package)),
            $"the export {written.ToJsonString()} holds every member of the package");
        CasePackageReader.Read(written.ToJsonString()).Framework.Should().Be(read.Framework);
        CaseSchemaTests.ShouldBeValid(written.ToJsonString(), "the export of a package with rubrics, extensions and target types");
        CaseSchemaTests.ShouldBeValid(CasePackageWriter.Write(Read(Package()).Framework!), "the export of the golden package");
    }

    private static readonly System.Text.RegularExpressions.Regex Rfc3339 = new(@"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$");

    // A copy with every lastChangeDateTime outside RFC 3339 as export writes it, and every sequenceNumber a number, so
    // that the comparison is of values where the standard's form differs from the package's spelling, and of text
    // everywhere else.
    internal static JsonNode Normalized(JsonNode node)
    {
        var copy = node.DeepClone();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        if (key == "lastChangeDateTime" && value is JsonValue v && v.TryGetValue<string>(out var text) && !Rfc3339.IsMatch(text))
                        {
                            // Kept as spelled when JSON Schema's date-time (RFC 3339) allows it; otherwise (no zone: UTC)
                            // written with its offset as ±hh:mm.
                            o[key] = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)
                                .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
                        }
                        else if (key == "sequenceNumber" && value is JsonValue q && q.TryGetValue<string>(out var digits) && int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var number))
                        {
                            // Read from a string (as some producers write it) and written as the integer CASE 1.1 defines.
                            o[key] = number;
                        }
                        else
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(copy);
        return copy;
    }

    [Fact]
    public void DateTimes_AreWrittenAsSpelled_WhileTheirValueIsUnchanged_AndInRfc3339Otherwise()
    {
        // Issue 14: "keep each date-time as it was read unless the framework changed it". The form JSON Schema's
        // date-time takes (RFC 3339) is kept letter for letter; any other (no zone, +hhmm) is written as ±hh:mm.
        var package = Package();
        package["CFDocument"]!["lastChangeDateTime"] = "2025-01-02T03:04:05.500-05:00";
        package["CFItems"]![0]!["lastChangeDateTime"] = "2025-01-02T03:04:05.1234567890Z";
        package["CFItems"]![1]!["lastChangeDateTime"] = "2025-01-02T03:04:05+0530";
        package["CFAssociations"]![0]!["lastChangeDateTime"] = "2025-01-02T03:04Z";
        var read = Read(package).Framework!;
        var written = JsonNode.Parse(CasePackageWriter.Write(read))!;

        ((string)written["CFDocument"]!["lastChangeDateTime"]!).Should().Be("2025-01-02T03:04:05.500-05:00");
        ((string)written["CFItems"]![0]!["lastChangeDateTime"]!).Should().Be("2025-01-02T03:04:05.1234567890Z");
        ((string)written["CFItems"]![1]!["lastChangeDateTime"]!).Should().Be("2025-01-02T03:04:05+05:30");
        ((string)written["CFItems"]![2]!["lastChangeDateTime"]!).Should().Be("2025-01-02T03:04:05Z");
        ((string)written["CFAssociations"]![0]!["lastChangeDateTime"]!).Should().Be("2025-01-02T03:04:00+00:00");
        CaseSchemaTests.ShouldBeValid(written.ToJsonString(), "an export of date-times in several spellings");

        // Changed in the framework, a date-time is written anew; the same moment at another offset is a change too.
        var changed = read with
        {
            Document = read.Document with { LastChangeDateTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) },
            Items = read.Items.SetItem(0, read.Items[0] with { LastChangeDateTime = read.Items[0].LastChangeDateTime.ToOffset(TimeSpan.FromHours(1)) }),
        };
        written = JsonNode.Parse(CasePackageWriter.Write(changed))!;
        ((string)written["CFDocument"]!["lastChangeDateTime"]!).Should().Be("2026-01-01T00:00:00+00:00");
        ((string)written["CFItems"]![0]!["lastChangeDateTime"]!).Should().Be("2025-01-02T04:04:05.123456+01:00".Replace(".123456", ".1234567", StringComparison.Ordinal));
    }

    [Fact]
    public void GradeBands_AreReadFromEducationLevel_TheLastGradeOfABand()
    {
        // A: a high-school band (expected by 12), B: CASE 1.0's comma string "KG, 01" (by 1), C: a postsecondary code
        // only (no grade), E: none.
        var package = Package();
        package["CFItems"]![0]!["educationLevel"] = new JsonArray("09", "10", "11", "12");
        package["CFItems"]![1]!["educationalLevel"] = "KG, 01";
        package["CFItems"]![2]!["educationLevel"] = new JsonArray("UG");
        var framework = Read(package).Framework!;

        var bands = CaseGradeBands.Read(framework);

        bands.GetGrade(framework.Items[0].Competency).Should().Be(12);
        bands.GetGrade(framework.Items[1].Competency).Should().Be(1);
        bands.GetGrade(framework.Items[2].Competency).Should().BeNull();
        bands.GetGrade(framework.Items[3].Competency).Should().BeNull();
        bands.Grades.Should().Equal(1, 12);
        new[] { "PK", "KG", "K", "01", "7", "13", "14", "UG", "Other", "" }.Select(CaseGradeBands.Grade).Should().Equal(-1, 0, 0, 1, 7, 13, null, null, null, null);
        FluentActions.Invoking(() => CaseGradeBands.Read(null!)).Should().Throw<ArgumentNullException>().WithParameterName("framework");
        new[] { "1a", "a1", " 09 ", "+1", "001" }.Select(CaseGradeBands.Grade).Should().Equal(null, null, 9, null, null);
        FluentActions.Invoking(() => CaseGradeBands.Grade(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("code");

        // An educationLevel a caller set that is not a list of codes (not JSON, a bare string) gives no grade.
        var set = framework with
        {
            Items = framework.Items.SetItem(0, framework.Items[0] with { Extra = framework.Items[0].Extra.SetItem("educationLevel", "09, 10") })
                .SetItem(1, framework.Items[1] with { Extra = framework.Items[1].Extra.SetItem("educationLevel", "\"01\"") }),
        };
        var setBands = CaseGradeBands.Read(set);
        setBands.GetGrade(set.Items[0].Competency).Should().BeNull();
        setBands.GetGrade(set.Items[1].Competency).Should().BeNull();
    }

    [Fact]
    public void Case10Members_AreReadInTheir11Form_AndNothingElseIsLost()
    {
        // Issue 14: OpenSALT's CASE 1.0 exports hold members CASE 1.1's schema forbids. Derived links to the package's
        // own document and item go, educationalLevel becomes educationLevel, a link to anything else is kept in the
        // node's extensions, and the document says caseVersion 1.1.
        var package = Package();
        package["CFDocument"]!["CFPackageURI"] = new JsonObject { ["title"] = "Golden", ["identifier"] = Doc, ["uri"] = $"https://case.example.org/CFPackages/{Doc}" };
        var a = package["CFItems"]![0]!.AsObject();
        a["CFDocumentURI"] = U(Doc);
        a["CFItemAssociationURI"] = $"{U(A)}/associations";
        a["educationalLevel"] = "09, 10,11";
        var b = package["CFItems"]![1]!.AsObject();
        b["CFDocumentURI"] = new JsonObject { ["title"] = "Other", ["identifier"] = Outside, ["uri"] = U(Outside) };
        b["educationalLevel"] = new JsonArray("KG");
        b["extensions"] = new JsonObject { ["vendor"] = 1 };
        package["CFAssociations"]![0]!["CFDocumentURI"] = new JsonObject { ["title"] = "Golden", ["identifier"] = Doc.ToUpperInvariant(), ["uri"] = U(Doc) };
        var read = Read(package);
        read.IsClean.Should().BeTrue(string.Join("; ", read.Problems));
        var framework = read.Framework!;

        framework.Document.Extra.Should().NotContainKey("CFPackageURI").And.Contain("caseVersion", "\"1.1\"");
        framework.Items[0].Extra.Should().NotContainKeys("CFDocumentURI", "CFItemAssociationURI", "educationalLevel").And.Contain("educationLevel", "[\"09\",\"10\",\"11\"]");
        framework.Items[1].Extra.Should().Contain("educationLevel", "[\"KG\"]").And.NotContainKey("CFDocumentURI");
        JsonNode.DeepEquals(JsonNode.Parse(framework.Items[1].Extra["extensions"]), new JsonObject { ["vendor"] = 1, ["CFDocumentURI"] = b["CFDocumentURI"]!.DeepClone() }).Should().BeTrue();
        framework.Associations[0].Extra.Should().BeEmpty();
        CaseSchemaTests.ShouldBeValid(CasePackageWriter.Write(framework), "the export of a CASE 1.0 package");
        JsonNode.DeepEquals(Normalized(JsonNode.Parse(CasePackageWriter.Write(framework))!), Normalized(CaseRealPackageTests.AsCase11(package))).Should().BeTrue();

        // A CASE 1.1 package is left as it is: no caseVersion is added.
        Read(Package()).Framework!.Document.Extra.Should().NotContainKey("caseVersion");
    }

    [Fact]
    public void Definitions_NullMembersAreAbsent_RequiredTextsEmpty_AndDateTimesGetTheirZone()
    {
        var package = Package();
        package["CFDefinitions"] = new JsonObject
        {
            ["CFItemTypes"] = new JsonArray(new JsonObject
            {
                ["identifier"] = Outside, ["uri"] = U(Outside), ["title"] = "Cluster", ["description"] = null, ["hierarchyCode"] = "1", ["typeCode"] = null,
                ["lastChangeDateTime"] = "2017-02-14T20:34:39",
            }),
        };
        var written = CasePackageWriter.Write(Read(package).Framework!);

        JsonNode.DeepEquals(JsonNode.Parse(written)!["CFDefinitions"], new JsonObject
        {
            ["CFItemTypes"] = new JsonArray(new JsonObject
            {
                ["identifier"] = Outside, ["uri"] = U(Outside), ["title"] = "Cluster", ["description"] = "", ["hierarchyCode"] = "1", ["lastChangeDateTime"] = "2017-02-14T20:34:39+00:00",
            }),
        }).Should().BeTrue(written);
        CaseSchemaTests.ShouldBeValid(written, "the export of definitions with nulls");
    }

    [Fact]
    public void TopLevelItems_AreOrderedByTheSequenceNumberOfTheirIsChildOfToTheDocument()
    {
        // Issue 14: the document's children came in CFItems order, although children are ordered by sequenceNumber.
        var package = Package();
        package["CFAssociations"]![0]!["sequenceNumber"] = 2; // A under the document
        package["CFAssociations"]![3]!["sequenceNumber"] = 1; // E under the document
        var read = Read(package).Framework!;
        read.Framework.Roots.Select(r => r.Value).Should().Equal(E, A);
        Read(Package()).Framework!.Framework.Roots.Select(r => r.Value).Should().Equal([A, E], "without sequence numbers, CFItems order");
        CasePackageReader.Read(CasePackageWriter.Write(read)).Framework!.Framework.Roots.Should().Equal(read.Framework.Roots);

        // A framework built in code keeps its root order through export and import (the generated isChildOf to the
        // document carries the root's position).
        var described = CasePackageWriter.Describe(read.Framework, read.Document with { Identifier = "0f0f0f0f-0000-4000-8000-000000000002" });
        CasePackageReader.Read(CasePackageWriter.Write(described)).Framework!.Framework.Roots.Should().Equal(read.Framework.Roots);
    }

    [Fact]
    public void Export_WritesReadableUtf8()
    {
        // Issue 14: non-ASCII text and '+' came out as \uXXXX escapes.
        var package = Package();
        package["CFItems"]![0]!["fullStatement"] = "Añadir ½ + ¼ — «fracciones» 分数 \"quoted\" \\ end";
        var written = CasePackageWriter.Write(Read(package).Framework!);
        written.Should().Contain("Añadir ½ + ¼ — «fracciones» 分数 \\\"quoted\\\" \\\\ end").And.NotContain("\\u");
        CasePackageReader.Read(written).Framework.Should().Be(Read(package).Framework);
    }

    [Fact]
    public void Duplicates_Formats_AndNonObjects_AreProblems()
    {
        var package = Package();
        package["CFItems"]!.AsArray().Add(Item(A, "Alpha again"));
        package["CFItems"]!.AsArray().Add(JsonValue.Create(3));
        package["CFDocument"]!["lastChangeDateTime"] = "yesterday";
        package["CFAssociations"]!.AsArray().Add(Association(2, "isChildOf", B, A));

        var problems = Read(package).Problems.Select(p => (p.Path, p.Rule)).ToList();

        problems.Should().Equal(
            ("$.CFDocument.lastChangeDateTime", "format: date-time"),
            ("$.CFItems[4].identifier", "unique"),
            ("$.CFItems[4].uri", "unique"),
            ("$.CFItems[5]", "type: object"),
            ("$.CFAssociations[10].identifier", "unique"));
        var spaced = Package();
        spaced["CFItems"]![0]!["identifier"] = " " + A;
        spaced["CFItems"]![1]!["extensions"] = new JsonObject { ["personalizedLearningId"] = "b " };
        Read(spaced).Problems.Select(p => (p.Path, p.Rule)).Take(2).Should().Equal(("$.CFItems[0].identifier", "format: uuid"), ("$.CFItems[1].extensions.personalizedLearningId", "format: id"));
        CasePackageReader.Read("[1]").Problems.Should().Equal(new InteropProblem("$", "type: object", "A CASE package is a JSON object with CFDocument, CFItems and CFAssociations."));
        CasePackageReader.Read("{\"CFItems\":{}}").Problems.Select(p => (p.Path, p.Rule)).Should().Equal(("$.CFDocument", "required"), ("$.CFItems", "type: array"));
        CasePackageReader.Read("{\"CFDocument\": ").Problems.Should().ContainSingle().Which.Rule.Should().Be("json");
        FluentActions.Invoking(() => CasePackageReader.Read(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Limits_FailQuickly_WithTheLimitNamed()
    {
        var json = Package().ToJsonString();

        Limit(json, new InteropLimits(maxDocumentBytes: 100)).Limit.Should().Be("document size");
        Limit(json, new InteropLimits(maxDepth: 3)).Limit.Should().Be("depth");
        Limit(json, new InteropLimits(maxArrayLength: 5)).Limit.Should().Be("array length");
        Limit(json, new InteropLimits(maxStringBytes: 20)).Limit.Should().Be("string length");
        Limit(new string('[', 100_000), InteropLimits.Default).Limit.Should().Be("depth");
        CasePackageReader.Read(json, limits: new InteropLimits(maxDepth: 4, maxArrayLength: 10, maxStringBytes: 80)).IsClean.Should().BeTrue("the package fits these");

        static InteropLimitExceededException Limit(string json, InteropLimits limits) =>
            FluentActions.Invoking(() => CasePackageReader.Read(json, limits: limits)).Should().Throw<InteropLimitExceededException>().Which;
    }

    [Fact]
    public void Fuzz_MutatedPackages_NeverThrowAnythingButTheDocumentedExceptions()
    {
        var seed = Package().ToJsonString();
        InteropFuzzTests.Mutations(seed, 8).Sample(mutations =>
        {
            var text = InteropFuzzTests.Mutate(seed, mutations, "{\"identifier\":null,\"uri\":[],\"x\":{}}");
            var result = CasePackageReader.Read(text, CaseImportMode.ImportValid, new InteropLimits(maxDocumentBytes: 1 << 20));
            (result.Framework is not null || !result.Problems.IsEmpty).Should().BeTrue("a package that imports nothing says why");
        }, iter: InteropFuzzTests.Iterations, threads: 1);
    }
}
