using System.Collections.Immutable;

namespace PersonalizedLearning.Competencies;

/// <summary>
/// Something a learner can come to know or be able to do: a standard, a skill, a learning target.
/// </summary>
/// <remarks>
/// Equality is by value, including the tags in order. Immutable and thread-safe.
/// </remarks>
public sealed record Competency
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a competency.</summary>
    /// <param name="id">Its identifier, unique within a framework.</param>
    /// <param name="title">A short, human-readable name; not blank, and no control character but white space (U+0009-U+000D,
    /// U+0085: a CASE item's statement, which becomes the title, may run over several lines and hold form feeds).</param>
    /// <param name="code">An optional human coding scheme, such as <c>3.NF.A.1</c>.</param>
    /// <param name="description">An optional longer statement of the competency.</param>
    /// <param name="tags">Optional free-form tags; a default array is treated as empty.</param>
    /// <param name="uri">An optional absolute URI that names it everywhere, such as its CASE item URI.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the empty identifier, <paramref name="title"/> is blank
    /// or holds a control character that is not white space (the message names it and its position), a tag is blank, or
    /// <paramref name="uri"/> is not absolute.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public Competency(CompetencyId id, string title, string? code = null, string? description = null, ImmutableArray<string> tags = default, Uri? uri = null)
    {
        var problem = Check(id, title, tags) ?? (uri is { IsAbsoluteUri: false } ? $"Competency '{id}' has a relative URI '{uri}'; it must be absolute." : null);
        if (problem is not null)
        {
            ArgumentNullException.ThrowIfNull(title);
            throw new ArgumentException(problem, id.IsEmpty ? nameof(id) : string.IsNullOrWhiteSpace(title) || DisplayText.RefusedControl(title) >= 0 ? nameof(title) : uri is { IsAbsoluteUri: false } ? nameof(uri) : nameof(tags));
        }

        Id = id;
        Title = title;
        Code = code;
        Description = description;
        Tags = tags.OrEmpty();
        Uri = uri;
    }

    /// <summary>The absolute URI that names it everywhere, such as its CASE item URI.</summary>
    /// <value>Null when it has none.</value>
    public Uri? Uri { get; }

    /// <summary>The competency's identifier.</summary>
    public CompetencyId Id { get; }

    /// <summary>A short, human-readable name.</summary>
    public string Title { get; }

    /// <summary>The human coding scheme, such as <c>3.NF.A.1</c>.</summary>
    /// <value>Null when the competency has no code.</value>
    public string? Code { get; }

    /// <summary>A longer statement of the competency.</summary>
    /// <value>Null when there is none.</value>
    public string? Description { get; }

    /// <summary>Free-form tags, in the order given.</summary>
    /// <value>Never default; empty when there are none.</value>
    public ImmutableArray<string> Tags { get; }

    /// <inheritdoc />
    public bool Equals(Competency? other) =>
        other is not null
        && Id == other.Id
        && Title == other.Title
        && Code == other.Code
        && Description == other.Description
        && SequenceEquality.Equal(Tags, other.Tags)
        && UriIdentity.Default.Equals(Uri, other.Uri);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Title, Code, Description, SequenceEquality.Hash(Tags), Uri);

    /// <summary>Returns null when the fields are valid, otherwise the first rule they break.</summary>
    internal static string? Check(CompetencyId id, string? title, ImmutableArray<string> tags)
    {
        if (id.IsEmpty)
        {
            return "A competency needs a non-empty id; got the default (empty) id.";
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return $"Competency '{id}' needs a title that is not blank; got '{title}'.";
        }

        if (DisplayText.Check(title, $"Competency '{id}''s title") is { } control)
        {
            return control;
        }

        if (!tags.IsDefault && tags.Any(string.IsNullOrWhiteSpace))
        {
            return $"Competency '{id}' has a blank tag; remove it or give it text.";
        }

        return null;
    }
}
