using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Recommendations;

/// <summary>Everything a next-step recommender may look at to answer "what should this learner do next?".</summary>
/// <remarks>
/// <para>The constructor takes what every request needs; the optional inputs are init properties, each checked
/// against the learner and the catalog when set, so that a request never holds another learner's data.</para>
/// <para>Immutable and thread-safe if its members are (the library's own are).</para>
/// </remarks>
public sealed record NextStepRequest
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    private readonly ImmutableArray<Evidence> _history = [];
    private readonly ImmutableArray<DueReview> _dueReviews = [];
    private readonly double? _availableMinutes;
    private readonly Mastery.KnowledgeTracing.PrerequisiteGating? _prerequisiteGating;
    private readonly RecommendationMode _mode;
    private readonly RecommendationFilter _filter = RecommendationFilter.None;
    private readonly AgencyLevel? _agency;

    /// <summary>Creates a request.</summary>
    /// <param name="catalog">The activities to choose from (and through it, the framework).</param>
    /// <param name="mastery">The learner's mastery of every competency, as of the moment of the request.</param>
    /// <param name="count">How many recommendations to return; in [1, 100].</param>
    /// <param name="profile">The learner's profile (goals with dates, interests, modalities, accommodations), if known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="mastery"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mastery"/> is for another framework, <paramref name="profile"/>
    /// for another learner, or a goal of the profile is not in the framework.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside [1, 100].</exception>
    public NextStepRequest(ActivityCatalog catalog, MasterySnapshot mastery, int count = 3, LearnerProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mastery);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        if (!catalog.Framework.Equals(mastery.Framework))
        {
            throw new ArgumentException("The mastery snapshot was taken over a different framework from the catalog's.", nameof(mastery));
        }

        if (profile is not null)
        {
            if (profile.Learner != mastery.Learner)
            {
                throw new ArgumentException($"The profile is for learner '{profile.Learner}', but the mastery snapshot is for '{mastery.Learner}'.", nameof(profile));
            }

            foreach (var goal in profile.Goals)
            {
                if (!catalog.Framework.Contains(goal.Competency))
                {
                    throw new UnknownCompetencyException(goal.Competency, $"Learner '{profile.Learner}' has a goal for competency '{goal.Competency}', which is not in framework '{catalog.Framework.Title}'.", nameof(profile));
                }
            }
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

    /// <summary>The learner's recent evidence, oldest first: it drives novelty ("not just done, not just failed twice")
    /// and remediation ("failed repeatedly"). Only the last <see cref="RecommenderOptions.HistoryLimit"/> are read.</summary>
    /// <value>Empty unless given; a default array is treated as empty. A piece listed again with the same content is kept
    /// once (the first), as folding skips such a repeat.</value>
    /// <exception cref="ArgumentException">A piece of evidence is for another learner, or names an activity or competency the catalog does not know.</exception>
    /// <exception cref="EvidenceConflictException">One evidence id is listed twice with different content.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A piece is dated after the mastery snapshot's <see cref="MasterySnapshot.AsOf"/>: the
    /// snapshot cannot include it (the engine's <c>CreateRequest</c> gives the history up to that moment).</exception>
    public ImmutableArray<Evidence> History
    {
        get => _history;
        init
        {
            _history = EvidenceOwnership.RequireHistory(value, Mastery.Learner, Catalog, Mastery.AsOf, "the request", nameof(History));
        }
    }

    // The history the engine built from the learner's state (CreateRequest): each piece folded into it, so the learner's
    // and the catalog's, up to the snapshot's moment, each once or once for each competency of its activity whose run it
    // extends. Taken without the check a host's history gets, which would sort 100 ids on every recommendation.
    internal ImmutableArray<Evidence> EngineHistory
    {
        init => _history = value.OrEmpty();
    }

    /// <summary>The competencies due for review, from the retention model (see <see cref="ReviewScheduler.DueReviews"/>).</summary>
    /// <value>Empty unless given; a default array is treated as empty.</value>
    /// <exception cref="ArgumentException">A review names a competency that is not in the framework, or one competency twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A retrievability is not in [0, 1].</exception>
    public ImmutableArray<DueReview> DueReviews
    {
        get => _dueReviews;
        init
        {
            value = value.OrEmpty();
            var seen = new HashSet<Competencies.CompetencyId>();
            foreach (var review in value)
            {
                if (!Catalog.Framework.Contains(review.Competency))
                {
                    throw new UnknownCompetencyException(review.Competency, $"A due review names competency '{review.Competency}', which is not in framework '{Catalog.Framework.Title}'.", nameof(DueReviews));
                }

                if (!seen.Add(review.Competency))
                {
                    throw new ArgumentException($"Competency '{review.Competency}' is due for review twice; pass one review per competency.", nameof(DueReviews));
                }

                if (!(review.Retrievability >= 0 && review.Retrievability <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(DueReviews), review.Retrievability, $"The retrievability of competency '{review.Competency}' must be in [0, 1].");
                }
            }

            _dueReviews = value;
        }
    }

    /// <summary>The model that predicts success on an activity, for the difficulty fit (a BKT or Elo model); it must be
    /// the model that folded the learner's state.</summary>
    /// <value>Null when none predicts; the difficulty fit is then neutral.</value>
    public ICorrectnessPredictor? Predictor { get; init; }

    /// <summary>How strongly the framework's prerequisite links gate learning, as logs across learners show it
    /// (<see cref="Mastery.KnowledgeTracing.PrerequisiteGatingEstimator"/>). With it, a competency on the way to a goal may
    /// be started before prerequisites that gate it only weakly, when the evidence says that is quicker than learning
    /// them first (<see cref="AdaptiveRecommender"/>, "Prerequisites that gate weakly").</summary>
    /// <value>Null when not given: every prerequisite is hard, as the framework states it.</value>
    /// <exception cref="ArgumentException">The gating is for a different framework instance than the catalog's.</exception>
    public Mastery.KnowledgeTracing.PrerequisiteGating? PrerequisiteGating
    {
        get => _prerequisiteGating;
        init
        {
            if (value is not null && !ReferenceEquals(value.Framework, Catalog.Framework))
            {
                throw new ArgumentException($"The prerequisite gating is for framework '{value.Framework.Title}', not the catalog's framework instance ('{Catalog.Framework.Title}').", nameof(PrerequisiteGating));
            }

            _prerequisiteGating = value;
        }
    }

    /// <summary>The minutes the learner has now, before extended time is applied to the activities.</summary>
    /// <value>Null when not given.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a finite number greater than 0.</exception>
    public double? AvailableMinutes
    {
        get => _availableMinutes;
        init
        {
            if (value is { } m && !(m > 0 && double.IsFinite(m)))
            {
                throw new ArgumentOutOfRangeException(nameof(AvailableMinutes), m, $"The available minutes must be a finite number greater than 0; got {m.ToString("R", CultureInfo.InvariantCulture)}.");
            }

            _availableMinutes = value;
        }
    }

    /// <summary>Diverse choices, the single best next step, or a plain ranking.</summary>
    /// <value><see cref="RecommendationMode.Choices"/> unless given.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public RecommendationMode Mode
    {
        get => _mode;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Mode), value, $"Undefined recommendation mode ({(int)value}).");
            }

            _mode = value;
        }
    }

    /// <summary>Hard limits on what may be recommended.</summary>
    /// <value><see cref="RecommendationFilter.None"/> unless given.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentException">An excluded activity is not in the catalog.</exception>
    public RecommendationFilter Filter
    {
        get => _filter;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Filter));
            foreach (var id in value.Excluded)
            {
                if (!Catalog.Contains(id))
                {
                    throw new UnknownActivityException(id, $"The filter excludes activity '{id}', which is not in the catalog.", nameof(Filter));
                }
            }

            _filter = value;
        }
    }

    /// <summary>How much the learner steers now, in the gradual release of responsibility
    /// (<see cref="Planning.GradualReleasePolicy"/> moves a learner between the levels).</summary>
    /// <value>Null unless given: the recommender's options alone decide. <see cref="AgencyLevel.Guided"/>: one step, on the
    /// way to a goal (the teacher's path; the step the learner would be walked through). <see cref="AgencyLevel.Choice"/>:
    /// up to <see cref="Count"/> steps to choose from, all on the way to a goal. <see cref="AgencyLevel.SelfDirected"/>:
    /// as without it: the learner may also go off the way to a goal, toward interests. "On the way to a goal" applies only
    /// to a learner whose profile has goals; a wheel-spinning detour from a competency on the way stays allowed, as with
    /// <see cref="RecommenderOptions.GoalPathsOnly"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public AgencyLevel? Agency
    {
        get => _agency;
        init
        {
            if (value is { } level && !Enum.IsDefined(level))
            {
                throw new ArgumentOutOfRangeException(nameof(Agency), level, $"Undefined agency level ({(int)level}).");
            }

            _agency = value;
        }
    }

    /// <inheritdoc />
    public bool Equals(NextStepRequest? other) =>
        other is not null
        && ReferenceEquals(Catalog, other.Catalog)
        && ReferenceEquals(Mastery, other.Mastery)
        && Count == other.Count
        && Equals(Profile, other.Profile)
        && SequenceEquality.Equal(History, other.History)
        && SequenceEquality.Equal(DueReviews, other.DueReviews)
        && ReferenceEquals(Predictor, other.Predictor)
        && ReferenceEquals(PrerequisiteGating, other.PrerequisiteGating)
        && AvailableMinutes.Equals(other.AvailableMinutes)
        && Mode == other.Mode
        && Filter.Equals(other.Filter)
        && Agency == other.Agency;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Catalog, Mastery, Count, Profile, History.Length, DueReviews.Length, AvailableMinutes, HashCode.Combine(Mode, Agency));
}
