using PersonalizedLearning.Activities;
using PersonalizedLearning.Interop;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.DependencyInjection;

/// <summary>What <c>AddPersonalizedLearning</c> registers the engine with: the unnamed options, or the options named
/// after a tenant for <c>AddPersonalizedLearning(tenant, …)</c>. Checked when the host starts (<c>ValidateOnStart</c>), or,
/// without a host, when first built: every problem is reported at once.</summary>
/// <remarks>Mutable while configured, then read only by the library. Not thread-safe while being configured.</remarks>
public sealed class PersonalizedLearningOptions
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>PersonalizedLearningOptions { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The activities, and through them the framework. Required.</summary>
    public ActivityCatalog? Catalog { get; set; }

    /// <summary>The mastery model; Canvas's decaying average (0.65) by default.</summary>
    public IMasteryModel? Model { get; set; } = RollupMasteryModel.DecayingAverage(0.65);

    /// <summary>The mastery policy.</summary>
    public MasteryPolicy? Policy { get; set; } = MasteryPolicy.Default;

    /// <summary>The recommender's weights and thresholds.</summary>
    public RecommenderOptions? Recommender { get; set; } = RecommenderOptions.Default;

    /// <summary>The xAPI verbs and activity IRIs; every activity IRI must map to an activity of <see cref="Catalog"/>
    /// (checked with the other options).</summary>
    public XapiMappingOptions? Xapi { get; set; } = XapiMappingOptions.Default;

    /// <summary>The limits on documents from outside.</summary>
    public InteropLimits? Limits { get; set; } = InteropLimits.Default;

    /// <summary>How far after the clock evidence may be dated (<see cref="PersonalizedLearningEngine.MaximumFutureSkew"/>);
    /// one day by default, not negative.</summary>
    public TimeSpan MaximumFutureSkew { get; set; } = PersonalizedLearningEngine.DefaultMaximumFutureSkew;

    /// <summary>Whether a reload that comes from a change of these options may drop activities or competencies of the
    /// current catalog (see <see cref="CatalogRemovalPolicy"/>); read only on such a reload.</summary>
    /// <value><see cref="CatalogRemovalPolicy.Refuse"/> by default.</value>
    public CatalogRemovalPolicy CatalogRemovals { get; set; }

    /// <summary>Whether learner ids go on the engine's and the records' spans
    /// (<see cref="PersonalizedLearningEngine.IncludeLearnerIdsInTelemetry"/>); false by default.</summary>
    public bool IncludeLearnerIdsInTelemetry { get; set; }

    // What the configure steps given to AddPersonalizedLearning threw, in order: reported with the other problems, so a
    // host that fails to start hears of every tenant at once and not only of the first step that threw.
    internal List<string>? ConfigureFailures { get; set; }

    // Every problem, in a fixed order; empty when the options are usable.
    internal List<string> Problems()
    {
        var problems = new List<string>();
        if (ConfigureFailures is not null)
        {
            problems.AddRange(ConfigureFailures);
        }

        if (Catalog is null)
        {
            problems.Add("PersonalizedLearningOptions.Catalog is required: set the activity catalog (and through it the framework).");
        }

        if (Model is null)
        {
            problems.Add("PersonalizedLearningOptions.Model must not be null.");
        }
        else if (string.IsNullOrWhiteSpace(Model.Name))
        {
            problems.Add("PersonalizedLearningOptions.Model needs a non-blank name; learner states record it.");
        }

        if (MaximumFutureSkew < TimeSpan.Zero)
        {
            problems.Add($"PersonalizedLearningOptions.MaximumFutureSkew must not be negative; got {MaximumFutureSkew}.");
        }

        foreach (var (value, name) in new (object?, string)[] { (Policy, nameof(Policy)), (Recommender, nameof(Recommender)), (Xapi, nameof(Xapi)), (Limits, nameof(Limits)) })
        {
            if (value is null)
            {
                problems.Add($"PersonalizedLearningOptions.{name} must not be null.");
            }
        }

        if (Catalog is not null && Xapi is not null)
        {
            // What the mapper's constructor would refuse, reported with the rest (issue 21).
            foreach (var (iri, activity) in Xapi.UnknownActivities(Catalog))
            {
                problems.Add($"PersonalizedLearningOptions.Xapi: {XapiMappingOptions.UnknownActivityProblem(iri, activity)}");
            }
        }

        if (PersonalizedLearningEngine.PassingScoreConflict(Model, Recommender, null) is { } conflict)
        {
            problems.Add($"PersonalizedLearningOptions: {conflict}");
        }

        if (!Enum.IsDefined(CatalogRemovals))
        {
            problems.Add($"PersonalizedLearningOptions.CatalogRemovals must be Refuse or Allow; got {CatalogRemovals}.");
        }

        return problems;
    }
}
