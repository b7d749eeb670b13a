using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// How a CFAssociation's node link names an item, shared by the reader and the writer so that what imports cleanly
/// exports to the same associations: by its identifier (a UUID, whose letters' case does not matter, RFC 4122 §3), or
/// failing that by its URI (compared as text, fragment included). The first item with an identifier or URI keeps it.
/// </summary>
internal sealed class CaseNodeIndex
{
    private readonly Dictionary<string, int> _byIdentifier = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Uri, int> _byUri = new(UriIdentity.Default);

    public void Add(string identifier, Uri uri, int index)
    {
        _byIdentifier.TryAdd(identifier, index);
        _byUri.TryAdd(uri, index);
    }

    public bool TryResolve(CaseNodeLink link, out int index) =>
        _byIdentifier.TryGetValue(link.Identifier, out index) || _byUri.TryGetValue(link.Uri, out index);

    /// <summary>Whether a link names the node with this identifier and URI, by the same rule.</summary>
    public static bool Names(CaseNodeLink link, string identifier, Uri uri) =>
        string.Equals(link.Identifier, identifier, StringComparison.OrdinalIgnoreCase) || UriIdentity.Default.Equals(link.Uri, uri);
}
