using System.Text.Json;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Interop.Case;

/// <summary>An item read from CFItems: the competency it becomes, what export needs to write it back, and its JSON path.</summary>
internal readonly record struct CaseReadItem(Competency Competency, CaseItemInfo Info, string Path);

/// <summary>
/// Reads CFItems into competencies: each item's required members, the uniqueness of identifiers (against each other and
/// the document's; UUIDs ignore case), URIs and competency ids, and the <c>personalizedLearningId</c> extension this
/// library writes for ids that are not UUIDs. An item with a problem is left out and its identifier remembered, so that
/// associations linking it are left out with it.
/// </summary>
internal static class CaseItemsReader
{
    private static readonly HashSet<string> ItemMembers = ["identifier", "uri", "fullStatement", "humanCodingScheme", "lastChangeDateTime"];

    /// <param name="fields">Reads the members and keeps the problems.</param>
    /// <param name="root">The package.</param>
    /// <param name="document">The package's document; null when it has problems.</param>
    /// <param name="invalidNodes">Receives the identifier of every item left out for a problem (ignoring case, as
    /// <see cref="CaseNodeIndex"/> names nodes).</param>
    /// <param name="fromV1p0">Set when a CASE 1.0 member was read into its 1.1 form.</param>
    public static List<CaseReadItem> Read(CaseFieldReader fields, JsonElement root, CaseDocument? document, HashSet<string> invalidNodes, ref bool fromV1p0)
    {
        var items = new List<CaseReadItem>();
        if (!fields.Array(root, "CFItems", out var array))
        {
            return items;
        }

        // UUIDs ignore case (RFC 4122 §3), so "aaaa…" and "AAAA…" are one identifier; the document's is taken.
        var identifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (document is not null)
        {
            identifiers.Add(document.Identifier);
        }

        var uris = new HashSet<Uri>(UriIdentity.Default);
        var ids = new HashSet<CompetencyId>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.CFItems[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                fields.Problem(path, "type: object", "An item must be an object.");
                continue;
            }

            var before = fields.ProblemCount;
            var identifier = fields.Uuid(element, "identifier", path);
            var uri = fields.AbsoluteUri(element, "uri", path);
            var statement = fields.Text(element, "fullStatement", path, required: true);
            if (DisplayText.Check(statement, "fullStatement, the competency's title,") is { } control)
            {
                fields.Problem($"{path}.fullStatement", "format: title", control);
            }

            var code = fields.Text(element, "humanCodingScheme", path, required: false);
            var changed = fields.Date(element, "lastChangeDateTime", path, out var spelling);
            var id = identifier;
            if (element.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                && extensions.TryGetProperty("personalizedLearningId", out var own))
            {
                id = own.ValueKind == JsonValueKind.String && Identifier.Check(own.GetString(), "competency id") is null ? own.GetString() : null;
                if (id is null)
                {
                    fields.Problem($"{path}.extensions.personalizedLearningId", "format: id", $"The personalizedLearningId extension must be a competency id: {Identifier.Check(own.ValueKind == JsonValueKind.String ? own.GetString() : null, "competency id")}");
                }
            }

            if (identifier is not null && !identifiers.Add(identifier))
            {
                fields.Problem($"{path}.identifier", "unique", document is not null && string.Equals(identifier, document.Identifier, StringComparison.OrdinalIgnoreCase)
                    ? $"Item identifier '{identifier}' is the CFDocument's."
                    : $"Item identifier '{identifier}' is used by an earlier item (UUIDs ignore case).");
            }

            if (uri is not null && !uris.Add(uri))
            {
                fields.Problem($"{path}.uri", "unique", $"Item URI '{uri}' is used by an earlier item.");
            }

            if (id is not null && !ids.Add(new CompetencyId(id)) && id != identifier)
            {
                fields.Problem($"{path}.extensions.personalizedLearningId", "unique", $"Competency id '{id}' is used by an earlier item.");
            }

            if (fields.ProblemCount > before)
            {
                if (identifier is not null)
                {
                    invalidNodes.Add(identifier);
                }

                continue;
            }

            var competency = new Competency(id!, statement!, code, uri: uri);
            var extra = CaseFieldReader.Extra(element, ItemMembers);
            if (document is not null)
            {
                extra = CaseV1p0.Item(extra, identifier!, uri!, document.Identifier, document.Uri, ref fromV1p0);
            }

            items.Add(new CaseReadItem(competency, new CaseItemInfo(competency.Id, identifier!, changed!.Value, extra) { LastChangeText = spelling }, path));
        }

        return items;
    }
}
