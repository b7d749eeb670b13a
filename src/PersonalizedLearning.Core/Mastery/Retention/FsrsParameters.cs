using System.Collections.Immutable;
using System.Globalization;

namespace PersonalizedLearning.Mastery.Retention;

/// <summary>
/// The parameters of FSRS-6 (Free Spaced Repetition Scheduler; Ye et al., open-spaced-repetition): 21 weights, the
/// retention to schedule for, and the short-term learning steps. The defaults are FSRS-6's and ts-fsrs 5's.
/// </summary>
/// <remarks>
/// <para>Each init accessor checks its own value at once and refuses a bad one with an
/// <see cref="ArgumentOutOfRangeException"/> whose <see cref="ArgumentException.ParamName"/> is the property's name
/// (<see cref="ArgumentNullException"/> for a null <see cref="TimeZone"/>): 21 weights, each in the widest range
/// ts-fsrs 5.4.2 allows it (every bad weight named at once), a desired retention in (0, 1), a maximum interval of at least
/// 1 day, steps of whole minutes from 1 minute to 36,500 days, and a day start in [0, 24 h). An object initializer sets
/// one property at a time, so the first bad one throws; a <c>with</c> expression with a bad value throws too and leaves
/// the original as it was.</para>
/// <para>Three weight ranges depend on other properties, so <see cref="FsrsScheduler"/> checks them when it is created,
/// every problem at once: the ceiling of w17 and w18 with more than one of <see cref="RelearningSteps"/>, and the floor
/// of w19 with <see cref="EnableShortTerm"/> (see <see cref="Weights"/>).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record FsrsParameters
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>FSRS-6's 21 default weights w0 … w20.</summary>
    public static ImmutableArray<double> DefaultWeights { get; } =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    /// <summary>The defaults.</summary>
    public static FsrsParameters Default { get; } = new();

    /// <summary>The 21 weights w0 … w20, each within the range ts-fsrs 5.4.2 clamps it to.</summary>
    /// <value><see cref="DefaultWeights"/>.</value>
    /// <remarks>
    /// <para>The ranges are ts-fsrs's <c>CLAMP_PARAMETERS</c>. ts-fsrs moves a weight outside them to the nearest end
    /// without a word; a scheduler here refuses it instead (schedules would otherwise differ from ts-fsrs's, and far
    /// outside them the formulas overflow: w8 or w9 of 1000 give a stability of ∞·0 = NaN on a same-day review, and
    /// w20 above about 1e8 makes the interval NaN). Ends are included:</para>
    /// <list type="bullet">
    /// <item><description>w0 … w3 (initial stability for Again, Hard, Good, Easy): [0.001, 100];</description></item>
    /// <item><description>w4 (initial difficulty): [1, 10];</description></item>
    /// <item><description>w5 (initial difficulty's spread) and w6 (difficulty change per rating): [0.001, 4];</description></item>
    /// <item><description>w7 (difficulty's mean reversion): [0.001, 0.75];</description></item>
    /// <item><description>w8 (recall stability's scale, an exponent): [0, 4.5];</description></item>
    /// <item><description>w9 (recall stability's power of S): [0, 0.8];</description></item>
    /// <item><description>w10 (recall stability's retrievability exponent): [0.001, 3.5];</description></item>
    /// <item><description>w11 (lapse stability's scale): [0.001, 5];</description></item>
    /// <item><description>w12 (lapse stability's power of D): [0.001, 0.25];</description></item>
    /// <item><description>w13 (lapse stability's power of S + 1): [0.001, 0.9];</description></item>
    /// <item><description>w14 (lapse stability's retrievability exponent): [0, 4];</description></item>
    /// <item><description>w15 (Hard's stability factor): [0, 1];</description></item>
    /// <item><description>w16 (Easy's stability factor): [1, 6];</description></item>
    /// <item><description>w17 and w18 (same-day stability exponents): [0, 2]; with more than one relearning step,
    /// [0, c] where c = √(max(0, −(ln w11 + ln(2^w13 − 1) + 0.3·w14) / n)) for n relearning steps, rounded to eight
    /// decimals and kept in [0.01, 2], so that relearning never leaves a lapsed memory more stable than before
    /// (ts-fsrs brings w11, w13 and w14 into their ranges first; here they always are);</description></item>
    /// <item><description>w19 (same-day stability's power of S): [0.01, 0.8] with <see cref="EnableShortTerm"/>,
    /// [0, 0.8] without;</description></item>
    /// <item><description>w20 (the forgetting curve's decay): [0.1, 0.8].</description></item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set to other than 21 weights, or a weight outside the widest range
    /// above (w17 and w18 in [0, 2], w19 in [0, 0.8]); the message names every such weight.</exception>
    public ImmutableArray<double> Weights { get; init => field = CheckWeights(value); } = DefaultWeights;

    /// <summary>The probability of recall at which a review is due.</summary>
    /// <value>0.9; in (0, 1).</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside (0, 1).</exception>
    public double DesiredRetention { get; init => field = OptionProblems.Checked(value, value is > 0 and < 1, What, nameof(DesiredRetention), "the desired retention must be in (0, 1)"); } = 0.9;

    /// <summary>The longest interval, in days.</summary>
    /// <value>36,500; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaximumInterval { get; init => field = OptionProblems.Checked(value, value >= 1, What, nameof(MaximumInterval), "the maximum interval must be at least 1 day"); } = 36_500;

    /// <summary>Whether same-day reviews and learning steps are modelled (FSRS's short-term memory).</summary>
    /// <value>True.</value>
    public bool EnableShortTerm { get; init; } = true;

    /// <summary>The steps of a new memory before it is scheduled in days (with <see cref="EnableShortTerm"/>).</summary>
    /// <value>1 minute, 10 minutes; each a whole number of minutes from 1 minute to 36,500 days.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a default array, or with a step that is not a whole number of
    /// minutes from 1 minute to 36,500 days.</exception>
    public ImmutableArray<TimeSpan> LearningSteps { get; init => field = CheckSteps(value, nameof(LearningSteps), "learning"); } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)];

    /// <summary>The steps of a forgotten memory before it is scheduled in days again.</summary>
    /// <value>10 minutes; each a whole number of minutes from 1 minute to 36,500 days.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a default array, or with a step that is not a whole number of
    /// minutes from 1 minute to 36,500 days.</exception>
    public ImmutableArray<TimeSpan> RelearningSteps { get; init => field = CheckSteps(value, nameof(RelearningSteps), "relearning"); } = [TimeSpan.FromMinutes(10)];

    /// <summary>The learner's time zone, in which <see cref="DayStart"/> is read: two reviews on the same learner day
    /// count as the same day (the short-term update), and elapsed time counts the learner days between reviews.</summary>
    /// <value><see cref="TimeZoneInfo.Utc"/>, as ts-fsrs counts days (UTC calendar days); not null.</value>
    /// <remarks>Not in ts-fsrs: with a zone other than UTC or a <see cref="DayStart"/> other than midnight, schedules
    /// differ from ts-fsrs's exactly where a review falls on another learner day than UTC day. Daylight-saving changes
    /// follow the zone's rules (a learner day is 23 or 25 hours long then).</remarks>
    /// <exception cref="ArgumentNullException">Set to null (<see cref="TimeZoneInfo.Utc"/> is the default).</exception>
    public TimeZoneInfo TimeZone
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(TimeZone));
            field = value;
        }
    }

        = TimeZoneInfo.Utc;

    /// <summary>The local time at which a learner's day starts (Anki's "next day starts at"), in
    /// <see cref="TimeZone"/>: a review at 01:00 belongs to the day before when the day starts at 04:00.</summary>
    /// <value>Midnight (<see cref="TimeSpan.Zero"/>); in [0, 24 h).</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [0, 24 h).</exception>
    public TimeSpan DayStart { get; init => field = OptionProblems.Checked(value, value >= TimeSpan.Zero && value < TimeSpan.FromDays(1), What, nameof(DayStart), "the day start must be a time of day in [0, 24 h)"); } = TimeSpan.Zero;

    /// <summary>Whether <see cref="MaximumInterval"/> caps every interval: with it, no rating is scheduled more than the
    /// maximum ahead (Hard, Good and Easy may then coincide at the maximum, and a learning step of more days is cut to
    /// it).</summary>
    /// <value>False, as ts-fsrs: the maximum caps each rating's own interval, but keeping Hard &lt; Good &lt; Easy can put
    /// Good and Easy one and two days past it (Hard 5, Good 6, Easy 7 days with a maximum of 5), and day-long learning
    /// steps are not capped.</value>
    public bool CapEveryInterval { get; init; }

    // ts-fsrs 5.4.2's CLAMP_PARAMETERS (github.com/open-spaced-repetition/ts-fsrs, packages/fsrs/src/constant.ts; the
    // npm package ts-fsrs@5.4.2 returns the same ranges), the ranges its clipParameters (packages/fsrs/src/default.ts)
    // clamps every weight to. w17 and w18 have a lower ceiling with several relearning steps and w19 a lower floor
    // with short-term memory; see WeightRange.
    private static readonly (double Min, double Max, string Role)[] WeightRanges =
    [
        (0.001, 100, "initial stability for Again"),
        (0.001, 100, "initial stability for Hard"),
        (0.001, 100, "initial stability for Good"),
        (0.001, 100, "initial stability for Easy"),
        (1, 10, "initial difficulty"),
        (0.001, 4, "initial difficulty's spread"),
        (0.001, 4, "difficulty change per rating"),
        (0.001, 0.75, "difficulty's mean reversion"),
        (0, 4.5, "recall stability's scale exponent"),
        (0, 0.8, "recall stability's power of S"),
        (0.001, 3.5, "recall stability's retrievability exponent"),
        (0.001, 5, "lapse stability's scale"),
        (0.001, 0.25, "lapse stability's power of D"),
        (0.001, 0.9, "lapse stability's power of S + 1"),
        (0, 4, "lapse stability's retrievability exponent"),
        (0, 1, "Hard's stability factor"),
        (1, 6, "Easy's stability factor"),
        (0, ShortTermCeiling, "same-day stability exponent"),
        (0, ShortTermCeiling, "same-day stability exponent"),
        (0.01, 0.8, "same-day stability's power of S"),
        (0.1, 0.8, "the forgetting curve's decay"),
    ];

    // ts-fsrs's W17_W18_Ceiling.
    private const double ShortTermCeiling = 2.0;

    /// <summary>The range ts-fsrs 5.4.2 clamps weight <paramref name="index"/> to under these parameters (ends included).</summary>
    internal (double Min, double Max) WeightRange(int index)
    {
        var (min, max, _) = WeightRanges[index];
        if (index == 19 && !EnableShortTerm)
        {
            min = 0;
        }

        if (index is 17 or 18 && !RelearningSteps.IsDefault && RelearningSteps.Length > 1)
        {
            max = RelearningCeiling(RelearningSteps.Length);
        }

        return (min, max);
    }

    // ts-fsrs's clipParameters with n > 1 relearning steps: each relearning step multiplies the lapse stability by
    // e^(w17·w18), and the product must not exceed S; at D = 1, R = 0.7, S = 1 that bounds w17·w18 by
    // −(ln w11 + ln(2^w13 − 1) + 0.3·w14)/n, split evenly as a ceiling of its square root on each.
    private double RelearningCeiling(int relearningSteps)
    {
        // ts-fsrs clamps w11, w13 and w14 first; here they are already finite and in range (Weights refuses any other
        // value as it is set), so they are read as they are.
        var w11 = Weights[11];
        var w13 = Weights[13];
        var w14 = Weights[14];
        var value = -(Math.Log(w11) + Math.Log(Math.Pow(2.0, w13) - 1.0) + (w14 * 0.3)) / relearningSteps;
        var root = Math.Floor((Math.Sqrt(Math.Max(value, 0)) * 1e8) + 0.5) / 1e8; // ts-fsrs's roundTo(x, 8), Math.round(x·1e8)/1e8
        return Math.Clamp(root, 0.01, ShortTermCeiling);
    }

    // The ranges that depend on other properties (w17 and w18 with several relearning steps, w19 with short-term
    // memory), checked when a scheduler is made; the widest ranges were checked as the weights were set.
    internal void Validate()
    {
        var problems = new OptionProblems(What);
        for (var i = 17; i <= 19; i++)
        {
            var (min, max) = WeightRange(i);
            var w = Weights[i];
            if (!(w >= min && w <= max))
            {
                var why = i is 17 or 18
                    ? string.Create(CultureInfo.InvariantCulture, $", the ceiling of w17 and w18 with {RelearningSteps.Length} relearning steps")
                    : " with short-term memory";
                problems.Add(nameof(Weights), string.Create(CultureInfo.InvariantCulture, $"weight w{i} ({WeightRanges[i].Role}) must be a finite number in [{F(min)}, {F(max)}]{why}"), F(w));
            }
        }

        problems.ThrowIfAny("parameters");
    }

    private const string What = "FSRS parameters";

    // Each weight in its widest range: w17 and w18 up to ts-fsrs's ceiling of 2, w19 down to 0 (its floor without
    // short-term memory).
    private static ImmutableArray<double> CheckWeights(ImmutableArray<double> weights)
    {
        var problems = new OptionProblems(What);
        if (weights.IsDefault || weights.Length != 21)
        {
            problems.Add(nameof(Weights), "FSRS-6 needs 21 weights", OptionProblems.Format(weights.IsDefault ? 0 : weights.Length));
        }
        else
        {
            for (var i = 0; i < weights.Length; i++)
            {
                var (min, max, role) = WeightRanges[i];
                min = i == 19 ? 0 : min;
                var w = weights[i];
                if (!(w >= min && w <= max))
                {
                    problems.Add(nameof(Weights), string.Create(CultureInfo.InvariantCulture, $"weight w{i} ({role}) must be a finite number in [{F(min)}, {F(max)}]"), F(w));
                }
            }
        }

        problems.ThrowIfAny();
        return weights;
    }

    // ts-fsrs's steps are whole numbers of minutes, hours or days; a step of seconds rounded to 0 minutes (due at once,
    // still learning) and one of 1,439.5 minutes stayed a learning step due the next day.
    private static ImmutableArray<TimeSpan> CheckSteps(ImmutableArray<TimeSpan> steps, string name, string kind)
    {
        var problems = new OptionProblems(What);
        var rule = $"every {kind} step must be a whole number of minutes from 1 minute to 36,500 days";
        if (steps.IsDefault)
        {
            problems.Add(name, rule, "a default array");
        }
        else
        {
            var bad = steps.Where(s => s < TimeSpan.FromMinutes(1) || s > TimeSpan.FromDays(36_500) || s.Ticks % TimeSpan.TicksPerMinute != 0).ToList();
            if (bad.Count > 0)
            {
                problems.Add(name, rule, string.Join(", ", bad.Select(s => OptionProblems.Format(s))));
            }
        }

        problems.ThrowIfAny();
        return steps;
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
