namespace PersonalizedLearning.Records;

/// <summary>
/// A store's database was written by a newer version of its package (its schema version is higher than this package
/// knows), so this package refuses to read or write it rather than risk misreading it. Update the package, or point it
/// at another database.
/// </summary>
public sealed class EvidenceStoreSchemaException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">The store, such as <c>SQLite evidence store</c>.</param>
    /// <param name="found">The schema version found in the database.</param>
    /// <param name="supported">The newest schema version this package knows.</param>
    public EvidenceStoreSchemaException(string store, int found, int supported)
        : base($"The {store}'s database has schema version {found}, newer than the {supported} this package knows: it was written by a newer version of the package. Nothing was changed; update the package, or use another database.")
    {
        Found = found;
        Supported = supported;
    }

    /// <summary>The schema version found in the database.</summary>
    public int Found { get; }

    /// <summary>The newest schema version this package knows.</summary>
    public int Supported { get; }
}
