using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

/// <summary>What a recommender returns: the ranked next steps and the competencies the learner is stuck on.</summary>
/// <remarks>Immutable and thread-safe. Only the library makes one (its constructor is internal, and its properties cannot
/// be set in a <c>with</c> expression outside it), so that every result says what a recommender said; JSON reads one back
/// as it was written. <c>default(NextStepResult)</c> is an empty result for no learner: <see cref="IsEmpty"/> is true and
/// <see cref="Learner"/> is the empty identifier.</remarks>
public readonly record struct NextStepResult : System.Text.Json.Serialization.IJsonOnDeserialized
{
    private readonly ImmutableArray<NextStep> _steps;
    private readonly ImmutableArray<StuckCompetency> _stuck;

    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal NextStepResult(LearnerId Learner, ImmutableArray<NextStep> Steps, ImmutableArray<StuckCompetency> Stuck)
    {
        this.Learner = Learner;
        _steps = Steps;
        _stuck = Stuck;
    }

    /// <summary>The learner.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public LearnerId Learner { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Learner">The value of <see cref="Learner"/>.</param>
    /// <param name="Steps">The value of <see cref="Steps"/>.</param>
    /// <param name="Stuck">The value of <see cref="Stuck"/>.</param>
    public void Deconstruct(out LearnerId Learner, out ImmutableArray<NextStep> Steps, out ImmutableArray<StuckCompetency> Stuck)
    {
        Learner = this.Learner;
        Steps = this.Steps;
        Stuck = this.Stuck;
    }

    /// <summary>The recommendations, ranked from 1; empty (never a default array) when nothing is left to recommend, also
    /// in <c>default(NextStepResult)</c>.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ImmutableArray<NextStep> Steps { get => _steps.IsDefault ? [] : _steps; internal init => _steps = value; }

    /// <summary>The competencies the learner is stuck on; empty (never a default array) when none.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ImmutableArray<StuckCompetency> Stuck { get => _stuck.IsDefault ? [] : _stuck; internal init => _stuck = value; }

    /// <summary>Whether the learner is stuck on any competency; derived, so not written to JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsStuck => !Stuck.IsDefaultOrEmpty;

    /// <summary>Whether there is no recommendation (nothing left to learn, or everything filtered out); then
    /// <c>Steps.FirstOrDefault()</c> is an empty <see cref="NextStep"/> whose <see cref="NextStep.Activity"/> throws.
    /// Derived, so not written to JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Steps.IsDefaultOrEmpty;

    /// <summary>The best recommendation, when there is one.</summary>
    /// <param name="step">The first step; the empty default when there is none.</param>
    /// <returns>True when there is a recommendation.</returns>
    public bool TryGetBest(out NextStep step)
    {
        step = IsEmpty ? default : Steps[0];
        return !IsEmpty;
    }

    /// <summary>The steps, one per line, and the stuck competencies; culture-invariant.</summary>
    /// <returns>For example <c>NextStepResult for ana: 1. Video: … (F9, Learn, score 0.490): …</c>.</returns>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(Learner.IsEmpty ? "NextStepResult (no learner: the default value): " : $"NextStepResult for {Learner}: ");
        text.Append(IsEmpty ? "no steps" : string.Join("; ", Steps));
        if (IsStuck)
        {
            text.Append("; stuck on ").Append(string.Join(", ", Stuck.Select(s => s.Competency)));
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(NextStepResult other) =>
        Learner == other.Learner && SequenceEquality.Equal(Steps, other.Steps) && SequenceEquality.Equal(Stuck, other.Stuck);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, SequenceEquality.Hash(Steps), SequenceEquality.Hash(Stuck));

    /// <summary>Refuses a result read from JSON that a recommender would not make.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        const string Noun = "next-step result";
        Serialization.ReadResults.Require(!Learner.IsEmpty, Noun, "it names no learner");
        for (var i = 0; i < Steps.Length; i++)
        {
            Serialization.ReadResults.Require(Steps[i].Rank == i + 1, Noun, $"step {i + 1} has rank {Steps[i].Rank}; steps are ranked 1, 2, 3… in order");
        }

        // Every step is scored with the same weights, so each signal's share (contribution ÷ signal) is the same on every
        // step where the signal is not 0. A share is at most 1 + 1e-9 (each step checks that its shares add up to no more), so
        // an absolute tolerance is the relative one.
        Span<double> share = stackalloc double[RecommendationSignals.Count];
        share.Fill(double.NaN);
        foreach (var step in Steps)
        {
            for (var k = 0; k < RecommendationSignals.Count; k++)
            {
                if (step.Signals[k] > 1e-9)
                {
                    var implied = step.Contributions[k] / step.Signals[k];
                    Serialization.ReadResults.Require(double.IsNaN(share[k]) || Math.Abs(implied - share[k]) <= 1e-9 + (1e-12 / step.Signals[k]), Noun,
                        $"step {step.Rank} weighs {RecommendationSignals.Names[k]} at {Serialization.ReadResults.F(implied)} of the weights, an earlier step at {Serialization.ReadResults.F(share[k])}");
                    share[k] = double.IsNaN(share[k]) ? implied : share[k];
                }
            }
        }

        // One learner, one extended-time factor: every step's minutes are its activity's times the same factor.
        for (var i = 1; i < Steps.Length; i++)
        {
            var (first, factor) = (Steps[0].Minutes / Steps[0].Activity.EstimatedMinutes, Steps[i].Minutes / Steps[i].Activity.EstimatedMinutes);
            Serialization.ReadResults.Require(Math.Abs(factor - first) <= 1e-12 * first, Noun,
                $"step {i + 1} takes {Serialization.ReadResults.F(factor)} times its activity's minutes, step 1 {Serialization.ReadResults.F(first)} times");
        }

        // The recommender keeps an activity once, with its better pick (AdaptiveRecommender.Insert; choices skip activities
        // already kept), so no activity is recommended on two steps (fresh review of issue 21).
        // A handful of steps is compared pairwise (no allocation on the usual read); a long ranking through a dictionary.
        if (Steps.Length <= 32)
        {
            for (var i = 1; i < Steps.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    Serialization.ReadResults.Require(Steps[j].Activity.Id != Steps[i].Activity.Id, Noun,
                        $"activity '{Steps[i].Activity.Id}' is on step {Steps[j].Rank} and step {Steps[i].Rank}; the recommender recommends an activity once");
                }
            }
        }
        else
        {
            var activities = new Dictionary<Activities.ActivityId, int>(Steps.Length);
            foreach (var step in Steps)
            {
                Serialization.ReadResults.Require(activities.TryAdd(step.Activity.Id, step.Rank), Noun,
                    $"activity '{step.Activity.Id}' is on step {activities.GetValueOrDefault(step.Activity.Id)} and step {step.Rank}; the recommender recommends an activity once");
            }
        }

        var stuck = new HashSet<CompetencyId>();
        foreach (var s in Stuck)
        {
            Serialization.ReadResults.Require(stuck.Add(s.Competency), Noun, $"competency '{s.Competency}' is listed as stuck twice");
        }
    }
}

