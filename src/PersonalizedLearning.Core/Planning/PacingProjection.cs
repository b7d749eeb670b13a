using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Planning;

/// <summary>How a goal, a milestone or a whole plan stands against its date.</summary>
/// <remarks>The default value is <see cref="Complete"/>. Ordered from best to worst, <see cref="NoTargetDate"/> aside.</remarks>
public enum PacingStatus
{
    /// <summary>Nothing is left to do.</summary>
    Complete,

    /// <summary>At the planned weekly time, it is projected to finish on or before its date.</summary>
    OnTrack,

    /// <summary>It is projected to finish late, but a little more time per week (up to the tolerance) would bring it back.</summary>
    AtRisk,

    /// <summary>It needs much more time per week than planned, or its date has passed.</summary>
    OffTrack,

    /// <summary>It has no date to be on track for.</summary>
    NoTargetDate,
}

/// <summary>How a pacing projection is made.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PacingOptions
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>PacingOptions { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates options.</summary>
    /// <param name="minutesPerWeek">The learner's planned time on the plan per week; finite and greater than 0.</param>
    /// <param name="paceWindow">How many of the newest timed pieces of evidence give the observed pace; at least 1.</param>
    /// <param name="minimumTimedEvidence">How many timed pieces are needed before the observed pace replaces the
    /// expected one; in [1, <paramref name="paceWindow"/>].</param>
    /// <param name="atRiskTolerance">How much more weekly time than planned still counts as at risk rather than off
    /// track, as a fraction of the plan (0.25: up to a quarter more); finite and not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range: one exception for every problem, whose
    /// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message names each bad parameter,
    /// its rule and the value given.</exception>
    public PacingOptions(double minutesPerWeek, int paceWindow = 20, int minimumTimedEvidence = 3, double atRiskTolerance = 0.25)
    {
        var problems = new OptionProblems("pacing options");
        problems.Require(minutesPerWeek > 0 && double.IsFinite(minutesPerWeek), nameof(minutesPerWeek), "the weekly time must be a finite number of minutes greater than 0", minutesPerWeek);
        problems.Require(paceWindow >= 1, nameof(paceWindow), "the pace window must be at least 1", paceWindow);
        problems.RequireBetween(minimumTimedEvidence, 1, paceWindow, paceWindow >= 1, null, nameof(minimumTimedEvidence), "the minimum timed evidence", string.Empty, "the pace window");
        problems.Require(atRiskTolerance >= 0 && double.IsFinite(atRiskTolerance), nameof(atRiskTolerance), "the at-risk tolerance must be finite and not negative", atRiskTolerance);
        problems.ThrowIfAny();

        MinutesPerWeek = minutesPerWeek;
        PaceWindow = paceWindow;
        MinimumTimedEvidence = minimumTimedEvidence;
        AtRiskTolerance = atRiskTolerance;
    }

    /// <summary>The planned time per week, in minutes.</summary>
    public double MinutesPerWeek { get; }

    /// <summary>How many of the newest timed pieces of evidence give the observed pace.</summary>
    public int PaceWindow { get; }

    /// <summary>How many timed pieces are needed before the observed pace is used.</summary>
    public int MinimumTimedEvidence { get; }

    /// <summary>How much more weekly time than planned still counts as at risk.</summary>
    public double AtRiskTolerance { get; }

    /// <summary>The smallest pace factor used: faster observed paces are taken as this.</summary>
    public const double MinimumPace = 0.1;

    /// <summary>The largest pace factor used: slower observed paces are taken as this.</summary>
    public const double MaximumPace = 10;
}

