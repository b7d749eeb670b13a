namespace PersonalizedLearning.Mastery;

/// <summary>The calculation methods Canvas offers for rolling outcome scores up into one score.</summary>
/// <remarks>The default value is <see cref="Latest"/>.</remarks>
public enum RollupMethod
{
    /// <summary>The most recent score.</summary>
    Latest,

    /// <summary>The highest score so far.</summary>
    Highest,

    /// <summary>The mean of all scores, weighted by evidence weight.</summary>
    Average,

    /// <summary>The most recent score times w, plus the mean of the older scores times (1 − w).</summary>
    WeightedAverage,

    /// <summary>D = (1 − d)·D + d·s applied in order, starting from the first score.</summary>
    DecayingAverage,

    /// <summary>The mean of the scores at or above the mastery threshold, once there are at least n of them; no score before.</summary>
    NumberOfTimes,
}
