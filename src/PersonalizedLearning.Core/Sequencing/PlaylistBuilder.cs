using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
    /// <param name="goals">The goal competencies, each at most once, with optional target dates.</param>
    /// <param name="options">How to build; <see cref="PlaylistOptions.Default"/> when null.</param>
    /// <param name="accommodations">The learner's accommodations (extended time scales every estimate); none when null.</param>
    /// <param name="history">The learner's recent evidence, oldest first: a failed checkpoint in it inserts remediation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="mastery"/> is null.</exception>
    /// <exception cref="ArgumentException">The mastery is for another framework, there is no goal or more than
    /// <see cref="MaximumGoals"/>, a goal is not in the framework or repeated, or a piece of history is for another learner or unknown to the catalog.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target date is before the moment of the mastery snapshot.</exception>
    public PlaylistRequest(ActivityCatalog catalog, MasterySnapshot mastery, ImmutableArray<LearningGoal> goals, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null, ImmutableArray<Evidence> history = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mastery);
        if (!catalog.Framework.Equals(mastery.Framework))
        {
            throw new ArgumentException("The mastery snapshot was taken over a different framework from the catalog's.", nameof(mastery));
        }

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
            if (!catalog.Framework.Contains(goal.Competency))
            {
                throw new ArgumentException($"Goal '{goal.Competency}' is not in framework '{catalog.Framework.Title}'.", nameof(goals));
            }

            if (!seen.Add(goal.Competency))
            {
                throw new ArgumentException($"Goal '{goal.Competency}' is given twice.", nameof(goals));
            }

            if (goal.TargetDate is { } date && date < mastery.AsOf)
            {
                throw new ArgumentOutOfRangeException(nameof(goals), date, $"Goal '{goal.Competency}' has a target date ({date:O}) before now ({mastery.AsOf:O}).");
            }
        }

        history = history.OrEmpty();
        foreach (var evidence in history)
        {
            ArgumentNullException.ThrowIfNull(evidence, nameof(history));
            if (evidence.Learner != mastery.Learner)
            {
                throw new ArgumentException($"Evidence '{evidence.Id}' is for learner '{evidence.Learner}', but the playlist is for '{mastery.Learner}'.", nameof(history));
            }

            if (evidence.Activity is { } activity && !catalog.Contains(activity))
            {
                throw new ArgumentException($"Evidence '{evidence.Id}' names activity '{activity}', which is not in the catalog.", nameof(history));
            }
        }

        Catalog = catalog;
        Mastery = mastery;
        Goals = goals;
        Options = options ?? PlaylistOptions.Default;
        Accommodations = accommodations ?? LearnerAccommodations.None;
        History = history;
    }

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

    /// <summary>The learner's recent evidence, oldest first.</summary>
    public ImmutableArray<Evidence> History { get; }
}

/// <summary>Builds and re-plans playlists.</summary>
/// <remarks>Implementations must be deterministic and thread-safe.</remarks>
public interface IPlaylistBuilder
{
    /// <summary>Builds a playlist from scratch.</summary>
    /// <param name="request">The learner, goals and options.</param>
    /// <returns>The playlist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">A goal cannot be reached: a competency on the way has no activity of the included kinds.</exception>
    Playlist Build(PlaylistRequest request);

    /// <summary>Updates a playlist after new evidence; the result equals <see cref="Build"/> on the new request.</summary>
    /// <param name="previous">The playlist built for the same goals and options.</param>
    /// <param name="request">The new request.</param>
    /// <returns>The updated playlist.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Build"/>.</exception>
    Playlist Replan(Playlist previous, PlaylistRequest request);
}

