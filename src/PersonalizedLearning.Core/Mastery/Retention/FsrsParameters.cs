using System.Collections.Immutable;
using System.Globalization;

namespace PersonalizedLearning.Mastery.Retention;

/// <summary>
/// The parameters of FSRS-6 (Free Spaced Repetition Scheduler; Ye et al., open-spaced-repetition): 21 weights, the
/// retention to schedule for, and the short-term learning steps. The defaults are FSRS-6's and ts-fsrs 5's.
/// </summary>
/// <remarks>Immutable and thread-safe. Values are checked by <see cref="FsrsScheduler"/>, which reports every
/// problem at once: 21 weights, each in ts-fsrs 5.4.2's range for it (see <see cref="Weights"/>), a desired retention in
/// (0, 1), a maximum interval of at least 1 day, steps of whole minutes from 1 minute to 36,500 days, a time zone, and a
/// day start in [0, 24 h).</remarks>
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
    /// (w11, w13 and w14 are brought into their ranges first, as ts-fsrs does);</description></item>
    /// <item><description>w19 (same-day stability's power of S): [0.01, 0.8] with <see cref="EnableShortTerm"/>,
    /// [0, 0.8] without;</description></item>
    /// <item><description>w20 (the forgetting curve's decay): [0.1, 0.8].</description></item>
    /// </list>
    /// </remarks>
    public ImmutableArray<double> Weights { get; init; } = DefaultWeights;

    /// <summary>The probability of recall at which a review is due.</summary>
    /// <value>0.9; in (0, 1).</value>
    public double DesiredRetention { get; init; } = 0.9;

    /// <summary>The longest interval, in days.</summary>
    /// <value>36,500; at least 1.</value>
    public int MaximumInterval { get; init; } = 36_500;

    /// <summary>Whether same-day reviews and learning steps are modelled (FSRS's short-term memory).</summary>
    /// <value>True.</value>
    public bool EnableShortTerm { get; init; } = true;

    /// <summary>The steps of a new memory before it is scheduled in days (with <see cref="EnableShortTerm"/>).</summary>
    /// <value>1 minute, 10 minutes.</value>
    public ImmutableArray<TimeSpan> LearningSteps { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)];

    /// <summary>The steps of a forgotten memory before it is scheduled in days again.</summary>
    /// <value>10 minutes.</value>
    public ImmutableArray<TimeSpan> RelearningSteps { get; init; } = [TimeSpan.FromMinutes(10)];

    /// <summary>The learner's time zone, in which <see cref="DayStart"/> is read: two reviews on the same learner day
    /// count as the same day (the short-term update), and elapsed time counts the learner days between reviews.</summary>
    /// <value><see cref="TimeZoneInfo.Utc"/>, as ts-fsrs counts days (UTC calendar days); not null.</value>
    /// <remarks>Not in ts-fsrs: with a zone other than UTC or a <see cref="DayStart"/> other than midnight, schedules
    /// differ from ts-fsrs's exactly where a review falls on another learner day than UTC day. Daylight-saving changes
    /// follow the zone's rules (a learner day is 23 or 25 hours long then).</remarks>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The local time at which a learner's day starts (Anki's "next day starts at"), in
    /// <see cref="TimeZone"/>: a review at 01:00 belongs to the day before when the day starts at 04:00.</summary>
    /// <value>Midnight (<see cref="TimeSpan.Zero"/>); in [0, 24 h).</value>
    public TimeSpan DayStart { get; init; } = TimeSpan.Zero;

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
        var w11 = Weights[11];
        var w13 = Weights[13];
        var w14 = Weights[14];
        if (!(double.IsFinite(w11) && double.IsFinite(w13) && double.IsFinite(w14)))
        {
            return ShortTermCeiling; // the non-finite weight is reported on its own
        }

        w11 = Math.Clamp(w11, WeightRanges[11].Min, WeightRanges[11].Max);
        w13 = Math.Clamp(w13, WeightRanges[13].Min, WeightRanges[13].Max);
        w14 = Math.Clamp(w14, WeightRanges[14].Min, WeightRanges[14].Max);
        var value = -(Math.Log(w11) + Math.Log(Math.Pow(2.0, w13) - 1.0) + (w14 * 0.3)) / relearningSteps;
        var root = Math.Floor((Math.Sqrt(Math.Max(value, 0)) * 1e8) + 0.5) / 1e8; // ts-fsrs's roundTo(x, 8), Math.round(x·1e8)/1e8
        return Math.Clamp(root, 0.01, ShortTermCeiling);
    }

    internal void Validate()
    {
        var problems = new List<string>();
        if (Weights.IsDefault || Weights.Length != 21)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"FSRS-6 needs 21 weights; got {(Weights.IsDefault ? 0 : Weights.Length)}"));
        }
        else
        {
            for (var i = 0; i < Weights.Length; i++)
            {
                var (min, max) = WeightRange(i);
                var w = Weights[i];
                if (!(w >= min && w <= max))
                {
                    var why = i is 17 or 18 && max < ShortTermCeiling
                        ? string.Create(CultureInfo.InvariantCulture, $", the ceiling of w17 and w18 with {RelearningSteps.Length} relearning steps")
                        : i == 19 && EnableShortTerm ? " with short-term memory" : string.Empty;
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"weight w{i} ({WeightRanges[i].Role}) must be a finite number in [{F(min)}, {F(max)}]{why}; got {F(w)}"));
                }
            }
        }

        if (!(DesiredRetention > 0 && DesiredRetention < 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the desired retention must be in (0, 1); got {DesiredRetention}"));
        }

        if (MaximumInterval < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the maximum interval must be at least 1 day; got {MaximumInterval}"));
        }

        foreach (var (name, steps) in new[] { ("learning", LearningSteps), ("relearning", RelearningSteps) })
        {
            // ts-fsrs's steps are whole numbers of minutes, hours or days; a step of seconds rounded to 0 minutes
            // (due at once, still learning) and one of 1,439.5 minutes stayed a learning step due the next day.
            var bad = steps.IsDefault ? null : steps.Where(s => s < TimeSpan.FromMinutes(1) || s > TimeSpan.FromDays(36_500) || s.Ticks % TimeSpan.TicksPerMinute != 0).ToList();
            if (bad is null || bad.Count > 0)
            {
                problems.Add($"every {name} step must be a whole number of minutes from 1 minute to 36,500 days{(bad is null ? string.Empty : $"; got {string.Join(", ", bad)}")}");
            }
        }

        if (TimeZone is null)
        {
            problems.Add("the time zone must not be null (TimeZoneInfo.Utc is the default)");
        }

        if (!(DayStart >= TimeSpan.Zero && DayStart < TimeSpan.FromDays(1)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the day start must be a time of day in [0, 24 h); got {DayStart}"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The FSRS parameters are not valid: {string.Join("; ", problems)}.", "parameters");
        }
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
