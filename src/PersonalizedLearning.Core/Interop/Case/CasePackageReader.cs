using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// Reads a 1EdTech CASE 1.1 (or 1.0) package (CFDocument, CFItems, CFAssociations, CFDefinitions) into a
/// <see cref="CaseFramework"/>, checking the fields the official schema requires and reporting every problem with its
/// JSON path and rule.
/// </summary>
/// <remarks>
/// <para><b>Required</b> (as the schema says): the document's identifier, uri, creator, title and lastChangeDateTime; each
/// item's identifier, fullStatement, uri and lastChangeDateTime; each association's identifier, associationType, uri,
/// originNodeURI and destinationNodeURI (each with identifier and uri) and lastChangeDateTime. Identifiers of the
/// document, items and associations are UUIDs, URIs are absolute, dates are ISO 8601 (UTC when no offset is given),
/// item identifiers and URIs are unique. A sequenceNumber is a whole number; a string of digits (as OpenSALT writes
/// it) is read as one.</para>
/// <para><b>Mapping.</b> An item becomes a competency (id = identifier, or the <c>extensions.personalizedLearningId</c>
/// this library writes for ids that are not UUIDs; title = fullStatement; code = humanCodingScheme; the URI).
/// <c>isChildOf</c> (origin the child, destination the parent; a destination that is the document makes a root) gives
/// the hierarchy, children ordered by sequenceNumber; <c>precedes</c> gives prerequisites; <c>isPeerOf</c>,
/// <c>isRelatedTo</c> and <c>exactMatchOf</c> give related links. Every association, of any type, to any node inside
/// or outside the package, is kept in <see cref="CaseFramework.Associations"/>. An association that would close a cycle,
/// relate a node to itself or repeat another is a problem.</para>
/// <para><b>CASE 1.0 and loose producers.</b> What is read is held in CASE 1.1's form, so that export writes a package
/// 1EdTech's CASE 1.1 CFPackage schema accepts with nothing lost: CASE 1.0's <c>educationalLevel</c> becomes
/// <c>educationLevel</c> (a list; a comma-separated string is split); the 1.0 links 1.1 dropped (<c>CFPackageURI</c>,
/// <c>CFDocumentURI</c>, <c>CFItemAssociationURI</c>) go when they point at the package's own document or item and move
/// into the node's <c>extensions</c> otherwise, and the document then says <c>caseVersion</c> "1.1". A member whose
/// value is null is read as absent (CASE's JSON binding has no null; OpenCASE and OpenSALT write them), except inside
/// <c>extensions</c>; in CFDefinitions a required text that is missing is empty and a lastChangeDateTime without a zone
/// gets the UTC offset it is read with. Every other member is kept as it was written, and each lastChangeDateTime the
/// library reads is written back as spelled while its value is unchanged (when the spelling is RFC 3339's, which the
/// 1.1 schema requires; one without a zone, read as UTC, is written with <c>+00:00</c>).</para>
/// <para><b>Hostile input.</b> The document is first scanned against <see cref="InteropLimits"/>; only
/// <see cref="ArgumentNullException"/>, <see cref="InteropLimitExceededException"/> and (for an undefined
/// <see cref="CaseImportMode"/>) <see cref="ArgumentOutOfRangeException"/> are thrown, anything else wrong (including
/// JSON syntax) is a problem in the result.</para>
/// <para><b>Lenient on what it does not read.</b> Members the library keeps without reading (abbreviatedStatement,
/// CFItemType, definitions, rubrics, extensions…) are not checked against the schema: a package that breaks a rule
/// there imports, and its export breaks the same rule. Export is valid CASE 1.1 for every package that is. A blank
/// fullStatement or document title is a problem (a competency needs a name), as is a relative URI (CASE's URIs are
/// network-resolvable), a prerequisite cycle or a link of an item to itself (the framework could not order them); the
/// CASE 1.1 schema itself allows these.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class CasePackageReader
{
    private static readonly HashSet<string> PackageMembers = ["CFDocument", "CFItems", "CFAssociations", "CFDefinitions"];
    private static readonly HashSet<string> NodeMembers = ["identifier", "uri", "title"];
    private static readonly HashSet<string> DocumentMembers = ["identifier", "uri", "creator", "title", "lastChangeDateTime"];
    private static readonly HashSet<string> ItemMembers = ["identifier", "uri", "fullStatement", "humanCodingScheme", "lastChangeDateTime"];
    private static readonly HashSet<string> AssociationMembers = ["identifier", "uri", "associationType", "originNodeURI", "destinationNodeURI", "sequenceNumber", "lastChangeDateTime"];

    /// <summary>Reads a package from JSON text.</summary>
    /// <param name="json">The package.</param>
    /// <param name="mode">Whether a problem means no framework, or only leaves out what it touches.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <returns>The framework (or null) and every problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="InteropLimitExceededException">The document breaks a limit.</exception>
    public static CaseImportResult Read(string json, CaseImportMode mode = CaseImportMode.AllOrNothing, InteropLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= InteropLimits.Default;
        return ImportTelemetry.Run(PersonalizedLearningTelemetry.ImportFormats.Case, () =>
        {
            if (json.Length > limits.MaxDocumentBytes)
            {
                throw new InteropLimitExceededException("document size", limits.MaxDocumentBytes, $"The document is longer than {limits.MaxDocumentBytes.ToString(CultureInfo.InvariantCulture)} bytes.");
            }

            return ReadUnobserved(Encoding.UTF8.GetBytes(json), mode, limits);
        }, Counts);
    }

    /// <summary>Reads a package from a stream of UTF-8 JSON, never holding more than the document limit in memory.</summary>
    /// <param name="stream">The package; read to its end.</param>
    /// <param name="mode">Whether a problem means no framework, or only leaves out what it touches.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading the stream.</param>
    /// <returns>The framework (or null) and every problem.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InteropLimitExceededException">The document breaks a limit (a stream longer than the document
    /// limit fails once that many bytes are read).</exception>
    public static async Task<CaseImportResult> ReadAsync(Stream stream, CaseImportMode mode = CaseImportMode.AllOrNothing, InteropLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= InteropLimits.Default;
        return await ImportTelemetry.RunAsync(
            PersonalizedLearningTelemetry.ImportFormats.Case,
            async () => ReadUnobserved(await limits.ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false), mode, limits),
            Counts).ConfigureAwait(false);
    }

    /// <summary>Reads a package from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The package.</param>
    /// <param name="mode">Whether a problem means no framework, or only leaves out what it touches.</param>
    /// <param name="limits">The limits; <see cref="InteropLimits.Default"/> when null.</param>
    /// <returns>The framework (or null) and every problem.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not defined.</exception>
    /// <exception cref="InteropLimitExceededException">The document breaks a limit.</exception>
    /// <remarks>Every read (<see cref="Read"/> and <see cref="ReadAsync"/> too) is traced as
    /// <see cref="PersonalizedLearningTelemetry.Spans.Import"/>, timed, and its competencies and problems counted when
    /// someone listens (<see cref="PersonalizedLearningTelemetry.ImportFormats.Case"/>).</remarks>
    public static CaseImportResult ReadUtf8(ReadOnlyMemory<byte> utf8Json, CaseImportMode mode = CaseImportMode.AllOrNothing, InteropLimits? limits = null)
        => ImportTelemetry.Run(PersonalizedLearningTelemetry.ImportFormats.Case, () => ReadUnobserved(utf8Json, mode, limits), Counts);

    // What an import's span and counters count: the competencies read and the problems.
    private static (int Items, int Problems, IReadOnlyList<Xapi.XapiRejection>? Rejections) Counts(CaseImportResult result)
        => (result.Framework?.Framework.Competencies.Length ?? 0, result.Problems.Length, null);

    private static CaseImportResult ReadUnobserved(ReadOnlyMemory<byte> utf8Json, CaseImportMode mode, InteropLimits? limits)
    {
        limits ??= InteropLimits.Default;
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Undefined import mode ({(int)mode}).");
        }

        if (limits.Scan(utf8Json.Span) is { } syntax)
        {
            return new CaseImportResult(null, [syntax]);
        }

        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 });
        return new Reading(mode).Run(document.RootElement);
    }

    private sealed class Reading(CaseImportMode mode)
    {
        private readonly List<InteropProblem> _problems = [];
        private bool _fromV1p0; // whether a CASE 1.0 member was read into its 1.1 form

        public CaseImportResult Run(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("$", "type: object", "A CASE package is a JSON object with CFDocument, CFItems and CFAssociations.");
            }

            if (!root.TryGetProperty("CFDocument", out var documentElement) || documentElement.ValueKind != JsonValueKind.Object)
            {
                Problem("$.CFDocument", "required", "A CASE package needs a CFDocument object.");
            }

            var document = documentElement.ValueKind == JsonValueKind.Object ? ReadDocument(documentElement) : null;
            var items = ReadItems(root, document);
            var associations = ReadAssociations(root, document, items);
            if (document is null)
            {
                return new CaseImportResult(null, [.. _problems]); // no document, nothing to import into
            }

            if (_fromV1p0)
            {
                document = document with { Extra = CaseV1p0.Versioned(document.Extra) };
            }

            var definitions = root.TryGetProperty("CFDefinitions", out var d) && d.ValueKind == JsonValueKind.Object ? CaseV1p0.Definitions(d) : null;
            var framework = Build(document, items, associations, definitions) with { Extra = Extra(root, PackageMembers) };
            return mode == CaseImportMode.AllOrNothing && _problems.Count > 0
                ? new CaseImportResult(null, [.. _problems])
                : new CaseImportResult(framework, [.. _problems]);
        }

        private CaseImportResult Fail(string path, string rule, string message)
        {
            Problem(path, rule, message);
            return new CaseImportResult(null, [.. _problems]);
        }

        private void Problem(string path, string rule, string message) => _problems.Add(new InteropProblem(path, rule, message));

        private CaseDocument? ReadDocument(JsonElement element)
        {
            const string path = "$.CFDocument";
            var before = _problems.Count;
            var identifier = Uuid(element, "identifier", path);
            var uri = AbsoluteUri(element, "uri", path);
            var creator = Text(element, "creator", path, required: true);
            var title = Text(element, "title", path, required: true);
            var changed = Date(element, "lastChangeDateTime", path, out var spelling);
            return _problems.Count > before ? null : new CaseDocument(identifier!, uri!, creator!, title!, changed!.Value, CaseV1p0.Document(Extra(element, DocumentMembers), identifier!, uri!, ref _fromV1p0))
            {
                LastChangeText = spelling,
            };
        }

        private List<(Competency Competency, CaseItemInfo Info, string Path)> ReadItems(JsonElement root, CaseDocument? document)
        {
            var items = new List<(Competency, CaseItemInfo, string)>();
            if (!Array(root, "CFItems", out var array))
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
                    Problem(path, "type: object", "An item must be an object.");
                    continue;
                }

                var before = _problems.Count;
                var identifier = Uuid(element, "identifier", path);
                var uri = AbsoluteUri(element, "uri", path);
                var statement = Text(element, "fullStatement", path, required: true);
                var code = Text(element, "humanCodingScheme", path, required: false);
                var changed = Date(element, "lastChangeDateTime", path, out var spelling);
                var id = identifier;
                if (element.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                    && extensions.TryGetProperty("personalizedLearningId", out var own))
                {
                    id = own.ValueKind == JsonValueKind.String && Identifier.Check(own.GetString(), "competency id") is null ? own.GetString() : null;
                    if (id is null)
                    {
                        Problem($"{path}.extensions.personalizedLearningId", "format: id", $"The personalizedLearningId extension must be a competency id: {Identifier.Check(own.ValueKind == JsonValueKind.String ? own.GetString() : null, "competency id")}");
                    }
                }

                if (identifier is not null && !identifiers.Add(identifier))
                {
                    Problem($"{path}.identifier", "unique", document is not null && string.Equals(identifier, document.Identifier, StringComparison.OrdinalIgnoreCase)
                        ? $"Item identifier '{identifier}' is the CFDocument's."
                        : $"Item identifier '{identifier}' is used by an earlier item (UUIDs ignore case).");
                }

                if (uri is not null && !uris.Add(uri))
                {
                    Problem($"{path}.uri", "unique", $"Item URI '{uri}' is used by an earlier item.");
                }

                if (id is not null && !ids.Add(new CompetencyId(id)) && id != identifier)
                {
                    Problem($"{path}.extensions.personalizedLearningId", "unique", $"Competency id '{id}' is used by an earlier item.");
                }

                if (_problems.Count > before)
                {
                    if (identifier is not null)
                    {
                        _invalidNodes.Add(identifier);
                    }

                    continue;
                }

                var competency = new Competency(id!, statement!, code, uri: uri);
                var extra = Extra(element, ItemMembers);
                if (document is not null)
                {
                    extra = CaseV1p0.Item(extra, identifier!, uri!, document.Identifier, document.Uri, ref _fromV1p0);
                }

                items.Add((competency, new CaseItemInfo(competency.Id, identifier!, changed!.Value, extra) { LastChangeText = spelling }, path));
            }

            return items;
        }

        private readonly HashSet<string> _invalidNodes = new(StringComparer.OrdinalIgnoreCase); // as CaseNodeIndex names nodes

        private List<(CaseAssociation Association, string Path)> ReadAssociations(JsonElement root, CaseDocument? document, List<(Competency Competency, CaseItemInfo Info, string Path)> items)
        {
            var associations = new List<(CaseAssociation, string)>();
            if (!Array(root, "CFAssociations", out var array))
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
                    Problem(path, "type: object", "An association must be an object.");
                    continue;
                }

                var before = _problems.Count;
                var identifier = Uuid(element, "identifier", path);
                var uri = AbsoluteUri(element, "uri", path);
                var type = Text(element, "associationType", path, required: true);
                var origin = Node(element, "originNodeURI", path);
                var destination = Node(element, "destinationNodeURI", path);
                var changed = Date(element, "lastChangeDateTime", path, out var spelling);
                int? sequence = null;
                if (element.TryGetProperty("sequenceNumber", out var number) && number.ValueKind != JsonValueKind.Null)
                {
                    if (number.ValueKind == JsonValueKind.Number && number.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
                    {
                        sequence = (int)d; // JSON Schema's integer is a value: 2.0 and 1e2 are integers
                    }
                    else if (number.ValueKind == JsonValueKind.String && int.TryParse(number.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        sequence = n; // OpenSALT writes sequence numbers as strings of digits
                    }
                    else
                    {
                        Problem($"{path}.sequenceNumber", "type: integer", $"sequenceNumber must be a whole number from -2147483648 to 2147483647; got {number.GetRawText()}.");
                    }
                }

                if (identifier is not null && !identifiers.Add(identifier))
                {
                    Problem($"{path}.identifier", "unique", $"Association identifier '{identifier}' is used by an earlier association (UUIDs ignore case).");
                }
                else if (identifier is not null && nodes.Contains(identifier))
                {
                    Problem($"{path}.identifier", "unique", $"Association identifier '{identifier}' is the CFDocument's or an item's.");
                }

                if (_problems.Count == before)
                {
                    var extra = Extra(element, AssociationMembers);
                    if (document is not null)
                    {
                        extra = CaseV1p0.Association(extra, document.Identifier, document.Uri, ref _fromV1p0);
                    }

                    associations.Add((new CaseAssociation(identifier!, uri!, type!, origin!, destination!, sequence, changed!.Value, extra) { LastChangeText = spelling }, path));
                }
            }

            return associations;
        }

        private CaseFramework Build(CaseDocument document, List<(Competency Competency, CaseItemInfo Info, string Path)> items, List<(CaseAssociation Association, string Path)> associations, string? definitions)
        {
            if (items.Count == 0)
            {
                // The builder refuses a framework with no competencies (ValidationRule.Empty); the reader says the same. A
                // document alone is valid CASE (a framework still being drafted), so ImportValid still gives it back, empty,
                // for export; AllOrNothing gives no framework.
                Problem("$.CFItems", "empty", $"CFDocument '{document.Identifier}' ('{document.Title}') has no CFItems{(_problems.Count > 0 ? " that could be imported" : string.Empty)}: the framework would have no competencies, so nothing could be recorded, assessed or recommended. Publish the framework with its items, or check that the package was exported whole.");
            }

            var nodes = new CaseNodeIndex();
            for (var i = 0; i < items.Count; i++)
            {
                nodes.Add(items[i].Info.Identifier, items[i].Competency.Uri!, i);
            }

            var kept = ImmutableArray.CreateBuilder<CaseAssociation>();
            var hierarchy = new List<(int Parent, int Child, int Sequence, int Order)>();
            var prerequisites = new List<(int, int)>();
            var related = new HashSet<(int, int)>();
            var relatedOrder = new List<(int, int)>();
            var graphs = new[] { new Graph(items.Count), new Graph(items.Count) };
            var seen = new HashSet<(int, int, int)>();
            var documentChildren = new List<(int Item, int Sequence, int Order)>();
            foreach (var (association, path) in associations)
            {
                var origin = Resolve(association.Origin);
                var destination = Resolve(association.Destination);
                if (origin == Invalid || destination == Invalid)
                {
                    Problem(path, "reference", $"Association '{association.Identifier}' links an item that has problems; it is left out with it.");
                    continue;
                }

                var kind = association.AssociationType switch
                {
                    CaseAssociationTypes.IsChildOf => 0,
                    CaseAssociationTypes.Precedes => 1,
                    CaseAssociationTypes.IsPeerOf or CaseAssociationTypes.IsRelatedTo or CaseAssociationTypes.ExactMatchOf => 2,
                    _ => -1,
                };
                if (kind == 0 && origin >= 0 && destination == -1 && CaseNodeIndex.Names(association.Destination, document.Identifier, document.Uri))
                {
                    documentChildren.Add((origin, association.SequenceNumber ?? int.MaxValue, documentChildren.Count));
                }

                if (kind >= 0 && origin >= 0 && destination >= 0)
                {
                    if (origin == destination)
                    {
                        Problem(path, "self", $"Association '{association.Identifier}' ({association.AssociationType}) links item '{association.Origin.Identifier}' to itself.");
                        continue;
                    }

                    var key = kind == 2 ? (kind, Math.Min(origin, destination), Math.Max(origin, destination)) : (kind, origin, destination);
                    if (!seen.Add(key))
                    {
                        // Another association of the same type between the same items, under its own identifier: CASE
                        // allows it (only a repeated identifier is a duplicate). It is kept, so that export writes it
                        // back; the framework has its edge already.
                    }
                    else if (kind < 2)
                    {
                        // Edges point from prerequisite to dependent and from parent to child; one that reaches back closes a cycle.
                        var (from, to) = kind == 0 ? (destination, origin) : (origin, destination);
                        if (graphs[kind].Reaches(to, from))
                        {
                            seen.Remove(key);
                            Problem(path, "cycle", $"Association '{association.Identifier}' ({association.AssociationType}) would close a {(kind == 0 ? "hierarchy" : "prerequisite")} cycle.");
                            continue;
                        }

                        graphs[kind].Add(from, to);
                        if (kind == 0)
                        {
                            hierarchy.Add((destination, origin, association.SequenceNumber ?? int.MaxValue, hierarchy.Count));
                        }
                        else
                        {
                            prerequisites.Add((origin, destination));
                        }
                    }
                    else if (related.Add(key.Item2 < key.Item3 ? (key.Item2, key.Item3) : (key.Item3, key.Item2)))
                    {
                        relatedOrder.Add((origin, destination));
                    }
                }

                kept.Add(association);
            }

            var builder = new CompetencyFrameworkBuilder(document.Title);
            foreach (var item in items)
            {
                builder.Add(item.Competency);
            }

            foreach (var (parent, child, _, _) in hierarchy.OrderBy(h => h.Parent).ThenBy(h => h.Sequence).ThenBy(h => h.Order))
            {
                builder.AddChild(items[parent].Competency.Id, items[child].Competency.Id);
            }

            builder.OrderRoots(documentChildren.OrderBy(c => c.Sequence).ThenBy(c => c.Order).Select(c => items[c.Item].Competency.Id));
            foreach (var (from, to) in prerequisites)
            {
                builder.AddPrerequisite(items[from].Competency.Id, items[to].Competency.Id);
            }

            foreach (var (a, b) in relatedOrder)
            {
                builder.AddRelated(items[a].Competency.Id, items[b].Competency.Id);
            }

            CompetencyFramework framework;
            try
            {
                framework = builder.BuildAllowingEmpty(); // an empty one is reported above
            }
            catch (DefinitionValidationException e)
            {
                foreach (var problem in e.Problems)
                {
                    Problem("$", problem.Rule.ToString(), problem.Message);
                }

                framework = new CompetencyFrameworkBuilder(document.Title).BuildAllowingEmpty();
                return new CaseFramework(framework, document, [], [], definitions);
            }

            return new CaseFramework(framework, document, [.. items.Select(i => i.Info)], kept.DrainToImmutable(), definitions);

            // An item's index; -1 for a node outside the package (or the document); Invalid for an item with problems.
            int Resolve(CaseNodeLink node) =>
                nodes.TryResolve(node, out var i) ? i
                : _invalidNodes.Contains(node.Identifier) ? Invalid : -1;
        }

        private const int Invalid = -2;

        private bool Array(JsonElement root, string name, out JsonElement array)
        {
            if (!root.TryGetProperty(name, out array) || array.ValueKind == JsonValueKind.Null)
            {
                return false;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Problem($"$.{name}", "type: array", $"{name} must be an array.");
                return false;
            }

            return true;
        }

        private string? Text(JsonElement element, string name, string path, bool required)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Problem($"{path}.{name}", "required", $"{name} is required.");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Problem($"{path}.{name}", "type: string", $"{name} must be a string; got {value.ValueKind}.");
                return null;
            }

            var text = value.GetString()!;
            if (required && string.IsNullOrWhiteSpace(text))
            {
                Problem($"{path}.{name}", "required", $"{name} is required and must not be blank.");
                return null;
            }

            return text;
        }

        private string? Uuid(JsonElement element, string name, string path)
        {
            var text = Text(element, name, path, required: true);
            if (text is not null && !NameBasedUuid.IsCanonical(text))
            {
                Problem($"{path}.{name}", "format: uuid", $"{name} must be a UUID such as 'a6f4c2e0-0000-4000-8000-000000000000'; got '{text}'.");
                return null;
            }

            return text;
        }

        // The same URI text comes back often (an item's URI, then in every association that links it): parse it once.
        private readonly Dictionary<string, Uri?> _uris = new(StringComparer.Ordinal);

        private Uri? AbsoluteUri(JsonElement element, string name, string path)
        {
            var text = Text(element, name, path, required: true);
            if (text is null)
            {
                return null;
            }

            if (!_uris.TryGetValue(text, out var uri))
            {
                // (Iri's rule, not Uri.TryCreate alone, which takes "/path" for an absolute file URI on Linux and macOS.)
                _uris[text] = uri = Iri.TryCreate(text, out var parsed) ? parsed : null;
            }

            if (uri is null)
            {
                Problem($"{path}.{name}", "format: uri", $"{name} must be an absolute URI; got '{text}'.");
                return null;
            }

            return uri;
        }

        // The date-time, and its text when export can write it back as it was: in RFC 3339's profile, which CASE 1.1's
        // JSON Schema requires (a date-time without a zone, read as UTC, is written with one).
        private DateTimeOffset? Date(JsonElement element, string name, string path, out string? spelling)
        {
            spelling = null;
            var text = Text(element, name, path, required: true);
            if (text is null)
            {
                return null;
            }

            // XML Schema's dateTime, as CASE 1.1 defines it: the time zone is optional (read as UTC when absent), and
            // nothing but ISO 8601's extended format is read (the same strict reading as xAPI's, see Iso8601).
            if (!Iso8601.TryParseDateTime(text, requireZone: false, out var date, out var why, unknownOffsetIsUtc: true))
            {
                Problem($"{path}.{name}", "format: date-time", $"{name} must be an ISO 8601 date and time such as '2017-05-25T18:05:33Z'; got '{text}': {why}.");
                return null;
            }

            spelling = Iso8601.HasRfc3339Form(text) ? text : null; // (read above: only its form is left to check)
            return date; // with the offset it was written with, which export writes back
        }

        private CaseNodeLink? Node(JsonElement element, string name, string path)
        {
            if (!element.TryGetProperty(name, out var node) || node.ValueKind != JsonValueKind.Object)
            {
                Problem($"{path}.{name}", "required", $"{name} is required: an object with identifier, uri and title.");
                return null;
            }

            var before = _problems.Count;
            var identifier = Text(node, "identifier", $"{path}.{name}", required: true);
            var uri = AbsoluteUri(node, "uri", $"{path}.{name}");
            var title = Text(node, "title", $"{path}.{name}", required: false);
            return _problems.Count > before ? null : new CaseNodeLink(identifier!, uri!, title) { Extra = Extra(node, NodeMembers) };
        }

        private static ImmutableSortedDictionary<string, string> Extra(JsonElement element, HashSet<string> known)
        {
            var extra = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
                {
                    // (A null member is an absent one: CASE's JSON binding has no null.)
                    extra[property.Name] = property.Name == "extensions" ? property.Value.GetRawText() : CaseV1p0.WithoutNulls(property.Value);
                }
            }

            return extra.ToImmutable();
        }
    }

    // A growing directed graph with a reachability test, for refusing an edge that would close a cycle. Each test
    // stamps the nodes it visits with its own number, so no set is allocated or cleared per test.
    private sealed class Graph(int count)
    {
        private readonly List<int>?[] _out = new List<int>?[count];
        private readonly int[] _visited = new int[count];
        private readonly Stack<int> _stack = new();
        private int _stamp;

        public void Add(int from, int to) => (_out[from] ??= []).Add(to);

        public bool Reaches(int from, int to)
        {
            if (from == to)
            {
                return true;
            }

            var stamp = ++_stamp;
            _visited[from] = stamp;
            _stack.Clear();
            _stack.Push(from);
            while (_stack.TryPop(out var node))
            {
                if (_out[node] is not { } next)
                {
                    continue;
                }

                foreach (var n in next)
                {
                    if (n == to)
                    {
                        return true;
                    }

                    if (_visited[n] != stamp)
                    {
                        _visited[n] = stamp;
                        _stack.Push(n);
                    }
                }
            }

            return false;
        }
    }
}
