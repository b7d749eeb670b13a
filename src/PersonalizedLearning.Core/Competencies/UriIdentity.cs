namespace PersonalizedLearning.Competencies;

/// <summary>
/// URIs compared as the identifiers the standards define them to be: by their text, ordinal. <see cref="Uri"/>'s own
/// equality ignores the fragment (<c>…/framework#item-a</c> equals <c>…#item-b</c>), which made two CASE items whose URIs
/// differ only there "not unique" and let a lookup by one find the other.
/// </summary>
/// <remarks>Thread-safe; one shared instance.</remarks>
internal sealed class UriIdentity : IEqualityComparer<Uri>
{
    public static readonly UriIdentity Default = new();

    private UriIdentity()
    {
    }

    public bool Equals(Uri? x, Uri? y) => string.Equals(x?.OriginalString, y?.OriginalString, StringComparison.Ordinal);

    public int GetHashCode(Uri obj) => StringComparer.Ordinal.GetHashCode(obj.OriginalString);
}
