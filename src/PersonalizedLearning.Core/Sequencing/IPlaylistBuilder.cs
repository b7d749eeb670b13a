namespace PersonalizedLearning.Sequencing;

/// <summary>Builds and re-plans playlists.</summary>
/// <remarks>Implementations must be deterministic and thread-safe.</remarks>
public interface IPlaylistBuilder
{
    /// <summary>Builds a playlist from scratch.</summary>
    /// <param name="request">The learner, goals and options.</param>
    /// <returns>The playlist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">A goal cannot be reached: a competency on the way (an unmastered prerequisite
    /// or child, transitively) has no activity of the included kinds and no children (a parent without activities of its
    /// own is reached through its children).</exception>
    Playlist Build(PlaylistRequest request);

    /// <summary>Updates a playlist after new evidence; the result equals <see cref="Build"/> on the new request.</summary>
    /// <param name="previous">The playlist built for the same goals and options.</param>
    /// <param name="request">The new request.</param>
    /// <returns>The updated playlist.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Build"/>.</exception>
    Playlist Replan(Playlist previous, PlaylistRequest request);
}
