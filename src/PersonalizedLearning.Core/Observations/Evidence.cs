using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Observations;

/// <summary>
/// One observation of what a learner showed: who, about which competency or activity, with what outcome,
/// when, from what kind of source, and how much it should count.
/// </summary>
/// <remarks>
/// <para>Evidence names a competency, an activity, or both. Evidence about an activity alone counts toward
/// every competency the activity is aligned to, scaled by the alignment weight; evidence that names a
/// competency counts toward that competency only.</para>
/// <para>The <see cref="Id"/> makes recording idempotent: a learner state that has folded an id ignores it
/// the second time when the content is equal, and refuses it (<see cref="EvidenceConflictException"/>) when it is not.
/// Evidence is folded in <see cref="FoldOrder"/>, whatever order it arrives in. Immutable and thread-safe; equality is by
/// value, with the timestamp compared as an instant: the same moment written with another UTC offset is the same evidence,
/// so recording it again changes nothing and the offset first recorded is kept (xAPI 1.0.3, Part Two, "Statement
/// Immutability and Exceptions", likewise ignores how a timestamp's time zone is serialized).</para>
/// </remarks>
public sealed record Evidence
{
    /// <summary>Creates a piece of evidence.</summary>
    /// <param name="id">A unique id, such as an xAPI statement id.</param>
    /// <param name="learner">The learner it is about.</param>
    /// <param name="outcome">What was shown.</param>
    /// <param name="timestamp">When it was shown.</param>
    /// <param name="competency">The competency it is about, if it names one.</param>
    /// <param name="activity">The activity it came from, if any.</param>
    /// <param name="kind">Where it comes from.</param>
    /// <param name="weight">How much it counts relative to other evidence; in [<see cref="MinimumWeight"/>,
    /// <see cref="MaximumWeight"/>] = [1e-6, 1e6].</param>
    /// <param name="duration">How long the learner actually spent on it (xAPI <c>result.duration</c>), if known; not negative.
    /// Pacing compares it with the activity's estimate.</param>
    /// <exception cref="ArgumentException">An id is empty, or neither a competency nor an activity is named.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is NaN or outside [1e-6, 1e6],
    /// <paramref name="kind"/> is not a defined value, <paramref name="duration"/> is negative, or
    /// <paramref name="timestamp"/> is outside [<see cref="EarliestTimestamp"/>, <see cref="LatestTimestamp"/>)
    /// (<c>default(DateTimeOffset)</c> included).</exception>
    public Evidence(
        EvidenceId id,
        LearnerId learner,
        EvidenceOutcome outcome,
        DateTimeOffset timestamp,
        CompetencyId? competency = null,
        ActivityId? activity = null,
        EvidenceKind kind = EvidenceKind.Formative,
        double weight = 1.0,
        TimeSpan? duration = null)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("Evidence needs a non-empty id; got the default (empty) id.", nameof(id));
        }

        if (learner.IsEmpty)
        {
            throw new ArgumentException($"Evidence '{id}' needs a non-empty learner id.", nameof(learner));
        }

        if (competency is null && activity is null)
        {
            throw new ArgumentException($"Evidence '{id}' must name a competency, an activity, or both.", nameof(competency));
        }

        if (competency is { IsEmpty: true } || activity is { IsEmpty: true })
        {
            throw new ArgumentException($"Evidence '{id}' names an empty (default) competency or activity id; pass null instead.", competency is { IsEmpty: true } ? nameof(competency) : nameof(activity));
        }

        if (!(weight >= MinimumWeight && weight <= MaximumWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Evidence '{id}' must have a weight in [1e-6, 1e6]; got {weight.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Evidence '{id}' has an undefined kind {(int)kind}.");
        }

        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"Evidence '{id}' has a negative duration.");
        }

        if (timestamp < EarliestTimestamp || timestamp >= LatestTimestamp)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, timestamp == default
                ? $"Evidence '{id}' has no timestamp: default(DateTimeOffset), 0001-01-01, is not when anything was shown."
                : $"Evidence '{id}' is dated {timestamp.ToString("O", CultureInfo.InvariantCulture)}, outside [1900-01-01, 2200-01-01) UTC: a date that far off is a mistake (a parsing, unit or time-zone error), and folding it would put it before or after all real evidence.");
        }

        Id = id;
        Learner = learner;
        Outcome = outcome;
        Timestamp = timestamp;
        Competency = competency;
        Activity = activity;
        Kind = kind;
        Weight = weight;
        Duration = duration;
    }

    /// <summary>The earliest moment evidence may carry: 1900-01-01T00:00:00Z.</summary>
    /// <remarks>Evidence is folded in time order (issue 15); a timestamp centuries away from any real one, such as
    /// <c>default(DateTimeOffset)</c> from a field never set, would silently come first or last. No learner's evidence
    /// predates 1900.</remarks>
    public static DateTimeOffset EarliestTimestamp { get; } = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first moment evidence may no longer carry: 2200-01-01T00:00:00Z (see <see cref="EarliestTimestamp"/>).</summary>
    public static DateTimeOffset LatestTimestamp { get; } = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The order evidence is folded in: by timestamp (the instant, whatever the offset), then by evidence id
    /// (ordinal), so that equal timestamps still have one order.</summary>
    /// <remarks>A learner state folds each competency's evidence in this order whatever order it arrives in, which is
    /// what Canvas and Moodle do with results (by their time, not by when the gradebook received them). A log read back
    /// in this order rebuilds the same state in one pass. Thread-safe.</remarks>
    public static IComparer<Evidence> FoldOrder { get; } = Comparer<Evidence>.Create(CompareFoldOrder);

    /// <summary>The smallest weight evidence may have: 1e-6.</summary>
    /// <remarks>Weights are bounded so that the rollup models' weighted means stay exact: with evidence weights in
    /// [1e-6, 1e6] and alignment weights in [1e-6, 1], every weight a model sees is a normal double in
    /// [1e-12, 1e6], and running sums over any number of observations a learner state can count stay far inside the
    /// double range (weights of 5e-324 made a mean of 0.5, 1 and 0.75 come out as 0.667; weights of 1e308 made it NaN).</remarks>
    public const double MinimumWeight = 1e-6;

    /// <summary>The largest weight evidence may have: 1e6 (see <see cref="MinimumWeight"/>).</summary>
    public const double MaximumWeight = 1e6;

    /// <summary>The evidence id; recording the same id twice changes nothing.</summary>
    public EvidenceId Id { get; }

    /// <summary>The learner it is about.</summary>
    public LearnerId Learner { get; }

    /// <summary>What was shown.</summary>
    public EvidenceOutcome Outcome { get; }

    /// <summary>When it was shown.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The competency it is about.</summary>
    /// <value>Null when the evidence is about an activity only.</value>
    public CompetencyId? Competency { get; }

    /// <summary>The activity it came from.</summary>
    /// <value>Null when the evidence names a competency only.</value>
    public ActivityId? Activity { get; }

    /// <summary>Where it comes from.</summary>
    /// <value><see cref="EvidenceKind.Formative"/> unless given.</value>
    public EvidenceKind Kind { get; }

    /// <summary>How much it counts relative to other evidence.</summary>
    /// <value>1 unless given; in [1e-6, 1e6].</value>
    public double Weight { get; }

    /// <summary>How long the learner actually spent on it.</summary>
    /// <value>Null when not known.</value>
    public TimeSpan? Duration { get; }

    /// <summary>Evidence about one competency.</summary>
    /// <param name="id">A unique id.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="competency">The competency.</param>
    /// <param name="outcome">What was shown.</param>
    /// <param name="timestamp">When.</param>
    /// <param name="kind">Where it comes from.</param>
    /// <returns>The evidence.</returns>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    public static Evidence ForCompetency(EvidenceId id, LearnerId learner, CompetencyId competency, EvidenceOutcome outcome, DateTimeOffset timestamp, EvidenceKind kind = EvidenceKind.Formative)
        => new(id, learner, outcome, timestamp, competency: competency, kind: kind);

    /// <summary>Evidence from an activity; it counts toward every competency the activity is aligned to.</summary>
    /// <param name="id">A unique id.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="activity">The activity.</param>
    /// <param name="outcome">What was shown.</param>
    /// <param name="timestamp">When.</param>
    /// <param name="kind">Where it comes from.</param>
    /// <returns>The evidence.</returns>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    public static Evidence ForActivity(EvidenceId id, LearnerId learner, ActivityId activity, EvidenceOutcome outcome, DateTimeOffset timestamp, EvidenceKind kind = EvidenceKind.Formative)
        => new(id, learner, outcome, timestamp, activity: activity, kind: kind);

    /// <summary>The evidence as text, culture-invariant: its id, learner, what it is about, outcome, ISO 8601 timestamp,
    /// and kind, weight and duration when not the defaults.</summary>
    /// <returns>For example <c>Evidence { Id = ev-1, Learner = ana, Activity = f1-practice, Outcome = 0.9, Timestamp = 2026-09-01T10:00:00.0000000+00:00 }</c>.</returns>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder("Evidence { Id = ").Append(Id).Append(", Learner = ").Append(Learner);
        if (Competency is { } competency)
        {
            text.Append(", Competency = ").Append(competency);
        }

        if (Activity is { } activity)
        {
            text.Append(", Activity = ").Append(activity);
        }

        text.Append(", Outcome = ").Append(Outcome).Append(", Timestamp = ").Append(Timestamp.ToString("O", CultureInfo.InvariantCulture));
        if (Kind != EvidenceKind.Formative)
        {
            text.Append(", Kind = ").Append(Kind);
        }

        if (Weight != 1)
        {
            text.Append(", Weight = ").Append(Weight.ToString("R", CultureInfo.InvariantCulture));
        }

        if (Duration is { } duration)
        {
            text.Append(", Duration = ").Append(duration.ToString("c", CultureInfo.InvariantCulture));
        }

        return text.Append(" }").ToString();
    }

    // Where this piece's activity and competency were last found: the looking catalog's or framework's serial in the high
    // half, the dense index in the low half (0 while none has looked). Set with one atomic write, so a reader sees a whole
    // pair. A piece's ids never change and a serial names one catalog or framework, so a kept pair stays true. Not part of
    // equality.
    private Resolved _activitySlot;
    private Resolved _competencySlot;

    /// <summary>The dense index of this piece's activity in a catalog, or −1 when it names none or the catalog lacks it;
    /// one hash lookup the first time a catalog asks, O(1) after (the answer is kept on the piece).</summary>
    internal int ActivityIndexIn(ActivityCatalog catalog)
    {
        if (Activity is not { } activity)
        {
            return -1;
        }

        if (_activitySlot.TryGet(catalog.Serial, out var kept))
        {
            return kept;
        }

        return catalog.TryGetIndex(activity, out var index) ? _activitySlot.Keep(catalog.Serial, index) : -1;
    }

    /// <summary>The dense index of the competency this piece names in a framework, or −1 when it names none or the framework
    /// lacks it; kept on the piece like <see cref="ActivityIndexIn"/>.</summary>
    internal int CompetencyIndexIn(CompetencyFramework framework)
    {
        if (Competency is not { } competency)
        {
            return -1;
        }

        if (_competencySlot.TryGet(framework.Serial, out var kept))
        {
            return kept;
        }

        return framework.TryGetIndex(competency, out var index) ? _competencySlot.Keep(framework.Serial, index) : -1;
    }

    /// <summary>A kept lookup: the serial of who looked in the high half, the index found in the low half. Every two are
    /// equal, so the record's equality and hash ignore it.</summary>
    private struct Resolved : IEquatable<Resolved>
    {
        private long _value;

        /// <summary>The index kept for <paramref name="serial"/>, if the last lookup was by it.</summary>
        public readonly bool TryGet(int serial, out int index)
        {
            var value = Volatile.Read(in _value);
            index = unchecked((int)value);
            return (int)(value >>> 32) == serial;
        }

        /// <summary>Keeps an index found by <paramref name="serial"/>, in one atomic write; returns it.</summary>
        public int Keep(int serial, int index)
        {
            Volatile.Write(ref _value, ((long)serial << 32) | (uint)index);
            return index;
        }

        public readonly bool Equals(Resolved other) => true;

        public override readonly bool Equals(object? obj) => obj is Resolved;

        public override readonly int GetHashCode() => 0;
    }

    /// <summary>Compares by <see cref="FoldOrder"/>.</summary>
    internal static int CompareFoldOrder(Evidence? left, Evidence? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null || right is null)
        {
            return left is null ? -1 : 1;
        }

        var byTime = left.Timestamp.UtcTicks.CompareTo(right.Timestamp.UtcTicks);
        return byTime != 0 ? byTime : left.Id.CompareTo(right.Id);
    }
}
