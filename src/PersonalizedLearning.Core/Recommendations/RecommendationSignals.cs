using System.Globalization;

namespace PersonalizedLearning.Recommendations;

/// <summary>
/// The named signals a recommendation is scored on, one number each. The same shape carries a candidate's signal
/// values (each in [0, 1]), the weights a host gives them (each ≥ 0), and each signal's contribution to the score.
/// </summary>
/// <param name="Need">1 − the learner's estimate of the competency (1 when not started; 1 for remediation).</param>
/// <param name="Readiness">The mean estimate of the competency's prerequisites (1 when it has none).</param>
/// <param name="GoalRelevance">1 when the competency is a goal, or a not-yet-mastered prerequisite on the way to one; else 0.</param>
/// <param name="Urgency">How close the nearest such goal's date is: 1 − days left ÷ the urgency horizon, in [0, 1]; 0 without a date.</param>
/// <param name="DifficultyFit">How close the predicted success is to the target: 1 − |p − target| ÷ max(target, 1 − target);
/// 0.5 (neutral) for instruction and when no model predicts.</param>
/// <param name="ReviewDue">1 − R/2 when the competency is due for review with retrievability R; else 0.</param>
/// <param name="ProfileFit">The mean of the profile matches that apply: preferred modality (1 for the first preference,
/// falling linearly), and interest (1 when a topic matches); 0.5 when the profile states neither.</param>
/// <param name="Novelty">0 when the activity was among the last few done or failed twice recently; 0.5 when done
/// earlier in the history; else 1.</param>
/// <param name="TimeFit">1 when the activity fits the minutes available (extended time applied); else available ÷ needed; 1 when no time is given.</param>
/// <remarks>The default value has every signal 0. Immutable and thread-safe.</remarks>
// Every signal is required in JSON (issue 21, fresh review: "signals": {} was read as nine zeros); the writer writes all nine.
public readonly record struct RecommendationSignals(
    [property: System.Text.Json.Serialization.JsonRequired] double Need,
    [property: System.Text.Json.Serialization.JsonRequired] double Readiness,
    [property: System.Text.Json.Serialization.JsonRequired] double GoalRelevance,
    [property: System.Text.Json.Serialization.JsonRequired] double Urgency,
    [property: System.Text.Json.Serialization.JsonRequired] double DifficultyFit,
    [property: System.Text.Json.Serialization.JsonRequired] double ReviewDue,
    [property: System.Text.Json.Serialization.JsonRequired] double ProfileFit,
    [property: System.Text.Json.Serialization.JsonRequired] double Novelty,
    [property: System.Text.Json.Serialization.JsonRequired] double TimeFit)
{
    /// <summary>The number of signals.</summary>
    public const int Count = 9;

    /// <summary>The default weights: need, goal relevance and review due 1; difficulty fit 0.75; the others 0.5.</summary>
    public static RecommendationSignals DefaultWeights { get; } = new(1, 0.5, 1, 0.5, 0.75, 1, 0.5, 0.5, 0.5);

    /// <summary>The signal names, in the order of the parameters.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [nameof(Need), nameof(Readiness), nameof(GoalRelevance), nameof(Urgency), nameof(DifficultyFit), nameof(ReviewDue), nameof(ProfileFit), nameof(Novelty), nameof(TimeFit)];

    /// <summary>The signal at <paramref name="index"/>, in the order of <see cref="Names"/>.</summary>
    /// <param name="index">In [0, <see cref="Count"/>).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public double this[int index] => index switch
    {
        0 => Need,
        1 => Readiness,
        2 => GoalRelevance,
        3 => Urgency,
        4 => DifficultyFit,
        5 => ReviewDue,
        6 => ProfileFit,
        7 => Novelty,
        8 => TimeFit,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, $"A signal index must be in [0, {Count})."),
    };

    /// <summary>The sum of the values.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Sum => Need + Readiness + GoalRelevance + Urgency + DifficultyFit + ReviewDue + ProfileFit + Novelty + TimeFit;

    // The sum as JSON writes it (derived, for a reader of the document): left out, it is derived again; present, it must be
    // what the nine members add up to (issue 21: a sum the signals did not give was read past). The source generator sets
    // it after the constructor (an object initializer; left out, it passes null), so the signals are there to compare.
    [System.Text.Json.Serialization.JsonInclude]
    [System.Text.Json.Serialization.JsonPropertyName("sum")]
    internal double? JsonSum
    {
        get => Sum;
        init => Serialization.ReadResults.Require(value is not { } sum || sum == Sum, "set of signals",
            $"its sum {Serialization.ReadResults.F(value.GetValueOrDefault())} is not what its nine members add up to ({Serialization.ReadResults.F(Sum)})");
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var self = this;
        return string.Join(", ", Enumerable.Range(0, Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{Names[i]} = {self[i]:0.###}")));
    }

    /// <summary>Each value times its weight, divided by the sum of the weights: the contributions, which add up to the score.</summary>
    internal RecommendationSignals Contributions(in RecommendationSignals weights, double inverseTotalWeight) => new(
        Need * weights.Need * inverseTotalWeight,
        Readiness * weights.Readiness * inverseTotalWeight,
        GoalRelevance * weights.GoalRelevance * inverseTotalWeight,
        Urgency * weights.Urgency * inverseTotalWeight,
        DifficultyFit * weights.DifficultyFit * inverseTotalWeight,
        ReviewDue * weights.ReviewDue * inverseTotalWeight,
        ProfileFit * weights.ProfileFit * inverseTotalWeight,
        Novelty * weights.Novelty * inverseTotalWeight,
        TimeFit * weights.TimeFit * inverseTotalWeight);
}