/// <summary>The learner's pace: how their actual minutes compare with the catalog's estimates.</summary>
/// <remarks>The default value (every member 0, not observed) is not a pace the planner reports. Immutable and thread-safe.</remarks>
public readonly record struct ObservedPace : System.Text.Json.Serialization.IJsonOnDeserialized
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal ObservedPace(double Factor, bool IsObserved, int TimedEvidence, double ActualMinutes, double EstimatedMinutes)
    {
        this.Factor = Factor;
        this.IsObserved = IsObserved;
        this.TimedEvidence = TimedEvidence;
        this.ActualMinutes = ActualMinutes;
        this.EstimatedMinutes = EstimatedMinutes;
    }

    /// <summary>What the catalog's estimates are multiplied by to project: actual ÷ estimated minutes over the timed evidence, kept within [<see cref="PacingOptions.MinimumPace"/>, <see cref="PacingOptions.MaximumPace"/>]; the pathway's own factor (extended time) when too little evidence is timed.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double Factor { get; internal init; }

    /// <summary>Whether <see cref="Factor"/> comes from the learner's evidence.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public bool IsObserved { get; internal init; }

    /// <summary>How many pieces of evidence were used (the newest, up to the window).</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public int TimedEvidence { get; internal init; }

    /// <summary>Their actual minutes.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double ActualMinutes { get; internal init; }

    /// <summary>Their activities' estimates.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double EstimatedMinutes { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Factor">The value of <see cref="Factor"/>.</param>
    /// <param name="IsObserved">The value of <see cref="IsObserved"/>.</param>
    /// <param name="TimedEvidence">The value of <see cref="TimedEvidence"/>.</param>
    /// <param name="ActualMinutes">The value of <see cref="ActualMinutes"/>.</param>
    /// <param name="EstimatedMinutes">The value of <see cref="EstimatedMinutes"/>.</param>
    public void Deconstruct(out double Factor, out bool IsObserved, out int TimedEvidence, out double ActualMinutes, out double EstimatedMinutes)
    {
        Factor = this.Factor;
        IsObserved = this.IsObserved;
        TimedEvidence = this.TimedEvidence;
        ActualMinutes = this.ActualMinutes;
        EstimatedMinutes = this.EstimatedMinutes;
    }

    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>ObservedPace { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Refuses a pace read from JSON that the planner would not report.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        // Observed, the factor is the evidence's, clamped to the pace bounds; not observed, it is the learner's extended-time
        // factor (LearningPlanner.ObservePace), 1 unless the learner has extended time, never outside that factor's range
        // (issue 21: an unobserved pace of 0.5 was read, which no learner's accommodations give).
        Serialization.ReadResults.Require(IsObserved
            ? Factor is >= PacingOptions.MinimumPace and <= PacingOptions.MaximumPace
            : Factor is >= LearnerAccommodations.MinimumExtendedTimeFactor and <= LearnerAccommodations.MaximumExtendedTimeFactor, "observed pace",
            $"its factor {Serialization.ReadResults.F(Factor)} is not a pace (observed: within [{Serialization.ReadResults.F(PacingOptions.MinimumPace)}, {Serialization.ReadResults.F(PacingOptions.MaximumPace)}]; not observed: the extended-time factor, within [{Serialization.ReadResults.F(LearnerAccommodations.MinimumExtendedTimeFactor)}, {Serialization.ReadResults.F(LearnerAccommodations.MaximumExtendedTimeFactor)}])");
        Serialization.ReadResults.Require(TimedEvidence >= 0 && Serialization.ReadResults.IsNonNegative(ActualMinutes) && Serialization.ReadResults.IsNonNegative(EstimatedMinutes), "observed pace", "a count or a number of minutes is negative or not finite");
        // The minutes are sums over the timed pieces, each with an estimate above 0: none timed, both are 0; one or more,
        // the estimates add up to more than 0.
        Serialization.ReadResults.Require(TimedEvidence == 0 ? ActualMinutes == 0 && EstimatedMinutes == 0 : EstimatedMinutes > 0, "observed pace",
            $"it counts {TimedEvidence} timed pieces of evidence with {Serialization.ReadResults.F(ActualMinutes)} actual and {Serialization.ReadResults.F(EstimatedMinutes)} estimated minutes (none timed: both 0; some: estimated minutes above 0)");
    }
}