/// <summary>
/// The default playlist builder: every goal and every prerequisite of it that is not mastered, in a valid prerequisite
/// order, each step a choice board of different kinds and modalities ending with a checkpoint, projects placed once the
/// competencies they integrate are done, cut into sessions by a time budget.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Steps are sorted by the earliest target date among the goals they lead to (no date last), then by
/// the framework's sequence (its topological order, declaration order among equals), then by id. A prerequisite leads
/// to every goal its dependents lead to, so its date is never later and its place in the sequence is earlier: the sort
/// is itself a valid prerequisite order, and dropping a step never reorders the others.</para>
/// <para><b>Steps.</b> A choice board takes the competency's activities of the included kinds, except assessments
/// (checkpoints) and projects that integrate several playlist competencies; by alignment weight (higher first), then
/// minutes (shorter first), then id, it picks first those whose kind and modality are both new to the board, then those
/// with one new, then the rest. The checkpoint is the competency's assessment aligned to it alone if any, by weight,
/// minutes and id. A project aligned to two or more playlist competencies (and to nothing outside the playlist that is
/// not mastered) becomes its own step after the last of them, projects at one place by id.</para>
/// <para><b>Remediation.</b> When the newest evidence in the history on an assessment aligned to a playlist competency
/// failed, a remediation step (a board without assessments or projects) for that competency's weakest prerequisite (lowest estimate, then earliest in the
/// sequence) comes right before it, if that prerequisite is mastered (one that is not is a step already).</para>
/// <para><b>Sessions.</b> Each step contributes its first choice and its checkpoint (a project step, the project), at
/// the learner's minutes (extended time applied), packed in order: an activity goes into the current session if it fits
/// the budget, else starts the next. An activity longer than the whole budget gets a session of its own, flagged.</para>
/// <para><b>Re-planning</b> equals a build from scratch on the new request, in time proportional to what changed when the
/// change is the usual one: competencies newly mastered whose steps depend on no other step, nothing mastered lost, the
/// same catalog, goals, options and extended time, and no project in the playlist or aligned to a newly mastered
/// competency. Then the mastered steps drop out (the order is a sort, so removal keeps it), their dependents'
/// <see cref="PlaylistStep.DependsOn"/> is updated, remediation is found again from the new history, and sessions are cut
/// again only from the first change until a session starts where an old one did: every other step and session is the
/// same object as before. Any other change rebuilds, still keeping the steps whose inputs are unchanged.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PlaylistBuilder : IPlaylistBuilder
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
        var framework = request.Catalog.Framework;
        var order = RequiredCompetencies(request, out var goalsOf, out var dateRank);
        var keys = new long[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = ((long)dateRank[order[i]] << 32) | (uint)framework.TopologicalRank(order[i]);
        }

        Array.Sort(keys, order); // (date, sequence) is unique per competency, so the order is total
        var inPlaylist = new ulong[(framework.Count + 63) >> 6];
        foreach (var competency in order)
        {
            inPlaylist[competency >> 6] |= 1UL << competency;
        }

        var projects = PlaceProjects(request, order, inPlaylist);
        var remediation = Remediations(request, inPlaylist);
        var capacity = order.Length + remediation.Count + projects.Covered.Count;
        var steps = new PlaylistStep[capacity];
        var indices = new int[capacity];
        var count = 0;
        foreach (var competency in order)
        {
            if (remediation.TryGetValue(competency, out var weakest))
            {
                indices[count] = weakest;
                steps[count++] = RemediationStep(request, weakest, competency, goalsOf[competency]);
            }

            indices[count] = competency;
            steps[count++] = Reuse(reusable, request, competency, inPlaylist, goalsOf[competency], projects.Covered.Count == 0)
                ?? LearnStep(request, competency, inPlaylist, projects.Covered, goalsOf[competency]);
            if (projects.After.TryGetValue(competency, out var placed))
            {
                foreach (var project in placed)
                {
                    var step = ProjectStep(request, project, inPlaylist, goalsOf[competency]);
                    indices[count] = framework.IndexOf(step.Competency);
                    steps[count++] = step;
                }
            }
        }

        return Assemble(request, steps, indices, count, inPlaylist, null);
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
    internal static Playlist Restore(LearnerId learner, ImmutableArray<LearningGoal> goals, PlaylistOptions options, PlaylistStep[] steps, double factor)
    {
        var built = ImmutableCollectionsMarshal.AsImmutableArray(steps);
        var firstItem = FirstItems(steps, steps.Length);
        var sessions = new List<PlaylistSession>();
        Cut(built, firstItem, factor, options.SessionMinutes ?? double.PositiveInfinity, null, sessions, []);
        return new Playlist(learner, goals, options, built, [.. sessions], factor);
    }

    // What changed from a previous playlist: its layout; the first old step position that is gone or has a new step
    // before it, and the last old position that is gone or has a new step after it. Steps before First and after Last
    // are the same in both, up to their DependsOn, which does not change their session items.
    private readonly record struct Change(PlaylistLayout Old, int First, int Last);

    // Re-planning in time proportional to what changed, when the change is simple: competencies newly mastered whose
    // steps depend on no other step (the usual case: the learner masters what is ready), nothing mastered lost, the
    // same catalog and extended time, and no project that could now be placed. Then the new playlist is the old one
    // without those steps (the order is a sort, so removal keeps it), their dependents' DependsOn updated, and
    // remediation found again from the new history. Null when the change is not simple: build instead.
    private static Playlist? Incremental(Playlist previous, PlaylistRequest request)
    {
        if (previous.Layout is not { } layout || layout.Steps != previous.Steps || layout.Sessions != previous.Sessions
            || !ReferenceEquals(layout.Request.Catalog, request.Catalog)
            || layout.Request.Accommodations.ExtendedTimeFactor != request.Accommodations.ExtendedTimeFactor)
        {
            return null;
        }

        var catalog = request.Catalog;
        var framework = catalog.Framework;
        var before = layout.Request.Mastery.MasteredBits;
        var after = request.Mastery.MasteredBits;
        var required = (ulong[])layout.Required.Clone();
        var dependents = new ulong[required.Length]; // of the competencies whose steps drop out
        for (var w = 0; w < before.Length; w++)
        {
            if ((before[w] & ~after[w]) != 0)
            {
                return null; // mastery lost: new prerequisites may be needed
            }

            for (var gained = after[w] & ~before[w]; gained != 0; gained &= gained - 1)
            {
                var c = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(gained);
                if (request.Options.Includes(ActivityKind.Project) && HasProject(catalog, c))
                {
                    return null; // a project aligned to it may now be placed
                }

                if (CompetencyFramework.IsSet(layout.Required, c))
                {
                    foreach (var p in framework.PrerequisiteIndices(c))
                    {
                        if (CompetencyFramework.IsSet(layout.Required, p))
                        {
                            return null; // its prerequisites in the playlist may no longer be needed
                        }
                    }

                    required[w] &= ~(1UL << c);
                    foreach (var d in framework.DependentIndices(c))
                    {
                        dependents[d >> 6] |= 1UL << d;
                    }
                }
            }
        }

        var remediation = Remediations(request, required);
        var old = layout.Steps;
        var steps = new PlaylistStep[old.Length + remediation.Count];
        var indices = new int[steps.Length];
        var count = 0;
        int first = int.MaxValue, last = -1; // the old positions bounding the change (see Change)
        for (var p = 0; p < old.Length; p++)
        {
            var step = old[p];
            if (step.Kind == PlaylistStepKind.Remediate)
            {
                continue; // decided with the step it serves, which follows it
            }

            var c = layout.Competency[p];
            var had = p > 0 && old[p - 1].Kind == PlaylistStepKind.Remediate ? old[p - 1] : null;
            if (!CompetencyFramework.IsSet(required, c))
            {
                Removed(had is null ? p : p - 1, p); // mastered: the step (and its remediation) drops out
                continue;
            }

            if (remediation.Count > 0 && remediation.TryGetValue(c, out var weakest))
            {
                var again = had is not null && layout.Competency[p - 1] == weakest && had.RemediationFor == step.Competency ? had : null;
                if (again is null)
                {
                    if (had is null)
                    {
                        Inserted(p);
                    }
                    else
                    {
                        Removed(p - 1, p - 1);
                    }
                }

                indices[count] = weakest;
                steps[count++] = again ?? RemediationStep(request, weakest, c, step.Goals);
            }
            else if (had is not null)
            {
                Removed(p - 1, p - 1);
            }

            if (CompetencyFramework.IsSet(dependents, c))
            {
                step = step with { DependsOn = DependsOn(framework, c, required) };
            }

            indices[count] = c;
            steps[count++] = step;
        }

        if (first == int.MaxValue && steps.AsSpan(0, count).SequenceEqual(old.AsSpan()))
        {
            return previous; // nothing changed: the same playlist, whose layout still describes a valid build
        }

        return Assemble(request, steps, indices, count, required, first == int.MaxValue ? new Change(layout, old.Length, old.Length - 1) : new Change(layout, first, last));

        // Old steps from..to are gone or replaced.
        void Removed(int from, int to)
        {
            first = Math.Min(first, from);
            last = Math.Max(last, to);
        }

        // A step is new before old step p.
        void Inserted(int p)
        {
            first = Math.Min(first, p);
            last = Math.Max(last, p - 1);
        }
    }

    private static bool HasProject(ActivityCatalog catalog, int competency)
    {
        foreach (var a in catalog.ActivityIndicesFor(competency))
        {
            if (catalog.Activities[a].Kind == ActivityKind.Project)
            {
                return true;
            }
        }

        return false;
    }

    // A step of the previous playlist is kept as it is when everything it was made from is unchanged: the same goals,
    // the same prerequisites in the playlist, the same extended time, and no project taking activities off its board.
    // Its choices and checkpoint depend on nothing else, so the result equals a fresh step.
    private static PlaylistStep? Reuse(Dictionary<CompetencyId, PlaylistStep>? reusable, PlaylistRequest request, int competency, ulong[] inPlaylist, ImmutableArray<CompetencyId> goals, bool noProjects)
    {
        var framework = request.Catalog.Framework;
        if (reusable is null || !noProjects || !reusable.TryGetValue(framework.Competencies[competency].Id, out var step) || !SequenceEquality.Equal(step.Goals, goals))
        {
            return null;
        }

        var k = 0;
        foreach (var prerequisite in framework.PrerequisiteIndices(competency))
        {
            if (CompetencyFramework.IsSet(inPlaylist, prerequisite) && (k >= step.DependsOn.Length || step.DependsOn[k++] != framework.Competencies[prerequisite].Id))
            {
                return null;
            }
        }

        return k == step.DependsOn.Length && step.EstimatedMinutes * request.Accommodations.ExtendedTimeFactor == step.Minutes ? step : null;
    }

    // The goals and their unmastered prerequisites, each with the goals it leads to (one list per distinct set of goals,
    // shared) and the rank of the earliest of their dates among the goals' dates (no date ranks last).
    private static int[] RequiredCompetencies(PlaylistRequest request, out ImmutableArray<CompetencyId>[] goalsOf, out int[] dateRank)
    {
        var framework = request.Catalog.Framework;
        var mastery = request.Mastery;
        var masks = new ulong[framework.Count];
        var dates = new int[framework.Count];
        dateRank = dates;
        var goalTicks = new long[request.Goals.Length];
        for (var g = 0; g < goalTicks.Length; g++)
        {
            goalTicks[g] = request.Goals[g].TargetDate?.UtcTicks ?? long.MaxValue;
        }

        var sortedTicks = (long[])goalTicks.Clone();
        Array.Sort(sortedTicks);
        var required = new List<int>();
        var stack = new Stack<int>();
        for (var g = 0; g < request.Goals.Length; g++)
        {
            var goal = request.Goals[g];
            var root = framework.IndexOf(goal.Competency);
            if (mastery.IsMasteredIndex(root))
            {
                continue;
            }

            var bit = 1UL << g;
            var date = Array.BinarySearch(sortedTicks, goalTicks[g]);
            stack.Push(root);
            Visit(root);
            while (stack.TryPop(out var node))
            {
                foreach (var prerequisite in framework.PrerequisiteIndices(node))
                {
                    if ((masks[prerequisite] & bit) == 0 && !mastery.IsMasteredIndex(prerequisite))
                    {
                        Visit(prerequisite);
                        stack.Push(prerequisite);
                    }
                }
            }

            void Visit(int node)
            {
                if (masks[node] == 0)
                {
                    required.Add(node);
                    dates[node] = date;
                }
                else
                {
                    dates[node] = Math.Min(dates[node], date);
                }

                masks[node] |= bit;
            }
        }

        goalsOf = new ImmutableArray<CompetencyId>[framework.Count];
        var shared = new Dictionary<ulong, ImmutableArray<CompetencyId>>();
        foreach (var competency in required)
        {
            var mask = masks[competency];
            if (!shared.TryGetValue(mask, out var goals))
            {
                goals = [.. Enumerable.Range(0, request.Goals.Length).Where(g => (mask & (1UL << g)) != 0).Select(g => request.Goals[g].Competency)];
                shared[mask] = goals;
            }

            goalsOf[competency] = goals;
            if (!HasIncludedActivity(request, competency))
            {
                throw new ArgumentException(
                    $"Goal '{goals[0]}' cannot be reached: competency '{framework.Competencies[competency].Id}' on the way has no activity{(request.Options.Kinds.IsEmpty ? string.Empty : " of the included kinds")}.",
                    nameof(request));
            }
        }

        return [.. required];
    }

    private static bool HasIncludedActivity(PlaylistRequest request, int competency)
    {
        foreach (var a in request.Catalog.ActivityIndicesFor(competency))
        {
            if (request.Options.Includes(request.Catalog.Activities[a].Kind))
            {
                return true;
            }
        }

        return false;
    }

    private static (Dictionary<int, List<LearningActivity>> After, HashSet<LearningActivity> Covered) PlaceProjects(PlaylistRequest request, int[] order, ulong[] inPlaylist)
    {
        var catalog = request.Catalog;
        Dictionary<int, int>? position = null; // built at the first project
        var after = new Dictionary<int, List<LearningActivity>>();
        var covered = new HashSet<LearningActivity>();
        if (!request.Options.Includes(ActivityKind.Project))
        {
            return (after, covered);
        }

        var seen = new HashSet<int>();
        foreach (var competency in order)
        {
            foreach (var a in catalog.ActivityIndicesFor(competency))
            {
                var activity = catalog.Activities[a];
                if (activity.Kind != ActivityKind.Project || !seen.Add(a))
                {
                    continue;
                }

                if (position is null)
                {
                    position = new Dictionary<int, int>(order.Length);
                    for (var i = 0; i < order.Length; i++)
                    {
                        position[order[i]] = i;
                    }
                }

                var aligned = catalog.AlignedIndicesOf(a);
                var inside = 0;
                var last = -1;
                var placeable = true;
                foreach (var c in aligned)
                {
                    if (CompetencyFramework.IsSet(inPlaylist, c))
                    {
                        inside++;
                        last = Math.Max(last, position[c]);
                    }
                    else if (!request.Mastery.IsMasteredIndex(c))
                    {
                        placeable = false;
                    }
                }

                if (inside >= 2 && placeable)
                {
                    (after.TryGetValue(order[last], out var list) ? list : after[order[last]] = []).Add(activity);
                    covered.Add(activity);
                }
            }
        }

        foreach (var list in after.Values)
        {
            list.Sort((x, y) => string.CompareOrdinal(x.Id.Value, y.Id.Value));
        }

        return (after, covered);
    }

    // The recommender's rule (AdaptiveRecommender.ReadHistory), so that both entry points remediate on the same evidence:
    // reading the history from its newest piece, each competency's current run of failures ends at a success on it or at
    // any evidence on one of its prerequisites; a run remediates once it holds a failed checkpoint or
    // RemediateAfterFailures failures, twice that when the run was closed by a success on a prerequisite that came
    // between failures on the competency (a remediation that showed the prerequisite known).
    private static Dictionary<int, int> Remediations(PlaylistRequest request, ulong[] inPlaylist)
    {
        var result = new Dictionary<int, int>();
        if (request.History.IsEmpty)
        {
            return result;
        }

        var catalog = request.Catalog;
        var framework = catalog.Framework;
        var runs = new Dictionary<int, (int Failures, bool Checkpoint)>();
        var closed = new HashSet<int>();
        var closedBySuccess = new HashSet<int>();
        var shown = new HashSet<int>();
        var one = new int[1];
        for (var j = request.History.Length - 1; j >= 0; j--)
        {
            var evidence = request.History[j];
            var failed = evidence.Outcome.Score < request.Options.PassingScore;
            var checkpoint = false;
            ReadOnlySpan<int> reached = [];
            if (evidence.ActivityIndexIn(catalog) is var a and >= 0)
            {
                checkpoint = catalog.Activities[a].Kind == ActivityKind.Assessment;
                reached = catalog.AlignedIndicesOf(a);
            }

            if (evidence.CompetencyIndexIn(framework) is var target and >= 0)
            {
                one[0] = target;
                reached = one;
            }

            foreach (var competency in reached)
            {
                if (!closed.Contains(competency))
                {
                    if (failed)
                    {
                        var run = runs.GetValueOrDefault(competency);
                        runs[competency] = (run.Failures + 1, run.Checkpoint || checkpoint);
                    }
                    else
                    {
                        closed.Add(competency);
                    }
                }
                else if (failed && closedBySuccess.Contains(competency))
                {
                    shown.Add(competency);
                }

                foreach (var dependent in framework.DependentIndices(competency))
                {
                    if (closed.Add(dependent) && !failed)
                    {
                        closedBySuccess.Add(dependent);
                    }
                }
            }
        }

        foreach (var (competency, run) in runs)
        {
            var needed = shown.Contains(competency) ? 2 * request.Options.RemediateAfterFailures : request.Options.RemediateAfterFailures;
            if (!CompetencyFramework.IsSet(inPlaylist, competency) || (!run.Checkpoint && run.Failures < needed))
            {
                continue;
            }

            var weakest = request.Mastery.WeakestPrerequisite(competency);
            if (weakest >= 0 && !CompetencyFramework.IsSet(inPlaylist, weakest))
            {
                result[competency] = weakest;
            }
        }

        return result;
    }

    private static PlaylistStep LearnStep(PlaylistRequest request, int competency, ulong[] inPlaylist, HashSet<LearningActivity> projects, ImmutableArray<CompetencyId> goals)
    {
        var catalog = request.Catalog;
        var framework = catalog.Framework;
        var id = framework.Competencies[competency].Id;
        var options = request.Options;
        var indices = catalog.ActivityIndicesFor(competency);
        var candidates = new Ranked[indices.Length];
        var candidateCount = 0;
        Ranked? checkpoint = null;
        foreach (var a in indices)
        {
            var activity = catalog.Activities[a];
            if (!options.Includes(activity.Kind) || (projects.Count > 0 && projects.Contains(activity)))
            {
                continue;
            }

            var ranked = new Ranked(activity, activity.AlignmentWeight(id));
            if (activity.Kind != ActivityKind.Assessment)
            {
                Insert(candidates, ref candidateCount, ranked);
            }
            else if (checkpoint is not { } best || ranked.IsBetterCheckpointThan(best))
            {
                checkpoint = ranked;
            }
        }

        if (candidateCount == 0 && checkpoint is { } only)
        {
            candidates[candidateCount++] = only; // an assessment alone is both the work and the proof
        }

        if (candidateCount == 0)
        {
            // Only integrating projects teach it: they stay on its board too, so that no step is empty.
            foreach (var a in indices)
            {
                if (projects.Contains(catalog.Activities[a]))
                {
                    Insert(candidates, ref candidateCount, new Ranked(catalog.Activities[a], catalog.Activities[a].AlignmentWeight(id)));
                }
            }
        }

        var choices = ChoiceBoard(candidates.AsSpan(0, candidateCount), options.Choices);
        var check = checkpoint?.Activity;
        return new PlaylistStep(PlaylistStepKind.Learn, id, choices, check, PlaylistStep.Estimate(choices, check) * request.Accommodations.ExtendedTimeFactor,
            DependsOn(framework, competency, inPlaylist), goals, null, options.Agency == AgencyLevel.SelfDirected);
    }

    // The competency's prerequisites that are in the playlist, in the framework's order.
    private static ImmutableArray<CompetencyId> DependsOn(CompetencyFramework framework, int competency, ulong[] inPlaylist)
    {
        var prerequisites = framework.PrerequisiteIndices(competency);
        var count = 0;
        foreach (var p in prerequisites)
        {
            count += CompetencyFramework.IsSet(inPlaylist, p) ? 1 : 0;
        }

        if (count == 0)
        {
            return [];
        }

        var ids = new CompetencyId[count];
        count = 0;
        foreach (var p in prerequisites)
        {
            if (CompetencyFramework.IsSet(inPlaylist, p))
            {
                ids[count++] = framework.Competencies[p].Id;
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(ids);
    }

    // An activity with its alignment weight to the step's competency, ordered by preference: weight (higher first),
    // then minutes (shorter first), then id (ordinal).
    private readonly record struct Ranked(LearningActivity Activity, double Weight)
    {
        public bool IsBefore(in Ranked other) =>
            Weight != other.Weight ? Weight > other.Weight
            : Activity.EstimatedMinutes != other.Activity.EstimatedMinutes ? Activity.EstimatedMinutes < other.Activity.EstimatedMinutes
            : string.CompareOrdinal(Activity.Id.Value, other.Activity.Id.Value) < 0;

        // A checkpoint aligned to the competency alone wins; then preference.
        public bool IsBetterCheckpointThan(in Ranked other) =>
            (Activity.Alignments.Length == 1) != (other.Activity.Alignments.Length == 1) ? Activity.Alignments.Length == 1 : IsBefore(other);
    }

    // Insertion into a short sorted array (a competency has a handful of activities).
    private static void Insert(Ranked[] sorted, ref int count, Ranked item)
    {
        var at = count++;
        while (at > 0 && item.IsBefore(sorted[at - 1]))
        {
            sorted[at] = sorted[at - 1];
            at--;
        }

        sorted[at] = item;
    }

    private static PlaylistStep RemediationStep(PlaylistRequest request, int weakest, int failed, ImmutableArray<CompetencyId> goals)
    {
        var catalog = request.Catalog;
        var framework = catalog.Framework;
        var activities = catalog.ActivityIndicesFor(weakest).ToArray().Select(a => catalog.Activities[a])
            .Where(a => request.Options.Includes(a.Kind) && a.Kind is not ActivityKind.Assessment and not ActivityKind.Project)
            .Select(a => new Ranked(a, a.AlignmentWeight(framework.Competencies[weakest].Id)))
            .ToList();
        var sorted = new Ranked[activities.Count];
        var count = 0;
        activities.ForEach(a => Insert(sorted, ref count, a));
        var choices = ChoiceBoard(sorted.AsSpan(0, count), request.Options.Choices);
        return new PlaylistStep(PlaylistStepKind.Remediate, framework.Competencies[weakest].Id, choices, null,
            PlaylistStep.Estimate(choices, null) * request.Accommodations.ExtendedTimeFactor, [], goals, framework.Competencies[failed].Id, false);
    }

    private static PlaylistStep ProjectStep(PlaylistRequest request, LearningActivity project, ulong[] inPlaylist, ImmutableArray<CompetencyId> goals)
    {
        var framework = request.Catalog.Framework;
        var integrated = project.Alignments.Select(a => a.Competency).Where(c => CompetencyFramework.IsSet(inPlaylist, framework.IndexOf(c))).ToImmutableArray();
        return new PlaylistStep(PlaylistStepKind.Project, integrated[0], [project], null, project.EstimatedMinutes * request.Accommodations.ExtendedTimeFactor,
            integrated, goals, null, request.Options.Agency == AgencyLevel.SelfDirected);
    }

    // Picks up to `count` activities in preference order: first those whose kind and modality are both new to the
    // board, then those with one new, then the rest.
    private static ImmutableArray<LearningActivity> ChoiceBoard(ReadOnlySpan<Ranked> ordered, int count)
    {
        var board = new LearningActivity[Math.Min(count, ordered.Length)];
        var filled = 0;
        Span<bool> taken = ordered.Length <= 64 ? stackalloc bool[ordered.Length] : new bool[ordered.Length];
        for (var pass = 2; pass >= 0 && filled < board.Length; pass--)
        {
            for (var i = 0; i < ordered.Length && filled < board.Length; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                var activity = ordered[i].Activity;
                var newKind = true;
                var newModality = true;
                for (var b = 0; b < filled; b++)
                {
                    newKind &= board[b].Kind != activity.Kind;
                    newModality &= board[b].Modality != activity.Modality;
                }

                if ((newKind ? 1 : 0) + (newModality ? 1 : 0) >= pass)
                {
                    board[filled++] = activity;
                    taken[i] = true;
                }
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(board); // pass 0 takes anything, so the board is full
    }


    // A step's session items: its first choice, and its checkpoint when that is another activity.
    private static int ItemCount(PlaylistStep step) =>
        (step.Choices.IsEmpty ? 0 : 1) + (step.Checkpoint is { } check && (step.Choices.IsEmpty || !ReferenceEquals(check, step.Choices[0])) ? 1 : 0);

    // Where each step's items start among all items, and (last) how many there are.
    private static int[] FirstItems(PlaylistStep[] steps, int count)
    {
        var firstItem = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            firstItem[i + 1] = firstItem[i] + ItemCount(steps[i]);
        }

        return firstItem;
    }

    private static SessionItem ItemAt(PlaylistStep step, int offset, double factor)
    {
        var activity = offset == 0 && !step.Choices.IsEmpty ? step.Choices[0] : step.Checkpoint!;
        return new SessionItem(step.Kind, step.Competency, activity, activity.EstimatedMinutes * factor);
    }

    // Packs the items in order: an item goes into the current session if it fits the budget, else starts the next; one
    // longer than the whole budget gets a session of its own, flagged. A session starts afresh, so the cut from any
    // session start depends only on the items from there: that is what lets a re-plan keep old sessions.
    private static void Cut(ImmutableArray<PlaylistStep> steps, int[] firstItem, double factor, double budget, Change? previous, List<PlaylistSession> sessions, List<int> starts)
    {
        var total = firstItem[steps.Length];
        var item = 0;
        int resyncFrom = int.MaxValue, shift = 0;
        int[] oldStarts = [];
        if (previous is { } change)
        {
            // An old session is kept when the item after it comes before the first change too: a session ends where
            // the next item does not fit, so the one that ends at the change may take new items.
            var old = change.Old;
            oldStarts = old.SessionStart;
            var unchanged = old.FirstItem[change.First];
            var keep = 0;
            while (keep + 1 < oldStarts.Length && oldStarts[keep + 1] < unchanged)
            {
                keep++;
            }

            for (var k = 0; k < keep; k++)
            {
                sessions.Add(old.Sessions[k]);
                starts.Add(oldStarts[k]);
            }

            item = keep < oldStarts.Length ? oldStarts[keep] : unchanged;
            var delta = steps.Length - old.Steps.Length;
            resyncFrom = firstItem[change.Last + 1 + delta];
            shift = resyncFrom - old.FirstItem[change.Last + 1];
        }

        var step = Array.BinarySearch(firstItem, item);
        step = step >= 0 ? step : ~step - 1;
        while (step < steps.Length - 1 && firstItem[step + 1] <= item)
        {
            step++; // skip steps without items
        }

        var current = new List<SessionItem>();
        var minutes = 0.0;
        var start = item;
        while (item < total)
        {
            if (current.Count == 0 && item >= resyncFrom && Array.BinarySearch(oldStarts, item - shift) is var k and >= 0)
            {
                for (; k < oldStarts.Length; k++)
                {
                    sessions.Add(previous!.Value.Old.Sessions[k]);
                    starts.Add(oldStarts[k] + shift);
                }

                return;
            }

            while (firstItem[step + 1] <= item)
            {
                step++;
            }

            var next = ItemAt(steps[step], item - firstItem[step], factor);
            if (current.Count > 0 && (next.Minutes > budget || minutes + next.Minutes > budget))
            {
                Close(false);
                continue;
            }

            current.Add(next);
            minutes += next.Minutes;
            item++;
            if (next.Minutes > budget)
            {
                Close(true);
            }
        }

        Close(false);

        void Close(bool over)
        {
            if (current.Count > 0)
            {
                sessions.Add(new PlaylistSession([.. current], minutes, over));
                starts.Add(start);
                current.Clear();
                minutes = 0;
            }

            start = item;
        }
    }
}
