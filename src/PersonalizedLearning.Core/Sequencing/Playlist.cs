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
/// <param name="Kind">What it is for.</param>
/// <param name="Competency">The competency it teaches; for a project, the first of those it integrates.</param>
/// <param name="Choices">The choice board, in the order offered; one activity when Guided. For a project, the project.</param>
/// <param name="Checkpoint">The assessment that can show mastery at the end of the step; null when the competency has
/// no assessment, or for a project.</param>
/// <param name="Minutes">The learner's minutes for the step: the first choice and the checkpoint, extended time applied.</param>
/// <param name="DependsOn">The competencies of earlier steps it needs: its prerequisites in the playlist (and, for a
/// project, the competencies it integrates).</param>
/// <param name="Goals">The goals it leads to.</param>
/// <param name="RemediationFor">For remediation, the competency whose checkpoint failed.</param>
/// <param name="Reorderable">Whether the learner may move it, as long as <paramref name="DependsOn"/> stays before it.</param>
/// <remarks>Steps are identified by kind and competency, not by position, so that re-planning keeps the steps that did
/// not change. Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PlaylistStep(
    PlaylistStepKind Kind,
    CompetencyId Competency,
    ImmutableArray<LearningActivity> Choices,
    LearningActivity? Checkpoint,
    double Minutes,
    ImmutableArray<CompetencyId> DependsOn,
    ImmutableArray<CompetencyId> Goals,
    CompetencyId? RemediationFor,
    bool Reorderable)
{
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
/// <param name="Kind">The kind of the step it belongs to.</param>
/// <param name="Competency">The competency of the step it belongs to (a step is found by its kind and competency).</param>
/// <param name="Activity">The activity: the step's first choice, its checkpoint, or the project.</param>
/// <param name="Minutes">The learner's minutes for it.</param>
/// <remarks>Items name their step rather than its position, so that re-planning keeps the sessions that did not
/// change. Immutable and thread-safe.</remarks>
public readonly record struct SessionItem(PlaylistStepKind Kind, CompetencyId Competency, LearningActivity Activity, double Minutes)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>SessionItem { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}

/// <summary>One session (or day) of a playlist; its number is its position in <see cref="Playlist.Sessions"/>, from 1.</summary>
/// <param name="Items">What it holds, in order.</param>
/// <param name="Minutes">Their total.</param>
/// <param name="OverBudget">True when it holds a single activity longer than the budget.</param>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PlaylistSession(ImmutableArray<SessionItem> Items, double Minutes, bool OverBudget)
{
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
/// <param name="Learner">The learner.</param>
/// <param name="Goals">The goals, as asked.</param>
/// <param name="Options">How it was built.</param>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Sessions">The steps' activities cut into sessions by the budget.</param>
/// <param name="TimeFactor">The factor applied to the catalog's estimates: the learner's extended time, 1 without.</param>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record Playlist(LearnerId Learner, ImmutableArray<LearningGoal> Goals, PlaylistOptions Options, ImmutableArray<PlaylistStep> Steps, ImmutableArray<PlaylistSession> Sessions, double TimeFactor)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The learner's minutes for every step.</summary>
    public double TotalMinutes => Steps.Sum(s => s.Minutes);

    // What the builder knows about the playlist it built, for re-planning in time proportional to the change; not part
    // of equality, and ignored when Steps or Sessions are not the ones it was made for (after a `with`).
    internal PlaylistLayout? Layout { get; init; }

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
