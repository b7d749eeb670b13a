// The playlist builder's front: Build and Replan, and the assembly of steps into a playlist. Each other part holds one
// responsibility: PlaylistBuilder.RequiredSet (what a playlist must teach), .Boards (learn steps and their choice boards),
// .Projects (integrating projects), .Remediation (remediation steps, by the recommender's rule), .Incremental
// (re-planning in time proportional to the change) and .Sessions (cutting sessions by the budget). The request is
// PlaylistRequest.cs, the abstraction IPlaylistBuilder.cs.

using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Sequencing;

/// <summary>
/// The default playlist builder: every goal and every prerequisite of it that is not mastered (and, a parent being
/// reached through its children, every unmastered child), in a valid prerequisite order, each step a choice board of different kinds and modalities ending with a checkpoint, projects placed once the
/// competencies they integrate are done, cut into sessions by a time budget.
/// </summary>
/// <remarks>
/// <para><b>What is taught.</b> The goals and, transitively, the unmastered prerequisites and unmastered children of
/// every competency on the way (the walk the recommender's goal paths take too): a parent is reached through its
/// children, all of them (the builder reads no parent rule; all children proficient is the default one), and a child's
/// own prerequisites and children are walked in turn. A competency on the way gets a learn step when it has an activity
/// of the included kinds; a parent without one is reached through its children's steps and has none of its own (with
/// all its children mastered, nothing); any other competency without one cannot be reached, and the build throws.</para>
/// <para><b>Order.</b> Steps are sorted by the earliest target date among the goals they lead to (no date last), then by
/// the framework's sequence (the topological order of its prerequisites and its hierarchy, children before their
/// parents, declaration order among equals; prerequisites alone when the two together hold a cycle), then by id. A
/// prerequisite or a child leads to every goal what it serves leads to, so its date is never later and its place in the
/// sequence is earlier: the sort is itself a valid prerequisite order, and dropping a step never reorders the others. A goal whose date has passed
/// (a late goal, which a request takes) sorts by that date like any other, so its steps come first.</para>
/// <para><b>Steps.</b> A choice board takes the competency's activities of the included kinds, except assessments
/// (checkpoints) and projects that integrate several playlist competencies; by alignment weight (higher first), then
/// minutes (shorter first), then id, it picks first those whose kind and modality are both new to the board, then those
/// with one new, then the rest. The checkpoint is the competency's assessment aligned to it alone if any, by weight,
/// minutes and id. A project aligned to two or more playlist competencies (and to nothing outside the playlist that is
/// not mastered) becomes its own step after the last of them, projects at one place by id.</para>
/// <para><b>Remediation.</b> When a playlist competency's current failure run in the history (its last
/// <see cref="PlaylistOptions.HistoryLimit"/> pieces, as the recommender reads the last
/// <see cref="Recommendations.RecommenderOptions.HistoryLimit"/>) remediates by the rule the
/// recommender uses too (a failed checkpoint, or <see cref="PlaylistOptions.RemediateAfterFailures"/> failures; see
/// <see cref="Recommendations.AdaptiveRecommender"/>), a remediation step (a board without assessments or projects) for
/// that competency's weakest prerequisite (lowest estimate, then earliest in the sequence) comes right before it, if that
/// prerequisite is mastered (one that is not is a step already).</para>
/// <para><b>Sessions.</b> Each step contributes its first choice and its checkpoint (a project step, the project), at
/// the learner's minutes (extended time applied), packed in order: an activity goes into the current session if it fits
/// the budget, else starts the next. An activity longer than the whole budget gets a session of its own, flagged.</para>
/// <para><b>Re-planning</b> equals a build from scratch on the new request, in time proportional to what changed when the
/// change is the usual one: competencies newly mastered whose steps depend on no other step and that have no children, nothing mastered lost, the
/// same catalog, goals, options and extended time, and no project in the playlist or aligned to a newly mastered
/// competency. Then the mastered steps drop out (the order is a sort, so removal keeps it), their dependents'
/// <see cref="PlaylistStep.DependsOn"/> is updated, remediation is found again from the new history, and sessions are cut
/// again only from the first change until a session starts where an old one did: every other step and session is the
/// same object as before. Any other change rebuilds, still keeping the steps whose inputs are unchanged.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class PlaylistBuilder : IPlaylistBuilder
{
    /// <summary>The builder's name, and that it holds no state.</summary>
    /// <returns><c>PlaylistBuilder (stateless)</c>.</returns>
    public override string ToString() => "PlaylistBuilder (stateless)";

    /// <summary>The shared instance (named <c>Default</c> like <see cref="Recommendations.AdaptiveRecommender.Default"/> and the
    /// other stateless defaults).</summary>
    public static PlaylistBuilder Default { get; } = new();

    /// <inheritdoc />
    public Playlist Build(PlaylistRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(request, null);
    }

    /// <inheritdoc />
    public Playlist Replan(Playlist previous, PlaylistRequest request)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(request);
        if (previous.Learner != request.Mastery.Learner || !SequenceEquality.Equal(previous.Goals, request.Goals) || !previous.Options.Equals(request.Options))
        {
            return Create(request, null);
        }

        if (previous.Steps.Any(s => s.Kind == PlaylistStepKind.Project))
        {
            return Create(request, null); // a project took activities off some boards; those boards may change now
        }

        if (Incremental(previous, request) is { } updated)
        {
            return updated;
        }

        var reusable = new Dictionary<CompetencyId, PlaylistStep>();
        foreach (var step in previous.Steps)
        {
            if (step.Kind == PlaylistStepKind.Learn)
            {
                reusable[step.Competency] = step;
            }
        }

        return Create(request, reusable);
    }

    private static Playlist Create(PlaylistRequest request, Dictionary<CompetencyId, PlaylistStep>? reusable)
    {
        var terms = request.Terms;
        var (order, goalsOf, inPlaylist) = Required(terms, request.Mastery.MasteredBits);
        var remediation = Remediations(request, inPlaylist);
        var (steps, indices, count) = Steps(terms, request.Mastery.MasteredBits, order, goalsOf, inPlaylist, remediation, reusable);
        return Assemble(request, steps, indices, count, inPlaylist, null);
    }

    // The steps a build on these terms gives a learner with these competencies mastered, remediating as given (a
    // competency whose failure run remediates → its weakest prerequisite) instead of from a history: what a playlist read
    // from a document is compared with (PlaylistJsonConverter), made by the same parts as a build.
    internal static ArraySegment<PlaylistStep> Rebuild(PlaylistTerms terms, ReadOnlySpan<ulong> mastered, Dictionary<int, int> remediation)
    {
        var (order, goalsOf, inPlaylist) = Required(terms, mastered);
        var (steps, _, count) = Steps(terms, mastered, order, goalsOf, inPlaylist, remediation, null);
        return new ArraySegment<PlaylistStep>(steps, 0, count);
    }

    // The steps, with each one's competency index: per required competency in order, its remediation step if any, its
    // learn step, then the projects placed after it.
    private static (PlaylistStep[] Steps, int[] Indices, int Count) Steps(PlaylistTerms terms, ReadOnlySpan<ulong> mastered, int[] order,
        ImmutableArray<CompetencyId>[] goalsOf, ulong[] inPlaylist, Dictionary<int, int> remediation, Dictionary<CompetencyId, PlaylistStep>? reusable)
    {
        var framework = terms.Catalog.Framework;
        var projects = PlaceProjects(terms, mastered, order, inPlaylist);
        var capacity = order.Length + remediation.Count + projects.Covered.Count;
        var steps = new PlaylistStep[capacity];
        var indices = new int[capacity];
        var count = 0;
        foreach (var competency in order)
        {
            if (remediation.TryGetValue(competency, out var weakest))
            {
                indices[count] = weakest;
                steps[count++] = RemediationStep(terms, weakest, competency, goalsOf[competency]);
            }

            indices[count] = competency;
            steps[count++] = Reuse(reusable, terms, competency, inPlaylist, goalsOf[competency], projects.Covered.Count == 0)
                ?? LearnStep(terms, competency, inPlaylist, projects.Covered, goalsOf[competency]);
            if (projects.After.TryGetValue(competency, out var placed))
            {
                foreach (var project in placed)
                {
                    var step = ProjectStep(terms, project, inPlaylist, goalsOf[competency]);
                    indices[count] = framework.IndexOf(step.Competency);
                    steps[count++] = step;
                }
            }
        }

        return (steps, indices, count);
    }

    // The playlist with its sessions and layout. With `previous` (the old layout and the bounds of what changed), the
    // sessions before the first change are kept, and cutting stops as soon as a session starts where an old one did
    // after the last change: from there on, the old sessions are kept too.
    private static Playlist Assemble(PlaylistRequest request, PlaylistStep[] steps, int[] indices, int count, ulong[] inPlaylist, Change? previous)
    {
        var stepArray = count == steps.Length ? steps : steps[..count];
        var built = ImmutableCollectionsMarshal.AsImmutableArray(stepArray);
        var firstItem = FirstItems(steps, count);

        var factor = request.Accommodations.ExtendedTimeFactor;
        var sessions = new List<PlaylistSession>();
        var starts = new List<int>();
        Cut(built, firstItem, factor, request.Options.SessionMinutes ?? double.PositiveInfinity, previous, sessions, starts);
        var sessionArray = ImmutableCollectionsMarshal.AsImmutableArray(sessions.ToArray());
        var layout = new PlaylistLayout(request, built, sessionArray, count == indices.Length ? indices : indices[..count], firstItem, [.. starts], inPlaylist);
        return new Playlist(request.Mastery.Learner, request.Goals, request.Options, built, sessionArray, factor) { Layout = layout };
    }

    // A playlist from its steps (read from a document): sessions cut again, no layout, so its first re-plan builds.
    internal static Playlist Restore(LearnerId learner, ImmutableArray<LearningGoal> goals, PlaylistOptions options, PlaylistStep[] steps, double factor, ImmutableArray<CompetencyId> masteredParents)
    {
        var built = ImmutableCollectionsMarshal.AsImmutableArray(steps);
        var firstItem = FirstItems(steps, steps.Length);
        var sessions = new List<PlaylistSession>();
        Cut(built, firstItem, factor, options.SessionMinutes ?? double.PositiveInfinity, null, sessions, []);
        return new Playlist(learner, goals, options, built, [.. sessions], factor) { MasteredParents = masteredParents };
    }
}
