using System.Collections.Immutable;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Case;

namespace PersonalizedLearning.Tests.Interop.Case;

/// <summary>Equality of what a CASE package was read into is by value: a copy is equal, and a copy that differs in any
/// one member is not (issue 21: records compare every member they document).</summary>
public class CaseModelTests
{
    private const string Doc = "d0000000-0000-4000-8000-000000000000";
    private const string A = "a0000000-0000-4000-8000-000000000001";
    private const string B = "b0000000-0000-4000-8000-000000000002";

    private static string Node(string id, string title) => $"{{\"title\":\"{title}\",\"identifier\":\"{id}\",\"uri\":\"https://x.org/{id}\"}}";

    private static string Association(int n, string type, string origin, string destination) =>
        $"{{\"identifier\":\"00000000-0000-4000-8000-{n:D12}\",\"uri\":\"https://x.org/as{n}\",\"associationType\":\"{type}\",\"originNodeURI\":{Node(origin, "o")},"
        + $"\"destinationNodeURI\":{Node(destination, "d")},\"sequenceNumber\":{n},\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\"}}";

    // Items A and B under the document, A precedes B; the title, B's statement and the third association can be varied.
    private static CaseFramework Read(string title = "Golden", string beta = "Beta", string third = "precedes") =>
        CasePackageReader.Read(
            $"{{\"CFDocument\":{{\"identifier\":\"{Doc}\",\"uri\":\"https://x.org/{Doc}\",\"creator\":\"Tests\",\"title\":\"{title}\",\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\"}},"
            + $"\"CFItems\":[{{\"identifier\":\"{A}\",\"uri\":\"https://x.org/{A}\",\"fullStatement\":\"Alpha\",\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\"}},"
            + $"{{\"identifier\":\"{B}\",\"uri\":\"https://x.org/{B}\",\"fullStatement\":\"{beta}\",\"lastChangeDateTime\":\"2025-01-01T00:00:00Z\"}}],"
            + $"\"CFAssociations\":[{Association(1, "isChildOf", A, Doc)},{Association(2, "isChildOf", B, Doc)},{Association(3, third, A, B)}]}}").Framework!;

    private static readonly ImmutableSortedDictionary<string, string> Other = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).Add("notes", "\"n\"");

    // Through Equals(object), which records forward to their typed Equals.
    private static void EqualOnlyToACopy(object value, object copy, params object[] differing)
    {
        value.Equals(copy).Should().BeTrue();
        for (var i = 0; i < differing.Length; i++)
        {
            value.Equals(differing[i]).Should().BeFalse("copy {0} differs in one member", i);
        }

        value.Equals(null).Should().BeFalse(); // last: the compiler takes it for a null test of value
    }

    [Fact]
    public void CaseDocument_EqualsACopy_AndNoCopyDifferingInOneMember()
    {
        var document = Read().Document;
        document.Extra.Should().BeEmpty();

        EqualOnlyToACopy(
            document,
            document with { },
            document with { Identifier = A },
            document with { Uri = new Uri("https://x.org/other") },
            document with { Creator = "Someone else" },
            document with { Title = "Other" },
            document with { LastChangeDateTime = document.LastChangeDateTime.AddSeconds(1) },
            document with { Extra = Other });
    }

    [Fact]
    public void CaseItemInfo_EqualsACopy_AndNoCopyDifferingInOneMember()
    {
        var framework = Read();
        var item = framework.Items[0];

        EqualOnlyToACopy(
            item,
            item with { },
            item with { Competency = framework.Items[1].Competency },
            item with { Identifier = B },
            item with { LastChangeDateTime = item.LastChangeDateTime.AddSeconds(1) },
            item with { Extra = Other });
    }

    [Fact]
    public void CaseNodeLinkAndCaseAssociation_EqualACopy_AndNoCopyDifferingInOneMember()
    {
        var association = Read().Associations[2];
        var origin = association.Origin;

        EqualOnlyToACopy(
            origin,
            origin with { },
            origin with { Identifier = B },
            origin with { Uri = new Uri("https://x.org/other") },
            origin with { Title = "Other" },
            origin with { Extra = Other });
        EqualOnlyToACopy(
            association,
            association with { },
            association with { Identifier = A },
            association with { Uri = new Uri("https://x.org/other") },
            association with { AssociationType = "isRelatedTo" },
            association with { Origin = origin with { Title = "Other" } },
            association with { Destination = association.Destination with { Title = "Other" } },
            association with { SequenceNumber = null },
            association with { LastChangeDateTime = association.LastChangeDateTime.AddSeconds(1) },
            association with { Extra = Other });
    }

    [Fact]
    public void CaseFramework_EqualsACopy_AndNoCopyDifferingInOneMember()
    {
        var framework = Read();
        var read = Read();

        EqualOnlyToACopy(
            framework,
            read,
            framework with { Framework = Read(title: "Other").Framework },
            framework with { Framework = Read(beta: "Beta, restated").Framework },
            framework with { Framework = Read(third: "isRelatedTo").Framework },
            framework with { Document = framework.Document with { Creator = "Someone else" } },
            framework with { Items = framework.Items.SetItem(1, framework.Items[1] with { Extra = Other }) },
            framework with { Associations = framework.Associations.RemoveAt(2) },
            framework with { Definitions = "{}" },
            framework with { Extra = Other });
    }

    [Fact]
    public void CaseImportResult_EqualsACopy_AndNoneWithOtherProblemsOrAnotherFramework_AndDeconstructs()
    {
        var result = CasePackageReader.Read("[1]");
        var (framework, problems) = result;

        framework.Should().BeNull();
        problems.Should().Equal(result.Problems).And.ContainSingle();
        EqualOnlyToACopy(
            result,
            CasePackageReader.Read("[1]"),
            CasePackageReader.Read("[1"),
            result with { Framework = Read() });
    }
}
