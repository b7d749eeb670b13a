using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Planning;

/// <summary>Where a learning plan is in its life.</summary>
/// <remarks>The default value is <see cref="Draft"/>. A plan moves Draft → Active → Complete and never back.</remarks>
public enum PlanStatus
{
    /// <summary>Being prepared (with the learner, a mentor or a parent); not yet followed.</summary>
    Draft,

    /// <summary>Being followed.</summary>
    Active,

    /// <summary>Closed: every goal mastered, or closed by hand. It no longer changes.</summary>
    Complete,
}

/// <summary>What a change to a plan was.</summary>
/// <remarks>The default value is <see cref="Created"/>.</remarks>
public enum PlanChangeKind
{
    /// <summary>The plan was drafted.</summary>
    Created,

    /// <summary>The plan became active.</summary>
    Activated,

    /// <summary>The pathway changed after new evidence: steps done, remediation added or removed.</summary>
    Replanned,

    /// <summary>Goals were added or removed, or their target dates moved.</summary>
    GoalsChanged,

    /// <summary>The milestones were replaced.</summary>
    MilestonesChanged,

    /// <summary>The external deadline was set, moved or removed.</summary>
    DeadlineChanged,

    /// <summary>The plan was closed.</summary>
    Completed,
}

/// <summary>One entry of a plan's history.</summary>
/// <param name="At">When it happened, from the planner's clock.</param>
/// <param name="Kind">What it was.</param>
/// <param name="Summary">What changed, in a sentence a mentor can read; not blank.</param>
/// <remarks>Immutable and thread-safe.</remarks>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Kind"/> is not one of the enumeration's values.</exception>
/// <exception cref="ArgumentException"><paramref name="Summary"/> is null or blank.</exception>
public sealed record PlanChange([property: System.Text.Json.Serialization.JsonRequired] DateTimeOffset At, PlanChangeKind Kind, string Summary)
{
    /// <summary>What it was.</summary>
    public PlanChangeKind Kind { get; } = Enum.IsDefined(Kind) ? Kind : throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Undefined plan change kind.");

    /// <summary>What changed, in a sentence a mentor can read.</summary>
    public string Summary { get; } = !string.IsNullOrWhiteSpace(Summary) ? Summary : throw new ArgumentException("A plan change needs a summary that is not blank.", nameof(Summary));

    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>PlanChange { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}

/// <summary>A checkpoint on the way: by <see cref="Date"/>, these competencies should be mastered.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PlanMilestone
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a milestone.</summary>
    /// <param name="title">What it is called, such as "Fractions unit"; not blank, and no control character but white space
    /// (U+0009-U+000D, U+0085).</param>
    /// <param name="date">When it should be reached.</param>
    /// <param name="competencies">The competencies it needs, at least one, each once.</param>
    /// <exception cref="ArgumentException">The title is blank or holds a control character that is not white space, there is no competency, or one is empty or repeated.</exception>
    public PlanMilestone(string title, DateTimeOffset date, ImmutableArray<CompetencyId> competencies)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("A milestone needs a non-blank title.", nameof(title));
        }

        if (DisplayText.Check(title, "A milestone's title") is { } control)
        {
            throw new ArgumentException(control, nameof(title));
        }

        if (competencies.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"Milestone '{title}' needs at least one competency.", nameof(competencies));
        }

        var seen = new HashSet<CompetencyId>();
        foreach (var competency in competencies)
        {
            if (competency.IsEmpty || !seen.Add(competency))
            {
                throw new ArgumentException($"Milestone '{title}' names {(competency.IsEmpty ? "an empty competency id" : $"competency '{competency}' twice")}.", nameof(competencies));
            }
        }

        Title = title;
        Date = date;
        Competencies = competencies;
    }

    /// <summary>What it is called.</summary>
    public string Title { get; }

    /// <summary>When it should be reached.</summary>
    public DateTimeOffset Date { get; }

    /// <summary>The competencies it needs.</summary>
    public ImmutableArray<CompetencyId> Competencies { get; }

    /// <inheritdoc />
    public bool Equals(PlanMilestone? other) =>
        other is not null && Title == other.Title && Date == other.Date && SequenceEquality.Equal(Competencies, other.Competencies);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Title, Date, SequenceEquality.Hash(Competencies));
}

