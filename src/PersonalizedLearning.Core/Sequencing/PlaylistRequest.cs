using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Sequencing;

/// <summary>What a playlist is built from.</summary>
/// <remarks>Immutable and thread-safe if its members are (the library's own are).</remarks>
public sealed record PlaylistRequest
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a request.</summary>
    /// <param name="catalog">The activities, and through them the framework.</param>
    /// <param name="mastery">The learner's mastery now; its moment is "now" for target dates.</param>
    /// <param name="goals">The goal competencies, each at most once, with optional target dates; a goal may be a parent,
    /// reached through its children (see <see cref="PlaylistBuilder"/>). A date may have passed
    /// already (a plan re-planned after its goal date, or a goal set late): the goal is then late, as the recommender
    /// treats it (its urgency is 1) and as <see cref="Planning.LearningPlanner.Project"/> reports it
    /// (<see cref="Planning.PacingStatus.OffTrack"/>); its steps sort by that date like any other, so they come first.</param>
    /// <param name="options">How to build; <see cref="PlaylistOptions.Default"/> when null.</param>
    /// <param name="accommodations">The learner's accommodations (extended time scales every estimate); none when null.</param>
    /// <param name="history">The learner's recent evidence, oldest first: a failed checkpoint in it inserts remediation.
    /// Only its last <see cref="PlaylistOptions.HistoryLimit"/> pieces are read, as a recommender reads its request's. A
    /// piece listed again with the same content is kept once (the first), as folding skips such a repeat.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="mastery"/> is null.</exception>
    /// <exception cref="ArgumentException">The mastery is for another framework, there is no goal or more than
    /// <see cref="MaximumGoals"/>, a goal is the default <see cref="LearningGoal"/> (an empty competency id), not in the framework (<see cref="UnknownCompetencyException"/>) or repeated, or a piece of history is for another learner or unknown to the catalog.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target date is <c>default(DateTimeOffset)</c>
    /// (<see cref="DateTimeOffset.MinValue"/>): a date left unset, not a late goal; give null for no date. Or a piece of
    /// history is dated after the mastery snapshot's <see cref="MasterySnapshot.AsOf"/>, which cannot include it.</exception>
    /// <exception cref="EvidenceConflictException">One evidence id is listed twice in the history with different content.</exception>
    public PlaylistRequest(ActivityCatalog catalog, MasterySnapshot mastery, ImmutableArray<LearningGoal> goals, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null, ImmutableArray<Evidence> history = default)
        : this(catalog, mastery, goals, options, accommodations, history, engineHistory: false)
    {
    }

    // engineHistory: the history the engine built from the learner's state (CreatePlaylistRequest), taken without the
    // check a host's history gets (see NextStepRequest.EngineHistory).
    internal PlaylistRequest(ActivityCatalog catalog, MasterySnapshot mastery, ImmutableArray<LearningGoal> goals, PlaylistOptions? options, LearnerAccommodations? accommodations, ImmutableArray<Evidence> history, bool engineHistory)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mastery);
        if (!catalog.Framework.Equals(mastery.Framework))
        {
            throw new ArgumentException("The mastery snapshot was taken over a different framework from the catalog's.", nameof(mastery));
        }

        CheckGoals(catalog.Framework, goals);

        history = engineHistory ? history.OrEmpty() : EvidenceOwnership.RequireHistory(history, mastery.Learner, catalog, mastery.AsOf, "the playlist", nameof(history));

        Catalog = catalog;
        Mastery = mastery;
        Goals = goals;
        Options = options ?? PlaylistOptions.Default;
        Accommodations = accommodations ?? LearnerAccommodations.None;
        History = history;
    }

    // The goals' rules, which a playlist read from a document keeps too. A passed date is not among them: a late goal is
    // one the recommender (urgency 1) and the planner's projection (off track) both know, and a plan must be re-planned
    // after its date as before it (issue 21, fresh review B: one rule for new and re-planned playlists alike).
    internal static void CheckGoals(CompetencyFramework framework, ImmutableArray<LearningGoal> goals)
    {
        if (goals.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A playlist needs at least one goal.", nameof(goals));
        }

        if (goals.Length > MaximumGoals)
        {
            throw new ArgumentException($"A playlist takes at most {MaximumGoals} goals; got {goals.Length}. Split them into several playlists.", nameof(goals));
        }

        var seen = new HashSet<CompetencyId>();
        foreach (var goal in goals)
        {
            if (goal.Competency.IsEmpty)
            {
                // The default LearningGoal: refused as a learner profile refuses it, not as an unknown competency.
                throw new ArgumentException("A playlist has a goal with an empty competency id (a default LearningGoal).", nameof(goals));
            }

            if (!framework.Contains(goal.Competency))
            {
                throw new UnknownCompetencyException(goal.Competency, $"Goal '{goal.Competency}' is not in framework '{framework.Title}'.", nameof(goals));
            }

            if (!seen.Add(goal.Competency))
            {
                throw new ArgumentException($"Goal '{goal.Competency}' is given twice.", nameof(goals));
            }

            if (goal.TargetDate == default(DateTimeOffset))
            {
                throw new ArgumentOutOfRangeException(nameof(goals), goal.TargetDate,
                    $"Goal '{goal.Competency}' {LearningGoal.DefaultTargetDateProblem}");
            }
        }
    }

    // What the playlist is built on apart from the mastery and history.
    internal PlaylistTerms Terms => new(Catalog, Goals, Options, Accommodations.ExtendedTimeFactor);

    /// <summary>The most goals one playlist takes.</summary>
    public const int MaximumGoals = 64;

    /// <summary>The activities.</summary>
    public ActivityCatalog Catalog { get; }

    /// <summary>The learner's mastery now.</summary>
    public MasterySnapshot Mastery { get; }

    /// <summary>The goals.</summary>
    public ImmutableArray<LearningGoal> Goals { get; }

    /// <summary>How to build.</summary>
    public PlaylistOptions Options { get; }

    /// <summary>The learner's accommodations.</summary>
    public LearnerAccommodations Accommodations { get; }

    /// <summary>The learner's recent evidence, oldest first, as given; remediation reads its last
    /// <see cref="PlaylistOptions.HistoryLimit"/> pieces.</summary>
    public ImmutableArray<Evidence> History { get; }
}
