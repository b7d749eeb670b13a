using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Interop.Case;

/// <summary>CASE 1.1 association types that the framework understands; any other type is kept as it is.</summary>
public static class CaseAssociationTypes
{
    /// <summary>Origin is a child of destination (the destination may be the document itself: a root).</summary>
    public const string IsChildOf = "isChildOf";

    /// <summary>Origin comes before destination: a prerequisite.</summary>
    public const string Precedes = "precedes";

    /// <summary>Origin and destination are peers: a related link.</summary>
    public const string IsPeerOf = "isPeerOf";

    /// <summary>Origin is related to destination: a related link.</summary>
    public const string IsRelatedTo = "isRelatedTo";

    /// <summary>Origin matches destination exactly: a related link.</summary>
    public const string ExactMatchOf = "exactMatchOf";
}

/// <summary>The CFDocument of a CASE package: the framework's identity and provenance.</summary>
/// <param name="Identifier">Its CASE identifier (a UUID).</param>
/// <param name="Uri">Its URI.</param>
/// <param name="Creator">Who made it.</param>
/// <param name="Title">Its title.</param>
/// <param name="LastChangeDateTime">When it last changed (UTC when the package gives no offset).</param>
/// <param name="Extra">Its other members, by name, as raw JSON, written back on export.</param>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record CaseDocument(string Identifier, Uri Uri, string Creator, string Title, DateTimeOffset LastChangeDateTime, ImmutableSortedDictionary<string, string> Extra)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    // The lastChangeDateTime as the package spelled it (RFC 3339 only), written back while the value is unchanged.
    internal string? LastChangeText { get; init; }

    /// <inheritdoc />
    public bool Equals(CaseDocument? other) =>
        other is not null && Identifier == other.Identifier && UriIdentity.Default.Equals(Uri, other.Uri) && Creator == other.Creator && Title == other.Title
        && LastChangeDateTime == other.LastChangeDateTime && Extra.SequenceEqual(other.Extra);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Identifier, Uri, Title, LastChangeDateTime, Extra.Count);
}

/// <summary>What a CFItem holds beyond its competency (whose id is the item's identifier, title its full statement, code
/// its human coding scheme and URI its URI).</summary>
/// <param name="Competency">The competency it became.</param>
/// <param name="Identifier">Its CASE identifier (the competency's id, unless that is not a UUID).</param>
/// <param name="LastChangeDateTime">When it last changed.</param>
/// <param name="Extra">Its other members (abbreviatedStatement, CFItemType, educationLevel, notes…), as raw JSON, in CASE 1.1's form (see <see cref="CasePackageReader"/>).</param>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record CaseItemInfo(CompetencyId Competency, string Identifier, DateTimeOffset LastChangeDateTime, ImmutableSortedDictionary<string, string> Extra)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    // The lastChangeDateTime as the package spelled it (RFC 3339 only), written back while the value is unchanged.
    internal string? LastChangeText { get; init; }

    /// <inheritdoc />
    public bool Equals(CaseItemInfo? other) =>
        other is not null && Competency == other.Competency && Identifier == other.Identifier && LastChangeDateTime == other.LastChangeDateTime && Extra.SequenceEqual(other.Extra);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Competency, LastChangeDateTime, Extra.Count);
}

/// <summary>One end of a CASE association: a node in this package or outside it.</summary>
/// <param name="Identifier">The node's identifier.</param>
/// <param name="Uri">The node's URI.</param>
/// <param name="Title">Its title, if given.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CaseNodeLink(string Identifier, Uri Uri, string? Title)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The link's other members (CASE 1.1's <c>targetType</c>, extensions), by name, each as raw JSON, written
    /// back on export.</summary>
    /// <value>Empty by default; ordinal names.</value>
    public ImmutableSortedDictionary<string, string> Extra { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(CaseNodeLink? other) =>
        other is not null && Identifier == other.Identifier && UriIdentity.Default.Equals(Uri, other.Uri) && Title == other.Title
        && Extra.SequenceEqual(other.Extra);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Identifier, UriIdentity.Default.GetHashCode(Uri), Title, Extra.Count);
}