/// <summary>A fixed date set from outside the plan, such as a state test: the projection reports what will not be
/// reached by then.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ExternalDeadline
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>ExternalDeadline { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a deadline.</summary>
    /// <param name="name">What it is, such as "State test".</param>
    /// <param name="date">When it is.</param>
    /// <exception cref="ArgumentException">The name is blank or holds a control character that is not white space.</exception>
    public ExternalDeadline(string name, DateTimeOffset date)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An external deadline needs a non-blank name.", nameof(name));
        }

        if (DisplayText.Check(name, "An external deadline's name") is { } control)
        {
            throw new ArgumentException(control, nameof(name));
        }

        Name = name;
        Date = date;
    }

    /// <summary>What it is.</summary>
    public string Name { get; }

    /// <summary>When it is.</summary>
    public DateTimeOffset Date { get; }
}

/// <summary>
/// A personalized learning plan: the learner's goals with target dates, the pathway chosen to reach them (a
/// playlist), milestones on the way, an optional external deadline, a status and the history of every change.
/// </summary>
/// <remarks>
/// <para>Plans are made and changed by a <see cref="LearningPlanner"/>, which checks each change and records it with
/// the time from its clock; a change returns a new plan and leaves the old one as it was.</para>
/// <para>Equality is by value (the catalog by reference). Immutable and thread-safe.</para>
/// </remarks>
public sealed record LearningPlan
{
    internal LearningPlan(ActivityCatalog catalog, Playlist pathway, ImmutableArray<PlanMilestone> milestones, ExternalDeadline? deadline, PlanStatus status, ImmutableArray<PlanChange> history)
    {
        Catalog = catalog;
        Pathway = pathway;
        Milestones = milestones;
        Deadline = deadline;
        Status = status;
        History = history;
    }

    /// <summary>The activities the pathway was built from, and through them the framework.</summary>
    public ActivityCatalog Catalog { get; }

    /// <summary>The learner.</summary>
    public LearnerId Learner => Pathway.Learner;

    /// <summary>The goals, with their target dates.</summary>
    public ImmutableArray<LearningGoal> Goals => Pathway.Goals;

    /// <summary>The pathway: what is left to do, in order, cut into sessions.</summary>
    public Playlist Pathway { get; }

    /// <summary>The milestones, by date.</summary>
    public ImmutableArray<PlanMilestone> Milestones { get; }

    /// <summary>The external deadline.</summary>
    /// <value>Null when there is none.</value>
    public ExternalDeadline? Deadline { get; }

    /// <summary>Where the plan is in its life.</summary>
    public PlanStatus Status { get; }

    /// <summary>Every change, oldest first; the first is its creation.</summary>
    public ImmutableArray<PlanChange> History { get; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset LastChanged => History[^1].At;

    internal LearningPlan With(DateTimeOffset at, PlanChangeKind kind, string summary, Playlist? pathway = null, ImmutableArray<PlanMilestone>? milestones = null, ExternalDeadline? deadline = null, bool clearDeadline = false, PlanStatus? status = null) =>
        new(Catalog, pathway ?? Pathway, milestones ?? Milestones, clearDeadline ? null : deadline ?? Deadline, status ?? Status, History.Add(new PlanChange(at, kind, summary)));

    /// <inheritdoc />
    public bool Equals(LearningPlan? other) =>
        other is not null && ReferenceEquals(Catalog, other.Catalog) && Pathway.Equals(other.Pathway) && SequenceEquality.Equal(Milestones, other.Milestones)
        && Equals(Deadline, other.Deadline) && Status == other.Status && SequenceEquality.Equal(History, other.History);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Pathway, SequenceEquality.Hash(Milestones), Deadline, Status, History.Length);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Plan for {Learner} ({Status}): {Goals.Length} goal(s), {Pathway.Steps.Length} step(s) left, {Milestones.Length} milestone(s){(Deadline is null ? string.Empty : $", {Deadline.Name} on {Deadline.Date:yyyy-MM-dd}")}");
}