/// <summary>Where something with a date stands: what is left, when it is projected to be done, and the time per week
/// that would finish it on its date.</summary>
/// <remarks>The default value (nothing remaining, completion at <see cref="DateTimeOffset.MinValue"/>, the status whose value is 0) is not a forecast the planner reports. Immutable and thread-safe.</remarks>
public readonly record struct PacingForecast : System.Text.Json.Serialization.IJsonOnDeserialized
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal PacingForecast(double RemainingMinutes, DateTimeOffset ProjectedCompletion, PacingStatus Status, double? RequiredMinutesPerWeek = null)
    {
        this.RemainingMinutes = RemainingMinutes;
        this.ProjectedCompletion = ProjectedCompletion;
        this.Status = Status;
        this.RequiredMinutesPerWeek = RequiredMinutesPerWeek;
    }

    /// <summary>The projected minutes until it is done, counting every pathway step before it.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double RemainingMinutes { get; internal init; }

    /// <summary>When it is projected to be done at the planned weekly time.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public DateTimeOffset ProjectedCompletion { get; internal init; }

    /// <summary>How it stands against its date.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public PacingStatus Status { get; internal init; }

    /// <summary>The weekly time that finishes it on its date; 0 when complete, null when it has no date or its date has passed.</summary>
    public double? RequiredMinutesPerWeek { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="RemainingMinutes">The value of <see cref="RemainingMinutes"/>.</param>
    /// <param name="ProjectedCompletion">The value of <see cref="ProjectedCompletion"/>.</param>
    /// <param name="Status">The value of <see cref="Status"/>.</param>
    /// <param name="RequiredMinutesPerWeek">The value of <see cref="RequiredMinutesPerWeek"/>.</param>
    public void Deconstruct(out double RemainingMinutes, out DateTimeOffset ProjectedCompletion, out PacingStatus Status, out double? RequiredMinutesPerWeek)
    {
        RemainingMinutes = this.RemainingMinutes;
        ProjectedCompletion = this.ProjectedCompletion;
        Status = this.Status;
        RequiredMinutesPerWeek = this.RequiredMinutesPerWeek;
    }

    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>PacingForecast { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Refuses a forecast read from JSON that the planner would not make.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        Serialization.ReadResults.Require(Serialization.ReadResults.IsNonNegative(RemainingMinutes), "pacing forecast", $"its remaining minutes {Serialization.ReadResults.F(RemainingMinutes)} are not a finite number ≥ 0");
        Serialization.ReadResults.Require(Enum.IsDefined(Status), "pacing forecast", $"its status {(int)Status} is not one of the enumeration's values");
        Serialization.ReadResults.Require(RequiredMinutesPerWeek is null || Serialization.ReadResults.IsNonNegative(RequiredMinutesPerWeek.Value), "pacing forecast", "its required minutes per week are not a finite number ≥ 0");
    }
}

/// <summary>The projection for one goal.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record GoalProjection : System.Text.Json.Serialization.IJsonOnDeserialized
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal GoalProjection(CompetencyId Competency, PacingForecast Forecast, DateTimeOffset? TargetDate = null)
    {
        this.Competency = Competency;
        this.TargetDate = TargetDate;
        this.Forecast = Forecast;
    }

    /// <summary>The goal competency.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public CompetencyId Competency { get; internal init; }

    /// <summary>Its target date, if any.</summary>
    public DateTimeOffset? TargetDate { get; internal init; }

    /// <summary>Where it stands.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public PacingForecast Forecast { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="TargetDate">The value of <see cref="TargetDate"/>.</param>
    /// <param name="Forecast">The value of <see cref="Forecast"/>.</param>
    public void Deconstruct(out CompetencyId Competency, out DateTimeOffset? TargetDate, out PacingForecast Forecast)
    {
        Competency = this.Competency;
        TargetDate = this.TargetDate;
        Forecast = this.Forecast;
    }

    /// <inheritdoc />
    public override string ToString() => PacingProjection.Describe($"Goal {Competency}", TargetDate, Forecast);

    /// <summary>Refuses a goal projection read from JSON that names no goal.</summary>
    /// <exception cref="System.Text.Json.JsonException">It names no competency.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized() =>
        Serialization.ReadResults.Require(!Competency.IsEmpty, "goal projection", "it names no competency");
}

