using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// Reads a CASE 1.0 package's members into their CASE 1.1 form, so that what is read is written back as a valid 1.1
/// package (1EdTech's CFPackage schema forbids the 1.0 members) with nothing lost.
/// </summary>
/// <remarks>
/// <para>CASE 1.1 renamed one member and dropped the links that only point back at the package's own endpoints
/// (CASE 1.1 §4; the 1.1 CFPackage schema's CFPckgDocument, CFPckgItem and CFPckgAssociation):</para>
/// <list type="bullet">
/// <item><c>CFItem.educationalLevel</c> becomes <c>educationLevel</c>, a list of strings; a single string (as OpenSALT's
/// 1.0 export writes the set, comma-separated) is split at its commas.</item>
/// <item><c>CFDocument.CFPackageURI</c>, <c>CFItem.CFDocumentURI</c>, <c>CFAssociation.CFDocumentURI</c> (links to the
/// package's own document) and <c>CFItem.CFItemAssociationURI</c> (the item's associations endpoint) are derived from
/// the package, and dropped when they name it: a LinkURI whose identifier is the node's, or a URI that is the node's URI
/// or starts with it. One that names something else is moved into the node's <c>extensions</c> under its own name, so
/// that nothing is lost.</item>
/// </list>
/// <para>A package in which any of this happened is CASE 1.1 afterwards, and its document says so
/// (<c>caseVersion</c> "1.1"), unless it already names a version.</para>
/// </remarks>
internal static class CaseV1p0
{
    public const string CaseVersion = "caseVersion";

    /// <summary>The 1.1 form of a document's other members.</summary>
    public static ImmutableSortedDictionary<string, string> Document(ImmutableSortedDictionary<string, string> extra, string identifier, Uri uri, ref bool translated) =>
        Derived(extra, "CFPackageURI", identifier, uri, ref translated);

    /// <summary>The 1.1 form of an item's other members.</summary>
    public static ImmutableSortedDictionary<string, string> Item(ImmutableSortedDictionary<string, string> extra, string identifier, Uri uri, string documentIdentifier, Uri documentUri, ref bool translated)
    {
        extra = Derived(extra, "CFDocumentURI", documentIdentifier, documentUri, ref translated);
        extra = Derived(extra, "CFItemAssociationURI", identifier, uri, ref translated);
        if (!extra.TryGetValue("educationalLevel", out var level))
        {
            return extra;
        }

        translated = true;
        extra = extra.Remove("educationalLevel");
        var levels = EducationLevel(level);
        if (levels is null || (extra.TryGetValue("educationLevel", out var existing) && existing != levels))
        {
            return Moved(extra, "educationalLevel", level); // not a list of strings, or another value beside it
        }

        return extra.SetItem("educationLevel", levels);
    }

    /// <summary>The 1.1 form of an association's other members.</summary>
    public static ImmutableSortedDictionary<string, string> Association(ImmutableSortedDictionary<string, string> extra, string documentIdentifier, Uri documentUri, ref bool translated) =>
        Derived(extra, "CFDocumentURI", documentIdentifier, documentUri, ref translated);

    /// <summary>The document's members once the package was translated: it says it is CASE 1.1.</summary>
    public static ImmutableSortedDictionary<string, string> Versioned(ImmutableSortedDictionary<string, string> extra) =>
        extra.ContainsKey(CaseVersion) ? extra : extra.Add(CaseVersion, "\"1.1\"");

    /// <summary>A member's value in its 1.1 form: with every null member left out of it (CASE's JSON binding has no
    /// null: an absent value is an absent member, and 1.1's schema refuses null; OpenCASE and OpenSALT write them),
    /// except inside <c>extensions</c>, which belong to their producer. The raw text when there is no null in it.</summary>
    public static string WithoutNulls(JsonElement value)
    {
        if (!HasNull(value))
        {
            return value.GetRawText();
        }

        var node = JsonNode.Parse(value.GetRawText())!;
        RemoveNulls(node);
        return InteropJson.Write(indented: false, w => node.WriteTo(w));
    }

    private static bool HasNull(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Array => value.EnumerateArray().Any(HasNull),
        JsonValueKind.Object => value.EnumerateObject().Any(p => p.Name != "extensions" && HasNull(p.Value)),
        _ => false,
    };

