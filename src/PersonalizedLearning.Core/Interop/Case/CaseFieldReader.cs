using System.Collections.Immutable;
using System.Text.Json;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// Reads one member of a CASE object by the rule the CASE 1.1 schema (or this library) gives it, and keeps every
/// problem found, with its JSON path and rule, in reading order. One per package read; not thread-safe.
/// </summary>
internal sealed class CaseFieldReader
{
    private static readonly HashSet<string> NodeMembers = ["identifier", "uri", "title"];

    private readonly List<InteropProblem> _problems = [];

    // The same URI text comes back often (an item's URI, then in every association that links it): parse it once.
    private readonly Dictionary<string, Uri?> _uris = new(StringComparer.Ordinal);

    /// <summary>The problems found so far, in the order they were found.</summary>
    public IReadOnlyList<InteropProblem> Problems => _problems;

    /// <summary>How many problems were found so far; a reader compares it before and after reading an object.</summary>
    public int ProblemCount => _problems.Count;

    public void Problem(string path, string rule, string message) => _problems.Add(new InteropProblem(path, rule, message));

    /// <summary>The members of <paramref name="element"/> the library keeps without reading (all but
    /// <paramref name="known"/>), as JSON text; a null member is an absent one.</summary>
    public static ImmutableSortedDictionary<string, string> Extra(JsonElement element, HashSet<string> known)
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

    /// <summary>Whether the package has the array <paramref name="name"/>; absent or null is no array and no problem.</summary>
    public bool Array(JsonElement root, string name, out JsonElement array)
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

    public string? Text(JsonElement element, string name, string path, bool required)
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

    public string? Uuid(JsonElement element, string name, string path)
    {
        var text = Text(element, name, path, required: true);
        if (text is not null && !NameBasedUuid.IsCanonical(text))
        {
            Problem($"{path}.{name}", "format: uuid", $"{name} must be a UUID such as 'a6f4c2e0-0000-4000-8000-000000000000'; got '{text}'.");
            return null;
        }

        return text;
    }

    public Uri? AbsoluteUri(JsonElement element, string name, string path)
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
    public DateTimeOffset? Date(JsonElement element, string name, string path, out string? spelling)
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

    /// <summary>An association's origin or destination: an object with identifier, uri and (optionally) title.</summary>
    public CaseNodeLink? Node(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var node) || node.ValueKind != JsonValueKind.Object)
        {
            Problem($"{path}.{name}", "required", $"{name} is required: an object with identifier, uri and title.");
            return null;
        }

        var before = ProblemCount;
        var identifier = Text(node, "identifier", $"{path}.{name}", required: true);
        var uri = AbsoluteUri(node, "uri", $"{path}.{name}");
        var title = Text(node, "title", $"{path}.{name}", required: false);
        return ProblemCount > before ? null : new CaseNodeLink(identifier!, uri!, title) { Extra = Extra(node, NodeMembers) };
    }
}
