using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Recommendations;

/// <summary>Runs a next-step recommender in a simulation: the learner takes the single best next step, with their goals,
/// their recent history, the mastery model as predictor when it predicts, and the competencies due for review.</summary>
/// <param name="recommender">The recommender; <see cref="AdaptiveRecommender.Default"/> when null.</param>
/// <param name="name">The name in reports; "adaptive recommender" when null.</param>
/// <param name="reviews">How due reviews are found: each step replays the learner's evidence through this scheduler
/// (<see cref="ReviewScheduler.Replay"/>) and passes what is due among the mastered competencies; null for a
/// <see cref="ReviewScheduler"/> with FSRS's defaults over the catalog's framework.</param>
/// <param name="withReviews">False to pass no due reviews at all, as before reviews were passed.</param>
/// <param name="gating">How strongly the framework's prerequisites gate learning, passed with every request
/// (<see cref="NextStepRequest.PrerequisiteGating"/>; for a catalog of another framework instance the request, and so
/// <see cref="Choose"/>, throws <see cref="ArgumentException"/>); null for none (every prerequisite hard) until
/// <see cref="Calibrate"/> learns it.</param>
/// <param name="calibrate">Whether <see cref="Calibrate"/> learns the gating from a pilot log; false to keep
/// <paramref name="gating"/> as given.</param>
/// <remarks>When the recommender has nothing to offer, the learner keeps practising as the baselines do once their
/// model calls everything on the way mastered (<see cref="MasteryLinearPolicy"/>): cycling through the goals and their
/// prerequisites, 3 steps each. Immutable and thread-safe when the recommender is.</remarks>
public sealed class RecommenderPolicy(INextStepRecommender? recommender = null, string? name = null, ReviewScheduler? reviews = null, bool withReviews = true,
    PrerequisiteGating? gating = null, bool calibrate = true) : ICalibratedPolicy
{
    /// <summary>The prerequisite gating passed with every request; null for none.</summary>
    public PrerequisiteGating? Gating { get; } = gating;

    /// <summary>Whether <see cref="Calibrate"/> learns the gating from a pilot log.</summary>
    public bool Calibrates { get; } = calibrate;

    /// <summary>Whether due reviews are passed.</summary>
    public bool WithReviews { get; } = withReviews;

    /// <summary>How due reviews are found; null for FSRS's defaults over the catalog's framework.</summary>
    public ReviewScheduler? Reviews { get; } = reviews;

    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>RecommenderPolicy { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The recommender.</summary>
    public INextStepRecommender Recommender { get; } = recommender ?? AdaptiveRecommender.Default;

    /// <inheritdoc />
    public string Name { get; } = name ?? "adaptive recommender";

    /// <inheritdoc />
    public ActivityId? Choose(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new NextStepRequest(context.Catalog, context.Mastery, 1, context.Profile)
        {
            Predictor = context.Model as ICorrectnessPredictor,
            History = context.History,
            Mode = RecommendationMode.BestNext,
            DueReviews = DueReviews(context),
            PrerequisiteGating = Gating,
        };
        var steps = Recommender.Recommend(request).Steps;
        return steps.IsEmpty ? GoalPath.KeepPractising(context) : steps[0].Activity.Id;
    }

    /// <summary>Learns how strongly the course's prerequisites gate learning from a pilot log
    /// (<see cref="PrerequisiteGatingEstimator"/>, with the course's model when it is a BKT model).</summary>
    /// <param name="log">The pilot class's answers.</param>
    /// <param name="catalog">The course's catalog.</param>
    /// <param name="model">The course's mastery model.</param>
    /// <returns>This policy with the gating learned, or this policy itself when it does not calibrate
    /// (<see cref="Calibrates"/> is false) or the model is not a <see cref="BktModel"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The estimator refuses the model (see
    /// <see cref="PrerequisiteGatingEstimator.Estimate"/>).</exception>
    public ISimulationPolicy Calibrate(ResponseLog log, ActivityCatalog catalog, IMasteryModel model)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return !Calibrates || model is not BktModel bkt ? this
            : new RecommenderPolicy(Recommender, Name, Reviews, WithReviews, PrerequisiteGatingEstimator.Estimate(log, catalog.Framework, bkt), calibrate: true);
    }

    private ImmutableArray<DueReview> DueReviews(SimulationContext context)
    {
        if (!WithReviews || context.State.EvidenceCount == 0)
        {
            return [];
        }

        var framework = context.Catalog.Framework;
        var scheduler = Reviews ?? DefaultSchedulers.GetValue(framework, static f => new ReviewScheduler(f));
        var memory = scheduler.Replay(context.State.Evidence, context.Catalog).Memory;
        return scheduler.DueReviews(memory, context.Now, memory.Keys.Where(context.Mastery.IsMastered));
    }

    private static readonly ConditionalWeakTable<CompetencyFramework, ReviewScheduler> DefaultSchedulers = [];
}
