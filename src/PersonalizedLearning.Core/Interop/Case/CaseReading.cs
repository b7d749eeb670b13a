using System.Text.Json;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// One read of a parsed package, in the order the parts depend on each other: the document, the items
/// (<see cref="CaseItemsReader"/>), the associations (<see cref="CaseAssociationsReader"/>), then the framework
/// (<see cref="CaseFrameworkAssembler"/>), every problem kept by one <see cref="CaseFieldReader"/>. Used once; not
/// thread-safe.
/// </summary>
internal sealed class CaseReading(CaseImportMode mode)
{
    private static readonly HashSet<string> PackageMembers = ["CFDocument", "CFItems", "CFAssociations", "CFDefinitions"];
    private static readonly HashSet<string> DocumentMembers = ["identifier", "uri", "creator", "title", "lastChangeDateTime"];

    private readonly CaseFieldReader _fields = new();
    private readonly HashSet<string> _invalidNodes = new(StringComparer.OrdinalIgnoreCase); // as CaseNodeIndex names nodes
    private bool _fromV1p0; // whether a CASE 1.0 member was read into its 1.1 form

    public CaseImportResult Run(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _fields.Problem("$", "type: object", "A CASE package is a JSON object with CFDocument, CFItems and CFAssociations.");
            return new CaseImportResult(null, [.. _fields.Problems]);
        }

        if (!root.TryGetProperty("CFDocument", out var documentElement) || documentElement.ValueKind != JsonValueKind.Object)
        {
            _fields.Problem("$.CFDocument", "required", "A CASE package needs a CFDocument object.");
        }

        var document = documentElement.ValueKind == JsonValueKind.Object ? ReadDocument(documentElement) : null;
        var items = CaseItemsReader.Read(_fields, root, document, _invalidNodes, ref _fromV1p0);
        var associations = CaseAssociationsReader.Read(_fields, root, document, items, ref _fromV1p0);
        if (document is null)
        {
            return new CaseImportResult(null, [.. _fields.Problems]); // no document, nothing to import into
        }

        if (_fromV1p0)
        {
            document = document with { Extra = CaseV1p0.Versioned(document.Extra) };
        }

        var definitions = root.TryGetProperty("CFDefinitions", out var d) && d.ValueKind == JsonValueKind.Object ? CaseV1p0.Definitions(d) : null;
        var framework = CaseFrameworkAssembler.Build(_fields, document, items, associations, definitions, _invalidNodes)
            with { Extra = CaseFieldReader.Extra(root, PackageMembers) };
        return mode == CaseImportMode.AllOrNothing && _fields.ProblemCount > 0
            ? new CaseImportResult(null, [.. _fields.Problems])
            : new CaseImportResult(framework, [.. _fields.Problems]);
    }

    // The CFDocument; null when it has a problem.
    private CaseDocument? ReadDocument(JsonElement element)
    {
        const string path = "$.CFDocument";
        var before = _fields.ProblemCount;
        var identifier = _fields.Uuid(element, "identifier", path);
        var uri = _fields.AbsoluteUri(element, "uri", path);
        var creator = _fields.Text(element, "creator", path, required: true);
        var title = _fields.Text(element, "title", path, required: true);
        var changed = _fields.Date(element, "lastChangeDateTime", path, out var spelling);
        return _fields.ProblemCount > before ? null : new CaseDocument(identifier!, uri!, creator!, title!, changed!.Value, CaseV1p0.Document(CaseFieldReader.Extra(element, DocumentMembers), identifier!, uri!, ref _fromV1p0))
        {
            LastChangeText = spelling,
        };
    }
}
