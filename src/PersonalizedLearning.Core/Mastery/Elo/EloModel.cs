using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery.Elo;

/// <summary>
/// Elo ratings as a mastery model: per competency, the learner's skill θ moves after each answer by how surprising it
/// was, against the difficulty of the activity it was given in. The estimate is σ(θ), P(correct) on an item of average
/// difficulty (d = 0).
/// </summary>
/// <remarks>
/// <para>Item difficulties are the model's parameters: a model scores learners against a fixed, calibrated item bank.
/// Calibrate the bank from answers with <see cref="EloItemBank.Record"/> and build a new model from it; that keeps
/// every learner state a pure fold of its own evidence. Activities not in the bank have difficulty 0.</para>
/// <para>Memory slot 0 holds θ and slot 1 the number of answers on the competency. A score in [0, 1] is the answer c, so
/// partial credit moves θ proportionally.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class EloModel : IMasteryModel, ICorrectnessPredictor
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>EloModel { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private readonly FrozenDictionary<string, double> _difficulty;

    /// <summary>Creates the model.</summary>
    /// <param name="items">The calibrated item difficulties, or null for none yet.</param>
    /// <param name="rating">α and β, or null for Pelánek's.</param>
    /// <param name="guessFloor">The chance of guessing right, such as 0.25 for four-option items; in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="guessFloor"/> is NaN or outside [0, 1).</exception>
    public EloModel(EloItemBank? items = null, EloRating? rating = null, double guessFloor = 0)
    {
        if (!(guessFloor >= 0 && guessFloor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(guessFloor), guessFloor, string.Create(CultureInfo.InvariantCulture, $"The guess floor must be in [0, 1); got {guessFloor}."));
        }

        Items = items ?? EloItemBank.Empty;
        Rating = rating ?? EloRating.Default;
        GuessFloor = guessFloor;
        _difficulty = Items.Items.ToFrozenDictionary(i => i.Key.Value, i => i.Value.Value, StringComparer.Ordinal);
        Name = string.Create(CultureInfo.InvariantCulture, $"elo(α={Rating.Alpha:R},β={Rating.Beta:R},g={GuessFloor:R},{Items.Fingerprint})");
    }

    /// <summary>The item bank.</summary>
    public EloItemBank Items { get; }

    /// <summary>α and β.</summary>
    public EloRating Rating { get; }

    /// <summary>The chance of guessing right.</summary>
    /// <value>0 unless set.</value>
    public double GuessFloor { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string EstimateLabel => "Elo skill";

    /// <summary>The difficulty of an activity.</summary>
    /// <param name="activity">The activity, or null.</param>
    /// <returns>d; 0 for an activity not in the bank.</returns>
    public double DifficultyOf(ActivityId? activity)
        => activity is { } a && _difficulty.Count != 0 && _difficulty.TryGetValue(a.Value, out var d) ? d : 0;

    /// <summary>P(correct) for a learner on an activity.</summary>
    /// <param name="state">The learner's state on the activity's competency.</param>
    /// <param name="activity">The activity.</param>
    /// <returns>g + (1 − g)·σ(θ − d).</returns>
    public double PredictCorrect(in CompetencyState state, ActivityId? activity)
        => EloRating.PredictCorrect(LearnerRating(state.Memory).Value, DifficultyOf(activity), GuessFloor);

    /// <inheritdoc />
    public MasteryStep Update(in CompetencyState state, in MasteryObservation observation)
    {
        var (after, _) = Rating.Update(LearnerRating(state.Memory), new Rated(DifficultyOf(observation.Activity), 0), observation.Score, GuessFloor);
        return new MasteryStep(EloRating.Logistic(after.Value), new MasteryMemory(Slot0: after.Value, Slot1: after.Answers));
    }

    // The learner's rating θ and answer count, as Update keeps them in the competency's memory slots 0 and 1.
    private static Rated LearnerRating(in MasteryMemory memory) => new(memory.Slot0, (int)memory.Slot1);

    /// <inheritdoc />
    /// <remarks>P(incorrect) is (1 − g)·σ(d − θ), computed directly: 1 − P(correct) would be 0 from θ − d ≈ 37 on.</remarks>
    public MasteryPrediction Predict(in CompetencyState state, CompetencyId competency, ActivityId? activity)
    {
        var skill = LearnerRating(state.Memory).Value;
        var difficulty = DifficultyOf(activity);
        return new(EloRating.PredictCorrect(skill, difficulty, GuessFloor), EloRating.PredictIncorrect(skill, difficulty, GuessFloor), EloRating.Logistic(skill));
    }
}

/// <summary>Calibrated item difficulties: an immutable bank that answers move.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EloItemBank
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>EloItemBank { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private EloItemBank(ImmutableSortedDictionary<ActivityId, Rated> items) => Items = items;

    /// <summary>A bank with no items.</summary>
    public static EloItemBank Empty { get; } = new(ImmutableSortedDictionary<ActivityId, Rated>.Empty);

    /// <summary>Each item's difficulty and the answers it has seen.</summary>
    public ImmutableSortedDictionary<ActivityId, Rated> Items { get; }

    internal string Fingerprint
    {
        get
        {
            var hash = new StableHash();
            foreach (var (id, r) in Items)
            {
                hash.Add(id.Value);
                hash.Add(r.Value);
            }

            return hash.ToString();
        }
    }

    /// <summary>A bank with given difficulties.</summary>
    /// <param name="items">Difficulty per activity.</param>
    /// <returns>The bank.</returns>
    /// <exception cref="ArgumentException">An activity is empty or appears twice, or a difficulty is not finite.</exception>
    public static EloItemBank From(IEnumerable<KeyValuePair<ActivityId, Rated>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var builder = ImmutableSortedDictionary.CreateBuilder<ActivityId, Rated>();
        foreach (var (activity, rated) in items)
        {
            if (activity.IsEmpty || !double.IsFinite(rated.Value) || rated.Answers < 0 || !builder.TryAdd(activity, rated))
            {
                throw new ArgumentException($"Item '{activity}' must be named, appear once, and have a finite difficulty and a non-negative answer count; got {rated}.", nameof(items));
            }
        }

        return new(builder.ToImmutable());
    }

    /// <summary>Calibrates: one answer moves the item's difficulty (and the learner's skill).</summary>
    /// <param name="learner">The learner's rating on the item's competency.</param>
    /// <param name="activity">The item.</param>
    /// <param name="score">The answer, in [0, 1].</param>
    /// <param name="rating">α and β, or null for Pelánek's.</param>
    /// <param name="guessFloor">The guess floor.</param>
    /// <returns>The bank after, and the learner's rating after.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN or outside [0, 1].</exception>
    public (EloItemBank Bank, Rated Learner) Record(Rated learner, ActivityId activity, double score, EloRating? rating = null, double guessFloor = 0)
    {
        if (!(score >= 0 && score <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, string.Create(CultureInfo.InvariantCulture, $"A score must be in [0, 1]; got {score}."));
        }

        var item = Items.TryGetValue(activity, out var r) ? r : default;
        var (learnerAfter, itemAfter) = (rating ?? EloRating.Default).Update(learner, item, score, guessFloor);
        return (new EloItemBank(Items.SetItem(activity, itemAfter)), learnerAfter);
    }
}