/// <summary>A CFAssociation, kept whole whatever its type, so that export writes back what import read.</summary>
/// <param name="Identifier">Its identifier.</param>
/// <param name="Uri">Its URI.</param>
/// <param name="AssociationType">Its type, such as <c>isChildOf</c>, <c>precedes</c>, <c>exemplar</c> or <c>ext:…</c>.</param>
/// <param name="Origin">Its origin node.</param>
/// <param name="Destination">Its destination node.</param>
/// <param name="SequenceNumber">Its order among siblings, if given.</param>
/// <param name="LastChangeDateTime">When it last changed.</param>
/// <param name="Extra">Its other members, as raw JSON.</param>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record CaseAssociation(string Identifier, Uri Uri, string AssociationType, CaseNodeLink Origin, CaseNodeLink Destination, int? SequenceNumber, DateTimeOffset LastChangeDateTime, ImmutableSortedDictionary<string, string> Extra)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    // The lastChangeDateTime as the package spelled it (RFC 3339 only), written back while the value is unchanged.
    internal string? LastChangeText { get; init; }

    /// <inheritdoc />
    public bool Equals(CaseAssociation? other) =>
        other is not null && Identifier == other.Identifier && UriIdentity.Default.Equals(Uri, other.Uri) && AssociationType == other.AssociationType && Origin == other.Origin
        && Destination == other.Destination && SequenceNumber == other.SequenceNumber && LastChangeDateTime == other.LastChangeDateTime && Extra.SequenceEqual(other.Extra);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Identifier, AssociationType, Origin, Destination, SequenceNumber);
}

/// <summary>
/// A competency framework read from a CASE package, with everything the package said beyond it: the document, each
/// item's other members, and every association (those the framework does not model too, such as <c>exemplar</c>,
/// <c>ext:</c> types and links to nodes outside the package), so that export writes back an equivalent package.
/// </summary>
/// <param name="Framework">The framework: items as competencies (id = identifier, title = full statement, code = human
/// coding scheme, URI), <c>isChildOf</c> as the hierarchy ordered by sequence number, <c>precedes</c> as prerequisites,
/// <c>isPeerOf</c>, <c>isRelatedTo</c> and <c>exactMatchOf</c> between items as related links.</param>
/// <param name="Document">The CFDocument.</param>
/// <param name="Items">Each item's other members, in the framework's order.</param>
/// <param name="Associations">Every association, in the package's order.</param>
/// <param name="Definitions">The CFDefinitions object as raw JSON, if any.</param>
/// <remarks>Equality compares the framework's title, competencies and relations, and everything else by value.
/// Immutable and thread-safe.</remarks>
public sealed record CaseFramework(CompetencyFramework Framework, CaseDocument Document, ImmutableArray<CaseItemInfo> Items, ImmutableArray<CaseAssociation> Associations, string? Definitions)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The package's other top-level members (CASE 1.1's <c>CFRubrics</c>, <c>extensions</c>, …), by name, each
    /// as raw JSON, written back on export.</summary>
    /// <value>Empty by default; ordinal names.</value>
    public ImmutableSortedDictionary<string, string> Extra { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(CaseFramework? other) =>
        other is not null && Framework.Title == other.Framework.Title && SequenceEquality.Equal(Framework.Competencies, other.Framework.Competencies)
        && SequenceEquality.Equal(Framework.Relations, other.Framework.Relations) && Document.Equals(other.Document)
        && SequenceEquality.Equal(Items, other.Items) && SequenceEquality.Equal(Associations, other.Associations) && Definitions == other.Definitions
        && Extra.SequenceEqual(other.Extra);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Framework.Title, Framework.Count, Document, Items.Length, Associations.Length);
}

/// <summary>How a CASE package with problems is imported.</summary>
/// <remarks>The default value is <see cref="AllOrNothing"/>.</remarks>
public enum CaseImportMode
{
    /// <summary>Any problem means no framework; every problem is reported.</summary>
    AllOrNothing,

    /// <summary>Items and associations with problems are left out, the rest is imported; every problem is reported.
    /// A CFDocument with problems still means no framework.</summary>
    ImportValid,
}

/// <summary>The outcome of reading a CASE package.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record CaseImportResult
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal CaseImportResult(CaseFramework? Framework, ImmutableArray<InteropProblem> Problems)
    {
        this.Framework = Framework;
        this.Problems = Problems;
    }

    /// <summary>The framework; null when nothing could be imported (or, in <see cref="CaseImportMode.AllOrNothing"/>, when anything was wrong).</summary>
    public CaseFramework? Framework { get; internal init; }

    /// <summary>Everything that was wrong, each with its JSON path and rule; empty for a clean package.</summary>
    public ImmutableArray<InteropProblem> Problems { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Framework">The value of <see cref="Framework"/>.</param>
    /// <param name="Problems">The value of <see cref="Problems"/>.</param>
    public void Deconstruct(out CaseFramework? Framework, out ImmutableArray<InteropProblem> Problems)
    {
        Framework = this.Framework;
        Problems = this.Problems;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Whether the package was imported whole, without a problem.</summary>
    public bool IsClean => Framework is not null && Problems.IsEmpty;

    /// <inheritdoc />
    public bool Equals(CaseImportResult? other) => other is not null && Equals(Framework, other.Framework) && SequenceEquality.Equal(Problems, other.Problems);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Framework, SequenceEquality.Hash(Problems));
}
