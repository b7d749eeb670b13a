namespace PersonalizedLearning.Activities;

/// <summary>
/// States that an activity teaches or assesses a competency, and how strongly.
/// </summary>
/// <param name="Competency">The competency the activity is aligned to.</param>
/// <param name="Weight">How much of the activity is about this competency, in [<see cref="MinimumWeight"/>,
/// <see cref="MaximumWeight"/>] = [1e-6, 1]; 1 means entirely. Evidence from the activity counts toward the competency
/// with this weight.</param>
/// <remarks>
/// Immutable and thread-safe. The default value has an empty competency and weight 0 and is rejected by
/// <see cref="LearningActivity"/> and <see cref="ActivityCatalogBuilder"/>, which check every alignment's weight. In
/// JSON both members are required (a document without its weight is refused, not read as weight 0).
/// </remarks>
public readonly record struct ActivityAlignment(
    [property: System.Text.Json.Serialization.JsonRequired] PersonalizedLearning.Competencies.CompetencyId Competency,
    [property: System.Text.Json.Serialization.JsonRequired] double Weight = 1.0)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>ActivityAlignment { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The smallest alignment weight: 1e-6. Bounded so that evidence weight times alignment weight stays a
    /// normal double of at least 1e-12 and the rollup models' weighted means stay exact
    /// (see <see cref="Observations.Evidence.MinimumWeight"/>).</summary>
    public const double MinimumWeight = 1e-6;

    /// <summary>The largest alignment weight: 1, an activity entirely about the competency.</summary>
    public const double MaximumWeight = 1;
}
