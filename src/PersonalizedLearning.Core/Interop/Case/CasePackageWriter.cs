using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// Writes a <see cref="CaseFramework"/> as a CASE 1.1 package that <see cref="CasePackageReader"/> reads back to an equal
/// framework, and describes a framework built in code as a <see cref="CaseFramework"/>.
/// </summary>
/// <remarks>
/// <para>Items are the framework's competencies in order (identifier, uri, fullStatement = title, humanCodingScheme =
/// code, lastChangeDateTime, then every other member the package had). Associations are those the package had, less
/// the ones whose relation the framework no longer has, plus one for each relation of the framework no association
/// stands for, plus an <c>isChildOf</c> to the document for a root that is new or lost its parent. New identifiers are
/// name-based UUIDs (version 5, in the document's identifier as namespace), so writing the same framework twice gives
/// the same package; new URIs are resolved against the document's URI (<c>urn:uuid:</c> + identifier when that is not
/// hierarchical). A text that is not well-formed UTF-16 is written with U+FFFD in place of a lone surrogate. Each
/// lastChangeDateTime is written as the framework holds it: a host that edits an item or the document sets it (with
/// <c>with</c>), since only the host knows when the change was made.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class CasePackageWriter
{
    /// <summary>Writes the package.</summary>
    /// <param name="framework">The framework with its CASE document and the rest of what its package said.</param>
    /// <param name="indented">Whether to indent the JSON.</param>
    /// <returns>The package as JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    /// <exception cref="ArgumentException">The document's identifier is not a UUID, or its URI is not absolute.</exception>
    public static string Write(CaseFramework framework, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(framework);
        CheckDocument(framework.Document, nameof(framework));
        var document = framework.Document;
        var competencies = framework.Framework.Competencies;
        var items = ItemsFor(framework);
        return InteropJson.Write(indented, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("CFDocument");
            writer.WriteString("identifier", document.Identifier);
            writer.WriteString("uri", document.Uri.OriginalString);
            writer.WriteString("creator", document.Creator);
            writer.WriteString("title", document.Title);
            writer.WriteString("lastChangeDateTime", Stamp(document.LastChangeDateTime, document.LastChangeText));
            Raw(writer, document.Extra);
            writer.WriteEndObject();

            writer.WriteStartArray("CFItems");
            for (var i = 0; i < competencies.Length; i++)
            {
                var competency = competencies[i];
                writer.WriteStartObject();
                writer.WriteString("identifier", items[i].Identifier);
                writer.WriteString("uri", UriOf(document, competency, items[i]).OriginalString);
                writer.WriteString("fullStatement", competency.Title);
                if (competency.Code is { } code)
                {
                    writer.WriteString("humanCodingScheme", code);
                }

                writer.WriteString("lastChangeDateTime", Stamp(items[i].LastChangeDateTime, items[i].LastChangeText));
                Raw(writer, items[i].Extra);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("CFAssociations");
            foreach (var association in AssociationsFor(framework, items))
            {
                writer.WriteStartObject();
                writer.WriteString("identifier", association.Identifier);
                writer.WriteString("uri", association.Uri.OriginalString);
                writer.WriteString("associationType", association.AssociationType);
                Node(writer, "originNodeURI", association.Origin);
                Node(writer, "destinationNodeURI", association.Destination);
                if (association.SequenceNumber is { } sequence)
                {
                    writer.WriteNumber("sequenceNumber", sequence);
                }

                writer.WriteString("lastChangeDateTime", Stamp(association.LastChangeDateTime, association.LastChangeText));
                Raw(writer, association.Extra);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (framework.Definitions is { } definitions)
            {
                writer.WritePropertyName("CFDefinitions");
                writer.WriteRawValue(definitions);
            }

            Raw(writer, framework.Extra);

            writer.WriteEndObject();
        });
    }

    /// <summary>Describes a framework built in code as a CASE framework under a document, ready to write: items for its
    /// competencies (a competency whose id is not a UUID, or is one another node has, gets a name-based one and keeps
    /// its id in <c>extensions.personalizedLearningId</c>; one without a URI gets one under the document's), an
    /// <c>isChildOf</c> to the document for each root and an association for each relation. A competency's description
    /// and tags are not written (CASE's notes and conceptKeywords are not read back into them either).</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="document">The CASE document: identity and provenance.</param>
    /// <returns>The CASE framework.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The document's identifier is not a UUID, or its URI is not absolute.</exception>
    public static CaseFramework Describe(CompetencyFramework framework, CaseDocument document)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(document);
        CheckDocument(document, nameof(document));

        var described = new CaseFramework(framework, document, [], [], null);
        var items = ItemsFor(described);
        var roots = framework.Roots.Select(id => framework.Competencies.IndexOf(framework.GetCompetency(id))).Select((i, position) => Generated(
            document, CaseAssociationTypes.IsChildOf, Link(document, framework.Competencies[i], items[i]), new CaseNodeLink(document.Identifier, document.Uri, document.Title), position + 1));
        described = described with { Items = items, Associations = [.. roots] };
        return described with { Associations = AssociationsFor(described, items) };
    }

    // What every generated identifier and URI is made from: a UUID identifier and an absolute URI.
    private static void CheckDocument(CaseDocument document, string parameter)
    {
        if (!NameBasedUuid.IsCanonical(document.Identifier))
        {
            throw new ArgumentException($"A CASE document's identifier must be a UUID; got '{document.Identifier}'.", parameter);
        }

        if (!document.Uri.IsAbsoluteUri || !Iri.IsAbsolute(document.Uri.OriginalString))
        {
            throw new ArgumentException($"A CASE document's URI must be absolute; got '{document.Uri.OriginalString}'.", parameter);
        }
    }

    private static ImmutableArray<CaseItemInfo> ItemsFor(CaseFramework framework)
    {
        var competencies = framework.Framework.Competencies;
        if (framework.Items.Length == competencies.Length && framework.Items.Select(i => i.Competency).SequenceEqual(competencies.Select(c => c.Id)))
        {
            return framework.Items;
        }

        var known = framework.Items.ToDictionary(i => i.Competency);
        // A competency id that is a UUID is the item's identifier unless another node has it: UUIDs ignore case, so
        // "aaaa…" and "AAAA…" are one identifier, and the document's is taken.
        var used = new HashSet<string>(framework.Items.Select(i => i.Identifier), StringComparer.OrdinalIgnoreCase) { framework.Document.Identifier };
        return [.. competencies.Select(c => known.TryGetValue(c.Id, out var info) ? info : NewItem(framework.Document, c, used))];
    }

    private static CaseItemInfo NewItem(CaseDocument document, Competency competency, HashSet<string> used)
    {
        if (NameBasedUuid.IsCanonical(competency.Id.Value) && used.Add(competency.Id.Value))
        {
            return new CaseItemInfo(competency.Id, competency.Id.Value, document.LastChangeDateTime, ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));
        }

        var extension = $"\"{InteropJson.Encode(competency.Id.Value)}\"";
        var identifier = NameBased(document, $"item|{competency.Id.Value}");
        used.Add(identifier);
        return new CaseItemInfo(competency.Id, identifier, document.LastChangeDateTime,
            ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("extensions", $"{{\"personalizedLearningId\":{extension}}}"));
    }

    // The package's associations that still hold, then one for each relation none of them stands for.
    private static ImmutableArray<CaseAssociation> AssociationsFor(CaseFramework framework, ImmutableArray<CaseItemInfo> items)
    {
        var competencies = framework.Framework.Competencies;
        var nodes = new CaseNodeIndex();
        for (var i = 0; i < items.Length; i++)
        {
            nodes.Add(items[i].Identifier, UriOf(framework.Document, competencies[i], items[i]), i);
        }

        var relations = framework.Framework.Relations.Select(r => Key(r.Kind, r.Source, r.Target)).ToHashSet();
        var covered = new HashSet<(CompetencyRelationKind, CompetencyId, CompetencyId)>();
        var result = ImmutableArray.CreateBuilder<CaseAssociation>();
        // Items the package had that the framework no longer has: their associations go with them.
        var present = competencies.Select(c => c.Id).ToHashSet();
        var removed = framework.Items.Where(i => !present.Contains(i.Competency)).Select(i => i.Identifier).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var association in framework.Associations)
        {
            if ((removed.Contains(association.Origin.Identifier) && !nodes.TryResolve(association.Origin, out _))
                || (removed.Contains(association.Destination.Identifier) && !nodes.TryResolve(association.Destination, out _)))
            {
                continue;
            }

            var origin = nodes.TryResolve(association.Origin, out var o) ? competencies[o].Id : (CompetencyId?)null;
            var destination = nodes.TryResolve(association.Destination, out var d) ? competencies[d].Id : (CompetencyId?)null;
            var key = (origin, destination, association.AssociationType) switch
            {
                ({ } c, { } p, CaseAssociationTypes.IsChildOf) => Key(CompetencyRelationKind.ParentOf, p, c),
                ({ } a, { } b, CaseAssociationTypes.Precedes) => Key(CompetencyRelationKind.PrerequisiteOf, a, b),
                ({ } a, { } b, CaseAssociationTypes.IsPeerOf or CaseAssociationTypes.IsRelatedTo or CaseAssociationTypes.ExactMatchOf) => Key(CompetencyRelationKind.RelatedTo, a, b),
                _ => ((CompetencyRelationKind, CompetencyId, CompetencyId)?)null,
            };
            if (key is { } k)
            {
                if (!relations.Contains(k))
                {
                    continue; // the framework no longer has this relation
                }

                covered.Add(k);
            }

            result.Add(association);
        }

        var document = framework.Document;
        var siblings = new Dictionary<CompetencyId, int>();
        foreach (var relation in framework.Framework.Relations)
        {
            var sequence = relation.Kind == CompetencyRelationKind.ParentOf ? siblings[relation.Source] = siblings.GetValueOrDefault(relation.Source) + 1 : (int?)null;
            if (covered.Contains(Key(relation.Kind, relation.Source, relation.Target)))
            {
                continue;
            }

            var source = competencies.IndexOf(framework.Framework.GetCompetency(relation.Source));
            var target = competencies.IndexOf(framework.Framework.GetCompetency(relation.Target));
            var (type, from, to) = relation.Kind switch
            {
                CompetencyRelationKind.ParentOf => (CaseAssociationTypes.IsChildOf, target, source),
                CompetencyRelationKind.PrerequisiteOf => (CaseAssociationTypes.Precedes, source, target),
                _ => (CaseAssociationTypes.IsRelatedTo, source, target),
            };
            result.Add(Generated(document, type, Link(document, competencies[from], items[from]), Link(document, competencies[to], items[to]), sequence));
        }

        // A root has an isChildOf to the document, or it is outside the document's tree (CASE 1.1 §4.2). One that has
        // none is given one after the document's other children when its item is new or it had a parent in the package
        // (a root the package left without one stays as it was, so that export keeps what import read).
        var documentNode = new CaseNodeLink(document.Identifier, document.Uri, document.Title);
        var hadParent = new HashSet<CompetencyId>(); // (a parent it may have lost with a removed item too)
        var linked = new HashSet<CompetencyId>();
        var lastPosition = 0;
        foreach (var association in result)
        {
            if (association.AssociationType != CaseAssociationTypes.IsChildOf || !nodes.TryResolve(association.Origin, out var child))
            {
                continue;
            }

            linked.Add(competencies[child].Id);
            if (CaseNodeIndex.Names(association.Destination, document.Identifier, document.Uri))
            {
                lastPosition = Math.Max(lastPosition, association.SequenceNumber ?? int.MaxValue);
            }
        }

        foreach (var association in framework.Associations)
        {
            if (association.AssociationType == CaseAssociationTypes.IsChildOf && nodes.TryResolve(association.Origin, out var child))
            {
                hadParent.Add(competencies[child].Id);
            }
        }

        var read = framework.Items.Select(i => i.Competency).ToHashSet();
        foreach (var root in framework.Framework.Roots)
        {
            if (!linked.Contains(root) && (!read.Contains(root) || hadParent.Contains(root)))
            {
                var i = competencies.IndexOf(framework.Framework.GetCompetency(root));
                // After the others: the next sequence number, or none when one of them has none (those come last, in order).
                int? position = lastPosition == int.MaxValue ? null : ++lastPosition;
                result.Add(Generated(document, CaseAssociationTypes.IsChildOf, Link(document, competencies[i], items[i]), documentNode, position));
            }
        }

        return result.DrainToImmutable();
    }

    private static (CompetencyRelationKind, CompetencyId, CompetencyId) Key(CompetencyRelationKind kind, CompetencyId a, CompetencyId b) =>
        kind == CompetencyRelationKind.RelatedTo && string.CompareOrdinal(a.Value, b.Value) > 0 ? (kind, b, a) : (kind, a, b);

    private static CaseAssociation Generated(CaseDocument document, string type, CaseNodeLink origin, CaseNodeLink destination, int? sequence)
    {
        var identifier = NameBased(document, $"association|{type}|{origin.Identifier}|{destination.Identifier}");
        return new CaseAssociation(identifier, NewUri(document, identifier), type, origin, destination, sequence, document.LastChangeDateTime,
            ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));
    }

    private static CaseNodeLink Link(CaseDocument document, Competency competency, CaseItemInfo item) =>
        new(item.Identifier, UriOf(document, competency, item), competency.Code ?? competency.Title);

    private static Uri UriOf(CaseDocument document, Competency competency, CaseItemInfo item) => competency.Uri ?? NewUri(document, item.Identifier);

    // A new node's URI: resolved against the document's when that is hierarchical (https://…/uri/{document} gives
    // https://…/uri/{identifier}); else (urn:uuid:…, where resolving makes no valid URN) urn:uuid:{identifier}.
    private static Uri NewUri(CaseDocument document, string identifier) =>
        document.Uri.OriginalString.AsSpan(document.Uri.OriginalString.IndexOf(':', StringComparison.Ordinal) + 1).StartsWith("//", StringComparison.Ordinal)
            ? new Uri(document.Uri, identifier)
            : new Uri($"urn:uuid:{identifier}");

    // A name-based UUID in the document's identifier as namespace.
    private static string NameBased(CaseDocument document, string name) => NameBasedUuid.Create(Guid.ParseExact(document.Identifier, "D"), name);

    // A date-time as the package spelled it while its value (moment and offset) is what was read; else written anew.
    private static string Stamp(DateTimeOffset value, string? text) =>
        text is not null && Iso8601.TryParseDateTime(text, requireZone: true, out var read, out _, unknownOffsetIsUtc: true) && read == value && read.Offset == value.Offset
            ? text
            : InteropJson.Timestamp(value);

    private static void Node(Utf8JsonWriter writer, string name, CaseNodeLink node)
    {
        writer.WriteStartObject(name);
        if (node.Title is { } title)
        {
            writer.WriteString("title", title);
        }

        writer.WriteString("identifier", node.Identifier);
        writer.WriteString("uri", node.Uri.OriginalString);
        Raw(writer, node.Extra);
        writer.WriteEndObject();
    }

    private static void Raw(Utf8JsonWriter writer, ImmutableSortedDictionary<string, string> extra)
    {
        foreach (var (name, json) in extra)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(json);
        }
    }
}
