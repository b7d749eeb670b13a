using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Sequencing;

/// <summary>What a playlist step is for.</summary>
/// <remarks>The default value is <see cref="Learn"/>.</remarks>
public enum PlaylistStepKind
{
    /// <summary>Learn a competency that is not mastered yet: a choice board, then a checkpoint.</summary>
    Learn,

    /// <summary>Strengthen the weakest prerequisite of a competency whose checkpoint was just failed.</summary>
    Remediate,

    /// <summary>A project that integrates several competencies of the playlist, placed once they are all done.</summary>
    Project,
}

/// <summary>One step of a playlist.</summary>
/// <remarks>Steps are identified by kind and competency, not by position, so that re-planning keeps the steps that did
/// not change. Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PlaylistStep
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal PlaylistStep(PlaylistStepKind Kind, CompetencyId Competency, ImmutableArray<LearningActivity> Choices, LearningActivity? Checkpoint, double Minutes, ImmutableArray<CompetencyId> DependsOn, ImmutableArray<CompetencyId> Goals, CompetencyId? RemediationFor, bool Reorderable)
    {
        this.Kind = Kind;
        this.Competency = Competency;
        this.Choices = Choices;
        this.Checkpoint = Checkpoint;
        this.Minutes = Minutes;
        this.DependsOn = DependsOn;
        this.Goals = Goals;
        this.RemediationFor = RemediationFor;
        this.Reorderable = Reorderable;
    }

    /// <summary>What it is for.</summary>
    public PlaylistStepKind Kind { get; internal init; }

    /// <summary>The competency it teaches; for a project, the first of those it integrates.</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>The choice board, in the order offered; one activity when Guided. For a project, the project.</summary>
    public ImmutableArray<LearningActivity> Choices { get; internal init; }

    /// <summary>The assessment that can show mastery at the end of the step; null when the competency has no assessment, or for a project.</summary>
    public LearningActivity? Checkpoint { get; internal init; }

    /// <summary>The learner's minutes for the step: the first choice and the checkpoint, extended time applied.</summary>
    public double Minutes { get; internal init; }

    /// <summary>The competencies of earlier steps it needs: its prerequisites in the playlist (and, for a project, the competencies it integrates).</summary>
    public ImmutableArray<CompetencyId> DependsOn { get; internal init; }

    /// <summary>The goals it leads to.</summary>
    public ImmutableArray<CompetencyId> Goals { get; internal init; }

    /// <summary>For remediation, the competency whose checkpoint failed.</summary>
    public CompetencyId? RemediationFor { get; internal init; }

    /// <summary>Whether the learner may move it, as long as <see cref="DependsOn"/> stays before it.</summary>
    public bool Reorderable { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Kind">The value of <see cref="Kind"/>.</param>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="Choices">The value of <see cref="Choices"/>.</param>
    /// <param name="Checkpoint">The value of <see cref="Checkpoint"/>.</param>
    /// <param name="Minutes">The value of <see cref="Minutes"/>.</param>
    /// <param name="DependsOn">The value of <see cref="DependsOn"/>.</param>
    /// <param name="Goals">The value of <see cref="Goals"/>.</param>
    /// <param name="RemediationFor">The value of <see cref="RemediationFor"/>.</param>
    /// <param name="Reorderable">The value of <see cref="Reorderable"/>.</param>
    public void Deconstruct(out PlaylistStepKind Kind, out CompetencyId Competency, out ImmutableArray<LearningActivity> Choices, out LearningActivity? Checkpoint, out double Minutes, out ImmutableArray<CompetencyId> DependsOn, out ImmutableArray<CompetencyId> Goals, out CompetencyId? RemediationFor, out bool Reorderable)
    {
        Kind = this.Kind;
        Competency = this.Competency;
        Choices = this.Choices;
        Checkpoint = this.Checkpoint;
        Minutes = this.Minutes;
        DependsOn = this.DependsOn;
        Goals = this.Goals;
        RemediationFor = this.RemediationFor;
        Reorderable = this.Reorderable;
    }

    /// <summary>The catalog's estimate for the step before extended time: the first choice and the checkpoint (when it
    /// is another activity).</summary>
    public double EstimatedMinutes => Estimate(Choices, Checkpoint);

    internal static double Estimate(ImmutableArray<LearningActivity> choices, LearningActivity? checkpoint) =>
        (choices.IsDefaultOrEmpty ? 0 : choices[0].EstimatedMinutes)
        + (checkpoint is null || (!choices.IsDefaultOrEmpty && ReferenceEquals(choices[0], checkpoint)) ? 0 : checkpoint.EstimatedMinutes);

    /// <inheritdoc />
    public bool Equals(PlaylistStep? other) =>
        other is not null && Kind == other.Kind && Competency == other.Competency
        && SequenceEquality.Equal(Choices, other.Choices) && Equals(Checkpoint, other.Checkpoint) && Minutes.Equals(other.Minutes)
        && SequenceEquality.Equal(DependsOn, other.DependsOn) && SequenceEquality.Equal(Goals, other.Goals)
        && RemediationFor == other.RemediationFor && Reorderable == other.Reorderable;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Competency, SequenceEquality.Hash(Choices), Checkpoint, Minutes, RemediationFor, Reorderable);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kind} {Competency}: {string.Join(" | ", Choices.Select(c => c.Title))}{(Checkpoint is null ? string.Empty : $" → {Checkpoint.Title}")} ({Minutes:0.#} min)");
}

/// <summary>One activity of a playlist as it is scheduled into a session.</summary>
/// <remarks>Items name their step rather than its position, so that re-planning keeps the sessions that did not
/// change. Immutable and thread-safe. The default value (an element of a default array, say) is no item: it names no
/// competency, has 0 minutes, and reading its <see cref="Activity"/> (or deconstructing it) throws
/// <see cref="InvalidOperationException"/> rather than giving a null behind a non-null type; <see cref="IsEmpty"/> says so.</remarks>
public readonly record struct SessionItem
{
    private readonly LearningActivity? _activity;

    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal SessionItem(PlaylistStepKind Kind, CompetencyId Competency, LearningActivity Activity, double Minutes)
    {
        this.Kind = Kind;
        this.Competency = Competency;
        _activity = Activity;
        this.Minutes = Minutes;
    }

    /// <summary>The kind of the step it belongs to.</summary>
    public PlaylistStepKind Kind { get; internal init; }

    /// <summary>The competency of the step it belongs to (a step is found by its kind and competency).</summary>
    public CompetencyId Competency { get; internal init; }

    /// <summary>The activity: the step's first choice, its checkpoint, or the project.</summary>
    /// <exception cref="InvalidOperationException">This is the default value, which schedules nothing (see <see cref="IsEmpty"/>).</exception>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public LearningActivity Activity
    {
        get => _activity ?? throw new InvalidOperationException(
            "This SessionItem is the default value, not an item of a playlist: only the playlist builder makes items. Check SessionItem.IsEmpty first.");
        internal init => _activity = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Whether this is the default value, which schedules nothing.</summary>
    public bool IsEmpty => _activity is null;

    /// <summary>The learner's minutes for it.</summary>
    public double Minutes { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Kind">The value of <see cref="Kind"/>.</param>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="Activity">The value of <see cref="Activity"/>.</param>
    /// <param name="Minutes">The value of <see cref="Minutes"/>.</param>
    /// <exception cref="InvalidOperationException">This is the default value (see <see cref="IsEmpty"/>).</exception>
    public void Deconstruct(out PlaylistStepKind Kind, out CompetencyId Competency, out LearningActivity Activity, out double Minutes)
    {
        Kind = this.Kind;
        Competency = this.Competency;
        Activity = this.Activity;
        Minutes = this.Minutes;
    }

    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>SessionItem { … }</c>; for the default value, <c>SessionItem { (none: the default value) }</c>.</returns>
    public override string ToString() => _activity is null ? "SessionItem { (none: the default value) }" : Printing.Describe(this);
}

/// <summary>One session (or day) of a playlist; its number is its position in <see cref="Playlist.Sessions"/>, from 1.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PlaylistSession
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal PlaylistSession(ImmutableArray<SessionItem> Items, double Minutes, bool OverBudget)
    {
        this.Items = Items;
        this.Minutes = Minutes;
        this.OverBudget = OverBudget;
    }

    /// <summary>What it holds, in order.</summary>
    public ImmutableArray<SessionItem> Items { get; internal init; }

    /// <summary>Their total.</summary>
    public double Minutes { get; internal init; }

    /// <summary>True when it holds a single activity longer than the budget.</summary>
    public bool OverBudget { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Items">The value of <see cref="Items"/>.</param>
    /// <param name="Minutes">The value of <see cref="Minutes"/>.</param>
    /// <param name="OverBudget">The value of <see cref="OverBudget"/>.</param>
    public void Deconstruct(out ImmutableArray<SessionItem> Items, out double Minutes, out bool OverBudget)
    {
        Items = this.Items;
        Minutes = this.Minutes;
        OverBudget = this.OverBudget;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(PlaylistSession? other) =>
        other is not null && SequenceEquality.Equal(Items, other.Items) && Minutes.Equals(other.Minutes) && OverBudget == other.OverBudget;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceEquality.Hash(Items), Minutes, OverBudget);
}

/// <summary>An ordered path for one learner to one or more goals: steps in prerequisite order, each with choices and a
/// checkpoint, cut into sessions.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record Playlist
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal Playlist(LearnerId Learner, ImmutableArray<LearningGoal> Goals, PlaylistOptions Options, ImmutableArray<PlaylistStep> Steps, ImmutableArray<PlaylistSession> Sessions, double TimeFactor)
    {
        this.Learner = Learner;
        this.Goals = Goals;
        this.Options = Options;
        this.Steps = Steps;
        this.Sessions = Sessions;
        this.TimeFactor = TimeFactor;
    }

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; internal init; }

    /// <summary>The goals, as asked.</summary>
    public ImmutableArray<LearningGoal> Goals { get; internal init; }

    /// <summary>How it was built.</summary>
    public PlaylistOptions Options { get; internal init; }

    /// <summary>The steps, in order.</summary>
    public ImmutableArray<PlaylistStep> Steps { get; internal init; }

    /// <summary>The steps' activities cut into sessions by the budget.</summary>
    public ImmutableArray<PlaylistSession> Sessions { get; internal init; }

    /// <summary>The factor applied to the catalog's estimates: the learner's extended time, 1 without.</summary>
    public double TimeFactor { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learner">The value of <see cref="Learner"/>.</param>
    /// <param name="Goals">The value of <see cref="Goals"/>.</param>
    /// <param name="Options">The value of <see cref="Options"/>.</param>
    /// <param name="Steps">The value of <see cref="Steps"/>.</param>
    /// <param name="Sessions">The value of <see cref="Sessions"/>.</param>
    /// <param name="TimeFactor">The value of <see cref="TimeFactor"/>.</param>
    public void Deconstruct(out LearnerId Learner, out ImmutableArray<LearningGoal> Goals, out PlaylistOptions Options, out ImmutableArray<PlaylistStep> Steps, out ImmutableArray<PlaylistSession> Sessions, out double TimeFactor)
    {
        Learner = this.Learner;
        Goals = this.Goals;
        Options = this.Options;
        Steps = this.Steps;
        Sessions = this.Sessions;
        TimeFactor = this.TimeFactor;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The learner's minutes for every step.</summary>
    /// <value>The sum of the steps' <see cref="PlaylistStep.Minutes"/>, in step order; read without allocating.</value>
    public double TotalMinutes
    {
        get
        {
            // A loop over the array, not Enumerable.Sum, which boxes the ImmutableArray and allocates an enumerator on each read.
            var total = 0.0;
            foreach (var step in Steps)
            {
                total += step.Minutes;
            }

            return total;
        }
    }

    // What the builder knows about the playlist it built, for re-planning in time proportional to the change; not part
    // of equality, and ignored when Steps or Sessions are not the ones it was made for (after a `with`).
    internal PlaylistLayout? Layout { get; init; }

    // The layout when it still describes this playlist (its Steps and Sessions are the ones it was built for), null after a
    // `with` that replaced either: the one test the incremental re-plan and the document writer share.
    internal PlaylistLayout? CurrentLayout => Layout is { } layout && layout.Steps == Steps && layout.Sessions == Sessions ? layout : null;

    // For a playlist read from a document: the parents without an activity of the included kinds (so without a step) that
    // its build met on the way and found mastered, as the document lists them (PlaylistJsonConverter); a built playlist
    // finds them from its layout's mastery when written. Not part of equality: the steps say what the learner does.
    internal ImmutableArray<CompetencyId> MasteredParents { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(Playlist? other) =>
        other is not null && Learner == other.Learner && SequenceEquality.Equal(Goals, other.Goals) && Options.Equals(other.Options)
        && SequenceEquality.Equal(Steps, other.Steps) && SequenceEquality.Equal(Sessions, other.Sessions) && TimeFactor.Equals(other.TimeFactor);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, SequenceEquality.Hash(Goals), Options, SequenceEquality.Hash(Steps));
}

/// <summary>The builder's index of a playlist it built.</summary>
/// <param name="Request">The request it was built from.</param>
/// <param name="Steps">The steps it describes.</param>
/// <param name="Sessions">The sessions it describes.</param>
/// <param name="Competency">The competency index of each step (for a project, its first integrated competency).</param>
/// <param name="FirstItem">The index of each step's first session item among all items; one more entry for the total.</param>
/// <param name="SessionStart">The index of each session's first item among all items.</param>
/// <param name="Required">The competencies with a Learn step, as a bit set over the framework.</param>
internal sealed record PlaylistLayout(PlaylistRequest Request, ImmutableArray<PlaylistStep> Steps, ImmutableArray<PlaylistSession> Sessions, int[] Competency, int[] FirstItem, int[] SessionStart, ulong[] Required);