    private static void RemoveNulls(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (name, value) in o.ToList())
            {
                if (value is null)
                {
                    o.Remove(name);
                }
                else if (name != "extensions")
                {
                    RemoveNulls(value);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a.ToList())
            {
                if (item is null)
                {
                    a.Remove(item);
                }
                else
                {
                    RemoveNulls(item);
                }
            }
        }
    }

    // The text members CASE 1.1 requires of each kind of definition (its CFPackage schema's CFItemType, CFSubject…).
    private static readonly Dictionary<string, string[]> RequiredText = new(StringComparer.Ordinal)
    {
        ["CFItemTypes"] = ["title", "description", "hierarchyCode"],
        ["CFSubjects"] = ["title", "hierarchyCode"],
        ["CFConcepts"] = ["title", "hierarchyCode"],
        ["CFLicenses"] = ["title", "licenseText"],
        ["CFAssociationGroupings"] = ["title"],
    };

    /// <summary>The 1.1 form of the CFDefinitions object: without nulls (<see cref="WithoutNulls"/>), a required text
    /// that is missing is empty (OpenSALT's 1.0 exports leave a CFItemType's description out or null; 1.1 requires
    /// one), and a lastChangeDateTime without a time zone is written with the UTC offset it is read with.</summary>
    public static string Definitions(JsonElement value)
    {
        var json = WithoutNulls(value);
        if (JsonNode.Parse(json) is not JsonObject definitions)
        {
            return json;
        }

        var changed = false;
        foreach (var (kind, list) in definitions)
        {
            if (list is not JsonArray array)
            {
                continue;
            }

            var required = RequiredText.GetValueOrDefault(kind, []);
            foreach (var definition in array.OfType<JsonObject>())
            {
                foreach (var name in required.Where(r => !definition.ContainsKey(r)))
                {
                    changed = true;
                    definition[name] = "";
                }

                if (definition["lastChangeDateTime"] is JsonValue stamp && stamp.GetValueKind() == JsonValueKind.String && (string)stamp! is var text
                    && !Iso8601.IsRfc3339(text) && Iso8601.TryParseDateTime(text, requireZone: false, out var date, out _, unknownOffsetIsUtc: true))
                {
                    changed = true;
                    definition["lastChangeDateTime"] = InteropJson.Timestamp(date);
                }
            }
        }

        return changed ? InteropJson.Write(indented: false, w => definitions.WriteTo(w)) : json;
    }

    private static ImmutableSortedDictionary<string, string> Derived(ImmutableSortedDictionary<string, string> extra, string name, string identifier, Uri uri, ref bool translated)
    {
        if (!extra.TryGetValue(name, out var json))
        {
            return extra;
        }

        translated = true;
        extra = extra.Remove(name);
        return Names(json, identifier, uri) ? extra : Moved(extra, name, json);
    }

    private static bool Names(string json, string identifier, Uri uri)
    {
        using var link = JsonDocument.Parse(json);
        var root = link.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            return root.TryGetProperty("identifier", out var id) && id.ValueKind == JsonValueKind.String && string.Equals(id.GetString(), identifier, StringComparison.OrdinalIgnoreCase);
        }

        return root.ValueKind == JsonValueKind.String && root.GetString() is { } text && text.StartsWith(uri.OriginalString, StringComparison.Ordinal);
    }

    // Into the node's extensions under its own name; left where it was when extensions is not an object or has the name.
    private static ImmutableSortedDictionary<string, string> Moved(ImmutableSortedDictionary<string, string> extra, string name, string json)
    {
        var extensions = extra.TryGetValue("extensions", out var e) ? JsonNode.Parse(e) : new JsonObject();
        if (extensions is not JsonObject o || o.ContainsKey(name))
        {
            return extra.SetItem(name, json);
        }

        o[name] = JsonNode.Parse(json);
        return extra.SetItem("extensions", InteropJson.Write(indented: false, w => o.WriteTo(w)));
    }

    private static string? EducationLevel(string json)
    {
        using var level = JsonDocument.Parse(json);
        var root = level.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array when root.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => json,
            JsonValueKind.String => InteropJson.Write(indented: false, writer =>
            {
                writer.WriteStartArray();
                foreach (var part in root.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    writer.WriteStringValue(part);
                }

                writer.WriteEndArray();
            }),
            _ => null,
        };
    }
}
