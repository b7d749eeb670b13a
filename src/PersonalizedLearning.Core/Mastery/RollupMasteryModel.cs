using System.Globalization;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// The rules schools use to roll evidence up into one score, with Canvas's formulas (Instructure, "What are
/// the calculation methods for outcomes?"): latest, highest, average, weighted average, decaying average and
/// number of times. Scores are in [0, 1]; a rubric score of 4 out of 5 is 0.8.
/// </summary>
/// <remarks>
/// <para>Each rule folds one observation in O(1) with no allocation, keeping running sums in
/// <see cref="MasteryMemory"/>:</para>
/// <list type="bullet">
/// <item><description><see cref="RollupMethod.Latest"/>: slot 0 = latest score.</description></item>
/// <item><description><see cref="RollupMethod.Highest"/>: slot 0 = highest score.</description></item>
/// <item><description><see cref="RollupMethod.Average"/>: slot 0 = Σ w·s, slot 1 = Σ w.</description></item>
/// <item><description><see cref="RollupMethod.WeightedAverage"/>: slot 0 = latest score, slot 1 = its weight,
/// slot 2 = Σ w·s and slot 3 = Σ w over the older scores.</description></item>
/// <item><description><see cref="RollupMethod.DecayingAverage"/>: slot 0 = D.</description></item>
/// <item><description><see cref="RollupMethod.NumberOfTimes"/>: slot 0 = how many scores reached the
/// threshold, slot 1 = Σ w·s and slot 2 = Σ w over them.</description></item>
/// </list>
/// <para>Evidence weights count in the averages (with weight 1 everywhere they are Canvas's plain means);
/// latest, highest and decaying average ignore them. Evidence is folded in
/// <see cref="Observations.Evidence.FoldOrder"/> (by timestamp, then by id), whatever order it is recorded in, so "latest" is
/// the latest by timestamp.</para>
/// <para>The sums are exact to rounding because weights are bounded where they enter: evidence weights in [1e-6, 1e6]
/// (<see cref="Observations.Evidence.MinimumWeight"/>), alignment weights in [1e-6, 1] and an observation's weight in
/// [1e-12, 1e12] (<see cref="MasteryObservation.MinimumWeight"/>). Every weight is then a normal double far from both ends of
/// the double range, so each w·s is exact to rounding (off by at most 5e-324 for a score below 1e-296), and the sums
/// over the at most 2^31 observations a state counts stay below 3e21: the means are within (2n + 4)·2^-53 relative of
/// exact after n observations. Unbounded weights broke the means:
/// three equal weights of 5e-324 turned scores 0.5, 1 and 0.75 into an average of 0.667, and weights of 1e308
/// overflowed the sums to NaN.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class RollupMasteryModel : IMasteryModel
{
    private RollupMasteryModel(RollupMethod method, double parameter, int times, string name, string label)
    {
        Method = method;
        Parameter = parameter;
        Times = times;
        Name = name;
        EstimateLabel = label;
    }

    private static readonly RollupMasteryModel LatestModel = new(RollupMethod.Latest, double.NaN, 0, "latest", "latest score");
    private static readonly RollupMasteryModel HighestModel = new(RollupMethod.Highest, double.NaN, 0, "highest", "highest score");
    private static readonly RollupMasteryModel AverageModel = new(RollupMethod.Average, double.NaN, 0, "average", "average");

    /// <summary>Canvas's "most recent": the most recent score counts.</summary>
    /// <returns>The shared model (it holds no state; every call returns the same instance).</returns>
    /// <remarks>A method, like <see cref="DecayingAverage(double)"/> and the other calculation methods, so that the six
    /// rules read as one family whether or not they take a parameter.</remarks>
    public static RollupMasteryModel Latest() => LatestModel;

    /// <summary>Canvas's "highest score": the highest score so far counts.</summary>
    /// <returns>The shared model (it holds no state; every call returns the same instance).</returns>
    public static RollupMasteryModel Highest() => HighestModel;

    /// <summary>Canvas's "average": the mean of all scores counts.</summary>
    /// <returns>The shared model (it holds no state; every call returns the same instance).</returns>
    public static RollupMasteryModel Average() => AverageModel;

    /// <summary>The rule this model applies.</summary>
    public RollupMethod Method { get; }

    /// <summary>The rule's real-valued parameter.</summary>
    /// <value>w for <see cref="RollupMethod.WeightedAverage"/>, d for <see cref="RollupMethod.DecayingAverage"/>,
    /// the mastery threshold for <see cref="RollupMethod.NumberOfTimes"/>, and NaN for the rules without one.</value>
    public double Parameter { get; }

    /// <summary>How many scores must reach the threshold.</summary>
    /// <value>n for <see cref="RollupMethod.NumberOfTimes"/>; 0 for the other rules.</value>
    public int Times { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string EstimateLabel { get; }

    /// <summary>
    /// Canvas's weighted average: the most recent score times <paramref name="recentWeight"/> plus the mean of
    /// the older scores times (1 − <paramref name="recentWeight"/>); a single score counts alone.
    /// Scores 1, 2, 3, 4, 5 out of 5 give 0.65·5 + 0.35·2.5 = 4.125 out of 5.
    /// </summary>
    /// <param name="recentWeight">w, the weight of the most recent score, in [0.01, 0.99]; Canvas's default is 0.65.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="recentWeight"/> is NaN or outside [0.01, 0.99].</exception>
    public static RollupMasteryModel WeightedAverage(double recentWeight = 0.65)
    {
        RequireIn(recentWeight, 0.01, 0.99, nameof(recentWeight), "The weighted average's recent weight");
        return new(RollupMethod.WeightedAverage, recentWeight, 0, $"weighted-average({Format(recentWeight)})", "weighted average");
    }

    /// <summary>
    /// Canvas's decaying average: D = (1 − d)·D + d·s for each score s in order, starting with D = the first score.
    /// Scores 1, 2, 3, 4, 5 out of 5 give about 4.47 out of 5 with d = 0.65.
    /// </summary>
    /// <param name="decay">d, the weight of each new score, in [0.50, 0.99]; Canvas's default is 0.65.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decay"/> is NaN or outside [0.50, 0.99].</exception>
    public static RollupMasteryModel DecayingAverage(double decay = 0.65)
    {
        RequireIn(decay, 0.50, 0.99, nameof(decay), "The decaying average's decay");
        return new(RollupMethod.DecayingAverage, decay, 0, $"decaying-average({Format(decay)})", "decaying average");
    }

    /// <summary>
    /// Canvas's "n number of times": once at least <paramref name="times"/> scores are at or above
    /// <paramref name="masteryThreshold"/>, the estimate is the mean of those scores; before that there is no score.
    /// </summary>
    /// <param name="times">n, in [1, 10].</param>
    /// <param name="masteryThreshold">The score that counts as reaching mastery, in (0, 1].</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or out of range.</exception>
    public static RollupMasteryModel NumberOfTimes(int times, double masteryThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(times, 10);
        if (!(masteryThreshold > 0 && masteryThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(masteryThreshold), masteryThreshold,
                $"The mastery threshold must be a finite number in (0, 1]; got {Format(masteryThreshold)}.");
        }

        return new(RollupMethod.NumberOfTimes, masteryThreshold, times, $"number-of-times({times},{Format(masteryThreshold)})", $"mean of {times}+ scores at or above {masteryThreshold.ToString("0.00", CultureInfo.InvariantCulture)}");
    }

    /// <inheritdoc />
    public MasteryStep Update(in CompetencyState state, in MasteryObservation observation)
    {
        var m = state.Memory;
        var s = observation.Score;
        var w = observation.Weight;
        var first = state.EvidenceCount == 0;
        switch (Method)
        {
            case RollupMethod.Latest:
                return new(s, new MasteryMemory(s));
            case RollupMethod.Highest:
                var high = first ? s : Math.Max(m.Slot0, s);
                return new(high, new MasteryMemory(high));
            case RollupMethod.Average:
                var memory = new MasteryMemory(m.Slot0 + (w * s), m.Slot1 + w);
                return new(Clamp(memory.Slot0 / memory.Slot1), memory);
            case RollupMethod.WeightedAverage:
                if (first)
                {
                    return new(s, new MasteryMemory(s, w));
                }

                var olderSum = m.Slot2 + (m.Slot0 * m.Slot1);
                var olderWeight = m.Slot3 + m.Slot1;
                var weighted = (Parameter * s) + ((1 - Parameter) * (olderSum / olderWeight));
                return new(Clamp(weighted), new MasteryMemory(s, w, olderSum, olderWeight));
            case RollupMethod.DecayingAverage:
                var decayed = first ? s : Clamp(((1 - Parameter) * m.Slot0) + (Parameter * s));
                return new(decayed, new MasteryMemory(decayed));
            default:
                var reached = s >= Parameter
                    ? new MasteryMemory(m.Slot0 + 1, m.Slot1 + (w * s), m.Slot2 + w)
                    : m;
                return new(reached.Slot0 >= Times ? Clamp(reached.Slot1 / reached.Slot2) : null, reached);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static double Clamp(double value) => Math.Clamp(value, 0, 1);

    private static void RequireIn(double value, double min, double max, string paramName, string what)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"{what} must be a finite number in [{Format(min)}, {Format(max)}]; got {Format(value)}.");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