/// <summary>The projection for one milestone.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MilestoneProjection
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal MilestoneProjection(PlanMilestone Milestone, PacingForecast Forecast)
    {
        this.Milestone = Milestone;
        this.Forecast = Forecast;
    }

    /// <summary>The milestone.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public PlanMilestone Milestone { get; internal init; }

    /// <summary>Where it stands.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public PacingForecast Forecast { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Milestone">The value of <see cref="Milestone"/>.</param>
    /// <param name="Forecast">The value of <see cref="Forecast"/>.</param>
    public void Deconstruct(out PlanMilestone Milestone, out PacingForecast Forecast)
    {
        Milestone = this.Milestone;
        Forecast = this.Forecast;
    }

    /// <inheritdoc />
    public override string ToString() => PacingProjection.Describe($"Milestone '{Milestone.Title}'", Milestone.Date, Forecast);
}

/// <summary>What the plan will not reach by an external deadline at the planned pace.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record DeadlineProjection : System.Text.Json.Serialization.IJsonOnDeserialized
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal DeadlineProjection(ExternalDeadline Deadline, ImmutableArray<CompetencyId> NotReached, ImmutableArray<CompetencyId> GoalsNotReached, PacingForecast Forecast)
    {
        this.Deadline = Deadline;
        this.NotReached = NotReached;
        this.GoalsNotReached = GoalsNotReached;
        this.Forecast = Forecast;
    }

    /// <summary>The deadline.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ExternalDeadline Deadline { get; internal init; }

    /// <summary>The competencies whose steps are projected to end after it, in pathway order.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ImmutableArray<CompetencyId> NotReached { get; internal init; }

    /// <summary>The goals projected to be mastered after it.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ImmutableArray<CompetencyId> GoalsNotReached { get; internal init; }

    /// <summary>Where the whole pathway stands against it.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public PacingForecast Forecast { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Deadline">The value of <see cref="Deadline"/>.</param>
    /// <param name="NotReached">The value of <see cref="NotReached"/>.</param>
    /// <param name="GoalsNotReached">The value of <see cref="GoalsNotReached"/>.</param>
    /// <param name="Forecast">The value of <see cref="Forecast"/>.</param>
    public void Deconstruct(out ExternalDeadline Deadline, out ImmutableArray<CompetencyId> NotReached, out ImmutableArray<CompetencyId> GoalsNotReached, out PacingForecast Forecast)
    {
        Deadline = this.Deadline;
        NotReached = this.NotReached;
        GoalsNotReached = this.GoalsNotReached;
        Forecast = this.Forecast;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(DeadlineProjection? other) =>
        other is not null && Deadline.Equals(other.Deadline) && SequenceEquality.Equal(NotReached, other.NotReached)
        && SequenceEquality.Equal(GoalsNotReached, other.GoalsNotReached) && Forecast.Equals(other.Forecast);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Deadline, SequenceEquality.Hash(NotReached), Forecast);

    /// <summary>Refuses a deadline projection read from JSON whose lists are inconsistent.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        var notReached = NotReached.ToHashSet();
        Serialization.ReadResults.Require(notReached.Count == NotReached.Length && !notReached.Contains(default), "deadline projection", "a competency not reached is empty or listed twice");
        Serialization.ReadResults.Require(GoalsNotReached.Distinct().Count() == GoalsNotReached.Length, "deadline projection", "a goal not reached is listed twice");
    }
}

