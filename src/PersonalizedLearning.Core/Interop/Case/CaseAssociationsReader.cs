using System.Globalization;
using System.Text.Json;

namespace PersonalizedLearning.Interop.Case;

/// <summary>An association read from CFAssociations, and its JSON path.</summary>
internal readonly record struct CaseReadAssociation(CaseAssociation Association, string Path);

/// <summary>
/// Reads CFAssociations: each association's required members, its origin and destination nodes, its sequenceNumber
/// (a whole number, or a string of digits as OpenSALT writes it), and the uniqueness of its identifier against the other
/// associations, the items and the document. What the associations mean is for <see cref="CaseFrameworkAssembler"/>.
/// </summary>
internal static class CaseAssociationsReader
{
    private static readonly HashSet<string> AssociationMembers = ["identifier", "uri", "associationType", "originNodeURI", "destinationNodeURI", "sequenceNumber", "lastChangeDateTime"];

    /// <param name="fields">Reads the members and keeps the problems.</param>
    /// <param name="root">The package.</param>
    /// <param name="document">The package's document; null when it has problems.</param>
    /// <param name="items">The items read without problems.</param>
    /// <param name="fromV1p0">Set when a CASE 1.0 member was read into its 1.1 form.</param>
    public static List<CaseReadAssociation> Read(CaseFieldReader fields, JsonElement root, CaseDocument? document, List<CaseReadItem> items, ref bool fromV1p0)
    {
        var associations = new List<CaseReadAssociation>();
        if (!fields.Array(root, "CFAssociations", out var array))
        {
            return associations;
        }

        var identifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // UUIDs ignore case
        var nodes = new HashSet<string>(items.Select(i => i.Info.Identifier), StringComparer.OrdinalIgnoreCase); // identifiers are unique across the package
        if (document is not null)
        {
            nodes.Add(document.Identifier);
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.CFAssociations[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                fields.Problem(path, "type: object", "An association must be an object.");
                continue;
            }

            var before = fields.ProblemCount;
            var identifier = fields.Uuid(element, "identifier", path);
            var uri = fields.AbsoluteUri(element, "uri", path);
            var type = fields.Text(element, "associationType", path, required: true);
            var origin = fields.Node(element, "originNodeURI", path);
            var destination = fields.Node(element, "destinationNodeURI", path);
            var changed = fields.Date(element, "lastChangeDateTime", path, out var spelling);
            var sequence = SequenceNumber(fields, element, path);

            if (identifier is not null && !identifiers.Add(identifier))
            {
                fields.Problem($"{path}.identifier", "unique", $"Association identifier '{identifier}' is used by an earlier association (UUIDs ignore case).");
            }
            else if (identifier is not null && nodes.Contains(identifier))
            {
                fields.Problem($"{path}.identifier", "unique", $"Association identifier '{identifier}' is the CFDocument's or an item's.");
            }

            if (fields.ProblemCount == before)
            {
                var extra = CaseFieldReader.Extra(element, AssociationMembers);
                if (document is not null)
                {
                    extra = CaseV1p0.Association(extra, document.Identifier, document.Uri, ref fromV1p0);
                }

                associations.Add(new CaseReadAssociation(new CaseAssociation(identifier!, uri!, type!, origin!, destination!, sequence, changed!.Value, extra) { LastChangeText = spelling }, path));
            }
        }

        return associations;
    }

    // The sequenceNumber; null when absent, null or not a whole number in int's range (a problem then).
    private static int? SequenceNumber(CaseFieldReader fields, JsonElement element, string path)
    {
        if (!element.TryGetProperty("sequenceNumber", out var number) || number.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (number.ValueKind == JsonValueKind.Number && number.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return (int)d; // JSON Schema's integer is a value: 2.0 and 1e2 are integers
        }

        if (number.ValueKind == JsonValueKind.String && int.TryParse(number.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n; // OpenSALT writes sequence numbers as strings of digits
        }

        fields.Problem($"{path}.sequenceNumber", "type: integer", $"sequenceNumber must be a whole number from -2147483648 to 2147483647; got {number.GetRawText()}.");
        return null;
    }
}
