using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace PersonalizedLearning.Mastery.Retention;

/// <summary>
/// The FSRS-6 memory model and scheduler, computed as ts-fsrs 5 (the reference TypeScript implementation) computes it,
/// without fuzz: the same formulas, the same learning-step rules, and the same rounding of every intermediate value to
/// eight decimals, so that schedules agree to the day.
/// </summary>
/// <remarks>
/// <para>The model (open-spaced-repetition wiki, "The Algorithm", FSRS-6):</para>
/// <list type="bullet">
/// <item><description>retrievability R(t, S) = (1 + F·t/S)^(−w20), with F = 0.9^(−1/w20) − 1 so that R(S, S) = 0.9;</description></item>
/// <item><description>initial S0(G) = w(G−1), D0(G) = w4 − e^(w5·(G−1)) + 1;</description></item>
/// <item><description>difficulty: ΔD = −w6·(G − 3), damped by (10 − D)/9, then mean reversion towards D0(Easy) with weight w7;</description></item>
/// <item><description>recall: S' = S·(1 + e^w8·(11 − D)·S^(−w9)·(e^(w10·(1 − R)) − 1)·(w15 if Hard)·(w16 if Easy));</description></item>
/// <item><description>lapse: S' = min(w11·D^(−w12)·((S + 1)^w13 − 1)·e^(w14·(1 − R)), S / e^(w17·w18));</description></item>
/// <item><description>same day: S' = S·S^(−w19)·e^(w17·(G − 3 + w18)), never lower for Hard, Good or Easy; with
/// short-term memory this is the update whenever no calendar day has passed since the last review, in any state, and a
/// card in (re)learning reviewed on a later day takes the recall or lapse update (ts-fsrs's <c>next_state</c>);</description></item>
/// <item><description>interval I = S·(r^(−1/w20) − 1)/F for the desired retention r, rounded, in [1, maximum].</description></item>
/// </list>
/// <para>Elapsed time counts whole UTC calendar days, as ts-fsrs does, unless the parameters give the learner's own day
/// (<see cref="FsrsParameters.TimeZone"/>, <see cref="FsrsParameters.DayStart"/>). Every method is O(1) and
/// allocation-free.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class FsrsScheduler
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>FsrsScheduler { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private const double MinimumStability = 0.001;
    private const double MaximumStability = 36_500;
    private const int MinutesPerDay = 1440;
    private readonly double[] _w;
    private readonly double _expW8;
    private readonly double _easyInitialDifficulty;
    private readonly bool _utcDays;

    /// <summary>Creates a scheduler.</summary>
    /// <param name="parameters">The parameters, or null for <see cref="FsrsParameters.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A weight is outside the range that depends on other parameters (w17 and
    /// w18 with several relearning steps, w19 with short-term memory; see <see cref="FsrsParameters.Weights"/>): one
    /// exception, <see cref="ArgumentException.ParamName"/> <c>parameters</c>, whose message names each such weight with
    /// its index, range and value. (Every other rule is checked as the parameters are set.)</exception>
    public FsrsScheduler(FsrsParameters? parameters = null)
    {
        Parameters = parameters ?? FsrsParameters.Default;
        Parameters.Validate();
        _w = [.. Parameters.Weights];
        _expW8 = Math.Exp(_w[8]);
        _easyInitialDifficulty = InitialDifficulty(4);
        _utcDays = Parameters.TimeZone == TimeZoneInfo.Utc && Parameters.DayStart == TimeSpan.Zero;
        Decay = -_w[20];
        Factor = Round8(Math.Exp(Math.Log(0.9) / Decay) - 1);
        IntervalModifier = Round8((Math.Pow(Parameters.DesiredRetention, 1 / Decay) - 1) / Factor);
    }

    /// <summary>The default scheduler.</summary>
    public static FsrsScheduler Default { get; } = new();

    /// <summary>The parameters.</summary>
    public FsrsParameters Parameters { get; }

    /// <summary>The forgetting curve's exponent, −w20.</summary>
    public double Decay { get; }

    /// <summary>F, chosen so that R(S, S) = 0.9.</summary>
    public double Factor { get; }

    /// <summary>The interval, in units of stability, at which R falls to the desired retention.</summary>
    public double IntervalModifier { get; }

    /// <summary>P(recall) after <paramref name="elapsedDays"/> days for a memory of stability <paramref name="stability"/>.</summary>
    /// <param name="elapsedDays">Days since the last review, at least 0.</param>
    /// <param name="stability">S, greater than 0.</param>
    /// <returns>R in [0, 1], rounded to eight decimals as ts-fsrs rounds it: 0 once it falls below 5e-9, which a card
    /// the scheduler made (S ≥ 0.001, at most 3.7 million days elapsed) reaches only with a decay w20 above 0.96, outside
    /// FSRS-6's range of [0.1, 0.8] that the constructor enforces.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, negative, or the stability is not positive.</exception>
    public double Retrievability(double elapsedDays, double stability)
    {
        if (!(elapsedDays >= 0) || double.IsPositiveInfinity(elapsedDays))
        {
            ThrowOutOfRange(nameof(elapsedDays), elapsedDays, "Elapsed time must be a finite number of days, at least 0");
        }

        if (!(stability > 0) || double.IsPositiveInfinity(stability))
        {
            ThrowOutOfRange(nameof(stability), stability, "Stability must be a finite number of days greater than 0");
        }

        // (1 + F·t/S)^decay as exp(decay·ln(1 + F·t/S)): equal to Math.Pow's to far below the 8 decimals kept, and cheaper.
        return elapsedDays == 0 ? 1 : Round8(Math.Exp(Decay * Math.Log(1 + (Factor * elapsedDays / stability))));
    }

    /// <summary>P(recall) of a card at a moment, from its stability and the whole 24-hour periods since its last
    /// review, as ts-fsrs's <c>get_retrievability</c> reports it.</summary>
    /// <param name="card">The card.</param>
    /// <param name="asOf">The moment.</param>
    /// <returns>R in [0, 1] (see <see cref="Retrievability(double, double)"/>), or null for a new card.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the card's last review.</exception>
    /// <remarks>The memory update counts calendar days instead (see <see cref="DaysBetween"/>): a review at 09:00 three
    /// days after one at 09:10 updates with t = 3 but reports R at t = 2. Both are ts-fsrs's behaviour.</remarks>
    public double? Retrievability(in FsrsCard card, DateTimeOffset asOf)
    {
        if (card.State == FsrsState.New || card.LastReview is not { } last)
        {
            return null;
        }

        if (asOf < last)
        {
            ThrowBeforeLastReview(nameof(asOf), last, asOf, "The moment cannot come before the card's last review");
        }

        // Whole periods by integer division: TotalDays is a double, which rounds a span just short of a whole number of
        // days up to it once the ticks pass 2^53 (about 28 years).
        return Retrievability((asOf.UtcTicks - last.UtcTicks) / TimeSpan.TicksPerDay, card.Stability);
    }

    /// <summary>The interval, in whole days, after which a memory of this stability falls to the desired retention.</summary>
    /// <param name="stability">S.</param>
    /// <returns>The interval, between 1 and the maximum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInterval(double stability)
        => unchecked((int)Math.Min(Math.Max(1, JsRound(stability * IntervalModifier)), Parameters.MaximumInterval)); // clamped to [1, maximum] first, so the conversion cannot overflow

    /// <summary>Whole UTC calendar days from one moment to another, as ts-fsrs counts elapsed time.</summary>
    /// <param name="from">The earlier moment.</param>
    /// <param name="to">The later moment.</param>
    /// <returns>The number of UTC midnights crossed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static int ElapsedDays(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            ThrowBeforeLastReview(nameof(to), from, to, "A review cannot come before the previous one");
        }

        return (int)((to.UtcTicks / TimeSpan.TicksPerDay) - (from.UtcTicks / TimeSpan.TicksPerDay));
    }

    /// <summary>Whole learner days from one moment to another: the number of day starts (<see cref="FsrsParameters.DayStart"/>
    /// in <see cref="FsrsParameters.TimeZone"/>) crossed, which is what a review counts as elapsed time. With the
    /// defaults, UTC calendar days, as <see cref="ElapsedDays"/> and ts-fsrs count them.</summary>
    /// <param name="from">The earlier moment.</param>
    /// <param name="to">The later moment.</param>
    /// <returns>The number of learner days, at least 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public int DaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (_utcDays)
        {
            return ElapsedDays(from, to);
        }

        if (to < from)
        {
            ThrowBeforeLastReview(nameof(to), from, to, "A review cannot come before the previous one");
        }

        // Never negative: in the hour a daylight-saving change repeats, a later moment can read an earlier local time.
        return (int)Math.Max(0, LearnerDay(to) - LearnerDay(from));
    }

    // The learner day of a moment: whole days of local clock time since the day start, counted without building a
    // DateTime (which cannot hold a local time before year 1).
    private long LearnerDay(DateTimeOffset moment)
    {
        var ticks = moment.UtcTicks + Parameters.TimeZone.GetUtcOffset(moment).Ticks - Parameters.DayStart.Ticks;
        return ticks >= 0 ? ticks / TimeSpan.TicksPerDay : ((ticks + 1) / TimeSpan.TicksPerDay) - 1;
    }

    // The moment a number of whole days after a review: 24-hour days in UTC, as ts-fsrs adds them; with the learner's
    // own zone, the same local clock time that many local days later (a daylight-saving change does not make a 1-day
    // interval fall due on the same learner day). A local time the change skips moves forward by the change; one it
    // repeats takes its first occurrence.
    private DateTimeOffset AfterDays(DateTimeOffset now, int days)
    {
        if (_utcDays)
        {
            return After(now, days * TimeSpan.TicksPerDay);
        }

        var zone = Parameters.TimeZone;
        var localTicks = now.UtcTicks + zone.GetUtcOffset(now).Ticks + (days * TimeSpan.TicksPerDay);
        // A day is kept in hand below DateTime.MaxValue for the zone's offset and the look a day either side below.
        if (localTicks > DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay)
        {
            ThrowAfterMaximum(now, "9999-12-30 in the learner's time, the last day a learner's own day can schedule");
        }

        var local = new DateTime(localTicks, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local + (zone.GetUtcOffset(local.AddDays(1)) - zone.GetUtcOffset(local.AddDays(-1))).Duration();
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    // A moment a number of ticks after another, or a clear error past 9999-12-31.
    private static DateTimeOffset After(DateTimeOffset now, long ticks)
    {
        if (ticks > DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks)
        {
            ThrowAfterMaximum(now, "9999-12-31, the last date a DateTimeOffset holds");
        }

        return now.AddTicks(ticks);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAfterMaximum(DateTimeOffset now, string last)
        => throw new ArgumentOutOfRangeException(nameof(now), now, $"The next review would fall after {last}; reviewed at {now:O}.");

    /// <summary>Reviews a card.</summary>
    /// <param name="card">The card before the review.</param>
    /// <param name="rating">How the review went.</param>
    /// <param name="now">When it happened; not before the card's last review.</param>
    /// <returns>The card after the review, with what FSRS saw.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rating"/> is not a defined rating,
    /// <paramref name="now"/> is before the card's last review, or the next review would fall after 9999-12-31 (with
    /// the learner's own day, <see cref="FsrsParameters.TimeZone"/> other than UTC or a <see cref="FsrsParameters.DayStart"/>
    /// other than midnight, after 9999-12-30 in the learner's time: a day is kept in hand for the zone's offset).</exception>
    /// <exception cref="ArgumentException">The card is not one a scheduler made: an undefined state, a negative learning
    /// step, a count at <see cref="int.MaxValue"/>, or (not new) a stability below 0.001 days or a difficulty below 1 or
    /// either not finite, which ts-fsrs refuses as an invalid memory state.</exception>
    public FsrsReview Review(in FsrsCard card, FsrsRating rating, DateTimeOffset now)
    {
        RequireRating(rating, nameof(rating));
        if (card.State is < FsrsState.New or > FsrsState.Relearning || card.LearningStep < 0 || card.Reps == int.MaxValue || card.Lapses == int.MaxValue
            || (card.State != FsrsState.New && !(card.Stability >= MinimumStability && card.Difficulty >= 1 && double.IsFinite(card.Stability) && double.IsFinite(card.Difficulty))))
        {
            ThrowBadCard(card);
        }

        var elapsed = card.State == FsrsState.New || card.LastReview is not { } last ? 0 : DaysBetween(last, now);
        var retrievability = card.State == FsrsState.New ? (double?)null : Retrievability(elapsed, card.Stability);
        // ts-fsrs reports R at whole 24-hour periods; it differs from the calendar-day R only across a time of day.
        var reported = retrievability is { } rc && card.LastReview is { } lr && (now.UtcTicks - lr.UtcTicks) / TimeSpan.TicksPerDay == elapsed ? rc : Retrievability(card, now);
        var next = card with { LastReview = now, Reps = card.Reps + 1 };
        var g = (int)rating;
        if (card.State == FsrsState.New)
        {
            next = next with { Difficulty = ClampDifficulty(InitialDifficulty(g)), Stability = InitialStability(g) };
            next = Parameters.EnableShortTerm ? Steps(next, card, rating, FsrsState.Learning, now) : Days(next, rating, now, OrderedNewIntervals());
        }
        else if (!Parameters.EnableShortTerm)
        {
            // Without short-term memory every state takes the long-term update (ts-fsrs's LongTermScheduler), a
            // same-day review too (R = 1 there leaves S unchanged). The three recall stabilities share one factor.
            var r = retrievability!.Value;
            var again = LapseStability(card, r, shrink: 0);
            var (hard, good, easy) = RecallStabilities(card, r);

            // Picked by index, not by branches: reviews come with mixed ratings, and a mispredicted branch per choice
            // cost a quarter of the review.
            ReadOnlySpan<double> byRating = [again, hard, good, easy];
            next = next with
            {
                Difficulty = NextDifficulty(card.Difficulty, g),
                Stability = byRating[g - 1],
                Lapses = card.Lapses + (rating == FsrsRating.Again ? 1 : 0),
            };
            next = Days(next, rating, now, Ordered(
                NextInterval(again),
                NextInterval(hard), NextInterval(good), NextInterval(easy), withAgain: true));
        }
        else
        {
            // Short-term memory (ts-fsrs's BasicScheduler): the same-day formula when no calendar day has passed, in
            // any state; otherwise the long-term one, in any state (a learning card reviewed on a later day too).
            var r = retrievability!.Value;
            next = next with { Difficulty = NextDifficulty(card.Difficulty, g) };
            if (card.State is FsrsState.Learning or FsrsState.Relearning)
            {
                next = Steps(next with { Stability = NextStability(card, elapsed, g, r) }, card, rating, card.State, now);
            }
            else if (rating == FsrsRating.Again)
            {
                next = Steps(next with { Stability = NextStability(card, elapsed, g, r), Lapses = card.Lapses + 1 }, card, rating, FsrsState.Relearning, now);
            }
            else
            {
                // Hard, Good and Easy from a review: days, kept in order Hard ≤ Good < Easy from one state (the three
                // recall stabilities share one factor).
                var (hard, good, easy) = elapsed == 0
                    ? (ShortTermStability(card.Stability, 2), ShortTermStability(card.Stability, 3), ShortTermStability(card.Stability, 4))
                    : RecallStabilities(card, r);

                ReadOnlySpan<double> byRating = [0, hard, good, easy];
                next = Days(next with { Stability = byRating[g - 1] }, rating, now, Ordered(0, NextInterval(hard), NextInterval(good), NextInterval(easy), withAgain: false));
            }
        }

        return new FsrsReview(next, rating, now, card.State, elapsed, reported);
    }

    // Learning steps, as ts-fsrs 5.4.2's basic learning-steps strategy, on the card's step index before the review:
    // from Learning (or New) with the learning steps, Again goes back to the first step, Hard repeats the current one
    // (the mean of the first two steps, or 1.5 × a single step), Good moves to the next step; from Relearning the same
    // with the relearning steps; from Review only Again has a step (the relearning step at the card's index). Past the
    // last step, for Easy, or without steps, the card graduates to days; a step of a day or more schedules Review.
    private FsrsCard Steps(FsrsCard next, in FsrsCard before, FsrsRating rating, FsrsState stepState, DateTimeOffset now)
    {
        var steps = before.State is FsrsState.Relearning or FsrsState.Review ? Parameters.RelearningSteps : Parameters.LearningSteps;
        var current = before.LearningStep;
        double minutes = 0;
        var nextStep = 0;
        if (steps.Length > 0 && current < steps.Length)
        {
            var first = steps[0].TotalMinutes;
            if (before.State == FsrsState.Review)
            {
                if (rating == FsrsRating.Again)
                {
                    minutes = steps[Math.Max(0, current)].TotalMinutes;
                }
            }
            else if (rating == FsrsRating.Again)
            {
                minutes = first;
            }
            else if (rating == FsrsRating.Hard)
            {
                minutes = steps.Length == 1 ? JsRound(first * 1.5) : JsRound((first + steps[1].TotalMinutes) / 2);
                nextStep = current;
            }
            else if (rating == FsrsRating.Good && current + 1 < steps.Length)
            {
                minutes = JsRound(steps[current + 1].TotalMinutes);
                nextStep = current + 1;
            }
        }

        if (Parameters.CapEveryInterval)
        {
            minutes = Math.Min(minutes, (double)Parameters.MaximumInterval * MinutesPerDay);
        }

        if (minutes > 0 && minutes < MinutesPerDay)
        {
            return next with { State = stepState, LearningStep = nextStep, ScheduledDays = 0, Due = After(now, (long)JsRound(minutes) * TimeSpan.TicksPerMinute) };
        }

        if (minutes >= MinutesPerDay)
        {
            return next with { State = FsrsState.Review, LearningStep = nextStep, ScheduledDays = (int)Math.Floor(minutes / MinutesPerDay), Due = After(now, (long)JsRound(minutes) * TimeSpan.TicksPerMinute) };
        }

        var interval = NextInterval(next.Stability);
        return next with { State = FsrsState.Review, LearningStep = 0, ScheduledDays = interval, Due = AfterDays(now, interval) };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FsrsCard Days(FsrsCard next, FsrsRating rating, DateTimeOffset now, (int Again, int Hard, int Good, int Easy) intervals)
    {
        ReadOnlySpan<int> byRating = [intervals.Again, intervals.Hard, intervals.Good, intervals.Easy];
        var days = byRating[(int)rating - 1];
        if (Parameters.CapEveryInterval)
        {
            days = Math.Min(days, Parameters.MaximumInterval);
        }

        return next with { State = FsrsState.Review, LearningStep = 0, ScheduledDays = days, Due = AfterDays(now, days) };
    }

    // Intervals are kept in order, Again ≤ Hard < Good < Easy, by computing all four from the same state.
    private (int, int, int, int) OrderedNewIntervals()
        => Ordered(NextInterval(InitialStability(1)), NextInterval(InitialStability(2)), NextInterval(InitialStability(3)), NextInterval(InitialStability(4)), withAgain: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int, int, int, int) Ordered(int again, int hard, int good, int easy, bool withAgain)
    {
        if (withAgain)
        {
            again = Math.Min(again, hard);
            hard = Math.Max(hard, again + 1);
        }
        else
        {
            hard = Math.Min(hard, good);
        }

        good = Math.Max(good, hard + 1);
        easy = Math.Max(easy, good + 1);
        return (again, hard, good, easy);
    }

    private double InitialStability(int g) => Math.Max(_w[g - 1], 0.1);

    private double InitialDifficulty(int g) => Round8(_w[4] - Math.Exp((g - 1) * _w[5]) + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double NextDifficulty(double d, int g)
    {
        var damped = d + Round8(-_w[6] * (g - 3) * (10 - d) / 9);
        return ClampDifficulty(Round8((_w[7] * _easyInitialDifficulty) + ((1 - _w[7]) * damped)));
    }

    // e^w8·(11 − D)·S^(−w9)·(e^(w10·(1 − R)) − 1): the recall stability's growth before the Hard and Easy factors.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // S^(−w9) by Math.Pow as ts-fsrs computes it (exp of a log differed in the last bit often enough to move the eighth
    // decimal of a large stability: 16618.96898731 for ts-fsrs's 16618.96898732, found by review).
    private double RecallFactor(double d, double s, double r) => _expW8 * (11 - d) * Math.Pow(s, -_w[9]) * (Math.Exp((1 - r) * _w[10]) - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double RecallStability(double s, double growth) => Round8(ClampStability(s * (1 + growth)));

    private double ForgetStability(double d, double s, double r)
        => Round8(ClampStability(_w[11] * Math.Pow(d, -_w[12]) * (Math.Pow(s + 1, _w[13]) - 1) * Math.Exp((1 - r) * _w[14])));

    // ts-fsrs's next_state for a reviewed card: the same-day formula when no calendar day has passed; otherwise the
    // lapse stability (at most S / e^(w17·w18)) for Again and the recall stability for the others.
    private double NextStability(in FsrsCard card, int elapsedDays, int g, double r)
    {
        if (elapsedDays == 0)
        {
            return ShortTermStability(card.Stability, g);
        }

        if (g == 1)
        {
            return LapseStability(card, r, shrink: _w[17] * _w[18]);
        }

        var factor = RecallFactor(card.Difficulty, card.Stability, r);
        return RecallStability(card.Stability, g == 2 ? factor * _w[15] : g == 4 ? factor * _w[16] : factor);
    }

    // After a lapse: the forget stability, at most S / e^shrink (ts-fsrs: shrink w17·w18 with short-term memory, 0
    // without), at least the minimum.
    private double LapseStability(in FsrsCard card, double r, double shrink)
        => Math.Min(Math.Max(Round8(card.Stability / Math.Exp(shrink)), MinimumStability), ForgetStability(card.Difficulty, card.Stability, r));

    // Hard, Good and Easy after a recall, from one growth factor.
    private (double Hard, double Good, double Easy) RecallStabilities(in FsrsCard card, double r)
    {
        var recall = RecallFactor(card.Difficulty, card.Stability, r);
        return (RecallStability(card.Stability, recall * _w[15]), RecallStability(card.Stability, recall), RecallStability(card.Stability, recall * _w[16]));
    }

    // S·S^(−w19)·e^(w17·(G − 3 + w18)); for Hard, Good and Easy the increase is at least 1 (ts-fsrs 5.4.2).
    private double ShortTermStability(double s, int g)
    {
        var increase = Math.Pow(s, -_w[19]) * Math.Exp(_w[17] * (g - 3 + _w[18]));
        return Round8(ClampStability(s * (g >= 2 ? Math.Max(increase, 1) : increase)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ClampDifficulty(double d) => Math.Min(Math.Max(d, 1), 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ClampStability(double s) => Math.Min(Math.Max(s, MinimumStability), MaximumStability);

    // ts-fsrs's roundTo(x, 8): Math.round(x·1e8)/1e8, where JavaScript's Math.round takes halves up, towards +∞ (a
    // negative difficulty change of −0.5e-8 rounds to 0, not −1e-8; found by review: D 9.822025 after Easy came out
    // 9.74778241 for ts-fsrs's 9.74778242). Exact for |x·1e8| below 2^52, far above what FSRS produces.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Round8(double x) => Math.Floor((x * 1e8) + 0.5) / 1e8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double JsRound(double x) => Math.Floor(x + 0.5);

    // Throwing lives in helpers of its own: a message built inline would give the hot methods a large frame to clear on
    // every call (interpolated-string handlers are big locals), which cost a review more than its arithmetic.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(string name, double value, string rule)
        => throw new ArgumentOutOfRangeException(name, value, $"{rule}; got {value.ToString("R", CultureInfo.InvariantCulture)}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBeforeLastReview(string name, DateTimeOffset last, DateTimeOffset value, string rule)
        => throw new ArgumentOutOfRangeException(name, value, $"{rule} ({last:O}); got {value:O}.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadCard(FsrsCard card)
    {
        var problem = card.State is < FsrsState.New or > FsrsState.Relearning ? $"its state {(int)card.State} is not New, Learning, Review or Relearning"
            : card.LearningStep < 0 ? $"its learning step is {card.LearningStep}, below 0"
            : card.Reps == int.MaxValue || card.Lapses == int.MaxValue ? "its review or lapse count is at int.MaxValue"
            : string.Create(CultureInfo.InvariantCulture, $"a reviewed card needs a finite stability of at least 0.001 days and a difficulty of at least 1 (ts-fsrs's \"Invalid memory state\"); got S = {card.Stability:R}, D = {card.Difficulty:R}");
        throw new ArgumentException($"The card cannot be reviewed: {problem}.", nameof(card));
    }

    /// <summary>Throws unless the rating is Again, Hard, Good or Easy.</summary>
    internal static void RequireRating(FsrsRating rating, string name)
    {
        if (rating is < FsrsRating.Again or > FsrsRating.Easy)
        {
            ThrowBadRating(rating, name);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadRating(FsrsRating rating, string name)
        => throw new ArgumentOutOfRangeException(name, rating, $"A rating must be Again (1), Hard (2), Good (3) or Easy (4); got {(int)rating}.");
}