/// <summary>
/// A forecast of a learning plan at the learner's observed pace: when each goal and milestone will be done, whether it
/// is on track, how much time per week would bring it back, and what an external deadline will not see.
/// </summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PacingProjection : System.Text.Json.Serialization.IJsonOnDeserialized
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal PacingProjection(LearnerId Learner, DateTimeOffset AsOf, double MinutesPerWeek, ObservedPace Pace, PacingForecast Overall, ImmutableArray<GoalProjection> Goals, ImmutableArray<MilestoneProjection> Milestones, DeadlineProjection? Deadline = null)
    {
        this.Learner = Learner;
        this.AsOf = AsOf;
        this.MinutesPerWeek = MinutesPerWeek;
        this.Pace = Pace;
        this.Overall = Overall;
        this.Goals = Goals;
        this.Milestones = Milestones;
        this.Deadline = Deadline;
    }

    /// <summary>The learner.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public LearnerId Learner { get; internal init; }

    /// <summary>The moment of the projection, from the planner's clock.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public DateTimeOffset AsOf { get; internal init; }

    /// <summary>The planned time per week.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double MinutesPerWeek { get; internal init; }

    /// <summary>The pace used.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ObservedPace Pace { get; internal init; }

    /// <summary>The whole pathway: its remaining minutes, its projected end, the worst status of the goals and milestones, and the weekly time that puts every dated goal and milestone on track (null when a date has passed).</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public PacingForecast Overall { get; internal init; }

    /// <summary>Each goal, in the plan's order.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ImmutableArray<GoalProjection> Goals { get; internal init; }

    /// <summary>Each milestone, by date.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ImmutableArray<MilestoneProjection> Milestones { get; internal init; }

    /// <summary>What the external deadline will not see; null when the plan has none.</summary>
    public DeadlineProjection? Deadline { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learner">The value of <see cref="Learner"/>.</param>
    /// <param name="AsOf">The value of <see cref="AsOf"/>.</param>
    /// <param name="MinutesPerWeek">The value of <see cref="MinutesPerWeek"/>.</param>
    /// <param name="Pace">The value of <see cref="Pace"/>.</param>
    /// <param name="Overall">The value of <see cref="Overall"/>.</param>
    /// <param name="Goals">The value of <see cref="Goals"/>.</param>
    /// <param name="Milestones">The value of <see cref="Milestones"/>.</param>
    /// <param name="Deadline">The value of <see cref="Deadline"/>.</param>
    public void Deconstruct(out LearnerId Learner, out DateTimeOffset AsOf, out double MinutesPerWeek, out ObservedPace Pace, out PacingForecast Overall, out ImmutableArray<GoalProjection> Goals, out ImmutableArray<MilestoneProjection> Milestones, out DeadlineProjection? Deadline)
    {
        Learner = this.Learner;
        AsOf = this.AsOf;
        MinutesPerWeek = this.MinutesPerWeek;
        Pace = this.Pace;
        Overall = this.Overall;
        Goals = this.Goals;
        Milestones = this.Milestones;
        Deadline = this.Deadline;
    }

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The extra minutes per week (above the plan) that put every dated goal and milestone on track.</summary>
    /// <value>0 when everything is on track or complete; null when a date has passed.</value>
    [System.Text.Json.Serialization.JsonIgnore]
    public double? ExtraMinutesPerWeek => Overall.RequiredMinutesPerWeek is { } required ? Math.Max(0, required - MinutesPerWeek) : null;

    // The extra weekly time as JSON writes it (derived, for a reader of the document): left out, it is derived again; present,
    // it must be what is derived (issue 21: a negative or NaN one, or one the overall forecast does not give, was read past).
    // The value read is kept only to be checked once the rest is (OnDeserialized); a projection the planner makes has none.
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonPropertyName("extraMinutesPerWeek")]
    internal double? JsonExtraMinutesPerWeek { get => ExtraMinutesPerWeek; init => _extraMinutesPerWeekAsRead = value; }

    private readonly double? _extraMinutesPerWeekAsRead;

    /// <inheritdoc />
    public bool Equals(PacingProjection? other) =>
        other is not null && Learner == other.Learner && AsOf == other.AsOf && MinutesPerWeek.Equals(other.MinutesPerWeek) && Pace.Equals(other.Pace)
        && Overall.Equals(other.Overall) && SequenceEquality.Equal(Goals, other.Goals) && SequenceEquality.Equal(Milestones, other.Milestones)
        && Equals(Deadline, other.Deadline);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, AsOf, Pace, Overall, SequenceEquality.Hash(Goals), SequenceEquality.Hash(Milestones), Deadline);

    internal static string Describe(string what, DateTimeOffset? date, PacingForecast forecast)
    {
        if (forecast.Status == PacingStatus.Complete)
        {
            return $"{what}: complete.";
        }

        var left = string.Create(CultureInfo.InvariantCulture, $"{what}: {forecast.RemainingMinutes:0} min left, projected {forecast.ProjectedCompletion:yyyy-MM-dd}");
        if (forecast.Status == PacingStatus.NoTargetDate)
        {
            return left + "; no target date.";
        }

        return forecast.RequiredMinutesPerWeek is { } required
            ? string.Create(CultureInfo.InvariantCulture, $"{left} against {date:yyyy-MM-dd}: {Label(forecast.Status)} ({required:0} min/week would finish it on time).")
            : string.Create(CultureInfo.InvariantCulture, $"{left}, but the target date {date:yyyy-MM-dd} has passed: off track.");
    }

    private static string Label(PacingStatus status) => status switch
    {
        PacingStatus.OnTrack => "on track",
        PacingStatus.AtRisk => "at risk",
        _ => "off track",
    };

    /// <summary>Refuses a projection read from JSON that the planner would not make.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        const string Noun = "pacing projection";
        Serialization.ReadResults.Require(!Learner.IsEmpty, Noun, "it names no learner");
        Serialization.ReadResults.Require(MinutesPerWeek > 0 && double.IsFinite(MinutesPerWeek), Noun, $"its minutes per week {Serialization.ReadResults.F(MinutesPerWeek)} are not a finite number > 0");

        // Each forecast is what the planner makes of its own remaining minutes against its date, at this moment and weekly
        // time; the overall one is their tally over the whole pathway's minutes (fresh review of issue 21: a goal on track
        // with no minutes left and a weekly time to make, and paces whose parts disagree, were read). One pass over the
        // goals, one over the milestones; a label is formatted only for a message.
        // What the document cannot tell: each remaining minute count is the pathway's step estimates times the pace factor,
        // added up to the goal's or milestone's last step (LearningPlanner.Project), but the steps and their estimates are
        // the plan's, not the projection's, so the minutes are held to each other (the overall ones are the goals'
        // longest, no fewer than a milestone's or the deadline's) and not to an estimate × factor.
        Serialization.ReadResults.Require(Goals.All(g => g is not null) && Milestones.All(m => m?.Milestone is not null), Noun, "a goal or milestone entry is null");
        var tally = new LearningPlanner.PacingTally();
        var longest = 0.0;
        var longestGoal = 0.0;
        for (var i = 0; i < Goals.Length; i++)
        {
            var goal = Goals[i];
            for (var j = 0; j < i; j++)
            {
                Serialization.ReadResults.Require(Goals[j].Competency != goal.Competency, Noun, $"a goal is projected twice ('{goal.Competency}')");
            }

            RequirePlannersForecast(goal.Forecast, goal.TargetDate, "goal", goal.Competency.ToString());
            tally.Add(goal.Forecast);
            longestGoal = Math.Max(longestGoal, goal.Forecast.RemainingMinutes);
        }

        for (var i = 0; i < Milestones.Length; i++)
        {
            var milestone = Milestones[i];
            // Kept as the plan keeps them, by date, then title (LearningPlanner.CheckMilestones), each once: a plan
            // refuses the same milestone twice, so its projection lists each once (issue 21). Equal ones would sit
            // among those of the same date and title, just before this one.
            if (i > 0)
            {
                var (previous, current) = (Milestones[i - 1].Milestone, milestone.Milestone);
                Serialization.ReadResults.Require(previous.Date < current.Date || (previous.Date == current.Date && string.CompareOrdinal(previous.Title, current.Title) <= 0), Noun,
                    $"its milestones are not in date order, then title ('{previous.Title}' on {previous.Date:O} before '{current.Title}' on {current.Date:O})");
                for (var j = i - 1; j >= 0 && Milestones[j].Milestone.Date == current.Date && Milestones[j].Milestone.Title == current.Title; j--)
                {
                    Serialization.ReadResults.Require(!Milestones[j].Milestone.Equals(current), Noun, $"milestone '{current.Title}' on {current.Date:O} is projected twice");
                }
            }

            RequirePlannersForecast(milestone.Forecast, milestone.Milestone.Date, "milestone", milestone.Milestone.Title);
            tally.Add(milestone.Forecast);
            longest = Math.Max(longest, milestone.Forecast.RemainingMinutes);
        }

        longest = Math.Max(longest, longestGoal);
        if (Deadline is { } projected)
        {
            RequirePlannersForecast(projected.Forecast, projected.Deadline.Date, "deadline", projected.Deadline.Name);
            longest = Math.Max(longest, projected.Forecast.RemainingMinutes);
        }

        // The goals a deadline does not see are those not complete and projected after it (a goal's last step may be a
        // project or remediation step, which the learn steps not reached do not list).
        Serialization.ReadResults.Require(Deadline is null || Deadline.GoalsNotReached.SequenceEqual(LearningPlanner.GoalsAfter(Goals, Deadline.Deadline.Date)), Noun,
            "its deadline's goals not reached are not its goals that are not complete and projected after the deadline");
        Serialization.ReadResults.Require(Overall.Status == tally.Status && Overall.RequiredMinutesPerWeek == tally.Required, Noun,
            $"its overall status {Overall.Status} and weekly time are not the tally of its goals and milestones ({tally.Status})");
        // Every step leads to a goal, so the pathway's minutes are those up to the end of the goal that ends last.
        Serialization.ReadResults.Require(Overall.RemainingMinutes >= longest && Overall.RemainingMinutes == longestGoal && Overall.ProjectedCompletion == LearningPlanner.ProjectedEnd(Overall.RemainingMinutes, AsOf, MinutesPerWeek), Noun,
            $"its overall minutes ({Serialization.ReadResults.F(Overall.RemainingMinutes)}) are not its goals' longest ({Serialization.ReadResults.F(longestGoal)}), are fewer than a milestone's or deadline's, or its completion is not those minutes at its weekly time");

        if (Deadline is { } deadline)
        {
            // The learn steps not reached and the goals not reached (LearningPlanner.Project): the deadline's forecast is of
            // the whole pathway, so a learn step is late only when the pathway ends after the deadline; and a goal's last
            // step is no earlier than its own learn step, so a goal whose learn step is late is late too (fresh review of
            // issue 21: competencies not reached were read whatever the goals and the pathway said). That a learn step
            // late makes some goal late follows: every step leads to a goal, so the pathway ends with some goal's last
            // step (the overall minutes are the goals' longest, checked above).
            Serialization.ReadResults.Require(deadline.Forecast.RemainingMinutes == Overall.RemainingMinutes, Noun,
                $"its deadline's forecast has {Serialization.ReadResults.F(deadline.Forecast.RemainingMinutes)} minutes left, not the whole pathway's {Serialization.ReadResults.F(Overall.RemainingMinutes)}");
            Serialization.ReadResults.Require(deadline.NotReached.IsEmpty || deadline.Forecast.ProjectedCompletion > deadline.Deadline.Date, Noun,
                $"its deadline lists competencies not reached ({string.Join(", ", deadline.NotReached)}), but the whole pathway is projected to end by the deadline");
            foreach (var goal in Goals)
            {
                Serialization.ReadResults.Require(!deadline.NotReached.Contains(goal.Competency) || deadline.GoalsNotReached.Contains(goal.Competency), Noun,
                    $"its deadline does not reach the learn step of goal '{goal.Competency}', but lists the goal as reached");
            }
        }

        Serialization.ReadResults.Require(!Pace.IsObserved || (Pace.TimedEvidence >= 1 && Pace.EstimatedMinutes > 0
            && Pace.Factor == Math.Clamp(Pace.ActualMinutes / Pace.EstimatedMinutes, PacingOptions.MinimumPace, PacingOptions.MaximumPace)), Noun,
            "its observed pace is not its actual minutes over its estimated minutes (within the pace bounds), on at least one timed piece");

        // Derived, and read only to be checked: when written, what the overall weekly time and the planned one give.
        var extra = _extraMinutesPerWeekAsRead;
        Serialization.ReadResults.Require(extra is null || extra == ExtraMinutesPerWeek, Noun,
            $"its extra minutes per week ({Serialization.ReadResults.F(extra.GetValueOrDefault())}) are not what its overall weekly time and its planned {Serialization.ReadResults.F(MinutesPerWeek)} give ({(ExtraMinutesPerWeek is { } derived ? Serialization.ReadResults.F(derived) : "none: a date has passed")})");
    }

    // A forecast the planner makes of its own minutes against its date; the label is formatted only for the message.
    private void RequirePlannersForecast(PacingForecast forecast, DateTimeOffset? date, string kind, string name)
    {
        var why = LearningPlanner.Contradiction(forecast, date, AsOf, MinutesPerWeek);
        Serialization.ReadResults.Require(why is null, "pacing projection", $"the forecast of {kind} '{name}' is not one the planner makes: {why}");
    }
}
