using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

/// <summary>Everything a next-step recommender may look at to answer "what should this learner do next?".</summary>
/// <remarks>Immutable and thread-safe if its members are (the library's own are).</remarks>
public sealed record NextStepRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="catalog">The activities to choose from (and through it, the framework).</param>
    /// <param name="mastery">The learner's mastery of every competency.</param>
    /// <param name="count">How many recommendations to return; in [1, 100].</param>
    /// <param name="profile">The learner's profile, if known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="mastery"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mastery"/> is for another framework, or <paramref name="profile"/> for another learner.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside [1, 100].</exception>
    public NextStepRequest(ActivityCatalog catalog, MasterySnapshot mastery, int count = 3, LearnerProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mastery);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        if (!ReferenceEquals(catalog.Framework, mastery.Framework))
        {
            throw new ArgumentException("The mastery snapshot was taken over a different framework from the catalog's.", nameof(mastery));
        }

        if (profile is not null && profile.Learner != mastery.Learner)
        {
            throw new ArgumentException($"The profile is for learner '{profile.Learner}', but the mastery snapshot is for '{mastery.Learner}'.", nameof(profile));
        }

        Catalog = catalog;
        Mastery = mastery;
        Count = count;
        Profile = profile;
    }

    /// <summary>The activities to choose from.</summary>
    public ActivityCatalog Catalog { get; }

    /// <summary>The learner's mastery of every competency.</summary>
    public MasterySnapshot Mastery { get; }

    /// <summary>How many recommendations to return.</summary>
    /// <value>3 unless given.</value>
    public int Count { get; }

    /// <summary>The learner's profile.</summary>
    /// <value>Null when unknown.</value>
    public LearnerProfile? Profile { get; }
}