/// <summary>A competency a learner keeps working on without mastering it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct StuckCompetency : System.Text.Json.Serialization.IJsonOnDeserialized
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal StuckCompetency(CompetencyId Competency, int Attempts, MasteryLevel Level, double? Estimate = null)
    {
        this.Competency = Competency;
        this.Attempts = Attempts;
        this.Level = Level;
        this.Estimate = Estimate;
    }

    /// <summary>The competency.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public CompetencyId Competency { get; internal init; }

    /// <summary>The pieces of evidence on it.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public int Attempts { get; internal init; }

    /// <summary>The learner's level of it.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public MasteryLevel Level { get; internal init; }

    /// <summary>The learner's estimate of it, if scored.</summary>
    public double? Estimate { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Competency">The value of <see cref="Competency"/>.</param>
    /// <param name="Attempts">The value of <see cref="Attempts"/>.</param>
    /// <param name="Level">The value of <see cref="Level"/>.</param>
    /// <param name="Estimate">The value of <see cref="Estimate"/>.</param>
    public void Deconstruct(out CompetencyId Competency, out int Attempts, out MasteryLevel Level, out double? Estimate)
    {
        Competency = this.Competency;
        Attempts = this.Attempts;
        Level = this.Level;
        Estimate = this.Estimate;
    }

    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>StuckCompetency { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Refuses a stuck competency read from JSON that the library would not report.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        const string Noun = "stuck competency";
        Serialization.ReadResults.Require(!Competency.IsEmpty, Noun, "it names no competency");
        Serialization.ReadResults.Require(Attempts >= 1, Noun, $"it has {Attempts} attempts; a learner is stuck after 1 or more");
        Serialization.ReadResults.Require(Enum.IsDefined(Level) && Level != MasteryLevel.Mastered, Noun, $"its level {Level} is not one a stuck learner has");
        Serialization.ReadResults.Require(Serialization.ReadResults.IsUnit(Estimate), Noun, "its estimate is not in [0, 1]");
    }
}
