namespace PersonalizedLearning.Mastery.Retention;

/// <summary>The memory of one thing (a flash card, a competency) as FSRS tracks it between reviews.</summary>
/// <param name="State">Where it is in the learning cycle.</param>
/// <param name="Stability">S: the interval, in days, at which recall falls to 90%; 0 when new.</param>
/// <param name="Difficulty">D in [1, 10]; 0 when new.</param>
/// <param name="Due">When the next review is due.</param>
/// <param name="LastReview">When it was last reviewed; null when new.</param>
/// <param name="Reps">How many reviews it has had.</param>
/// <param name="Lapses">How many times it was forgotten in review.</param>
/// <param name="LearningStep">Which (re)learning step it is on.</param>
/// <param name="ScheduledDays">The interval scheduled at the last review, in whole days (0 for a step in minutes).</param>
/// <remarks>Immutable and thread-safe. The default value is a new card due at <see cref="DateTimeOffset.MinValue"/>.</remarks>
public readonly record struct FsrsCard(
    FsrsState State,
    double Stability,
    double Difficulty,
    DateTimeOffset Due,
    DateTimeOffset? LastReview,
    int Reps,
    int Lapses,
    int LearningStep,
    int ScheduledDays)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>FsrsCard { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>A card never reviewed, due now.</summary>
    /// <param name="now">When it was created.</param>
    /// <returns>The card.</returns>
    public static FsrsCard New(DateTimeOffset now) => new(FsrsState.New, 0, 0, now, null, 0, 0, 0, 0);
}

/// <summary>One review as FSRS saw it.</summary>
/// <param name="Card">The card after the review.</param>
/// <param name="Rating">The rating given.</param>
/// <param name="ReviewedAt">When.</param>
/// <param name="StateBefore">The card's state before the review.</param>
/// <param name="ElapsedDays">Whole learner days since the previous review (UTC calendar days unless the parameters give the
/// learner's day; see <see cref="FsrsScheduler.DaysBetween"/>); 0 for a new card.</param>
/// <param name="RetrievabilityBefore">P(recall) just before the review, as <see cref="FsrsScheduler.Retrievability(in FsrsCard, DateTimeOffset)"/>
/// reports it; null for a new card.</param>
/// <remarks>The default value records no review (a default card, the rating and state whose value is 0, the moment <see cref="DateTimeOffset.MinValue"/>); the scheduler never reports one. Immutable and thread-safe.</remarks>
public readonly record struct FsrsReview(FsrsCard Card, FsrsRating Rating, DateTimeOffset ReviewedAt, FsrsState StateBefore, int ElapsedDays, double? RetrievabilityBefore)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>FsrsReview { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The time from this review to the next due one.</summary>
    public TimeSpan Interval => Card.Due - ReviewedAt;
}
